"""NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029) fold like any
other line break in every text format, so a line-based reader never splits a record;
JSON writes them as escapes, which parse back to the same text."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from seven_features import output
from seven_features.render import html, markdown, terminal, text
from seven_features.render.blocks import (
    Aside,
    Bullets,
    Em,
    Gap,
    Heading,
    Notes,
    Pairs,
    Para,
    Quote,
    Table,
    clean,
    oneline,
)

if TYPE_CHECKING:
    from seven_features.render.blocks import Block

BREAKS = {"NEL": "\x85", "LINE SEPARATOR": "\u2028", "PARAGRAPH SEPARATOR": "\u2029"}


def blocks(mark: str) -> list[Block]:
    """One of every block, each text broken by `mark`."""
    return [
        Heading(1, f"Title{mark}one"),
        Heading(2, f"Title{mark}two"),
        Para([f"one{mark}two", Em(f"three{mark}four"), Gap(f"five{mark}six")]),
        Aside([f"seven{mark}eight"]),
        Bullets([[f"item{mark}text"]]),
        Pairs([("Label", [f"value{mark}text"])]),
        Quote([f"quoted{mark}words"], [f"said{mark}by"]),
        Notes([(1, [f"note{mark}text"])]),
        Table(f"table{mark}caption", ["Column"], [[[f"cell{mark}text"]]]),
    ]


def on_a_terminal(items: list[Block]) -> str:
    return terminal.render(items, width=200, colour=False)


RENDERERS: dict[str, Callable[[list[Block]], str]] = {
    "text": text.render,
    "markdown": markdown.render,
    "html": html.render,
    "terminal": on_a_terminal,
}


@pytest.mark.parametrize("renderer", list(RENDERERS))
@pytest.mark.parametrize("mark", list(BREAKS.values()), ids=list(BREAKS))
def test_every_text_format_folds_them(mark: str, renderer: str) -> None:
    shown = RENDERERS[renderer](blocks(mark))
    assert mark not in shown
    for folded in ("one two", "three four", "quoted words", "cell text", "note text"):
        assert folded in shown, folded


@pytest.mark.parametrize("mark", list(BREAKS.values()), ids=list(BREAKS))
def test_oneline_folds_and_clean_escapes(mark: str) -> None:
    assert oneline(f"a{mark}b") == "a b"
    assert oneline(f"a {mark} b") == "a b"
    assert clean(f"a{mark}b") == f"a\\u{ord(mark):04x}b"


@pytest.mark.parametrize("mark", list(BREAKS.values()), ids=list(BREAKS))
def test_json_escapes_them_and_parses_back_the_same(mark: str) -> None:
    result = {"view": "x", "text": f"a{mark}b"}
    written = output.to_json(result)
    assert mark not in written and f"a\\u{ord(mark):04x}b" in written
    assert json.loads(written) == result
