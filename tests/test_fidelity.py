"""The shipped data against the source text: every text verbatim, every figure printed, every gap real."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest
from helpers import needs_source, source_text

from seven_features.corpus.indexed import Corpus
from seven_features.queries import brief

if TYPE_CHECKING:
    from seven_features.queries.results import Result

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"

pytestmark = needs_source


def fold(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def source() -> str:
    return source_text()


@pytest.fixture(scope="module")
def notes(source: str) -> dict[int, str]:
    """The footnotes as printed: number -> text."""
    found = {}
    for line in source.splitlines():
        match = re.match(f"^([{SUPERSCRIPTS}]+) (.*)$", line)
        if match:
            number = int(match.group(1).translate(str.maketrans(SUPERSCRIPTS, "0123456789")))
            found[number] = match.group(2).rstrip()
    return found


@pytest.fixture(scope="module")
def body(source: str) -> str:
    """The running text: footnote lines and the stray page number dropped, markers removed,
    white space folded, so sentences split by a page break read whole again."""
    lines = [
        line
        for line in source.splitlines()
        if not re.match(f"^[{SUPERSCRIPTS}]+ ", line) and line.strip() != "8"
    ]
    text = "\n".join(lines)
    text = re.sub(f"[{SUPERSCRIPTS}]", "", text)
    # the three markers printed as plain digits: 'nationally.1', '"25 -', '"27 -'
    text, plain = re.subn(r'(?<=nationally\.)1\b|(?<=")(25|27)(?= -)', "", text)
    assert plain == 3
    return fold(text)


def texts(record: Any, skip: tuple[str, ...] = ()) -> list[str]:
    """Every string in a record, but those under keys that are the data's own words."""
    own = {
        "id",
        "missing",
        "remarks",
        "kind",
        "separator",
        "set",
        "unit",
        "change",
        "author_basis",
        "basis",
        "aliases",
        "label",
        "feature",
        "outcome",
        "enabler",
        "source",
        "project",
        "projects",
        "features",
        "reports",
        *skip,
    }
    if isinstance(record, str):
        return [record]
    if isinstance(record, dict):
        return [t for k, v in record.items() if k not in own for t in texts(v, skip)]
    if isinstance(record, list):
        return [t for v in record for t in texts(v, skip)]
    return []


def test_counts_match_the_source(corpus: Corpus) -> None:
    assert [len(f["differences"]) for f in corpus.features] == [4, 4, 2, 3, 3, 3, 3]
    assert [len(f["pitfalls"]) for f in corpus.features] == [2, 2, 2, 3, 2, 1, 2]
    per_feature = [sum(q["feature"] == f["id"] for q in corpus.quotes) for f in corpus.features]
    assert per_feature == [1, 2, 2, 1, 2, 2, 0]
    assert sorted(corpus.footnotes) == list(range(1, 28))
    assert len(corpus.outcomes) == len(corpus.improvement_enablers) == 7
    assert len(corpus.evaluation_enablers) == 4


def test_every_quote_is_verbatim(corpus: Corpus, source: str) -> None:
    flat = fold(source)
    for quote in corpus.quotes:
        assert f'"{quote["text"]}"' in flat, quote["id"]
        assert quote["attribution"] in flat, quote["id"]


def test_every_framework_text_is_verbatim(corpus: Corpus, body: str) -> None:
    framework = corpus.raw["framework"]
    checked = 0
    for text in texts(
        framework,
        skip=(
            "table_title",
            "table_name",
            "attribution",
            "author",
            "url",
            "name",
            "headline",
            "explanation",
        ),
    ):
        assert fold(text) in body, text
        checked += 1
    for feature in corpus.features:
        for point in feature["differences"] + feature["pitfalls"]:
            assert fold(point["headline"] + point["separator"] + point["explanation"]) in body
    assert checked > 100


def test_table_1_rows_are_as_printed(corpus: Corpus, source: str) -> None:
    lines = source.splitlines()
    for row in corpus.table["rows"]:
        printed = "\t".join(
            [str(row["number"]), row["feature_text"], row["outcome_text"], row["enabler_text"]]
        )
        assert printed in lines
    assert "\t".join(corpus.table["columns"]) in lines


def test_every_finding_is_verbatim_with_its_figures(corpus: Corpus, body: str) -> None:
    words = {
        "two": 2,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "fourteen": 14,
        "twenty one": 21,
        "twenty-four": 24,
    }
    for finding in corpus.findings:
        assert fold(finding["statement"]) in body, finding["id"]
        for figure in finding["figures"]:
            printed = figure["printed"]
            assert printed in finding["statement"]
            numbers = [float(n.replace(",", "")) for n in re.findall(r"\d+(?:\.\d+)?", printed)]
            numbers += [v for w, v in words.items() if re.search(rf"\b{w}\b", printed.lower())]
            if figure["kind"] == "count":
                assert figure["count"] in numbers
                assert figure.get("total") is None or figure["total"] in numbers
            elif figure["kind"] == "percentage":
                assert numbers == [figure["percent"]]
            elif figure["kind"] == "before-after":
                assert numbers == [figure["before"], figure["after"]]
            elif figure["kind"] == "rate-vs-national":
                assert numbers == [figure["rate"], figure["national"]]
            elif figure["kind"] == "money":
                assert printed == "£2.6m" and figure["amount_gbp"] == 2_600_000
            else:
                assert printed == "halved" and figure["factor"] == 0.5


def test_footnotes_are_as_printed(
    corpus: Corpus, notes: dict[int, str], body: str, source: str
) -> None:
    for number, note in corpus.footnotes.items():
        if note["text"] is None:
            assert number not in notes and "text" in note["missing"]
        else:
            assert note["text"] == notes[number]
        page = re.search(r"pg\. ?(\d+)", note["text"] or "")
        if not note["ibid"]:
            assert note["page"] == (page.group(1) if page else None), number
        marker = note["marker"]
        if marker is None:
            superscript = str(number).translate(str.maketrans("0123456789", SUPERSCRIPTS))
            running = "\n".join(
                line for line in source.splitlines() if not re.match(f"^[{SUPERSCRIPTS}]+ ", line)
            )
            assert superscript not in running and "marker" in note["missing"]
        else:
            assert marker in source


def test_ibid_resolves_as_a_careful_reader_would(corpus: Corpus) -> None:
    expected = {
        9: ("final-evaluation-report", "42", [8]),
        10: ("final-evaluation-report", "6", [9, 8]),
        11: ("final-evaluation-report", "26", [10, 9, 8]),
        16: ("final-evaluation-report", "46", [15]),
        17: ("final-evaluation-report", "7", [16, 15]),
    }
    for number, (source_id, page, through) in expected.items():
        citation = corpus.citation(number)
        assert (citation["source"], citation["page"], citation["resolved_through"]) == (
            source_id,
            page,
            through,
        )
    assert [n for n, f in corpus.footnotes.items() if f["ibid"]] == sorted(expected)


def test_gaps_of_the_source_are_recorded(corpus: Corpus) -> None:
    three, four, six = (corpus.citation(n) for n in (3, 4, 6))
    assert (
        three["year"] is None
        and three["page"] is None
        and {"year", "page"} <= set(three["missing"])
    )
    assert four["page"] is None and "page" in four["missing"]
    assert six["printed"] is None and six["source"] is None
    unfootnoted = {q["id"] for q in corpus.quotes if q["footnote"] is None}
    assert unfootnoted == {
        "signs-of-safety-social-worker",
        "focus-on-practice-social-worker",
        "hertfordshire-father",
    }
    signs = next(q for q in corpus.quotes if q["id"] == "signs-of-safety-social-worker")
    assert signs["page"] == "47"
    assert (
        corpus.features[0]["heading"] is None
        and corpus.features[5]["heading"] == "High intensity and consistency of practice"
    )


def test_outcome_names_as_the_section_and_table_give_them(corpus: Corpus, source: str) -> None:
    lines = source.splitlines()
    for outcome in corpus.outcomes:
        assert outcome["name"] in lines
    order = sorted(corpus.outcomes, key=lambda o: o["position"])
    positions = [lines.index(o["name"]) for o in order]
    assert positions == sorted(positions)


def test_names_of_sources_and_projects_are_the_documents(corpus: Corpus, source: str) -> None:
    body = fold(source)
    for src in corpus.sources.values():
        for text in (src["name"], src["title"], src["year"], src["series"], src["author"]):
            assert text is None or fold(text) in body, src["id"]
    for project in corpus.projects.values():
        for text in [project["name"], project["description"], *project["places"]]:
            assert text is None or fold(text) in body, project["id"]


# --- sevenf's own notes quote the document exactly ------------------------------------------

QUOTED = re.compile(r"(?:^|(?<=[\s(]))'(\S.*?)'(?=[\s.,;:)]|$)")


def notes_in(record: Any) -> list[str]:
    """Every gap note and source note in a record, however deep."""
    if isinstance(record, dict):
        own = [*record.get("missing", {}).values(), *record.get("remarks", [])]
        return own + [
            n for k, v in record.items() if k not in ("missing", "remarks") for n in notes_in(v)
        ]
    if isinstance(record, list):
        return [n for v in record for n in notes_in(v)]
    return []


def test_every_passage_a_note_quotes_is_the_documents(corpus: Corpus, source: str) -> None:
    printed = fold(re.sub(f"[{SUPERSCRIPTS}]", "", source))
    quoted = [q for note in notes_in(corpus.raw) for q in QUOTED.findall(note)]
    assert len(quoted) > 40
    for passage in quoted:
        for part in passage.split("…"):  # sevenf's cuts
            assert fold(part) in printed, passage


def test_the_munro_review_note_keeps_the_documents_words(corpus: Corpus, source: str) -> None:
    why = corpus.sources["munro-review"]["missing"]["year"]
    assert "began" not in why
    assert (
        "'two years on from the publication of the Munro Review of Child Protection, there had "
        "not yet been a step change in the quality and impact of children's social care'"
    ) in why
    assert "The Innovation Programme recognised that, two years on from the publication" in source


def test_the_evaluator_is_as_the_document_gives_it(corpus: Corpus, source: str) -> None:
    from seven_features.queries import query
    from seven_features.render import text
    from seven_features.render.layout.views import layout

    evaluation = corpus.programme["evaluation"]
    by = evaluation["overall_report_by"]
    assert f"the final overall evaluation report written by {by}" in fold(source)
    assert evaluation["project_reports_by"] is None
    assert "names no author" in evaluation["missing"]["project_reports_by"]
    about = text.render(layout(query.about(corpus)))
    assert f"\nFinal overall evaluation report by: {by}\n" in about
    assert "\nProject evaluation reports by: [author not given in the source: " in about
    assert "Evaluated by" not in about
    gaps = query.gaps(corpus)
    assert {k: v for k, v in gaps[0].items() if k != "missing"} == {
        "where": "programme › evaluation",
        "field": "project_reports_by",
    }


def test_the_enablers_table_keeps_each_closing_full_stop(corpus: Corpus, source: str) -> None:
    from seven_features.queries import query
    from seven_features.render import text
    from seven_features.render.layout.views import layout

    table = text.render(layout(query.list_enablers(corpus)))
    for enabler in corpus.improvement_enablers:
        printed = re.search(rf"\*\*{enabler['number']}\. [^*]+\*\* (.+)$", source, re.M)
        assert printed and printed.group(1).endswith(".")
        assert f" | {printed.group(1)}\n" in table, enabler["title"]


def test_sevenfs_own_words_in_markdown_are_italic_never_bold(corpus: Corpus) -> None:
    from seven_features.queries import query
    from seven_features.render import markdown
    from seven_features.render.layout.views import layout

    views: list[Result] = [query.feature(corpus, str(n)) for n in range(1, 8)]
    views += [query.list_projects(corpus), query.about(corpus), query.list_sources(corpus)]
    every = [str(n) for n in range(1, 8)]
    views.append(brief.build(corpus, every, every, list(corpus.projects)))
    for view in views:
        page = markdown.render(layout(view))
        assert "**\\[" not in page and "\\]**" not in page
        assert "*\\[" in page or view["view"] != "feature" or view["number"] != 1
    heading_gap = markdown.render(layout(query.feature(corpus, "1"))).splitlines()[2]
    assert heading_gap.startswith("*\\[In-depth heading not given in the source:")
    assert heading_gap.endswith("\\]*") and not heading_gap.startswith("**")
