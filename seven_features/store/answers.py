"""Answers kept in the cache: bytes, and the notes said with them, under a key of exactly
what they depend on. The callers (`output.emit` for what a command writes to stdout,
`cli` for the help click writes) decide what the key holds; this module only keeps,
checks and prunes.

An entry is a CRC-32 of the rest, then the marshalled notes and payload; it is read only
when it is the user's own file that no one else may write (`cache.read`), and anything
damaged or of the wrong shape is a miss, so the answer is made afresh.
"""

from __future__ import annotations

import marshal
import zlib

from seven_features.store import cache

#: How many answers the cache keeps, of each kind.
KEEP = 64
#: Answers as written to stdout, and the results they were made from.
PREFIX, RESULT = "kept-", "result-"


def name(*words: str, prefix: str = PREFIX) -> str:
    """The entry of the answer that depends on exactly `words`."""
    return prefix + cache.key(*(w.encode("utf-8", "surrogatepass") for w in words))


def read(entry: str) -> tuple[list[str], bytes] | None:
    """A kept answer: its notes for stderr and its bytes; None when absent, damaged, of the
    wrong shape or not the user's own."""
    found = cache.read(entry)
    if found is None or len(found) < 4:
        return None
    body = memoryview(found)[4:]
    if zlib.crc32(body) != int.from_bytes(found[:4], "little"):
        return None
    try:
        kept = marshal.loads(body)
    except (ValueError, EOFError, TypeError):
        return None
    if not (isinstance(kept, tuple) and len(kept) == 2):
        return None
    notes, payload = kept
    if not isinstance(payload, bytes) or not isinstance(notes, list):
        return None
    if not all(isinstance(line, str) for line in notes):
        return None
    return notes, payload


def write(entry: str, notes: list[str], payload: bytes) -> None:
    """Keep an answer with its notes, checksummed; the oldest answers go."""
    body = marshal.dumps((list(notes), payload))
    cache.write(entry, zlib.crc32(body).to_bytes(4, "little") + body)
    cache.prune(entry[: entry.index("-") + 1], keep=KEEP)
