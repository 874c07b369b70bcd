"""The whole corpus as one SQLite database, normalised, for SQL and for Datasette.

`sevenf export sqlite -o evidence.db`. A table per kind of record, keyed by the ids the
data gives (features and outcomes also by their numbers), and a table per many-to-many
relation (a finding's projects, its footnotes, the features it is printed under...), every
reference a foreign key. A value the document does not give is NULL, and the record's
`notes` says what the document leaves out (`findings.outcome_id` is NULL where the
document gives a finding no outcome, and its notes say so). `passages` holds every text
of the document with an FTS5 index (`passages_fts`, the tokenizer `sevenf search` uses),
which Datasette offers as a search box; `licence` holds the document's licence and
attribution; `tables` says what each table holds and how many rows.

With `--local FILE`, each local evidence file's records get tables of their own, after
the document's and never mixed into them: `local_files` (id, owner, file), then
`local_sources`, `local_projects`, `local_findings` (`local_finding_figures`),
`local_quotes`, `local_notes`, `local_self_evaluation`, each keyed by its file and the id
the file gives it, and `local_<kind>_features` / `local_<kind>_outcomes` linking the
owner's records to the framework's features and outcomes by their ids. Every local row
holds its `file_id` and its `owner` (held to the file's by a foreign key), so a row seen
alone names whose evidence it is, and `tables` says so of each. The local records'
passages (after the document's, as `sevenf search` indexes them) are tied to their
records by `local_passages`. Without local files the database is as it was, byte for byte.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from seven_features import __version__
from seven_features.corpus.indexed import Corpus
from seven_features.render.flat import LINES, NO_OUTCOME, TRUNCATED, footnote_rows

Row = tuple[Any, ...]


class Table:
    """A table: its name, what it holds, its columns' SQL and constraints, and its rows."""

    __slots__ = ("columns", "constraints", "holds", "name", "rows")

    def __init__(
        self,
        name: str,
        holds: str,
        columns: Sequence[tuple[str, str]],
        rows: Callable[[Corpus], Iterable[Row]],
        *constraints: str,
    ) -> None:
        self.name, self.holds, self.columns = name, holds, tuple(columns)
        self.rows, self.constraints = rows, constraints

    def create(self) -> str:
        parts = [f'"{name}" {sql}' for name, sql in self.columns] + list(self.constraints)
        return f'CREATE TABLE "{self.name}" (\n  ' + ",\n  ".join(parts) + "\n) STRICT"

    def insert(self) -> str:
        names = ", ".join(f'"{name}"' for name, _ in self.columns)
        marks = ", ".join("?" for _ in self.columns)
        return f'INSERT INTO "{self.name}" ({names}) VALUES ({marks})'


TEXT, MAYBE = "TEXT NOT NULL", "TEXT"
INT, MAYBE_INT = "INTEGER NOT NULL", "INTEGER"
BOOL = "INTEGER NOT NULL CHECK ({} IN (0, 1))"
NOTES = ("notes", MAYBE)
REMARKS = ("remarks", MAYBE)


def _bool(name: str) -> tuple[str, str]:
    return name, BOOL.format(f'"{name}"')


def _ref(name: str, table: str, key: str = "id", null: bool = False) -> tuple[str, str]:
    kind = ("INTEGER" if key == "number" else "TEXT") + ("" if null else " NOT NULL")
    return name, f'{kind} REFERENCES "{table}" ("{key}")'


def _notes(record: Mapping[str, Any], *more: str) -> str | None:
    said = [f"{field}: {why}" for field, why in record.get("missing", {}).items()]
    return LINES.join([*said, *more]) or None


def _remarks(record: Mapping[str, Any]) -> str | None:
    return LINES.join(record.get("remarks", [])) or None


# --- the rows of each table ------------------------------------------------------------


def _document(c: Corpus) -> Iterator[Row]:
    d = c.document
    yield (
        d["title"],
        d["subtitle"],
        d["author"],
        d["published"],
        d["produced"],
        d["review"],
        d["isbn"],
        d["reference"],
        d["download"],
        d["enquiries"],
        f"sevenf {__version__}",
    )


def _licence(c: Corpus) -> Iterator[Row]:
    d = c.document
    licence = d["licence"]
    yield (
        licence["name"],
        licence["url"],
        licence["statement"],
        d["copyright"],
        d["attribution"]["text"],
        d["attribution"]["basis"],
    )


def _features(c: Corpus) -> Iterator[Row]:
    for f in c.features:
        yield (
            f["id"],
            f["number"],
            f["title"],
            f["heading"],
            f["label"],
            f["table_title"],
            f["page"],
            "\n\n".join(f["definition"]),
            _notes(f),
            _remarks(f),
        )


def _outcomes(c: Corpus) -> Iterator[Row]:
    for o in c.outcomes:
        yield (
            o["id"],
            o["number"],
            o["position"],
            o["name"],
            o["table_name"],
            o["text"],
            _notes(o),
            _remarks(o),
        )


def _enablers(c: Corpus) -> Iterator[Row]:
    for e in c.enablers:
        yield (e["id"], e["set"], e["number"], e["title"], e["text"], _notes(e), _remarks(e))


def _actions(c: Corpus) -> Iterator[Row]:
    for e in c.enablers:
        for i, action in enumerate(e["actions"], 1):
            yield (e["id"], i, action)


def _table_1(c: Corpus) -> Iterator[Row]:
    for r in c.table["rows"]:
        yield (
            r["number"],
            r["feature"],
            r["outcome"],
            r["enabler"],
            r["feature_text"],
            r["outcome_text"],
            r["enabler_text"],
        )


def _aliases(c: Corpus) -> Iterator[Row]:
    for kind, records in (
        ("feature", c.features),
        ("outcome", c.outcomes),
        ("enabler", c.enablers),
        ("project", list(c.projects.values())),
        ("source", list(c.sources.values())),
    ):
        for record in records:
            for alias in record["aliases"]:
                yield (kind, record["id"], alias)


def _sources(c: Corpus) -> Iterator[Row]:
    for s in c.sources.values():
        yield (
            s["id"],
            s["kind"],
            s["name"],
            s["title"],
            s["series"],
            s["year"],
            s["author"],
            s["author_basis"],
            _notes(s),
            _remarks(s),
        )


def _public_records(c: Corpus) -> Iterator[Row]:
    from seven_features.render.cite import author

    for s in c.sources.values():
        for i, o in enumerate(s["outside"], 1):
            authors = "; ".join(author(a, o["words"]).printed for a in o["authors"]) or None
            yield (
                s["id"],
                i,
                o["url"],
                o["words"],
                o["looked_up"],
                authors,
                o["number"],
                o["issued"],
            )


def _dated(record: Mapping[str, Any]) -> tuple[str | None, str | None]:
    return record["number"], record["issued"]


def _footnotes(c: Corpus) -> Iterator[Row]:
    notes = [c.citation(n) for n in sorted(c.footnotes)]
    for note, row in zip(notes, footnote_rows(notes), strict=True):
        printed = c.footnotes[note["number"]]
        yield (
            note["number"],
            printed["marker"],
            printed["text"],
            int(printed["ibid"]),
            printed["source"],
            printed["year"],
            printed["page"],
            note["source"],
            note["year"],
            note["page"],
            "; ".join(str(n) for n in note["resolved_through"]) or None,
            row["citation"],
            _notes(printed),
            _remarks(printed),
        )


def _projects(c: Corpus) -> Iterator[Row]:
    for p in c.projects.values():
        yield (p["id"], p["name"], p["description"], _notes(p), _remarks(p))


def _places(c: Corpus) -> Iterator[Row]:
    for p in c.projects.values():
        for i, place in enumerate(p["places"], 1):
            yield (p["id"], i, place)


def _reports(c: Corpus) -> Iterator[Row]:
    for p in c.projects.values():
        for i, s in enumerate(p["reports"], 1):
            yield (p["id"], s, i)


def _findings(c: Corpus) -> Iterator[Row]:
    for i, f in enumerate(c.findings, 1):
        said = [*([] if f["outcome"] else [NO_OUTCOME]), *([TRUNCATED] if f["truncated"] else [])]
        yield (
            f["id"],
            i,
            f["statement"],
            f["outcome"],
            int(f["truncated"]),
            len(f["figures"]),
            _notes(f, *said),
            _remarks(f),
        )


def _finding_links(field: str) -> Callable[[Corpus], Iterator[Row]]:
    def rows(c: Corpus) -> Iterator[Row]:
        for f in c.findings:
            for i, value in enumerate(f[field], 1):  # type: ignore[literal-required]
                yield (f["id"], value, i)

    return rows


FIGURE_FIELDS = (
    "count",
    "total",
    "unit",
    "counted",
    "percent",
    "change",
    "before",
    "after",
    "rate",
    "national",
    "amount_gbp",
    "factor",
)


def _figures(c: Corpus) -> Iterator[Row]:
    for f in c.findings:
        for i, figure in enumerate(f["figures"], 1):
            values: Mapping[str, Any] = figure
            yield (
                f["id"],
                i,
                figure["kind"],
                figure["printed"],
                *(values.get(name) for name in FIGURE_FIELDS),
            )


def _quotes(c: Corpus) -> Iterator[Row]:
    for i, q in enumerate(c.quotes, 1):
        page = q["page"]
        if page is None and q["footnote"] is not None:
            page = c.citation(q["footnote"])["page"]
        yield (
            q["id"],
            i,
            q["feature"],
            q["project"],
            q["text"],
            q["attribution"],
            q["speaker"],
            q["source"],
            q["footnote"],
            page,
            _notes(q),
            _remarks(q),
        )


def _each_point(c: Corpus) -> Iterator[tuple[str, str, int, Mapping[str, Any]]]:
    for f in c.features:
        for kind, points in (("difference", f["differences"]), ("pitfall", f["pitfalls"])):
            for i, p in enumerate(points, 1):
                yield f["id"], kind, i, p


def _points(c: Corpus) -> Iterator[Row]:
    for feature, kind, i, p in _each_point(c):
        printed = f"{p['headline']}{p['separator']}{p['explanation']}"
        yield (feature, kind, i, p["headline"], p["explanation"], printed)


def _point_footnotes(c: Corpus) -> Iterator[Row]:
    for feature, kind, i, p in _each_point(c):
        for n in p["footnotes"]:
            yield (feature, kind, i, n)


def _links(c: Corpus) -> Iterator[Row]:
    from seven_features.corpus import links

    for link in links.all_links(c):
        yield (link["feature"], link["project"], int(link["quoted_only"]))


def _bases(c: Corpus) -> Iterator[tuple[str, str, int, Mapping[str, Any]]]:
    from seven_features.corpus import links

    for link in links.all_links(c):
        for i, b in enumerate(link["bases"], 1):
            yield link["feature"], link["project"], i, b


def _link_bases(c: Corpus) -> Iterator[Row]:
    for feature, project, i, b in _bases(c):
        yield (feature, project, i, b["kind"], b["wording"], b["ref"], b["detail"])


def _basis_footnotes(c: Corpus) -> Iterator[Row]:
    for feature, project, i, b in _bases(c):
        for n in dict.fromkeys(b["footnotes"]):
            yield (feature, project, i, n)


def _passages(c: Corpus) -> Iterator[Row]:
    from seven_features.queries.search import entries

    for i, (_, _, kind, where, ref, title, text, notes) in enumerate(entries(c), 1):
        named = json.loads(ref)
        numbers = "; ".join(str(n) for n in json.loads(notes)) or None
        yield (
            i,
            kind,
            where,
            named["kind"],
            named.get("id"),
            named.get("number"),
            title,
            text,
            numbers,
        )


# --- the tables --------------------------------------------------------------------------

POINT_KEY = 'FOREIGN KEY ("feature_id", "kind", "position") REFERENCES "points"'
BASIS_KEY = 'FOREIGN KEY ("feature_id", "project_id", "position") REFERENCES "link_bases"'
TABLES = (
    Table(
        "document",
        "The document: its title, dates and identifiers (one row).",
        [
            ("title", TEXT),
            ("subtitle", TEXT),
            ("author", TEXT),
            ("published", TEXT),
            ("produced", TEXT),
            ("review", TEXT),
            ("isbn", TEXT),
            ("reference", TEXT),
            ("download", TEXT),
            ("enquiries", TEXT),
            ("made_by", TEXT),
        ],
        _document,
    ),
    Table(
        "licence",
        "The document's licence, copyright and the attribution its licence asks for (one row).",
        [
            ("name", TEXT),
            ("url", TEXT),
            ("statement", TEXT),
            ("copyright", TEXT),
            ("attribution", TEXT),
            ("attribution_basis", TEXT),
        ],
        _licence,
    ),
    Table(
        "features",
        "The seven features of practice, numbered as in Table 1.",
        [
            ("id", "TEXT PRIMARY KEY"),
            ("number", "INTEGER NOT NULL UNIQUE"),
            ("title", TEXT),
            ("heading", MAYBE),
            ("label", TEXT),
            ("table_title", TEXT),
            ("page", INT),
            ("definition", TEXT),
            NOTES,
            REMARKS,
        ],
        _features,
    ),
    Table(
        "outcomes",
        "The seven outcomes, numbered as in Table 1; position is their order in their section.",
        [
            ("id", "TEXT PRIMARY KEY"),
            ("number", "INTEGER NOT NULL UNIQUE"),
            ("position", INT),
            ("name", TEXT),
            ("table_name", TEXT),
            ("text", TEXT),
            NOTES,
            REMARKS,
        ],
        _outcomes,
    ),
    Table(
        "enablers",
        "Both sets of enablers: the seven of improvement (numbered) and the evaluations' four.",
        [
            ("id", "TEXT PRIMARY KEY"),
            ("set", TEXT),
            ("number", MAYBE_INT),
            ("title", TEXT),
            ("text", MAYBE),
            NOTES,
            REMARKS,
        ],
        _enablers,
    ),
    Table(
        "enabler_actions",
        "Each enabler's actions, in order.",
        [_ref("enabler_id", "enablers"), ("position", INT), ("action", TEXT)],
        _actions,
        'PRIMARY KEY ("enabler_id", "position")',
    ),
    Table(
        "table_1",
        "Table 1: features, outcomes and enablers aligned by number (not a mapping of causes).",
        [
            ("number", "INTEGER PRIMARY KEY"),
            _ref("feature_id", "features"),
            _ref("outcome_id", "outcomes"),
            _ref("enabler_id", "enablers"),
            ("feature_text", TEXT),
            ("outcome_text", TEXT),
            ("enabler_text", TEXT),
        ],
        _table_1,
    ),
    Table(
        "aliases",
        "Other names sevenf knows each feature, outcome, enabler, project and source by.",
        [("kind", TEXT), ("record_id", TEXT), ("alias", TEXT)],
        _aliases,
        'PRIMARY KEY ("kind", "record_id", "alias")',
    ),
    Table(
        "sources",
        "The reports and research the footnotes cite.",
        [
            ("id", "TEXT PRIMARY KEY"),
            ("kind", TEXT),
            ("name", TEXT),
            ("title", MAYBE),
            ("series", MAYBE),
            ("year", MAYBE),
            ("author", MAYBE),
            ("author_basis", MAYBE),
            NOTES,
            REMARKS,
        ],
        _sources,
    ),
    Table(
        "public_records",
        "Facts about sources from public records, NOT from the document, with where each is "
        "from (empty with --document-only).",
        [
            _ref("source_id", "sources"),
            ("position", INT),
            ("url", TEXT),
            ("words", TEXT),
            ("looked_up", TEXT),
            ("authors", MAYBE),
            ("number", MAYBE),
            ("issued", MAYBE),
        ],
        _public_records,
        'PRIMARY KEY ("source_id", "position")',
    ),
    Table(
        "footnotes",
        "Every footnote as printed (marker, text, source, year, page) and as resolved "
        "('Ibid.' followed: resolved_*), with its citation as text.",
        [
            ("number", "INTEGER PRIMARY KEY"),
            ("marker", MAYBE),
            ("printed", MAYBE),
            _bool("ibid"),
            _ref("source_id", "sources", null=True),
            ("year", MAYBE),
            ("page", MAYBE),
            _ref("resolved_source_id", "sources", null=True),
            ("resolved_year", MAYBE),
            ("resolved_page", MAYBE),
            ("resolved_through", MAYBE),
            ("citation", MAYBE),
            NOTES,
            REMARKS,
        ],
        _footnotes,
    ),
    Table(
        "projects",
        "The projects the document names.",
        [("id", "TEXT PRIMARY KEY"), ("name", TEXT), ("description", MAYBE), NOTES, REMARKS],
        _projects,
    ),
    Table(
        "project_places",
        "The places the document names for each project.",
        [_ref("project_id", "projects"), ("position", INT), ("place", TEXT)],
        _places,
        'PRIMARY KEY ("project_id", "position")',
    ),
    Table(
        "project_reports",
        "Each project's evaluation reports (projects to sources).",
        [_ref("project_id", "projects"), _ref("source_id", "sources"), ("position", INT)],
        _reports,
        'PRIMARY KEY ("project_id", "source_id")',
    ),
    Table(
        "findings",
        "Every finding as printed; outcome_id is NULL where the document gives no outcome "
        "(notes say so).",
        [
            ("id", "TEXT PRIMARY KEY"),
            ("position", "INTEGER NOT NULL UNIQUE"),
            ("statement", TEXT),
            _ref("outcome_id", "outcomes", null=True),
            _bool("truncated"),
            ("figures", INT),
            NOTES,
            REMARKS,
        ],
        _findings,
    ),
    Table(
        "finding_projects",
        "The projects each finding names (findings to projects).",
        [_ref("finding_id", "findings"), _ref("project_id", "projects"), ("position", INT)],
        _finding_links("projects"),
        'PRIMARY KEY ("finding_id", "project_id")',
    ),
    Table(
        "finding_features",
        "The features in whose own section a finding is printed (findings to features).",
        [_ref("finding_id", "findings"), _ref("feature_id", "features"), ("position", INT)],
        _finding_links("features"),
        'PRIMARY KEY ("finding_id", "feature_id")',
    ),
    Table(
        "finding_footnotes",
        "The footnotes each finding cites (findings to footnotes).",
        [
            _ref("finding_id", "findings"),
            _ref("footnote", "footnotes", "number"),
            ("position", INT),
        ],
        _finding_links("footnotes"),
        'PRIMARY KEY ("finding_id", "footnote")',
    ),
    Table(
        "figures",
        "Each figure a finding prints, as printed and as numbers (the columns of its kind).",
        [
            _ref("finding_id", "findings"),
            ("position", INT),
            ("kind", TEXT),
            ("printed", TEXT),
            ("count", MAYBE_INT),
            ("total", MAYBE_INT),
            ("unit", MAYBE),
            ("counted", MAYBE),
            ("percent", "REAL"),
            ("change", MAYBE),
            ("before", "REAL"),
            ("after", "REAL"),
            ("rate", "REAL"),
            ("national", "REAL"),
            ("amount_gbp", MAYBE_INT),
            ("factor", "REAL"),
        ],
        _figures,
        'PRIMARY KEY ("finding_id", "position")',
    ),
    Table(
        "quotes",
        "Every quote exactly as printed, with its attribution, feature, project and footnote.",
        [
            ("id", "TEXT PRIMARY KEY"),
            ("position", "INTEGER NOT NULL UNIQUE"),
            _ref("feature_id", "features"),
            _ref("project_id", "projects"),
            ("text", TEXT),
            ("attribution", TEXT),
            ("speaker", MAYBE),
            _ref("source_id", "sources", null=True),
            _ref("footnote", "footnotes", "number", null=True),
            ("page", MAYBE),
            NOTES,
            REMARKS,
        ],
        _quotes,
    ),
    Table(
        "points",
        "Each feature's points: 'What difference does it make?' (kind difference) and its "
        "potential pitfalls (kind pitfall), in order.",
        [
            _ref("feature_id", "features"),
            ("kind", "TEXT NOT NULL CHECK (\"kind\" IN ('difference', 'pitfall'))"),
            ("position", INT),
            ("headline", TEXT),
            ("explanation", TEXT),
            ("printed", TEXT),
        ],
        _points,
        'PRIMARY KEY ("feature_id", "kind", "position")',
    ),
    Table(
        "point_footnotes",
        "The footnotes each point cites (points to footnotes).",
        [
            _ref("feature_id", "features"),
            ("kind", TEXT),
            ("position", INT),
            _ref("footnote", "footnotes", "number"),
        ],
        _point_footnotes,
        'PRIMARY KEY ("feature_id", "kind", "position", "footnote")',
        POINT_KEY,
    ),
    Table(
        "links",
        "The links the document makes between features and projects (features to projects); "
        "quoted_only: every basis is a quote.",
        [_ref("feature_id", "features"), _ref("project_id", "projects"), _bool("quoted_only")],
        _links,
        'PRIMARY KEY ("feature_id", "project_id")',
    ),
    Table(
        "link_bases",
        "Each basis of a link, in the document's terms: named, finding or quote.",
        [
            _ref("feature_id", "features"),
            _ref("project_id", "projects"),
            ("position", INT),
            ("kind", TEXT),
            ("wording", TEXT),
            ("ref", TEXT),
            ("detail", TEXT),
        ],
        _link_bases,
        'PRIMARY KEY ("feature_id", "project_id", "position")',
        'FOREIGN KEY ("feature_id", "project_id") REFERENCES "links"',
    ),
    Table(
        "link_basis_footnotes",
        "The footnotes each basis of a link rests on.",
        [
            ("feature_id", TEXT),
            ("project_id", TEXT),
            ("position", INT),
            _ref("footnote", "footnotes", "number"),
        ],
        _basis_footnotes,
        'PRIMARY KEY ("feature_id", "project_id", "position", "footnote")',
        BASIS_KEY,
    ),
    Table(
        "passages",
        "Every text the document holds, where it stands and the record to look up; "
        "searched through passages_fts.",
        [
            ("id", "INTEGER PRIMARY KEY"),
            ("kind", TEXT),
            ("where", TEXT),
            ("ref_kind", TEXT),
            ("ref_id", MAYBE),
            ("ref_number", MAYBE_INT),
            ("title", TEXT),
            ("text", TEXT),
            ("footnotes", MAYBE),
        ],
        _passages,
    ),
)
VIEWS = (
    ("differences", "difference", "Each feature's 'What difference does it make?' points."),
    ("pitfalls", "pitfall", "Each feature's potential pitfalls."),
)
FTS = (
    'CREATE VIRTUAL TABLE "passages_fts" USING fts5("title", "text", '
    'content="passages", content_rowid="id", '  # as Datasette looks for it
    "tokenize='porter unicode61 remove_diacritics 2')"
)


# --- local evidence (--local): each owner's records, in tables of their own -------------

#: A local row's file, by a key Datasette links, and its owner, held to that file's.
FILE_ID = ("file_id", 'INTEGER NOT NULL REFERENCES "local_files" ("id")')
OWNER = ("owner", TEXT)
OWNER_KEY = 'FOREIGN KEY ("file_id", "owner") REFERENCES "local_files" ("id", "owner")'
#: The kinds of local record linked to features and outcomes, and the tables they are in.
LINKED = (
    ("project", "local_projects"),
    ("finding", "local_findings"),
    ("quote", "local_quotes"),
    ("note", "local_notes"),
)
#: Each kind of local record a passage can be: its column in `local_passages`, its table.
PASSAGE_KINDS = (
    ("source", "source_id", "local_sources"),
    ("project", "project_id", "local_projects"),
    ("finding", "finding_id", "local_findings"),
    ("quote", "quote_id", "local_quotes"),
    ("note", "note_id", "local_notes"),
    ("self-evaluation", "self_evaluation_id", "local_self_evaluation"),
)
#: The lists of a local file, in the order search indexes them (`search._local`).
FILE_ORDER = ("sources", "projects", "findings", "quotes", "notes", "self_evaluation")
PASSAGES_WITH_LOCAL = (
    "Every text the document holds, where it stands and the record to look up; then each "
    "record of {whose} own evidence (given with --local, NOT the document's: kinds "
    "local-*, its owner in 'where' and in local_passages); searched through passages_fts."
)


def _record_key(column: str, table: str) -> str:
    """A local record's reference to another of the same file: its file and that id."""
    return f'FOREIGN KEY ("file_id", "{column}") REFERENCES "{table}" ("file_id", "id")'


def _owned(c: Corpus, kind: str) -> Iterator[tuple[int, str, int, Mapping[str, Any]]]:
    """Each local file's records of `kind`: its file's number, its owner, its position."""
    for number, file in enumerate(c.local, 1):
        records: list[Mapping[str, Any]] = file[kind]  # type: ignore[literal-required]
        for i, record in enumerate(records, 1):
            yield number, file["owner"], i, record


def _local_files(c: Corpus) -> Iterator[Row]:
    for number, file in enumerate(c.local, 1):
        yield (number, file["owner"], file["file"])


def _local_sources(c: Corpus) -> Iterator[Row]:
    for number, owner, i, s in _owned(c, "sources"):
        yield (number, owner, s["id"], i, s["title"], s["author"], s["date"], s["page"], s["url"])


def _local_projects(c: Corpus) -> Iterator[Row]:
    for number, owner, i, p in _owned(c, "projects"):
        yield (number, owner, p["id"], i, p["name"], p["description"])


def _local_findings(c: Corpus) -> Iterator[Row]:
    for number, owner, i, f in _owned(c, "findings"):
        yield (
            number,
            owner,
            f["id"],
            i,
            f["statement"],
            f["project"],
            f["source"],
            f["page"],
            len(f["figures"]),
        )


def _local_figures(c: Corpus) -> Iterator[Row]:
    for number, owner, _, f in _owned(c, "findings"):
        for i, printed in enumerate(f["figures"], 1):
            yield (number, owner, f["id"], i, printed)


def _local_quotes(c: Corpus) -> Iterator[Row]:
    for number, owner, i, q in _owned(c, "quotes"):
        yield (
            number,
            owner,
            q["id"],
            i,
            q["text"],
            q["attribution"],
            q["project"],
            q["source"],
            q["page"],
        )


def _local_notes(c: Corpus) -> Iterator[Row]:
    for number, owner, i, n in _owned(c, "notes"):
        yield (number, owner, n["id"], i, n["text"], n["project"], n["source"], n["page"])


def _local_self_evaluation(c: Corpus) -> Iterator[Row]:
    features = {f["number"]: f["id"] for f in c.features}
    for number, owner, i, s in _owned(c, "self_evaluation"):
        feature = features[s["feature"]]
        yield (number, owner, s["id"], i, feature, s["quality"], s["how_we_know"], s["next_steps"])


def _local_links(kind: str, to: str) -> Callable[[Corpus], Iterator[Row]]:
    """The features or outcomes (`to`) a local record of `kind` is linked to, by number in
    the file and here by the framework's id."""

    def rows(c: Corpus) -> Iterator[Row]:
        records = c.features if to == "features" else c.outcomes
        ids = {r["number"]: r["id"] for r in records}
        for number, owner, _, record in _owned(c, f"{kind}s"):
            for i, n in enumerate(record[to], 1):
                yield (number, owner, record["id"], ids[n], i)

    return rows


def _local_passages(c: Corpus) -> Iterator[Row]:
    """Each passage of a local record: the passage's id, and the record's file, owner and
    id, in the column of its kind."""
    from seven_features.queries.local import HIT_KINDS
    from seven_features.queries.search import entries

    expected = [
        (number, file["owner"], kind, record["id"])
        for number, file in enumerate(c.local, 1)
        for kind in FILE_ORDER
        for record in file[kind]  # type: ignore[literal-required]
    ]
    found = [
        (i, json.loads(ref))
        for i, (_, _, kind, _, ref, _, _, _) in enumerate(entries(c), 1)
        if kind.startswith("local-")
    ]
    column_of = {noun: column for noun, column, _ in PASSAGE_KINDS}
    for (number, owner, kind, key), (i, ref) in zip(expected, found, strict=True):
        assert (HIT_KINDS[ref["kind"]], ref["id"], ref["owner"]) == (kind, key, owner), ref
        noun = ref["kind"].removeprefix("local-")
        yield (
            i,
            number,
            owner,
            noun,
            *(key if c == column_of[noun] else None for c in column_of.values()),
        )


def _local_tables(whose: str) -> tuple[Table, ...]:
    """The tables of the local evidence files, each saying whose evidence it holds."""
    theirs = f"{whose} own evidence, NOT the document's (given with --local)"

    def record(key: str = "id") -> list[tuple[str, str]]:
        return [FILE_ID, OWNER, (key, TEXT)]

    links = tuple(
        Table(
            f"local_{kind}_{to}",
            f"{theirs}: the {to} of the framework its owner links each local {kind} to "
            f"(local {kind}s to {to}).",
            [
                FILE_ID,
                OWNER,
                (f"{kind}_id", TEXT),
                _ref(f"{to[:-1]}_id", to),
                ("position", INT),
            ],
            _local_links(kind, to),
            f'PRIMARY KEY ("file_id", "{kind}_id", "{to[:-1]}_id")',
            OWNER_KEY,
            _record_key(f"{kind}_id", table),
        )
        for kind, table in LINKED
        for to in ("features", "outcomes")
    )
    one = " + ".join(f'("{column}" IS NOT NULL)' for _, column, _ in PASSAGE_KINDS)
    return (
        Table(
            "local_files",
            f"The local evidence files: {theirs}. Every local_ table's row names its file "
            "and its owner.",
            [("id", "INTEGER PRIMARY KEY"), OWNER, ("file", TEXT)],
            _local_files,
            'UNIQUE ("id", "owner")',
        ),
        Table(
            "local_sources",
            f"{theirs}: its sources (audits, evaluations, reports).",
            [
                *record(),
                ("position", INT),
                ("title", TEXT),
                ("author", TEXT),
                ("date", TEXT),
                ("page", MAYBE),
                ("url", MAYBE),
            ],
            _local_sources,
            'PRIMARY KEY ("file_id", "id")',
            OWNER_KEY,
        ),
        Table(
            "local_projects",
            f"{theirs}: its projects and services.",
            [*record(), ("position", INT), ("name", TEXT), ("description", MAYBE)],
            _local_projects,
            'PRIMARY KEY ("file_id", "id")',
            OWNER_KEY,
        ),
        Table(
            "local_findings",
            f"{theirs}: its findings, as its sources state them.",
            [
                *record(),
                ("position", INT),
                ("statement", TEXT),
                ("project_id", MAYBE),
                ("source_id", TEXT),
                ("page", MAYBE),
                ("figures", INT),
            ],
            _local_findings,
            'PRIMARY KEY ("file_id", "id")',
            OWNER_KEY,
            _record_key("project_id", "local_projects"),
            _record_key("source_id", "local_sources"),
        ),
        Table(
            "local_finding_figures",
            f"{theirs}: each figure a local finding prints, exactly as printed.",
            [*record("finding_id"), ("position", INT), ("printed", TEXT)],
            _local_figures,
            'PRIMARY KEY ("file_id", "finding_id", "position")',
            OWNER_KEY,
            _record_key("finding_id", "local_findings"),
        ),
        Table(
            "local_quotes",
            f"{theirs}: what staff, children and families said, as its sources record it.",
            [
                *record(),
                ("position", INT),
                ("text", TEXT),
                ("attribution", TEXT),
                ("project_id", MAYBE),
                ("source_id", TEXT),
                ("page", MAYBE),
            ],
            _local_quotes,
            'PRIMARY KEY ("file_id", "id")',
            OWNER_KEY,
            _record_key("project_id", "local_projects"),
            _record_key("source_id", "local_sources"),
        ),
        Table(
            "local_notes",
            f"{theirs}: its notes of context.",
            [
                *record(),
                ("position", INT),
                ("text", TEXT),
                ("project_id", MAYBE),
                ("source_id", MAYBE),
                ("page", MAYBE),
            ],
            _local_notes,
            'PRIMARY KEY ("file_id", "id")',
            OWNER_KEY,
            _record_key("project_id", "local_projects"),
            _record_key("source_id", "local_sources"),
        ),
        Table(
            "local_self_evaluation",
            f"{theirs}: the owner's answers, for a feature, to the three questions inspectors ask.",
            [
                *record(),
                ("position", INT),
                _ref("feature_id", "features"),
                ("quality", TEXT),
                ("how_we_know", TEXT),
                ("next_steps", TEXT),
            ],
            _local_self_evaluation,
            'PRIMARY KEY ("file_id", "id")',
            'UNIQUE ("file_id", "feature_id")',
            OWNER_KEY,
        ),
        *links,
        Table(
            "local_passages",
            f"{theirs}: each passage of its records (in passages, searched through "
            "passages_fts), with the record's file, owner, and id in the column of its kind.",
            [
                ("passage_id", 'INTEGER PRIMARY KEY REFERENCES "passages" ("id")'),
                FILE_ID,
                OWNER,
                ("kind", TEXT),
                *((column, MAYBE) for _, column, _ in PASSAGE_KINDS),
            ],
            _local_passages,
            OWNER_KEY,
            *(_record_key(column, table) for _, column, table in PASSAGE_KINDS),
            f"CHECK ({one} = 1)",
        ),
    )


def _whose(corpus: Corpus) -> str:
    """The owners of the local files, possessive: "Example Borough Council's"."""
    from seven_features.wording import listed, possessive

    return listed([possessive(o) for o in dict.fromkeys(f["owner"] for f in corpus.local)])


def _tables(corpus: Corpus) -> tuple[Table, ...]:
    """The tables of the database: `TABLES`, and with local evidence, theirs after them."""
    if not corpus.local:
        return TABLES
    whose = _whose(corpus)
    *document, passages = TABLES
    assert passages.name == "passages"
    widened = Table(
        passages.name,
        PASSAGES_WITH_LOCAL.format(whose=whose),
        passages.columns,
        passages.rows,
        *passages.constraints,
    )
    return (*document, widened, *_local_tables(whose))


def build(corpus: Corpus, path: str) -> dict[str, int]:
    """Write the database to a new file `path`: each table's name -> its rows."""
    counts: dict[str, int] = {}
    made = _tables(corpus)
    db = sqlite3.connect(path)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        with db:
            for table in made:
                db.execute(table.create())
                rows = list(table.rows(corpus))
                db.executemany(table.insert(), rows)
                counts[table.name] = len(rows)
            for name, kind, _ in VIEWS:
                db.execute(
                    f'CREATE VIEW "{name}" AS SELECT "feature_id", "position", "headline", '
                    f'"explanation", "printed" FROM "points" WHERE "kind" = \'{kind}\''
                )
                counts[name] = db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            db.execute(FTS)
            db.execute("INSERT INTO passages_fts (passages_fts) VALUES ('rebuild')")
            db.execute(
                'CREATE TABLE "tables" ("name" TEXT PRIMARY KEY, "type" TEXT NOT NULL, '
                '"rows" INTEGER NOT NULL, "holds" TEXT NOT NULL) STRICT'
            )
            listed = [(t.name, "table", counts[t.name], t.holds) for t in made]
            listed += [(name, "view", counts[name], holds) for name, _, holds in VIEWS]
            listed.append(
                (
                    "tables",
                    "table",
                    len(listed) + 1,
                    "Each table and view: its rows and what it holds.",
                )
            )
            db.executemany('INSERT INTO "tables" VALUES (?, ?, ?, ?)', listed)
        problems = db.execute("PRAGMA foreign_key_check").fetchall()
        assert not problems, problems
        db.execute("VACUUM")
    finally:
        db.close()
    return counts


def database(corpus: Corpus) -> bytes:
    """The database file's bytes (built in a temporary folder, then read whole)."""
    with tempfile.TemporaryDirectory(prefix="sevenf-") as scratch:
        path = os.path.join(scratch, "evidence.db")
        build(corpus, path)
        with open(path, "rb") as made:
            return made.read()
