"""The citation exports as reference managers show them: rendered by real citation engines.

citeproc-js (through npm's citation-js, the engine Zotero and Mendeley use) reads each
export, CSL-JSON, BibTeX and RIS, and lays it out in APA and in Cite Them Right Harvard
(both styles ship with citation-js); pandoc's --citeproc and citeproc-py lay the same
out from the same style files. What is checked is what a reader sees: every person is
"Family, I.", every evaluation report names an author, no entry prints its title twice
and every entry starts with a capital. Without node and npm, or pandoc, those parts skip.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from helpers import Cli, npm_folder, pandoc

from seven_features.corpus.indexed import Corpus

STYLES = ("apa", "harvard1")
FORMATS = {"csl-json": "json", "bibtex": "bib", "ris": "ris"}
FSH = "family-safeguarding-hertfordshire-evaluation-2017"
#: What citation-js is asked: each entry of a file's bibliography in a style, as [id, text];
#: or, with "styles", the CSL files of the styles it ships.
RENDER = """
const [folder, what, style, file] = process.argv.slice(2);
const need = (name) => require(require.resolve(name, { paths: [folder] }));
const { Cite } = need('@citation-js/core');
['plugin-csl', 'plugin-bibtex', 'plugin-ris'].forEach((p) => need('@citation-js/' + p));
if (what === 'styles') {
  const { plugins } = need('@citation-js/core');
  const templates = plugins.config.get('@csl').templates;
  const out = {};
  for (const name of style.split(',')) out[name] = templates.get(name);
  process.stdout.write(JSON.stringify(out));
} else {
  const text = require('fs').readFileSync(file, 'utf8');
  const entries = new Cite(text).format('bibliography', {
    format: 'text', template: style, lang: 'en-GB', asEntryArray: true,
  });
  process.stdout.write(JSON.stringify(entries));
}
"""


@pytest.fixture(scope="module")
def node(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The npm folder holding citation-js, and the script that asks it."""
    folder = npm_folder()
    script = tmp_path_factory.mktemp("citeproc") / "render.js"
    script.write_text(RENDER, encoding="utf-8")
    return folder, script


@pytest.fixture(scope="module")
def exports(cli: Cli, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every source and the framework, in each export format, as files."""
    where = tmp_path_factory.mktemp("exports")
    files = {}
    for fmt, suffix in FORMATS.items():
        code, out, _ = cli.raw("cite", "--format", fmt)
        assert code == 0
        files[fmt] = where / f"all.{suffix}"
        files[fmt].write_bytes(out)
    return files


@pytest.fixture(scope="module")
def styles(node: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The APA and Harvard CSL files citation-js ships, for pandoc and citeproc-py."""
    folder, script = node
    done = subprocess.run(
        ["node", str(script), str(folder), "styles", ",".join(STYLES)],
        capture_output=True,
        check=True,
        timeout=120,
    )
    where = tmp_path_factory.mktemp("styles")
    files = {}
    for name, xml in json.loads(done.stdout).items():
        files[name] = where / f"{name}.csl"
        files[name].write_text(xml, encoding="utf-8")
    return files


def citeproc_js(node: tuple[Path, Path], style: str, file: Path) -> dict[str, str]:
    folder, script = node
    done = subprocess.run(
        ["node", str(script), str(folder), "entries", style, str(file)],
        capture_output=True,
        check=True,
        timeout=120,
    )
    return {key: text.strip() for key, text in json.loads(done.stdout)}


def reports(corpus: Corpus) -> dict[str, str]:
    """Citation key -> title of every evaluation report."""
    from seven_features.wording import citation_key

    return {
        citation_key(s): s["title"] or s["name"]
        for s in corpus.sources.values()
        if s["kind"] in ("evaluation-report", "overall-evaluation")
    }


def check_entries(entries: dict[str, str], corpus: Corpus) -> None:
    """What a reader of any reference list of these exports must see."""
    titled = reports(corpus)
    assert set(titled) <= set(entries)
    for key, text in entries.items():
        first = text.lstrip('[“‘"')[:1]
        assert first.isupper(), (key, text)  # 'the ISOS Partnership' no more
        for source in corpus.sources.values():
            title = source["title"] or source["name"]
            assert text.count(title) <= 1, (key, text)  # no title twice
        if key in titled:
            # an author, a person or an organisation, stands before the title
            assert not text.lstrip("[").startswith(titled[key].lstrip("[")), (key, text)


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("style", STYLES)
def test_citeproc_js_reads_every_export_as_people_and_organisations(
    fmt: str, style: str, node: tuple[Path, Path], exports: dict[str, Path], corpus: Corpus
) -> None:
    entries = citeproc_js(node, style, exports[fmt])
    check_entries(entries, corpus)
    herts = entries[FSH]
    if style == "apa":
        assert herts.startswith(
            "Forrester, D., Lynch, A., Bostock, L., Newlands, F., Preston, B., & Cary, A. (2017). "
            "Family Safeguarding Hertfordshire Evaluation Report"
        )
        # the series that issued a report with no named author stands as its author
        assert entries["mockingbird-evaluation-2016"].startswith(
            "Children’s Social Care Innovation Programme. (2016). Evaluation of the Mockingbird"
        )
        assert entries["seven-features-of-practice-2022"].startswith("Department for Education.")
    else:
        assert herts.startswith("Forrester, D. et al. (2017) Family Safeguarding Hertfordshire")
    if fmt != "ris" or style == "harvard1":
        # the report's number where each format keeps one, and the DfE's reference as printed
        assert "55" in herts and "RR: RR1270" in entries["seven-features-of-practice-2022"]


def test_harvard_gives_the_entry_a_uk_report_gives(
    node: tuple[Path, Path], exports: dict[str, Path]
) -> None:
    entries = citeproc_js(node, "harvard1", exports["csl-json"])
    assert entries[FSH] == (
        "Forrester, D. et al. (2017) Family Safeguarding Hertfordshire Evaluation Report. "
        "Evaluation report 55. Children’s Social Care Innovation Programme."
    )
    assert entries["seven-features-of-practice-2022"] == (
        "Department for Education (2022) Seven features of practice and seven outcomes. RR: RR1270."
    )


def _pandoc_entries(bibliography: Path, style: Path) -> list[str]:
    program = pandoc()
    if program is None:
        pytest.skip("no pandoc: pip install 'sevenf[word]' (the test extra brings it)")
    command = [program, "--citeproc", f"--bibliography={bibliography}", f"--csl={style}"]
    done = subprocess.run(
        [*command, "--to=plain", "--wrap=none"],
        input=b'---\nnocite: "@*"\n---\n',
        capture_output=True,
        check=True,
        timeout=120,
    )
    return [e for e in done.stdout.decode("utf-8").split("\n\n") if e.strip()]


@pytest.mark.parametrize("fmt", ["csl-json", "bibtex"])
@pytest.mark.parametrize("style", STYLES)
def test_pandoc_citeproc_reads_them_alike(
    fmt: str, style: str, exports: dict[str, Path], styles: dict[str, Path], corpus: Corpus
) -> None:
    entries = _pandoc_entries(exports[fmt], styles[style])
    assert len(entries) == len(corpus.sources) + 1  # and the framework
    herts = next(e for e in entries if "Family Safeguarding Hertfordshire" in e)
    assert herts.startswith("Forrester, D.")
    for text in entries:
        assert text.lstrip("[“‘")[:1].isupper(), text
        assert not any(text.count(s["title"] or s["name"]) > 1 for s in corpus.sources.values()), (
            text
        )


@pytest.mark.parametrize("style", ["harvard-cite-them-right", "apa"])
def test_citeproc_py_prints_no_title_twice(
    style: str, exports: dict[str, Path], styles: dict[str, Path], corpus: Corpus
) -> None:
    items = json.loads(exports["csl-json"].read_text(encoding="utf-8"))
    # citeproc-py ships the Harvard style; APA is the file citation-js ships
    chosen = style if style != "apa" else str(styles["apa"])
    bibliography = CitationStylesBibliography(
        CitationStylesStyle(chosen, validate=False), CiteProcJSON(items), formatter.plain
    )
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    entries = [str(e) for e in bibliography.bibliography()]
    assert len(entries) == len(items)
    for text in entries:
        assert text.lstrip("[“‘")[:1].isupper(), text
        for source in corpus.sources.values():
            assert text.count(source["title"] or source["name"]) <= 1, text
    assert any(re.match(r"Forrester, D\.", e) for e in entries)


def test_document_only_exports_name_the_issuer_and_no_outside_author(
    node: tuple[Path, Path], cli: Cli, tmp_path: Path, corpus: Corpus
) -> None:
    code, out, _ = cli.raw("cite", "--format", "csl-json", "--document-only")
    assert code == 0
    file = tmp_path / "document-only.json"
    file.write_bytes(out)
    entries = citeproc_js(node, "apa", file)
    assert entries[FSH].startswith("Children’s Social Care Innovation Programme. (2017")
    assert entries["final-evaluation-report-2017"].startswith(
        "The Rees Centre at the University of Oxford. (2017). Final Evaluation Report"
    )
    assert not any("Forrester" in text or "Sebba" in text for text in entries.values())
