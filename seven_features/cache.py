"""A content-keyed cache in the user's cache directory, never in the data directory.

Entries are keyed by a hash of the data files' bytes (and of the code that reads
them), so a changed or replaced file is always seen. Writes go to a temporary file
beside the entry and are renamed into place, so a reader never sees half an entry
and two processes never corrupt one. Every failure to read or write is silent:
sevenf then works without the cache.
"""

from __future__ import annotations

import os
from pathlib import Path


def directory() -> Path | None:
    """$SEVENF_CACHE_DIR, else $XDG_CACHE_HOME/sevenf, else ~/.cache/sevenf; None when off.

    SEVENF_CACHE_DIR set to an empty string turns the cache off.
    """
    chosen = os.environ.get("SEVENF_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "sevenf"


def key(*parts: bytes) -> str:
    """A hex digest of the given byte strings, each length-prefixed so no two inputs collide."""
    import hashlib

    digest = hashlib.blake2b(digest_size=20)
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()


def path(name: str) -> Path | None:
    """Where the entry `name` lives, or None when the cache is off."""
    where = directory()
    return where / name if where is not None else None


def read(name: str) -> bytes | None:
    """The entry's bytes, or None when it is absent or unreadable."""
    where = path(name)
    if where is None:
        return None
    try:
        return where.read_bytes()
    except OSError:
        return None


def write(name: str, payload: bytes) -> Path | None:
    """Store an entry atomically; returns its path, or None when it could not be written."""
    where = path(name)
    if where is None:
        return None
    from seven_features import files

    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        with files.replacing(where) as temporary:
            temporary.write_bytes(payload)
    except OSError:
        return None
    return where


def prune(prefix: str, keep: int) -> None:
    """Delete all but the `keep` newest entries whose names start with `prefix`; never fails."""
    where = directory()
    if where is None:
        return
    try:
        entries = sorted(
            (p for p in where.iterdir() if p.name.startswith(prefix)),
            key=lambda p: p.stat().st_mtime_ns,
            reverse=True,
        )
        for old in entries[keep:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
