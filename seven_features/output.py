"""Where results and errors go: one `emit()` picks the format, one `fail()` writes an error.

Data goes to stdout, messages to stderr. A table on a terminal is drawn with rich;
piped or redirected, the same view is plain text with no escape codes. Colour is
off when NO_COLOR is set, TERM is dumb, or --no-color is given.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from typing import Any, TextIO, assert_never

PROG = "sevenf"


class Format(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


def colour_wanted(no_color: bool, stream: TextIO) -> bool:
    """Colour only on a terminal, and never with NO_COLOR, TERM=dumb or --no-color."""
    if no_color or "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb":
        return False
    return stream.isatty()


def to_json(result: dict[str, Any], *, pretty: bool = True) -> str:
    """The result as JSON; C1 and bidirectional controls escaped as well as C0.

    Compact JSON (`pretty=False`) goes through the C encoder, several times faster
    on large results: sevenf writes it when stdout is not a terminal.
    """
    import json

    from .render.blocks import clean

    # json escapes C0 controls itself; clean() writes the rest as the same \\uXXXX escapes.
    return clean(json.dumps(result, ensure_ascii=False, indent=2 if pretty else None)) + "\n"


def emit(result: dict[str, Any], fmt: Format, *, no_color: bool = False) -> None:
    """Write `result` to stdout in `fmt`; a reader that closes the pipe ends sevenf quietly."""
    try:
        _write(result, fmt, no_color, sys.stdout)
    except BrokenPipeError:
        # `sevenf ... | head -1`: nothing more to say, and nothing to flush at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(141) from None


def _write(result: dict[str, Any], fmt: Format, no_color: bool, stream: TextIO) -> None:
    if fmt is Format.json:
        stream.write(to_json(result, pretty=stream.isatty()))
    elif fmt is Format.markdown:
        from .render import markdown
        from .render.views import layout

        stream.write(markdown.render(layout(result)))
    elif fmt is Format.table:
        from .render.views import layout

        if stream.isatty():
            from rich.console import Console

            from .render import terminal

            colour = colour_wanted(no_color, stream)
            console = Console(
                file=stream,
                no_color=not colour,
                highlight=False,
                emoji=False,
                markup=False,
                color_system="auto" if colour else None,
            )
            console.print(terminal.render(layout(result)))
        else:
            from .render import text

            stream.write(text.render(layout(result)))
    else:
        assert_never(fmt)
    stream.flush()


def fail(message: str, code: int) -> int:
    """Write one line to stderr and return the exit code to leave with."""
    from .render.blocks import oneline

    sys.stderr.write(f"{PROG}: error: {oneline(message).strip()}\n")
    sys.stderr.flush()
    return code
