"""sevenf: the DfE framework 'Seven features of practice and seven outcomes', queryable."""

# First of all, before any import that takes time: Ctrl-C while sevenf is still being
# imported ends it as a shell expects. Nothing has started then, so nothing needs
# undoing. `main()` puts Python's own handler back, so an interrupt during work unwinds
# (removing temporary files) into the one error boundary. The C module `_signal`, as
# `signal` builds enums on import, and `typing` takes a millisecond or two: each a window.
_signal = __import__("_signal")


def _interrupted_at_start(signum: int, frame: object) -> None:
    __import__("os")._exit(130)


if _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler:
    _signal.signal(_signal.SIGINT, _interrupted_at_start)

__version__ = "0.1.0"
