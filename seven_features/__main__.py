"""`sevenf` and `python -m seven_features`: the fast path first, then the full command line."""

from __future__ import annotations

import sys


def main() -> None:
    from .cli import run

    run(sys.argv[1:])


if __name__ == "__main__":
    main()
