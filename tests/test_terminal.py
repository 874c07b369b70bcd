"""The rich terminal view never cuts text: cells wrap, narrow tables stack, prose keeps a
readable measure, a page number stays beside its "page", and any COLUMNS gives a width."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pytest
from helpers import OnTerminal
from rich.console import Console

from seven_features import output
from seven_features.corpus.indexed import Corpus
from seven_features.errors import assert_never
from seven_features.queries import query
from seven_features.render import terminal
from seven_features.render import text as plain_text
from seven_features.render.blocks import (
    Aside,
    Bar,
    Bullets,
    Cite,
    Em,
    Gap,
    Heading,
    Mark,
    Notes,
    Pairs,
    Para,
    Quote,
    Small,
    Strong,
    Table,
    Title,
    oneline,
    plain,
)
from seven_features.render.layout.views import layout

if TYPE_CHECKING:
    from seven_features.queries.results import Result
    from seven_features.render.blocks import Block, Spans

DATA_PATH = "/home/a-reader/documents/reports/2024/children-social-care/sevenf-data-folder"
VIEWS: dict[str, Callable[[Corpus], Result]] = {
    "validate": lambda c: query.validate_report(c, DATA_PATH),
    "about": query.about,
    "features": query.list_features,
    "outcomes": query.list_outcomes,
    "projects": query.list_projects,
    "sources": query.list_sources,
    "table": query.table,
    "feature 6": lambda c: query.feature(c, "6"),
    "outcome 2 --evidence": lambda c: query.outcome(c, "2", True),
    "findings": lambda c: query.findings(c, None, None, None),
    "quotes": lambda c: query.quotes(c, None, None),
    "search risk": lambda c: query.search(c, "risk"),
}


def screen(blocks: list[Block], width: int) -> str:
    out = io.StringIO()
    Console(file=out, width=width, color_system=None, markup=False, emoji=False).print(
        terminal.render(blocks)
    )
    return out.getvalue()


def squeezed(text: str) -> str:
    """No white space and no box lines: what is left whatever the wrapping."""
    return "".join(re.sub("[│╭╮╰╯─━]", "", text).split())


def columns(out: str) -> Iterator[str]:
    """Each table column's text, read down the column (a wrapped cell spans lines)."""
    lines = out.split("\n")
    for at, line in enumerate(lines):
        if not line.strip() or set(line.strip()) != {"━"}:
            continue
        header = lines[at - 1]
        starts = [m.start(1) for m in re.finditer(r"(?:^|  )(\S)", header)]
        body = []
        for row in lines[at + 1 :]:
            if not row.strip():
                break
            body.append(row)
        for n, start in enumerate(starts):
            end = starts[n + 1] if n + 1 < len(starts) else None
            yield "".join(row[start:end] for row in body)


def data_strings(blocks: list[Block]) -> Iterator[tuple[str, bool]]:
    """Every piece of data text a view shows, and whether it sits in a table cell."""

    def of(spans: Spans, cell: bool) -> Iterator[tuple[str, bool]]:
        for span in plain(spans):  # links as their text, a styled run as one string
            match span:
                case str():
                    yield span, cell
                case Gap():
                    yield span.text, False  # a cell's gap is explained in full below its table
                case Em() | Strong() | Mark():
                    yield span.text, cell
                case Cite() | Small() | Bar():
                    pass
                case _:
                    assert_never(span)

    for item in blocks:
        match item:
            case Heading():
                yield item.text, False
            case Para() | Aside():
                yield from of(item.spans, False)
            case Bullets():
                for entry in item.items:
                    yield from of(entry, False)
            case Pairs() | Notes():
                for _, value in item.items:
                    yield from of(value, False)
            case Quote():
                yield from of(item.spans, False)
                yield from of(item.attribution, False)
            case Table():
                for row in item.rows:
                    for cell in row:
                        yield from of(cell, True)
            case Title():
                pass
            case _:
                assert_never(item)


@pytest.mark.parametrize("width", [60, 80])
@pytest.mark.parametrize("view", list(VIEWS))
def test_no_text_is_cut(corpus: Corpus, view: str, width: int) -> None:
    blocks = layout(VIEWS[view](corpus))
    out = screen(blocks, width)
    assert max(len(line) for line in out.split("\n")) <= width
    whole, cells = squeezed(out), [squeezed(c) for c in columns(out)]
    for text, in_cell in data_strings(blocks):
        wanted = squeezed(oneline(text))
        assert wanted in whole or (in_cell and any(wanted in c for c in cells)), text
    if "…" not in plain_text.render(blocks):
        assert "…" not in out  # rich's mark of a cut


def test_a_narrow_terminal_stacks_a_table_and_a_wide_one_draws_it(corpus: Corpus) -> None:
    blocks = layout(query.list_features(corpus))
    wide, narrow = screen(blocks, 100), screen(blocks, 50)
    assert "━━━" in wide and "Feature      Using a clear, strengths-based" not in wide
    assert "━━━" not in narrow
    assert "Feature      Using a clear, strengths-based" in narrow


def test_the_projects_list_is_readable_at_80_columns(corpus: Corpus) -> None:
    blocks = layout(query.list_projects(corpus))
    out = screen(blocks, 80)
    assert len(out.rstrip().split("\n")) <= 42  # was 52, each note squeezed into a column
    assert "[not given (a)]" in out
    assert "(a) [places not given in the source: The document does not say where the" in out


def test_prose_keeps_a_readable_measure_on_a_wide_terminal(corpus: Corpus) -> None:
    out = screen(layout(query.feature(corpus, "6")), 200)
    lines = [line.rstrip() for line in out.split("\n") if "─" not in line]
    assert max(len(line) for line in lines) <= terminal.MEASURE
    assert max(len(line) for line in lines) > terminal.MEASURE - 10  # and uses it


@pytest.mark.parametrize("width", range(30, 101))
def test_page_never_ends_a_line_without_its_number(corpus: Corpus, width: int) -> None:
    out = screen(layout(query.quotes(corpus, None, None)), width)
    assert not re.search(r"\b(?:page|p\.|pg\.)\s*│?\n[│ ]*\d", out)


def test_the_no_break_space_is_the_terminals_not_the_datas(corpus: Corpus) -> None:
    blocks = layout(query.quotes(corpus, None, None))
    assert "(page\u00a0" in screen(blocks, 80)
    assert "\u00a0" not in plain_text.render(blocks)


@pytest.mark.parametrize("columns", ["0", "", "-5", "wide", "99999999999", "٨٠"])
def test_a_width_of_0_or_nonsense_is_80(
    corpus: Corpus,
    columns: str,
    monkeypatch: pytest.MonkeyPatch,
    on_terminal: OnTerminal,
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    assert output.terminal_width(io.StringIO()) == 80
    shown = on_terminal(query.list_features(corpus), settings=output.Settings(no_color=True))
    lines = shown.split("\n")
    assert "Using a clear, strengths-based" in shown
    assert max(len(line) for line in lines) == 80


def test_columns_sets_the_width(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "132")
    assert output.terminal_width(io.StringIO()) == 132
