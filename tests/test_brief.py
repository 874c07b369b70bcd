"""`sevenf brief`: only what was asked for, each passage once, citations a reader expects;
printable HTML; and `-o` that writes a whole file or none. Word: see test_word.py."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import DATA, Cli

from seven_features.corpus.indexed import Corpus
from seven_features.render import html as html_render
from seven_features.render.blocks import (
    Cite,
    Em,
    Gap,
    Heading,
    Notes,
    Pairs,
    Para,
    Quote,
    Strong,
    Table,
)
from seven_features.store import files

CHOICE = ("--outcome", "reduced risk", "--feature", "6")
LICENCE_URL = "www.nationalarchives.gov.uk/doc/open-government-licence/version/3"
FRAMEWORK = "Department for Education (2022) *Seven features of practice and seven outcomes*"


def brief(cli: Cli, *args: str) -> str:
    """`sevenf brief *args`'s stdout, which must be all it wrote."""
    code, out, err = cli("brief", *args)
    assert (code, err) == (0, ""), err
    return out


@pytest.fixture(scope="module")
def markdown(cli: Cli) -> str:
    return brief(cli, *CHOICE)


@pytest.fixture(scope="module")
def page(cli: Cli) -> str:
    return brief(cli, *CHOICE, "--format", "html")


def notes_of(markdown: str) -> dict[str, str]:
    """Footnote key -> its text, in the order the definitions are listed."""
    return dict(re.findall(r"^\[\^([^\]]+)\]: (.*)$", markdown, re.M))


def cited_in_order(markdown: str) -> list[str]:
    return list(dict.fromkeys(re.findall(r"\[\^([^\]]+)\](?!:)", markdown)))


def quotes_of(corpus: Corpus, *features: str) -> list[str]:
    return [q["text"] for q in corpus.quotes if q["feature"] in features]


# --- what a brief holds --------------------------------------------------------------


def test_markdown_holds_the_parts_sources_and_licence(markdown: str, corpus: Corpus) -> None:
    assert markdown.startswith(
        "# Evidence brief\n\nFrom *Seven features of practice and seven outcomes*: Based on"
    )
    for heading in (
        "## Feature 6: High intensity and consistency of practitioner",
        "### Definition",
        "### What difference does it make?",
        "### Potential pitfalls",
        "### Quotes",
        "## Outcome 2: Reduced risk for children",
        "### Findings",
        "## Sources",
        "## Licence and attribution",
    ):
        assert f"\n{heading}\n" in markdown
    assert "- **Helps build strong relationships** – the young person and family" in markdown
    # the page is in the note, not repeated after it; a reading of the source's words is a
    # note on the sources, reached by its letter
    assert "> — Parent, Ealing Brighter Futures evaluation.[^26]<sup>b</sup>\n" in markdown
    notes = markdown[markdown.index("## Notes on the sources") :]
    assert "\n- **b** The quote runs across a page break.\n" in notes
    assert "figures" not in markdown  # the figures read are the JSON's and --annotated's
    # a finding with no footnote of its own is cited to the framework, and a note says why
    assert (
        "(the other eight saw no change or mixed results).[^framework-outcomes]"
        "<sup>f</sup><sup>,</sup><sup>g</sup>\n"
    ) in markdown
    assert "\n- **f** No footnote marker is printed for this statement.\n" in notes
    assert "\n- **g** In Table 1 this outcome reads ‘Reduced risk for Children’.\n" in notes
    doc = corpus.document
    assert f"\n{doc['licence']['statement']}\n" in markdown
    assert (
        f"\n*Seven features of practice and seven outcomes*, © Crown copyright 2022. "
        f"{doc['attribution']['text']} Open Government Licence v3.0: {LICENCE_URL}\n"
    ) in markdown
    assert f"\n- {FRAMEWORK}. RR: RR1270. ISBN 978-1-83870-406-3.\n" in markdown


def test_every_citation_is_a_note_numbered_by_first_use(markdown: str) -> None:
    notes = notes_of(markdown)
    assert cited_in_order(markdown) == list(notes)
    # 7: the No Wrong Door finding, reached through the projects feature 6 links to
    assert list(notes) == [
        "framework-feature-6", "26", "27", "7", "framework-outcomes", "2", "3", "4", "5"
    ]  # fmt: skip
    # notes 2 and 3 follow one word: parted by a comma, they cannot read as note 23
    assert "for Child Protection Plans[^2],[^3]\n" in markdown
    assert "][^" not in markdown


def test_footnotes_read_as_a_report_gives_them(cli: Cli) -> None:
    notes = notes_of(brief(cli, "--outcome", "3"))
    assert notes["11"] == (
        "Children's Social Care Innovation Programme (2017) *Final Evaluation Report*, p. 26."
    )
    # sevenf's reasoning stays out of the notes: no Ibid., no chain, no arrow
    text = "\n".join(notes.values())
    assert "Ibid" not in text and "→" not in text and "through" not in text


def test_framework_text_is_cited_to_the_framework_with_its_page(cli: Cli) -> None:
    out = brief(cli, "--feature", "4", "--sections", "differences")
    notes = notes_of(out)
    assert notes == {"framework-feature-4": f"{FRAMEWORK}, Practice feature four, from p. 20."}
    # the first point carries it, as no definition is shown
    assert "- **Greater coherence for families** – multi-disciplinary teams" in out
    assert "don't have to repeat themselves.[^framework-feature-4]\n" in out
    # a finding with no footnote of its own stands in the outcomes section: cited there
    stability = notes_of(brief(cli, "--outcome", "7"))
    assert stability["framework-outcomes"] == f"{FRAMEWORK}, Seven Outcomes, from p. 7."


def test_what_a_note_takes_from_another_note_is_said(cli: Cli) -> None:
    out = brief(cli, "--outcome", "2", "--outcome", "3")
    notes = notes_of(out)
    assert notes["3"] == (
        "Children's Social Care Innovation Programme (2017) *Family Safeguarding Hertfordshire "
        "Evaluation Report*.<sup>d</sup><sup>,</sup><sup>e</sup>"
    )
    assert notes["12"].endswith("p. 41.<sup>g</sup><sup>,</sup><sup>h</sup>")
    said = out[out.index("## Notes on the sources") :]
    assert (
        "- **d** The document's note 3: The note breaks off after 'Family Safeguarding "
        "Hertfordshire Evaluation Report,' and gives no page.\n"
        "- **e** The document's note 3: it gives no year; 2017 is the year notes 12, 18 and "
        "22 give.\n"
    ) in said
    assert (
        "- **g** The document's note 12: the title is given here as notes 3, 18 and 22 print it.\n"
        in said
    )
    out = brief(cli, "--outcome", "1")
    assert notes_of(out)["6"] == "No note is printed.<sup>d</sup>"
    assert (
        "- **d** The document's note 6: The marker ⁶ follows 'physical or mental health' in the "
        "text, but no footnote 6 is printed.\n"
    ) in out
    # --annotated keeps the document's numbers and gaps in the notes themselves
    annotated = notes_of(brief(cli, "--outcome", "2", "--outcome", "3", "--annotated"))
    assert annotated["3"].endswith(
        "*(note 3 in the document; year as notes 12, 18 and 22 give it)*"
    )


# --- only what was asked for, each passage once --------------------------------------


def test_no_passage_twice_and_projects_keep_to_the_selection(corpus: Corpus, cli: Cli) -> None:
    out = brief(cli, "--feature", "4", "--feature", "5", "--project", "ealing", "--project", "rsw")
    for text in quotes_of(corpus, "multi-disciplinary-skill-sets", "group-case-discussion"):
        shown = text.replace("[", "\\[").replace("]", "\\]")
        assert out.count(shown) == 1, text[:40]
    # Ealing's quotes on features 2 and 6 were not asked for: left out, and said so
    for text in quotes_of(
        corpus, "systemic-approaches", "intensity-and-consistency-of-practitioner"
    ):
        assert text[:40] not in out
    assert (
        "*The quote attributed to “Ealing Brighter Futures project evaluation” stands in full "
        "under Feature 5: Undertaking group case discussion, above.*"
    ) in out
    # a brief is read, not typed at: no command line for its reader (the terminal's view has one)
    assert (
        "*Left out, as they bear on none of the features and outcomes chosen: 2 quotes (on "
        "feature 2 and feature 6).*"
    ) in out
    assert "sevenf project" not in out
    assert "## Scaling and Deepening" not in out and "## Reclaiming Social Work\n" in out
    # and every note once
    assert all(n == 1 for n in Counter(re.findall(r"^\[\^([^\]]+)\]:", out, re.M)).values())


def test_a_project_alone_shows_everything_it_has(corpus: Corpus, cli: Cli) -> None:
    out = brief(cli, "--project", "ealing")
    for text in quotes_of(corpus, *corpus.feature_by_id):
        if text.startswith(("In this approach", "In locality", "There's definitely", "Our focus")):
            assert text[:40] in out
    assert "Left out" not in out


def test_a_finding_shown_under_its_outcome_is_referred_to_from_its_project(cli: Cli) -> None:
    out = brief(cli, "--outcome", "3", "--project", "herts")
    statement = "In Hertfordshire, the average number of days spent in care per child was halved."
    assert out.count(statement) == 1
    assert (
        "*The finding on Family Safeguarding Hertfordshire stands in full under Outcome 3: "
        "Reduced days spent in state care, above.*"
    ) in out
    assert (
        "*Left out, as they bear on none of the features and outcomes chosen: 3 findings and 2 "
        "quotes (on feature 3, outcome 2, outcome 4 and outcome 6).*"
    ) in out


def test_sections_choose_the_parts(cli: Cli) -> None:
    out = brief(cli, "--feature", "5", "--sections", "definition,quotes")
    assert "### Definition" in out and "### Quotes" in out
    for absent in ("What difference", "Potential pitfalls", "## Sources"):
        assert absent not in out
    same = brief(cli, "--feature", "5", "--sections", "quotes", "--sections", "definition")
    assert same == out


def test_short_is_definitions_differences_findings_one_quote_per_feature(
    corpus: Corpus, cli: Cli
) -> None:
    out = brief(cli, "--feature", "4", "--feature", "5", "--short")
    assert out.count("### Definition") == 2 and out.count("\n### Quote\n") == 2
    assert out.count("### What difference does it make?") == 2
    assert "- **Greater coherence for families** – " in out
    assert "Potential pitfalls" not in out
    assert out.count("\n> —") == 2  # two quotes
    assert "In locality you always" not in out  # feature 5's second quote
    assert (
        "\nA summary of what *Seven features of practice and seven outcomes* (Department for "
        "Education, 2022) says on feature 4 (Multi-disciplinary skill sets working together) "
        "and feature 5 (Undertaking group case discussion), each passage quoted as the document "
        "prints it; lettered marks lead to notes on the sources at the end.\n"
    ) in out
    assert "sevenf" not in out and "Italics mark" not in out
    assert "This publication (not including logos)" not in out
    assert out == brief(
        cli,
        "--feature",
        "4",
        "--feature",
        "5",
        "--short",
        "--sections",
        "definition,differences,findings,quotes,projects,sources",
    )


def test_title(cli: Cli) -> None:
    assert brief(
        cli, "--feature", "4", "--title", "Multi-disciplinary teams: what works"
    ).startswith("# Multi-disciplinary teams: what works\n")


def test_json_is_the_query_result(cli: Cli) -> None:
    result = json.loads(brief(cli, "--feature", "5", "--project", "ealing", "--format", "json"))
    assert result["view"] == "brief"
    ealing = result["parts"][1]
    assert [q["see"] for q in ealing["quotes"]] == ["Feature 5: Undertaking group case discussion"]
    assert [q["feature"]["number"] for q in ealing["left_out"]["quotes"]] == [2, 4, 6]
    # the Ibid. chain stays available here
    assert next(n for n in result["footnotes"] if n["number"] == 24)["resolved_through"] == []


def test_the_same_part_twice_is_shown_once(cli: Cli) -> None:
    assert brief(cli, "--feature", "6") == brief(
        cli, "--feature", "6", "--feature", "high intensity"
    )


# --- HTML ----------------------------------------------------------------------------


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if (found.get("href") or "").startswith("#"):
            self.hrefs.append(str(found["href"])[1:])


def test_html_is_one_printable_file_with_linked_footnotes(page: str) -> None:
    assert page.startswith('<!DOCTYPE html>\n<html lang="en-GB">')
    assert "<title>Evidence brief</title>" in page and "@media print" in page
    anchors = _Anchors()
    anchors.feed(page)
    assert not {"script", "link", "img", "iframe"} & set(anchors.tags)
    assert "src=" not in page.split("<body")[0] and "http" not in page.split("<body")[0]
    # every citation links to its note and every note links back to each citation
    assert set(anchors.hrefs) <= anchors.ids
    # numbered by first use, as Word numbers them; ids keep the document's numbers
    listed = re.findall(r'<li id="fn-([a-z0-9-]+)" value="(\d+)">', page)
    assert listed == [
        ("framework-feature-6", "1"), ("26", "2"), ("27", "3"), ("7", "4"),
        ("framework-outcomes", "5"), ("2", "6"), ("3", "7"), ("4", "8"), ("5", "9"),
    ]  # fmt: skip
    assert 'href="#fnref-26-1" role="doc-backlink"' in page
    # adjacent citations stay apart: 6,7 and not 67
    assert '>6</a></sup><sup class="sep">,</sup><sup><a class="fnref" id="fnref-3-1"' in page
    assert '<p class="subtitle">From <em>Seven features of practice and seven outcomes</em>' in page
    # a mark leads to its note on the sources
    assert '<a class="noteref" href="#note-b" aria-label="note on the sources b">b</a>' in page
    assert '<li id="note-b"><strong>b</strong> The quote runs across a page break.</li>' in page
    assert "North Yorkshire&#x27;s No Wrong Door project evaluation." in page
    assert "with [name of lead worker] being positive" in page
    # a web address may break after a slash on a narrow screen, never inside a word
    shown = page.replace("<wbr>", "")
    assert (
        f'Open Government Licence v3.0: <a href="https://{LICENCE_URL}">{LICENCE_URL}</a>' in shown
    )


def test_html_escapes_every_data_string() -> None:
    hostile = "<script>alert(\"x\")</script> & 'q' \x1b[31m"
    page = html_render.render(
        [
            Heading(1, hostile),
            Para([hostile, Em(hostile), Gap(hostile), Strong(hostile), Cite(1)]),
            Quote([hostile], [hostile]),
            Pairs([(hostile, [hostile])]),
            Table(hostile, [hostile], [[[hostile]]]),
            Notes([(1, [hostile])]),
        ]
    )
    assert "<script" not in page and "\x1b" not in page
    # 13 places in the blocks, and the h1 once more as the page's <title>
    assert page.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;q&#x27;") == 14
    assert "\\u001b[31m" in page


def test_hostile_data_stays_text_end_to_end(tmp_path: Path, cli: Cli) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    framework = data / "framework.yaml"
    text = framework.read_text(encoding="utf-8")
    sentence = "The consistent single practitioner could be but was not always a social worker."
    assert text.count(sentence) == 1
    framework.write_text(
        text.replace(sentence, sentence + ' <img src=x onerror="alert(1)">'), encoding="utf-8"
    )
    code, out, err = cli("brief", "--feature", "6", "--format", "html", data=data)
    assert (code, err) == (0, "")
    assert "<img" not in out
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in out


# --- errors --------------------------------------------------------------------------


def test_nothing_selected_is_usage_and_exit_2(cli: Cli) -> None:
    assert cli("brief", "--format", "html") == (
        2,
        "",
        "sevenf: error: nothing to brief on: name at least one --feature, --outcome or --project\n",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--sections", "definitions"),
            "there is no section 'definitions': choose from definition, differences, pitfalls, "
            "quotes, findings, projects, sources",
        ),
        (("--sections", ","), "--sections names no section: give one or more, separated by commas"),
        (("--title", "  "), "the title is empty: give --title some words, or leave it out"),
    ],
)
def test_bad_sections_and_title_are_usage_and_exit_2(
    args: tuple[str, ...], message: str, cli: Cli
) -> None:
    assert cli("brief", "--feature", "4", *args) == (2, "", f"sevenf: error: {message}\n")


def test_unknown_part_is_exit_1(cli: Cli) -> None:
    assert cli("brief", "--feature", "9") == (
        1,
        "",
        "sevenf: error: there is no feature 9: features are numbered 1 to 7\n",
    )


def test_bad_format_is_exit_2(cli: Cli) -> None:
    code, out, err = cli("brief", "--outcome", "2", "--format", "pdf")
    assert (code, out) == (2, "")
    assert err.startswith("sevenf: error: ") and err.count("\n") == 1 and "brief --help" in err


# --- -o: a whole file or none --------------------------------------------------------


def test_output_file_holds_what_stdout_would(markdown: str, tmp_path: Path, cli: Cli) -> None:
    target = tmp_path / "brief.md"
    assert cli("brief", *CHOICE, "-o", str(target)) == (0, "", "")
    assert target.read_text(encoding="utf-8") == markdown
    assert os.listdir(tmp_path) == ["brief.md"]  # no temporary file left behind
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_existing_file_is_replaced_only_with_force(page: str, tmp_path: Path, cli: Cli) -> None:
    target = tmp_path / "brief.html"
    target.write_text("keep me", encoding="utf-8")
    args = (*CHOICE, "--format", "html", "-o", str(target))
    assert cli("brief", *args) == (
        1,
        "",
        f"sevenf: error: {target} already exists; add --force to replace it\n",
    )
    assert target.read_text(encoding="utf-8") == "keep me"
    assert cli("brief", *args, "--force") == (0, "", "")
    assert target.read_text(encoding="utf-8") == page
    assert sorted(os.listdir(tmp_path)) == ["brief.html"]


def test_a_file_appearing_meanwhile_is_not_clobbered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    target = tmp_path / "brief.md"
    real_temporary = files.temporary_beside

    def racing_temporary(beside: str) -> str:
        target.write_text("written by someone else meanwhile", encoding="utf-8")
        return real_temporary(beside)

    monkeypatch.setattr(files, "temporary_beside", racing_temporary)
    code, _, err = cli("brief", *CHOICE, "-o", str(target))
    assert (code, err) == (
        1,
        f"sevenf: error: {target} already exists; add --force to replace it\n",
    )
    assert target.read_text(encoding="utf-8") == "written by someone else meanwhile"
    assert os.listdir(tmp_path) == ["brief.md"]


def test_a_failed_write_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    target = tmp_path / "brief.md"
    target.write_text("the old brief", encoding="utf-8")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    code, out, err = cli("brief", *CHOICE, "-o", str(target), "--force")
    assert (code, out) == (1, "")
    assert err == f"sevenf: error: cannot write {target}: No space left on device\n"
    assert target.read_text(encoding="utf-8") == "the old brief"
    assert os.listdir(tmp_path) == ["brief.md"]


@pytest.mark.parametrize("where", ["missing/brief.md", "."])
def test_unwritable_places_are_one_line_and_exit_1(where: str, tmp_path: Path, cli: Cli) -> None:
    code, out, err = cli("brief", *CHOICE, "-o", str(tmp_path / where))
    assert (code, out) == (1, "")
    assert (
        err.startswith(f"sevenf: error: cannot write {tmp_path / where}: ") and err.count("\n") == 1
    )


def test_a_feature_brings_what_its_projects_achieved_through_its_evidence_paths(cli: Cli) -> None:
    out = brief(cli, "--feature", "5", "--short")
    paths = out[out.index("### Through its projects") :]
    assert (
        "**Reclaiming Social Work** (quoted from its evaluation in this feature's section)"
        "<sup>d</sup><sup>,</sup><sup>e</sup>\n"
    ) in paths
    assert (
        "- Across the five Reclaiming Social Work authorities, 79% of those children identified "
        "as highest risk of needing care were successfully supported to stay with their "
        "families.[^11]"
    ) in paths
    assert "**Ealing Brighter Futures**" in paths
    assert "\nThe document reports no findings for this project.\n" in paths
    assert paths.count("does not say that the project demonstrated the feature.") == 1
    # the finding stands once: an outcome part that holds it refers back to the feature
    both = brief(cli, "--feature", "5", "--outcome", "3")
    assert both.count("Across the five Reclaiming Social Work authorities") == 1
    assert "stands in full under Feature 5: Undertaking group case discussion, above." in both


def test_a_quote_with_no_footnote_is_cited_to_the_framework_before_its_gaps(cli: Cli) -> None:
    out = brief(cli, "--feature", "3")
    assert (
        "> — Feedback from father, Family Safeguarding Hertfordshire evaluation"
        "[^framework-feature-3]<sup>b</sup><sup>,</sup><sup>c</sup>\n"
    ) in out
    assert "\n- **b** No footnote marker follows this quote.\n" in out
