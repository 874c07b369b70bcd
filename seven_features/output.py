"""Where results and errors go: one `emit()` for every format and destination, one
`guarded()` boundary that turns any failure into one line on stderr and an exit code.

Data goes to stdout (or a file with `-o`), messages to stderr. A view on a terminal is
drawn for its width (`render/terminal.py`, plain ANSI escape codes); piped or redirected,
the same view is plain text with no escape codes.
Colour is off when NO_COLOR is set, TERM is dumb, or --no-color is given.
"""

from __future__ import annotations

import os
import sys

from seven_features.errors import SevenfError, assert_never

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import Any, Literal, NoReturn, Protocol, TextIO, TypeAlias

    from seven_features.queries.citations import Citations
    from seven_features.queries.query import Result
    from seven_features.render.blocks import Spans

    #: Every format a command can write; each command declares those it takes.
    Format: TypeAlias = Literal[
        "table", "json", "markdown", "html", "csv", "text", "bibtex", "ris", "csl-json", "docx"
    ]
    #: A list of results is what several REFs give: one JSON list, or the views in turn.
    Output: TypeAlias = "Result | list[Result] | Citations | Text"

    class Job(Protocol):
        """What a command hands `emit`: how to make its result, and what it depends on."""

        #: Lines for stderr, said once the output is written (kept with a kept answer).
        notes: list[str]

        @property
        def asked(self) -> tuple[str, ...] | None:
            """What the answer depends on besides the data and the terminal (the command
            and its values), or None when it must be made every time."""

        def result(self) -> Output: ...

        def footer(self, fmt: Format) -> Sequence[Spans]: ...

        @property
        def annotated(self) -> bool:
            """Whether sevenf's readings stand inline, where each falls (--annotated)."""

        @property
        def template(self) -> str | None:
            """The Word document a Word file takes its styles from (--template)."""

        def made_from(self, looked_up: str | None) -> str | None: ...

        @property
        def detail(self) -> bool:
            """Whether a terminal shows the view in full (--detail), not its short form."""


PROG = "sevenf"
FORMATS: tuple[Format, ...] = (
    "table",
    "json",
    "markdown",
    "html",
    "csv",
    "text",
    "bibtex",
    "ris",
    "csl-json",
    "docx",
)


class Settings:
    """The global options: where the data is, colour, tracebacks, local evidence files."""

    __slots__ = ("data", "debug", "local", "no_color")

    def __init__(
        self,
        data: str | None = None,
        no_color: bool = False,
        debug: bool = False,
        local: Sequence[str] | None = None,
    ):
        self.data, self.no_color, self.debug = data, no_color, debug
        #: --local FILE, each given; None when none was (then $SEVENF_LOCAL counts).
        self.local = None if local is None else tuple(local)

    def local_files(self) -> tuple[str, ...]:
        """The local evidence files to read: --local, else $SEVENF_LOCAL (paths separated
        as in $PATH), else none."""
        if self.local is not None:
            return self.local
        chosen = os.environ.get("SEVENF_LOCAL", "")
        return tuple(p for p in chosen.split(os.pathsep) if p)


class Text:
    """Output that is already text in its only format (a JSON Schema)."""

    __slots__ = ("body",)

    def __init__(self, body: str) -> None:
        self.body = body


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


def render(
    out: Output,
    fmt: Format,
    *,
    pretty: bool = False,
    footer: Sequence[Spans] = (),
    annotated: bool = False,
) -> str:
    """`out` in `fmt` as text: the one place a format is chosen. An HTML page ends with
    `footer` (the document's licence and attribution); `annotated` lays a view out with
    sevenf's readings inline."""
    if isinstance(out, Text):
        return out.body
    match fmt:
        case "text" | "bibtex" | "ris" | "csl-json":
            from seven_features.render import cite

            writer = {
                "text": cite.to_text,
                "bibtex": cite.to_bibtex,
                "ris": cite.to_ris,
                "csl-json": cite.to_csl_json,
            }[fmt]
            return writer(_as_citations(out))
        case "json":
            return to_json(_as_result(out), pretty=pretty)
        case "table":
            from seven_features.render import text
            from seven_features.render.layout.views import layout_all

            return text.render(layout_all(_as_result(out), annotated))
        case "markdown":
            from seven_features.render import markdown
            from seven_features.render.layout.views import layout_all

            return markdown.render(layout_all(_as_result(out), annotated))
        case "html":
            from seven_features.render import pages

            return pages.page(_as_result(out), footer, annotated=annotated)
        case "csv":
            from seven_features.render import csv

            return csv.render(_as_result(out))
        case "docx":
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

    COLUMNS=0 (or a word) would leave no room to draw anything at all.
    """
    columns = os.environ.get("COLUMNS", "")
    if columns.isascii() and columns.isdigit() and 0 < int(columns) <= 10_000:
        return int(columns)
    try:
        found = os.get_terminal_size((stream or sys.stdout).fileno()).columns
    except (OSError, ValueError, AttributeError):
        found = 0
    return found if 0 < found <= 10_000 else 80


def ansi(out: Output, colour: bool, annotated: bool = False, *, detail: bool = False) -> str:
    """A view drawn for a terminal of this width: styled with escape codes where `colour`,
    else laid out the same with none; in its short form where it has one, unless `detail`."""
    if isinstance(out, Text):
        return out.body
    from seven_features.render import terminal
    from seven_features.render.layout.views import layout_all as layout

    blocks = layout(_as_result(out), annotated, screen=True, detail=detail)
    return terminal.render(blocks, width=terminal_width(), colour=colour)


def emit(job: Job, fmt: Format, settings: Settings, *, path: str | None, force: bool) -> None:
    """Make `job`'s result and write it in `fmt` to stdout, or whole to the file `path`
    (`-` is stdout). What goes to stdout is kept in the cache (`store.answers`) under
    exactly what it depends on, and written from there when asked again; a Word file,
    a file written with `-o` and a job that asks for none (`site`) are made every time."""
    if fmt == "docx":
        _word(job, path, force)
        return
    annotated = job.annotated
    if path is not None and path != "-":
        out = job.result()
        _count(out, fmt, job.notes)
        to_file(path, render(out, fmt, footer=job.footer(fmt), annotated=annotated), force=force)
        return
    on_terminal = terminal()
    drawn = fmt == "table" and on_terminal
    colour = drawn and colour_wanted(settings.no_color, stdout())
    words: tuple[str, ...] = ()
    data = None
    if job.asked is not None:
        from seven_features.corpus import datafiles, load
        from seven_features.store import answers

        directory = datafiles.data_dir(settings.data)
        # The directory too: `validate` names it, and so might a view.
        words = (str(directory), sys.version, *job.asked, fmt, str(on_terminal))
        if drawn:
            words += (str(terminal_width()), str(colour), sys.stdout.encoding or "")
        data = load.content_key(directory)
        kept = answers.read(answers.name(data, *words)) if data else None
        if kept is not None:
            job.notes[:] = kept[0]
            write(kept[1])
            return
    out = _result(job, data, words[:2]) if job.asked is not None else job.result()
    _count(out, fmt, job.notes)
    _last[:] = [out]  # the process ends without freeing it, object by object (ms at 100x)
    text = (
        ansi(out, colour, annotated, detail=job.detail)
        if drawn
        else render(out, fmt, pretty=on_terminal, footer=job.footer(fmt), annotated=annotated)
    )
    payload = text.encode("utf-8")
    if job.asked is not None:
        # Kept under the key of the data the answer was made from: the files may have
        # changed since `data` was looked up.
        made_from = job.made_from(data)
        if made_from:
            answers.write(answers.name(made_from, *words), job.notes, payload)
    write(payload)


def _result(job: Job, data: str | None, where: tuple[str, ...]) -> Output:
    """The job's result: kept in the cache beside its answers, so that the same command
    drawn for a new terminal width, or asked in another format, is laid out again
    without running its query (a search's SQLite, say) afresh."""
    import marshal

    from seven_features.store import answers

    assert job.asked is not None
    words = ("result", *where, *job.asked)
    kept = answers.read(answers.name(data, *words, prefix=answers.RESULT)) if data else None
    if kept is not None:
        try:
            out: Output = marshal.loads(kept[1])
        except (ValueError, EOFError, TypeError):
            pass
        else:
            job.notes[:] = kept[0]
            return out
    out = job.result()
    made_from = job.made_from(data)
    if made_from and isinstance(out, dict | list):
        import contextlib

        with contextlib.suppress(ValueError):  # not marshallable: made afresh each time
            packed = marshal.dumps(out)  # type: ignore[arg-type]  # JSON-ready data
            answers.write(answers.name(made_from, *words, prefix=answers.RESULT), job.notes, packed)
    return out


def _count(out: Output, fmt: Format, notes: list[str]) -> None:
    """For a CSV, a note of how many rows it holds: a count that drops one shows."""
    if fmt == "csv" and not isinstance(out, Text):
        from seven_features.render import csv

        notes.append(csv.summary(_as_result(out)))


#: The last answer's result, held: `__main__` ends the process without freeing anything,
#: and freeing a large result as its last reference went would cost more than a read.
_last: list[object] = []


def show(out: Output, fmt: Format = "table", settings: Settings | None = None) -> None:
    """Write a result that is already made to stdout in `fmt` (tests, and the site's
    callers that have one in hand)."""
    emit(_Ready(out), fmt, settings or Settings(), path=None, force=False)


class _Ready:
    """A job whose result is already made; nothing is kept."""

    def __init__(self, out: Output) -> None:
        self.out = out
        self.notes: list[str] = []

    @property
    def asked(self) -> tuple[str, ...] | None:
        return None

    def result(self) -> Output:
        return self.out

    @property
    def detail(self) -> bool:
        return False

    def footer(self, fmt: Format) -> Sequence[Spans]:
        return ()

    @property
    def annotated(self) -> bool:
        return False

    @property
    def template(self) -> str | None:
        return None

    def made_from(self, looked_up: str | None) -> str | None:
        return looked_up


def _word(job: Job, path: str | None, force: bool) -> None:
    """A Word file: to `path`, or to stdout when that is not a terminal."""
    from seven_features.errors import UsageError

    to_stdout = path in (None, "-")
    if to_stdout and terminal():  # checked first: pandoc need not run for nothing
        raise UsageError("a Word file is not for a terminal: write it with -o FILE.docx")
    out = job.result()
    if isinstance(out, Text):
        raise UsageError("this output is text, not a brief: it cannot be a Word file")
    from seven_features.render.layout.views import layout_all
    from seven_features.render.word import word

    payload = word(layout_all(_as_result(out), job.annotated), template=job.template)
    if to_stdout:
        write(payload)
    else:
        to_file(str(path), payload, force=force)


def to_file(path: str, text: str | bytes, *, force: bool = False) -> None:
    """Write `text` to the file `path` whole or not at all (`store.files.write_output`)."""
    from seven_features.store.files import write_output

    write_output(path, text.encode("utf-8") if isinstance(text, str) else text, force=force)


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
    try:  # noqa: SIM105 - contextlib would be one more import on every run
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


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
