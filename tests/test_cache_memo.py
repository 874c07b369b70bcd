"""The memo that skips reading unchanged data files: used when safe, never stale."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from helpers import DATA

from seven_features.corpus import datafiles, load
from seven_features.store import cache

LONG_AGO = 1_600_000_000


@pytest.fixture
def data(tmp_path: Path, fresh_cache: Path) -> Path:
    """A copy of the shipped data, its files long settled; nothing cached yet."""
    copy = tmp_path / "data"
    copy.mkdir()
    for name in datafiles.FILES:
        shutil.copy(DATA / name, copy / name)
        os.utime(copy / name, (LONG_AGO, LONG_AGO))
    return copy


def _no_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(directory: Path, name: str) -> tuple[str, bytes]:
        raise AssertionError("the data files were read")

    monkeypatch.setattr(load, "read_file", refuse)


def test_settled_files_are_not_read_again(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load.read_corpus(data)
    _no_reading(monkeypatch)
    again = load.read_corpus(data)
    assert again.raw == first.raw and again.key == first.key


def test_files_written_just_now_are_not_memoised(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    os.utime(data / "evidence.yaml")  # modified now: a second write could share its timestamp
    load.read_corpus(data)
    _no_reading(monkeypatch)
    with pytest.raises(AssertionError, match="were read"):
        load.read_corpus(data)


def test_a_change_with_the_same_size_and_mtime_is_seen(data: Path) -> None:
    load.read_corpus(data)
    path = data / "evidence.yaml"
    text = path.read_text(encoding="utf-8")
    changed = text.replace("name: Leeds Family Valued\n", "name: Leeds Family Valuex\n")
    assert changed != text and len(changed) == len(text)
    path.write_text(changed, encoding="utf-8")
    os.utime(path, (LONG_AGO, LONG_AGO))  # as a coarse clock or a careless tool would leave it
    corpus = load.read_corpus(data)
    assert corpus.projects["leeds-family-valued"]["name"] == "Leeds Family Valuex"


def test_a_replaced_file_is_seen(data: Path) -> None:
    load.read_corpus(data)
    path = data / "evidence.yaml"
    replacement = data / "new.yaml"
    replacement.write_text(
        path.read_text(encoding="utf-8").replace("Herts", "Hertz"), encoding="utf-8"
    )
    os.utime(replacement, (LONG_AGO, LONG_AGO))
    os.replace(replacement, path)
    corpus = load.read_corpus(data)
    assert "Hertz" in corpus.projects["family-safeguarding-hertfordshire"]["aliases"]


def test_old_entries_are_pruned(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load, "KEEP_ENTRIES", 2)
    path = data / "evidence.yaml"
    text = path.read_text(encoding="utf-8")
    for n in range(4):
        path.write_text(
            text.replace("name: Leeds Family Valued\n", f"name: Leeds Family Valued {n}\n"),
            encoding="utf-8",
        )
        assert (
            load.read_corpus(data).projects["leeds-family-valued"]["name"]
            == f"Leeds Family Valued {n}"
        )
    store = Path(os.environ["SEVENF_CACHE_DIR"]) / cache.STORE
    assert len(list(store.glob("corpus-*"))) == 2
