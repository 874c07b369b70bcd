"""Every test runs against its own cache and the repository's data, never the user's."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from seven_features import load
from seven_features.corpus import Corpus

DATA = Path(__file__).resolve().parent.parent / "data"


def pytest_configure(config: pytest.Config) -> None:
    # Before any fixture, session-scoped ones included, can read or write a cache.
    os.environ["SEVENF_CACHE_DIR"] = tempfile.mkdtemp(prefix="sevenf-test-cache-")
    for name in ("SEVENF_DATA", "NO_COLOR"):
        os.environ.pop(name, None)


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Undo whatever a test sets: the cache stays the suite's, no data directory is chosen."""
    monkeypatch.setenv("SEVENF_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
    monkeypatch.delenv("SEVENF_DATA", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    """The shipped data, validated."""
    return load.read_corpus(DATA)
