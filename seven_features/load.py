"""Find, read and validate the data files; every failure becomes one `DataError`.

The hot path is `read_corpus`: it hashes the two files' bytes (and this code's
source) and, on a cache hit, returns a `Corpus` without importing yaml or pydantic.
On a miss it validates, which

1. reads each file: at most `MAX_BYTES`, UTF-8 only (a leading BOM is accepted);
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
   1,000 items are validated first in part (`_model_validate`), so the model's
   validators must hold for any first part of a list, as they do now;
4. checks what the model alone cannot (`crossref.check`): unique ids, references,
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
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from seven_features import cache
from seven_features.corpus import Corpus, pack
from seven_features.errors import DataError, UsageError
from seven_features.wording import Loc, kind_of, render_path, short
from seven_features.yaml_events import Walk

if TYPE_CHECKING:
    from seven_features.model import Evidence, Framework

FILES = ("framework.yaml", "evidence.yaml")
#: Bytes per file. The real data is well under 1 MB; a synthetic 100x copy is about 5 MB.
MAX_BYTES = 16 * 1024 * 1024
#: Part of the cache key: change it when the shape of a cache entry changes.
FORMAT = b"sevenf-corpus-2"
#: How many validated copies of data the cache keeps (one per data directory and version).
KEEP_ENTRIES = 8
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


def content_key(directory: Path) -> str | None:
    """The content key of the data in `directory` and of sevenf's code, known without
    reading the data when the files are as they were last seen; else None."""
    memo = _memo_name(directory)
    remembered = (cache.read(memo) or b"").decode("ascii", "replace") if memo else ""
    return remembered if remembered.startswith("corpus-") else None


def read_corpus(directory: Path) -> Corpus:
    """The validated data in `directory`; from the cache when the files and sevenf are unchanged."""
    memo = _memo_name(directory)
    corpus = _cached(content_key(directory))
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
    try:
        files = [directory.resolve() / name for name in FILES] + _code_files()
        return f"memo-{cache.key(FORMAT, *(_identity(f) for f in files))}"
    except (OSError, RuntimeError):
        return None


def _code_files() -> list[Path]:
    """Every module of the package: a change to any of them, a fix of a check or of a
    view say, makes every cache entry new. No hand-kept list, so none can be forgotten."""
    package = Path(__file__).resolve().parent
    return sorted(package.rglob("*.py"))


def _settled(directory: Path) -> bool:
    import time

    try:
        newest = max(os.stat(directory / name).st_mtime_ns for name in FILES)
    except OSError:
        return False
    return time.time_ns() - newest > _SETTLE_NS


def _entry_name(blobs: Sequence[bytes]) -> str | None:
    try:
        code = [path.read_bytes() for path in _code_files()]
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
        raise UsageError(f"no schema called {short(which)}: choose 'framework' or 'evidence'")
    schema: dict[str, Any] = models[which].model_json_schema()
    return schema


class _File:
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
        from seven_features.crossref import check

        check(framework, evidence, files[0].fail, files[1].fail)
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
        message += f", got {short(value)}"
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
