"""The evidence map in a terminal (issue 20): a grid that fits 80 columns and more, with
outcome numbers for headers and each outcome and project named once in a key; at most 60
lines at 80 columns; the detail it leaves out one command away (`--detail`); no word
ever broken. Piped, in Markdown, HTML and JSON the map keeps all of it."""

from __future__ import annotations

import json
import os
import re

import pytest
from helpers import DATA, Cli, on_a_terminal

from seven_features.corpus.indexed import Corpus
from seven_features.queries import query
from seven_features.render import text
from seven_features.render.layout.views import layout_all

RULES = re.compile("^[━─]+$")


def drawn(*argv: str, columns: int) -> list[str]:
    """What `sevenf ARGV` draws on a terminal `columns` wide, line by line, no colour."""
    env = {**os.environ, "COLUMNS": str(columns), "NO_COLOR": "1"}
    code, out, err = on_a_terminal(["--data", str(DATA), *argv], env)
    assert code == 0, err
    return out.decode("utf-8").replace("\r\n", "\n").rstrip("\n").split("\n")


def words_of(corpus: Corpus, by: str, *, detail: bool) -> set[str]:
    """Every word the map's blocks hold, as lines of plain text (never wrapped) show them,
    and the terminal's bullet; "label:" as the terminal draws a label, without the colon."""
    result = query.evidence_map(corpus, by)
    words = text.render(layout_all(result, screen=True, detail=detail)).split()
    return {"•", *words, *(w.removesuffix(":") for w in words)}


def broken(lines: list[str], words: set[str]) -> list[str]:
    """The pieces of the lines that are not whole words of the map: a word split in two."""
    return [w for line in lines for w in line.split() if w not in words and not RULES.match(w)]


@pytest.mark.parametrize("by", ["feature", "project"])
@pytest.mark.parametrize("columns", [80, 100, 120, 200])
def test_the_map_fits_the_terminal_and_splits_no_word(
    by: str, columns: int, corpus: Corpus
) -> None:
    lines = drawn("map", "--by", by, columns=columns)
    assert max(len(line) for line in lines) <= columns
    assert broken(lines, words_of(corpus, by, detail=False)) == []
    assert len(lines) <= 60
    # the grid: a row a feature (or project), one line each from 100 columns
    head = next(n for n, line in enumerate(lines) if re.match(r"(Feature|Project) +1 +2 ", line))
    assert re.fullmatch(r"(Feature|Project) +1 +2 +3 +4 +5 +6 +7", lines[head])
    if columns >= (100 if by == "feature" else 120):
        rows = lines[head + 2 : head + 2 + len(query.evidence_map(corpus, by)["rows"])]
        assert all(re.search(r"(—|\d|\]|[A-Z]\*?)$", row) for row in rows), rows


def test_at_80_columns_the_map_is_one_screen_and_says_where_the_rest_is() -> None:
    lines = drawn("map", columns=80)
    assert len(lines) <= 60
    shown = "\n".join(lines)
    assert (
        "1. Using a clear, strengths-based practice framework  A*  A*  —   —   —   —   —" in shown
    )
    assert "3. Enabling staff to do skilled direct work           —   C*  C*  C*  D   C*  —" in (
        shown
    )
    for key in ("2  Reduced risk for children", "C  Family Safeguarding Hertfordshire"):
        assert key in lines
    # what it leaves out, and where that is, each command on a line of its own
    assert "The findings in the map" not in shown
    assert "sevenf map --detail" in lines and "sevenf feature N --evidence" in lines


@pytest.mark.parametrize("columns", [80, 120])
def test_the_detail_is_one_command_away(columns: int, corpus: Corpus) -> None:
    lines = drawn("map", "--detail", columns=columns)
    shown = "\n".join(lines)
    assert max(len(line) for line in lines) <= columns
    assert broken(lines, words_of(corpus, "feature", detail=True)) == []
    for heading in ("Projects linked to each feature", "The findings in the map"):
        assert heading in lines
    assert "parents' sense of control of their lives improved significantly.[9]" in " ".join(
        shown.split()
    )
    # the same grid as without --detail
    short = drawn("map", columns=columns)
    start = short.index(next(line for line in short if line.startswith("Feature ")))
    assert "\n".join(short[start : start + 9]) in shown


def test_every_other_format_keeps_all_of_it(cli: Cli) -> None:
    for fmt in ("table", "markdown", "html"):  # piped: plain text
        code, out, _ = cli("map", "--format", fmt)
        assert code == 0 and "The findings in the map" in out
        assert "Projects linked to each feature" in out
    assert cli("map", "--json") == cli("map", "--detail", "--json")
    assert json.loads(cli("map", "--json").stdout)["view"] == "map"
