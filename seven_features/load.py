"""Find, read and validate the data files; every failure becomes one `DataError`.

The hot path is `read_corpus`: it hashes the two files' bytes (and this code's
source) and, on a cache hit, returns a `Corpus` without importing yaml or pydantic.
On a miss it validates, which

1. reads each file: at most `MAX_BYTES`, UTF-8 only (a leading BOM is accepted);
2. parses it from YAML *events* into plain data, refusing what sevenf's data never
   needs: tags outside the YAML core set, anchors and aliases, duplicate keys, a
   second document, nesting deeper than `MAX_DEPTH`, more than `MAX_NODES` values.
   Nothing is constructed from a tag. Plain scalars follow `_RESOLVERS`: only
   `true`/`false`, plain decimal integers and decimals, and `~`/`null`/empty are
   not text, so `no`, `yes`, `on`, `12:30`, `2018-02-27`, `0x1F`, `1_000`, `007`
   and `1e3` stay text. `1.10` is the number 1.1: where the model wants text the
   value is refused, with a hint to quote it;
3. validates the data against the pydantic model (`model.py`), strictly, and
   reports pydantic's first error and how many more there are. Lists longer than
   1,000 items are validated first in part (`_model_validate`), so the model's
   validators must hold for any first part of a list, as they do now;
4. checks what the model alone cannot (`_check`): unique ids, references,
   numbering, and that each figure is printed in its finding's statement.

A message names the file as the user gave it, the line where one is known and the
field path as a data editor reads it:
`data/evidence.yaml:412: quotes[3].footnote: footnote 31 does not exist (...)`.
Lines are looked up only after an error, by walking the YAML events again, so a
valid load keeps no path-to-line map. The limits keep validation of any file under
them to about a second (the hostile files in tests/test_load.py).

Keep heavy imports (yaml, pydantic, the model) inside the functions that need them.
"""

from __future__ import annotations

import marshal
import os
import stat
import zlib
from collections.abc import Callable, Collection, Sequence
from functools import cache as _once
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from seven_features import cache
from seven_features.corpus import Corpus, pack
from seven_features.errors import DataError, UsageError

if TYPE_CHECKING:
    from seven_features.model import Evidence, Framework

FILES = ("framework.yaml", "evidence.yaml")
#: Bytes per file. The real data is well under 1 MB; a synthetic 100x copy is about 5 MB.
MAX_BYTES = 16 * 1024 * 1024
#: Scalars, lists and mappings per file: 2.5 times a synthetic 100x copy.
MAX_NODES = 400_000
#: Lists and mappings nested in each other; the data needs fewer than ten.
MAX_DEPTH = 64
#: Characters of statement read, per file, checking that figures are printed in them.
MAX_SCAN = 20_000_000
#: Part of the cache key: change it when the shape of a cache entry changes.
FORMAT = b"sevenf-corpus-2"
#: How many validated copies of data the cache keeps (one per data directory and version).
KEEP_ENTRIES = 8

Loc = tuple[str | int, ...]
Fail = Callable[..., NoReturn]

_CORE = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL, _SEQ, _MAP = (
    _CORE + name for name in ("str", "int", "float", "bool", "null", "seq", "map")
)
#: How a plain (unquoted) scalar is read; one matching none of these is text.
_RESOLVERS = (
    (_BOOL, r"(?:true|false)\Z"),
    (_INT, r"-?(?:0|[1-9][0-9]{0,17})\Z"),
    (_FLOAT, r"-?(?:0|[1-9][0-9]*)\.[0-9]+\Z"),
    (_NULL, r"(?:~|null|)\Z"),
)
_TYPES: dict[str, type] = {_BOOL: bool, _INT: int, _FLOAT: float, _NULL: type(None)}
# Control characters, which YAML refuses, and U+0085, U+2028 and U+2029, which YAML
# reads as line breaks where an editor shows none: refused, with their line.
_NOT_PRINTABLE = (
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


# --- finding the data ------------------------------------------------------------------


def data_dir(option: str | None = None) -> Path:
    """The data directory: `option`, else $SEVENF_DATA, else the data installed with sevenf."""
    if option is not None:
        return _checked_dir(option, "given on the command line")
    chosen = os.environ.get("SEVENF_DATA")
    if chosen:
        return _checked_dir(chosen, "from $SEVENF_DATA")
    return _checked_dir(_packaged_dir(), "installed with sevenf")


def _packaged_dir() -> str:
    """The data installed inside the package, or in a source checkout its data/ directory.

    A wheel puts data/ at seven_features/data/. An editable install cannot map a
    subpackage that lives outside its parent's folder, so there the checkout's own
    data/ (beside seven_features/) is used.
    """
    package = Path(__file__).resolve().parent
    for place in (package / "data", package.parent / "data"):
        if (place / FILES[0]).is_file():
            return str(place)
    raise DataError("the data installed with sevenf cannot be found: reinstall sevenf")


def _checked_dir(text: str, how: str) -> Path:
    what = f"the data directory {how}"
    if not text:
        raise DataError(f"{what} is an empty path")
    try:
        mode = os.stat(text).st_mode
    except FileNotFoundError:
        raise DataError(f"{what} does not exist", text) from None
    except OSError as error:
        raise DataError(f"{what} cannot be read: {_reason(error)}", text) from None
    if not stat.S_ISDIR(mode):
        raise DataError(f"{what} is not a directory", text)
    if not os.access(text, os.R_OK | os.X_OK):
        raise DataError(f"{what} cannot be read: permission denied", text)
    return Path(text)


# --- the hot path: the cache -------------------------------------------------------------


def read_corpus(directory: Path) -> Corpus:
    """The validated data in `directory`; from the cache when the files and sevenf are unchanged."""
    memo = _memo_name(directory)
    remembered = (cache.read(memo) or b"").decode("ascii", "replace") if memo else ""
    corpus = _cached(remembered)
    if corpus is not None:
        return corpus
    named = [_read_file(directory, name) for name in FILES]
    entry = _entry_name([data for _, data in named])
    corpus = _cached(entry)
    if corpus is None:
        # Validate the very bytes that were hashed, so an entry never outlives its file.
        framework, evidence = _validate(named)
        raw = {
            "framework": framework.model_dump(mode="json"),
            "evidence": evidence.model_dump(mode="json"),
        }
        packed = pack(raw)
        corpus = Corpus.unpack(packed, key=entry)
        if entry:
            cache.write(entry, _pack(packed))
            # A new entry means the data or sevenf changed: old entries only take space.
            cache.prune("corpus-", keep=KEEP_ENTRIES)
            cache.prune("memo-", keep=4 * KEEP_ENTRIES)
    if memo and entry and _settled(directory):
        cache.write(memo, entry.encode("ascii"))
    return corpus


def _cached(entry: str | None) -> Corpus | None:
    """The corpus in cache entry `entry`; None when absent, damaged or of the wrong shape."""
    if not entry or not entry.startswith("corpus-"):
        return None
    raw = _unpack(cache.read(entry))
    if raw is None:
        return None
    try:
        return Corpus.unpack(raw, key=entry)
    except (KeyError, TypeError, AttributeError, ValueError):
        return None  # an intact entry of the wrong shape: validate afresh


# Reading and hashing the data files costs a few ms at 100 times the real data, so a
# small memo maps the files' exact identity (path, size, inode, mtime and ctime in ns)
# to the content key found for them. Any write or replacement changes that identity.
# Like git's index, a file modified in the last two seconds is not memoised, so a
# file system with coarse timestamps cannot hide a second write within one tick.
_SETTLE_NS = 2_000_000_000


def _identity(path: Path) -> bytes:
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise OSError("not a regular file")
    fields = (path, st.st_size, st.st_ino, st.st_dev, st.st_mtime_ns, st.st_ctime_ns)
    return "\0".join(map(str, fields)).encode()


def _memo_name(directory: Path) -> str | None:
    here = Path(__file__).resolve()
    try:
        files = [directory.resolve() / name for name in FILES] + [here.parent / "model.py", here]
        return f"memo-{cache.key(FORMAT, *(_identity(f) for f in files))}"
    except (OSError, RuntimeError):
        return None


def _settled(directory: Path) -> bool:
    import time

    try:
        newest = max(os.stat(directory / name).st_mtime_ns for name in FILES)
    except OSError:
        return False
    return time.time_ns() - newest > _SETTLE_NS


def _entry_name(blobs: Sequence[bytes]) -> str | None:
    here = Path(__file__)
    try:
        code = [(here.parent / "model.py").read_bytes(), here.read_bytes()]
    except OSError:
        return None  # without the code in the key, an entry could outlive a fix
    return f"corpus-{cache.key(FORMAT, *code, *blobs)}"


def _pack(raw: dict[str, Any]) -> bytes:
    payload = marshal.dumps(raw)
    return zlib.crc32(payload).to_bytes(4, "little") + payload


def _unpack(entry: bytes | None) -> dict[str, Any] | None:
    """The entry's data; None when it is absent, damaged or not the expected shape."""
    if entry is None:
        return None
    # A checksum against damage (a cut-short or bit-flipped file), not against tampering:
    # the cache directory is the user's own.
    digest, payload = entry[:4], entry[4:]
    if zlib.crc32(payload).to_bytes(4, "little") != digest:
        return None
    try:
        raw = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None
    shaped = isinstance(raw, dict) and all(
        isinstance(raw.get(k), dict) for k in ("framework", "sources", "footnotes", "index")
    )
    return raw if shaped else None


# --- validation --------------------------------------------------------------------------


def validate(directory: Path) -> tuple[Framework, Evidence]:
    """Read, parse and validate both files and check every cross-reference."""
    return _validate([_read_file(directory, name) for name in FILES])


def json_schema(which: str) -> dict[str, Any]:
    """The JSON Schema of framework.yaml (`which="framework"`) or evidence.yaml ("evidence")."""
    from pydantic import BaseModel

    from seven_features.model import Evidence, Framework

    models: dict[str, type[BaseModel]] = {"framework": Framework, "evidence": Evidence}
    if which not in models:
        raise UsageError(f"no schema called {_short(which)}: choose 'framework' or 'evidence'")
    schema: dict[str, Any] = models[which].model_json_schema()
    return schema


class _File:
    """One data file: the name the user knows it by, its text and its data."""

    def __init__(self, shown: str, data: bytes) -> None:
        self.shown = shown
        self.text = _decode(data, shown)
        walk = _Walk(self.text, shown)
        self.data = walk.run()
        self.longest = walk.longest  # items in the longest list
        if not isinstance(self.data, dict):
            what = "no data" if self.data is None else f"a {_kind(self.data)}"
            raise DataError(f"the file holds {what}: it must be a mapping of keys", shown, 1)

    def fail(self, loc: Loc, message: str, also: Loc | None = None) -> NoReturn:
        """Raise a `DataError` at `loc`, naming the line of `also` when one is given.

        A path with no line of its own (a missing field) takes its nearest ancestor's.
        """
        places = [loc] if also is None else [loc, also]
        walk = _Walk(self.text, self.shown, [_present(self.data, at) for at in places])
        walk.run()
        if also is not None:
            message += f" (also at {_render(also)}, line {walk.lines[1]})"
        raise DataError(message, self.shown, walk.lines[0], _render(loc))


def _validate(named: Sequence[tuple[str, bytes]]) -> tuple[Framework, Evidence]:
    import gc

    from seven_features.model import Evidence, Framework

    # The collector would rescan the growing data again and again, for nothing: the
    # data holds no cycles. Pausing it makes large and hostile files ~1.5x quicker.
    paused = gc.isenabled()
    gc.disable()
    try:
        models: list[Any] = []
        files = []
        for (shown, data), model in zip(named, (Framework, Evidence), strict=True):
            files.append(_File(shown, data))
            models.append(_model_validate(model, files[-1]))
        framework, evidence = models
        _check(framework, evidence, files[0].fail, files[1].fail)
    finally:
        if paused:
            gc.enable()
    return framework, evidence


def _model_validate(model: Any, file: _File) -> Any:
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
            validated = model.model_validate(file.data if whole else _prefix(file.data, size))
        except ValidationError as error:
            _first_error(file, error, whole)
        if whole:
            return validated
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


def _first_error(file: _File, error: Any, whole: bool) -> NoReturn:
    """Report the first of pydantic's errors and how many more there are."""
    import json
    import re

    # Only the first error is needed: `errors()` would build every one as Python
    # objects (seconds for a hostile file); the JSON text is ten times quicker.
    text = error.json(include_url=False, include_context=False, include_input=False)
    first = json.JSONDecoder().raw_decode(text, 1)[0]
    loc, value = _data_loc(file.data, first["loc"])
    message = re.sub(r"'([^']{50})[^']{10,}'", r"'\1…'", first["msg"])[:300]
    message = message.removeprefix("Value error, ")
    if first["type"] not in ("missing", "extra_forbidden") and isinstance(
        value, str | int | float | None
    ):
        message += f", got {_short(value)}"
        if first["type"] == "string_type":
            message += " (put it in quotes to keep it as text)"
    more = error.error_count() - 1
    if more:
        least = "" if whole else "at least "
        message += f" ({least}{more:,} more {'problem' if more == 1 else 'problems'} in this file)"
    elif not whole:
        message += " (the file may hold more problems)"
    file.fail(loc, message)


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


# --- reading -----------------------------------------------------------------------------


def _read_file(directory: Path, name: str) -> tuple[str, bytes]:
    shown = str(directory / name)
    try:
        info = os.stat(shown)
        if stat.S_ISDIR(info.st_mode):
            raise DataError("is a directory, not a file", shown)
        if not stat.S_ISREG(info.st_mode):
            raise DataError("is not a regular file", shown)
        if info.st_size > MAX_BYTES:
            raise DataError(_too_big(info.st_size), shown)
        with open(shown, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        both = " and ".join(FILES)
        raise DataError(f"no such file: a data directory holds {both}", shown) from None
    except OSError as error:
        raise DataError(f"cannot be read: {_reason(error)}", shown) from None
    if len(data) > MAX_BYTES:  # it grew after the size was checked
        raise DataError(_too_big(len(data)), shown)
    return shown, data


def _too_big(size: int) -> str:
    return f"the file is {size:,} bytes, over the limit of {MAX_BYTES:,} ({MAX_BYTES >> 20} MiB)"


def _reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    return (error.strerror or type(error).__name__).lower()


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


# --- parsing -----------------------------------------------------------------------------


@_once
def _loader_class() -> type:
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


def _plain(value: str) -> Any:
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
    """Every target path of a `_Walk` has its line."""


class _Walk:
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
        stack, targets, plain, limit = self.stack, self.targets, _resolver(), MAX_NODES
        root: Any = None
        nodes = documents = 0
        loader = _loader_class()(self.text)
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
                    anchor = _short(f"&{event.anchor}")
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
                    elif event.implicit[0] and plain(value):  # plain, and maybe not text
                        value = _plain(value)
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
            raise DataError(f"not valid YAML: {problem[:200]}", self.shown, line) from None
        except yaml.YAMLError as error:
            raise DataError(f"not valid YAML: {str(error)[:200]}", self.shown) from None
        except RecursionError:  # not expected from a walk of events: a safety net
            raise DataError("lists and mappings are nested too deep", self.shown) from None
        finally:
            loader.dispose()

    def other(self, event: Any, documents: int) -> None:
        import yaml

        if type(event) is yaml.AliasEvent:
            alias = _short(f"*{event.anchor}")
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
            self.fail(event, f"key {_short(key)} appears twice, at lines {first} and {line}", at)
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
            self.fail(event, f"tag {_tag(tag)}: sevenf's data has no tags")
        typed = _plain(value)
        if type(typed) is not _TYPES[tag]:
            self.fail(event, f"{_short(value)} does not fit its tag {_tag(tag)}")
        return typed

    def container(self, event: Any) -> None:
        """Refuse a list or mapping nested too deep or tagged."""
        import yaml

        if len(self.stack) >= MAX_DEPTH:
            self.fail(event, f"lists and mappings are nested more than {MAX_DEPTH} deep", ())
        core = _SEQ if type(event) is yaml.SequenceStartEvent else _MAP
        if event.tag is not None and event.tag != core:
            self.fail(event, f"tag {_tag(event.tag)}: sevenf's data has no tags")

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
        where = _render(self.path() if at is None else at)
        raise DataError(message, self.shown, _line(event), where)


# --- cross-references --------------------------------------------------------------------


def _check(fw: Framework, ev: Evidence, in_fw: Fail, in_ev: Fail) -> None:
    """Check what the model alone cannot: identity, references, numbering, figures."""
    enablers = [
        *_indexed(("enablers", "improvement"), fw.enablers.improvement),
        *_indexed(("enablers", "evaluation"), fw.enablers.evaluation),
    ]
    # ids are unique within each kind; the two sets of enablers share one namespace
    for fail, kind, entries in (
        (in_fw, "section", _indexed(("document", "sections"), fw.document.sections)),
        (in_fw, "feature", _indexed(("features",), fw.features)),
        (in_fw, "outcome", _indexed(("outcomes",), fw.outcomes)),
        (in_fw, "enabler", enablers),
        (in_ev, "source", _indexed(("sources",), ev.sources)),
        (in_ev, "project", _indexed(("projects",), ev.projects)),
        (in_ev, "finding", _indexed(("findings",), ev.findings)),
        (in_ev, "quote", _indexed(("quotes",), ev.quotes)),
    ):
        _unique(fail, kind, entries)

    # numbering
    _in_order(in_fw, ("features",), "features", [f.number for f in fw.features])
    improvement = fw.enablers.improvement
    _in_order(
        in_fw, ("enablers", "improvement"), "improvement enablers", [e.number for e in improvement]
    )
    _in_order(in_fw, ("table", "rows"), "table rows", [r.number for r in fw.table.rows])
    for field in ("number", "position"):
        _permutation(in_fw, field, [getattr(o, field) for o in fw.outcomes])
    for i, note in enumerate(ev.footnotes):
        if note.number != i + 1:
            in_ev(("footnotes", i, "number"), *_footnote_order(i + 1, note.number, ev.footnotes))
    if ev.footnotes and ev.footnotes[0].ibid:
        in_ev(
            ("footnotes", 0, "ibid"), "the first footnote cannot be 'Ibid.': no note is before it"
        )

    features = {f.id for f in fw.features}
    outcomes = {o.id for o in fw.outcomes}
    sources = {s.id for s in ev.sources}
    projects = {p.id for p in ev.projects}
    notes = len(ev.footnotes)

    # Table 1: row N names feature N, the outcome numbered N and improvement enabler N
    numbered: dict[str, tuple[str, dict[int | None, str], set[str]]] = {
        "feature": ("feature", {f.number: f.id for f in fw.features}, features),
        "outcome": ("the outcome numbered", {o.number: o.id for o in fw.outcomes}, outcomes),
        "enabler": (
            "improvement enabler",
            {e.number: e.id for e in improvement},
            {e.id for _, e in enablers},
        ),
    }
    for i, row in enumerate(fw.table.rows):
        for field, (what, by_number, known) in numbered.items():
            at: Loc = ("table", "rows", i, field)
            named = getattr(row, field)
            _exists(in_fw, at, field, named, known)
            if by_number.get(row.number) != named:
                wanted = repr(by_number[row.number]) if row.number in by_number else "none exists"
                in_fw(
                    at, f"row {row.number} must name {what} {row.number} ({wanted}), not {named!r}"
                )

    for i, feature in enumerate(fw.features):
        for part in ("differences", "pitfalls"):
            for j, point in enumerate(getattr(feature, part)):
                for k, number in enumerate(point.footnotes):
                    _note_exists(in_fw, ("features", i, part, j, "footnotes", k), number, notes)

    for i, note in enumerate(ev.footnotes):
        if note.source is not None:
            _exists(in_ev, ("footnotes", i, "source"), "source", note.source, sources)
    for i, project in enumerate(ev.projects):
        for k, report in enumerate(project.reports):
            _exists(in_ev, ("projects", i, "reports", k), "source", report, sources)
    scanned = 0
    for i, finding in enumerate(ev.findings):
        if finding.outcome is not None:
            _exists(in_ev, ("findings", i, "outcome"), "outcome", finding.outcome, outcomes)
        for k, ref in enumerate(finding.features):
            _exists(in_ev, ("findings", i, "features", k), "feature", ref, features)
        for k, ref in enumerate(finding.projects):
            _exists(in_ev, ("findings", i, "projects", k), "project", ref, projects)
        for k, number in enumerate(finding.footnotes):
            _note_exists(in_ev, ("findings", i, "footnotes", k), number, notes)
        for k, figure in enumerate(finding.figures):
            at = ("findings", i, "figures", k, "printed")
            scanned += len(finding.statement)
            if scanned > MAX_SCAN:  # bounds the time; the real data reads ~1,000 times less
                in_ev(
                    at, "too many figures to check in statements this long: the file is too large"
                )
            if figure.printed not in finding.statement:
                in_ev(at, f"{_short(figure.printed)} does not occur in the finding's statement")
    for i, quote in enumerate(ev.quotes):
        _exists(in_ev, ("quotes", i, "feature"), "feature", quote.feature, features)
        _exists(in_ev, ("quotes", i, "project"), "project", quote.project, projects)
        if quote.source is not None:
            _exists(in_ev, ("quotes", i, "source"), "source", quote.source, sources)
        if quote.footnote is not None:
            _note_exists(in_ev, ("quotes", i, "footnote"), quote.footnote, notes)


def _indexed(prefix: Loc, items: Sequence[Any]) -> list[tuple[Loc, Any]]:
    return [((*prefix, i), item) for i, item in enumerate(items)]


def _unique(fail: Fail, kind: str, entries: Sequence[tuple[Loc, Any]]) -> None:
    first: dict[str, Loc] = {}
    for at, item in entries:
        if item.id in first:
            fail((*at, "id"), f"{kind} id {item.id!r} is used twice", (*first[item.id], "id"))
        first[item.id] = at


def _in_order(fail: Fail, at: Loc, what: str, numbers: Sequence[int | None]) -> None:
    """1, 2, 3… in order."""
    for i, number in enumerate(numbers):
        if number != i + 1:
            got = "it has no number" if number is None else f"not {number}"
            fail(
                (*at, i, "number"), f"{what} are numbered 1, 2, 3… in order: this is {i + 1}, {got}"
            )


def _permutation(fail: Fail, field: str, values: Sequence[int]) -> None:
    """Each of 1..N once, in any order."""
    first: dict[int, int] = {}
    for i, value in enumerate(values):
        at = ("outcomes", i, field)
        if value > len(values):
            each = f"each {field} from 1 to {len(values)} is used once"
            fail(at, f"outcome {field} {value} is out of range: {each}")
        if value in first:
            fail(at, f"outcome {field} {value} is used twice", ("outcomes", first[value], field))
        first[value] = i


def _footnote_order(expected: int, number: int, notes: Sequence[Any]) -> tuple[str, Loc | None]:
    """Why footnote `number` is not `expected`: the message, and the other place if any."""
    if number < expected:  # notes 1..expected-1 came before, so this one is among them
        return f"footnote {number} is listed twice", ("footnotes", number - 1, "number")
    if any(note.number == expected for note in notes[expected:]):
        return (
            f"footnote {number} is out of order: notes are listed 1, 2, 3…, so this is {expected}",
            None,
        )
    return (
        f"footnote {expected} is missing: list every note in order, one with no text"
        " too (text: null, with missing.text)"
    ), None


def _exists(fail: Fail, at: Loc, kind: str, ref: str, known: Collection[str]) -> None:
    if ref in known:
        return
    message = f"{kind} {ref!r} does not exist"
    if len(known) <= 1000:  # bounded: the suggestion must stay quick on any file
        import difflib

        close = difflib.get_close_matches(ref, sorted(known), n=1)
        if close:
            message += f"; did you mean {close[0]!r}?"
    fail(at, message)


def _note_exists(fail: Fail, at: Loc, number: int, count: int) -> None:
    if not 1 <= number <= count:
        fail(at, f"footnote {number} does not exist (the footnotes run from 1 to {count})")


# --- wording -----------------------------------------------------------------------------


def _render(loc: Loc) -> str:
    """A path as a data editor reads it: `features[2].pitfalls[0].headline`."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part.replace("-", "_").isidentifier():
            out += f".{part}" if out else part
        else:
            out += f"[{_short(part)}]"
    return out


def _short(value: object) -> str:
    """`value` for a message: its repr, cut to about 60 characters."""
    text = repr(value)
    if len(text) <= 60:
        return text
    size = f" ({len(value):,} characters)" if isinstance(value, str) else ""
    return f"{text[:56]}…{text[-1]}{size}"


def _tag(tag: str) -> str:
    """A tag as written: `!!int`, `!foo`."""
    written = "!!" + tag.removeprefix(_CORE) if tag.startswith(_CORE) else tag
    return written if len(written) <= 60 else written[:59] + "…"


def _kind(value: object) -> str:
    names = {list: "list", str: "text", int: "number", float: "number", bool: "true/false"}
    return names.get(type(value), "value")
