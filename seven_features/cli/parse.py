"""The fast path: the command line parsed without typer, from the declarations in `commands.py`.

Importing typer and click costs several times a bare interpreter's start, and a person
at a terminal waits for it on every command. Every form the command table declares
is parsed and run here, on a terminal as well as piped. Only what needs click is left
to `app.py`, which is built from the same table: help, shell completion, --version,
and any command line that does not parse, so that click names the usage error.
"""

from __future__ import annotations

import os
import sys

from seven_features.cli.commands import BY_NAME, GLOBAL, OVERVIEW, execute
from seven_features.output import Settings, guarded, write

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import TypeAlias

    from seven_features.cli.commands import Command, Param, Value

    Parsed: TypeAlias = tuple[Command, dict[str, Value], Settings]
_GLOBAL_FLAGS = {flag: p for p in GLOBAL for flag in p.flags}


def _looks_like_option(word: str) -> bool:
    return word.startswith("-") and word != "-"


def parse(argv: Sequence[str]) -> Parsed | None:
    """The command, its values and the settings `argv` gives; None if it needs click."""
    if "_SEVENF_COMPLETE" in os.environ:
        return None
    words = list(argv)
    command: Command | None = None
    options: dict[str, Param] = dict(_GLOBAL_FLAGS)
    values: dict[str, Value] = {}
    settings: dict[str, Value] = {}
    positional: list[str] = []
    while words:
        word = words.pop(0)
        if word == "--":
            positional += words
            break
        if not _looks_like_option(word):
            if command is None:
                command = BY_NAME.get(word)
                if command is None:
                    return None
                options.update({flag: p for p in command.options() for flag in p.flags})
            else:
                positional.append(word)
            continue
        flag, equals, given = word.partition("=") if word.startswith("--") else (word, "", "")
        param = options.get(flag)
        if param is None:
            return None
        value: Value
        if param.flag:
            if equals:
                return None
            value = True
        else:
            if not equals:
                if not words or _looks_like_option(words[0]):
                    return None
                given = words.pop(0)
            value = param.parse(given)
            if value is None:
                return None
        into = settings if param in GLOBAL else values
        if param.many:
            listed = into.setdefault(param.name, [])
            assert isinstance(listed, list) and isinstance(value, str)
            listed.append(value)
        else:
            into[param.name] = value
    command = command or OVERVIEW
    for param in command.options():
        if not param.is_argument:
            if param.required and param.name not in values:
                return None  # the full command line says which option is missing
            values.setdefault(param.name, False if param.flag else param.default)
        elif param.many:
            values[param.name], positional = positional, []
            if param.required and not values[param.name]:
                return None
        elif positional:
            value = param.parse(positional.pop(0))
            if value is None:
                return None
            values[param.name] = value
        elif param.required:
            return None
        else:
            values[param.name] = param.default
    if positional:
        return None
    data, local = settings.get("data"), settings.get("local")
    return (
        command,
        values,
        Settings(
            data if isinstance(data, str) else None,
            bool(settings.get("no_color")),
            bool(settings.get("debug")),
            local if isinstance(local, list) else None,
        ),
    )


def run(argv: Sequence[str]) -> int | None:
    """The exit code of running `argv` here, or None when the full command line must.
    Help is click's to write, but the help it wrote before is written again here."""
    parsed = parse(argv)
    if parsed is None:
        return _kept_help(list(argv))
    command, values, settings = parsed
    return guarded(lambda: execute(command, values, settings), settings.debug)


def _kept_help(argv: list[str]) -> int | None:
    if not asks_for_help(argv):
        return None
    found = kept_help(argv)
    if found is None:
        return None
    return guarded(lambda: write(found), "--debug" in argv)


# --- help --------------------------------------------------------------------------------
# Help is click's to write, and typer takes five times a bare interpreter's start to load
# (it loads pydantic): `app.py` keeps what it wrote, and the fast path writes it again.
# It depends on sevenf's code, typer (which holds click), the command line and the width
# click formats to, taken from COLUMNS or the terminal as click itself does.

HELP = ("-h", "--help")


def asks_for_help(argv: list[str]) -> bool:
    """Whether click answers `argv` with help (a help option before any "--")."""
    words = argv[: argv.index("--")] if "--" in argv else argv
    return any(word in HELP for word in words) and "_SEVENF_COMPLETE" not in os.environ


def _help_entry(argv: list[str]) -> str | None:
    from seven_features.corpus import load
    from seven_features.store import answers

    try:
        code = load.code_identity()
    except OSError:
        return None
    try:
        size = repr(os.get_terminal_size(sys.__stdout__.fileno()))  # type: ignore[union-attr]
    except (OSError, ValueError, AttributeError):
        size = "none"
    columns = os.environ.get("COLUMNS", "\0")
    identity = [c.decode("utf-8", "surrogateescape") for c in code]
    return answers.name("help", *identity, sys.version, _installed("typer"), columns, size, *argv)


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


def kept_help(argv: list[str]) -> bytes | None:
    """The help click wrote for `argv` before, if it is kept."""
    from seven_features.store import answers

    entry = _help_entry(argv)
    found = answers.read(entry) if entry else None
    return found[1] if found is not None else None


def keep_help(argv: list[str], text: str) -> None:
    """Keep the help click wrote for `argv`."""
    from seven_features.store import answers

    entry = _help_entry(argv)
    if entry:
        answers.write(entry, [], text.encode("utf-8"))
