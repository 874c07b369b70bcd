"""`sevenf` and `python -m seven_features`: the fast path first, then the full command line."""

from __future__ import annotations

import os
import sys


def main() -> None:
    """Run sevenf: `fast.py` answers every command line that parses, `cli.py` the rest."""
    import gc

    from . import _interrupted_at_start, _signal

    if _signal.getsignal(_signal.SIGINT) is _interrupted_at_start:
        _signal.signal(_signal.SIGINT, _signal.default_int_handler)
    # One short run builds thousands of records and frees them at exit: the cycle
    # collector would only walk them again (up to a third of a large query's time).
    gc.disable()
    argv = sys.argv[1:]
    try:
        from .fast import run

        code = run(argv)
        if code is None:
            from .interrupts import deferred

            with deferred():
                from .cli import run as run_full
            run_full(argv)
    except KeyboardInterrupt:
        code = 130
    # Done: an interrupt now, as the interpreter shuts down, ends it without a traceback.
    _signal.signal(_signal.SIGINT, lambda *_: os._exit(130))
    sys.exit(code)


if __name__ == "__main__":
    main()
