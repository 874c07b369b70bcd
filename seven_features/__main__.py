"""`sevenf` and `python -m seven_features`: the fast path first, then the full command line."""

from __future__ import annotations

import os
import sys
from typing import Any

from seven_features import _interrupted_at_start, _signal


class _Interrupts:
    """Ctrl-C while sevenf works raises KeyboardInterrupt once, so that what it was doing
    unwinds (a temporary file is removed) into the error boundary, which says 130. Any
    other, a second one or one after the work is done, ends sevenf at once with 130: no
    moment is left where an interrupt could reach the interpreter as a traceback."""

    def __init__(self) -> None:
        self.working, self.raised = True, False

    def __call__(self, signum: int, frame: Any) -> None:
        if self.raised or not self.working:
            os._exit(130)
        self.raised = True
        raise KeyboardInterrupt


def main() -> None:
    """Run sevenf: `fast.py` answers every command line that parses, `cli.py` the rest."""
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


def _end(code: Any) -> None:
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
