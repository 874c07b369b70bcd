"""A fast lane for the hottest queries: the same queries and renderers, without typer.

Importing typer alone takes about 50 ms, five times a bare interpreter's start. A
report writer runs `sevenf feature 3` or `sevenf outcome ... --evidence` dozens of
times, and scripts run `--json` in loops, so these plain forms are answered here.
Anything else -- help, other options, a word out of place, a table on a terminal
(which needs rich anyway) -- returns None and goes to the full command line in
`cli.py`, which gives the same answer (a test holds the two to that).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from . import load, query
from .corpus import Corpus
from .errors import SevenfError
from .output import Format, emit, fail

FORMATS = {f.value: f for f in Format}
Build = Callable[[Corpus, list[str], bool], dict[str, Any]]
HOT: dict[str, tuple[Build, int | None]] = {
    # command: (build the result from corpus, words, --evidence; how many words: None = any)
    "feature": (lambda c, words, _: query.feature(c, words[0]), 1),
    "outcome": (lambda c, words, evidence: query.outcome(c, words[0], evidence), 1),
    "search": (lambda c, words, _: query.search(c, " ".join(words)), None),
}


def run(argv: list[str]) -> int | None:
    """The exit code if `argv` is a plain hot query answered here, else None."""
    if not argv or argv[0] not in HOT:
        return None
    command, args = argv[0], argv[1:]
    build, arity = HOT[command]
    fmt, evidence, words = Format.table, False, []
    while args:
        arg = args.pop(0)
        if arg == "--json":
            fmt = Format.json
        elif arg in ("--format", "-f") and args and args[0] in FORMATS:
            fmt = FORMATS[args.pop(0)]
        elif arg.startswith("--format=") and arg[9:] in FORMATS:
            fmt = FORMATS[arg[9:]]
        elif arg in ("--evidence", "-e") and command == "outcome":
            evidence = True
        elif arg == "--":
            words += args
            break
        elif arg.startswith("-") and arg != "-":
            return None
        else:
            words.append(arg)
    if not words or (arity is not None and len(words) != arity):
        return None
    if fmt is Format.table and sys.stdout.isatty():
        return None
    try:
        result = build(load.read_corpus(load.data_dir(None)), words, evidence)
    except SevenfError as error:
        return fail(str(error), error.exit_code)
    except Exception:  # a bug: the full command line says so in one line (traceback with --debug)
        return None
    emit(result, fmt)
    return 0
