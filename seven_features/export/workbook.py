"""The evidence as an Excel workbook: every table a sheet, after one that says what they are.

`sevenf export xlsx -o evidence.xlsx`. The first sheet names the document, its licence
and the attribution the licence asks for, then lists each sheet with how many rows it
holds and what one row is; the second lists every column of every sheet and what it
holds. Each table is the one `render/flat.py` lays out (the same as `--format csv`),
its header row frozen and filtered. Text is written as text, never as a formula, so a
cell reads exactly as the document prints it; numbers are numbers and sum.
openpyxl is an optional extra: `pip install "sevenf[excel]"`.

With `--local FILE`, the sheets of list views hold each owner's records beside the
document's, as their CSV does, each such row naming its owner in `origin` (the map's sheets
count them apart, in `local_` columns); a sheet per kind of local record (`local-sources`,
`local-findings`...) holds every record of each file, its owner in `owner`; and the first
sheet says whose evidence it is, and which sheets hold how many of its rows. Without
local files the workbook is as it was.
"""

from __future__ import annotations

import io
from typing import Any

from seven_features import __version__
from seven_features.corpus.indexed import Corpus
from seven_features.errors import SevenfError
from seven_features.render import flat

#: What to install when openpyxl is missing: one line, exactly.
NO_OPENPYXL = (
    "an Excel workbook needs openpyxl: install it with pip install 'sevenf[excel]', "
    "or export SQLite (sevenf export sqlite) or write CSV (--format csv) instead"
)
#: The widest a table's column is drawn, in characters.
WIDEST = 60
#: The width of the first sheet's column of values, in characters; longer text wraps.
FRONT_WIDTH = 90


def tables(corpus: Corpus) -> list[flat.Sheet]:
    """Every table of the workbook, in the order of its sheets."""
    from seven_features.queries import query

    every_feature = [query.feature(corpus, f["id"]) for f in corpus.features]
    every_path = [query.feature_evidence(corpus, f["id"]) for f in corpus.features]
    found = query.findings(corpus)
    return [
        flat.features(query.list_features(corpus)),
        flat.outcomes(query.list_outcomes(corpus)),
        flat.enablers(query.list_enablers(corpus)),
        flat.table(query.table(corpus)),
        flat.projects(query.list_projects(corpus)),
        flat.sources(query.list_sources(corpus)),
        flat.footnotes(query.list_footnotes(corpus)),
        flat.findings(found),
        flat.figures(found),
        flat.quotes(query.quotes(corpus)),
        flat.differences(every_feature),
        flat.pitfalls(query.pitfalls(corpus)),
        flat.links(every_path),
        flat.joined([flat.feature_evidence(v) for v in every_path]),
        flat.evidence_map(query.evidence_map(corpus, "feature")),
        flat.evidence_map(query.evidence_map(corpus, "project")),
    ]


# --- local evidence (--local): each owner's records, in sheets of their own ---------------

OWNER = flat.Column(
    "owner",
    "text",
    "Whose evidence the row is: the owner of the local evidence file (given with --local), "
    "never the document.",
)
FILE = flat.Column("file", "text", "The local evidence file, as it was given.")
LOCAL_ID = flat.Column("id", "text", "The record's id in its file.")
LINKS = (
    flat.Column(
        "features",
        "list",
        f"The numbers of the features its owner links it to, joined by '{flat.JOIN}'.",
    ),
    flat.Column(
        "outcomes",
        "list",
        f"The numbers of the outcomes (as in Table 1) its owner links it to, joined by "
        f"'{flat.JOIN}'.",
    ),
)
PAGE = flat.Column("page", "text", "Its page in its source, where the file gives one.")
PROJECT = flat.Column("project_id", "text", "The id of one of the file's projects, if any.")
SOURCE = flat.Column("source_id", "text", "The id of one of the file's sources.")
#: A column whose name is not the file's field: the field.
FIELD = {"project_id": "project", "source_id": "source"}
#: Each local sheet: its name, what one row is, the list of the file it reads, its columns.
LOCAL_SHEETS: tuple[tuple[str, str, str, tuple[flat.Column, ...]], ...] = (
    (
        "local-sources",
        "local source (the owner's, not the document's)",
        "sources",
        (
            flat.Column("title", "text", "Its title, as printed."),
            flat.Column("author", "text", "Who wrote it."),
            flat.Column("date", "text", "When, as it gives it."),
            flat.Column("page", "text", "Where in it, if the file says."),
            flat.Column("url", "text", "Where it can be read, if anywhere."),
        ),
    ),
    (
        "local-projects",
        "local project or service (the owner's, not the document's)",
        "projects",
        (
            flat.Column("name", "text", "Its name."),
            flat.Column("description", "text", "What its owner says it is."),
            *LINKS,
        ),
    ),
    (
        "local-findings",
        "local finding (the owner's, not the document's)",
        "findings",
        (
            flat.Column("statement", "text", "What the owner's source found, in its words."),
            flat.Column(
                "figures",
                "list",
                f"The figures the statement prints, as printed, joined by '{flat.JOIN}'.",
            ),
            *LINKS,
            PROJECT,
            SOURCE,
            PAGE,
        ),
    ),
    (
        "local-quotes",
        "local quote (the owner's, not the document's)",
        "quotes",
        (
            flat.Column("text", "text", "The words as recorded."),
            flat.Column("attribution", "text", "Who said it, as the source puts it."),
            *LINKS,
            PROJECT,
            SOURCE,
            PAGE,
        ),
    ),
    (
        "local-notes",
        "local note (the owner's, not the document's)",
        "notes",
        (
            flat.Column("text", "text", "The note."),
            *LINKS,
            PROJECT,
            flat.Column("source_id", "text", "The id of one of the file's sources, if any."),
            PAGE,
        ),
    ),
    (
        "local-self-evaluation",
        "feature the owner evaluates its own practice on (the owner's, not the document's)",
        "self_evaluation",
        (
            flat.Column("feature", "integer", "The number of the feature (1 to 7)."),
            flat.Column("quality", "text", "What do we know about the quality of our practice?"),
            flat.Column("how_we_know", "text", "How do we know it?"),
            flat.Column("next_steps", "text", "What do we plan to do next?"),
        ),
    ),
)


def local_tables(corpus: Corpus) -> list[flat.Sheet]:
    """A sheet per kind of local record, every row naming its owner; none without --local."""
    if not corpus.local:
        return []
    made = []
    for name, one, kind, columns in LOCAL_SHEETS:
        rows: list[flat.Row] = []
        for file in corpus.local:
            records: list[dict[str, Any]] = file[kind]  # type: ignore[literal-required]
            for record in records:
                row: flat.Row = {"owner": file["owner"], "file": file["file"]}
                for c in (LOCAL_ID, *columns):
                    value = record[FIELD.get(c.name, c.name)]
                    row[c.name] = (
                        flat.JOIN.join(map(str, value)) if isinstance(value, list) else value
                    )
                rows.append(row)
        made.append(flat.Sheet(name, one, [OWNER, FILE, LOCAL_ID, *columns], rows))
    return made


def _local_rows(sheet: flat.Sheet) -> str | None:
    """How many of a sheet's rows are local evidence, and whose; None for none."""
    from collections import Counter

    from seven_features.wording import possessive

    names = {c.name for c in sheet.columns}
    column = "owner" if "owner" in names else "origin" if "origin" in names else None
    owners: Counter[str] = Counter()
    for row in sheet.rows:
        if column is not None and row[column] != "document":
            owners[str(row[column])] += 1
        elif column is None and row.get("local_owners"):
            owners.update(str(row["local_owners"]).split(flat.JOIN))
    if not owners:
        return None
    if column is None:
        counted = [f"{n} with {possessive(owner)} findings" for owner, n in owners.items()]
        return f"{flat.JOIN.join(counted)}, counted apart in the local_ columns"
    said = [f"{n} of {possessive(owner)} evidence" for owner, n in owners.items()]
    return f"{flat.JOIN.join(said)}, each naming its owner in '{column}'"


def _front(corpus: Corpus, made: list[flat.Sheet]) -> list[list[Any]]:
    doc = corpus.document
    rows: list[list[Any]] = [
        [doc["title"]],
        [doc["subtitle"]],
        [],
        ["Author", doc["author"]],
        ["Published", doc["published"]],
        ["Copyright", doc["copyright"]],
        ["Licence", doc["licence"]["name"]],
        ["Licence at", doc["licence"]["url"]],
        ["Licence statement", doc["licence"]["statement"]],
        ["Attribution", doc["attribution"]["text"]],
        ["ISBN", doc["isbn"]],
        ["Download", doc["download"]],
        ["Made by", f"sevenf {__version__}, from the document's own text"],
        [],
        [
            "Reading it",
            "One row per record. An empty cell is a value the document does not give: the "
            "row's notes say what it leaves out (a finding the document gives no outcome for "
            f"keeps its outcome empty). Several values in one cell are joined by "
            f"'{flat.JOIN}', sentences by '{flat.LINES}'. The sheet 'columns' says what "
            "each column holds.",
        ],
        [],
        ["Sheet", "Rows", "One row per"],
        ["columns", sum(len(t.columns) for t in made), "column of a sheet, and what it holds"],
        *([t.name, len(t.rows), t.one] for t in made),
    ]
    if corpus.local:
        from seven_features.wording import listed, possessive

        whose = listed([possessive(o) for o in dict.fromkeys(f["owner"] for f in corpus.local)])
        at = rows.index(["Sheet", "Rows", "One row per"])
        rows[at:at] = [
            [
                "Local evidence",
                f"{whose} own evidence, NOT the document's (given with --local). The sheets "
                "local-* hold every record of it, one per row, each naming its owner in "
                "'owner'; other sheets show it beside the document's, each local row naming "
                "its owner in 'origin' (the map's sheets count it apart, in local_ columns). "
                "The column 'Local rows' below says which sheets hold it, and whose.",
            ],
            [],
        ]
        rows[at + 2].append("Local rows")
        for row in rows[at + 3 :]:
            shown = [t for t in made if t.name == row[0]]
            if shown:
                row.append(_local_rows(shown[0]))
    return rows


def workbook(corpus: Corpus) -> bytes:
    """The workbook's bytes (.xlsx)."""
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font
        from openpyxl.utils import get_column_letter
    except ImportError:
        raise SevenfError(NO_OPENPYXL) from None
    made = tables(corpus) + local_tables(corpus)
    book = Workbook()
    front = book.active
    front.title = "about"
    bold = Font(bold=True)
    for row in _front(corpus, made):
        _append(front, row)
    for cell in front["A"]:
        cell.font = Font(bold=True, size=14) if cell.row == 1 else bold
    front.column_dimensions["A"].width = 22
    front.column_dimensions["B"].width = FRONT_WIDTH
    front.column_dimensions["C"].width = 50
    if corpus.local:  # 'Local rows': which sheets hold local evidence, and whose
        front.column_dimensions["D"].width = 70
    for (cell,) in front.iter_rows(min_col=2, max_col=2):
        # Left-aligned, so a sheet's rows stand beside its name; long text wraps, on rows
        # tall enough to show it (a spreadsheet does not size them itself).
        cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")
        lines = -(-len(str(cell.value or "")) // FRONT_WIDTH)
        if lines > 1:
            front.row_dimensions[cell.row].height = 15 * lines
    columns = book.create_sheet("columns")
    _append(columns, ["sheet", "column", "kind", "holds"])
    for t in made:
        for c in t.columns:
            _append(columns, [t.name, c.name, c.kind, c.about])
    _tidy(columns, bold, get_column_letter)
    for t in made:
        sheet = book.create_sheet(t.name)
        _append(sheet, [c.name for c in t.columns])
        for values in t.cells():
            _append(sheet, values)
        _tidy(sheet, bold, get_column_letter)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _append(sheet: Any, values: list[Any]) -> None:
    """A row of cells; text is text even where it starts with '=' (openpyxl would take it
    for a formula), and a character a workbook cannot hold is one error, not a crash."""
    try:
        sheet.append(values)
    except ValueError as error:  # openpyxl's IllegalCharacterError
        raise SevenfError(f"sheet {sheet.title}: a cell cannot be written: {error}") from None
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"


def _tidy(sheet: Any, bold: Any, letter: Any) -> None:
    """Header bold, frozen and filtered; columns as wide as their text (up to `WIDEST`)."""
    for cell in sheet[1]:
        cell.font = bold
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    widths: dict[int, int] = {}
    for row in sheet.iter_rows():
        for cell in row:
            shown = len(str(cell.value)) if cell.value is not None else 0
            widths[cell.column] = max(widths.get(cell.column, 8), min(shown + 2, WIDEST))
    for column, width in widths.items():
        sheet.column_dimensions[letter(column)].width = width
