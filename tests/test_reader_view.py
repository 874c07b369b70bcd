"""The reader's view (issue 19): briefs and views a director, an analyst and a checker accept.

A brief's body is the document's words, headings and footnotes; every gap a cited passage
leaves is still said, once, in the notes on the sources at the end; facts from outside
the document are marked and --document-only removes them; --annotated keeps sevenf's
inline readings. Views put the document's words first and say a gap in a few words. The
Word brief is laid out by LibreOffice, the HTML one printed and checked by Chromium (with
axe-core from npm); each part skips, saying why, where its tool is missing.
"""

from __future__ import annotations

import base64
import html
import json
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import Cli, npm_folder, on_a_terminal, pandoc

from seven_features.corpus.indexed import Corpus
from seven_features.corpus.links import QUOTED_ONLY
from seven_features.render.layout.brief import NOTES_HEADING, typesetting
from seven_features.render.layout.views import PROJECT_LINE

#: The director's brief of the issue.
DIRECTOR = ("--feature", "4", "--outcome", "2", "--short")
#: Addresses of document-sharing sites, which no brief may hold.
SHARING = ("vdocument.in", "vdocuments.site", "cupdf.com", "fdocuments.net", "vdocuments.mx")
NOT_IN_A_BRIEF = ("sevenf", "Table 1 prints", "(figures:", "in the document;", "Source note")
#: Briefs on every feature, every outcome and every project, one part each, and mixed.
BRIEFS = [
    *(("--feature", str(n)) for n in range(1, 8)),
    *(("--outcome", str(n)) for n in range(1, 8)),
    ("--project", "herts", "--project", "ealing", "--project", "signs of safety"),
    ("--project", "mockingbird", "--project", "focus", "--project", "hampshire"),
    ("--project", "leeds", "--project", "no wrong door", "--project", "reclaiming"),
    ("--project", "north east lincolnshire"),
    DIRECTOR,
]


def brief(cli: Cli, *args: str) -> str:
    code, out, err = cli("brief", *args)
    assert (code, err) == (0, ""), err
    return out


def body_text(docx: Path) -> str:
    """The text of a Word file's body (not its footnotes), as LibreOffice would show it."""
    with zipfile.ZipFile(docx) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    return html.unescape("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)))


def notes_on_the_sources(markdown: str) -> str:
    start = markdown.index(f"## {NOTES_HEADING}\n")
    return markdown[start : markdown.index("\n## ", start + 1)]


# --- a brief in the document's voice --------------------------------------------------


@pytest.mark.parametrize("args", BRIEFS, ids=lambda a: " ".join(a))
def test_a_brief_is_the_documents_words_and_states_every_gap_in_its_notes(
    args: tuple[str, ...], cli: Cli, corpus: Corpus
) -> None:
    out = brief(cli, *args)
    said = notes_on_the_sources(out) if f"## {NOTES_HEADING}\n" in out else ""
    for words in NOT_IN_A_BRIEF + SHARING:
        # a source note may say what Table 1 prints; the body never does
        assert words not in out.replace(said, ""), words
        assert words == "Table 1 prints" or words not in said, words
    result = json.loads(brief(cli, *args, "--format", "json"))
    shown: list[dict[str, Any]] = []
    for part in result["parts"]:
        shown += [f for f in part.get("findings") or [] if "see" not in f]
        shown += [q for q in part.get("quotes") or [] if "see" not in q]
        for path in part.get("paths") or []:
            shown += [f for f in path["findings"] if "see" not in f]
    for passage in [*shown, *result["footnotes"]]:
        for remark in passage.get("remarks", []):
            assert typesetting(remark) or remark in said, remark
    for passage in shown:
        for why in passage["missing"].values():
            assert why in said, why
    # a footnote: the note itself, else its page, are what a citation of it leaves out
    # (a year another of the document's notes gives is said so, with their numbers)
    for note in result["footnotes"]:
        field = "text" if note["printed"] is None else "page"
        if field in note["missing"]:
            assert note["missing"][field] in said, note["number"]
        if "year" in note["filled"] and note["year"] is None:
            assert f"The document's note {note['number']}: it gives no year;" in said


def test_the_directors_brief_in_word_is_two_a4_pages_of_the_documents_words(
    cli: Cli, tmp_path: Path
) -> None:
    if pandoc() is None:
        pytest.skip("no pandoc: pip install 'sevenf[word]' (the test extra brings it)")
    target = tmp_path / "director.docx"
    assert cli.raw("brief", *DIRECTOR, "--format", "docx", "-o", str(target)) == (0, b"", "")
    body = body_text(target)
    for words in (*NOT_IN_A_BRIEF, "Marker", *SHARING):
        assert words not in body, words
    for kept in ("Greater coherence for families", "Better, shared decision-making"):
        assert kept in body
    assert NOTES_HEADING in body and "Forrester, D., Lynch, A., Bostock, L." in body
    if shutil.which("soffice") is None or shutil.which("pdfinfo") is None:
        pytest.skip("no LibreOffice or pdfinfo to lay out pages")
    pages, size = _word_pages(target)
    assert (pages, size) == (2, "A4")


def _word_pages(docx: Path) -> tuple[int, str]:
    """How many pages LibreOffice lays a Word file out on, and their size."""
    command = ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(docx.parent)]
    subprocess.run([*command, str(docx)], check=True, capture_output=True, timeout=600)
    return _pdf_pages(docx.with_suffix(".pdf"))


def _pdf_pages(pdf: Path) -> tuple[int, str]:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True).stdout.decode()
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    size = re.search(r"Page size:.*\((\w+)\)", info)
    return pages, size.group(1) if size else ""


def test_references_are_harvard_one_entry_a_source_outside_facts_daggered(
    cli: Cli, corpus: Corpus
) -> None:
    out = brief(cli, "--outcome", "2")
    sources = out[out.index("## Sources\n") : out.index(f"## {NOTES_HEADING}\n")]
    entries = [line[2:] for line in sources.splitlines() if line.startswith("- ")]
    assert (
        "Forrester, D., Lynch, A., Bostock, L., Newlands, F., Preston, B. and Cary, A.† (2017) "
        "*Family Safeguarding Hertfordshire Evaluation Report*. Evaluation report 55†. "
        "Children's Social Care Innovation Programme."
    ) in entries
    firsts = [e.lstrip("*[").casefold().removeprefix("the ") for e in entries]
    assert firsts == sorted(firsts)
    assert len(entries) == len(set(entries))
    assert "http" not in sources and "looked up" not in sources
    said = notes_on_the_sources(out)
    assert said.count("†") == 1 and "Not from the document" in said


def test_document_only_removes_every_outside_fact_from_a_brief(cli: Cli, corpus: Corpus) -> None:
    names = {
        a if isinstance(a, str) else a["family"]
        for s in corpus.sources.values()
        for r in s["outside"]
        for a in r["authors"]
    }
    for args in BRIEFS[7:]:
        out = brief(cli, *args, "--document-only")
        assert "†" not in out and "Not from the document" not in out
        for name in names:
            assert f"{name}," not in out, name
        assert not re.search(r"Evaluation report \d", out)


def test_annotated_keeps_the_inline_reading(cli: Cli) -> None:
    out = brief(cli, *DIRECTOR, "--annotated")
    assert "*(figures: “eight of the 16 projects” = 8 of 16 projects)*" in out
    assert "(note 23 in the document; title as note 20 prints it)" in out
    assert "Table 1 prints: Reduced risk for Children" in out
    assert NOTES_HEADING not in out


# --- Word templates ------------------------------------------------------------------


@pytest.fixture
def shipped_reference() -> Path:
    from importlib import resources

    found = resources.files("seven_features.render").joinpath("reference.docx")
    return Path(str(found))


@pytest.mark.parametrize("suffix", [".docx", ".dotx"])
def test_a_word_template_gives_the_brief_its_styles(
    suffix: str, cli: Cli, tmp_path: Path, shipped_reference: Path
) -> None:
    if pandoc() is None:
        pytest.skip("no pandoc: pip install 'sevenf[word]' (the test extra brings it)")
    template = tmp_path / f"authority{suffix}"
    with zipfile.ZipFile(shipped_reference) as source, zipfile.ZipFile(template, "w") as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/styles.xml":  # the authority's own font
                data = data.replace(b'w:ascii="Arial"', b'w:ascii="Verdana"')
            if item.filename == "[Content_Types].xml" and suffix == ".dotx":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            out.writestr(item, data)
    target = tmp_path / "brief.docx"
    args = ("brief", *DIRECTOR, "--format", "docx", "--template", str(template))
    assert cli.raw(*args, "-o", str(target)) == (0, b"", "")
    with zipfile.ZipFile(target) as archive:
        assert b'w:ascii="Verdana"' in archive.read("word/styles.xml")
        assert b"footnoteReference" in archive.read("word/document.xml")


def test_a_template_that_is_not_word_is_one_line(cli: Cli, tmp_path: Path) -> None:
    text = tmp_path / "styles.txt"
    text.write_text("not Word", encoding="utf-8")
    args = ("brief", *DIRECTOR, "--format", "docx", "-o", str(tmp_path / "b.docx"))
    code, out, err = cli.raw(*args, "--template", str(text))
    assert (code, out) == (2, b"")
    assert err == (
        f"sevenf: error: --template {text}: it is not a Word document or template "
        "(.docx or .dotx)\n"
    )
    code, _, err = cli.raw(*args, "--template", str(tmp_path / "none.docx"))
    assert code == 2 and err.count("\n") == 1 and "there is no such file" in err
    code, _, err = cli.raw("brief", *DIRECTOR, "--template", str(text))
    assert (code, err) == (
        2,
        "sevenf: error: --template gives a Word file its styles: add --format docx\n",
    )


# --- views ---------------------------------------------------------------------------

VIEWS = [("outcome", "reduced risk", "--evidence"), ("feature", "5", "--evidence")]


def _terminal(argv: tuple[str, ...]) -> str:
    env = {**os.environ, "COLUMNS": "120", "TERM": "xterm", "NO_COLOR": "1"}
    code, out, err = on_a_terminal(["--no-color", *argv], env)
    assert (code, err) == (0, b"")
    return " ".join(out.decode("utf-8").split())


@pytest.mark.parametrize("argv", VIEWS, ids=lambda a: " ".join(a))
def test_views_put_the_words_first_and_keep_every_gap(argv: tuple[str, ...], cli: Cli) -> None:
    piped = cli(*argv).stdout
    annotated = cli(*argv, "--annotated").stdout
    for shown in (piped, " ".join(_terminal(argv).split())):
        assert "(figures:" not in shown and "[linked to" not in shown
        flat = " ".join(shown.split())
        if argv[0] == "feature":
            assert flat.count("rests only on who is quoted") == 1
            assert "— by quotes alone" in flat
        else:
            assert flat.count(" ".join(PROJECT_LINE.split())) == 1
        # every gap the annotated view says in full is said here in a few words
        full = re.findall(r"\[([a-z ]+?) not given in the source", annotated)
        short = re.findall(r"\[no ([a-z ]+?) given\]|\[(no note printed)\]", flat)
        assert len(short) == len(full)
        assert argv[0] == "feature" or short
    assert "(figures:" in annotated
    assert argv[0] == "outcome" or QUOTED_ONLY in " ".join(annotated.split())
    # the JSON is the query's own result: every figure reading and note is there
    result = json.loads(cli(*argv, "--json").stdout)
    assert result == json.loads(cli(*argv, "--annotated", "--json").stdout)
    found = result.get("findings") or [f for p in result.get("paths", []) for f in p["findings"]]
    assert any(f["figures"] for f in found) and result["footnotes"]


# --- the HTML brief in a browser -----------------------------------------------------

DRIVER = Path("/usr/bin/chromedriver")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    from selenium.webdriver.chrome.service import Service

    if not (CHROMIUM and DRIVER.is_file()):
        pytest.skip("no Chromium and chromedriver (apt-get install chromium chromium-driver)")
    with tempfile.TemporaryDirectory(prefix="sevenf-chromium-") as profile:
        options = webdriver.ChromeOptions()
        for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run"):
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={profile}")
        options.binary_location = CHROMIUM
        try:
            driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
        except Exception as error:
            pytest.skip(f"Chromium would not start: {str(error).splitlines()[0]}")
        try:
            yield driver
        finally:
            driver.quit()


def _html_brief(cli: Cli, where: Path, *args: str) -> Path:
    page = where / "brief.html"
    assert cli("brief", *args, "--format", "html", "-o", str(page), "--force")[0] == 0
    return page


def test_the_html_brief_prints_on_a4_to_the_word_briefs_pages(
    browser: Any, cli: Cli, tmp_path: Path
) -> None:
    if pandoc() is None or shutil.which("soffice") is None or shutil.which("pdfinfo") is None:
        pytest.skip("no pandoc, LibreOffice or pdfinfo to lay the Word brief out")
    for args in (DIRECTOR, ("--feature", "6", "--outcome", "2")):
        page = _html_brief(cli, tmp_path, *args)
        browser.get(page.as_uri())
        printed = browser.execute_cdp_cmd(
            "Page.printToPDF", {"preferCSSPageSize": True, "printBackground": False}
        )
        pdf = tmp_path / "html.pdf"
        pdf.write_bytes(base64.b64decode(printed["data"]))
        html_pages, size = _pdf_pages(pdf)
        assert size == "A4"
        docx = tmp_path / "word.docx"
        assert cli.raw("brief", *args, "--format", "docx", "-o", str(docx), "--force")[0] == 0
        word_pages, _ = _word_pages(docx)
        assert abs(html_pages - word_pages) <= 1, (args, html_pages, word_pages)
        # the footnotes come before the licence, the addresses are links, in a <main>
        text = page.read_text(encoding="utf-8")
        assert text.index('class="footnotes"') < text.index("Licence and attribution")
        assert '<a href="https://www.nationalarchives.gov.uk/doc/open-government-licence/' in text
        assert "<main>" in text


def test_axe_core_finds_no_violation_in_the_html_brief(
    browser: Any, cli: Cli, tmp_path: Path
) -> None:
    axe = npm_folder() / "node_modules" / "axe-core" / "axe.min.js"
    for args in (DIRECTOR, ("--project", "herts", "--outcome", "3")):
        browser.get(_html_brief(cli, tmp_path, *args).as_uri())
        browser.execute_script(axe.read_text(encoding="utf-8"))
        found = browser.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document).then((r) => done(r.violations.map("
            "(v) => v.id + ': ' + v.nodes.map((n) => n.html).join(' | '))));"
        )
        assert found == [], found
