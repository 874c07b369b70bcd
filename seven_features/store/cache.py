"""A content-keyed cache in the user's cache directory, never in the data directory.

Entries are keyed by a hash of the data files' bytes (and of the code that reads
them), so a changed or replaced file is always seen. Writes go through
`files.replacing`, so a reader never sees half an entry and two processes never
corrupt one. Every failure to read or write is silent: sevenf then works without
the cache.

The cache directory may be shared with other files (`SEVENF_CACHE_DIR=~/tmp`, say),
so sevenf keeps its entries in a folder of its own inside it, `STORE`, tagged with a
`CACHEDIR.TAG` (https://bford.info/cachedir/, which also keeps it out of backups),
and removes only its own entries and temporary files from that folder, never
anything else. An entry is opened only as a regular file, without blocking and
read to a bounded size, so a FIFO or a link to /dev/zero in its place is a miss; and
only when it is the user's own file that no one else may write, so an entry another
user put in a shared cache directory (a corpus for other data, say) is a miss too.

Entries are read, never mapped: a mapped file cut short or made stale meanwhile (by
the user, or by another machine on a network file system) kills the process with
SIGBUS, and reading the 6.4 MB corpus entry of 100 times the data costs 0.6 ms more.
"""

from __future__ import annotations

import os
import stat

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

#: sevenf's own folder inside the cache directory; a new layout gets a new name.
STORE = "sevenf-cache-v1"
TAG = "CACHEDIR.TAG"
TAG_TEXT = (
    b"Signature: 8a477f597d28d172789f06886806bc55\n"
    b"# This file is a cache directory tag created by sevenf.\n"
    b"# For information about cache directory tags, see https://bford.info/cachedir/\n"
)
#: The largest entry read; the real data's is under 100 kB, 100 times the data's 8 MB.
MAX_ENTRY = 256 * 1024 * 1024
#: A temporary file this old is left over from a killed run, whoever wrote it.
STALE_SECONDS = 3600
#: The names of sevenf's entries: only these, and its temporary files, are ever removed.
ENTRY = r"(?:corpus|memo|kept|result)-[0-9a-f]{40}|search-[A-Za-z0-9_.-]{1,128}\.sqlite"
#: Entries of earlier layouts that nothing reads any more (screen.py's drawings, which
#: were never pruned): each write removes them.
RETIRED = r"drawn-[0-9a-f]{40}"


def _directory() -> str | None:
    chosen = os.environ.get("SEVENF_CACHE_DIR")
    if chosen is not None:
        return chosen or None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "sevenf")


def directory() -> Path | None:
    """$SEVENF_CACHE_DIR, else $XDG_CACHE_HOME/sevenf, else ~/.cache/sevenf; None when off.

    SEVENF_CACHE_DIR set to an empty string turns the cache off.
    """
    from pathlib import Path

    where = _directory()
    return Path(where) if where is not None else None


def store() -> Path | None:
    """sevenf's own folder in the cache directory, where every entry lives; None when off,
    or when that folder is not one sevenf may use (`_usable_store`)."""
    where = _usable_store()
    if where is None:
        return None
    from pathlib import Path

    return Path(where)


#: What sevenf has to say about the cache this run (said once on stderr by the command
#: line, after the output): the cache folder it would not use.
NOTICES: list[str] = []


def _usable_store() -> str | None:
    """sevenf's folder in the cache directory, when it is a real folder (not a link to
    another) that the user owns, or is not there yet; else None, and a notice, once: a
    folder that is a link or another's would have sevenf write its files elsewhere."""
    where = _directory()
    if where is None:
        return None
    folder = os.path.join(where, STORE)
    try:
        found = os.lstat(folder)
    except FileNotFoundError:
        return folder  # made on the first write
    except OSError:
        return None
    if stat.S_ISDIR(found.st_mode) and found.st_uid == os.getuid():
        return folder
    if not NOTICES:
        what = "a link" if stat.S_ISLNK(found.st_mode) else "not a folder of your own"
        NOTICES.append(f"the cache folder {folder} is {what}, so sevenf works without a cache")
    return None


def key(*parts: bytes) -> str:
    """A hex digest of the given byte strings, each length-prefixed so no two inputs collide."""
    # BLAKE2 straight from its own module: hashlib would first load OpenSSL's (~2 ms).
    from _blake2 import blake2b

    digest = blake2b(digest_size=20)
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()


def path(name: str) -> Path | None:
    """Where the entry `name` lives, or None when the cache is off."""
    where = store()
    return where / name if where is not None else None


def entry(name: str) -> str | None:
    """Where the entry `name` lives, or None when the cache is off or not to be used."""
    folder = _usable_store()
    return os.path.join(folder, name) if folder else None


def read(name: str) -> bytes | None:
    """The entry's bytes, or None when it is absent, unreadable, not a regular file, not
    the user's own file, or others may write it. (Found without pathlib, which every
    command would otherwise import only to read its answer.)"""
    folder = _usable_store()
    return _read_regular(os.path.join(folder, name), MAX_ENTRY) if folder else None


def is_entry_file(where: str | Path) -> bool:
    """True when `where` is a regular file itself (not a link, FIFO or device), the
    user's own, that no one else may write."""
    try:
        found = os.lstat(where)
    except OSError:
        return False
    return stat.S_ISREG(found.st_mode) and _owned(found)


def _read_regular(where: str | Path, limit: int, *, own: bool = True) -> bytes | None:
    """The bytes of `where` when it is a regular file of at most `limit` bytes (and, with
    `own`, the user's own that no one else may write); None when not, or any step fails.
    Opened without following a link or blocking, and checked after opening, so no swap
    after a check can fool it."""
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        fd = os.open(where, flags)
    except OSError:
        return None
    try:
        found = os.fstat(fd)
        if not stat.S_ISREG(found.st_mode) or found.st_size > limit:
            return None
        if own and not _owned(found):
            return None
        chunks, left = [], found.st_size + 1  # one byte more: a file that grew is a miss
        while left > 0:
            chunk = os.read(fd, left)
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError:
        return None
    finally:
        os.close(fd)
    payload = b"".join(chunks)
    return payload if len(payload) == found.st_size else None


def _owned(found: os.stat_result) -> bool:
    """Whether the file is the user's own, and no one else may write it."""
    return found.st_uid == os.getuid() and not found.st_mode & 0o022


def write(name: str, payload: bytes) -> str | None:
    """Store an entry atomically; returns its path, or None when it could not be written."""
    folder = _usable_store()
    if folder is None:
        return None
    from seven_features.store import files

    where = os.path.join(folder, name)
    try:
        make_store(folder)
        with files.replacing(where) as temporary, open(temporary, "wb") as handle:
            handle.write(payload)
    except OSError:
        return None
    _sweep(folder)
    return where


def make_store(folder: str | Path) -> None:
    """sevenf's folder with its tag, made if missing; a tag that is not sevenf's is kept."""
    from seven_features.store import files

    os.makedirs(folder, exist_ok=True)
    tag = os.path.join(folder, TAG)
    if not os.path.lexists(tag):
        try:
            with files.replacing(tag, replace=False) as temporary, open(temporary, "wb") as out:
                out.write(TAG_TEXT)
        except FileExistsError:
            pass  # another run tagged it meanwhile


def _ours(folder: str | Path) -> bool:
    """True when `folder` carries sevenf's tag: only then is anything removed from it."""
    return _read_regular(os.path.join(folder, TAG), len(TAG_TEXT), own=False) == TAG_TEXT


def prune(prefix: str, keep: int) -> None:
    """Delete all but the `keep` newest of sevenf's entries named `prefix...`; never fails."""
    import re

    where = _usable_store()
    if where is None or not _ours(where):
        return
    try:
        entries = []
        for found in os.scandir(where):
            mine = found.name.startswith(prefix) and re.fullmatch(ENTRY, found.name)
            if mine and found.is_file(follow_symlinks=False):
                entries.append((found.stat(follow_symlinks=False).st_mtime_ns, found.path))
        entries.sort(reverse=True)
        for _, old in entries[keep:]:
            os.unlink(old)
    except OSError:
        pass
    _sweep(where)


def _sweep(folder: str | Path) -> None:
    """Remove temporary files left in sevenf's folder by runs that were killed, and
    retired entries."""
    import re
    import time

    from seven_features.store.files import TEMPORARY

    if not _ours(folder):
        return
    now = time.time()
    try:
        for found in os.scandir(folder):
            if re.fullmatch(RETIRED, found.name) and found.is_file(follow_symlinks=False):
                os.unlink(found.path)
                continue
            named = TEMPORARY.fullmatch(found.name)
            if named is None or not found.is_file(follow_symlinks=False):
                continue
            age = now - found.stat(follow_symlinks=False).st_mtime
            if age > STALE_SECONDS or not _alive(int(named.group(1))):
                os.unlink(found.path)
    except OSError:
        pass


def _alive(pid: int) -> bool:
    """Whether process `pid` may still be writing; when in doubt, yes (age then decides).

    A writer in another pid namespace looks dead: its rename then fails, and that run
    goes without the cache, which costs only time.
    """
    if not 0 < pid < 2**22 or pid == os.getpid():  # 2**22: the largest pid Linux gives
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process, say
    return True
