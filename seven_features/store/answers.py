"""Answers kept in the cache, so that asking again is instant at any size of data.

What a command writes to stdout, and the notes it says on stderr, are a pure function
of the data, sevenf's code, the Python that runs it, the command line and whether
stdout is a terminal; on a terminal also of the terminal (its width, the colour setting,
its encoding, what rich reads from the environment) and of rich itself. Each answer is
kept under a key made of exactly those, so nothing is ever shown from an answer made
for anything else. A rich drawing costs about three times a bare interpreter's start,
and a brief on a hundred times the data several times more; asked again, either costs
a read of the answer (see benchmarks/README.md for both figures).

Not kept: a command with effects (`site` writes files, every time), anything written
to a file with `-o`, Word (pandoc makes it) and an answer that failed. An answer is kept
under the content key of the data it was read from, which may be newer than the key
known when it was looked for: the files may change meanwhile.
An entry is checked (a CRC) and read only when it is the user's own file that no one
else may write; anything else is a miss, and the answer is made afresh.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from typing import TYPE_CHECKING, Any

from seven_features.corpus import load
from seven_features.output import Format, ansi, colour_wanted, render, terminal, terminal_width
from seven_features.store import cache

if TYPE_CHECKING:
    from pathlib import Path

    from seven_features.cli.commands import Args, Command

#: What rich reads from the environment when it draws (colours, width, terminal kind).
RICH_ENV = ("TERM", "COLORTERM", "NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")
#: How many answers the cache keeps.
KEEP = 64
PREFIX = "kept-"
#: The last answer's result, held: `__main__` ends the process without freeing anything,
#: and freeing a large result as its last reference went would cost more than a read.
_last: list[object] = []


def answer(command: Command, args: Args, fmt: Format) -> bytes:
    """What the command writes to stdout in `fmt`, from the cache when it can be; the
    notes for stderr are left in `args.notes` either way."""
    on_terminal = terminal()
    drawn = fmt is Format.table and on_terminal
    colour = drawn and colour_wanted(args.settings.no_color, sys.stdout)
    directory = load.data_dir(args.settings.data)
    data = load.content_key(directory)
    found = _read(_name(data, directory, command, args, fmt, on_terminal, colour))
    if found is not None:
        notes, payload = found
        args.notes[:] = notes
        return payload
    out = command.action(args)
    _last[:] = [out]  # the process ends without freeing it, object by object (ms at 100x)
    footer = args.licence(fmt)
    text = ansi(out, colour) if drawn else render(out, fmt, pretty=on_terminal, footer=footer)
    payload = text.encode("utf-8")
    # Kept under the key of the data the answer was made from: the files may have changed
    # since `data` was found (or it was not yet known), and their new key may be known now.
    made_from = args.made_from(data)
    _write(
        _name(made_from, directory, command, args, fmt, on_terminal, colour), args.notes, payload
    )
    return payload


def _name(
    data: str | None,
    directory: Path,
    command: Command,
    args: Args,
    fmt: Format,
    on_terminal: bool,
    colour: bool,
) -> str | None:
    """The entry of this answer made from the data whose content key is `data`."""
    if data is None:
        return None
    words = [
        data,
        str(directory),  # `validate` names it, and so might a view
        sys.version,
        command.name,
        repr(sorted(args.values().items())),
        fmt.value,
        str(on_terminal),
    ]
    if fmt is Format.table and on_terminal:
        words += [
            str(terminal_width()),
            str(colour),
            sys.stdout.encoding or "",
            *(os.environ.get(name, "\0") for name in RICH_ENV),
            _installed("rich"),
        ]
    return PREFIX + cache.key(*(w.encode("utf-8", "surrogatepass") for w in words))


def _installed(package: str) -> str:
    """Which `package` would be imported: its first file on the path, with its size and
    times, which a new install changes. Found without importing it, which is what costs."""
    for entry in sys.path:
        where = os.path.join(entry or os.curdir, package, "__init__.py")
        try:
            st = os.stat(where)
        except OSError:
            continue
        return f"{os.path.abspath(where)}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}"
    return "\0"


# --- help ------------------------------------------------------------------------------
# Help is click's to write, and typer takes five times a bare interpreter's start to load
# (it loads pydantic): `cli.py` keeps what it wrote, and the fast path writes it again.
# It depends on sevenf's code, typer (which holds click), the command line and the width
# click formats to, taken from COLUMNS or the terminal as click itself does.

HELP = ("-h", "--help")


def asks_for_help(argv: list[str]) -> bool:
    """Whether click answers `argv` with help (a help option before any "--")."""
    words = argv[: argv.index("--")] if "--" in argv else argv
    return any(word in HELP for word in words) and "_SEVENF_COMPLETE" not in os.environ


def _help_name(argv: list[str]) -> str | None:
    try:
        code = load.code_identity()
    except OSError:
        return None
    try:
        size = repr(os.get_terminal_size(sys.__stdout__.fileno()))  # type: ignore[union-attr]
    except (OSError, ValueError, AttributeError):
        size = "none"
    words = [sys.version, _installed("typer"), os.environ.get("COLUMNS", "\0"), size, *argv]
    encoded = [w.encode("utf-8", "surrogatepass") for w in words]
    return PREFIX + cache.key(b"help", *code, *encoded)


def kept_help(argv: list[str]) -> bytes | None:
    """The help click wrote for `argv` before, if it is kept."""
    found = _read(_help_name(argv))
    return found[1] if found is not None else None


def keep_help(argv: list[str], text: str) -> None:
    """Keep the help click wrote for `argv`."""
    _write(_help_name(argv), [], text.encode("utf-8"))


def _write(name: str | None, notes: list[str], payload: bytes) -> None:
    """Keep an answer, its notes for stderr with it, checksummed; the oldest go."""
    if name:
        body = marshal.dumps((list(notes), payload))
        cache.write(name, zlib.crc32(body).to_bytes(4, "little") + body)
        cache.prune(PREFIX, keep=KEEP)


def _read(name: str | None) -> tuple[list[str], bytes] | None:
    """A kept answer; None when absent, damaged, of the wrong shape or not the user's own."""
    entry = cache.read(name) if name else None
    if entry is None or len(entry) < 4:
        return None
    body = memoryview(entry)[4:]
    if zlib.crc32(body) != int.from_bytes(entry[:4], "little"):
        return None
    try:
        found: Any = marshal.loads(body)
    except (ValueError, EOFError, TypeError):
        return None
    if not (isinstance(found, tuple) and len(found) == 2):
        return None
    notes, payload = found
    if not isinstance(payload, bytes) or not isinstance(notes, list):
        return None
    if not all(isinstance(line, str) for line in notes):
        return None
    return notes, payload
