"""`sevenf site`: a folder of linked pages that resolve, name their licence, print every
passage and gap as the document does, and request nothing from outside the folder."""

from __future__ import annotations

import html
import itertools
import json
import os
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import pytest
from helpers import DATA, Cli, needs_source, source_text

from seven_features import output
from seven_features.cli import parse as fast
from seven_features.corpus.indexed import Corpus
from seven_features.render import html as html_render
from seven_features.render import site
from seven_features.render.blocks import Heading, Link, Para
from seven_features.render.cite import author

LICENCE = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3"
INLINE = {"a", "em", "strong", "sup", "span", "mark", "b", "i", "small", "wbr"}


class Page(HTMLParser):
    """What a test needs from a page: its links, ids, headings, landmarks and text."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.anchors: list[tuple[str, str]] = []  # (href, text) of each <a>
        self.ids: set[str] = set()
        self.headings: list[int] = []
        self.tags: list[str] = []
        self.text: list[str] = []
        self._anchor: list[str] | None = None
        self._href = ""
        self._skip = 0
        self.feed(markup)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        self.tags.append(tag)
        if tag not in INLINE:
            self.text.append(" ")
        if "id" in attributes:
            self.ids.add(attributes["id"])
        for name in ("href", "src", "action", "data", "poster", "srcset"):
            if name in attributes:
                self.links.append((tag, name, attributes[name]))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "a":
            self._anchor, self._href = [], attributes.get("href", "")
        if tag in ("script", "style", "title"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag not in INLINE:
            self.text.append(" ")
        if tag == "a" and self._anchor is not None:
            self.anchors.append((self._href, "".join(self._anchor).strip()))
            self._anchor = None
        if tag in ("script", "style", "title"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.text.append(data)
        if self._anchor is not None:
            self._anchor.append(data)

    @property
    def words(self) -> str:
        """The page's visible text with white space folded."""
        return " ".join("".join(self.text).split())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, cli: Cli) -> Path:
    root = tmp_path_factory.mktemp("site") / "site"
    code, _, err = cli("site", "-o", str(root))
    assert code == 0, err
    assert err == f"sevenf: note: wrote the site to {root}; open {root}/index.html\n"
    return root


def pages(root: Path) -> Iterator[tuple[str, Page]]:
    for path in sorted(root.rglob("*.html")):
        yield path.relative_to(root).as_posix(), Page(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def parsed(built: Path) -> dict[str, Page]:
    return dict(pages(built))


def visible(parsed: dict[str, Page], path: str) -> str:
    return parsed[path].words


# --- what the site holds ---------------------------------------------------------------


def test_a_page_for_every_record_at_a_stable_address(built: Path, corpus: Corpus) -> None:
    expected = {
        "index.html",
        "about.html",
        "search.html",
        "map.html",
        *(f"{name}.html" for name in ("features", "outcomes", "enablers", "projects")),
        *(f"{name}.html" for name in ("findings", "quotes", "sources")),
        *(f"features/{n}.html" for n in range(1, 8)),
        *(f"outcomes/{n}.html" for n in range(1, 8)),
        *(f"enablers/{n}.html" for n in range(1, 8)),
        *(f"enablers/{e['id']}.html" for e in corpus.evaluation_enablers),
        *(f"projects/{p}.html" for p in corpus.projects),
        *(f"sources/{n}.html" for n in range(1, 28)),
    }
    found = {p.relative_to(built).as_posix() for p in built.rglob("*.html")}
    assert found == expected
    assert "projects/family-safeguarding-hertfordshire.html" in found
    others = {p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file()} - found
    assert others == {"style.css", "search.js", "search-index.js", ".sevenf-site"}


def test_the_build_is_the_same_every_time(corpus: Corpus) -> None:
    assert site.build(corpus) == site.build(corpus)


def test_overview_shows_the_three_sevens_as_table_1_aligns_them(parsed: dict[str, Page]) -> None:
    text = visible(parsed, "index.html")
    assert "The three sevens, aligned by number as Table 1 lays them out" in text
    assert "Table 1 aligns the three lists by number only: the document does not say" in text
    assert "(produced February 2018; published October 2022)" in text
    assert "sevenf feature 3" not in text  # the terminal's hints are not a reader's
    links = dict((t, h) for h, t in parsed["index.html"].anchors)
    assert links["Using a clear, strengths- based practice framework"] == "features/1.html"
    assert links["Reduced risk for Children"] == "outcomes/2.html"
    assert links["Judicious use of resources"] == "enablers/7.html"
    assert links["Strong leaders who create the capacity to innovate"] == (
        "enablers/strong-leaders.html"
    )
    # what a reader can go on to, in the document's terms, not the tool's counts
    assert "The data holds" not in text and "10 projects" not in text
    for name, page in [
        ("The seven features of practice", "features.html"),
        ("The seven outcomes", "outcomes.html"),
        ("The enablers of improvement", "enablers.html"),
        ("The evidence map", "map.html"),
        ("Search", "search.html"),
    ]:
        assert links[name] == page
    assert (
        "The seven features of practice: each one's definition, what difference it makes, its "
        "potential pitfalls, and the quotes and findings the document gives for it"
    ) in text


@needs_source
def test_every_passage_is_printed_exactly_as_the_document_prints_it(
    parsed: dict[str, Page], corpus: Corpus
) -> None:
    source = " ".join(source_text().split())
    for feature in corpus.features:
        text = visible(parsed, f"features/{feature['number']}.html")
        for paragraph in feature["definition"]:
            assert " ".join(paragraph.split()) in text
        for point in feature["pitfalls"] + feature["differences"]:
            assert " ".join(point["explanation"].split()) in text
    for quote in corpus.quotes:
        number = corpus.feature_by_id[quote["feature"]]["number"]
        assert f"“{' '.join(quote['text'].split())}”" in visible(parsed, f"features/{number}.html")
    for finding in corpus.findings:
        if finding["outcome"]:
            number = corpus.outcome_by_id[finding["outcome"]]["number"]
            assert " ".join(finding["statement"].split()) in visible(
                parsed, f"outcomes/{number}.html"
            )
    # brackets, ellipses and dashes as printed, checked against the source text itself
    passage = "and that's for the parent and the child... with [name of lead worker] being positive"
    assert passage.replace("'", "’") in source or passage in source
    assert passage in visible(parsed, "features/6.html")


def test_every_gap_is_shown_as_a_gap(parsed: dict[str, Page], corpus: Corpus) -> None:
    why = corpus.footnotes[6]["missing"]["text"]
    assert f"[note not given in the source: {why}]" in visible(parsed, "sources/6.html")
    places = corpus.projects["mockingbird-family-model"]["missing"]["places"]
    assert f"[places not given in the source: {places}]" in visible(
        parsed, "projects/mockingbird-family-model.html"
    )
    # a reader's page says a gap where it falls in a few words; its footnote's page in full
    assert "[no footnote given]" in visible(parsed, "outcomes/2.html")


def test_citations_are_footnotes_that_link_to_their_source_page(built: Path) -> None:
    page = (built / "features/3.html").read_text(encoding="utf-8")
    assert '<a class="fnref" id="fnref-21-1" href="#fn-21" role="doc-noteref">21</a>' in page
    assert re.search(
        r'<li id="fn-21" value="21"><a href="\.\./sources/21\.html">Children&#x27;s Social Care '
        r"Innovation Programme, Social Care Innovations in Hampshire and the Isle of Wight "
        r"Evaluation Report, 2017, pg\. 20\.</a>",
        page,
    )
    note = Page((built / "sources/11.html").read_text(encoding="utf-8")).words
    assert "Printed Ibid., 26." in note
    assert "Source Final Evaluation Report" in note and "Page 26" in note
    assert "Ibid. resolved through footnotes 10, 9 and 8" in note
    # The outcomes list notes its markers too (6, 10, 17), each printed note linking to its
    # page; footnote 6 is a marker with no note, shown as the gap it is.
    outcomes = (built / "outcomes.html").read_text(encoding="utf-8")
    assert 'href="#fn-10" role="doc-noteref">10</a>' in outcomes
    assert '<li id="fn-10" value="10"><a href="sources/10.html">' in outcomes
    assert '<li id="fn-6" value="6"><span class="gap">' in outcomes


def test_the_evidence_map_is_a_page_of_the_site_in_its_navigation(
    built: Path, parsed: dict[str, Page], corpus: Corpus
) -> None:
    for path, page in parsed.items():
        up = "../" * path.count("/")
        assert (f"{up}map.html", "Evidence map") in page.anchors, path
    markup = (built / "map.html").read_text(encoding="utf-8")
    assert '<a href="map.html" aria-current="page">Evidence map</a>' in markup
    assert '<body class="wide">' in markup  # nine columns need more than a prose column
    assert markup.count('<table class="evidence-map">') == 1
    # a grid that scrolls in its own box where the window is narrower, cards on a phone
    assert (
        '<div class="map-grid" role="region" aria-label="Evidence map: features × outcomes, as '
        'a grid" tabindex="0"><table class="evidence-map">'
    ) in markup
    assert markup.count('<section class="map-card">') == 7
    title = corpus.document["title"]
    assert f"<title>Evidence map: features × outcomes · {title}</title>" in markup
    text = visible(parsed, "map.html")
    # The caption: where each cell's findings are, and what the map is not.
    assert (
        "and names them; each cell links to its findings, printed in full on their outcome's "
        "page. An empty cell (—) is a gap in the document's evidence, not a finding of no "
        "effect. The map gives no effect sizes and makes no causal claim, and it is not "
        "Table 1, which aligns features and outcomes by number only."
    ) in text
    assert "sevenf table" not in text and "listed below" not in text
    # An empty cell reads as a gap, in the cell's title and in the legend; never "no effect".
    gap = 'title="a gap in the document&#x27;s evidence, not a finding of no effect">—</td>'
    assert markup.count('<td class="gap"') == markup.count(gap) == 7 * 7 - 10
    assert "— a gap in the document's evidence, not a finding of no effect" in text
    assert text.count("no effect") == text.count("not a finding of no effect") + text.count(
        "gives no effect sizes"
    )
    # Nothing is left out silently: the findings no cell holds link to where they stand,
    # each by its statement as printed, never by an id.
    hampshire = (
        "In Hampshire and the Isle of Wight, the use of skilled PAs led to an increase in "
        "social worker time with families from 34% to 58%."
    )
    assert f"1 printed in a feature's section, bearing on no outcome {hampshire}" in text
    assert "2 reported for projects the document links to no feature" in text
    assert ("features/3.html#finding-direct-work-hampshire-pas", hampshire) in (
        parsed["map.html"].anchors
    )
    assert not {f["id"] for f in corpus.findings} & set(text.split())
    # Each cell marks a project linked to its feature by quotes alone, and the legend says
    # what that means; what each feature is linked to stands under the grid.
    cells = re.findall(r'<td class="cell">(.*?)</td>', markup)
    assert len(cells) == 10 and sum("(quotes alone)" in cell for cell in cells) == 9
    assert "(quotes alone) A link by quotes alone rests only on who is quoted" in text
    assert "Projects linked to each feature 1. Using a clear, strengths-based practice " in text


def test_every_name_is_a_link_where_it_has_a_page(
    built: Path, parsed: dict[str, Page], corpus: Corpus
) -> None:
    """Where sevenf names a record on a page, the name leads to the record's page: the
    projects (and their features) under each finding on an outcome page, the map's rows,
    columns and cells, the notes an "Ibid." was resolved through (issue 20)."""
    links = set(parsed["outcomes/2.html"].anchors)
    for project, page in [
        ("Signs of Safety", "signs-of-safety"),
        ("Family Safeguarding Hertfordshire", "family-safeguarding-hertfordshire"),
        ("Leeds Family Valued", "leeds-family-valued"),
        ("Creating Strong Communities in North East Lincolnshire", "north-east-lincolnshire"),
    ]:
        assert (f"../projects/{page}.html", project) in links
    assert ("../features/1.html", "feature 1") in links
    assert ("../features/3.html", "feature 3") in links
    text = visible(parsed, "outcomes/2.html")
    assert "Signs of Safety: feature 1 (quoted in its section)" in text
    on_map = set(parsed["map.html"].anchors)
    for feature in corpus.features:
        label = f"{feature['number']}. {feature['title']}"
        assert (f"features/{feature['number']}.html", label) in on_map
    for outcome in corpus.outcomes:
        assert (f"outcomes/{outcome['number']}.html", outcome["name"]) in on_map
    for project in ("signs-of-safety", "no-wrong-door", "hampshire-isle-of-wight"):
        name = corpus.projects[project]["name"]
        assert (f"projects/{project}.html", name) in on_map
    markup = (built / "map.html").read_text(encoding="utf-8")
    cells = re.findall(r'<td class="cell">(.*?)</td>', markup)
    assert all('<a href="projects/' in cell for cell in cells)
    # "Ibid." notes name the notes they were resolved through, each a link
    assert ("../sources/8.html", "8") in set(parsed["sources/9.html"].anchors)
    assert ("sources/15.html", "15") in set(parsed["findings.html"].anchors)


def test_each_map_cell_links_to_its_findings_where_they_stand_in_full(
    built: Path, parsed: dict[str, Page], corpus: Corpus
) -> None:
    from seven_features.queries import query

    result = query.evidence_map(corpus)
    markup = (built / "map.html").read_text(encoding="utf-8")
    grid, cards = markup.split('<div class="map-cards">')
    linked = re.findall(r'<a class="finding" href="([^"]+)" title="([^"]*)">([^<]+)</a>', grid)
    # the cards a phone shows link to the same findings in the same order
    assert re.findall(r'<a class="finding" href="([^"]+)"', cards) == [h for h, _, _ in linked]
    cells = [f for cell in result["cells"] for f in cell["findings"]]
    by_id = {f["id"]: f for f in corpus.findings}
    # A cell names its finding by the statement's first words as printed, whole in the title.
    assert len(linked) == len(cells) >= 10
    for (_, title, shown), key in zip(linked, cells, strict=True):
        words = by_id[key]["statement"].split()
        assert html.unescape(title) == by_id[key]["statement"]
        assert (
            html.unescape(shown)
            == "“" + " ".join(words[:6]) + ("…" if len(words) > 6 else "") + "”"
        )
    assert html.unescape(linked[4][2]) == "“In Hertfordshire, the average number of…”"
    for href, key in zip([href for href, _, _ in linked], cells, strict=True):
        outcome_id = by_id[key]["outcome"]
        assert outcome_id is not None, key  # a finding on the map stands under an outcome
        outcome = corpus.outcome_by_id[outcome_id]
        assert href == f"outcomes/{outcome['number']}.html#finding-{key}"
        # the anchor is the finding's own entry, its statement printed there in full
        entry = re.search(
            rf'<li id="finding-{key}">(.*?)</li>',
            (built / href.split("#")[0]).read_text(encoding="utf-8"),
        )
        assert entry, href
        statement = by_id[key]["statement"]
        assert " ".join(statement.split()) in Page(entry[1]).words
    notes = re.findall(r'<sup><a class="fnref" href="([^"]+)">(\d+)</a></sup>', markup)
    assert notes and all(href == f"sources/{n}.html" for href, n in notes)
    assert {int(n) for _, n in notes} == {n for c in result["cells"] for n in c["footnotes"]}
    # a footnote's page links each finding it supports to the finding itself
    assert ("../outcomes/2.html#finding-risk-signs-of-safety", "finding risk-signs-of-safety") in (
        parsed["sources/5.html"].anchors
    )


# --- links, anchors and nothing from outside ---------------------------------------------


def test_every_internal_link_and_anchor_resolves(built: Path, parsed: dict[str, Page]) -> None:
    checked, anchors = 0, set[tuple[str, str]]()
    for path, page in parsed.items():
        for tag, attribute, value in page.links:
            parts = urlsplit(value)
            if parts.scheme:
                continue  # checked below: only the licence link may leave the folder
            target = PurePosixPath(path).parent / parts.path if parts.path else PurePosixPath(path)
            resolved = os.path.normpath(target.as_posix())
            assert not resolved.startswith(".."), (path, value)
            assert (built / resolved).is_file(), f"{path}: {tag} {attribute}={value} is missing"
            if parts.fragment:
                assert parts.fragment in parsed[resolved].ids, f"{path}: no #{parts.fragment}"
                anchors.add((path, parts.fragment))
            checked += 1
    assert checked > 1000
    # the map's cells are among them: each finding's link lands on the finding's entry
    assert len({a for p, a in anchors if p == "map.html" and a.startswith("finding-")}) >= 10


def test_no_page_requests_anything_outside_the_folder(built: Path, parsed: dict[str, Page]) -> None:
    for path, page in parsed.items():
        for tag, attribute, value in page.links:
            if urlsplit(value).scheme or value.startswith("//"):
                assert (tag, attribute, value) == ("a", "href", LICENCE), path
        assert not {"iframe", "img", "object", "embed", "video", "audio"} & set(page.tags), path
        markup = (built / path).read_text(encoding="utf-8")
        assert "@import" not in markup and "url(" not in markup, path
    for name in ("style.css", "search.js", "search-index.js"):
        code = (built / name).read_text(encoding="utf-8")
        assert "url(" not in code and "@import" not in code, name
        requests = r"\b(fetch\s*\(|XMLHttpRequest|import\s*\(|sendBeacon|WebSocket|EventSource)"
        assert not re.search(requests, code), name
    assert "http" not in (built / "search.js").read_text(encoding="utf-8")


def test_every_page_names_its_licence(parsed: dict[str, Page], corpus: Corpus) -> None:
    doc = corpus.document
    for path, page in parsed.items():
        text = page.words
        # each said once on every page (issue 20): the copyright and licence statement, the
        # attribution the licence asks for (which the page about the document gives in its
        # body), and a link to the licence
        assert text.count(doc["attribution"]["text"]) == 1, path
        assert text.count(f"{doc['copyright']}. {doc['licence']['statement']}") == 1, path
        assert (LICENCE, "Read the Open Government Licence v3.0 (National Archives)") in (
            page.anchors
        ), path


# --- accessible, printable, readable on a phone -------------------------------------------


def test_pages_are_plain_accessible_html(built: Path, parsed: dict[str, Page]) -> None:
    for path, page in parsed.items():
        markup = (built / path).read_text(encoding="utf-8")
        assert markup.startswith('<!DOCTYPE html>\n<html lang="en-GB">'), path
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in markup
        for landmark in ("header", "nav", "main", "footer"):
            assert page.tags.count(landmark) >= 1, (path, landmark)
        assert page.tags.count("main") == 1 and page.tags.count("nav") == 1
        heads = page.headings
        assert heads and heads[0] == 1 and heads.count(1) == 1, (path, heads)
        assert all(b <= a + 1 for a, b in itertools.pairwise(heads)), (path, heads)
        for href, text in page.anchors:
            assert text, f"{path}: a link to {href} says nothing"
            assert text.casefold() not in ("here", "click here", "more", "link"), path
        assert '<a class="skip" href="#main">Skip to main content</a>' in markup
        assert 'id="main"' in markup
        for label in re.findall(r'<label for="([^"]+)"', markup):
            assert f'id="{label}"' in markup, path


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    light, dark = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_passes_wcag_aa(built: Path) -> None:
    css = (built / "style.css").read_text(encoding="utf-8")

    screen = re.sub(r"@media print \{.*?\n\}", "", css, flags=re.S)

    def colour(selector: str, prop: str = "color") -> str:
        """The colour the last rule for exactly `selector` gives `prop` on screen."""
        rules = re.findall(r"(?:^|[\n}])\s*" + re.escape(selector) + r"\s*\{([^}]*)\}", screen)
        assert rules, selector
        found = re.search(rf"(?<![-\w]){prop}:\s*#([0-9a-fA-F]{{6}}|[0-9a-fA-F]{{3}})\b", rules[-1])
        assert found, (selector, prop)
        digits = found[1] if len(found[1]) == 6 else "".join(c * 2 for c in found[1])
        return f"#{digits}"

    white = "#ffffff"
    focus = "a:focus-visible, button:focus-visible, input:focus-visible"
    pairs = {
        "body text": (colour("body"), colour("body", "background")),
        "links": (colour("a"), white),
        "visited links": (colour("a:visited"), white),
        "asides": (colour(".aside"), white),
        "gaps": (colour(".gap"), colour(".gap", "background")),
        "search button": (colour("form[role=search] button"), "#00703c"),
        "focused link": (colour(focus), colour(focus, "background")),
        "footer": (colour("body > footer"), white),
    }
    assert pairs["search button"][1] == colour("form[role=search] button", "background")
    for what, (fore, back) in pairs.items():
        assert contrast(fore, back) >= 4.5, (what, fore, back, contrast(fore, back))


def test_print_styles_hide_the_chrome_and_keep_the_licence(built: Path) -> None:
    css = (built / "style.css").read_text(encoding="utf-8")
    prints = re.findall(r"@media print \{(.*?)\n\}", css, flags=re.S)
    assert any(
        "body > header, nav, .skip, form[role=search] { display: none; }" in p for p in prints
    )
    assert not any("footer { display: none" in p for p in prints)


# --- search --------------------------------------------------------------------------------


def test_the_search_index_is_a_script_with_every_text_and_its_page(
    built: Path, corpus: Corpus
) -> None:
    script = (built / "search-index.js").read_text(encoding="utf-8")
    assert script.startswith("window.SEVENF_INDEX = {") and script.endswith("};\n")
    index = json.loads(script[len("window.SEVENF_INDEX = ") : -2])
    from seven_features.queries.search import entries

    rows = index["rows"]
    assert len(rows) == len(list(entries(corpus)))
    assert [row["rowid"] for row in rows] == list(range(1, len(rows) + 1))
    by_where = {row["where"]: row for row in rows}
    assert by_where["feature 4 › pitfalls"]["href"] == "features/4.html"
    assert by_where["footnote 11"]["href"] == "sources/11.html"
    assert by_where["footnote 11"]["title"] == "Final Evaluation Report"
    assert all((built / row["href"].split("#")[0]).is_file() for row in rows)
    # a finding's hit lands on the finding, on the page that prints it in full
    assert [
        (row["where"], row["href"])
        for row in rows
        if row["href"].endswith("#finding-risk-signs-of-safety")
    ] == [("outcome 2 › findings", "outcomes/2.html#finding-risk-signs-of-safety")]
    # FTS5's own tokens: "co-location" is two, "colocation" would be one
    assert {"co", "locat", "multi", "disciplinari"} <= set(index["postings"])
    search = (built / "search.html").read_text(encoding="utf-8")
    assert '<script src="search-index.js"></script>\n<script src="search.js"></script>' in search
    assert 'id="site-q"' not in search  # the page's own box, not two


# --- writing the folder --------------------------------------------------------------------


def test_an_existing_folder_is_replaced_only_with_force(tmp_path: Path, cli: Cli) -> None:
    target = tmp_path / "out"
    target.mkdir()  # an empty folder is filled
    assert cli("site", "-o", str(target)).code == 0
    (target / "index.html").write_text("old", encoding="utf-8")
    assert cli("site", "-o", str(target)) == (
        1,
        "",
        f"sevenf: error: {target} is not empty; add --force to replace it\n",
    )
    assert (target / "index.html").read_text(encoding="utf-8") == "old"
    assert cli("site", "-o", str(target), "--force").code == 0
    assert (target / "index.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # nothing left beside it


def test_force_never_replaces_a_folder_that_is_not_a_site(tmp_path: Path, cli: Cli) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "thesis.docx").write_bytes(b"years of it")
    assert cli("site", "-o", str(work), "--force") == (
        1,
        "",
        f"sevenf: error: {work} is not empty and is not a site sevenf built; "
        "choose a new directory or empty it first\n",
    )
    assert (work / "thesis.docx").read_bytes() == b"years of it"
    file = tmp_path / "file"
    file.write_text("x", encoding="utf-8")
    assert cli("site", "-o", str(file)) == (
        1,
        "",
        f"sevenf: error: cannot write the site to {file}: it is a file\n",
    )
    assert cli("site", "-o", str(tmp_path / "no" / "site")).stderr.startswith(
        f"sevenf: error: cannot write the site to {tmp_path / 'no' / 'site'}: there is no directory"
    )


def test_a_failed_write_leaves_the_old_site_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    target = tmp_path / "site"
    assert cli("site", "-o", str(target)).code == 0
    before = {p: p.read_bytes() for p in target.rglob("*") if p.is_file()}
    written = 0
    real = Path.write_bytes

    def full_disk(self: Path, data: bytes) -> int:
        nonlocal written
        written += 1
        if written == 20:
            raise OSError(28, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", full_disk)
    assert cli("site", "-o", str(target), "--force") == (
        1,
        "",
        f"sevenf: error: cannot write the site to {target}: No space left on device\n",
    )
    assert {p: p.read_bytes() for p in target.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_site_from_other_data(tmp_path: Path, cli: Cli) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    framework = data / "framework.yaml"
    text = framework.read_text(encoding="utf-8")
    sentence = "The consistent single practitioner could be but was not always a social worker."
    framework.write_text(
        text.replace(sentence, "The <script>alert(1)</script> practitioner & co."),
        encoding="utf-8",
    )
    code, _, err = cli("site", "-o", str(tmp_path / "s"), data=data)
    assert code == 0, err
    page = (tmp_path / "s/features/6.html").read_text(encoding="utf-8")
    assert "The &lt;script&gt;alert(1)&lt;/script&gt; practitioner &amp; co." in page
    assert "<script>alert" not in page
    index = (tmp_path / "s/search-index.js").read_text(encoding="utf-8")
    assert "<\\/script>" in index and "</script>" not in index


def test_a_link_is_escaped_and_relative_to_its_page() -> None:
    hostile = '"><script>x</script>'
    here = html_render.Site(
        path="features/3.html",
        href=lambda kind, key: f"projects/{key}.html" if kind == "project" else None,
        name="Site",
        nav=(("Overview", "index.html"),),
        footer=(),
    )
    page = html_render.render(
        [Heading(1, "T"), Para([Link("project", hostile, hostile), Link("x", 1, "y")])],
        here,
    )
    assert (
        '<a href="../projects/&quot;&gt;&lt;script&gt;x&lt;/script&gt;.html">'
        "&quot;&gt;&lt;script&gt;x&lt;/script&gt;</a>y</p>"
    ) in page
    assert html.unescape(page).count("<script>x</script>") == 2


# --- the command ---------------------------------------------------------------------------


def test_site_needs_a_directory(cli: Cli) -> None:
    code, out, err = cli("site", data=None)
    assert (code, out) == (2, "")
    assert err == ("sevenf: error: Missing option '--output' / '-o'. (see 'sevenf site --help')\n")
    assert fast.parse(["site"]) is None  # the fast path leaves the message to the full CLI


def test_the_fast_path_writes_the_site_too(tmp_path: Path) -> None:
    target = tmp_path / "site"
    assert fast.run(["--data", str(DATA), "site", "-o", str(target)]) == 0
    assert (target / "features/3.html").is_file()


def test_on_a_terminal_the_site_is_written_every_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Answers are kept in the cache; a command that writes files must run every time.
    monkeypatch.setattr(output, "terminal", lambda: True)
    target = tmp_path / "site"
    for _ in range(3):  # the first run learns the data's key, the second could keep an answer
        assert fast.run(["--data", str(DATA), "site", "-o", str(target), "--force"]) == 0
        assert (target / "index.html").is_file()
        (target / "index.html").unlink()


QUERIES = [
    ("features",),
    ("outcomes",),
    ("enablers",),
    ("projects",),
    ("sources",),
    ("about",),
    ("table",),
    ("feature", "3"),
    ("feature", "5", "--evidence"),
    ("feature", "3", "4"),
    ("outcome", "2", "--evidence"),
    ("enabler", "1"),
    ("project", "herts"),
    ("source", "11"),
    ("quotes",),
    ("pitfalls",),
    ("findings",),
    ("map",),
    ("search", "co-location"),
    ("validate",),
]


@pytest.mark.parametrize("argv", QUERIES, ids=" ".join)
def test_every_query_is_a_page_of_its_own_in_html(
    argv: tuple[str, ...], cli: Cli, corpus: Corpus
) -> None:
    code, out, err = cli(*argv, "--format", "html")
    assert (code, err) == (0, "")
    assert out.startswith('<!DOCTYPE html>\n<html lang="en-GB">')
    page = Page(out)
    title = re.search(r"<title>([^<]*)</title>", out)
    assert title is not None and title.group(1) not in ("", "sevenf"), "untitled"
    named = re.search(r"<(h1|caption)>(.*?)</\1>", out, re.S)
    assert named is not None and html.unescape(re.sub("<[^>]+>", "", named.group(2))) == (
        html.unescape(title.group(1))
    )
    for tag, attribute, value in page.links:
        parts = urlsplit(value)
        if parts.scheme:  # a page of its own requests nothing, and links out only to the licence
            assert value == LICENCE and tag == "a", value
            continue
        assert not parts.path, f"{tag} {attribute}={value}: no other page is beside it"
        assert parts.fragment in page.ids, f"no #{parts.fragment}"
    # a page forwarded on its own still says whose words these are, under what licence
    doc = corpus.document
    footer = out[out.rindex("<footer>") :]
    assert f"{doc['copyright']}. {doc['licence']['statement']}" in Page(footer).words
    assert doc["attribution"]["text"] in Page(footer).words
    # the same words as the plain text, which every format lays out from the same blocks
    plain = cli(*argv).stdout
    first_line = plain.splitlines()[0]
    assert " ".join(first_line.split()) in page.words


# --- only the document ---------------------------------------------------------------------


def test_a_site_of_the_document_only_holds_no_fact_from_outside_it(
    tmp_path: Path, cli: Cli, corpus: Corpus
) -> None:
    """`sevenf site --document-only` (issue 23): no page, and not the search index, holds any
    of the authors, dates, report numbers and addresses public records add; the full site
    marks each as not from the document."""
    outside = [record for source in corpus.sources.values() for record in source["outside"]]
    facts = {record["url"] for record in outside}
    facts |= {
        author(name, record["words"]).printed
        for record in outside
        for name in record.get("authors") or ()
    }
    facts |= {record["words"].split("\n")[0] for record in outside}
    assert len(outside) >= 5 and len(facts) > 20

    def files(folder: Path) -> dict[str, str]:
        return {
            str(path.relative_to(folder)): path.read_text(encoding="utf-8").replace("<wbr>", "")
            for path in folder.rglob("*")
            if path.suffix in (".html", ".js")
        }

    assert cli("site", "--document-only", "-o", str(tmp_path / "only")).code == 0
    assert cli("site", "-o", str(tmp_path / "all")).code == 0
    only, everything = files(tmp_path / "only"), files(tmp_path / "all")
    assert set(only) == set(everything)  # the same pages, sources and projects included
    for path, content in only.items():
        found = {fact for fact in facts if html.escape(fact) in content or fact in content}
        assert not found, (path, sorted(found)[:3])
        assert "Not from the document" not in content, path
    told = "\n".join(everything.values())
    assert all(html.escape(fact) in told or fact in told for fact in facts if "\n" not in fact)
    assert "Not from the document" in everything["sources/19.html"]
