"""The evidence as an Excel workbook: every table a sheet, after one that says what they are.

`sevenf export xlsx -o evidence.xlsx`. The first sheet names the document, its licence
and the attribution the licence asks for, then lists each sheet with how many rows it
holds and what one row is; the second lists every column of every sheet and what it
holds. Each table is the one `render/flat.py` lays out (the same as `--format csv`),
its header row frozen and filtered. Text is written as text, never as a formula, so a
cell reads exactly as the document prints it; numbers are numbers and sum.
openpyxl is an optional extra: `pip install "sevenf[excel]"`.
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
    return rows


def workbook(corpus: Corpus) -> bytes:
    """The workbook's bytes (.xlsx)."""
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font
        from openpyxl.utils import get_column_letter
    except ImportError:
        raise SevenfError(NO_OPENPYXL) from None
    made = tables(corpus)
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
