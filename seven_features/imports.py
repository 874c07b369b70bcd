"""Imports that cost nothing at run time, for modules on the command path.

A bare interpreter starts in about 10 ms here, and `typing` alone takes 3 to 5 ms more
to import, `pathlib` and `dataclasses` as much again: a command that imports them
answers a third slower. So the command path imports typing's names for the type checker
alone (`TYPE_CHECKING = False`, then `if TYPE_CHECKING:`, which mypy reads as true), and:

- `overload` and `cast`: typing's own for mypy, no-ops at run time;
- `module(name)`: a module imported when one of its attributes is first read, so the
  command table can name the queries while a kept answer never imports them (with the
  real import under `if TYPE_CHECKING:`, so mypy checks every use).
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import ModuleType
    from typing import cast as cast
    from typing import overload as overload
else:

    def overload(function):
        return function

    def cast(kind, value):
        return value


class _Lazy:
    __slots__ = ("_module", "_name")

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attribute: str) -> object:
        if self._module is None:
            import importlib

            self._module = importlib.import_module(self._name)
        return getattr(self._module, attribute)


def module(name: str) -> ModuleType:
    """The module `name`, imported when one of its attributes is first read."""
    return _Lazy(name)  # type: ignore[return-value]
