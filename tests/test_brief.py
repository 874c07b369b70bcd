"""`sevenf brief`: Markdown with real footnotes (checked in Word via pandoc), printable HTML,
and `-o` that writes a whole file or none."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from seven_features import query
from seven_features.cli import app
from seven_features.corpus import Corpus
from seven_features.render import cite
from seven_features.render import html as html_render

DATA = Path(__file__).resolve().parent.parent / "data"
runner = CliRunner()
CHOICE = ("--outcome", "reduced risk", "--feature", "6")
LICENCE_URL = "www.nationalarchives.gov.uk/doc/open-government-licence/version/3"


def run(*args: str, data: Path = DATA) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--data", str(data), "brief", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def markdown() -> str:
    result = runner.invoke(app, ["--data", str(DATA), "brief", *CHOICE])
    assert (result.exit_code, result.stderr) == (0, "")
    return result.stdout


@pytest.fixture(scope="module")
def page() -> str:
    result = runner.invoke(app, ["--data", str(DATA), "brief", *CHOICE, "--format", "html"])
    assert (result.exit_code, result.stderr) == (0, "")
    return result.stdout


# --- what a brief holds --------------------------------------------------------------


def test_markdown_holds_the_parts_sources_and_licence(markdown: str, corpus: Corpus) -> None:
    assert markdown.startswith("# Evidence brief\n\nFrom *Seven features of practice and seven")
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
    assert (
        "> — Parent, Ealing Brighter Futures evaluation.[^26] *(page 29)* "
        "*(Source note: The quote runs across a page break.)*\n"
    ) in markdown
    assert "*(figures: “eight of the 16 projects” = 8 of 16 projects)*" in markdown
    assert "*\\[footnote not given in the source: No footnote marker is printed" in markdown
    doc = corpus.document
    for line in (
        doc["licence"]["statement"],
        doc["attribution"]["text"],
        f"Open Government Licence v3.0: {LICENCE_URL}",
        "*Seven features of practice and seven outcomes*, © Crown copyright 2022.",
    ):
        assert f"\n{line}\n" in markdown
    brief = query.brief(corpus, ["6"], ["reduced risk"])
    for reference in cite.references(brief["sources"]):
        assert reference.split(" [")[0] in markdown


def test_every_citation_is_a_defined_footnote(markdown: str) -> None:
    cited = set(re.findall(r"\[\^(\d+)\](?!:)", markdown))
    defined = re.findall(r"^\[\^(\d+)\]: \*Footnote (\d+) of the document:\* ", markdown, re.M)
    assert cited == {"2", "3", "4", "5", "26", "27"}
    assert [a for a, _ in defined] == [b for _, b in defined] == sorted(cited, key=int)
    assert "\n[^11]" not in markdown
    assert (
        "\n[^27]: *Footnote 27 of the document:* Children's Social Care Innovation Programme, "
        "Evaluation of the No Wrong Door Innovation Programme, 2017, pg. 41. "
        "*(Source note: The marker is printed as ordinary digits, not superscript.)*\n"
    ) in markdown


def test_ibid_is_resolved_in_the_brief() -> None:
    code, out, _ = run("--outcome", "3")
    assert code == 0
    assert (
        "[^11]: *Footnote 11 of the document:* Ibid., 26. → Final Evaluation Report, 2017, "
        "p. 26 *(through footnote 10, 9, 8)*"
    ) in out


def test_a_project_brief() -> None:
    code, out, _ = run("--project", "herts")
    assert code == 0
    assert "\n## Family Safeguarding Hertfordshire\n" in out
    assert (
        "- **Evaluation:** Family Safeguarding Hertfordshire Evaluation Report *\\[author not "
        "given in the source: The document names no author for it.\\]* *(Source note: Footnote 3"
    ) in out
    assert "[^22]: *Footnote 22 of the document:*" in out


def test_the_same_part_twice_is_shown_once() -> None:
    _, once, _ = run("--feature", "6")
    _, twice, _ = run("--feature", "6", "--feature", "high intensity")
    assert once == twice


# --- in Word, through pandoc ---------------------------------------------------------


@pytest.mark.skipif(
    shutil.which("pandoc") is None, reason="pandoc is not installed (CI installs it)"
)
def test_pandoc_makes_real_word_footnotes(markdown: str, tmp_path: Path) -> None:
    source, docx = tmp_path / "brief.md", tmp_path / "brief.docx"
    source.write_text(markdown, encoding="utf-8")
    # -smart: keep the document's straight quotes and '...' as printed
    subprocess.run(["pandoc", "-f", "markdown-smart", str(source), "-o", str(docx)], check=True)
    with zipfile.ZipFile(docx) as archive:
        notes_xml = archive.read("word/footnotes.xml").decode()
        body_xml = archive.read("word/document.xml").decode()

    def text(xml: str) -> str:
        return html.unescape(re.sub(r"<[^>]+>", "", xml))

    references = re.findall(r'<w:footnoteReference w:id="(\d+)"', body_xml)
    notes = re.findall(r'<w:footnote (?:[^>]*\s)?w:id="(\d+)"', notes_xml)
    # one Word footnote per citation in the Markdown, each with its note
    assert len(references) == len(re.findall(r"\[\^\d+\](?!:)", markdown)) == 6
    assert set(references) <= set(notes)
    notes_text = text(notes_xml)
    for expected in (
        "Footnote 26 of the document: Children's Social Care Innovation Programme, Ealing Brighter "
        "Futures Intensive Engagement Model: Working with adolescents in an on the edge of care, "
        "2017, pg. 29",
        "Footnote 4 of the document: Children's Social Care Innovation Programme, Leeds Family "
        "Valued Evaluation Report, 2017, pg. [page not given in the source: The note ends 'pg.' "
        "with no page number.]",
    ):
        assert expected in notes_text
    body = text(body_xml)
    assert "[^" not in body and "*" not in body
    assert "Parent, Ealing Brighter Futures evaluation." in body


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
    assert "src=" not in page and "http" not in page.split("<body>")[0]
    # every citation links to its note and every note links back to each citation
    assert set(anchors.hrefs) <= anchors.ids
    assert {f"fn-{n}" for n in (2, 3, 4, 5, 26, 27)} <= anchors.ids
    assert re.findall(r'<li id="fn-(\d+)" value="\1">', page) == ["2", "3", "4", "5", "26", "27"]
    assert 'href="#fnref-26-1" role="doc-backlink"' in page
    # adjacent citations stay apart: 2,3 and not 23
    assert '>2</a></sup><sup class="sep">,</sup><sup><a class="fnref" id="fnref-3-1"' in page
    assert "North Yorkshire&#x27;s No Wrong Door project evaluation." in page
    assert "with [name of lead worker] being positive" in page
    assert f"Open Government Licence v3.0: {LICENCE_URL}" in page


def test_html_escapes_every_data_string() -> None:
    hostile = "<script>alert(\"x\")</script> & 'q' \x1b[31m"
    page = html_render.render(
        [
            ("h1", hostile),
            ("p", [hostile, ("em", hostile), ("gap", hostile), ("strong", hostile), ("cite", 1)]),
            ("quote", [hostile], [hostile]),
            ("dl", [(hostile, [hostile])]),
            ("table", hostile, [hostile], [[[hostile]]]),
            ("notes", [(1, [hostile])]),
        ]
    )
    assert "<script" not in page and "\x1b" not in page
    # 13 places in the blocks, and the h1 once more as the page's <title>
    assert page.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;q&#x27;") == 14
    assert "\\u001b[31m" in page


def test_hostile_data_stays_text_end_to_end(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    framework = data / "framework.yaml"
    text = framework.read_text(encoding="utf-8")
    sentence = "The consistent single practitioner could be but was not always a social worker."
    assert text.count(sentence) == 1
    framework.write_text(
        text.replace(sentence, sentence + ' <img src=x onerror="alert(1)">'), encoding="utf-8"
    )
    code, out, err = run("--feature", "6", "--format", "html", data=data)
    assert (code, err) == (0, "")
    assert "<img" not in out
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in out


# --- errors --------------------------------------------------------------------------


def test_nothing_selected_is_usage_and_exit_2() -> None:
    assert run("--format", "html") == (
        2,
        "",
        "sevenf: error: nothing to brief on: name at least one --feature, --outcome or --project\n",
    )


def test_unknown_part_is_exit_1() -> None:
    assert run("--feature", "9") == (
        1,
        "",
        "sevenf: error: there is no feature 9: features are numbered 1 to 7\n",
    )


def test_bad_format_is_exit_2() -> None:
    code, out, err = run("--outcome", "2", "--format", "pdf")
    assert (code, out) == (2, "")
    assert err.startswith("sevenf: error: ") and err.count("\n") == 1 and "brief --help" in err


# --- -o: a whole file or none --------------------------------------------------------


def test_output_file_holds_what_stdout_would(markdown: str, tmp_path: Path) -> None:
    target = tmp_path / "brief.md"
    assert run(*CHOICE, "-o", str(target)) == (0, "", "")
    assert target.read_text(encoding="utf-8") == markdown
    assert os.listdir(tmp_path) == ["brief.md"]  # no temporary file left behind
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_existing_file_is_replaced_only_with_force(page: str, tmp_path: Path) -> None:
    target = tmp_path / "brief.html"
    target.write_text("keep me", encoding="utf-8")
    args = (*CHOICE, "--format", "html", "-o", str(target))
    assert run(*args) == (
        1,
        "",
        f"sevenf: error: {target} already exists; add --force to replace it\n",
    )
    assert target.read_text(encoding="utf-8") == "keep me"
    assert run(*args, "--force") == (0, "", "")
    assert target.read_text(encoding="utf-8") == page
    assert sorted(os.listdir(tmp_path)) == ["brief.html"]


def test_a_file_appearing_meanwhile_is_not_clobbered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "brief.md"
    real_mkstemp = tempfile.mkstemp

    def racing_mkstemp(**kwargs: str) -> tuple[int, str]:
        target.write_text("written by someone else meanwhile", encoding="utf-8")
        return real_mkstemp(**kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", racing_mkstemp)
    code, _, err = run(*CHOICE, "-o", str(target))
    assert (code, err) == (
        1,
        f"sevenf: error: {target} already exists; add --force to replace it\n",
    )
    assert target.read_text(encoding="utf-8") == "written by someone else meanwhile"
    assert os.listdir(tmp_path) == ["brief.md"]


def test_a_failed_write_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "brief.md"
    target.write_text("the old brief", encoding="utf-8")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    code, out, err = run(*CHOICE, "-o", str(target), "--force")
    assert (code, out) == (1, "")
    assert err == f"sevenf: error: cannot write {target}: No space left on device\n"
    assert target.read_text(encoding="utf-8") == "the old brief"
    assert os.listdir(tmp_path) == ["brief.md"]


@pytest.mark.parametrize("where", ["missing/brief.md", "."])
def test_unwritable_places_are_one_line_and_exit_1(where: str, tmp_path: Path) -> None:
    code, out, err = run(*CHOICE, "-o", str(tmp_path / where))
    assert (code, out) == (1, "")
    assert (
        err.startswith(f"sevenf: error: cannot write {tmp_path / where}: ") and err.count("\n") == 1
    )
