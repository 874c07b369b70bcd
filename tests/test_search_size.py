"""Search over texts as long as the loader takes, and Ctrl-C while it works (issue 23).

FTS5's snippet() weighs every match in a text against every other: one definition of
10.8 MB ("lorem ipsum " 900,000 times) kept `search lorem` busy for hours, and Ctrl-C
waited for SQLite. A text longer than `_PIECE_CHARS` takes its snippet from a piece of
itself, and SQLite works in a thread of its own that the caller stops on Ctrl-C.
"""

from __future__ import annotations

import copy
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from helpers import DATA, as_data

from seven_features.corpus import load, validation
from seven_features.corpus.indexed import Corpus
from seven_features.queries import search as search_module
from seven_features.queries.search import ELLIPSIS, found
from seven_features.store import cache

if TYPE_CHECKING:
    from seven_features.corpus.records import Data
    from seven_features.queries.results import SearchHit

LOREM = "lorem ipsum " * 900_000  # the 10.8 MB


def marked(hit: SearchHit) -> list[str]:
    return [hit["snippet"][start:end] for start, end in hit["marks"]]


def with_definition(directory: Path, paragraph: str) -> Path:
    """A copy of the shipped data in `directory` whose feature 1 is defined by one
    `paragraph`, written as a double-quoted YAML scalar (the rest byte for byte)."""
    directory.mkdir()
    for name in ("framework.yaml", "evidence.yaml"):
        (directory / name).write_bytes((DATA / name).read_bytes())
    framework = directory / "framework.yaml"
    text = framework.read_text(encoding="utf-8")
    start = text.index("  definition:\n", text.index("- id: strengths-based-practice-framework"))
    end = text.index("  differences:\n", start)
    assert '"' not in paragraph and "\\" not in paragraph
    text = f'{text[:start]}  definition:\n  - "{paragraph}"\n{text[end:]}'
    framework.write_text(text, encoding="utf-8")
    return directory


@pytest.fixture(scope="module")
def big_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The issue's data: the shipped files, feature 1 defined by 10.8 MB of lorem ipsum."""
    return with_definition(tmp_path_factory.mktemp("big") / "data", LOREM.strip())


@pytest.fixture(scope="module")
def real() -> Data:
    return as_data(*validation.validate(DATA))


def defined_by(real: Data, *paragraphs: str) -> Corpus:
    """The shipped data with feature 1 defined by `paragraphs`."""
    data = copy.deepcopy(real)
    data["framework"]["features"][0]["definition"] = list(paragraphs)
    return Corpus(data)


def feature_1(hits: list[SearchHit]) -> SearchHit:
    (hit,) = [h for h in hits if h["kind"] == "feature" and h["ref"].get("number") == 1]
    return hit


# --- long texts: found, ranked and cut like short ones ----------------------------------


#: Run in a child, which a timeout can end wherever it is (an alarm in this process
#: would wait for a call into SQLite to return: hours, before issue 23).
SEARCH_TWICE = """
import json, sys
from seven_features.corpus import load
from seven_features.queries.search import found
corpus = load.read_corpus(sys.argv[1])
cold = found(corpus, "lorem", index_key=corpus.key)  # builds the cached index
warm = found(corpus, "lorem", index_key=corpus.key)
assert cold == warm
texts = [hit.pop("text") for hit in cold.hits]
print(json.dumps({"hits": cold.hits, "total": cold.total, "lengths": [len(t) for t in texts]}))
"""


def test_the_10_mb_text_is_searched_in_seconds(big_data: Path, tmp_path: Path) -> None:
    env = {**os.environ, "SEVENF_CACHE_DIR": str(tmp_path)}
    child = subprocess.run(
        [sys.executable, "-c", SEARCH_TWICE, str(big_data)],
        env=env,
        capture_output=True,
        text=True,
        timeout=15,  # reading and validating, building the index, two searches: 3 s
        check=True,
    )
    answer = json.loads(child.stdout)
    assert answer["total"] == 1 and answer["lengths"] == [len(LOREM.strip())]
    (hit,) = answer["hits"]
    assert hit["where"] == "feature 1"
    # the first 24 words, as FTS5 cuts a short text
    assert hit["snippet"] == "lorem ipsum " * 11 + "lorem ipsum" + ELLIPSIS
    assert [hit["snippet"][a:b] for a, b in hit["marks"]] == ["lorem"] * 12


def test_a_long_text_shows_the_piece_holding_the_query(real: Data) -> None:
    filler = "lorem ipsum " * 2_000  # 24,000 characters: six pieces each side
    corpus = defined_by(real, filler + "the co-location of the team " + filler.strip())
    hit = feature_1(found(corpus, "co-location").hits)
    assert hit["snippet"].startswith(ELLIPSIS) and hit["snippet"].endswith(ELLIPSIS)
    assert "the co-location of the team" in hit["snippet"]
    assert marked(hit) == ["co-location"]
    assert len(hit["snippet"].split()) <= 24
    assert hit["phrase"] and hit["text"].startswith(filler)


def test_a_long_text_prefers_a_piece_with_every_word_of_the_query(real: Data) -> None:
    filler = "lorem ipsum " * 1_000
    corpus = defined_by(real, f"supervision {filler}supervision of practice {filler.strip()}")
    hit = feature_1(found(corpus, "practice supervision").hits)
    assert sorted(marked(hit)) == ["practice", "supervision"]


def test_a_long_text_whose_words_no_piece_holds_together_shows_one(real: Data) -> None:
    filler = "lorem ipsum " * 1_000
    corpus = defined_by(real, f"alphabetical {filler}{filler}omegaville")
    hit = feature_1(found(corpus, "omegaville alphabetical").hits)
    assert marked(hit) == ["alphabetical"]  # the first piece holding any of them
    assert hit["snippet"].startswith("alphabetical lorem") and hit["snippet"].endswith(ELLIPSIS)


def test_a_long_text_ranks_as_one_text(real: Data) -> None:
    # bm25 sees the whole text, not its pieces: one hit, however many pieces match
    corpus = defined_by(real, "co-location " * 3_000)
    result = found(corpus, "co-location")
    assert [h["where"] for h in result.hits].count("feature 1") == 1
    assert result.hits[0]["where"] == "feature 1"  # 3,000 matches outrank the rest


@pytest.mark.parametrize(
    "text",
    [
        "word " * 5_000,
        "x" * 10_000,  # no place to cut but anywhere
        "a.b-c/" * 3_000,  # no space: cut after a character no word holds
        "  lead and trail  " * 600 + "\n\n" + "é" * 4_100 + " end",
    ],
    ids=["words", "one-word", "no-space", "mixed"],
)
def test_pieces_keep_every_word_and_cut_at_spaces(text: str) -> None:
    pieces = search_module._pieces(text)
    assert all(0 < len(p) <= search_module._PIECE_CHARS for p in pieces)
    assert "".join(pieces).replace(" ", "").replace("\n", "") == text.replace(" ", "").replace(
        "\n", ""
    )
    if " " in text:
        assert all(p[-1] != " " and p[0] != " " for p in pieces[1:-1])


# --- Ctrl-C -------------------------------------------------------------------------------


def test_an_interrupt_ends_sqlite_work_at_once_and_keeps_no_index(
    real: Data, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """However long one call into SQLite runs, Ctrl-C ends the search at once, SQLite
    gives the work up, and the index it was building is not left in the cache."""
    monkeypatch.setenv("SEVENF_CACHE_DIR", str(tmp_path))
    corpus = defined_by(real, "a definition")
    ended: list[BaseException | None] = []

    def endless(db: sqlite3.Connection, corpus: Corpus, version: str) -> None:
        try:  # 15 s of work in one statement, as one huge row is for FTS5
            db.execute(
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                "WHERE x < 100000000) SELECT count(*) FROM c"
            ).fetchone()
            ended.append(None)
        except BaseException as error:
            ended.append(error)
            raise

    monkeypatch.setattr(search_module, "_fill", endless)
    timer = threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        found(corpus, "lorem", index_key="interrupted")
    assert time.monotonic() - started < 1.3
    deadline = time.monotonic() + 2
    while not ended and time.monotonic() < deadline:
        time.sleep(0.01)
    (error,) = ended
    assert isinstance(error, sqlite3.OperationalError) and "interrupt" in str(error)
    store = cache.store()
    assert store is not None and sorted(p.name for p in store.iterdir()) == [cache.TAG]


def run_sevenf(argv: list[str], env: dict[str, str], **popen: Any) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "seven_features", *argv],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        **popen,
    )


@pytest.mark.parametrize(
    ("warm_data", "after"),
    [(False, 1.0), (True, 0.3)],
    ids=["loading-at-1s", "indexing-at-0.3s"],
)
def test_ctrl_c_ends_a_long_search_with_130(
    big_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, warm_data: bool, after: float
) -> None:
    """The issue's check: SIGINT one second into `search lorem` on the big data ends it
    within one more second, with 130. With the data already cached, 0.3 s in is while
    the index is built; the cache is left with no index or a whole one."""
    store = tmp_path / "cache"
    env = {**os.environ, "SEVENF_CACHE_DIR": str(store)}
    argv = ["--data", str(big_data), "search", "lorem", "--json"]
    if warm_data:  # the validated data cached, no search index yet
        subprocess.run(
            [sys.executable, "-m", "seven_features", *argv[:2], "feature", "1", "--json"],
            env=env,
            stdout=subprocess.DEVNULL,
            check=True,
            timeout=60,
        )
    child = run_sevenf(argv, env)
    time.sleep(after)
    assert child.poll() is None, "the search ended before it could be interrupted"
    child.send_signal(signal.SIGINT)
    signalled = time.monotonic()
    try:
        _, err = child.communicate(timeout=10)
    finally:
        child.kill()
    assert time.monotonic() - signalled < 2
    assert child.returncode == 130
    assert len(err.decode().splitlines()) <= 1
    kept = store / cache.STORE
    left = sorted(p.name for p in kept.iterdir()) if kept.exists() else []
    assert not [name for name in left if name.endswith(".tmp")]
    if any(name.startswith("search-") for name in left):  # whole, then: it answers
        monkeypatch.setenv("SEVENF_CACHE_DIR", str(store))
        corpus = load.read_corpus(big_data)
        assert found(corpus, "lorem", index_key=corpus.key).total == 1
