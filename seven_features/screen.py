"""Views as drawn on a terminal, kept in the cache so that drawing one again is instant.

Importing rich and laying out its tables costs about three times a bare interpreter's
start (see benchmarks/README.md), and a person at a terminal asks for the same views
again and again. A drawing is a pure function of the data, sevenf's code, the command
line and the terminal (its width and what rich reads from the environment), so it is
kept under a key made of exactly those. A different width, colour setting or data
makes a new drawing; nothing is ever shown from a drawing made for other settings.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from . import cache, load
from .output import ansi, colour_wanted, terminal_width

if TYPE_CHECKING:
    from .commands import Args, Command

#: What rich reads from the environment when it draws (colours, width, terminal kind).
RICH_ENV = ("TERM", "COLORTERM", "NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")
#: How many drawings the cache keeps.
KEEP = 64


def _entry(command: Command, args: Args, colour: bool) -> str | None:
    data = load.content_key(load.data_dir(args.settings.data))
    if data is None:
        return None
    terminal = [
        str(terminal_width()),
        str(colour),
        sys.stdout.encoding or "",
        *(os.environ.get(name, "\0") for name in RICH_ENV),
    ]
    words = [data, str(args.settings.data), command.name, repr(sorted(args.values().items()))]
    return "drawn-" + cache.key(*(w.encode("utf-8", "surrogatepass") for w in words + terminal))


def draw(command: Command, args: Args) -> bytes:
    """The command's view as rich draws it on this terminal, from the cache when it can be."""
    colour = colour_wanted(args.settings.no_color, sys.stdout)
    name = _entry(command, args, colour)
    kept = cache.read(name) if name else None
    if kept is not None:
        return kept
    drawing = ansi(command.action(args), colour).encode("utf-8")
    if name:
        cache.write(name, drawing)
        cache.prune("drawn-", keep=KEEP)
    return drawing
