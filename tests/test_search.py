"""Tests of the full-text search: matching, ranking, hostile queries and the cached index."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from helpers import DATA, Cli, OnTerminal, as_data
from hypothesis import given, settings
from hypothesis import strategies as st

from seven_features.corpus.indexed import Corpus
from seven_features.corpus.model import Evidence, Framework
from seven_features.queries import search as search_module
from seven_features.queries.match import fold
from seven_features.queries.search import (
    match_expression,
    query_terms,
    search,
    spellings,
    suggestions,
)
from seven_features.store import cache

if TYPE_CHECKING:
    from seven_features.corpus.records import Data
    from seven_features.queries.results import SearchHit

CO_LOCATION = "Co-location is important"


def marked(hit: SearchHit) -> list[str]:
    """The words a hit marks in its snippet."""
    return [hit["snippet"][start:end] for start, end in hit["marks"]]


# --- a small corpus, shaped like model_dump(mode="json") ---------------------------------


def point(headline: str, explanation: str, footnotes: list[int] | None = None) -> dict[str, Any]:
    return {
        "headline": headline,
        "separator": " – ",
        "explanation": explanation,
        "footnotes": footnotes or [],
        "shares_paragraph": False,
    }


def feature(number: int, title: str, **extra: Any) -> dict[str, Any]:
    return {
        "missing": {},
        "remarks": [],
        "id": f"feature-{number}",
        "number": number,
        "title": title,
        "heading": title,
        "label": f"Practice feature {number}",
        "table_title": title,
        "page": 13 + number,
        "aliases": [],
        "definition": [f"The definition of feature {number}."],
        "differences": [],
        "pitfalls": [],
        **extra,
    }


def outcome(number: int, name: str, text: str) -> dict[str, Any]:
    return {
        "missing": {},
        "remarks": [],
        "id": f"outcome-{number}",
        "number": number,
        "position": number,
        "name": name,
        "table_name": name,
        "aliases": [],
        "text": text,
    }


def enabler(set_: str, number: int | None, title: str, text: str) -> dict[str, Any]:
    missing = {} if number else {"number": "The evaluation enablers are not numbered."}
    return {
        "missing": missing,
        "remarks": [],
        "id": f"{set_}-{title.lower().replace(' ', '-')}",
        "set": set_,
        "number": number,
        "title": title,
        "text": text,
        "actions": [],
        "aliases": [],
    }


def footnote(number: int, text: str, source: str | None, ibid: bool = False) -> dict[str, Any]:
    return {
        "missing": {},
        "remarks": [],
        "number": number,
        "marker": str(number),
        "text": text,
        "ibid": ibid,
        "source": source,
        "year": None if ibid else "2017",
        "page": "12",
    }


def raw_corpus() -> dict[str, Any]:
    herts = "Family Safeguarding Hertfordshire"
    framework = {
        "document": {
            "title": "Seven features of practice and seven outcomes",
            "subtitle": "Based on findings",
            "author": "Department for Education",
            "author_basis": "the cover",
            "published": "October 2022",
            "produced": "February 2018",
            "review": "March 2024",
            "copyright": "Crown copyright 2018",
            "licence": {"name": "OGL", "url": "https://example.org", "statement": "Licensed."},
            "attribution": {"text": "Department for Education", "basis": "the licence"},
            "isbn": "978-1-78105-000-0",
            "reference": "DFE-00000-2018",
            "enquiries": "www.education.gov.uk/contactus",
            "download": "www.gov.uk/government/publications",
            "audience": ["Social Workers"],
            "introduction": {"author": "Isabelle Trowler", "role": "CSW", "date": "Feb 2018"},
            "contents": [{"title": "Introduction", "page": 4}],
            "sections": [
                {
                    "id": "introduction",
                    "title": "Introduction",
                    "question": None,
                    "paragraphs": [
                        "Four years ago, when we launched the Innovation Programme, we wanted "
                        "to encourage new ideas.",
                        "Building an evidence base is critical to decision-making.",
                    ],
                }
            ],
        },
        "programme": {
            "name": "Children's Social Care Innovation Programme",
            "objective": "To inspire whole-system reform.",
            "rounds": [
                {
                    "label": "Round one",
                    "rounds": [1],
                    "invested": "£110m",
                    "amount_gbp": 110_000_000,
                    "projects": 53,
                    "until": None,
                    "text": "Round one funded 53 projects.",
                }
            ],
            "evaluation": {
                "missing": {"project_reports_by": "Not named."},
                "remarks": [],
                "overall_report_by": "Rees Centre",
                "project_reports_by": None,
                "reports": "Independent evaluations.",
            },
            "conference": {
                "name": "National Learning Conference",
                "date": "27 February 2018",
                "attendance": "over 200",
                "text": "Leaders and practitioners came together.",
            },
            "findings_online": "Findings are online.",
        },
        "features": [
            feature(1, "Using a clear, strengths-based practice framework"),
            feature(
                4,
                "Multi-disciplinary skill sets working together",
                differences=[point("Better decisions", "Families are helped sooner.", [12])],
                pitfalls=[
                    point(
                        CO_LOCATION,
                        "teams where professionals work together in person make more difference.",
                    )
                ],
            ),
            feature(
                5,
                "Undertaking group case discussion",
                pitfalls=[
                    point(
                        CO_LOCATION,
                        "day-to-day co-location of the multi-disciplinary team was important.",
                    )
                ],
            ),
        ],
        "outcomes": [
            outcome(2, "Reduced risk for children", "Fewer children on protection plans."),
            outcome(1, "Increased wellbeing", "Families are more resilient."),
        ],
        "enablers": {
            "improvement": [enabler("improvement", 1, "Strategic approach", "Rigorous review.")],
            "evaluation": [enabler("evaluation", None, "Strong leaders", "Create capacity.")],
        },
        "table": {"caption": "Table 1", "columns": ["Number"], "rows": []},
    }
    evidence = {
        "sources": [
            {
                "missing": {"author": "Not named."},
                "remarks": [],
                "id": "herts-report",
                "kind": "evaluation-report",
                "name": herts,
                "title": f"{herts} Evaluation Report",
                "series": None,
                "year": "2017",
                "author": None,
                "author_basis": None,
                "aliases": ["Hertfordshire report"],
            }
        ],
        "footnotes": [
            footnote(
                3, f"Innovation Programme, {herts} Evaluation Report, 2017, pg. 12.", "herts-report"
            ),
            footnote(4, "Ibid., pg. 41.", None, ibid=True),
        ],
        "projects": [
            {
                "missing": {},
                "remarks": [],
                "id": "leeds-family-valued",
                "name": "Leeds Family Valued",
                "description": "Restorative practice across the city.",
                "aliases": ["Leeds"],
                "places": ["Leeds"],
                "reports": [],
            }
        ],
        "findings": [
            {
                "missing": {},
                "remarks": [],
                "id": "herts-child-protection",
                "statement": "Hertfordshire saw reductions in the need for Child Protection Plans; "
                "Leeds saw reductions in care.",
                "figures": [],
                "projects": [],
                "outcome": "outcome-2",
                "features": [],
                "footnotes": [3],
                "truncated": False,
            }
        ],
        "quotes": [
            {
                "missing": {
                    "speaker": "Not named.",
                    "footnote": "Not footnoted.",
                    "page": "Not given.",
                },
                "remarks": [],
                "id": "father-feedback",
                "feature": "feature-5",
                "text": "Working with the pair of them, I would give them 10/10.",
                "attribution": f"Feedback from father, {herts} evaluation",
                "speaker": None,
                "project": "leeds-family-valued",
                "source": None,
                "footnote": None,
                "page": None,
            }
        ],
    }
    return {"framework": framework, "evidence": evidence}


def through_model(raw: dict[str, Any]) -> Data:
    """`raw` validated and dumped, in exactly the shape load.py caches."""
    return as_data(
        Framework.model_validate(raw["framework"]), Evidence.model_validate(raw["evidence"])
    )


@pytest.fixture(scope="module")
def toy() -> Corpus:
    """The small corpus above (the real data is the shared `corpus` fixture)."""
    return Corpus(through_model(raw_corpus()))


@pytest.fixture(autouse=True)
def cache_dir(fresh_cache: Path) -> Path:
    """sevenf's own folder inside the cache directory, where the index lives."""
    return fresh_cache / cache.STORE


def test_the_small_corpus_is_valid_data() -> None:
    raw = raw_corpus()
    Framework.model_validate(raw["framework"])
    Evidence.model_validate(raw["evidence"])


# --- matching and the hit --------------------------------------------------------------


def test_word_forms_match(toy: Corpus) -> None:
    hits = search(toy, "co-located")
    pitfalls = [h for h in hits if h["kind"] == "pitfall"]
    assert {h["where"] for h in pitfalls} == {"feature 4 › pitfalls", "feature 5 › pitfalls"}
    pitfall = next(h for h in pitfalls if h["where"] == "feature 4 › pitfalls")
    assert pitfall == {
        "kind": "pitfall",
        "where": "feature 4 › pitfalls",
        "ref": {"kind": "feature", "id": "feature-4", "number": 4},
        "title": CO_LOCATION,
        "snippet": pitfall["snippet"],
        "marks": pitfall["marks"],
        "phrase": True,
        "text": f"{CO_LOCATION} – teams where professionals work together in person make "
        "more difference.",
        "footnotes": [],
        "rank": pitfall["rank"],
    }
    assert [marked(pitfall)] == [["Co-location"]]
    paragraph = search(toy, "decisions")
    assert {h["where"] for h in paragraph} >= {"document › Introduction", "feature 4 › differences"}


def test_every_kind_of_text_is_found(toy: Corpus) -> None:
    cases = {
        "Introduction": ("section", "document › Introduction"),
        "launched": ("paragraph", "document › Introduction"),
        "whole-system reform": ("programme", "programme"),
        "53 projects": ("programme", "programme › Round one"),
        "strengths-based": ("feature", "feature 1"),
        "sooner": ("difference", "feature 4 › differences"),
        "protection plans": ("outcome", "outcome 2"),
        "rigorous": ("enabler", "improvement enabler 1"),
        "capacity": ("enabler", "evaluation enablers"),
        "restorative": ("project", "project Leeds Family Valued"),
        "Hertfordshire report": ("source", "source Family Safeguarding Hertfordshire"),
        "pg 41": ("footnote", "footnote 4"),
        "need for child protection": ("finding", "outcome 2 › findings"),
        "10/10": ("quote", "quote (feature 5)"),
    }
    for query, (kind, where) in cases.items():
        hits = search(toy, query)
        assert (kind, where) in [(h["kind"], h["where"]) for h in hits], query


def test_hits_carry_refs_titles_and_footnotes(toy: Corpus) -> None:
    by_kind = {h["kind"]: h for h in search(toy, "Hertfordshire")}
    assert set(by_kind) == {"finding", "footnote", "source", "quote"}
    assert by_kind["finding"]["ref"] == {"kind": "finding", "id": "herts-child-protection"}
    assert by_kind["finding"]["title"] == "Reduced risk for children"
    assert by_kind["finding"]["footnotes"] == [3]
    assert by_kind["footnote"]["ref"] == {"kind": "footnote", "number": 3}
    assert by_kind["footnote"]["where"] == "footnote 3"
    assert by_kind["footnote"]["title"] == "Family Safeguarding Hertfordshire"
    assert by_kind["quote"]["ref"] == {"kind": "quote", "id": "father-feedback"}
    assert by_kind["quote"]["text"] == "Working with the pair of them, I would give them 10/10."
    ibid = search(toy, "Ibid")[0]
    assert ibid["title"] == "Family Safeguarding Hertfordshire"  # resolved through note 3


def test_hits_are_ranked_json_and_marked(toy: Corpus) -> None:
    hits = search(toy, "Hertfordshire")
    ranks = [h["rank"] for h in hits]
    assert ranks == sorted(ranks)
    assert json.loads(json.dumps(hits)) == hits
    for hit in hits:
        assert marked(hit) and all(m.casefold() == "hertfordshire" for m in marked(hit))


def test_a_title_weighs_more_than_body_text(toy: Corpus) -> None:
    hits = search(toy, "Leeds")
    assert hits[0]["kind"] == "project"
    assert "finding" in [h["kind"] for h in hits[1:]]


def test_words_are_anded_and_limit_holds(toy: Corpus) -> None:
    assert search(toy, "Hertfordshire Leeds")[0]["kind"] == "finding"
    assert search(toy, "Hertfordshire zebra") == []
    assert len(search(toy, "Hertfordshire", limit=2)) == 2
    assert search(toy, "Hertfordshire", limit=0) == []
    assert len(search(toy, "Hertfordshire", limit=10**30)) == 4


# --- any text is a query ------------------------------------------------------------------


def expression(text: str, known: dict[str, list[str]] | None = None) -> str | None:
    """The FTS5 query `text` becomes, given the document's spellings by key."""
    return match_expression(spellings(query_terms(text), known or {}))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("co-location", '("co location" OR "colocation")'),
        ("Children's care", '("children s" OR "childrens") AND "care"'),
        ('say "hi" NEAR(a b)', '"say" AND "hi" AND "near" AND "a" AND "b"'),
        ("AND OR NOT * ^ : ( )", '"and" AND "or" AND "not"'),
        ("naïve CAFÉ", '"naive" AND "cafe"'),
        ("snake_case", '"snake" AND "case"'),
        ("", None),
        ("  \t\n", None),
        ("🙂 \u200f\u202e \x00 ^*", None),
    ],
)
def test_match_expression(text: str, expected: str | None) -> None:
    assert expression(text) == expected


def test_the_documents_spellings_join_the_query() -> None:
    known = {"coloc": ["co location"], "multidisciplinary": ["multidisciplinary"]}
    assert expression("colocated team", known) == '("colocated" OR "co location") AND "team"'
    assert expression("co located", known) == '("co located" OR "colocated" OR "co location")'
    assert expression("multi disciplinary", known) == (
        '("multi disciplinary" OR "multidisciplinary")'
    )
    # other forms the stemmer finds are left to FTS5's own stemmer
    assert expression("care", {"car": ["cares", "caring"]}) == '"care"'


def test_decomposed_letters_are_one_word() -> None:
    assert query_terms("nai\u0308ve") == [["naive"]]


def test_long_queries_are_cut() -> None:
    words = " ".join(f"w{i}" for i in range(40))
    assert query_terms(words) == [[f"w{i}"] for i in range(32)]
    assert query_terms("-".join("a" * 40)) == [["a"] * 32]
    cut_through = "x" * 497 + " abcdef"
    assert query_terms(cut_through) == [["x" * 497]]
    on_a_space = "y" * 500 + " more"
    assert query_terms(on_a_space) == [["y" * 500]]
    assert query_terms("z" * 10_000) == []


@pytest.mark.parametrize(
    "text",
    [
        "AND",
        "OR NOT",
        "NEAR(co location, 2)",
        "co*",
        "^co",
        "head:co",
        '"unbalanced',
        "(((",
        '""',
        "",
        "a" * 10_000,
        "co-located " * 1_000,
        "🙂🙂",
        "\u200f\u202ecare\u202c",
        "care\x00plans",
        "\ud800",
    ],
)
def test_hostile_queries_return_lists(toy: Corpus, text: str) -> None:
    assert isinstance(search(toy, text), list)


def test_operators_are_plain_words(toy: Corpus) -> None:
    assert search(toy, "co-located NOT Leeds") == []  # 'not' is not in the pitfalls
    assert [h["kind"] for h in search(toy, "\u200fCo-location\x00")][:2] == [
        "pitfall",
        "pitfall",
    ]


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_any_text_is_a_query(text: str) -> None:
    hits = search(Corpus(through_model(raw_corpus())), text, limit=3)
    assert isinstance(hits, list) and len(hits) <= 3


# --- the cached index ---------------------------------------------------------------------


def test_the_index_is_cached_and_reused(
    toy: Corpus, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = search(toy, "Hertfordshire", index_key="k1")
    index = cache_dir / "search-k1.sqlite"
    assert index.is_file()
    assert first == search(toy, "Hertfordshire")  # the same as an index in memory

    def no_rebuild(*args: object) -> None:
        raise AssertionError("rebuilt")

    monkeypatch.setattr(search_module, "entries", no_rebuild)  # what every build reads
    assert search(toy, "Hertfordshire", index_key="k1") == first
    assert search(Corpus(through_model(raw_corpus())), "co-located", index_key="k1")
    # no temporary left
    assert sorted(p.name for p in cache_dir.iterdir()) == [cache.TAG, "search-k1.sqlite"]


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],
        lambda b: b[:100],
        lambda b: b"",
        lambda b: b"not a database at all" * 100,
        lambda b: b[:4096] + b"\x00" * (len(b) - 4096),
    ],
    ids=["half", "header", "empty", "garbage", "zeroed"],
)
def test_a_damaged_index_is_rebuilt(toy: Corpus, cache_dir: Path, damage: Any) -> None:
    expected = search(toy, "Hertfordshire", index_key="k2")
    index = cache_dir / "search-k2.sqlite"
    good = index.read_bytes()
    index.write_bytes(damage(good))
    assert search(toy, "Hertfordshire", index_key="k2") == expected
    assert index.read_bytes() == good  # rebuilt: the build is deterministic


def test_an_index_of_other_code_is_rebuilt(
    toy: Corpus, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = search(toy, "Leeds", index_key="k3")
    with monkeypatch.context() as patched:  # other code: an index with nothing in it
        patched.setattr(search_module, "SCHEMA", search_module.SCHEMA + 1)
        patched.setattr(search_module, "entries", lambda corpus: iter(()))
        assert search(toy, "Leeds", index_key="k3") == []
    assert search(toy, "Leeds", index_key="k3") == expected


def test_without_a_usable_cache_the_index_lives_in_memory(
    toy: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = search(toy, "co-located")
    monkeypatch.setenv("SEVENF_CACHE_DIR", "")
    assert search(toy, "co-located", index_key="k4") == expected
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("SEVENF_CACHE_DIR", str(blocker))
    assert search(toy, "co-located", index_key="k4") == expected
    monkeypatch.setenv("SEVENF_CACHE_DIR", str(tmp_path / "c"))
    assert search(toy, "co-located", index_key="../escape") == expected
    assert not (tmp_path / "c").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_cache_still_answers(
    toy: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    monkeypatch.setenv("SEVENF_CACHE_DIR", str(locked))
    assert search(toy, "Leeds", index_key="k5")[0]["kind"] == "project"


def test_builds_at_once_are_safe(toy: Corpus, cache_dir: Path) -> None:
    results: list[list[SearchHit]] = []

    def run() -> None:
        results.append(search(toy, "Hertfordshire", index_key="k6"))

    threads = [threading.Thread(target=run) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 8 and all(r == results[0] for r in results) and results[0]
    assert sorted(p.name for p in cache_dir.iterdir()) == [cache.TAG, "search-k6.sqlite"]


def test_importing_search_does_not_import_sqlite() -> None:
    code = "import sys, seven_features.queries.search; print('sqlite3' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


# --- the real data --------------------------------------------------------------------------


def test_real_data_co_location(corpus: Corpus) -> None:
    hits = search(corpus, "co-located")
    found = {(h["kind"], h["where"], h["title"]) for h in hits}
    assert ("pitfall", "feature 4 › pitfalls", CO_LOCATION) in found
    assert ("pitfall", "feature 5 › pitfalls", CO_LOCATION) in found


def test_real_data_hertfordshire(corpus: Corpus) -> None:
    hits = search(corpus, "Hertfordshire", limit=100)
    kinds = {h["kind"] for h in hits}
    assert {"finding", "footnote"} <= kinds
    assert [h["rank"] for h in hits] == sorted(h["rank"] for h in hits)
    assert all(h["marks"] for h in hits)


def test_real_data_word_forms_and_snippets(corpus: Corpus) -> None:
    assert any("decision-making" in h["text"] for h in search(corpus, "decisions"))
    for hit in search(corpus, "children families", limit=50):
        assert {fold(m) for m in marked(hit)} <= {"children", "families", "family", "child"}
        assert marked(hit) and json.loads(json.dumps(hit)) == hit


def test_real_data_cached_index_matches_memory(cache_dir: Path, corpus: Corpus) -> None:
    for query in ("Hertfordshire", "co-located", "Mockingbird", "value for money"):
        assert search(corpus, query, index_key="real") == search(corpus, query)


# --- spellings, phrases, suggestions, marks -------------------------------------------------


def places(corpus: Corpus, query: str) -> list[tuple[str, str]]:
    return [(h["where"], h["text"]) for h in search(corpus, query, limit=100)]


@pytest.mark.parametrize(
    "spellings_of_one_word",
    [
        ("multi-disciplinary", "multidisciplinary", "multi disciplinary", "Multi‑Disciplinary"),
        ("co-location", "colocation", "co location", "co-located", "colocated"),
    ],
)
def test_compounds_search_alike_however_written(
    spellings_of_one_word: tuple[str, ...], corpus: Corpus
) -> None:
    found = [sorted(places(corpus, q)) for q in spellings_of_one_word]
    assert found[0] and all(f == found[0] for f in found), spellings_of_one_word


def test_closed_and_hyphenated_forms_are_both_found(corpus: Corpus) -> None:
    texts = [t for _, t in places(corpus, "multidisciplinary")]
    assert any("multidisciplinary group" in t for t in texts)
    assert any("multi-disciplinary teams simplify" in t for t in texts)
    assert len(places(corpus, "colocation")) == 2  # the document's two 'co-location's


def test_an_exact_phrase_ranks_first(corpus: Corpus) -> None:
    hits = search(corpus, "group supervision")
    assert "in group supervision..." in hits[0]["text"]
    assert [h["phrase"] for h in hits] == [True] + [False] * (len(hits) - 1)
    assert marked(hits[0]) == ["group", "supervision"]
    # a phrase written as a compound elsewhere still counts as one
    assert search(corpus, "multi disciplinary team")[0]["phrase"]


def test_a_query_that_finds_nothing_suggests_the_documents_words(corpus: Corpus) -> None:
    assert search(corpus, "colocaton") == []
    assert suggestions(corpus, "colocaton") == ["co-location"]
    assert suggestions(corpus, "multidiciplinary teams") == ["multi-disciplinary"]
    assert suggestions(corpus, "zebra") == []
    # every word is in the document: the words together are what find nothing
    assert suggestions(corpus, "Mockingbird colocation") == []


def test_marks_are_offsets_that_no_text_can_imitate() -> None:
    raw = raw_corpus()
    pitfall = raw["framework"]["features"][1]["pitfalls"][0]
    pitfall["explanation"] = "odd \ue000marks\ue001 \ue002 and \U000f0000 then co-location here."
    hits = search(Corpus(through_model(raw)), "co-location")
    hit = next(h for h in hits if h["where"] == "feature 4 › pitfalls")
    assert "\ue000marks\ue001 \ue002 and \U000f0000" in hit["snippet"]  # kept as printed
    assert marked(hit) == ["co-location"]


def test_counts_are_grammatical(corpus: Corpus) -> None:
    from seven_features.queries import query
    from seven_features.render import text
    from seven_features.render.layout.views import layout

    one = text.render(layout(query.search(corpus, "massively")))
    assert one.startswith("1 match for 'massively'\n")
    many = text.render(layout(query.search(corpus, "co-location")))
    assert many.startswith("2 matches for 'co-location'\n")
    none = text.render(layout(query.search(corpus, "colocaton")))
    assert none == "Nothing matches 'colocaton'. Did you mean co-location?\n"


def test_a_long_repeated_query_takes_only_the_first_phrasings() -> None:
    # 40 terms of 3 spellings each: 3**40 phrasings in all, of which only the first few
    # are ever asked for (the whole product once took seconds for 16 terms).
    groups = [["co located", "colocated", "co-location"]] * 40
    expression = search_module.phrase_expression(groups)
    assert expression is not None
    assert expression.count(" OR ") == 8 - 1  # search._PHRASINGS


# --- the count: every hit, however many --limit shows -------------------------------------


def test_the_total_counts_every_hit_not_the_limit(corpus: Corpus) -> None:
    from seven_features.queries import query

    # the texts that hold the word 'the', counted apart from SQLite
    holding = [
        e for e in search_module.entries(corpus) if re.search(r"\bthe\b", f"{e[0]} {e[1]}", re.I)
    ]
    cut = query.search(corpus, "the")
    assert (len(cut["hits"]), cut["total"], cut["limited"]) == (20, len(holding), True)
    assert len(holding) > 20
    every = query.search(corpus, "the", limit=1000)
    assert (len(every["hits"]), every["total"], every["limited"]) == (
        len(holding),
        len(holding),
        False,
    )
    assert every["hits"][:20] == cut["hits"]  # the best 20, and only they
    whole = query.search(corpus, "the", limit=len(holding))
    assert (whole["total"], whole["limited"]) == (len(holding), False)
    two = query.search(corpus, "co-location")
    assert (len(two["hits"]), two["total"], two["limited"]) == (2, 2, False)
    none = query.search(corpus, "colocaton")
    assert (none["hits"], none["total"], none["limited"]) == ([], 0, False)


def test_the_total_is_the_same_from_the_cached_index(cache_dir: Path, corpus: Corpus) -> None:
    in_memory = search_module.found(corpus, "the", limit=3)
    search_module.found(corpus, "the", limit=3, index_key="total")  # builds the index
    assert list(cache_dir.glob("search-total.sqlite"))
    cached = search_module.found(corpus, "the", limit=3, index_key="total")
    assert cached == in_memory and cached.total > 3 and len(cached.hits) == 3


def test_a_cut_list_says_so_in_every_format(corpus: Corpus, on_terminal: OnTerminal) -> None:
    from seven_features.queries import query
    from seven_features.render import html, markdown, text
    from seven_features.render.layout.views import layout

    result = query.search(corpus, "the")
    total = result["total"]
    heading = f"20 of {total} matches for 'the'"
    aside = f"The best 20 are shown; --limit {total} shows them all."
    plain = text.render(layout(result))
    assert plain.startswith(f"{heading}\n{'=' * len(heading)}\n\n{aside}\n")
    assert markdown.render(layout(result)).startswith(f"# {heading}\n\n*{aside}*\n")
    page = html.render(layout(result))
    assert f"<h1>{heading.replace(chr(39), '&#x27;')}</h1>" in page and aside in page
    shown = on_terminal(result, "table")
    assert heading in shown and aside in shown
    assert "20 matches" not in plain + page + shown


def test_a_whole_list_keeps_its_plain_heading(corpus: Corpus) -> None:
    from seven_features.queries import query
    from seven_features.render import text
    from seven_features.render.layout.views import layout

    shown = text.render(layout(query.search(corpus, "the", limit=1000)))
    assert shown.startswith(f"{query.search(corpus, 'the')['total']} matches for 'the'\n")
    assert "are shown" not in shown


def test_json_adds_the_total_and_keeps_its_keys(cli: Cli) -> None:
    code, out, err = cli("search", "the", "--json", "--limit", "5")
    assert (code, err) == (0, "")
    found = json.loads(out)
    assert list(found) == ["view", "query", "hits", "suggestions", "total", "limited"]
    assert (len(found["hits"]), found["limited"]) == (5, True) and found["total"] > 5
    code, out, _ = cli("search", "co-location", "--json")
    assert {k: json.loads(out)[k] for k in ("total", "limited")} == {"total": 2, "limited": False}


# --- text without a word is no query ---------------------------------------------------


@pytest.mark.parametrize(
    "words", [[""], ["   "], [" ,. ", "--"], ["«»", "‹"], [" " * 600 + "care"]]
)
def test_text_without_a_word_is_a_usage_error_on_both_paths(
    words: list[str], cli: Cli, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from seven_features.cli import parse as fast

    code, out, err = cli("search", *words)
    assert (code, out) == (2, "")
    assert err.startswith("sevenf: error: search needs a word to find: '") and err.count("\n") == 1
    assert err.rstrip().endswith(
        "has no letters or digits in its first 500 characters"
        if len(" ".join(words)) > 500
        else "has no letters or digits"
    )
    monkeypatch.setenv("SEVENF_DATA", str(DATA))
    assert fast.run(["search", *words]) == 2
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", err)


def test_a_hit_says_what_the_passage_is_when_its_snippet_does_not(cli: Cli) -> None:
    out = cli("search", "co-location").stdout.splitlines()
    assert out[3] == (
        "- feature 5 › pitfalls: Co-location is important — as well as meeting for group case "
        "discussion, day-to-day «co-location» of the multi-disciplinary team was shown to be "
        "important in…"
    )
    assert out[4] == "- feature 4 › pitfalls: «Co-location» is important"  # the title is the hit
