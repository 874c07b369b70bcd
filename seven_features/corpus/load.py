"""Find the data and read it from the cache: the hot path of every command.

`read_corpus` hashes the two data files' bytes (and sevenf's code) and, on a cache
hit, returns a `Corpus` without importing yaml or pydantic. A small memo of the files'
identity (path, size, inode, times) saves even the hashing when nothing has changed.
On a miss, `validation.validate_files` parses and validates the very bytes that were
hashed, and the result is cached. Every failure becomes one `DataError`.

Keep heavy imports (yaml, pydantic, the model, validation) out of this module.
"""

from __future__ import annotations

import marshal
import os
import stat
import zlib

from seven_features.corpus.datafiles import FILES, read_file
from seven_features.store import cache

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

    from seven_features.corpus.indexed import Corpus
    from seven_features.corpus.records import Data, LocalFile

#: Part of the cache key: change it when the shape of a cache entry changes.
FORMAT = b"sevenf-corpus-7"
#: How many validated copies of data the cache keeps (one per data directory and version).
KEEP_ENTRIES = 8
# --- the hot path: the cache -------------------------------------------------------------


def content_key(directory: str | os.PathLike[str]) -> str | None:
    """The content key of the data in `directory` and of sevenf's code, known without
    reading the data when the files are as they were last seen; else None."""
    return _remembered(_memo_name(os.fspath(directory)))


def _remembered(memo: str | None) -> str | None:
    remembered = (cache.read(memo) or b"").decode("ascii", "replace") if memo else ""
    return remembered if remembered.startswith("corpus-") else None


def read_corpus(given: str | os.PathLike[str]) -> Corpus:
    """The validated data in `given`; from the cache when the files and sevenf are unchanged."""
    directory = os.fspath(given)
    from seven_features.corpus.indexed import Corpus, pack

    memo = _memo_name(directory)  # worked out once: it stats every module of the package
    corpus = _cached(_remembered(memo))
    if corpus is not None:
        return corpus
    named = [read_file(directory, name) for name in FILES]
    entry = _entry_name([data for _, data in named])
    corpus = _cached(entry)
    if corpus is None:
        # Validate the very bytes that were hashed, so an entry never outlives its file.
        from seven_features.corpus.validation import validate_files

        framework, evidence = validate_files(named)
        # The one step from untyped to typed data: tests/test_records.py holds the
        # TypedDicts of records.py to the model's fields.
        raw: Data = {
            "framework": framework.model_dump(mode="json"),  # type: ignore[typeddict-item]
            "evidence": evidence.model_dump(mode="json"),  # type: ignore[typeddict-item]
        }
        packed = pack(raw)
        corpus = Corpus.unpack(packed, key=entry)
        from seven_features.corpus.links import compute

        corpus.links = found = compute(corpus)
        packed["blobs"]["links"] = marshal.dumps(found)
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
    from seven_features.corpus.indexed import Corpus

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


def _identity(path: str) -> bytes:
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise OSError("not a regular file")
    fields = (path, st.st_size, st.st_ino, st.st_dev, st.st_mtime_ns, st.st_ctime_ns)
    return "\0".join(map(str, fields)).encode()


def _memo_name(directory: str) -> str | None:
    try:
        files = [os.path.join(os.path.realpath(directory), name) for name in FILES]
        return f"memo-{cache.key(FORMAT, *map(_identity, files), *code_identity())}"
    except (OSError, RuntimeError):
        return None


def code_identity() -> list[bytes]:
    """The identity (path, size, inode, times) of every module of the package: any edit or
    new install of sevenf changes it. Raises OSError when a module cannot be read."""
    return [_identity(path) for path in _code_files()]


def _code_files() -> list[str]:
    """Every module of the package: a change to any of them, a fix of a check or of a
    view say, makes every cache entry new. No hand-kept list, so none can be forgotten.
    (Walked with os.scandir: Path.rglob took a millisecond, and every command asks twice.)"""
    found: list[str] = []
    folders = [os.path.dirname(os.path.dirname(os.path.realpath(__file__)))]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.name.endswith(".py") and entry.is_file():
                    found.append(entry.path)
                elif entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__":
                    folders.append(entry.path)
    return sorted(found)


def _settled(directory: str) -> bool:
    import time

    try:
        newest = max(os.stat(os.path.join(directory, name)).st_mtime_ns for name in FILES)
    except OSError:
        return False
    return time.time_ns() - newest > _SETTLE_NS


def _entry_name(blobs: Sequence[bytes]) -> str | None:
    try:
        code = [_read(path) for path in _code_files()]
    except OSError:
        return None  # without the code in the key, an entry could outlive a fix
    return f"corpus-{cache.key(FORMAT, *code, *blobs)}"


# A cache entry: a CRC-32 of the rest (against damage, a cut-short or bit-flipped file,
# not against tampering: only the user's own entries are read), the header's length,
# the header (everything but the record blobs, marshalled), then the blobs themselves.
# Only the header is decoded; each record is decoded from a view of the entry's bytes
# when it is used. (Decoding the whole 6.4 MB entry at 100 times the data took 14 ms;
# reading and checking it takes about 2.)
_HEAD = 12


def _read(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def _pack(packed: dict[str, Any]) -> bytes:
    blobs: dict[str, bytes] = packed.get("blobs", {})
    spans, at = {}, 0
    for name, data in blobs.items():
        spans[name] = (at, at + len(data))
        at += len(data)
    header = marshal.dumps({**{k: v for k, v in packed.items() if k != "blobs"}, "spans": spans})
    rest = len(header).to_bytes(8, "little") + header + b"".join(blobs.values())
    return zlib.crc32(rest).to_bytes(4, "little") + rest


def _unpack(entry: bytes | memoryview | None) -> dict[str, Any] | None:
    """The entry's data, blobs as views of `entry`; None when absent, damaged or misshapen."""
    if entry is None or len(entry) < _HEAD:
        return None
    view = memoryview(entry)
    if zlib.crc32(view[4:]) != int.from_bytes(view[:4], "little"):
        return None
    size = int.from_bytes(view[4:_HEAD], "little")
    if size > len(view) - _HEAD:
        return None
    try:
        raw = marshal.loads(view[_HEAD : _HEAD + size])
    except (ValueError, EOFError, TypeError):
        return None
    shaped = isinstance(raw, dict) and all(
        isinstance(raw.get(k), dict)
        for k in ("framework", "sources", "footnotes", "index", "spans")
    )
    if not shaped:
        return None
    body = view[_HEAD + size :]
    try:
        raw["blobs"] = {name: body[start:end] for name, (start, end) in raw.pop("spans").items()}
    except (TypeError, ValueError):
        return None
    return raw  # type: ignore[no-any-return]


# --- a local evidence file -----------------------------------------------------------------

#: Part of a local file's cache key: change it when what `local.validate` returns changes.
LOCAL_FORMAT = b"sevenf-local-1"
_NO_LOCAL = "no such file: give the path of a local evidence file ('sevenf local init' writes one)"


def read_local_bytes(path: str) -> tuple[str, bytes]:
    """A local evidence file's name as given, and its bytes: refused for the same reasons,
    in the same words, as a data file."""
    if not path:
        from seven_features.errors import DataError

        raise DataError("the local evidence file is an empty path")
    return read_file("", path, _NO_LOCAL)


def read_locals(paths: Sequence[str]) -> list[tuple[str, bytes]]:
    """Local evidence files, each as named and its bytes, each once: a file named twice (or
    by two paths), or a copy of one under another name, is one owner's evidence."""
    named = {os.path.realpath(p): p for p in reversed(paths)}
    read = [read_local_bytes(p) for p in reversed(named.values())]
    once = {data: (shown, data) for shown, data in reversed(read)}  # the first name of each
    return list(reversed(once.values()))


def read_local(shown: str, data: bytes, corpus: Corpus) -> LocalFile:
    """The validated local evidence in `data` (the file `shown`), checked against the
    framework of `corpus`; from the cache when the same bytes were validated before."""
    features, outcomes = len(corpus.features), len(corpus.outcomes)
    counts = f"{features} {outcomes}".encode()
    try:
        code = code_identity()
    except OSError:
        code = []
    name = f"local-{cache.key(LOCAL_FORMAT, counts, data, *code)}" if code else None
    kept = _unpack_local(cache.read(name)) if name else None
    if kept is None:
        from seven_features.corpus.local import validate

        kept = validate(shown, data, features, outcomes)
        if name:
            body = marshal.dumps(kept)
            cache.write(name, zlib.crc32(body).to_bytes(4, "little") + body)
            cache.prune("local-", keep=KEEP_ENTRIES)
    return {**kept, "file": shown}  # type: ignore[typeddict-item]


def _unpack_local(entry: bytes | None) -> dict[str, Any] | None:
    if entry is None or len(entry) < 4:
        return None
    if zlib.crc32(entry[4:]) != int.from_bytes(entry[:4], "little"):
        return None  # damaged: validate afresh
    try:
        kept = marshal.loads(entry[4:])
    except (ValueError, EOFError, TypeError):
        return None
    return kept if isinstance(kept, dict) and "owner" in kept else None
