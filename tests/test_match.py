"""Finding a record by the words people type, and completing them in a shell."""

from __future__ import annotations

import shlex
import subprocess
import sys
from collections.abc import Iterator
from itertools import pairwise
from typing import TYPE_CHECKING

import pytest
from helpers import DATA, Cli

from seven_features.corpus.indexed import Corpus
from seven_features.errors import NotFound
from seven_features.queries import query

if TYPE_CHECKING:
    from seven_features.queries.match import Candidate
    from seven_features.queries.results import Kind
from seven_features.queries.match import (
    completions,
    find,
    fold,
    keys,
    phrase,
    stem,
    terms,
)

# --- folding and stems ----------------------------------------------------------------------


def test_folding_drops_case_and_accents() -> None:
    assert fold("Naïve CAFÉ") == "naive cafe"
    assert terms("Co-location of MDTs, children's") == [
        ["co", "location"],
        ["of"],
        ["mdts"],
        ["children", "s"],
    ]


@pytest.mark.parametrize(
    "forms",
    [
        ("reduced", "reduce", "reducing", "reduction"),
        ("families", "family"),
        ("children", "child"),
        ("colocation", "colocated", "colocate"),
        ("decisions", "decision"),
        ("cases", "case"),
        ("risks", "risk"),
    ],
)
def test_the_forms_of_a_word_share_a_stem(forms: tuple[str, ...]) -> None:
    assert len({stem(f) for f in forms}) == 1, [stem(f) for f in forms]


def test_short_words_and_double_s_keep_their_ending() -> None:
    assert [stem(w) for w in ("sos", "focus", "process", "need")] == [
        "sos",
        "focus",
        "process",
        "need",
    ]


def test_a_compound_offers_its_parts_and_its_closed_form() -> None:
    assert {"multi", "disciplinary", "multidisciplinary"} <= keys("Multi-disciplinary skill")


# --- the rules, on their own ------------------------------------------------------------------


def names(*lists: list[str]) -> list[Candidate[int]]:
    return [(n, i) for i, n in enumerate(lists)]


def test_an_exact_name_wins_over_words_it_shares() -> None:
    candidates = names(["Family Valued"], ["Family"])
    assert [value for _, value in find("family", candidates)] == [1]
    assert [value for _, value in find("FAMILY  valued", candidates)] == [0]


def test_words_in_any_order_and_form_or_the_start_of_one() -> None:
    candidates = names(["Reduced staff turnover and agency rates"], ["Staff wellbeing"])
    assert [value for _, value in find("agency rate of reducing turnover", candidates)] == [0]
    assert [value for _, value in find("staff", candidates)] == [0, 1]
    assert [value for _, value in find("sta turn", candidates)] == [0]  # words cut short
    assert [value for _, value in find("w", candidates)] == [1]  # however short
    assert find("ff turn", candidates) == []  # never a piece from inside a word
    assert find("zebra", candidates) == []
    assert find("--", candidates) == []


# --- the real data, through query.resolve ----------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "ref", "number"),
    [
        ("outcome", "wellbeing families children", 1),
        ("outcome", "resilience of families", 1),
        ("outcome", "children risk", 2),
        ("outcome", "risks to children", 2),
        ("outcome", "care days", 3),
        ("outcome", "staff rates turnover", 4),
        ("outcome", "réduced  RISK", 2),
        ("feature", "multidisciplinary", 4),
        ("feature", "multi disciplinary skills", 4),
        ("feature", "strengths based", 1),
        ("feature", "discussions of cases", 5),
        ("feature", "3", 3),
        ("feature", "whole-family-focus", 7),
        ("enabler", "supporting workforce", 3),
    ],
)
def test_words_a_user_types_find_the_record(
    corpus: Corpus, kind: Kind, ref: str, number: int
) -> None:
    assert query.resolve(corpus, kind, ref)["number"] == number


def test_a_project_by_words_and_by_a_word_cut_short(corpus: Corpus) -> None:
    assert query.resolve(corpus, "project", "hert")["id"] == "family-safeguarding-hertfordshire"
    assert query.resolve(corpus, "project", "isle wight")["id"] == "hampshire-isle-of-wight"
    assert query.resolve(corpus, "project", "Brighter")["id"] == "ealing-brighter-futures"


def test_several_records_are_listed_and_none_suggests(corpus: Corpus) -> None:
    with pytest.raises(
        NotFound, match=r"^'wellbeing' matches 2 outcomes: outcome 1: .*; outcome 5"
    ):
        query.resolve(corpus, "outcome", "wellbeing")
    with pytest.raises(
        NotFound, match=r"; did you mean outcome 2: Reduced risk for children( or |\?$)"
    ):
        query.resolve(corpus, "outcome", "reduced rsik")


# --- completion --------------------------------------------------------------------------------


def complete(cli: Cli, words: str, shell: str = "bash") -> list[str]:
    """What sevenf offers a shell for the last word of `words` (after 'sevenf ')."""
    line = f"sevenf {words}"
    parts = shlex.split(line) + ([""] if line.endswith(" ") else [])
    env = {"_SEVENF_COMPLETE": f"complete_{shell}", "SEVENF_DATA": str(DATA)}
    if shell == "bash":
        env |= {"COMP_WORDS": line, "COMP_CWORD": str(len(parts) - 1)}
    else:
        env["_TYPER_COMPLETE_ARGS"] = line
    code, out, err = cli(data=None, env=env)
    assert code == 0, out + err
    return out.splitlines()


def test_completion_offers_names_whose_words_begin_as_typed(corpus: Corpus, cli: Cli) -> None:
    assert complete(cli, "project he") == ["'Family Safeguarding Hertfordshire'"]
    assert complete(cli, "project herts") == ["'Family Safeguarding Hertfordshire'"]
    assert complete(cli, "feature disc") == [
        "'Multi-disciplinary skill sets working together'",
        "'Undertaking group case discussion'",
    ]
    assert complete(cli, "findings --outcome risk") == ["'Reduced risk for children'"]
    assert complete(cli, "brief --project ealing") == ["'Ealing Brighter Futures'"]


def test_completion_offers_the_numbers(cli: Cli) -> None:
    offered = complete(cli, "outcome ")
    assert offered[:7] == [str(n) for n in range(1, 8)]
    assert "'Reduced risk for children'" in offered
    assert complete(cli, "outcome 3") == ["3"]


def test_zsh_gets_names_unquoted_for_it_to_quote(cli: Cli) -> None:
    assert complete(cli, "feature Und", shell="zsh") == [
        "_arguments '*: :((\"Undertaking group case discussion\"))'"
    ]


def test_a_completed_line_runs(cli: Cli) -> None:
    (value,) = complete(cli, "feature Und")
    line = f"{shlex.quote(sys.executable)} -m seven_features feature {value} --json"
    result = subprocess.run(["bash", "-c", line], capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (0, "")
    assert '"number": 5' in result.stdout or '"number":5' in result.stdout


def test_completions_hold_nothing_but_names() -> None:
    candidates = names(["Family Safeguarding Hertfordshire", "Herts"], ["Hampshire and the Isle"])
    assert completions("he", candidates) == ["Family Safeguarding Hertfordshire"]
    assert completions("Isl HAM", candidates) == ["Hampshire and the Isle"]
    assert completions("shire", candidates) == []  # never a piece from inside a word
    assert completions("", candidates) == [
        "Family Safeguarding Hertfordshire",
        "Hampshire and the Isle",
    ]


# --- one rule for a REF and for completion: words, or the start of words ----------------------


def test_a_short_ref_names_only_the_records_with_a_word_it_begins(corpus: Corpus, cli: Cli) -> None:
    # 'he' is inside 'the' (Hampshire and the Isle of Wight) and 'Strengthening' (Reclaiming
    # Social Work's alias); only Hertfordshire has a word that begins with it
    assert query.resolve(corpus, "project", "he")["id"] == "family-safeguarding-hertfordshire"
    assert cli("project", "he", "--json")[0] == 0
    with pytest.raises(
        NotFound,
        match=r"^'h' matches 2 projects: project 'Family Safeguarding Hertfordshire'; project 'Social Care",
    ):
        query.resolve(corpus, "project", "h")
    assert query.resolve(corpus, "project", "streng")["id"] == "reclaiming-social-work"
    with pytest.raises(NotFound, match=r"^no project matches 'ening'"):
        query.resolve(corpus, "project", "ening")  # inside 'Strengthening', 'Deepening'
    with pytest.raises(NotFound, match=r"^no feature matches 'ciplin'"):
        query.resolve(corpus, "feature", "ciplin")  # inside 'multi-disciplinary'
    code, out, err = cli("project", "ening")
    assert (code, out) == (1, "") and err.startswith("sevenf: error: no project matches 'ening'")


def typed(corpus: Corpus) -> Iterator[tuple[Kind, str]]:
    """(kind, what a user may type): the starts of every word of every name, and pairs."""
    for kind in query.KINDS:
        for record in query.candidates(corpus, kind):
            for name in query._names(record):
                words = name.split()
                for word in words:
                    for n in (1, 2, 3, len(word)):
                        yield kind, word[:n]
                for first, second in pairwise(words):
                    yield kind, f"{second[:3]} {first[:2]}"


def test_completion_offers_exactly_what_a_ref_names(corpus: Corpus) -> None:
    checked = 0
    for kind, text in set(typed(corpus)):
        if not phrase(text) or text.isdecimal():
            continue  # nothing typed, or a number: completed and resolved as numbers
        records = query.named(query.candidates(corpus, kind))
        offered = completions(text, records)
        named = [names[0] for names, _ in find(text, records)]
        exact = any(phrase(n) == phrase(text) for names, _ in records for n in names)
        # an exact name is the one a REF means; completion still offers every longer name
        assert set(named) <= set(offered) if exact else named == offered, (kind, text)
        checked += 1
    assert checked > 500
