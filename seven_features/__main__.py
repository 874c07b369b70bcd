"""`sevenf` and `python -m seven_features`: the fast path first, then the full command line.

The command's entry point, and the only module that changes the process: before any
import that takes time, Ctrl-C while sevenf is still being imported ends it as a shell
expects (nothing has started then, so nothing needs undoing). `main()` then raises it
once as KeyboardInterrupt, so that work in progress unwinds (removing temporary files)
into the one error boundary. The C module `_signal` is used because `signal` builds
enums on import, a millisecond of window.
"""

# No `from __future__ import annotations`: that statement imports a module, and Ctrl-C
# while it loads would come before the handler below; annotations of names imported only
# for type checking are quoted instead.
_signal = __import__("_signal")


def _interrupted_at_start(signum: int, frame: object) -> None:
    __import__("os")._exit(130)


if _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler:
    _signal.signal(_signal.SIGINT, _interrupted_at_start)

import os  # noqa: E402 - after the handler, so an interrupt while importing ends quietly
import sys  # noqa: E402

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class _Interrupts:
    """Ctrl-C while sevenf works raises KeyboardInterrupt once, so that what it was doing
    unwinds (a temporary file is removed) into the error boundary, which says 130. Any
    other, a second one or one after the work is done, ends sevenf at once with 130: no
    moment is left where an interrupt could reach the interpreter as a traceback."""

    def __init__(self) -> None:
        self.working, self.raised = True, False

    def __call__(self, signum: int, frame: "Any") -> None:
        if self.raised or not self.working:
            os._exit(130)
        self.raised = True
        raise KeyboardInterrupt


def main() -> None:
    """Run sevenf: `cli/parse.py` answers every command line that parses, `cli/app.py` the rest."""
    import gc

    interrupts = _Interrupts()
    if _signal.getsignal(_signal.SIGINT) in (_interrupted_at_start, _signal.default_int_handler):
        _signal.signal(_signal.SIGINT, interrupts)
    # One short run builds thousands of records and frees them at exit: the cycle
    # collector would only walk them again (up to a third of a large query's time).
    gc.disable()
    argv = sys.argv[1:]
    code: Any = 0
    try:
        try:
            from seven_features.cli.parse import run

            code = run(argv)
            if code is None:
                from seven_features.interrupts import deferred

                with deferred():
                    from seven_features.cli.app import run as run_full
                run_full(argv)
        except SystemExit as stop:
            code = stop.code
        finally:
            interrupts.working = False
    except KeyboardInterrupt:
        code = 130
    _end(code)


def _end(code: "Any") -> None:
    """Exit with `code` once the streams are flushed, without tearing the interpreter
    down: every record a large query built would only be freed one by one (at 100 times
    the data, several ms after the answer is out). Anything odd exits as it always has."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:
        sys.exit(code)  # the interpreter then reports, or ignores, what went wrong
    if code is None or isinstance(code, int):
        os._exit(code or 0)
    sys.exit(code)


if __name__ == "__main__":
    main()
