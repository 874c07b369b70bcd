"""Where results and errors go: one `emit()` picks the format, one `fail()` writes an error.

Data goes to stdout, messages to stderr. A table on a terminal is drawn with rich;
piped or redirected, the same view is plain text with no escape codes. Colour is
off when NO_COLOR is set, TERM is dumb, or --no-color is given.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from typing import Any, NoReturn, TextIO, assert_never

PROG = "sevenf"


class Format(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    html = "html"


def colour_wanted(no_color: bool, stream: TextIO) -> bool:
    """Colour only on a terminal, and never with NO_COLOR, TERM=dumb or --no-color."""
    if no_color or "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb":
        return False
    return stream.isatty()


Result = dict[str, Any] | list[dict[str, Any]]


def to_json(result: Result, *, pretty: bool = True) -> str:
    """The result as JSON; C1 and bidirectional controls escaped as well as C0.

    Compact JSON (`pretty=False`) goes through the C encoder, several times faster
    on large results: sevenf writes it when stdout is not a terminal.
    """
    import json

    from .render.blocks import clean

    # json escapes C0 controls itself; clean() writes the rest as the same \\uXXXX escapes.
    return clean(json.dumps(result, ensure_ascii=False, indent=2 if pretty else None)) + "\n"


def emit(result: Result, fmt: Format, *, no_color: bool = False) -> None:
    """Write `result` to stdout in `fmt`: rich on a terminal for tables, else text.

    A list of results (several REFs) is one JSON list, or their views one after another.
    """
    from .render.views import layout_all as layout

    if fmt is Format.table and sys.stdout.isatty():
        from rich.console import Console

        from .render import terminal

        colour = colour_wanted(no_color, sys.stdout)
        console = Console(
            file=sys.stdout,
            no_color=not colour,
            highlight=False,
            emoji=False,
            markup=False,
            color_system="auto" if colour else None,
        )
        try:
            console.print(terminal.render(layout(result)))
            sys.stdout.flush()
        except BrokenPipeError:
            _reader_gone()
    elif fmt is Format.json:
        write(to_json(result, pretty=sys.stdout.isatty()))
    elif fmt is Format.markdown:
        from .render import markdown

        write(markdown.render(layout(result)))
    elif fmt is Format.html:
        from .render import html

        write(html.page(result))
    elif fmt is Format.table:
        from .render import text

        write(text.render(layout(result)))
    else:
        assert_never(fmt)


def write(text: str) -> None:
    """`text` to stdout as UTF-8 bytes, whatever the locale (so RIS keeps its CRLF)."""
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        _reader_gone()


def _reader_gone() -> NoReturn:
    # `sevenf ... | head -1`: nothing more to say, and nothing left to flush at exit.
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    raise SystemExit(141) from None


def note(message: str) -> None:
    """A message that is not an error: one line on stderr."""
    _say("note", message)


def fail(message: str, code: int) -> int:
    """Write one line to stderr and return the exit code to leave with."""
    _say("error", message)
    return code


def _say(what: str, message: str) -> None:
    from .render.blocks import oneline

    sys.stderr.write(f"{PROG}: {what}: {oneline(message).strip()}\n")
    sys.stderr.flush()
