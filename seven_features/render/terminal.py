"""Rich renderables for a terminal: tables, panels and styles, data always as literal text.

No text is ever cut: every cell wraps, a word wider than its column is folded, never
ended with "…", and a table too wide for the terminal even with every cell wrapped
is drawn row by row instead (`_Fitted`). Prose keeps to a readable measure of
`MEASURE` columns on a wide terminal, and a page number stays beside its "page".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.constrain import Constrain
from rich.measure import Measurement
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from seven_features.errors import assert_never
from seven_features.render.blocks import (
    NOTES,
    Aside,
    Bar,
    Bullets,
    Cite,
    Em,
    Gap,
    Heading,
    Mark,
    Notes,
    Pairs,
    Para,
    Quote,
    Small,
    Strong,
    Title,
    clean,
    oneline,
    plain,
)
from seven_features.render.blocks import Table as TableBlock

if TYPE_CHECKING:
    from seven_features.render.blocks import Block, Spans

#: The longest label a definition list sets beside its text; longer ones stand above it.
LABEL = 24
#: The widest a paragraph is set, in columns: lines much longer are hard to read.
MEASURE = 100
#: The width assumed when neither COLUMNS nor the terminal gives a usable one.
_NBSP = "\u00a0"
# "page 12", "p. 12", "pg. 12", "pages 3": the number is kept beside its word.
_PAGE = re.compile(r"\b(pages?|pg\.|p\.) (?=\d)", re.IGNORECASE)


STYLES = {
    "cite": "cyan",
    "gap": "italic yellow",
    "mark": "bold reverse",
    "em": "dim",
    "small": "dim",
    "strong": "bold",
}


class _Held(Text):
    """Text whose no-break spaces hold their words together when rich wraps it.

    Rich breaks lines at any white space, a no-break space included, so the text is
    wrapped with each one standing in as a visible character of the same width.
    """

    _STAND_IN = "\U0010fffd"

    def wrap(self, console: Console, width: int, **options: Any) -> Any:
        if _NBSP not in self.plain or self._STAND_IN in self.plain:
            return super().wrap(console, width, **options)
        held = self.copy()
        held.plain = self.plain.replace(_NBSP, self._STAND_IN)
        lines = Text.wrap(held, console, width, **options)
        for line in lines:
            line.plain = line.plain.replace(self._STAND_IN, _NBSP)
        return lines


def _text(value: str) -> str:
    return _PAGE.sub(lambda m: m.group(1) + _NBSP, oneline(value))


def spans(items: Spans) -> Text:
    """Spans as a rich Text built by appending: data is never parsed as markup."""
    text = _Held()
    for span in plain(items):
        if isinstance(span, str):
            text.append(_text(span))
            continue
        match span:
            case Cite():
                text.append(f"[{span.key}]", STYLES["cite"])
            case Gap():
                text.append(f"[{_text(span.text)}]", STYLES["gap"])
            case Bar():
                text.append("█" * span.count, "cyan")
                text.append("░" * (span.total - span.count), "dim")
            case Mark():
                text.append(_text(span.text), STYLES["mark"])
            case Em():
                text.append(_text(span.text), STYLES["em"])
            case Small():
                text.append(_text(span.text), STYLES["small"])
            case Strong():
                text.append(_text(span.text), STYLES["strong"])
            case _:
                assert_never(span)
    return text


def block(item: Block) -> Any:
    match item:
        case Title():
            return Group(block(Heading(1, item.text)), spans(item.spans))
        case Heading(level=1):
            return _Heading(Text(oneline(item.text).strip(), "bold"))
        case Heading():
            style = "bold underline" if item.level == 2 else "bold"
            return Text(oneline(item.text).strip(), style)
        case Para():
            return _prose(spans(item.spans))
        case Aside():
            return _prose(_Held.assemble(spans(item.spans), style="dim italic"))
        case Bullets():
            grid = _grid(1, {"no_wrap": True})
            for entry in item.items:
                grid.add_row("•", spans(entry))
            return _prose(grid)
        case Pairs():
            if max((len(label) for label, _ in item.items), default=0) > LABEL:
                # labels as long as a title (a source's name): each above its text, which
                # would otherwise be squeezed to nothing beside it on a narrow terminal
                return _prose(
                    Group(
                        *(
                            Group(Text(clean(label), "bold"), Padding(spans(value), (0, 0, 0, 2)))
                            for label, value in item.items
                        )
                    )
                )
            grid = _grid(2, {"style": "bold", "no_wrap": True})
            for label, value in item.items:
                grid.add_row(Text(clean(label)), spans(value))
            return _prose(grid)
        case Quote():
            body = _Held.assemble("“", spans(item.spans), "”\n")
            body.append_text(_Held.assemble("— ", spans(item.attribution), style="italic"))
            return _prose(Panel(body, box=box.ROUNDED, border_style="green"))
        case Notes():
            grid = _grid(1, {"style": STYLES["cite"], "justify": "right", "no_wrap": True})
            for number, text in item.items:
                grid.add_row(f"[{number}]", spans(text))
            return _prose(Group(block(Heading(2, NOTES)), Text(), grid))
        case TableBlock():
            return _table(item.caption, item.columns, item.rows)
        case _:
            assert_never(item)


def _prose(renderable: RenderableType) -> RenderableType:
    return Constrain(renderable, MEASURE)


def _grid(gap: int, first: dict[str, Any]) -> Table:
    """Two columns, a label and its text; the label folds only if nothing else fits."""
    grid = Table.grid(padding=(0, gap))
    grid.add_column(overflow="fold", **first)
    grid.add_column(overflow="fold")
    return grid


def _table(caption: str | None, columns: list[str], rows: list[list[Spans]]) -> RenderableType:
    """A table whose gaps' explanations stand below it, keyed by letter, so its columns stay
    wide enough to read; drawn row by row where even that does not fit."""
    notes: list[Spans] = []
    cells = [[_short_gaps(cell, notes) for cell in row] for row in rows]
    table = Table(
        title=Text(oneline(caption)) if caption else None,
        box=box.SIMPLE_HEAVY,
        show_lines=False,
        title_justify="left",
    )
    for column in columns:
        table.add_column(Text(clean(column)), overflow="fold")
    for row in cells:
        table.add_row(*row)
    stacked = []
    for row in cells:
        grid = _grid(2, {"style": "bold", "no_wrap": True})
        for column, cell in zip(columns, row, strict=True):
            grid.add_row(Text(clean(column)), cell)
        stacked.append(Padding(grid, (0, 0, 1, 0)))
    title = [Text(oneline(caption))] if caption else []
    parts: list[RenderableType] = [_Fitted(table, Group(*title, *stacked))]
    if notes:
        grid = _grid(1, {"style": STYLES["gap"], "no_wrap": True})
        for letter, note in zip(_LETTERS, notes, strict=False):
            grid.add_row(f"({letter})", spans(note))
        parts.append(_prose(grid))
    return Group(*parts)


_LETTERS = [chr(c) for c in range(ord("a"), ord("z") + 1)] + [
    f"{a}{b}" for a in "abcdefghijklmnopqrstuvwxyz" for b in "abcdefghijklmnopqrstuvwxyz"
]


def _short_gaps(cell: Spans, notes: list[Spans]) -> Text:
    """The cell with each explained gap shortened to "not given" and the letter of its note."""
    kept: Spans = []
    for span in cell:
        if isinstance(span, Gap) and ": " in span.text:
            kept.append(Gap(f"not given ({_LETTERS[len(notes)]})"))
            notes.append([Gap(span.text)])
        else:
            kept.append(span)
    return spans(kept)


class _Fitted:
    """A table, or where the terminal is too narrow for it even with every cell wrapped at
    its longest word, the same rows stacked, each a list of column: value."""

    def __init__(self, table: Table, stacked: RenderableType) -> None:
        self.table, self.stacked = table, stacked

    def _fits(self, console: Console, options: ConsoleOptions) -> bool:
        wanted = Measurement.get(console, options.update_width(10_000), self.table)
        return wanted.minimum <= options.max_width

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Any]:
        yield self.table if self._fits(console, options) else self.stacked

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        chosen = self.table if self._fits(console, options) else self.stacked
        return Measurement.get(console, options, chosen)


class _Heading:
    """A title on a rule; on its own line above the rule where the line is too short for it
    (rich would cut it with "…")."""

    def __init__(self, title: Text) -> None:
        self.title = title

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Any]:
        if self.title.cell_len + 6 <= options.max_width:
            yield Rule(self.title, align="left", style="blue")
        else:
            yield self.title
            yield Rule(style="blue")


def render(blocks: list[Block]) -> Group:
    """One renderable for the whole view, spaced for reading."""
    return Group(*(Padding(block(b), (0, 0, 1, 0)) for b in blocks))
