"""`sevenf export sqlite|xlsx --local FILE`: the owner's evidence beside the document's.

With the worked example (examples/local-evidence.yaml, "Example Borough Council"), the
database holds each kind of local record in a `local_*` table of its own, checked here
against the YAML row by row, every row naming its owner, every reference a foreign key
SQLite holds and Datasette follows; the workbook holds a sheet per kind of local record,
says on its first sheet which sheets hold local rows and whose, and no row holding the
example's words lacks the owner's name. Without --local, neither export has any of it.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from helpers import ROOT, Cli

EXAMPLE = ROOT / "examples" / "local-evidence.yaml"
OWNER = "Example Borough Council"
LOCAL = ("--local", str(EXAMPLE))
#: What the `tables` table says of every local table.
THEIRS = f"{OWNER}'s own evidence, NOT the document's"


@pytest.fixture(scope="module")
def example() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    return data


def _export(tmp_path_factory: pytest.TempPathFactory, kind: str, *args: str) -> Path:
    path = tmp_path_factory.mktemp("export") / f"evidence.{'db' if kind == 'sqlite' else kind}"
    code, out, err = Cli()(*args, "export", kind, "-o", str(path))
    assert (code, out) == (0, ""), err
    return path


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _export(tmp_path_factory, "sqlite", *LOCAL)


@pytest.fixture(scope="module")
def plain_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _export(tmp_path_factory, "sqlite")


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _export(tmp_path_factory, "xlsx", *LOCAL)


@pytest.fixture(scope="module")
def plain_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _export(tmp_path_factory, "xlsx")


def _rows(db: sqlite3.Connection, sql: str) -> list[dict[str, Any]]:
    db.row_factory = sqlite3.Row
    return [dict(r) for r in db.execute(sql)]


def _local_tables(db: sqlite3.Connection) -> list[str]:
    return [
        name
        for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'local\\_%' "
            "ESCAPE '\\' ORDER BY name"
        )
    ]


def _words(example: dict[str, Any]) -> list[str]:
    """Every text of the example an export may hold."""
    fields = ("statement", "text", "name", "description", "title", "attribution")
    words = [
        r[f]
        for kind in ("findings", "quotes", "notes", "projects", "sources")
        for r in example[kind]
        for f in fields
        if r.get(f)
    ]
    words += [
        a[f] for a in example["self_evaluation"] for f in ("quality", "how_we_know", "next_steps")
    ]
    return words


# --- SQLite --------------------------------------------------------------------------------


def test_the_database_passes_sqlites_own_checks(database: Path) -> None:
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        for table, to in (
            ("local_finding_features", "features"),
            ("local_finding_outcomes", "outcomes"),
            ("local_self_evaluation", "features"),
            ("local_findings", "local_files"),
            ("local_passages", "passages"),
        ):
            keys = {r[2] for r in db.execute(f"PRAGMA foreign_key_list('{table}')")}
            assert to in keys, table


def test_each_local_table_holds_the_files_records_verbatim(
    database: Path, example: dict[str, Any]
) -> None:
    with sqlite3.connect(database) as db:
        (file,) = _rows(db, "SELECT * FROM local_files")
        assert file == {"id": 1, "owner": OWNER, "file": str(EXAMPLE)}
        sources = _rows(db, "SELECT * FROM local_sources ORDER BY position")
        assert [
            {k: s.get(k) for k in ("id", "title", "author", "date", "page", "url")}
            for s in example["sources"]
        ] == [{k: s[k] for k in ("id", "title", "author", "date", "page", "url")} for s in sources]
        projects = _rows(db, "SELECT * FROM local_projects ORDER BY position")
        assert [(p["id"], p["name"], p["description"]) for p in example["projects"]] == [
            (p["id"], p["name"], p["description"]) for p in projects
        ]
        findings = _rows(db, "SELECT * FROM local_findings ORDER BY position")
        assert [
            (f["id"], f["statement"], f.get("project"), f["source"], f.get("page"))
            for f in example["findings"]
        ] == [
            (f["id"], f["statement"], f["project_id"], f["source_id"], f["page"]) for f in findings
        ]
        for f in example["findings"]:
            printed = db.execute(
                "SELECT printed FROM local_finding_figures WHERE finding_id = ? ORDER BY position",
                (f["id"],),
            ).fetchall()
            assert [p for (p,) in printed] == f["figures"]
        quotes = _rows(db, "SELECT * FROM local_quotes ORDER BY position")
        assert [
            (q["id"], q["text"], q["attribution"], q.get("project"), q["source"], q.get("page"))
            for q in example["quotes"]
        ] == [
            (q["id"], q["text"], q["attribution"], q["project_id"], q["source_id"], q["page"])
            for q in quotes
        ]
        notes = _rows(db, "SELECT * FROM local_notes ORDER BY position")
        assert [(n["id"], n["text"], n.get("source")) for n in example["notes"]] == [
            (n["id"], n["text"], n["source_id"]) for n in notes
        ]
        answers = _rows(
            db,
            "SELECT s.*, f.number FROM local_self_evaluation AS s "
            "JOIN features AS f ON f.id = s.feature_id ORDER BY s.position",
        )
        fields = ("id", "quality", "how_we_know", "next_steps")
        assert [(*(a[k] for k in fields), a["feature"]) for a in example["self_evaluation"]] == [
            (*(a[k] for k in fields), a["number"]) for a in answers
        ]


@pytest.mark.parametrize("kind", ["project", "finding", "quote", "note"])
@pytest.mark.parametrize("to", ["features", "outcomes"])
def test_local_records_link_to_the_frameworks_features_and_outcomes(
    database: Path, example: dict[str, Any], kind: str, to: str
) -> None:
    with sqlite3.connect(database) as db:
        for record in example[f"{kind}s"]:
            numbers = db.execute(
                f'SELECT t.number FROM "local_{kind}_{to}" AS l '
                f'JOIN "{to}" AS t ON t.id = l."{to[:-1]}_id" '
                f'WHERE l."{kind}_id" = ? ORDER BY l.position',
                (record["id"],),
            ).fetchall()
            assert [n for (n,) in numbers] == record.get(to, []), record["id"]


def test_every_local_row_names_its_owner(database: Path) -> None:
    with sqlite3.connect(database) as db:
        tables = _local_tables(db)
        assert len(tables) == 17
        for table in tables:
            columns = {r[1] for r in db.execute(f"PRAGMA table_info('{table}')")}
            assert "owner" in columns, table
            rows = db.execute(f'SELECT owner FROM "{table}"').fetchall()
            assert rows and {o for (o,) in rows} == {OWNER}, table
            if table != "local_files":
                held = db.execute(
                    f'SELECT count(*) FROM "{table}" AS t '
                    "JOIN local_files AS f ON f.id = t.file_id AND f.owner = t.owner"
                ).fetchone()
                assert held == (len(rows),), table


def test_the_tables_table_calls_them_the_owners_evidence(
    database: Path, example: dict[str, Any]
) -> None:
    with sqlite3.connect(database) as db:
        listed = {
            n: (rows, holds)
            for n, rows, holds in db.execute("SELECT name, rows, holds FROM tables")
        }
        for table in _local_tables(db):
            rows, holds = listed[table]
            assert THEIRS in holds, table
            assert db.execute(f'SELECT count(*) FROM "{table}"').fetchone() == (rows,)
    for table, kind in (
        ("local_sources", "sources"),
        ("local_projects", "projects"),
        ("local_findings", "findings"),
        ("local_quotes", "quotes"),
        ("local_notes", "notes"),
        ("local_self_evaluation", "self_evaluation"),
    ):
        assert listed[table][0] == len(example[kind]), table
    assert OWNER in listed["passages"][1]


def test_each_local_passage_is_tied_to_its_record_and_owner(
    database: Path, example: dict[str, Any]
) -> None:
    with sqlite3.connect(database) as db:
        passages = _rows(
            db,
            'SELECT p.id, p.kind, p.ref_id, p."where", l.passage_id, l.owner, '
            "l.kind AS record_kind, l.source_id, l.project_id, l.finding_id, l.quote_id, "
            "l.note_id, l.self_evaluation_id FROM passages AS p "
            "LEFT JOIN local_passages AS l ON l.passage_id = p.id ORDER BY p.id",
        )
    local = [p for p in passages if p["kind"].startswith("local-")]
    assert len(local) == sum(len(example[k]) for k in example if k != "owner")
    assert all(p["passage_id"] is None for p in passages if p not in local)
    for p in local:
        kind = p["kind"].removeprefix("local-")
        assert (p["owner"], p["record_kind"]) == (OWNER, kind)
        column = f"{kind.replace('-', '_')}_id"
        assert p[column] == p["ref_id"]
        others = ("source", "project", "finding", "quote", "note", "self_evaluation")
        assert [p[f"{k}_id"] for k in others if f"{k}_id" != column] == [None] * 5
        assert p["where"].startswith(OWNER)


def test_the_documents_tables_are_as_without_local(database: Path, plain_database: Path) -> None:
    with sqlite3.connect(database) as db, sqlite3.connect(plain_database) as plain:
        schema = (
            "SELECT name, sql FROM sqlite_master WHERE tbl_name NOT LIKE 'local\\_%' ESCAPE '\\'"
        )
        assert sorted(db.execute(schema)) == sorted(plain.execute(schema))
        names = [n for (n,) in plain.execute("SELECT name FROM tables WHERE type = 'table'")]
        for name in names:
            if name in ("tables", "passages"):
                continue
            query = f'SELECT * FROM "{name}"'
            assert db.execute(query).fetchall() == plain.execute(query).fetchall(), name
        mine = plain.execute("SELECT * FROM passages ORDER BY id").fetchall()
        theirs = db.execute("SELECT * FROM passages ORDER BY id").fetchall()
        assert theirs[: len(mine)] == mine
        assert all(row[1].startswith("local-") for row in theirs[len(mine) :])


def test_without_local_no_local_table(plain_database: Path) -> None:
    with sqlite3.connect(plain_database) as db:
        assert _local_tables(db) == []
        assert db.execute("SELECT count(*) FROM tables WHERE name LIKE 'local%'").fetchone() == (0,)
        (holds,) = db.execute("SELECT holds FROM tables WHERE name = 'passages'").fetchone()
        assert "--local" not in holds


def _datasette(database: Path, path: str) -> Any:
    datasette = Path(sys.executable).parent / "datasette"
    served = subprocess.run(
        [str(datasette), str(database), "--get", path],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(served.stdout)


def test_datasette_serves_a_local_table_and_follows_its_links(
    database: Path, example: dict[str, Any]
) -> None:
    rows = _datasette(database, "/evidence/local_findings.json?_shape=objects&_sort=position")[
        "rows"
    ]
    assert [r["statement"] for r in rows] == [f["statement"] for f in example["findings"]]
    assert {r["owner"] for r in rows} == {OWNER}
    linked = _datasette(
        database, "/evidence/local_finding_features.json?_shape=objects&_labels=on"
    )["rows"]
    with sqlite3.connect(database) as db:
        titles = dict(db.execute("SELECT id, title FROM features").fetchall())
    assert len(linked) == sum(len(f["features"]) for f in example["findings"])
    for r in linked:  # each feature a link, labelled with its title
        assert r["feature_id"]["label"] == titles[r["feature_id"]["value"]], r
        assert r["owner"] == OWNER
    searched = _datasette(database, "/evidence/passages.json?_search=conferences&_shape=objects")
    assert any(r["kind"] == "local-finding" and OWNER in r["where"] for r in searched["rows"])


# --- the workbook --------------------------------------------------------------------------


def _sheets(path: Path) -> dict[str, list[dict[str, Any]]]:
    read = openpyxl.load_workbook(path)
    found = {}
    for name in read.sheetnames[1:]:
        rows = list(read[name].iter_rows(values_only=True))
        found[name] = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    return found


def _about(path: Path) -> list[list[Any]]:
    read = openpyxl.load_workbook(path)
    return [list(row) for row in read["about"].iter_rows(values_only=True)]


def test_no_local_words_sit_in_a_row_without_the_owner(book: Path, example: dict[str, Any]) -> None:
    words = _words(example)
    seen = set()
    for name, rows in _sheets(book).items():
        for row in rows:
            cells = [str(v) for v in row.values() if v is not None]
            held = [w for w in words if any(w in c for c in cells)]
            if held:
                seen.update(held)
                assert any(OWNER in c for c in cells), (name, held)
                if "origin" in row:
                    assert row["origin"] == OWNER, name
    assert seen == set(words)


def test_each_local_sheet_holds_the_files_records(book: Path, example: dict[str, Any]) -> None:
    sheets = _sheets(book)
    for name, kind, fields in (
        ("local-sources", "sources", ("id", "title", "author", "date", "page", "url")),
        ("local-projects", "projects", ("id", "name", "description")),
        ("local-findings", "findings", ("id", "statement")),
        ("local-quotes", "quotes", ("id", "text", "attribution")),
        ("local-notes", "notes", ("id", "text")),
        ("local-self-evaluation", "self_evaluation", ("id", "feature", "quality", "next_steps")),
    ):
        rows = sheets[name]
        assert {r["owner"] for r in rows} == {OWNER}, name
        assert [[r[f] for f in fields] for r in rows] == [
            [record.get(f) for f in fields] for record in example[kind]
        ], name
    for row, finding in zip(sheets["local-findings"], example["findings"], strict=True):
        assert row["figures"] == "; ".join(finding["figures"])
        assert row["features"] == "; ".join(map(str, finding["features"]))


def test_the_first_sheet_says_which_sheets_hold_whose_local_rows(book: Path) -> None:
    about = _about(book)
    (said,) = [r[1] for r in about if r[0] == "Local evidence"]
    assert THEIRS in said
    header = about.index(["Sheet", "Rows", "One row per", "Local rows"])
    listed = {r[0]: r[3] for r in about[header + 1 :]}
    sheets = _sheets(book)
    assert list(listed) == list(sheets)
    holding = {
        name
        for name, rows in sheets.items()
        if any(OWNER in str(v) for r in rows for v in r.values())
    }
    assert {name for name, words in listed.items() if words} == holding
    assert all(OWNER in listed[name] for name in holding)
    assert listed["local-findings"].startswith("3 of Example Borough Council's evidence")
    assert listed["findings"].startswith("3 of ") and "'origin'" in listed["findings"]


def test_without_local_the_workbook_has_none_of_it(plain_book: Path) -> None:
    sheets = _sheets(plain_book)
    assert not [name for name in sheets if name.startswith("local")]
    about = _about(plain_book)
    assert ["Sheet", "Rows", "One row per"] in [[c for c in r if c is not None] for r in about]
    assert not any(r[0] == "Local evidence" or "Local rows" in r for r in about)
    assert not any(OWNER in str(v) for rows in sheets.values() for r in rows for v in r.values())
