"""One search, whatever the door (issue 20): the site's search page finds what `sevenf
search --json` finds, in the same order, with the same snippets and the same "did you mean".

The site's script (`render/site.js`) reads the index the command searches, exported when
the site is built (`search.site_index`), and only folds the query, looks its tokens up
and ranks. Here it runs in Node over the built site's own files, query by query, beside
the command line; test_site_browser.py runs a few of the same queries through the page.
"""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from helpers import DATA, Cli, as_data

from seven_features.corpus import validation
from seven_features.corpus.indexed import Corpus
from seven_features.queries.search import found, suggestions
from seven_features.render import site
from seven_features.render.blocks import oneline

if TYPE_CHECKING:
    from seven_features.corpus.records import Data
    from seven_features.queries.results import SearchHit

NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="no Node.js to run the site's script in")

#: Spelling variants, phrases, word forms, misspellings, punctuation, operators, limits.
QUERIES = [
    # compounds however written
    "colocation",
    "co-location",
    "co location",
    "colocated",
    "co-located",
    "Co‑location",  # a non-breaking hyphen
    "co–location",
    "multidisciplinary",
    "multi-disciplinary",
    "multi disciplinary",
    "well-being",
    "wellbeing",
    "well being",
    "decision making",
    "decision-making",
    "strengths-based",
    "strengths based",
    # word forms
    "decisions",
    "families",
    "family",
    "children",
    "children's",
    "childrens",
    "reduced",
    "reducing risk",
    "supervision",
    "supervised",
    # phrases, and words apart
    "lead worker",
    "whole family focus",
    "value for money",
    "reduced risk of children",
    "group case discussion",
    "signs of safety",
    "no wrong door",
    "social workers",
    "child protection plan",
    "practice framework",
    # names, figures, citations
    "Hertfordshire",
    "Munro",
    "Ealing",
    "£2.6m",
    "22%",
    "2017",
    "pg. 46",
    "Ibid",
    # case, accents
    "CO-LOCATION",
    "Naïve",
    "naive",
    "Wellbeing",
    # misspellings: nothing found, "did you mean"
    "famly",
    "hertfordshre",
    "suprevision",
    "multidiciplinary",
    "childen famly",
    "zzzqqq",
    # punctuation and FTS5's own syntax, taken as words
    '"lead worker"',
    "lead AND worker",
    "lead OR worker",
    "lead*",
    "NEAR(lead worker)",
    "trust?!",
    "(co-location)",
    # words the document has in every other row, and limits
    "the",
    "the of and",
    "co-location " * 20,
    "x" * 600,
    # no word at all
    "???",
    "—",
    "",
    " ",
]

DRIVER = """
const fs = require("fs");
const vm = require("vm");
const [site, queries, limit] = [process.argv[2], process.argv[3], Number(process.argv[4])];
global.window = global;
vm.runInThisContext(fs.readFileSync(site + "/search-index.js", "utf8"));
const search = require(site + "/search.js");
const engine = new search.Engine(window.SEVENF_INDEX);
const answers = JSON.parse(fs.readFileSync(queries, "utf8")).map(q => engine.answer(q, limit));
process.stdout.write(JSON.stringify(answers));
"""


def run_site_search(folder: Path, queries: list[str], limit: int = 1000) -> list[dict[str, Any]]:
    """The site's own search (its search.js over its search-index.js) for each query."""
    (folder.parent / "driver.js").write_text(DRIVER, encoding="utf-8")
    asked = folder.parent / "queries.json"
    asked.write_text(json.dumps(queries), encoding="utf-8")
    done = subprocess.run(
        [str(NODE), str(folder.parent / "driver.js"), str(folder), str(asked), str(limit)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    answers: list[dict[str, Any]] = json.loads(done.stdout)
    return answers


def built(corpus: Corpus, where: Path) -> Path:
    folder = where / "site"
    site.write(site.build(corpus), str(folder))
    return folder


def segments(
    snippet: str, marks: list[list[int]], *, utf16: bool = False
) -> list[tuple[str, bool]]:
    """A snippet as runs of text, each marked or not, as the pages show text (`oneline`).
    The site's marks count UTF-16 code units, as JavaScript does; the command's, characters."""
    text = snippet.encode("utf-16-le") if utf16 else snippet
    size = 2 if utf16 else 1

    def cut(start: int, end: int) -> str:
        part = text[size * start : size * end]
        return part.decode("utf-16-le") if isinstance(part, bytes) else part

    runs: list[tuple[str, bool]] = []
    at = 0
    for start, end in marks:
        runs += [(cut(at, start), False), (cut(start, end), True)]
        at = end
    runs.append((cut(at, len(text) // size), False))
    return [(oneline(run), marked) for run, marked in runs if run or marked]


def shown(hit: SearchHit | dict[str, Any]) -> tuple[Any, ...]:
    """What identifies a hit and places it: kind, where, record, title, phrase, rank."""
    return (
        hit["kind"],
        oneline(hit["where"]),
        hit["ref"],
        oneline(hit["title"]),
        hit["phrase"],
        round(hit["rank"], 6),
    )


def same(mine: dict[str, Any], hits: list[SearchHit], total: int, close: list[str]) -> None:
    assert [shown(h) for h in mine["hits"]] == [shown(h) for h in hits]
    assert mine["total"] == total
    assert mine["suggestions"] == [oneline(word) for word in close]
    for hit, theirs in zip(mine["hits"], hits, strict=True):
        assert segments(hit["snippet"], hit["marks"], utf16=True) == segments(
            theirs["snippet"], theirs["marks"]
        ), theirs["where"]


@pytest.fixture(scope="module")
def answers(corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    return run_site_search(built(corpus, tmp_path_factory.mktemp("parity")), QUERIES)


@pytest.mark.parametrize("number", range(len(QUERIES)), ids=[repr(q)[:40] for q in QUERIES])
def test_the_site_finds_what_sevenf_search_finds(
    number: int, answers: list[dict[str, Any]], cli: Cli
) -> None:
    words, mine = QUERIES[number], answers[number]
    code, out, err = cli("search", words, "--json", "--limit", "1000")
    if code == 2:  # no word to find: a usage error, as the page says
        assert "search needs a word to find" in err
        assert not mine["words"] and mine["hits"] == []
        return
    assert code == 0, err
    theirs = json.loads(out)
    same(mine, theirs["hits"], theirs["total"], theirs["suggestions"])


def test_every_spelling_of_a_compound_finds_the_same(answers: list[dict[str, Any]]) -> None:
    def places(words: str) -> list[str]:
        return [h["where"] for h in answers[QUERIES.index(words)]["hits"]]

    assert places("colocation") == places("co-location") == places("co location")
    assert places("colocation") == ["feature 5 › pitfalls", "feature 4 › pitfalls"]
    assert places("multidisciplinary") == places("multi-disciplinary")
    assert len(places("multidisciplinary")) == 6
    assert answers[QUERIES.index("famly")]["suggestions"] == ["family", "family's"]


def test_the_site_shows_at_most_what_it_is_asked_for(
    corpus: Corpus, tmp_path: Path, cli: Cli
) -> None:
    (mine,) = run_site_search(built(corpus, tmp_path), ["children"], limit=20)
    code, out, _ = cli("search", "children", "--json")
    theirs = json.loads(out)
    assert code == 0 and theirs["limited"] and len(mine["hits"]) == 20
    same(mine, theirs["hits"], theirs["total"], [])


# --- texts sevenf's own data does not have ------------------------------------------------

STRANGE = [
    # controls, bidi marks and line breaks, which the page shows as the pages do
    "Co-location\x7f matters.\u202e Reversed\u202c text;\x85next line\u2028and\x9b more.",
    # accents, ligatures, wide and astral characters, private use
    "Naïve café ﬁnance Straße ØRESUND 日本語 𝒳𝒴 \ue000private\ue001 Ɛbola ǅemal İstanbul.",
    # a long text: its snippet is made from a piece (search._PIECE_CHARS)
    " ".join(f"word{n} lorem ipsum." for n in range(1200)) + " colocation at the end.",
    "Sentences. Begin: here. Co-located: teams; multi-disciplinary work.",
]
STRANGE_QUERIES = [
    "co-location",
    "colocation",
    "matters reversed",
    "next line",
    "naive cafe",
    "finance",
    "strasse",
    "straße",
    "øresund",
    "日本語",
    "𝒳𝒴",
    "private",
    "ebola",
    "dzemal",
    "istanbul",
    "İstanbul",
    "lorem",
    "lorem ipsum",
    "word1199",
    "word7 lorem",
    "ipsum colocation",
    "begin here",
    "sentences",
    "co located teams",
    "multidisciplinary",
    "loremipsum",
    "lorm",
]


@pytest.fixture(scope="module")
def real() -> Data:
    return as_data(*validation.validate(DATA))


def defined_by(real: Data, *paragraphs: str) -> Corpus:
    """The shipped data with feature 1 defined by `paragraphs`."""
    data = copy.deepcopy(real)
    data["framework"]["features"][0]["definition"] = list(paragraphs)
    return Corpus(data)


def test_the_site_finds_what_search_finds_in_strange_texts(real: Data, tmp_path: Path) -> None:
    strange = defined_by(real, *STRANGE)
    mine = run_site_search(built(strange, tmp_path), STRANGE_QUERIES)
    for words, answer in zip(STRANGE_QUERIES, mine, strict=True):
        hits, total = found(strange, words, limit=1000)
        close = [] if hits else suggestions(strange, words)
        same(answer, hits, total, close)


def test_the_index_holds_no_control_or_bidi_character(real: Data) -> None:
    strange = defined_by(real, *STRANGE)
    index = site.search_index(strange, site.Addresses(strange))
    raw = {c for c in index if unicodedata.category(c) == "Cc" and c != "\n"}
    bidi = {c for c in index if c in "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"}
    bidi |= {c for c in index if "\u2066" <= c <= "\u2069"}
    assert raw == set() and bidi == set()
    # shown as the pages show them
    assert "Co-location\\\\u007f matters." in index


def test_a_text_of_a_megabyte_is_searched_alike_and_at_once(real: Data, tmp_path: Path) -> None:
    """A text too long for FTS5's snippet() in one piece (issue 23's case, smaller): the
    page finds, ranks and cuts it as the command does, and answers in a few seconds."""
    long = defined_by(real, ("lorem ipsum " * 90_000).strip())
    asked = ["lorem", "lorem ipsum", "ipsum lorem lorem", "colocation", "ipsum dolor", "lorm"]
    mine = run_site_search(built(long, tmp_path), asked)
    for words, answer in zip(asked, mine, strict=True):
        hits, total = found(long, words, limit=1000)
        same(answer, hits, total, [] if hits else suggestions(long, words))
    assert mine[0]["hits"][0]["snippet"].startswith("lorem ipsum lorem ipsum")
