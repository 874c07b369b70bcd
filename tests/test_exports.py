"""`sevenf export sqlite|xlsx`, and every CSV and the workbook opened by LibreOffice.

The database is checked as SQLite checks itself (integrity, foreign keys), searched
through its FTS5 index, and served by Datasette as people browse it; the workbook and
each CSV are opened by LibreOffice and their cells read back, every character intact.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from helpers import Cli

from seven_features.export import workbook
from seven_features.render import flat

SOFFICE = shutil.which("soffice")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed: .ci/run installs libreoffice-calc-nogui",
)


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "evidence.db"
    code, out, err = Cli()("export", "sqlite", "-o", str(path))
    assert (code, out) == (0, ""), err
    assert err == f"sevenf: note: wrote {path}; browse it with: datasette {path}\n"
    return path


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "evidence.xlsx"
    code, out, err = Cli()("export", "xlsx", "-o", str(path))
    assert (code, out) == (0, ""), err
    return path


# --- SQLite --------------------------------------------------------------------------------


def test_the_database_passes_sqlites_own_checks(database: Path) -> None:
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        keys = db.execute("SELECT count(*) FROM pragma_foreign_key_list('finding_projects')")
        assert keys.fetchone() == (2,)


def test_its_full_text_index_finds_co_location(database: Path) -> None:
    with sqlite3.connect(database) as db:
        found = db.execute(
            "SELECT p.kind, p.ref_number, p.title FROM passages_fts "
            "JOIN passages AS p ON p.id = passages_fts.rowid "
            "WHERE passages_fts MATCH '\"co-location\"' ORDER BY p.id"
        ).fetchall()
    assert found == [
        ("pitfall", 4, "Co-location is important"),
        ("pitfall", 5, "Co-location is important"),
    ]


def test_every_table_says_how_many_rows_it_holds(database: Path) -> None:
    with sqlite3.connect(database) as db:
        listed = db.execute('SELECT name, type, "rows" FROM "tables"').fetchall()
        for name, _, rows in listed:
            assert db.execute(f'SELECT count(*) FROM "{name}"').fetchone() == (rows,), name
        made = {
            name
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
                "AND name NOT LIKE 'passages_fts%'"
            )
        }
    assert {name for name, _, _ in listed} == made
    counts = {name: rows for name, _, rows in listed}
    assert counts["findings"] == 21 and counts["quotes"] == 10 and counts["footnotes"] == 27
    wanted = (
        "features outcomes enablers projects findings figures quotes points pitfalls footnotes "
        "sources links finding_projects finding_footnotes licence"
    )
    assert set(wanted.split()) <= made


def test_findings_the_document_gives_no_outcome_stay_so(database: Path) -> None:
    with sqlite3.connect(database) as db:
        per_outcome = db.execute(
            "SELECT o.number, count(*) FROM findings AS f "
            "LEFT JOIN outcomes AS o ON o.id = f.outcome_id GROUP BY o.number ORDER BY o.number"
        ).fetchall()
        none = db.execute("SELECT id, notes FROM findings WHERE outcome_id IS NULL").fetchall()
    assert sum(n for _, n in per_outcome) == 21
    assert per_outcome[0] == (None, 1)
    assert none == [("direct-work-hampshire-pas", flat.NO_OUTCOME)]


def test_the_licence_has_a_table_of_its_own(database: Path) -> None:
    with sqlite3.connect(database) as db:
        db.row_factory = sqlite3.Row
        (licence,) = db.execute("SELECT * FROM licence").fetchall()
    assert licence["name"] == "Open Government Licence v3.0"
    assert licence["attribution"].startswith("Contains public sector information")


def test_document_only_leaves_out_public_records(tmp_path: Path, cli: Cli) -> None:
    path = tmp_path / "document-only.db"
    assert cli("export", "sqlite", "-o", str(path), "--document-only")[0] == 0
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM public_records").fetchone() == (0,)


def test_an_export_never_replaces_a_file_unasked(database: Path, cli: Cli) -> None:
    code, out, err = cli("export", "sqlite", "-o", str(database))
    assert (code, out) == (1, "")
    assert err == f"sevenf: error: {database} already exists; add --force to replace it\n"


def test_datasette_serves_its_tables(database: Path) -> None:
    datasette = Path(sys.executable).parent / "datasette"
    served = subprocess.run(
        [str(datasette), str(database), "--get", "/evidence/findings.json?_shape=objects"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    rows = json.loads(served.stdout)["rows"]
    assert len(rows) == 21
    assert {r["id"] for r in rows if r["outcome_id"] is None} == {"direct-work-hampshire-pas"}
    searched = subprocess.run(
        [str(datasette), str(database), "--get", "/evidence/passages.json?_search=co-location"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert len(json.loads(searched.stdout)["rows"]) == 2


# --- the workbook --------------------------------------------------------------------------


def test_the_workbook_names_the_document_its_licence_and_each_sheet(book: Path) -> None:
    read = openpyxl.load_workbook(book)
    assert read.sheetnames[:2] == ["about", "columns"]
    about = [[c for c in row if c is not None] for row in read["about"].iter_rows(values_only=True)]
    assert about[0] == ["Seven features of practice and seven outcomes"]
    assert ["Licence", "Open Government Licence v3.0"] in about
    assert any(r[:1] == ["Attribution"] for r in about)
    listed = {row[0]: row[1] for row in about[about.index(["Sheet", "Rows", "One row per"]) + 1 :]}
    assert list(listed) == read.sheetnames[1:]
    for name in read.sheetnames[2:]:
        assert read[name].max_row - 1 == listed[name], name
    assert listed["findings"] == 21


def test_the_workbooks_findings_are_the_csvs(book: Path, cli: Cli) -> None:
    sheet = openpyxl.load_workbook(book)["findings"]
    cells = [list(row) for row in sheet.iter_rows(values_only=True)]
    text = cli("findings", "--format", "csv").stdout
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert len(cells) == len(rows) == 22
    for got, wanted in zip(cells, rows, strict=True):
        assert all(_same(f, c) for f, c in zip(wanted, got, strict=True)), got


def test_without_openpyxl_one_line_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    code, out, err = cli("export", "xlsx", "-o", str(tmp_path / "e.xlsx"))
    assert (code, out, err) == (1, "", f"sevenf: error: {workbook.NO_OPENPYXL}\n")
    assert not (tmp_path / "e.xlsx").exists()


# --- LibreOffice opens every CSV and the workbook --------------------------------------------

#: A CSV of every list view: its file name and its command line.
CSVS = {
    "findings": ("findings",),
    "quotes": ("quotes",),
    "pitfalls": ("pitfalls",),
    "projects": ("projects",),
    "sources": ("sources",),
    "footnotes": ("footnotes",),
    "search": ("search", "co-location"),
    "map": ("map",),
    "feature-evidence": ("feature", "3", "--evidence"),
    "outcome-evidence": ("outcome", "2", "--evidence"),
}


def _same(text: str, value: Any) -> bool:
    """A CSV field and the cell LibreOffice made of it: text exactly, numbers and truth
    values as what they are."""
    if value is None:
        return text == ""
    if isinstance(value, bool):
        return text == ("true" if value else "false")
    if isinstance(value, int | float):
        return float(text) == float(value)
    return bool(text == value)


def _soffice(tmp_path: Path, *args: str) -> None:
    profile = (tmp_path / "profile").as_uri()  # its own: never a lock another soffice holds
    subprocess.run(
        [str(SOFFICE), f"-env:UserInstallation={profile}", "--headless", *args],
        capture_output=True,
        timeout=300,
        check=True,
        cwd=tmp_path,
    )


@needs_soffice
def test_libreoffice_opens_each_csv_with_every_character_intact(tmp_path: Path, cli: Cli) -> None:
    for name, args in CSVS.items():
        code, raw, err = cli.raw(*args, "--format", "csv")
        assert code == 0, err
        (tmp_path / f"{name}.csv").write_bytes(raw)
    # As its import dialog does with UTF-8 chosen and "Format quoted field as text" ticked:
    # comma-separated, '"' quotes, UTF-8 (76), from line 1, quoted fields as text.
    _soffice(
        tmp_path,
        "--infilter=CSV:44,34,76,1,,1033,true",
        "--convert-to",
        "xlsx",
        "--outdir",
        "out",
        *(f"{name}.csv" for name in CSVS),
    )
    for name in CSVS:
        text = (tmp_path / f"{name}.csv").read_text(encoding="utf-8-sig")
        wanted = list(csv.reader(io.StringIO(text, newline="")))
        sheet = openpyxl.load_workbook(tmp_path / "out" / f"{name}.xlsx", data_only=True).active
        got = [list(row) for row in sheet.iter_rows(values_only=True)]
        assert len(got) == len(wanted), name
        for i, (cells, fields) in enumerate(zip(got, wanted, strict=True)):
            cells += [None] * (len(fields) - len(cells))
            changed = [(f, c) for f, c in zip(fields, cells, strict=False) if not _same(f, c)]
            assert changed == [], (name, i)
    findings = openpyxl.load_workbook(tmp_path / "out" / "findings.xlsx", data_only=True).active
    assert any("£2.6m" in str(c.value) for row in findings.iter_rows() for c in row)


@needs_soffice
def test_libreoffice_opens_the_workbook_with_every_character_intact(
    tmp_path: Path, book: Path
) -> None:
    shutil.copy(book, tmp_path / "evidence.xlsx")
    _soffice(tmp_path, "--convert-to", "xlsx", "--outdir", "out", "evidence.xlsx")
    ours = openpyxl.load_workbook(book)
    theirs = openpyxl.load_workbook(tmp_path / "out" / "evidence.xlsx", data_only=True)
    assert theirs.sheetnames == ours.sheetnames
    for name in ours.sheetnames:
        mine = [list(row) for row in ours[name].iter_rows(values_only=True)]
        read = [list(row) for row in theirs[name].iter_rows(values_only=True)]
        assert read == mine, name


def test_the_ci_installs_libreoffice_when_it_is_missing() -> None:
    script = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "libreoffice-calc-nogui" in script
    assert os.access(Path(__file__).resolve().parent.parent / ".ci" / "run", os.R_OK)
