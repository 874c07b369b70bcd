"""The cache folder may hold the user's own files: sevenf touches only its own folder in it,
reads an entry only as a bounded regular file, and clears what killed runs left."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import MINIMAL

from seven_features.corpus import load
from seven_features.queries import search
from seven_features.store import cache, files

HEX = "0123456789abcdef" * 2 + "01234567"  # 40 hex digits, as an entry's key has


@pytest.fixture
def base(fresh_cache: Path) -> Path:
    """The cache directory the user chose."""
    fresh_cache.mkdir()
    return fresh_cache


@pytest.fixture
def data(tmp_path: Path) -> Path:
    directory = tmp_path / "data"
    shutil.copytree(MINIMAL, directory)
    return directory


def new_version(data: Path, n: int) -> None:
    """Change the data, so the next load writes a new entry (and prunes the old)."""
    path = data / "framework.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + f"# version {n}\n", encoding="utf-8")


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {
        str(p.relative_to(folder)): (p.lstat().st_mtime_ns, p.read_bytes())
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_look_alike_files_in_the_cache_folder_all_survive(
    base: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    look_alikes = [
        f"memo-{HEX}",
        f"corpus-{HEX}",
        "corpus-notes.txt",
        "memo-to-self.md",
        "search-results.sqlite",
        f"search-corpus-{HEX}.sqlite",
        f".memo-{HEX}.abc123",
        f".memo-{HEX}.1.abcdefgh.tmp",  # a temporary's name, a dead pid, long ago
        f".corpus-{HEX}.99999.zz_zz.tmp",
        "CACHEDIR.TAG",
        "sevenf-cache-v0",
    ]
    for name in look_alikes:
        (base / name).write_text(f"the user's {name}\n", encoding="utf-8")
        os.utime(base / name, (1_000_000_000, 1_000_000_000))
    (base / "projects").mkdir()
    (base / "projects" / f"memo-{HEX}").write_text("nested\n", encoding="utf-8")
    before = snapshot(base)

    monkeypatch.setattr(load, "KEEP_ENTRIES", 1)  # prune at every new version
    for n in range(4):
        new_version(data, n)
        corpus = load.read_corpus(data)
        assert search.search(corpus, "practice", index_key=f"v{n}") is not None
        cache.prune("", keep=0)  # the widest prune there is

    after = snapshot(base)
    assert {k: v for k, v in after.items() if not k.startswith(cache.STORE + "/")} == before
    store = base / cache.STORE
    assert (store / cache.TAG).read_bytes() == cache.TAG_TEXT


def test_files_in_sevenfs_folder_that_are_not_its_entries_survive(
    base: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load.read_corpus(data)
    store = base / cache.STORE
    strangers = ["notes.txt", "memo-notes", "corpus-12", ".memo-x.tmp", "search-a b.sqlite"]
    for name in strangers:
        (store / name).write_text("mine\n", encoding="utf-8")
    monkeypatch.setattr(load, "KEEP_ENTRIES", 1)
    for n in range(3):
        new_version(data, n)
        load.read_corpus(data)
    cache.prune("", keep=0)
    assert all((store / name).read_text(encoding="utf-8") == "mine\n" for name in strangers)
    assert sorted(p.name for p in store.iterdir()) == sorted([cache.TAG, *strangers])


def test_a_folder_without_sevenfs_tag_is_never_pruned(base: Path, data: Path) -> None:
    load.read_corpus(data)
    store = base / cache.STORE
    (store / cache.TAG).write_text("Signature: someone else's\n", encoding="utf-8")
    entries = sorted(p.name for p in store.iterdir())
    cache.prune("", keep=0)
    assert sorted(p.name for p in store.iterdir()) == entries


def run_load(data: Path, base: Path, *code: str) -> str:
    """Load (and search) in a fresh process; a hang fails the test instead of the suite."""
    script = "\n".join(
        [
            "from pathlib import Path",
            "from seven_features.corpus import load",
            "from seven_features.queries import search",
            f"corpus = load.read_corpus(Path({str(data)!r}))",
            "print(corpus.features[0]['id'])",
            *code,
        ]
    )
    env = {**os.environ, "SEVENF_CACHE_DIR": str(base)}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stderr) == (0, "")
    return done.stdout


def entry_names(data: Path, base: Path) -> tuple[str, str]:
    """The memo and corpus entries the data has, once it has been loaded."""
    run_load(data, base)
    store = base / cache.STORE
    (memo,) = [p.name for p in store.glob("memo-*")]
    (entry,) = [p.name for p in store.glob("corpus-*")]
    return memo, entry


def test_a_fifo_in_place_of_an_entry_is_a_miss_not_a_hang(base: Path, data: Path) -> None:
    expected = run_load(data, base)
    memo, entry = entry_names(data, base)
    store = base / cache.STORE
    for name in (memo, entry, f"search-{entry}.sqlite"):
        (store / name).unlink(missing_ok=True)
        os.mkfifo(store / name)
    hits = "print(len(search.search(corpus, 'practice', index_key=corpus.key)) > 0)"
    assert run_load(data, base, hits) == expected + "True\n"


def test_a_link_to_dev_zero_is_not_read(base: Path, data: Path) -> None:
    expected = run_load(data, base)
    memo, entry = entry_names(data, base)
    store = base / cache.STORE
    for name in (memo, entry):
        (store / name).unlink()
        (store / name).symlink_to("/dev/zero")
    started = time.perf_counter()
    assert run_load(data, base) == expected
    assert time.perf_counter() - started < 30
    assert cache.read(memo) is not None  # rewritten as a file


def test_an_entry_larger_than_the_limit_is_not_read(
    base: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cache.write(f"memo-{HEX}", b"x" * 100) is not None
    assert cache.read(f"memo-{HEX}") == b"x" * 100
    monkeypatch.setattr(cache, "MAX_ENTRY", 99)
    assert cache.read(f"memo-{HEX}") is None


def dead_pid() -> int:
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(finished.stdout)


def test_temporary_files_of_killed_runs_are_removed_by_a_later_run(base: Path, data: Path) -> None:
    load.read_corpus(data)
    store = base / cache.STORE
    pid = dead_pid()
    killed = store / f".search-{HEX}.sqlite.{pid}.k1ll3d_x.tmp"  # its writer is gone
    old = store / f".memo-{HEX}.{os.getpid()}.0ld_0ld0.tmp"  # its writer lives, but long ago
    live = store / f".corpus-{HEX}.{os.getpid()}.l1ve_now.tmp"  # being written now
    for path in (killed, old, live):
        path.write_bytes(b"half an entry")
    os.utime(old, (time.time() - 2 * cache.STALE_SECONDS,) * 2)
    assert files.TEMPORARY.fullmatch(killed.name) and files.TEMPORARY.fullmatch(live.name)

    new_version(data, 1)
    load.read_corpus(data)  # a later run that writes
    assert not killed.exists() and not old.exists()
    assert live.read_bytes() == b"half an entry"


def test_a_killed_index_build_leaves_nothing_after_the_next_search(base: Path, data: Path) -> None:
    """A build killed part-way (SIGKILL), then a search that builds the index again."""
    env = {**os.environ, "SEVENF_CACHE_DIR": str(base)}
    script = "\n".join(
        [
            "import os",
            "from pathlib import Path",
            "from seven_features.corpus import load",
            "from seven_features.queries import search",
            f"corpus = load.read_corpus(Path({str(data)!r}))",
            "os.replace = lambda *args: os.kill(os.getpid(), 9)  # killed just before the rename",
            "search.search(corpus, 'practice', index_key='k')",
        ]
    )
    subprocess.run([sys.executable, "-c", script], env=env, timeout=60, check=False)
    store = base / cache.STORE
    assert [p for p in store.iterdir() if p.name.endswith(".tmp")]  # the killed build's
    run_load(data, base, "search.search(corpus, 'practice', index_key='k')")
    assert not [p for p in store.iterdir() if p.name.endswith(".tmp")]
    assert (store / "search-k.sqlite").is_file()
