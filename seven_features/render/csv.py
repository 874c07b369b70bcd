"""A list view as CSV: one row per record, the columns of `flat.py`, RFC 4180, UTF-8.

The text starts with a byte order mark. Excel reads a CSV without one in the
computer's legacy code page (Windows-1252 in the UK), so the document's "£2.6m", its
en dashes and curly quotes would open as "Â£2.6m" and "â€“": a BOM is the one sign
Excel takes for UTF-8, LibreOffice and pandas read it as such, and Python's csv reads it
with `encoding="utf-8-sig"`. Records end in CRLF, as RFC 4180 has them; a field holding
a comma, a quote or a line break is quoted, its quotes doubled (Python's csv module).
Truth values are `true` and `false`; an empty field is a value the document does not
give, which the row's `notes` then names.
"""

from __future__ import annotations

import csv
import io

from seven_features.render.flat import sheets

TYPE_CHECKING = False
if TYPE_CHECKING:
    from seven_features.queries.results import Result
    from seven_features.render.flat import Cell, Sheet

BOM = "\ufeff"


def field(value: Cell) -> str:
    """A cell as CSV text: empty for None, `true`/`false`, numbers as Python writes them."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write(table: Sheet) -> str:
    """The table as CSV text: a BOM, the header, then one record per row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in table.columns])
    writer.writerows([field(v) for v in row] for row in table.cells())
    return BOM + out.getvalue()


def render(out: Result | list[Result]) -> str:
    """A list view (or several of one kind) as CSV text."""
    return write(sheets(out))


def summary(out: Result | list[Result]) -> str:
    """What the CSV holds, for stderr: how many rows, and how many say what is left out."""
    table = sheets(out)
    rows = len(table.rows)
    said = f"{rows} row{'' if rows == 1 else 's'}, one per {table.one}"
    if table.noted:
        says = "says" if table.noted == 1 else "say"
        said += f"; {table.noted} {says} in notes what the document leaves out"
    return said
