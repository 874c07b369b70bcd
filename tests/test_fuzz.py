"""The loader on mutated and hostile data: a `DataError` of one line or valid data, in bounded time.

The fuzz is a seeded loop, so a failing case is named by its seed and replays exactly:
each case copies the real data and breaks one file with one to three mutations (lines
deleted, duplicated, swapped or re-indented; bytes flipped; the file cut short;
anchors, aliases and Python tags inserted). tests/test_load.py holds the cases that
break one thing on purpose, the alias bomb and the million open brackets; here are
the other hostile sizes, each validated within a generous bound.
"""

from __future__ import annotations

import random
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import DATA

from seven_features.corpus import datafiles, validation
from seven_features.errors import DataError

REAL = {name: (DATA / name).read_bytes() for name in datafiles.FILES}
#: Seconds allowed for any one hostile file: generous, to catch blow-ups, not to benchmark.
BOUND = 10.0


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEVENF_CACHE_DIR", "")


def outcome(directory: Path) -> str | None:
    """None when the data is valid, else the DataError's message (anything else fails)."""
    try:
        validation.validate(directory)
    except DataError as error:
        return str(error)
    return None


def assert_one_line_naming_a_file(message: str, directory: Path, context: object = "") -> None:
    assert "\n" not in message and "\r" not in message, (message, context)
    named = message.startswith(tuple(f"{directory / name}" for name in datafiles.FILES))
    assert named and len(message) < 1000, (message, context)


# --- mutations ---------------------------------------------------------------------------

INSERTS = [
    b"&a ",
    b"*a",
    b"&a x\n*a\n",
    b"!!python/object:os.system ",
    b"!!python/object/apply:os.system [MARKER] ",
    b"!!python/name:os.system ",
    b"!custom ",
    b"<<: *a\n",
    b"? ",
    b"{",
    b"]",
    b'"',
    b"'",
    b"\t",
    b"---\n",
    b"...\n",
    b"%YAML 1.1\n",
    b"\xef\xbb\xbf",
    b"\xc3",
    b"\\e[2J",
    b"1.10",
    b"~",
]


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [b""]


def delete_line(r: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    del lines[r.randrange(len(lines))]
    return b"".join(lines)


def duplicate_line(r: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    i = r.randrange(len(lines))
    lines.insert(i, lines[i])
    return b"".join(lines)


def swap_lines(r: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    i, j = r.randrange(len(lines)), r.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return b"".join(lines)


def reindent(r: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    i = r.randrange(len(lines))
    if r.random() < 0.5:
        lines[i] = b" " * r.randint(1, 3) + lines[i]
    else:
        lines[i] = lines[i][r.randint(1, 3) :] if lines[i].startswith(b" ") else b"  " + lines[i]
    return b"".join(lines)


def flip_byte(r: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    i = r.randrange(len(data))
    return data[:i] + bytes([data[i] ^ (1 << r.randrange(8))]) + data[i + 1 :]


def truncate(r: random.Random, data: bytes) -> bytes:
    return data[: r.randrange(len(data) + 1)]


def insert(r: random.Random, data: bytes) -> bytes:
    text = r.choice(INSERTS)
    if r.random() < 0.7:  # where a value starts, as an editor would put it
        starts = [i + 2 for i in range(len(data) - 1) if data[i : i + 2] in (b": ", b"- ")]
        i = r.choice(starts) if starts else 0
    else:
        i = r.randrange(len(data) + 1)
    return data[:i] + text + data[i:]


MUTATIONS: list[Callable[[random.Random, bytes], bytes]] = [
    delete_line,
    duplicate_line,
    swap_lines,
    reindent,
    flip_byte,
    truncate,
    insert,
]


@pytest.mark.parametrize("seed", range(200))
def test_mutated_data_is_valid_or_one_data_error(seed: int, tmp_path: Path) -> None:
    r = random.Random(seed)
    name = r.choice(datafiles.FILES)
    data, done = REAL[name], []
    for _ in range(r.randint(1, 3)):
        mutation = r.choice(MUTATIONS)
        data = mutation(r, data)
        done.append(mutation.__name__)
    marker = tmp_path / "executed"
    directory = tmp_path / "data"
    directory.mkdir()
    for file in datafiles.FILES:
        (directory / file).write_bytes(REAL[file])
    (directory / name).write_bytes(data.replace(b"MARKER", f'"touch {marker}"'.encode()))
    started = time.perf_counter()
    message = outcome(directory)
    assert time.perf_counter() - started < BOUND
    assert not marker.exists()
    if message is not None:
        assert_one_line_naming_a_file(message, directory, (name, done))


# --- hostile sizes --------------------------------------------------------------------------


def _long_string(quote: str) -> bytes:
    return f"x: {quote}{'a' * (10 * 1024 * 1024)}{quote}\n".encode()


def _near_duplicate_keys(count: int) -> bytes:
    """Keys written plainly, in both quotes and as complex keys: then one repeated."""
    forms = ("k{}: 1\n", '"k{}": 1\n', "'k{}': 1\n", "? k{}\n: 1\n")
    body = "".join(forms[i % 4].format(i) for i in range(count))
    return (body + '"k0": 2\n').encode()


# pydantic lists the missing fields first, but the unknown key beside them is named
FIELDS = (
    "x: unknown field 'x'; the file has: sources, footnotes, projects, findings, quotes"
    " (5 more problems in this file)"
)
DEEP = "lists and mappings are nested more than 64 deep"
HOSTILE: dict[str, tuple[str, Callable[[], bytes], str]] = {
    # name: (file, its bytes (made when the case runs), the message after the data directory)
    "50k near-duplicate keys": (
        "evidence.yaml",
        lambda: _near_duplicate_keys(50_000),
        "evidence.yaml:62501: k0: key 'k0' appears twice, at lines 1 and 62501",
    ),
    "10 MB plain string": ("evidence.yaml", lambda: _long_string(""), f"evidence.yaml:1: {FIELDS}"),
    "10 MB double-quoted string": (
        "evidence.yaml",
        lambda: _long_string('"'),
        f"evidence.yaml:1: {FIELDS}",
    ),
    "10 MB single-quoted string": (
        "evidence.yaml",
        lambda: _long_string("'"),
        f"evidence.yaml:1: {FIELDS}",
    ),
    "10 MB on one line": (
        "evidence.yaml",
        lambda: b"a" * (10 << 20),
        "evidence.yaml:1: the file holds a text: it must be a mapping of keys",
    ),
    "300k tiny list items": (
        "framework.yaml",
        lambda: b"features:\n" + b"- a\n" * 300_000,
        "framework.yaml:1: document: required field 'document' is missing from the file"
        " (at least 1,004 more problems in this file)",
    ),
    "300k tiny flow items": (
        "framework.yaml",
        lambda: b"features: [" + b"a, " * 300_000 + b"]\n",
        "framework.yaml:1: document: required field 'document' is missing from the file"
        " (at least 1,004 more problems in this file)",
    ),
    "300k empty mappings": (
        "framework.yaml",
        lambda: b"features:\n" + b"- {}\n" * 300_000,
        "framework.yaml:1: document: required field 'document' is missing from the file"
        " (at least 10,004 more problems in this file)",
    ),
    "100k-deep flow lists": (  # libyaml's own limit speaks first
        "evidence.yaml",
        lambda: b"[" * 100_000 + b"]" * 100_000,
        "evidence.yaml:1: not valid YAML: exceeded maximum nesting depth"
        " (while increasing flow level from line 1)",
    ),
    "100k-deep flow mappings": (
        "evidence.yaml",
        lambda: b"{a: " * 100_000 + b"}" * 100_000,
        f"evidence.yaml:1: {DEEP}",
    ),
    "100k-deep block lists on one line": (
        "evidence.yaml",
        lambda: b"- " * 100_000 + b"a\n",
        f"evidence.yaml:1: {DEEP}",
    ),
    "3,000-deep indented mappings": (  # 4.5 MB: the indentation grows with the depth
        "evidence.yaml",
        lambda: b"".join(b" " * i + b"a:\n" for i in range(3_000)),
        f"evidence.yaml:65: {DEEP}",
    ),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_files_fail_in_bounded_time(case: str, tmp_path: Path) -> None:
    name, data, message = HOSTILE[case]
    shutil.copytree(DATA, tmp_path / "data")
    (tmp_path / "data" / name).write_bytes(data())
    started = time.perf_counter()
    assert outcome(tmp_path / "data") == f"{tmp_path / 'data'}/{message}"
    assert time.perf_counter() - started < BOUND


def _grown(name: str, old: bytes, new: bytes) -> bytes:
    assert REAL[name].count(old) == 1, old
    return REAL[name].replace(old, new)


LARGE_AND_VALID: dict[str, tuple[str, Callable[[], bytes]]] = {
    "a 10 MB definition": (
        "framework.yaml",
        lambda: _grown(
            "framework.yaml",
            b"  - Having a clear framework",
            b"  - " + b"a" * (10 << 20) + b" Having a clear framework",
        ),
    ),
    "300k aliases": (
        "framework.yaml",
        lambda: _grown(
            "framework.yaml",
            b"  - strengths-based\n",
            b"  - strengths-based\n" + b"  - b\n" * 300_000,
        ),
    ),
}


@pytest.mark.parametrize("case", list(LARGE_AND_VALID))
def test_large_valid_files_load_in_bounded_time(case: str, tmp_path: Path) -> None:
    name, data = LARGE_AND_VALID[case]
    shutil.copytree(DATA, tmp_path / "data")
    (tmp_path / "data" / name).write_bytes(data())
    started = time.perf_counter()
    assert outcome(tmp_path / "data") is None
    assert time.perf_counter() - started < BOUND
