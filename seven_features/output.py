"""Where results and errors go: one `emit()` for every format and destination, one
`guarded()` boundary that turns any failure into one line on stderr and an exit code.

Data goes to stdout (or a file with `-o`), messages to stderr. A table on a terminal is
drawn with rich; piped or redirected, the same view is plain text with no escape codes.
Colour is off when NO_COLOR is set, TERM is dumb, or --no-color is given.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn, TextIO, TypeAlias, assert_never

from seven_features.errors import SevenfError

if TYPE_CHECKING:
    from seven_features.queries.citations import Citations
    from seven_features.queries.query import Result
    from seven_features.render.blocks import Spans

PROG = "sevenf"


class Format(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    html = "html"
    text = "text"
    bibtex = "bibtex"
    ris = "ris"
    csl_json = "csl-json"
    docx = "docx"


class Settings(NamedTuple):
    """The global options: where the data is, colour, tracebacks."""

    data: str | None = None
    no_color: bool = False
    debug: bool = False


class Text(NamedTuple):
    """Output that is already text in its only format (a JSON Schema)."""

    body: str


#: A list of results is what several REFs give: one JSON list, or the views one after another.
Output: TypeAlias = "Result | list[Result] | Citations | Text"


class OutputError(SevenfError):
    """The output cannot be written: a closed stream, a full disk, an encoding."""


# --- rendering -----------------------------------------------------------------------


def colour_wanted(no_color: bool, stream: TextIO) -> bool:
    """Colour only on a terminal, and never with NO_COLOR, TERM=dumb or --no-color."""
    if no_color or "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb":
        return False
    return stream.isatty()


def to_json(result: object, *, pretty: bool = True) -> str:
    """The result as JSON; C1 and bidirectional controls escaped as well as C0.

    Compact JSON (`pretty=False`) goes through the C encoder, several times faster
    on large results: sevenf writes it when stdout is not a terminal.
    """
    import json

    from seven_features.render.blocks import clean

    # json escapes C0 controls itself; clean() writes the rest as the same \\uXXXX escapes.
    text = json.dumps(result, ensure_ascii=False, indent=2 if pretty else None, allow_nan=False)
    return clean(text) + "\n"


def render(out: Output, fmt: Format, *, pretty: bool = False, footer: Sequence[Spans] = ()) -> str:
    """`out` in `fmt` as text: the one place a format is chosen. An HTML page ends with
    `footer` (the document's licence and attribution: `Args.licence`)."""
    if isinstance(out, Text):
        return out.body
    match fmt:
        case Format.text | Format.bibtex | Format.ris | Format.csl_json:
            from seven_features.render import cite

            writer = {
                Format.text: cite.to_text,
                Format.bibtex: cite.to_bibtex,
                Format.ris: cite.to_ris,
                Format.csl_json: cite.to_csl_json,
            }[fmt]
            return writer(_as_citations(out))
        case Format.json:
            return to_json(_as_result(out), pretty=pretty)
        case Format.table | Format.markdown:
            from seven_features.render import markdown, text
            from seven_features.render.layout.views import layout_all

            blocks = layout_all(_as_result(out))
            return text.render(blocks) if fmt is Format.table else markdown.render(blocks)
        case Format.html:
            from seven_features.render import pages

            return pages.page(_as_result(out), footer)
        case Format.docx:
            raise AssertionError(fmt)  # bytes, not text: `emit` writes it through pandoc
        case _:
            assert_never(fmt)


def _as_citations(out: Result | list[Result] | Citations) -> Citations:
    if isinstance(out, list) or "entries" not in out:
        raise SevenfError("citation formats are for 'sevenf cite'")
    return out  # type: ignore[return-value]


def _as_result(out: Result | list[Result] | Citations) -> Result | list[Result]:
    if isinstance(out, list):
        return out
    if "view" not in out:
        raise SevenfError("this output has no view to lay out")
    return out  # type: ignore[return-value]


def terminal_width(stream: TextIO | None = None) -> int:
    """The terminal's width: COLUMNS when it is a positive number, else the terminal's, else 80.

    COLUMNS=0 (or a word) would have rich draw nothing at all.
    """
    columns = os.environ.get("COLUMNS", "")
    if columns.isascii() and columns.isdigit() and 0 < int(columns) <= 10_000:
        return int(columns)
    try:
        found = os.get_terminal_size((stream or sys.stdout).fileno()).columns
    except (OSError, ValueError, AttributeError):
        found = 0
    return found if 0 < found <= 10_000 else 80


def ansi(out: Output, colour: bool) -> str:
    """A view as rich draws it on a terminal of this width, escape codes included."""
    from io import StringIO

    from rich.console import Console

    from seven_features.render import terminal
    from seven_features.render.layout.views import layout_all as layout

    buffer = StringIO()
    console = Console(
        file=buffer,
        force_terminal=True,
        width=terminal_width(),
        no_color=not colour,
        highlight=False,
        emoji=False,
        markup=False,
        color_system="auto" if colour else None,
    )
    if isinstance(out, Text):
        return out.body
    console.print(terminal.render(layout(_as_result(out))))
    return buffer.getvalue()


def emit(
    out: Output,
    fmt: Format,
    settings: Settings | None = None,
    path: str | None = None,
    force: bool = False,
    footer: Sequence[Spans] = (),
) -> None:
    """Write `out` in `fmt` to stdout, or whole to the file `path` (`-` is stdout); an HTML
    page ends with `footer`."""
    settings = settings or Settings()
    if fmt is Format.docx:
        _word(out, path, force)
        return
    if path is not None and path != "-":
        from seven_features.render.word import to_file

        to_file(path, render(out, fmt, footer=footer), force=force)
        return
    on_terminal = terminal()
    if fmt is Format.table and on_terminal:
        write(ansi(out, colour_wanted(settings.no_color, stdout())))
    else:
        write(render(out, fmt, pretty=on_terminal, footer=footer))


def _word(out: Output, path: str | None, force: bool) -> None:
    """A Word file: to `path`, or to stdout when that is not a terminal."""
    from seven_features.errors import UsageError
    from seven_features.render.layout.views import layout_all
    from seven_features.render.word import to_file, word

    to_stdout = path in (None, "-")
    if to_stdout and terminal():  # checked first: pandoc need not run for nothing
        raise UsageError("a Word file is not for a terminal: write it with -o FILE.docx")
    if isinstance(out, Text):
        raise UsageError("this output is text, not a brief: it cannot be a Word file")
    payload = word(layout_all(_as_result(out)))
    if to_stdout:
        write(payload)
    else:
        to_file(str(path), payload, force=force)


def terminal() -> bool:
    """Whether stdout is a terminal (a closed stdout is an `OutputError`)."""
    return stdout().isatty()


# --- writing -------------------------------------------------------------------------


def stdout() -> TextIO:
    """sys.stdout, or an `OutputError` when sevenf was started with it closed."""
    if sys.stdout is None:  # started with descriptor 1 closed
        raise OutputError("standard output is closed, so there is nowhere to write the output")
    return sys.stdout


def write(text: str | bytes) -> None:
    """`text` to stdout as UTF-8 bytes, whatever the locale (so RIS keeps its CRLF), all of it.

    A non-blocking stdout is waited on rather than cut short; a reader that has gone
    ends sevenf with 141; any other failure is one `OutputError`.
    """
    stream = stdout()
    payload = text.encode("utf-8") if isinstance(text, str) else text
    try:
        stream.flush()
        buffer = stream.buffer
        view = memoryview(payload)
        while view:
            # A buffered stream takes everything or raises; an unbuffered one (python -u)
            # may take part, or nothing (None) when a non-blocking pipe is full.
            try:
                taken = buffer.write(view)
            except BlockingIOError as error:
                taken = error.characters_written
            view = view[taken or 0 :]
            if view:
                _wait(stream)
        while True:
            try:
                buffer.flush()
                break
            except BlockingIOError:
                _wait(stream)
    except BrokenPipeError:
        _reader_gone()
    except (OSError, ValueError) as error:
        abandon()
        raise OutputError(f"cannot write the output: {describe(error)}") from None


def _wait(stream: TextIO) -> None:
    """Block until a non-blocking stdout can take more."""
    import select

    select.select([], [stream.fileno()], [], 5.0)


def describe(error: OSError | ValueError) -> str:
    """Why a write failed, in words: 'no space left on device'."""
    import errno

    if isinstance(error, ValueError) or getattr(error, "errno", None) == errno.EBADF:
        return "standard output is closed"
    return (error.strerror or type(error).__name__).lower()


def abandon() -> None:
    """Point stdout at /dev/null: what could not be written is not tried again at exit
    (where the interpreter would fail to flush it and exit with 120)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _reader_gone() -> NoReturn:
    # `sevenf ... | head -1`: nothing more to say, and nothing left to flush at exit.
    abandon()
    raise SystemExit(141) from None


def note(message: str) -> None:
    """A message that is not an error: one line on stderr."""
    _say("note", message)


def fail(message: str, code: int) -> int:
    """Write one line to stderr and return the exit code to leave with."""
    _say("error", message)
    return code


def _say(what: str, message: str) -> None:
    from seven_features.render.blocks import oneline

    line = f"{PROG}: {what}: {oneline(message).strip()}\n"
    try:
        sys.stderr.buffer.write(line.encode("utf-8", "backslashreplace"))
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass  # stderr closed too: the exit code is all that is left


# --- the one error boundary ------------------------------------------------------------


def guarded(body: Callable[[], Any], debug: bool | Callable[[], bool]) -> int:
    """Run `body`; every failure becomes one line on stderr and its exit code.

    1 for a not-found, bad data or an output that cannot be written, 2 for bad usage,
    130 after Ctrl-C, 141 when the reader of a pipe has gone; anything else is a bug,
    said so in one line (the traceback with --debug). `debug` may be asked only when a
    failure comes: whether --debug was given is known once the command line is parsed.
    """
    try:
        body()
        return 0
    except SevenfError as error:
        if debug() if callable(debug) else debug:
            raise
        return fail(str(error), error.exit_code)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _reader_gone()
    except Exception as error:
        if debug() if callable(debug) else debug:
            raise
        return fail(
            f"internal error ({type(error).__name__}: {error}); please report it, "
            "and run again with --debug for the traceback",
            1,
        )
