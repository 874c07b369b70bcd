"""Evidence paths, the evidence map and the links under them, held to the document itself.

Every link must be true of the text (the quote, finding or name stands in the feature's
own section), every finding on a path must be one the document attributes to that
project (its printed sentence names the project), every cell of the map must stand in
the outcome's own section, and every empty cell must be a real gap. No view may say,
in sevenf's own words, that a feature causes anything.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from html import unescape
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from helpers import DATA, SOURCE_FILE, Cli, OnTerminal, needs_source

from seven_features import output
from seven_features.corpus import links
from seven_features.corpus.indexed import Corpus
from seven_features.queries import query
from seven_features.render import html, markdown, pages, text
from seven_features.render.layout import views

if TYPE_CHECKING:
    from seven_features.queries.results import Result

ORDINALS = ("one", "two", "three", "four", "five", "six", "seven")


SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"


def fold(value: str) -> str:
    return " ".join(value.split())


def body(lines: list[str]) -> str:
    """Printed lines as running text: footnotes at the foot of a page left out, the
    superscript markers taken out of sentences (the data keeps statements without them)."""
    kept = [line for line in lines if not (line[:1] and line[0] in SUPERSCRIPTS)]
    return fold(" ".join(kept).translate({ord(c): None for c in SUPERSCRIPTS}))


@pytest.fixture(scope="module")
def lines() -> list[str]:
    return SOURCE_FILE.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def sections(lines: list[str]) -> dict[int, str]:
    """Each feature's in-depth section as printed: from 'Practice feature N' to the next."""
    starts = [lines.index(f"Practice feature {word}") for word in ORDINALS]
    ends = [*starts[1:], next(i for i, line in enumerate(lines) if "© Crown copyright" in line)]
    return {n: body(lines[a:b]) for n, (a, b) in enumerate(zip(starts, ends, strict=True), 1)}


@pytest.fixture(scope="module")
def outcome_sections(lines: list[str], corpus: Corpus) -> dict[str, str]:
    """Each outcome's part of the 'Seven outcomes' section: from its heading to the next."""
    first = lines.index("Seven outcomes")
    last = lines.index("Seven features of practice")
    heads = sorted((lines.index(o["name"], first, last), o["id"]) for o in corpus.outcomes)
    ends = [*(i for i, _ in heads[1:]), last]
    return {key: body(lines[i:end]) for (i, key), end in zip(heads, ends, strict=True)}


def names(corpus: Corpus, project: str) -> list[str]:
    record = corpus.projects[project]
    return [record["name"], *record["aliases"]]


def names_project(corpus: Corpus, sentence: str, project: str) -> bool:
    """Whether a printed sentence names the project, by its name or an alias, as words."""
    return any(re.search(rf"\b{re.escape(n)}\b", sentence) for n in names(corpus, project))


# --- the links -------------------------------------------------------------------------


@needs_source
def test_every_basis_of_every_link_is_true_of_the_features_section(
    corpus: Corpus, sections: dict[int, str]
) -> None:
    every = links.all_links(corpus)
    assert len(every) == 10
    for link in every:
        section = sections[corpus.feature_by_id[link["feature"]]["number"]]
        for basis in link["bases"]:
            if basis["kind"] == "quote":
                quote = next(q for q in corpus.quotes if q["id"] == basis["ref"])
                assert fold(quote["text"]) in section
                # the attribution printed after it names the project's evaluation
                after = section.split(fold(quote["text"]), 1)[1][:200]
                assert fold(quote["attribution"]) in after
                assert names_project(corpus, quote["attribution"], link["project"])
            elif basis["kind"] == "finding":
                finding = next(f for f in corpus.findings if f["id"] == basis["ref"])
                assert fold(finding["statement"]) in section
                assert names_project(corpus, finding["statement"], link["project"])
            else:
                for word in re.findall("‘(.*?)’", basis["detail"]):
                    assert re.search(rf"\b{re.escape(word)}\b", section)
                    assert word in names(corpus, link["project"])


def test_links_are_what_the_document_makes_and_no_more(corpus: Corpus) -> None:
    found = {
        (corpus.feature_by_id[link["feature"]]["number"], link["project"]): [
            b["kind"] for b in link["bases"]
        ]
        for link in links.all_links(corpus)
    }
    assert found[(3, "hampshire-isle-of-wight")] == ["named", "finding"]
    assert found[(3, "family-safeguarding-hertfordshire")] == ["quote", "quote"]
    assert found[(5, "reclaiming-social-work")] == ["quote"]
    assert not any(number == 7 for number, _ in found)  # feature 7 quotes and names no project
    assert [k for k, v in found.items() if v != ["quote"]] == [
        (3, "hampshire-isle-of-wight"),
        (3, "family-safeguarding-hertfordshire"),
    ]


# --- evidence paths --------------------------------------------------------------------


@needs_source
@pytest.mark.parametrize("number", range(1, 8))
def test_each_paths_findings_are_attributed_to_its_project_by_the_document(
    number: int, corpus: Corpus, lines: list[str]
) -> None:
    printed = body(lines)
    result = query.feature_evidence(corpus, str(number))
    for path in result["paths"]:
        project = path["project"]["id"]
        # every finding the document reports for the project: `sevenf findings --project`
        assert path["findings"] == query.findings(corpus, project=[project])["items"]
        for finding in path["findings"]:
            assert fold(finding["statement"]) in printed
            assert names_project(corpus, finding["statement"], project), finding["id"]
    cited = {n["number"] for n in result["footnotes"]}
    used = {n for p in result["paths"] for f in p["findings"] for n in f["footnotes"]}
    assert used <= cited


def test_feature_5_evidence_in_plain_text(cli: Cli) -> None:
    code, out, err = cli("feature", "5", "--evidence")
    assert (code, err) == (0, "")
    assert out.startswith(
        "Feature 5: Undertaking group case discussion — evidence through its projects\n"
    )
    assert (
        "Linked by: quoted from its evaluation in this feature's section "
        "(“Strengthening and Deepening Reclaiming Social Work evaluation”[24])" in out
    )
    assert "does not say that the project demonstrated the feature" in out
    assert "79% of those children identified as highest risk" in out
    assert "outcome 3: Reduced days spent in state care" in out
    # Ealing is linked, but the document reports nothing it achieved: said, not left blank
    ealing = out.split("Ealing Brighter Futures\n-----------------------\n", 1)[1]
    assert "[the document reports no findings for this project]" in ealing.split("Footnotes")[0]
    assert "[11] Ibid., 26. → Final Evaluation Report, 2017, p. 26" in out


def test_a_feature_with_no_linked_project_says_so(cli: Cli) -> None:
    code, out, _ = cli("feature", "7", "--evidence")
    assert code == 0
    assert "[The document links no project to this feature" in out


def test_several_features_at_once_each_note_once(cli: Cli) -> None:
    code, out, _ = cli("feature", "4", "5", "--evidence")
    assert code == 0
    assert out.index("Feature 4: Multi") < out.index("Feature 5: Undertaking")
    notes = [line for line in out.splitlines() if re.match(r"\[\d+\] ", line)]
    assert len(notes) == len(set(notes)) and "[25] " in "".join(notes)
    code, out, _ = cli("project", "herts", "leeds", "--format", "markdown")
    assert (
        code == 0
        and "# Family Safeguarding Hertfordshire" in out
        and "# Leeds Family Valued" in out
    )
    assert len(re.findall(r"^\[\^4\]:", out, re.M)) == 1


def test_the_reverse_path_beside_each_findings_projects(cli: Cli) -> None:
    code, out, _ = cli("outcome", "3", "--evidence")
    assert code == 0
    # after a dash, each project on a short line, its features in one level of brackets
    assert "— Reclaiming Social Work: feature 5 (quoted in its section)" in out
    assert "Family Safeguarding Hertfordshire: feature 3 (quoted in its section)" in out
    code, out, _ = cli("outcome", "7", "--evidence")
    assert "— Mockingbird Family Model: no feature linked" in out
    code, out, _ = cli("outcome", "2", "--evidence")  # a finding of no named project: no list
    assert "(the other eight saw no change or mixed results). [no footnote given]\n" in out
    code, out, _ = cli("outcome", "3", "--evidence", "--annotated")
    assert "projects: Reclaiming Social Work [linked to feature 5 (quoted in its section)]" in out


def test_a_project_always_has_its_outcomes_line(cli: Cli) -> None:
    code, out, _ = cli("project", "ealing")
    assert code == 0
    assert "\nOutcomes: none reported in the document\n" in out
    assert "Features linked: 2. Using systemic approaches to social work practice" in out
    code, out, _ = cli("project", "leeds")
    assert "\nOutcomes: 2. Reduced risk for children\n" in out
    assert "\nFeatures linked: none in the document\n" in out


def test_findings_via_projects_says_which(corpus: Corpus, cli: Cli) -> None:
    code, out, _ = cli("findings", "--feature", "5", "--via", "projects")
    assert code == 0
    assert out.startswith(
        "Findings (1) the document reports for the projects it links to feature 5\n"
    )
    code, out, _ = cli("findings", "--feature", "5")
    assert out.startswith("Findings (0) printed in the section of feature 5\n")
    assert "--via projects" in out
    code, out, err = cli("findings", "--via", "projects")
    assert (code, out) == (2, "")
    assert err == (
        "sevenf: error: --via projects follows a feature's projects: name one with --feature\n"
    )


# --- what counts count ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("ref", "printed", "counted"),
    [
        (
            "1",
            "Fourteen of 26 projects",
            "reported improvements in children's physical or mental health",
        ),
        (
            "7",
            "Twenty-four projects",
            "saw reductions in the need for social care interventions in family life",
        ),
        (
            "3",
            "Fourteen of the 23 projects",
            "that aimed to reduce the number of children in care achieved this",
        ),
    ],
)
def test_an_outcomes_first_count_says_what_it_counts(
    ref: str, printed: str, counted: str, cli: Cli
) -> None:
    code, out, _ = cli("outcome", ref)
    assert code == 0
    assert f"\nProjects counted: {printed}" in out
    assert f"\nCounted for: {counted}" in out
    assert "Reach" not in out


def test_every_count_of_projects_says_what_it_counts(corpus: Corpus) -> None:
    for finding in corpus.findings:
        for figure in finding["figures"]:
            if figure["kind"] == "count" and figure["unit"] == "projects":
                assert figure["counted"] and figure["counted"] in finding["statement"]


# --- the map -------------------------------------------------------------------------


@needs_source
def test_every_cell_stands_in_its_outcomes_section_and_every_gap_is_real(
    corpus: Corpus, outcome_sections: dict[str, str]
) -> None:
    result = query.evidence_map(corpus)
    cells = {(c["row"], c["column"]): c for c in result["cells"]}
    assert len(cells) == 10
    for feature in result["rows"]:
        linked = [x["id"] for x in feature["links"]]
        for outcome in result["columns"]:
            section = outcome_sections[outcome["id"]]
            cell = cells.get((feature["id"], outcome["id"]))
            if cell is None:  # a gap: the outcome's section names none of the linked projects
                assert not any(names_project(corpus, section, p) for p in linked)
                continue
            assert cell["count"] == len(cell["projects"]) and set(cell["projects"]) <= set(linked)
            for key in cell["findings"]:
                finding = next(f for f in corpus.findings if f["id"] == key)
                assert fold(finding["statement"]) in section
                assert any(names_project(corpus, finding["statement"], p) for p in cell["projects"])
                assert set(finding["footnotes"]) <= set(cell["footnotes"])


def test_the_map_leaves_nothing_out_silently(corpus: Corpus) -> None:
    result = query.evidence_map(corpus)
    mapped = {f for c in result["cells"] for f in c["findings"]}
    left = {x["finding"] for x in result["left_out"]}
    assert mapped | left == {f["id"] for f in corpus.findings} and not mapped & left


def test_the_map_piped_is_plain_text_with_its_caption(cli: Cli) -> None:
    code, out, _ = cli("map")
    assert code == 0 and "\x1b" not in out
    assert (
        "An empty cell (—) is a gap in the document's evidence, not a finding of no effect" in out
    )
    assert "it is not Table 1" in out
    assert (
        "3. Enabling staff to do skilled direct work | — | 1: Family Safeguarding Hertfordshire "
        "(quotes alone) |" in out
    )
    assert "7. Having a whole family focus | — | — | — | — | — | — | —\n" in out
    code, out, _ = cli("map", "--by", "project")
    assert "Leeds Family Valued | — | 1 finding[4] | — |" in out
    code, out, _ = cli("map", "--by", "feature-project", "--format", "markdown")
    assert (
        "| 3. Enabling staff to do skilled direct work | Social Care Innovations in Hampshire and "
        "the Isle of Wight | named in its text, a finding in its section[^21] |" in out
    )


def quoted_alone(corpus: Corpus) -> set[tuple[str, str]]:
    """(feature, project) of each link every basis of which is a quote, from the links."""
    every = links.all_links(corpus)
    return {
        (x["feature"], x["project"]) for x in every if all(b["kind"] == "quote" for b in x["bases"])
    }


def grid_lines(out: str, head: str) -> list[str]:
    """The lines of a map's grid as text or Markdown: from its header to the blank line."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(head))
    return lines[start : lines.index("", start)]


ALONE_LEGEND = (
    "(quotes alone): A link by quotes alone rests only on who is quoted: the document quotes "
    "the project's evaluation in the feature's section and does not say that the project "
    "demonstrated the feature."
)


def test_a_cell_marks_each_project_linked_to_its_feature_by_quotes_alone(
    corpus: Corpus, cli: Cli, monkeypatch: pytest.MonkeyPatch, on_terminal: OnTerminal
) -> None:
    result = query.evidence_map(corpus)
    alone = quoted_alone(corpus)
    named = [(c["row"], p) for c in result["cells"] for p in c["projects"]]
    marked = sum(pair in alone for pair in named)
    # Nine of the ten cells rest on quotes alone; only Hampshire is named under feature 3.
    assert (marked, len(named)) == (9, 10)
    assert {x for x in named if x not in alone} == {
        ("skilled-direct-work", "hampshire-isle-of-wight")
    }
    code, out, _ = cli("map")
    grid = grid_lines(out, "Feature | Outcome 1")
    assert code == 0 and sum(line.count("(quotes alone)") for line in grid) == marked
    assert (
        "| 1: Social Care Innovations in Hampshire and the Isle of Wight | 1: Family "
        "Safeguarding Hertfordshire (quotes alone) | —"
    ) in grid[3]
    assert ALONE_LEGEND in out
    code, out, _ = cli("map", "--format", "markdown")
    grid = grid_lines(out, "| Feature | Outcome 1")
    assert sum(line.count("(quotes alone)") for line in grid) == marked
    assert "- **(quotes alone):** A link by quotes alone rests only on who is quoted" in out
    # On a terminal, each project a cell names by letter carries the mark, explained once.
    monkeypatch.setenv("COLUMNS", "120")
    shown = on_terminal(result, settings=output.Settings(no_color=True))
    rows = [line for line in shown.splitlines() if re.match(r"\d\. ", line)]
    assert sum(len(re.findall(r"\b[A-Z]\*", line)) for line in rows) == marked
    assert sum(line.count("C*") for line in rows) == 4
    assert "C  Family Safeguarding Hertfordshire\n" in shown
    assert "*  linked to the feature by quotes alone. A link by quotes alone rests only" in shown
    page = pages.page(result)
    cells = re.findall(r'<td class="cell">(.*?)</td>', page)
    assert len(cells) == 10 and sum(c.count("(quotes alone)") for c in cells) == marked
    # The links themselves: each link by quotes alone is marked in its row.
    code, out, _ = cli("map", "--by", "feature-project")
    grid = grid_lines(out, "Feature | Project")
    assert sum(line.endswith(" (quotes alone)") for line in grid) == len(alone) == 9
    assert grid[4] == (
        "3. Enabling staff to do skilled direct work | Social Care Innovations in Hampshire and "
        "the Isle of Wight | named in its text, a finding in its section[21]"
    )


@pytest.mark.parametrize("by", query.MAP_BY)
def test_the_map_names_findings_and_projects_in_words_never_by_id(
    by: str, corpus: Corpus, cli: Cli
) -> None:
    ids = {f["id"] for f in corpus.findings} | set(corpus.projects)
    for fmt in ("table", "markdown", "html"):
        code, out, _ = cli("map", "--by", by, "--format", fmt)
        assert code == 0
        shown = unescape(re.sub(r"<[^>]*>", " ", out)) if fmt == "html" else out
        found = {key for key in ids if re.search(rf"(?<![\w-]){re.escape(key)}(?![\w-])", shown)}
        assert not found, (fmt, found)
    if by == "feature-project":
        return
    result = query.evidence_map(corpus, by)
    # A cell's finding is "finding N", the Nth of the list under the map, which it links to.
    page = pages.page(result)
    linked = re.findall(
        r'<a class="finding" href="#finding-([^"]+)" title="[^"]*">([^<]+)</a>', page
    )
    listed = re.findall(r'<li id="finding-([^"]+)"><strong>Finding (\d+)</strong>', page)
    assert len(listed) == len({f for c in result["cells"] for f in c["findings"]})
    assert {(key, f"finding {n}") for key, n in listed} == set(linked)
    # The findings no cell holds are listed by their statements as printed, grouped by why.
    code, out, _ = cli("map", "--by", by)
    statements = {f["id"]: f["statement"] for f in corpus.findings}
    assert all(f"- {statements[x['finding']]}" in out for x in result["left_out"])


def test_the_map_words_what_it_leaves_out(cli: Cli) -> None:
    code, out, _ = cli("map")
    assert code == 0
    assert "\n2 reported for projects the document links to no feature\n" in out
    assert "\n8 attributed to no named project\n" in out
    assert "\n1 printed in a feature's section, bearing on no outcome\n" in out
    assert "of projects the document" not in out


@pytest.mark.parametrize("by", query.MAP_BY)
def test_the_map_lists_its_footnotes_in_the_documents_order(
    by: str, corpus: Corpus, cli: Cli
) -> None:
    result = query.evidence_map(corpus, by)
    numbers = [n["number"] for n in result["footnotes"]]
    assert numbers == sorted(numbers)
    assert set(numbers) == {n for c in result["cells"] for n in c["footnotes"]}
    code, out, _ = cli("map", "--by", by)
    assert code == 0
    notes = out.split("\nFootnotes\n---------\n\n", 1)[1].splitlines()
    assert [int(line[1 : line.index("]")]) for line in notes] == numbers
    page = pages.page(result)
    assert re.findall(r'<li id="fn-(\d+)" value="\1">', page) == [str(n) for n in numbers]
    # Every citation still links to its note, and every note back to each citation.
    refs = re.findall(r'<a class="fnref" id="(fnref-(\d+)-\d+)" href="#fn-(\d+)"', page)
    assert refs and all(n == m and f'href="#{ref}"' in page for ref, n, m in refs)
    if by == "feature":
        assert numbers == [2, 3, 5, 7, 9, 11, 12, 13, 14, 16]


def test_the_map_in_html_links_every_cell_to_what_is_on_the_page(corpus: Corpus) -> None:
    page = pages.page(query.evidence_map(corpus))
    targets = set(re.findall(r'href="#([^"]+)"', page))
    ids = set(re.findall(r'id="([^"]+)"', page))
    assert targets and targets <= ids
    assert {f"finding-{f['id']}" for f in query.evidence_map(corpus)["findings"]} <= targets
    assert page.count('<td class="gap"') == 7 * 7 - 10
    assert "<script" not in page and "http" not in page.split("<body", 1)[1].split("Footnotes")[0]


def test_the_map_table_is_reusable_with_other_links(corpus: Corpus) -> None:
    fragment = pages.map_table(query.evidence_map(corpus), lambda kind, key: f"/{kind}s/{key}.html")
    assert fragment.startswith('<table class="evidence-map">')
    assert 'href="/findings/days-reclaiming-social-work.html"' in fragment
    assert 'href="/footnotes/11.html"' in fragment


def test_bad_map_rows_are_a_usage_error(cli: Cli) -> None:
    code, out, err = cli("map", "--by", "outcome")
    assert (code, out) == (2, "")
    assert err.startswith("sevenf: error: ") and err.count("\n") == 1


# --- the data checks the links ------------------------------------------------------


def test_validate_lists_the_links_and_rejects_a_quote_from_another_projects_report(
    tmp_path: Path,
    cli: Cli,
) -> None:
    code, out, _ = cli("validate")
    assert code == 0 and "\nFeature–project links (10)\n" in out
    assert (
        "- feature 3 — Social Care Innovations in Hampshire and the Isle of Wight (named in its text, a finding in its section)"
        in out
    )
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    evidence = data / "evidence.yaml"
    original = evidence.read_text(encoding="utf-8")
    old = "  project: reclaiming-social-work\n  source: reclaiming-social-work-evaluation\n"
    assert original.count(old) == 1
    evidence.write_text(
        original.replace(
            old, "  project: reclaiming-social-work\n  source: ealing-brighter-futures-evaluation\n"
        ),
        encoding="utf-8",
    )
    code, _, err = cli("validate", data=data)
    assert code == 1
    assert "is not an evaluation of project 'reclaiming-social-work'" in err


# --- JSON and wording ----------------------------------------------------------------

QUERIES: dict[tuple[str, ...], Callable[[Corpus], Result | list[Result]]] = {
    ("feature", "5", "--evidence"): lambda c: query.feature_evidence(c, "5"),
    ("feature", "4", "5", "--evidence"): lambda c: [
        query.feature_evidence(c, "4"),
        query.feature_evidence(c, "5"),
    ],
    ("feature", "4", "5"): lambda c: [query.feature(c, "4"), query.feature(c, "5")],
    ("outcome", "2", "3", "--evidence"): lambda c: [
        query.outcome(c, "2", True),
        query.outcome(c, "3", True),
    ],
    ("project", "herts", "leeds"): lambda c: [query.project(c, "herts"), query.project(c, "leeds")],
    # the shape follows the command line: two REFs naming one record still give a list of it
    ("project", "herts", "hertfordshire"): lambda c: [query.project(c, "herts")],
    ("feature", "3", "skilled direct"): lambda c: [query.feature(c, "3")],
    ("outcome", "reduced risk"): lambda c: query.outcome(c, "2"),
    ("findings", "--feature", "5", "--via", "projects"): lambda c: query.findings(
        c, None, None, ["5"], "projects"
    ),
    ("map",): lambda c: query.evidence_map(c),
    ("map", "--by", "project"): lambda c: query.evidence_map(c, "project"),
    ("map", "--by", "feature-project"): lambda c: query.evidence_map(c, "feature-project"),
}


@pytest.mark.parametrize("argv", list(QUERIES), ids=" ".join)
def test_json_equals_the_query_result(argv: tuple[str, ...], corpus: Corpus, cli: Cli) -> None:
    code, out, err = cli(*argv, "--json")
    assert (code, err) == (0, "")
    assert json.loads(out) == json.loads(json.dumps(QUERIES[argv](corpus)))


CAUSAL = (
    "leads to", "led to", "lead to", "produce", "caused", "causes", "results in",
    "resulting in", "resulted in", "due to", "because of", "drives", "thanks to",
    "owing to", "brings about", "brought about",
)  # fmt: skip


def data_strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in data_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in data_strings(v)]
    return []


def views_to_check(corpus: Corpus) -> list[Result]:
    return [
        *(query.feature_evidence(corpus, str(n)) for n in range(1, 8)),
        *(query.outcome(corpus, str(n), True) for n in range(1, 8)),
        *(query.outcome(corpus, str(n)) for n in range(1, 8)),
        *(query.project(corpus, p) for p in corpus.projects),
        *(query.findings(corpus, None, None, [str(n)], "projects") for n in range(1, 8)),
        *(query.evidence_map(corpus, by) for by in query.MAP_BY),
        query.list_outcomes(corpus),
        query.table(corpus),
        query.validate_report(corpus, "data"),
    ]


@pytest.mark.parametrize(
    ("name", "draw", "escape"),
    [
        ("text", lambda r: text.render(views.layout(r)), lambda s: s),
        ("markdown", lambda r: markdown.render(views.layout(r)), markdown.escape),
        ("html", pages.page, html.text),
    ],
)
def test_no_view_says_in_its_own_words_that_a_feature_causes_anything(
    name: str, draw: Callable[[Result], str], escape: Callable[[str], str], corpus: Corpus
) -> None:
    # The document's own sentences may say 'led to' (of PAs, not of a feature): take every
    # string from the data out of the output, and what is left is sevenf's wording.
    printed = sorted(set(data_strings(corpus.raw)), key=len, reverse=True)
    for result in views_to_check(corpus):
        own = draw(result)
        for value in printed:
            if len(value) > 3:
                own = own.replace(escape(value), " ")
        found = [w for w in CAUSAL if w in own.casefold()]
        assert not found, (result["view"], found)


def test_a_link_says_each_reason_once(cli: Cli) -> None:
    # Hertfordshire's evaluation is quoted twice in feature 3's section: one reason, not two.
    out = cli("project", "herts").stdout
    (line,) = [row for row in out.splitlines() if row.startswith("Features linked: ")]
    assert line == (
        "Features linked: 3. Enabling staff to do skilled direct work "
        "(quoted from its evaluation in this feature's section)"
    )


def test_other_names_are_said_to_be_sevenfs_not_the_documents(cli: Cli) -> None:
    # "Herts" is nowhere in the document: it is a name sevenf finds the project by.
    out = cli("project", "herts").stdout
    assert "Also found by: Hertfordshire, Herts, Family Safeguarding (other names sevenf " in out
    assert "not the document's)" in out
    assert "Also known as" not in out
    listed = cli("projects").stdout
    assert "| Also found by |" in listed
    assert listed.rstrip().endswith("as a REF or in search; not the document's.")


def test_a_command_to_run_next_is_for_the_terminal_and_words_for_a_reader(
    cli: Cli, tmp_path: Path
) -> None:
    typed = "run through projects and their evidence: sevenf feature N --evidence, sevenf map."
    read = "run through projects and their evidence: each feature's projects and their findings"
    assert typed in cli("feature", "3").stdout
    for fmt in ("markdown", "html"):
        out = cli("feature", "3", "--format", fmt).stdout
        assert read in out.replace("&#x27;", "'") and "sevenf map" not in out, fmt
    # on the site, the evidence map is a page to go to
    assert cli("site", "-o", str(tmp_path / "site")).code == 0
    page = (tmp_path / "site" / "features" / "3.html").read_text(encoding="utf-8")
    assert 'and <a href="../map.html">the evidence map</a>.' in page
