"""One family of errors, each carrying its exit code; `output.guarded` turns them into one line."""

from __future__ import annotations


class SevenfError(Exception):
    """An error the user can act on; its message is one line, most important part last."""

    exit_code = 1


class NotFound(SevenfError):
    """A reference that matches nothing, or more than one thing."""


class DataError(SevenfError):
    """A data file that cannot be read, parsed, validated or cross-referenced."""

    def __init__(
        self, message: str, file: str | None = None, line: int | None = None, path: str = ""
    ) -> None:
        self.file = file
        self.line = line
        self.path = path
        self.problem = message
        where = file or ""
        if file and line is not None:
            where = f"{file}:{line}"
        parts = [p for p in (where, path) if p]
        super().__init__(": ".join([*parts, message]))


class UsageError(SevenfError):
    """Words on the command line that do not fit (click's exit code 2)."""

    exit_code = 2


TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Never, NoReturn


def assert_never(value: Never) -> NoReturn:
    """The end of an exhaustive `match`: a kind it misses is a mypy error (as with
    `typing.assert_never`, without importing `typing` at run time), and at run time a bug."""
    raise AssertionError(f"unhandled value: {value!r}")
