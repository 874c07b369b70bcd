"""Ctrl-C held back while a compiled extension is imported.

pydantic's core (Rust, through pyo3) panics with a Rust backtrace, not a Python error,
when an interrupt arrives while it imports. sevenf imports it on a cache miss and for
the full command line; `deferred()` keeps Ctrl-C pending over such an import and then
raises it as the usual KeyboardInterrupt, which the one error boundary turns into 130.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def deferred() -> Iterator[None]:
    """Hold Ctrl-C until the block ends, then raise it (in the main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: pending.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if pending:
        raise KeyboardInterrupt
