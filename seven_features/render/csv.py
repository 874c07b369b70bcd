"""A list view as CSV: one row per record, the columns of `flat.py`, RFC 4180, UTF-8.

The text starts with a byte order mark. Excel reads a CSV without one in the
computer's legacy code page (Windows-1252 in the UK), so the document's "£2.6m", its
en dashes and curly quotes would open as "Â£2.6m" and "â€“": a BOM is the one sign
Excel takes for UTF-8, LibreOffice and pandas read it as such, and Python's csv reads it
with `encoding="utf-8-sig"`. Records end in CRLF, as RFC 4180 has them.

Every text field is quoted (its quotes doubled), and only numbers are not: the quotes
are the one type a CSV can carry. LibreOffice keeps a quoted field as text when asked
("Format quoted field as text"), so "July 2017" is not turned into a date it never was
(1 July 2017), nor a year "2017" into a number; Python's csv reads the numbers back as
numbers with `quoting=csv.QUOTE_NONNUMERIC`. Excel ignores the quotes: the workbook
(`sevenf export xlsx`) types every cell. Truth values are `"true"` and `"false"`; an
empty field (`""`) is a value the document does not give, which the row's `notes` names.
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


def field(value: Cell) -> str | int | float:
    """A cell as the csv module writes it: text (quoted), or a number (not quoted)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def write(table: Sheet) -> str:
    """The table as CSV text: a BOM, the header, then one record per row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
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
    local = sum(1 for row in table.rows if row.get("origin") not in (None, "document"))
    if local:
        said += f" ({local} from local evidence, its owner named in origin)"
    if table.noted:
        says = "says" if table.noted == 1 else "say"
        said += f"; {table.noted} {says} in notes what the document leaves out"
    return said
