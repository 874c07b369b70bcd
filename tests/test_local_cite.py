"""Local evidence in the citation exports and the CSV, on the real data and the example file.

`sevenf cite --local FILE` exports the local file's sources beside the document's, each
marked as its owner's and not the document's, in every format; real parsers read them back
(bibtexparser, rispy, the CSL schema), and real engines render a citation of one (pandoc
--citeproc, citeproc-py, citeproc-js through citation-js). A list view's CSV names the owner
on every local row. Without --local, nothing changes: no origin column, the same citations.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import bibtexparser
import jsonschema
import openpyxl
import pytest
import rispy
import yaml
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    Locator,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from helpers import FIXTURES, ROOT, Cli, npm_folder, pandoc

from seven_features.render.csv import BOM
from seven_features.wording import local_key

EXAMPLE = ROOT / "examples" / "local-evidence.yaml"
LOCAL = ("--local", str(EXAMPLE))
OWNER = "Example Borough Council"
MARK = f"From {OWNER}'s local evidence, not from the document."
FORMATS = ("text", "bibtex", "ris", "csl-json")
AUDIT = local_key(OWNER, "supervision-audit-2025")


def example() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    return data


SOURCES = {local_key(OWNER, s["id"]): s for s in example()["sources"]}


def run(cli: Cli, *args: str) -> tuple[str, str]:
    code, out, err = cli(*args)
    assert code == 0, err
    return out, err


# --- cite: which local sources --------------------------------------------------------------


def csl_ids(cli: Cli, *args: str) -> list[str]:
    out, _ = run(cli, "cite", *args, *LOCAL, "--format", "csl-json")
    return [item["id"] for item in json.loads(out) if item["id"] in SOURCES]


def test_no_selection_exports_every_local_source(cli: Cli) -> None:
    assert csl_ids(cli) == list(SOURCES)


def test_a_feature_or_outcome_exports_the_sources_its_local_records_cite(cli: Cli) -> None:
    data = example()

    def cited(kind: str, number: int) -> set[str]:
        return {
            local_key(OWNER, r["source"])
            for group in ("findings", "quotes", "notes")
            for r in data[group]
            if number in r.get(kind, []) and r.get("source")
        }

    for number in range(1, 8):
        assert set(csl_ids(cli, "--feature", str(number))) == cited("features", number)
        assert set(csl_ids(cli, "--outcome", str(number))) == cited("outcomes", number)
    assert csl_ids(cli, "--outcome", "7") == [local_key(OWNER, "performance-report-2025")]
    # a selection is a union, as for the document's footnotes
    both = set(csl_ids(cli, "--feature", "5", "--outcome", "3"))
    assert both == cited("features", 5) | cited("outcomes", 3)


@pytest.mark.parametrize("args", [("11",), ("--project", "signs-of-safety"), ("--framework",)])
def test_footnotes_projects_and_the_framework_alone_export_no_local_source(
    cli: Cli, args: tuple[str, ...]
) -> None:
    for fmt in FORMATS:
        with_local, err = run(cli, "cite", *args, *LOCAL, "--format", fmt)
        without, _ = run(cli, "cite", *args, "--format", fmt)
        assert with_local == without
        assert "so no local source is exported" in err


# --- cite: every format marks each local source as its owner's ------------------------------


def test_bibtex_parses_and_marks_each_local_entry(cli: Cli) -> None:
    out, _ = run(cli, "cite", *LOCAL, "--format", "bibtex")
    library = bibtexparser.parse_string(out)
    assert library.failed_blocks == []
    local = {e.key: e for e in library.entries if e.key in SOURCES}
    assert list(local) == list(SOURCES)
    for key, entry in local.items():
        source = SOURCES[key]
        assert entry.entry_type == "misc"
        # the author as given, braced whole: a corporate author no style splits
        assert entry["author"] == "{" + source["author"] + "}"
        assert entry["title"] == "{" + source["title"] + "}"
        assert entry["year"] == "2025"
        assert entry["note"].startswith(MARK)
        assert ("url" in entry.fields_dict) == ("url" in source)
    assert local[AUDIT]["month"] == "9"
    assert (
        "finding direct-work-time (p. 4) and quote worker-group-discussion (p. 7)"
        in (local[AUDIT]["note"])
    )


def test_ris_parses_and_marks_each_local_record(cli: Cli) -> None:
    raw = cli.raw("cite", *LOCAL, "--format", "ris").stdout
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    records = {r["id"]: r for r in rispy.loads(raw.decode("utf-8"))}
    for key, source in SOURCES.items():
        record = records[key]
        assert record["type_of_reference"] == "GEN"
        assert record["authors"] == [source["author"] + ","]
        assert record["title"] == source["title"]
        assert record["notes"][0] == MARK
        assert record.get("urls", []) == ([source["url"]] if "url" in source else [])


def test_csl_json_is_valid_and_marks_each_local_item(cli: Cli) -> None:
    out, _ = run(cli, "cite", *LOCAL, "--format", "csl-json")
    items = json.loads(out)
    schema = json.loads((FIXTURES / "cite" / "csl-data.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(items, schema)
    local = {i["id"]: i for i in items if i["id"] in SOURCES}
    for key, source in SOURCES.items():
        item = local[key]
        assert item["type"] == "document"
        assert item["author"] == [{"literal": source["author"]}]
        assert item["note"].startswith(MARK)
        assert item["custom"] == {"origin": "local", "owner": OWNER}
    assert local[AUDIT]["issued"] == {"date-parts": [[2025, 9]]}
    # the document's items carry no such mark
    assert not any("custom" in i for i in items if i["id"] not in SOURCES)


def test_text_names_the_owner_of_every_local_reference(cli: Cli) -> None:
    out, _ = run(cli, "cite", *LOCAL)
    head, _, section = out.partition(
        f"\n\nLocal sources: {OWNER}'s evidence, not the document's\n\n"
    )
    assert section, out
    lines = section.rstrip("\n").split("\n")
    assert len(lines) == len(SOURCES)
    for source in SOURCES.values():
        [line] = [x for x in lines if source["title"] in x]
        assert line.startswith(f"{source['author']} (2025) {source['title']}.")
        assert f"[{MARK}]" in line
    # none of it stands among the document's references or footnotes
    assert not any(s["title"] in head for s in SOURCES.values())


# --- without --local nothing changes --------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("args", [(), ("--feature", "3"), ("--outcome", "1")])
def test_the_documents_entries_are_the_same_with_local_evidence(
    cli: Cli, fmt: str, args: tuple[str, ...]
) -> None:
    without = cli.raw("cite", *args, "--format", fmt).stdout
    with_local = cli.raw("cite", *args, *LOCAL, "--format", fmt).stdout
    assert without != with_local
    if fmt == "csl-json":
        before, after = json.loads(without), json.loads(with_local)
        assert after[: len(before)] == before
        assert [i["id"] for i in after[len(before) :]] == [
            k for k in SOURCES if k in {i["id"] for i in after}
        ]
    else:
        # the document's entries first, unchanged; the local ones after them
        assert with_local.startswith(without.rstrip(b"\n"))


# --- real engines render a citation of a local source ---------------------------------------


def _exports(cli: Cli, where: Path) -> dict[str, Path]:
    files = {}
    for fmt, suffix in (("csl-json", "json"), ("bibtex", "bib"), ("ris", "ris")):
        files[fmt] = where / f"local.{suffix}"
        files[fmt].write_bytes(cli.raw("cite", "--feature", "3", *LOCAL, "--format", fmt).stdout)
    return files


@pytest.mark.parametrize("fmt", ["csl-json", "bibtex"])
def test_pandoc_citeproc_renders_a_citation_of_a_local_source(
    cli: Cli, tmp_path: Path, fmt: str
) -> None:
    program = pandoc()
    if program is None:
        pytest.skip("no pandoc: pip install 'sevenf[word]' (the test extra brings it)")
    bibliography = _exports(cli, tmp_path)[fmt]
    done = subprocess.run(
        [program, "--citeproc", f"--bibliography={bibliography}", "--to=plain", "--wrap=none"],
        input=f"As the audit found [@{AUDIT}, p. 7].\n".encode(),
        capture_output=True,
        check=True,
        timeout=120,
    )
    text = done.stdout.decode("utf-8")
    assert "[WARNING]" not in done.stderr.decode("utf-8"), done.stderr
    assert "(Example Borough Council Quality Assurance Team 2025, 7)" in text
    # the reference list holds the entry (pandoc's default style may title-case it)
    assert "practice supervision audit, quarter 2" in text.casefold()


# citeproc-py knows no `custom` (CSL 1.0.2's place for data no style prints) and says so
@pytest.mark.filterwarnings("ignore:The following arguments for Reference are unsupported")
def test_citeproc_py_cites_a_local_source_at_its_page(cli: Cli, tmp_path: Path) -> None:
    items = json.loads(_exports(cli, tmp_path)["csl-json"].read_text(encoding="utf-8"))
    bibliography = CitationStylesBibliography(
        CitationStylesStyle("harvard-cite-them-right", validate=False),
        CiteProcJSON(items),
        formatter.plain,
    )
    citation = Citation([CitationItem(AUDIT, locator=Locator("page", "7"))])
    bibliography.register(citation)
    cited = str(bibliography.cite(citation, pytest.fail))
    assert cited == "(Example Borough Council Quality Assurance Team, 2025, p. 7)"
    [entry] = [str(e) for e in bibliography.bibliography()]
    assert entry.startswith("Example Borough Council Quality Assurance Team (2025) “Practice")


#: citation-js (citeproc-js, Zotero's engine) reading a file: each bibliography entry as [id, text].
RENDER = """
const [folder, file] = process.argv.slice(2);
const need = (name) => require(require.resolve(name, { paths: [folder] }));
const { Cite } = need('@citation-js/core');
['plugin-csl', 'plugin-bibtex', 'plugin-ris'].forEach((p) => need('@citation-js/' + p));
const text = require('fs').readFileSync(file, 'utf8');
process.stdout.write(JSON.stringify(new Cite(text).format('bibliography', {
  format: 'text', template: 'apa', lang: 'en-GB', asEntryArray: true,
})));
"""


def test_citeproc_js_reads_the_local_entries_of_every_format(cli: Cli, tmp_path: Path) -> None:
    folder = npm_folder()
    script = tmp_path / "render.js"
    script.write_text(RENDER, encoding="utf-8")
    for fmt, file in _exports(cli, tmp_path).items():
        done = subprocess.run(
            ["node", str(script), str(folder), str(file)],
            capture_output=True,
            check=True,
            timeout=120,
        )
        entries = {key.lower(): text.replace("’", "'") for key, text in json.loads(done.stdout)}
        for key, source in SOURCES.items():
            # an organisation whole, as the author, before the year: no "Council, E. B."
            assert entries[key].startswith(f"{source['author']}. (2025"), (fmt, entries[key])


# --- CSV ------------------------------------------------------------------------------------

#: Each list view with local records, and the ids of the example's records it should hold.
CSVS: dict[str, tuple[tuple[str, ...], str, list[str]]] = {
    "findings": (
        ("findings",),
        "finding_id",
        ["direct-work-time", "plans-ended", "conferences-held"],
    ),
    "quotes": (("quotes",), "quote_id", ["parent-direct-work", "worker-group-discussion"]),
    "projects": (("projects",), "project_id", ["direct-work-hub", "family-group-conferencing"]),
    "feature": (("feature", "3", "--evidence"), "finding_id", ["direct-work-time", "plans-ended"]),
    "outcome": (("outcome", "3", "--evidence"), "finding_id", ["conferences-held"]),
}


def parsed(text: str) -> tuple[list[str], list[dict[str, str]]]:
    assert text.startswith(BOM)
    reader = csv.DictReader(io.StringIO(text[len(BOM) :], newline=""))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


@pytest.mark.parametrize("name", list(CSVS))
def test_csv_rows_of_local_records_all_name_their_owner(cli: Cli, name: str) -> None:
    args, id_column, ids = CSVS[name]
    out, err = run(cli, *args, *LOCAL, "--format", "csv")
    columns, rows = parsed(out)
    assert columns[0] == "origin"
    local = [r for r in rows if r["origin"] != "document"]
    assert [r[id_column] for r in local] == ids
    assert {r["origin"] for r in local} == {OWNER}
    for row in local:
        if name == "projects":
            assert row["local_description"]
        else:
            assert row["local_citation"].startswith(f"{OWNER}'s evidence: ")
        assert row["local_features"] or row["local_outcomes"]
        # the document's citation columns are never filled with local words
        assert not row.get("citation") and not row.get("footnotes")
    assert f"({len(ids)} from local evidence, its owner named in origin)" in err


@pytest.mark.parametrize("name", list(CSVS))
def test_csv_without_local_is_unchanged_and_the_document_rows_are_the_same(
    cli: Cli, name: str
) -> None:
    args, _, _ = CSVS[name]
    without, err = run(cli, *args, "--format", "csv")
    assert "local evidence" not in err
    columns, rows = parsed(without)
    assert "origin" not in columns and not any(c.startswith("local_") for c in columns)
    _, with_local = parsed(run(cli, *args, *LOCAL, "--format", "csv")[0])
    document = [r for r in with_local if r["origin"] == "document"]
    assert [{c: r[c] for c in columns} for r in document] == rows


def test_libreoffice_opens_a_csv_with_local_rows_as_a_reader_sees_it(
    cli: Cli, tmp_path: Path
) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip(
            "LibreOffice (soffice) is not installed: .ci/run installs libreoffice-calc-nogui"
        )
    raw = cli.raw("findings", *LOCAL, "--format", "csv").stdout
    (tmp_path / "findings.csv").write_bytes(raw)
    profile = (tmp_path / "profile").as_uri()  # its own: never a lock another soffice holds
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            # UTF-8 (76), quoted fields as text: as its import dialog does (test_exports.py)
            "--infilter=CSV:44,34,76,1,,1033,true",
            *("--convert-to", "xlsx", "--outdir", "out", "findings.csv"),
        ],
        capture_output=True,
        timeout=300,
        check=True,
        cwd=tmp_path,
    )
    sheet = openpyxl.load_workbook(tmp_path / "out" / "findings.xlsx", data_only=True).active
    assert sheet is not None
    got = [list(row) for row in sheet.iter_rows(values_only=True)]
    header = got[0]
    assert header[0] == "origin"
    citation = header.index("local_citation")
    local = [row for row in got[1:] if row[0] != "document"]
    assert [row[0] for row in local] == [OWNER] * 3
    assert all(str(row[citation]).startswith(f"{OWNER}'s evidence: ") for row in local)
