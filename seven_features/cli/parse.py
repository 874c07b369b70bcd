"""The command line without typer: the declarations in `commands.py`, parsed directly.

Importing typer and click costs several times a bare interpreter's start, and a person
at a terminal waits for it on every command. Every form the command table declares
is parsed and run here, on a terminal as well as piped. Only what needs click is left
to `cli.py`, which is built from the same table: help, shell completion, --version,
and any command line that does not parse, so that click names the usage error.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from seven_features.cli.commands import BY_NAME, GLOBAL, OVERVIEW, Command, Param, Value, execute
from seven_features.output import Settings, guarded, write

Parsed = tuple[Command, dict[str, Value], Settings]
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
    data = settings.get("data")
    return (
        command,
        values,
        Settings(
            data if isinstance(data, str) else None,
            bool(settings.get("no_color")),
            bool(settings.get("debug")),
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
    from seven_features.store import answers as kept

    if not kept.asks_for_help(argv):
        return None
    found = kept.kept_help(argv)
    if found is None:
        return None
    return guarded(lambda: write(found), "--debug" in argv)
