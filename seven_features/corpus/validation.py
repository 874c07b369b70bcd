"""Parse and validate the data files: the cold path, run when the cache has no copy.

Every failure becomes one `DataError`. Validation

1. reads each file (`datafiles.read_file`): at most `datafiles.MAX_BYTES`, UTF-8 only (a leading
   BOM is accepted);
2. parses it from YAML *events* into plain data, refusing what sevenf's data never
   needs: tags outside the YAML core set, anchors and aliases, duplicate keys, a
   second document, nesting deeper than `yaml_events.MAX_DEPTH`, more than
   `yaml_events.MAX_NODES` values.
   Nothing is constructed from a tag. Plain scalars follow `yaml_events._RESOLVERS`: only
   `true`/`false`, plain decimal integers and decimals, and `~`/`null`/empty are
   not text, so `no`, `yes`, `on`, `12:30`, `2018-02-27`, `0x1F`, `1_000`, `007`
   and `1e3` stay text. `1.10` is the number 1.1: where the model wants text the
   value is refused, with a hint to quote it;
3. validates the data against the pydantic model (`model.py`), strictly, and
   reports pydantic's first error and how many more there are. Lists longer than
   1,000 items are validated first in part (`validated`), so the model's
   validators must hold for any first part of a list, as they do now;
4. checks what the model alone cannot (`checks.check`): unique ids, references,
   numbering, and that each figure is printed in its finding's statement.

A message names the file as the user gave it, the line where one is known and the
field path as a data editor reads it:
`data/evidence.yaml:412: quotes[3].footnote: footnote 31 does not exist (...)`.
Lines are looked up only after an error, by walking the YAML events again, so a
valid load keeps no path-to-line map. The limits keep validation of any file under
them to about a second (the hostile files in tests/test_load.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from seven_features.corpus.datafiles import FILES, read_file
from seven_features.corpus.yaml_events import Walk
from seven_features.errors import DataError, UsageError
from seven_features.wording import Loc, article, kind_of, listed, render_path, short, spelled

if TYPE_CHECKING:
    from seven_features.corpus.model import Evidence, Framework

# Control characters, which YAML refuses, and U+0085, U+2028 and U+2029, which YAML
# reads as line breaks where an editor shows none: refused, with their line.
_NOT_PRINTABLE = (
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


# --- validation --------------------------------------------------------------------------


def validate(directory: str | Path) -> tuple[Framework, Evidence]:
    """Read, parse and validate both files and check every cross-reference."""
    return validate_files([read_file(str(directory), name) for name in FILES])


def json_schema(which: str) -> dict[str, Any]:
    """The JSON Schema of framework.yaml (`which="framework"`) or evidence.yaml ("evidence")."""
    from pydantic import BaseModel

    from seven_features.corpus.model import Evidence, Framework

    models: dict[str, type[BaseModel]] = {"framework": Framework, "evidence": Evidence}
    if which not in models:
        raise UsageError(f"no schema called {short(which)}: choose 'framework' or 'evidence'")
    schema: dict[str, Any] = models[which].model_json_schema()
    return schema


class DataFile:
    """One data file: the name the user knows it by, its text and its data."""

    def __init__(self, shown: str, data: bytes) -> None:
        self.shown = shown
        self.text = _decode(data, shown)
        walk = Walk(self.text, shown)
        self.data = walk.run()
        self.longest = walk.longest  # items in the longest list
        if not isinstance(self.data, dict):
            what = "no data" if self.data is None else f"a {kind_of(self.data)}"
            raise DataError(f"the file holds {what}: it must be a mapping of keys", shown, 1)

    def fail(self, loc: Loc, message: str, also: Loc | None = None) -> NoReturn:
        """Raise a `DataError` at `loc`, naming the line of `also` when one is given.

        A path with no line of its own (a missing field) takes its nearest ancestor's.
        """
        places = [loc] if also is None else [loc, also]
        walk = Walk(self.text, self.shown, [_present(self.data, at) for at in places])
        walk.run()
        if also is not None:
            message += f" (also at {render_path(also)}, line {walk.lines[1]})"
        raise DataError(message, self.shown, walk.lines[0], render_path(loc))


def validate_files(named: Sequence[tuple[str, bytes]]) -> tuple[Framework, Evidence]:
    import gc

    from seven_features.interrupts import deferred

    with deferred():
        from seven_features.corpus.model import Evidence, Framework

    # The collector would rescan the growing data again and again, for nothing: the
    # data holds no cycles. Pausing it makes large and hostile files ~1.5x quicker.
    paused = gc.isenabled()
    gc.disable()
    try:
        models: list[Any] = []
        files = []
        for (shown, data), model in zip(named, (Framework, Evidence), strict=True):
            files.append(DataFile(shown, data))
            models.append(validated(model, files[-1]))
        framework, evidence = models
        from seven_features.corpus.checks import check

        check(framework, evidence, files[0].fail, files[1].fail)
    finally:
        if paused:
            gc.enable()
    return framework, evidence


def validated(model: Any, file: DataFile) -> Any:
    """`model.model_validate(file.data)`, failing quickly however many records are broken.

    A missing field costs pydantic an error each, so a hostile file of 400,000 empty
    records would cost millions of errors and seconds. A file with a list longer than
    `size` items is first validated with every list cut to its first `size` items,
    then to four times as many, and so on: the problems are found in the part
    validated first, and the count of the others is then "at least".
    """
    from pydantic import ValidationError

    size = 1_000
    while True:
        whole = file.longest <= size
        try:
            found = model.model_validate(file.data if whole else _prefix(file.data, size))
        except ValidationError as error:
            _first_error(file, model, error, whole)
        if whole:
            return found
        size *= 4


def _present(data: Any, loc: Loc) -> Loc:
    """The longest start of `loc` that is a path in `data`."""
    for i, part in enumerate(loc):
        found = (isinstance(data, dict) and part in data) or (
            isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        )
        if not found:
            return loc[:i]
        data = data[part]
    return loc


def _prefix(value: Any, size: int) -> Any:
    """`value` with every list in it cut to its first `size` items."""
    if isinstance(value, dict):
        return {key: _prefix(item, size) for key, item in value.items()}
    if isinstance(value, list):
        return [_prefix(item, size) for item in value[:size]]
    return value


def _first_error(file: DataFile, model: type, error: Any, whole: bool) -> NoReturn:
    """Report the first of pydantic's errors, in words about the YAML, and how many more
    there are. A missing field is reported as the unknown field beside it, if there is
    one: a misspelt key is both, and the misspelling is the one to point at."""
    import json

    # Only the first errors are needed: `errors()` would build every one as Python
    # objects (seconds for a hostile file); the JSON text is ten times quicker.
    text = error.json(include_url=False, include_input=False)
    decoder = json.JSONDecoder()
    first, end = decoder.raw_decode(text, 1)
    for _ in range(20 if first["type"] == "missing" else 0):  # pydantic lists extras last
        if text[end] != ",":
            break
        found, end = decoder.raw_decode(text, end + 1)
        if found["type"] == "extra_forbidden" and found["loc"][:-1] == first["loc"][:-1]:
            first = found
            break
    loc, value = _data_loc(file.data, first["loc"])
    message = _in_words(model, first, value)
    if first["type"] == "union_tag_invalid":
        loc = (*loc, first["ctx"]["discriminator"].strip("'"))
    more = error.error_count() - 1
    if more:
        least = "" if whole else "at least "
        message += f" ({least}{more:,} more {'problem' if more == 1 else 'problems'} in this file)"
    elif not whole:
        message += " (the file may hold more problems)"
    file.fail(loc, message)


#: What a value of each type must be, by pydantic's error type.
_MUST_BE = {
    "int_type": "a whole number",
    "float_type": "a number",
    "string_type": "text",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping ('key: value' lines)",
}


def _in_words(root: type, error: dict[str, Any], value: Any) -> str:
    """One of pydantic's errors as a data editor reads it: what the YAML must be, and the
    value as the YAML spells it; never Python's names for things."""
    import re
    import typing

    from seven_features.corpus.model import PATTERN_WORDS

    kind, ctx, loc = error["type"], error.get("ctx", {}), error["loc"]
    got = f", not {spelled(value)}"
    if kind == "missing":
        return f"required field '{loc[-1]}' is missing from {_noun(_model_at(root, loc[:-1]))[1]}"
    if kind == "extra_forbidden":
        model = _model_at(root, loc[:-1])
        fields = _fields(model)
        message = f"unknown field {spelled(loc[-1])}"
        close = difflib_close(str(loc[-1]), fields)
        if close:
            message += f" (did you mean '{close}'?)"
        return f"{message}; {_noun(model)[0]} has: {', '.join(fields)}"
    if kind in _MUST_BE:
        message = f"must be {_MUST_BE[kind]}{got}"
        if kind == "string_type" and not isinstance(value, list | dict):
            message += " (put it in quotes to keep it as text)"
        return message
    if kind in ("model_type", "model_attributes_type", "union_tag_not_found"):
        model = _model_at(root, loc)
        if kind == "union_tag_not_found" and isinstance(value, dict):
            field = ctx["discriminator"].strip("'")
            tags = [spelled(typing.get_args(m.model_fields[field].annotation)[0]) for m in model]
            return (
                f"required field '{field}' is missing from {_noun(model)[1]}:"
                f" give one of {listed(tags, 'or')}"
            )
        return f"must be {_noun(model)[0]}, a mapping of its fields{got}"
    if kind == "union_tag_invalid":
        tags = re.findall(r"'([^']*)'", ctx["expected_tags"])
        return f"must be {listed([spelled(t) for t in tags], 'or')}, not {spelled(ctx['tag'])}"
    if kind == "string_too_short":
        return "must not be empty" if value == "" else f"must not be empty{got}"
    if kind == "string_too_long":
        return f"must be at most {ctx['max_length']:,} characters{got}"
    if kind == "string_pattern_mismatch":
        return f"must be {PATTERN_WORDS.get(ctx['pattern'], 'text of another form')}{got}"
    if kind == "greater_than_equal":
        return f"must be {ctx['ge']} or more{got}"
    if kind == "literal_error":
        options = re.findall(r"'([^']*)'", ctx["expected"])
        return f"must be {listed([spelled(o) for o in options], 'or')}{got}"
    message = re.sub(r"'([^']{50})[^']{10,}'", r"'\1…'", error["msg"])[:300]
    message = message.removeprefix("Value error, ")  # the model's own validators, in words
    if kind == "value_error":
        return message
    return message.replace("Input should be ", "must be ") + got


def difflib_close(word: str, choices: Sequence[str]) -> str | None:
    """The choice closest to `word`, if one is close."""
    import difflib

    close = difflib.get_close_matches(word, choices, n=1)
    return close[0] if close else None


def _model_at(root: type, loc: Sequence[str | int]) -> Any:
    """The model class that validates the value at pydantic's `loc` (union tags included),
    or the union's classes where the loc ends at a union."""
    import types
    import typing

    from pydantic import BaseModel

    def resolved(annotation: Any) -> Any:
        """An annotation with Annotated and Optional taken off."""
        while True:
            origin = typing.get_origin(annotation)
            if origin is typing.Annotated:
                annotation = typing.get_args(annotation)[0]
            elif origin in (typing.Union, types.UnionType):
                args = [a for a in typing.get_args(annotation) if a is not type(None)]
                if len(args) > 1:
                    return tuple(args)
                annotation = args[0]
            else:
                return annotation

    current: Any = root
    for part in loc:
        if isinstance(current, tuple):  # a tagged union: the part is the tag
            current = next(
                m for m in current if part in typing.get_args(m.model_fields["kind"].annotation)
            )
        elif isinstance(current, type) and issubclass(current, BaseModel):
            current = resolved(current.model_fields[str(part)].annotation)
        else:  # a list's item or a mapping's value
            current = resolved(typing.get_args(current)[-1])
    return current


def _fields(model: Any) -> list[str]:
    """A model's fields as a data editor lists them: its own first, then the shared ones."""
    from pydantic import BaseModel

    assert issubclass(model, BaseModel)
    own = [f for f in model.model_fields if f in vars(model).get("__annotations__", {})]
    return own + [f for f in model.model_fields if f not in own]


def _noun(model: Any) -> tuple[str, str]:
    """What a data editor calls a record of `model`: 'a footnote' and 'this footnote'; of
    a union of models, the word their names end with ('a figure')."""
    import re

    if isinstance(model, tuple):
        name = re.findall("[A-Z][a-z]*", model[0].__name__)[-1]
    else:
        name = model.__name__
    if name in ("Framework", "Evidence", "LocalEvidence"):
        return "the file", "the file"
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower()
    words = "enablers mapping" if words == "enablers" else words
    return f"{article(words)} {words}", f"this {words}"


def _data_loc(data: Any, loc: Sequence[str | int]) -> tuple[Loc, Any]:
    """pydantic's location of an error as a path into the data (no union tags), and the value.

    The value is a list when the path leads nowhere (it is never a scalar then).
    """
    path: list[str | int] = []
    node = data
    for i, part in enumerate(loc):
        if isinstance(node, dict):
            if i < len(loc) - 1 and (part == node.get("kind") or part not in node):
                continue  # the tag of a tagged union (a figure's kind), not a key
            node = node.get(part, [])
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            node = []
        path.append(part)
    return tuple(path), node


def _decode(data: bytes, shown: str) -> str:
    data = data.removeprefix(b"\xef\xbb\xbf")  # a UTF-8 byte-order mark
    if not data.strip():
        raise DataError(
            "the file is empty" if not data else "the file holds only blank lines", shown
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        start = data.rfind(b"\n", 0, error.start) + 1  # the bytes before it on its line are UTF-8
        line = data.count(b"\n", 0, start) + 1
        column = len(data[start : error.start].decode("utf-8")) + 1
        message = f"not UTF-8: byte 0x{data[error.start]:02x} at column {column}; save it as UTF-8"
        raise DataError(message, shown, line) from None
    import re

    bad = re.search(_NOT_PRINTABLE, text)
    if bad:
        start = text.rfind("\n", 0, bad.start()) + 1
        line, column = text.count("\n", 0, start) + 1, bad.start() - start + 1
        what = "line separator" if bad.group() in "\x85\u2028\u2029" else "control character"
        message = f"{what} U+{ord(bad.group()):04X} at column {column}: not allowed in YAML data"
        raise DataError(message, shown, line)
    return text
