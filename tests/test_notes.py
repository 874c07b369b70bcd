"""What the data holds, the views show: every source note and gap note, in every format
(in full with --annotated; a reader's view says a gap in a few words and keeps the full
sentence for `sevenf source N`, the JSON and --annotated), and a note under every marker."""

from __future__ import annotations

import html
import re
import subprocess
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pytest
from helpers import DATA, needs_pandoc, needs_source, pandoc, source_text

from seven_features.corpus.indexed import Corpus
from seven_features.queries import brief, query
from seven_features.render import html as html_format
from seven_features.render import markdown, terminal, text
from seven_features.render.layout.views import layout

if TYPE_CHECKING:
    from seven_features.corpus.records import Recorded
    from seven_features.queries.results import Result

Build = Callable[[Corpus], "Result"]


def _fold(value: str) -> str:
    return " ".join(value.split())


def plain(result: Result) -> str:
    return _fold(text.render(layout(result, True)))


def as_markdown(result: Result) -> str:
    return _fold(re.sub(r"\\(.)", r"\1", markdown.render(layout(result, True))))


def as_terminal(result: Result) -> str:
    drawn = terminal.render(layout(result, True), width=2000, colour=False)
    return _fold(re.sub("[\u2500-\u257f]", " ", drawn))  # box drawing, wrapped lines joined


def as_html(result: Result) -> str:
    page = html_format.render(layout(result, True))
    return _fold(html.unescape(re.sub(r"<[^>]+>", "", page)))


FORMATS = {"text": plain, "markdown": as_markdown, "terminal": as_terminal, "html": as_html}


def notes_of(record: Recorded) -> Iterator[str]:
    """Every source note and every gap note the data records for `record`."""
    yield from record["remarks"]
    yield from record["missing"].values()


def source_view(number: int) -> Build:
    """The view of footnote `number`, to build when wanted."""
    return lambda corpus: query.source(corpus, str(number))


def recorded(corpus: Corpus) -> Iterator[tuple[str, str, Build]]:
    """(what, note, the view that shows the record) for every note of a finding, quote,
    footnote or source."""
    for finding in corpus.findings:
        for note in notes_of(finding):
            yield f"finding {finding['id']}", note, query.findings
    for quote in corpus.quotes:
        for note in notes_of(quote):
            yield f"quote {quote['id']}", note, query.quotes
    for number, footnote in corpus.footnotes.items():
        for note in notes_of(footnote):
            yield f"footnote {number}", note, source_view(number)
            yield f"footnote {number} listed", note, query.list_sources
    for source in corpus.sources.values():
        for note in notes_of(source):
            yield f"source {source['id']}", note, query.list_sources


def test_the_walk_covers_every_kind(corpus: Corpus) -> None:
    kinds = {what.split()[0] for what, _, _ in recorded(corpus)}
    assert kinds == {"finding", "quote", "footnote", "source"}
    assert len(list(recorded(corpus))) > 60


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_note_the_data_records_is_shown(corpus: Corpus, fmt: str) -> None:
    draw = FORMATS[fmt]
    drawn: dict[int, str] = {}
    missing = []
    for what, note, build in recorded(corpus):
        result = build(corpus)
        key = hash(repr(result))
        if key not in drawn:
            drawn[key] = draw(result)
        if _fold(note) not in drawn[key]:
            missing.append(f"{what}: {note}")
    assert missing == []


def test_a_finding_says_which_marker_belongs_to_which_place(corpus: Corpus) -> None:
    out = text.render(layout(query.outcome(corpus, "2", True), True))
    line = next(x for x in out.splitlines() if "North East Lincolnshire and Hertfordshire" in x)
    assert line.startswith(
        "- North East Lincolnshire and Hertfordshire saw reductions in the need for Child "
        "Protection Plans[2][3] (projects: Creating Strong Communities in North East "
        "Lincolnshire"
    )
    assert line.endswith(
        "(Source note: Marker ² follows 'North East Lincolnshire' and marker ³ follows "
        "'Hertfordshire'.)"
    )


# --- every marker has its note --------------------------------------------------------------


def every_view(corpus: Corpus) -> Iterator[tuple[str, Result]]:
    """Every view of every record sevenf can show."""
    yield "overview", query.overview(corpus)
    yield "about", query.about(corpus)
    lists: list[tuple[str, Build]] = [
        ("features", query.list_features),
        ("outcomes", query.list_outcomes),
        ("enablers", query.list_enablers),
        ("projects", query.list_projects),
        ("sources", query.list_sources),
        ("table", query.table),
        ("chart", query.outcomes_chart),
        ("quotes", query.quotes),
        ("pitfalls", query.pitfalls),
        ("findings", query.findings),
    ]
    for name, build in lists:
        yield name, build(corpus)
    yield "validate", query.validate_report(corpus, "data")
    yield "search", query.search(corpus, "Hertfordshire", limit=100)
    for n in range(1, 8):
        yield f"feature {n}", query.feature(corpus, str(n))
        yield f"outcome {n}", query.outcome(corpus, str(n))
        yield f"outcome {n} --evidence", query.outcome(corpus, str(n), True)
    for e in corpus.enablers:
        yield f"enabler {e['id']}", query.enabler(corpus, e["id"])
    for p in corpus.projects:
        yield f"project {p}", query.project(corpus, p)
        yield f"pitfalls/quotes/findings --project {p}", query.findings(corpus, project=[p])
    for number in corpus.footnotes:
        yield f"source {number}", query.source(corpus, str(number))
    every = [str(n) for n in range(1, 8)]
    yield "brief", brief.build(corpus, every, every, list(corpus.projects))


def test_every_marker_is_followed_by_its_note(corpus: Corpus) -> None:
    for name, result in every_view(corpus):
        out = text.render(layout(result, True))
        body, _, notes = out.partition("\nFootnotes\n---------\n")
        cited = {int(n) for n in re.findall(r"\[(\d+)\]", body)}
        noted = {int(n) for n in re.findall(r"^\[(\d+)\] ", notes, re.M)}
        if result["view"] == "sources":
            continue  # its footnotes are its content, listed as '[n] ...'
        assert cited <= noted, (name, cited - noted)
        page = markdown.render(layout(result, True))
        # a marker anywhere but at the start of a line (where it defines the note)
        cited_md = set(re.findall(r"(?<!\n)\[\^(\d+)\]", "\n" + page))
        defined_md = set(re.findall(r"^\[\^(\d+)\]: ", page, re.M))
        assert cited_md == defined_md, (name, cited_md ^ defined_md)


def test_the_outcomes_list_notes_its_markers(corpus: Corpus) -> None:
    out = text.render(layout(query.list_outcomes(corpus)))
    notes = out.split("\nFootnotes\n---------\n\n")[1]
    assert re.findall(r"^\[(\d+)\]", notes, re.M) == ["6", "10", "17"]
    assert notes.startswith("[6] [note not given in the source: The marker ⁶ follows")


def test_the_chart_lists_its_footnotes_in_order(corpus: Corpus) -> None:
    numbers = [n["number"] for n in query.outcomes_chart(corpus)["footnotes"]]
    assert numbers == sorted(numbers) == [1, 6, 8, 10, 17]


def test_markdown_has_no_footnotes_heading_of_its_own(corpus: Corpus) -> None:
    for name, result in every_view(corpus):
        page = markdown.render(layout(result, True))
        if "[^" in page:
            assert "# Footnotes" not in page, name


@needs_pandoc
@pytest.mark.parametrize("view", ["outcomes", "outcome 2 --evidence", "feature 4", "sources"])
def test_pandoc_makes_real_footnotes_and_leaves_no_empty_heading(corpus: Corpus, view: str) -> None:
    result = dict(every_view(corpus))[view]
    page = subprocess.run(
        [str(pandoc()), "-f", "markdown-smart", "-t", "html"],
        input=markdown.render(layout(result, True)),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "[^" not in page
    assert not re.search(r"</h[1-3]>\s*(<section[^>]*footnotes|$)", page), view  # empty
    if view != "sources":
        assert 'role="doc-endnotes"' in page


@needs_source
def test_the_notes_a_split_sentence_continues_after_are_those_the_page_prints() -> None:
    # 'seven projects reported' is split by the foot of page 7; the remark on it names the
    # notes printed between its two halves, as printed: ¹²³⁴⁵⁷, with no note 6.
    text = source_text()
    between = text[text.index("seven projects reported") : text.index("improvements in resilience")]
    digits = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
    printed = [int(m.translate(digits)) for m in re.findall(r"^([⁰¹²³⁴⁵⁶⁷⁸⁹]+) ", between, re.M)]
    assert printed == [1, 2, 3, 4, 5, 7]
    for path in (DATA / "framework.yaml", DATA / "evidence.yaml"):
        lines = path.read_text(encoding="utf-8").splitlines()
        remark = next(line for line in lines if "split by the foot of page 7" in line)
        assert "footnotes 1 to 5 and 7 (no note 6 is printed)" in remark
