"""Rich renderables for a terminal: tables, panels and styles, data always as literal text."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Group
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from .blocks import Block, Spans, clean, oneline

STYLES = {
    "cite": "cyan",
    "gap": "italic yellow",
    "mark": "bold reverse",
    "em": "dim",
    "small": "dim",
    "strong": "bold",
}


def spans(items: Spans) -> Text:
    """Spans as a rich Text built by appending: data is never parsed as markup."""
    text = Text()
    for span in items:
        if isinstance(span, str):
            text.append(oneline(span))
            continue
        style, value = span
        if style == "cite":
            text.append(f"[{value}]", STYLES["cite"])
        elif style == "gap":
            text.append(f"[{oneline(value)}]", STYLES["gap"])
        elif style == "bar":
            count, total = value
            text.append("█" * count, "cyan")
            text.append("░" * (total - count), "dim")
        else:
            text.append(oneline(value), STYLES[style])
    return text


def block(item: Block) -> Any:
    kind = item[0]
    if kind == "title":
        return Group(block(("h1", item[1])), spans(item[2]))
    if kind == "h1":
        return Rule(Text(oneline(item[1]).strip(), "bold"), align="left", style="blue")
    if kind in ("h2", "h3"):
        return Text(oneline(item[1]).strip(), "bold underline" if kind == "h2" else "bold")
    if kind == "p":
        return spans(item[1])
    if kind == "aside":
        return Text.assemble(spans(item[1]), style="dim italic")
    if kind == "ul":
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column()
        for entry in item[1]:
            grid.add_row("•", spans(entry))
        return grid
    if kind == "dl":
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column()
        for label, value in item[1]:
            grid.add_row(Text(clean(label)), spans(value))
        return grid
    if kind == "quote":
        body = Text.assemble("“", spans(item[1]), "”\n")
        body.append_text(Text.assemble("— ", spans(item[2]), style="italic"))
        return Panel(body, box=box.ROUNDED, border_style="green")
    if kind == "notes":
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style=STYLES["cite"], justify="right", no_wrap=True)
        grid.add_column()
        for number, text in item[1]:
            grid.add_row(f"[{number}]", spans(text))
        return grid
    if kind == "table":
        _, caption, columns, rows = item
        table = Table(
            title=Text(oneline(caption)) if caption else None,
            box=box.SIMPLE_HEAVY,
            show_lines=False,
            title_justify="left",
        )
        for column in columns:
            table.add_column(Text(clean(column)))
        for row in rows:
            table.add_row(*(spans(cell) for cell in row))
        return table
    raise ValueError(f"unknown block {kind!r}")


def render(blocks: list[Block]) -> Group:
    """One renderable for the whole view, spaced for reading."""
    return Group(*(Padding(block(b), (0, 0, 1, 0)) for b in blocks))
