"""Every test runs against its own cache and the repository's data, never the user's.

The fixtures every file shares: `corpus` (the shipped data), `small_corpus` (the minimal
pair, through the model), `cli` (sevenf's command line) and `fresh_cache`. Paths and
plain helpers are in helpers.py.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from helpers import DATA, MINIMAL, Cli, OnTerminal, as_data

from seven_features.corpus import load, validation
from seven_features.corpus.indexed import Corpus
from seven_features.output import Settings, show

if TYPE_CHECKING:
    from seven_features.output import Format, Output


def pytest_configure(config: pytest.Config) -> None:
    # Before any fixture, session-scoped ones included, can read or write a cache.
    os.environ["SEVENF_CACHE_DIR"] = tempfile.mkdtemp(prefix="sevenf-test-cache-")
    for name in ("SEVENF_DATA", "SEVENF_LOCAL", "NO_COLOR"):
        os.environ.pop(name, None)


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Undo whatever a test sets: the cache stays the suite's, no data directory is chosen."""
    monkeypatch.setenv("SEVENF_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
    monkeypatch.delenv("SEVENF_DATA", raising=False)
    monkeypatch.delenv("SEVENF_LOCAL", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    """The shipped data, validated."""
    return load.read_corpus(DATA)


@pytest.fixture(scope="session")
def small_corpus() -> Corpus:
    """The minimal pair in tests/fixtures/load/minimal, validated and not cached."""
    return Corpus(as_data(*validation.validate(MINIMAL)))


@pytest.fixture(scope="session")
def cli() -> Cli:
    """`cli("feature", "3")` runs `sevenf --data DATA feature 3`: see helpers.Cli."""
    return Cli()


@pytest.fixture
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache directory of this test's own, not yet made: nothing cached before it."""
    where = tmp_path / "cache"
    monkeypatch.setenv("SEVENF_CACHE_DIR", str(where))
    return where


class Screen(io.TextIOWrapper):
    """A stdout that says it is a terminal and keeps what is written to it."""

    def __init__(self) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8")

    def isatty(self) -> bool:
        return True

    def getvalue(self) -> str:
        self.flush()
        raw = self.buffer
        assert isinstance(raw, io.BytesIO)
        return raw.getvalue().decode("utf-8")


@pytest.fixture
def on_terminal(monkeypatch: pytest.MonkeyPatch) -> OnTerminal:
    """Emit a result to a stdout that is a terminal, and return what it shows.

    sys.stdout is replaced only while emitting: pytest's capture sets it again at the
    start of each phase, so a fixture could not replace it for the test's body.
    """

    def drawn(out: Output, fmt: Format = "table", settings: Settings | None = None) -> str:
        screen = Screen()
        with monkeypatch.context() as patch:
            patch.setattr(sys, "stdout", screen)
            show(out, fmt, settings)
        return screen.getvalue()

    return drawn
