"""`sevenf brief --format docx`: a real Word file through pandoc, read back part by part.

The test extra brings pandoc (`sevenf[word]`, the pypandoc_binary wheel), so these run in
CI; without any pandoc they skip, saying why. The page count needs LibreOffice.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from helpers import Cli, needs_pandoc, pandoc

from seven_features.corpus.indexed import Corpus

SHORT = ("--feature", "4", "--feature", "5", "--short")


def paragraphs(xml: str) -> list[tuple[str, str]]:
    """(style, text) of each paragraph of a WordprocessingML part."""
    found = []
    for body in re.findall(r"<w:p\b[^>]*>(.*?)</w:p>", xml, re.S):
        style = re.search(r'<w:pStyle w:val="([^"]+)"', body)
        text = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", body))
        found.append((style.group(1) if style else "", html.unescape(text)))
    return found


class Word:
    """The parts of a .docx that matter here."""

    def __init__(self, path: Path) -> None:
        with zipfile.ZipFile(path) as archive:
            self.names = set(archive.namelist())

            def read(name: str) -> str:
                return archive.read(name).decode("utf-8")

            self.document, self.notes = read("word/document.xml"), read("word/footnotes.xml")
            self.footer = read("word/footer1.xml") if "word/footer1.xml" in self.names else ""
        self.body = paragraphs(self.document)
        self.note_texts = [t.strip() for s, t in paragraphs(self.notes) if t.strip()]

    def styled(self, style: str) -> list[str]:
        return [text for s, text in self.body if s == style]


@pytest.fixture(scope="module")
def short(tmp_path_factory: pytest.TempPathFactory, cli: Cli) -> Path:
    if pandoc() is None:
        pytest.skip("no pandoc: pip install 'sevenf[word]' (the test extra brings it)")
    target = tmp_path_factory.mktemp("word") / "brief.docx"
    code, out, err = cli.raw("brief", *SHORT, "--format", "docx", "-o", str(target))
    assert (code, out, err) == (0, b"", "")
    return target


@needs_pandoc
def test_title_block_headings_quotes_and_page_numbers(short: Path) -> None:
    word = Word(short)
    assert word.styled("Title") == ["Evidence brief"]
    assert word.styled("Subtitle")[0].startswith(
        "From Seven features of practice and seven outcomes: Based on findings drawn"
    )
    assert word.styled("Heading2")[:2] == [
        "Feature 4: Multi-disciplinary skill sets working together",
        "Feature 5: Undertaking group case discussion",
    ]
    assert "Definition" in word.styled("Heading3")
    # quotations in the reference document's quotation style, with its left rule
    assert any(t.startswith("In this approach you've got") for t in word.styled("BlockText"))
    assert re.search(r'w:instr=" PAGE "', word.footer) and "NUMPAGES" in word.footer
    assert "word/footer1.xml" in word.names


@needs_pandoc
def test_every_quote_stands_in_the_body_exactly(short: Path, corpus: Corpus) -> None:
    body = "\n".join(text for _, text in Word(short).body)
    features = ("multi-disciplinary-skill-sets", "group-case-discussion")
    first: dict[str, str] = {}
    for quote in corpus.quotes:  # the short brief keeps each feature's first quote
        if quote["feature"] in features:
            first.setdefault(quote["feature"], quote["text"])
    assert len(first) == 2
    for text in first.values():
        assert text in body  # brackets, straight apostrophes and '...' as printed
    assert "[Historically]" in body and "..." in body and "’" not in body


@needs_pandoc
def test_the_footnotes_part_holds_the_citations(short: Path) -> None:
    word = Word(short)
    references = re.findall(r'<w:footnoteReference w:id="(\d+)"', word.document)
    assert len(references) == 5
    assert word.note_texts == [
        "Department for Education (2022) Seven features of practice and seven outcomes, "
        "Practice feature four, from p. 20.",
        # the marks (superscript letters) of its notes on the sources, not the document's number
        "Children's Social Care Innovation Programme (2017) Ealing Brighter Futures Intensive "
        "Engagement Model: Working with adolescents in and on the edge of care, p. 26.f,g",
        "Department for Education (2022) Seven features of practice and seven outcomes, "
        "Practice feature five, from p. 22.",
        "Children's Social Care Innovation Programme (2017) Scaling and Deepening the Reclaiming "
        "Social Work Model, p. 49.h",
        # the finding of Reclaiming Social Work, through feature 5's evidence paths
        "Children's Social Care Innovation Programme (2017) Final Evaluation Report, p. 26.",
    ]
    body = "\n".join(t for _, t in word.body)
    assert "[^" not in body and "*" not in body and "Ibid" not in "".join(word.note_texts)


@needs_pandoc
def test_a_full_brief_keeps_every_quote_and_note(tmp_path: Path, corpus: Corpus, cli: Cli) -> None:
    target = tmp_path / "full.docx"
    args = ("--feature", "6", "--outcome", "2", "--project", "ealing", "--title", "Ealing & co")
    assert cli.raw("brief", *args, "--format", "docx", "-o", str(target)) == (0, b"", "")
    word = Word(target)
    assert word.styled("Title") == ["Ealing & co"]
    body = "\n".join(t for _, t in word.body)
    for quote in corpus.quotes.where("project", "ealing-brighter-futures"):
        if quote["feature"] == "intensity-and-consistency-of-practitioner":
            assert body.count(quote["text"]) == 1
    markdown = cli("brief", *args).stdout
    cites = re.findall(r"\[\^[^\]]+\](?!:)", markdown)
    assert len(re.findall(r"<w:footnoteReference ", word.document)) == len(cites)


@needs_pandoc
def test_piped_stdout_gets_the_file_itself(cli: Cli) -> None:
    code, out, err = cli.raw("brief", *SHORT, "--format", "docx")
    assert (code, err) == (0, "")
    assert out[:2] == b"PK"


def test_without_pandoc_one_line_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    monkeypatch.setitem(sys.modules, "pypandoc", None)  # the extra is not installed
    monkeypatch.setenv("PATH", str(tmp_path))  # and no pandoc on PATH
    target = tmp_path / "brief.docx"
    code, out, err = cli.raw("brief", *SHORT, "--format", "docx", "-o", str(target))
    assert (code, out) == (1, b"")
    assert err == (
        "sevenf: error: Word output needs pandoc: install it with pip install 'sevenf[word]' "
        "(or put pandoc from https://pandoc.org on PATH), or write Markdown or HTML instead\n"
    )
    assert not target.exists()


@needs_pandoc
def test_adjacent_note_references_are_parted_by_a_superscript_comma(
    tmp_path: Path, cli: Cli
) -> None:
    target = tmp_path / "brief.docx"
    assert cli.raw("brief", *REVIEWED, "--format", "docx", "-o", str(target)) == (0, b"", "")
    document = Word(target).document
    reference = r'<w:r><w:rPr><w:rStyle w:val="FootnoteReference" /></w:rPr><w:footnoteReference'
    comma = r'<w:r><w:rPr><w:vertAlign w:val="superscript" /></w:rPr><w:t[^>]*>,</w:t></w:r>'
    # "Child Protection Plans⁶,⁷": two notes after one word, never "Plans⁶⁷" (note 67)
    assert re.search(
        rf"Child Protection Plans</w:t></w:r>{reference}[^>]*/></w:r>{comma}", document
    )
    assert not re.search(rf"<w:footnoteReference [^>]*/></w:r>{reference}", document)


@needs_pandoc
def test_a_heading_and_the_first_paragraph_under_it_keep_with_what_follows(short: Path) -> None:
    with zipfile.ZipFile(short) as archive:
        styles = archive.read("word/styles.xml").decode("utf-8")
    for style in ("Heading1", "Heading2", "Heading3", "FirstParagraph"):
        found = re.search(rf'<w:style [^>]*w:styleId="{style}".*?</w:style>', styles, re.S)
        assert found and "<w:keepNext />" in found.group(), style


#: The reviewer's brief: feature 6, then outcome 2, whose heading once stood alone at a
#: page's foot with its findings overleaf.
REVIEWED = ("--outcome", "reduced risk", "--feature", "6")
#: Short briefs that must fit on two pages, as `--short`'s help says: one feature, one
#: outcome, or one of each (the reviewer's brief, and the director's of issue 19).
ON_TWO_PAGES = {
    **{f"feature-{n}": ("--feature", str(n), "--short") for n in range(1, 8)},
    **{f"outcome-{n}": ("--outcome", str(n), "--short") for n in range(1, 8)},
    "reviewed-short": (*REVIEWED, "--short"),
    "director": ("--feature", "4", "--outcome", "2", "--short"),
}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory, cli: Cli) -> dict[str, list[str]]:
    """Each brief's pages as LibreOffice lays them out, as text (one string a page)."""
    if pandoc() is None:
        pytest.skip("no pandoc: pip install 'sevenf[word]' (the test extra brings it)")
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        pytest.skip("no LibreOffice or pdftotext to lay out pages")
    where = tmp_path_factory.mktemp("pages")
    briefs = {**ON_TWO_PAGES, "reviewed": REVIEWED, "features-4-5": SHORT}
    for name, args in briefs.items():
        code, out, err = cli.raw("brief", *args, "--format", "docx", "-o", f"{where}/{name}.docx")
        assert (code, out, err) == (0, b"", "")
    command = ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(where)]
    files = [str(where / f"{name}.docx") for name in briefs]
    subprocess.run([*command, *files], check=True, capture_output=True, timeout=600)
    laid = {}
    for name in briefs:
        text = subprocess.run(
            ["pdftotext", str(where / f"{name}.pdf"), "-"], check=True, capture_output=True
        ).stdout.decode("utf-8")
        laid[name] = text.split("\f")[:-1]  # each page ends with a form feed
    return laid


@needs_pandoc
@pytest.mark.parametrize("name", list(ON_TWO_PAGES))
def test_a_short_brief_of_one_part_is_two_pages_at_most(
    name: str, pages: dict[str, list[str]]
) -> None:
    assert 1 <= len(pages[name]) <= 2
    assert "Licence and attribution" in pages[name][-1]


@needs_pandoc
@pytest.mark.parametrize("name", ["reviewed", "reviewed-short"])
def test_the_outcome_heading_stands_on_the_page_of_its_findings(
    name: str, pages: dict[str, list[str]]
) -> None:
    def page_of(text: str) -> int:
        return next(i for i, page in enumerate(pages[name]) if text in page)

    heading = page_of("Outcome 2: Reduced risk for children")
    assert page_of("Significant reductions in the number of children") == heading


@needs_pandoc
def test_two_features_run_longer_as_the_help_says(pages: dict[str, list[str]]) -> None:
    assert len(pages["features-4-5"]) <= 3
    assert "Licence and attribution" in pages["features-4-5"][-1]
