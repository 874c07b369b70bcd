"""Plain data from the YAML events of a text, refusing what sevenf's data never needs.

Tags outside the YAML core set, anchors and aliases, duplicate keys, a second
document, nesting deeper than `MAX_DEPTH` and more than `MAX_NODES` values are
refused at their line; nothing is constructed from a tag; plain scalars follow
`_RESOLVERS`, so YAML 1.1 surprises (`no`, `12:30`, dates) stay text.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache as _once
from typing import Any, NoReturn

from seven_features.errors import DataError
from seven_features.wording import CORE_TAGS, Loc, render_path, short, written_tag

#: Scalars, lists and mappings per file: 2.5 times a synthetic 100x copy.
MAX_NODES = 400_000
#: Lists and mappings nested in each other; the data needs fewer than ten.
MAX_DEPTH = 64


_STR, _INT, _FLOAT, _BOOL, _NULL, _SEQ, _MAP = (
    CORE_TAGS + name for name in ("str", "int", "float", "bool", "null", "seq", "map")
)
#: How a plain (unquoted) scalar is read; one matching none of these is text.
_RESOLVERS = (
    (_BOOL, r"(?:true|false)\Z"),
    (_INT, r"-?(?:0|[1-9][0-9]{0,17})\Z"),
    (_FLOAT, r"-?(?:0|[1-9][0-9]*)\.[0-9]+\Z"),
    (_NULL, r"(?:~|null|)\Z"),
)
_TYPES: dict[str, type] = {_BOOL: bool, _INT: int, _FLOAT: float, _NULL: type(None)}


@_once
def loader_class() -> type:
    """A safe loader whose resolvers are `_RESOLVERS` and which constructs nothing."""
    import re

    import yaml

    base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present

    class Loader(base):  # type: ignore[misc]
        yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012 (PyYAML's own protocol)
        yaml_constructors: dict[Any, Any] = {}  # noqa: RUF012
        yaml_multi_constructors: dict[Any, Any] = {}  # noqa: RUF012

    for tag, pattern in _RESOLVERS:
        Loader.add_implicit_resolver(tag, re.compile(pattern), None)
    return Loader


@_once
def _resolver() -> Any:
    import re

    return re.compile("|".join(f"({pattern})" for _, pattern in _RESOLVERS)).match


def plain(value: str) -> Any:
    """A plain scalar's value, as the loader's resolvers read it (one regex, for speed)."""
    match = _resolver()(value)
    if match is None:
        return value
    tag = _RESOLVERS[match.lastindex - 1][0]
    if tag == _BOOL:
        return value == "true"
    return None if tag == _NULL else int(value) if tag == _INT else float(value)


class _Frame:
    """An open list or mapping, and where in it the walk is."""

    __slots__ = ("container", "is_list", "keys", "slot", "want_key")

    def __init__(self, container: dict[str, Any] | list[Any]) -> None:
        self.container = container
        self.is_list = type(container) is list
        self.slot: str | int = 0  # the current key or index
        self.want_key = not self.is_list
        self.keys: dict[str, int] = {}  # key -> line


def _line(event: Any) -> int:
    return int(event.start_mark.line) + 1


class _Found(Exception):
    """Every target path of a `Walk` has its line."""


#: What to do about the YAML problems a person editing data by hand meets most.
_HINTS = (
    ("mapping values are not allowed", " (text holding ': ' must be put in quotes)"),
    ("tab character", " (indent with spaces, not tabs)"),
    ("found character '\\t'", " (indent with spaces, not tabs)"),
    ("could not find expected ':'", " (a value continued on the next line must be indented)"),
    ("did not find expected key", " (a value that starts with a quote must end with one)"),
)


def _indented_by_tab(text: str, line: int) -> bool:
    """Whether line `line` (from 1) of `text` is indented with a tab."""
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return False
    found = lines[line - 1]
    return "\t" in found[: len(found) - len(found.lstrip())]


class Walk:
    """Plain data (dict, list, str, int, float, bool, None) from the YAML events of a text.

    Events rather than composed nodes: an alias is refused at its own line before
    anything is expanded (an alias bomb costs nothing), and no recursion is needed
    (no nesting can exhaust the stack). With `targets` (paths present in the data),
    the walk notes in `lines` the line of each, stopping once all are found: a
    mapping entry's line is its key's, a list item's is where the item starts.
    """

    def __init__(self, text: str, shown: str, targets: Sequence[Loc] = ()) -> None:
        self.text = text
        self.shown = shown
        self.targets = targets
        self.lines = [1] * len(targets)
        self.done = [False] * len(targets)
        self.stack: list[_Frame] = []
        self.longest = 0

    def run(self) -> Any:
        import yaml

        scalar, sequence, mapping = (
            yaml.ScalarEvent,
            yaml.SequenceStartEvent,
            yaml.MappingStartEvent,
        )
        stack, targets, special, limit = self.stack, self.targets, _resolver(), MAX_NODES
        root: Any = None
        nodes = documents = 0
        loader = loader_class()(self.text)
        try:
            while True:
                event = loader.get_event()
                kind = type(event)
                if kind is not scalar and kind is not sequence and kind is not mapping:
                    if kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
                        ended = stack.pop()
                        if ended.is_list and len(ended.container) > self.longest:
                            self.longest = len(ended.container)
                    elif kind is yaml.StreamEndEvent:
                        return root
                    else:
                        documents += kind is yaml.DocumentStartEvent
                        self.other(event, documents)
                    continue
                nodes += 1
                if nodes > limit:
                    self.fail(event, f"more than {limit:,} values: the file is too large", ())
                if event.anchor is not None:
                    anchor = short(f"&{event.anchor}")
                    self.fail(event, f"anchor {anchor}: sevenf's data has none; write values out")
                frame = stack[-1] if stack else None
                if frame is not None and frame.want_key:
                    self.key(frame, event)
                    continue
                if frame is not None and frame.is_list:
                    frame.slot = len(frame.container)
                if targets and (frame is None or frame.is_list):
                    self.seen(event)
                value: Any
                if kind is scalar:
                    value = event.value
                    if event.tag is not None:
                        value = self.tagged(event)
                    elif event.implicit[0] and special(value):  # plain, and maybe not text
                        value = plain(value)
                else:
                    self.container(event)
                    value = [] if kind is sequence else {}
                    stack.append(_Frame(value))
                if frame is None:
                    root = value
                elif frame.is_list:
                    frame.container.append(value)  # type: ignore[union-attr]
                else:
                    frame.container[frame.slot] = value  # type: ignore[index]
                    frame.want_key = True
        except _Found:
            return root
        except yaml.MarkedYAMLError as error:
            mark, context = error.problem_mark or error.context_mark, error.context_mark
            problem = error.problem or error.context or "unreadable"
            if error.problem and error.context:
                start = f" from line {context.line + 1}" if context else ""
                problem += f" ({error.context}{start})"
            line = mark.line + 1 if mark else None
            hint = next((h for said, h in _HINTS if said in problem), "")
            if not hint and line is not None and _indented_by_tab(self.text, line):
                hint = " (indent with spaces, not tabs)"
            raise DataError(f"not valid YAML: {problem[:200]}{hint}", self.shown, line) from None
        except yaml.YAMLError as error:
            raise DataError(f"not valid YAML: {str(error)[:200]}", self.shown) from None
        except RecursionError:  # not expected from a walk of events: a safety net
            raise DataError("lists and mappings are nested too deep", self.shown) from None
        finally:
            loader.dispose()

    def other(self, event: Any, documents: int) -> None:
        import yaml

        if type(event) is yaml.AliasEvent:
            alias = short(f"*{event.anchor}")
            self.fail(event, f"alias {alias}: sevenf's data has none; write values out")
        if documents > 1:
            self.fail(event, "a second YAML document: a data file holds one", ())

    def key(self, frame: _Frame, event: Any) -> None:
        import yaml

        # A key is text, whatever it looks like: the model's keys are all names.
        if type(event) is not yaml.ScalarEvent or event.tag not in (None, _STR):
            self.fail(event, "a key must be plain text", self.path()[:-1])
        key: str = event.value
        line = _line(event)
        if key in frame.keys:
            at = (*self.path()[:-1], key)
            first = frame.keys[key]
            self.fail(event, f"key {short(key)} appears twice, at lines {first} and {line}", at)
        frame.keys[key] = line
        frame.slot, frame.want_key = key, False
        if self.targets:
            self.seen(event)

    def tagged(self, event: Any) -> Any:
        """An explicitly tagged scalar: a core tag, and a value that fits it."""
        value: str = event.value
        tag = event.tag
        if tag == _STR:
            return value
        if tag not in _TYPES:
            self.fail(event, f"tag {written_tag(tag)}: sevenf's data has no tags")
        typed = plain(value)
        if type(typed) is not _TYPES[tag]:
            self.fail(event, f"{short(value)} does not fit its tag {written_tag(tag)}")
        return typed

    def container(self, event: Any) -> None:
        """Refuse a list or mapping nested too deep or tagged."""
        import yaml

        if len(self.stack) >= MAX_DEPTH:
            self.fail(event, f"lists and mappings are nested more than {MAX_DEPTH} deep", ())
        core = _SEQ if type(event) is yaml.SequenceStartEvent else _MAP
        if event.tag is not None and event.tag != core:
            self.fail(event, f"tag {written_tag(event.tag)}: sevenf's data has no tags")

    def path(self) -> Loc:
        return tuple(frame.slot for frame in self.stack)

    def seen(self, event: Any) -> None:
        """Note the line of each target at this path; stop when all have theirs."""
        at = self.path()
        for i, target in enumerate(self.targets):
            if at == target:
                self.lines[i], self.done[i] = _line(event), True
        if all(self.done):
            raise _Found

    def fail(self, event: Any, message: str, at: Loc | None = None) -> NoReturn:
        where = render_path(self.path() if at is None else at)
        raise DataError(message, self.shown, _line(event), where)
