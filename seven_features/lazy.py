"""A module imported when it is first used, for the command path.

`query = lazy.module("seven_features.queries.query")` under `if not TYPE_CHECKING` (with
the real import under `if TYPE_CHECKING`, so mypy checks every use) lets the command
table name the queries while a kept answer, which needs none of them, never imports them.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import ModuleType


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
