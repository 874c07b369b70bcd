"""`sevenf` and `python -m seven_features`: the fast path first, then the full command line."""

from __future__ import annotations

import sys


def main() -> None:
    """Run sevenf: `fast.py` answers every command line that parses, `cli.py` the rest."""
    import gc

    # One short run builds thousands of records and frees them at exit: the cycle
    # collector would only walk them again (up to a third of a large query's time).
    gc.disable()
    argv = sys.argv[1:]
    try:
        from .fast import run

        code = run(argv)
        if code is None:
            from .cli import run as run_full

            run_full(argv)
    except KeyboardInterrupt:
        code = 130
    sys.exit(code)


if __name__ == "__main__":
    main()
