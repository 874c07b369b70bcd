"""The terminal drawing, from typed blocks built by hand: nothing cut, nothing wider than the
terminal, no trailing spaces, escape codes only with colour and only SGR, tables that fit
or stack, explained gaps lettered, page numbers beside their word, and no rich at all."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seven_features.render import terminal
from seven_features.render.blocks import (
    NOTES,
    Aside,
    Bar,
    Bullets,
    Cite,
    Command,
    Em,
    Gap,
    Heading,
    Link,
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

if TYPE_CHECKING:
    from seven_features.render.blocks import Block, Spans

WIDTHS = [20, 40, 80, 120]
SGR = re.compile(r"\x1b\[[0-9;]*m")
LONG_TITLE = "Feature 6: High intensity and consistency of practitioner, as the document names it"
LONG_WORD = "Supercalifragilisticexpialidociousnessfulnesswithoutendorbreak"  # 62 letters
WIDE = "日本語のテキスト"  # 8 characters, 16 cells
TWO_NOTES = [
    Gap("places not given in the source: The document does not say where the project ran."),
    Gap("places not given in the source: The document names no authority."),
]


def draw(blocks: list[Block], width: int, colour: bool = False) -> str:
    return terminal.render(blocks, width=width, colour=colour)


def cells(text: str) -> int:
    """Terminal cells, counted here without the renderer's help."""
    total = 0
    for char in text:
        if unicodedata.east_asian_width(char) in "WF":
            total += 2
        elif not unicodedata.combining(char):
            total += 1
    return total


def visible(out: str) -> str:
    return SGR.sub("", out)


def squeezed(text: str) -> str:
    """No white space and no box lines: what is left whatever the wrapping."""
    return "".join(re.sub("[│╭╮╰╯─━•]", "", text).split())


def every_kind() -> list[Block]:
    """One of every block holding one of every span, long words, wide characters and
    page numbers."""
    return [
        Title(LONG_TITLE, ["Seven features of practice, ", Em("page 24"), " ", Cite(3)]),
        Heading(1, "Definition and more"),
        Heading(2, "What difference does it make?"),
        Heading(3, "Potential pitfalls"),
        Para(
            [
                "Successful projects often focussed on ensuring children and families had "
                "access to a consistent single practitioner (see page 12, p. 4 and pg. 7)",
                Cite(26),
                " with a ",
                Mark("match"),
                ", a ",
                Strong("headline"),
                ", an ",
                Small("aside"),
                ", a ",
                Em(["label with ", Link("feature", "6", "a linked feature")]),
                " and a ",
                Gap("speaker not given in the source: the evaluation names no one"),
                f" {LONG_WORD} and {WIDE} {WIDE}{WIDE}{WIDE} and cafe\u0301 déjà vu.",
            ]
        ),
        Aside(["sevenf's own words ", Cite("brief-a"), " about pages 3 to 9."]),
        Bullets(
            [
                [Strong("Prevents confusing multiple approaches"), " – routed through one person."],
                [Bar(14, 23), " 14 of 23 projects: “Fourteen of the 23 projects”", Cite(10)],
                [Command("sevenf feature 6 --evidence", ["the feature's evidence"])],
            ]
        ),
        Pairs([("Projects", ["Ealing Brighter Futures, No Wrong Door"]), ("Page", ["p. 29"])]),
        Pairs([("A label longer than twenty-four characters", ["stands above its text."])]),
        Quote(
            ["There's definitely more support available, and that's for the parent."],
            ["Parent, Ealing Brighter Futures evaluation.", Cite(26), " (page 29)"],
        ),
        Notes([(26, ["Children's Social Care Innovation Programme, page 29."]), (3, ["Ibid."])]),
        Table(
            "Projects",
            ["Project", "Places", "Findings"],
            [
                [["Mockingbird Family Model"], [TWO_NOTES[0]], ["1"]],
                [["Signs of Safety"], [TWO_NOTES[1]], ["2"]],
                [["Reclaiming Social Work"], ["five authorities"], [Gap("none")]],
            ],
        ),
    ]


def texts(items: Spans) -> Iterator[str]:
    """The text each span shows on a terminal."""
    for span in plain(items):
        match span:
            case str():
                yield span
            case Cite():
                yield f"[{span.key}]"
            case Gap():
                yield f"[{span.text}]"
            case Mark() | Small() | Em() | Strong():
                yield span.text
            case Bar():
                yield "█" * span.count + "░" * (span.total - span.count)


def prose(blocks: list[Block]) -> Iterator[str]:
    """Every run of text the blocks show in a flowing column (not a table's cells)."""
    for item in blocks:
        match item:
            case Title():
                yield item.text
                yield "".join(texts(item.spans))
            case Heading():
                yield item.text
            case Para() | Aside():
                yield "".join(texts(item.spans))
            case Bullets():
                yield from ("".join(texts(entry)) for entry in item.items)
            case Pairs():
                for label, value in item.items:
                    yield label
                    yield "".join(texts(value))
            case Quote():
                yield "“" + "".join(texts(item.spans)) + "”"
                yield "— " + "".join(texts(item.attribution))
            case Notes():
                yield from ("".join(texts(text)) for _, text in item.items)
            case Table():
                yield from item.columns


def words(blocks: list[Block]) -> Iterator[str]:
    """Every word of every text the blocks hold, tables' cells included."""
    for item in blocks:
        if isinstance(item, Table):
            for row in item.rows:
                for cell in row:
                    yield from "".join(texts(cell)).split()
    for text in prose(blocks):
        yield from text.split()


# --- the properties of every drawing ---------------------------------------------------


@pytest.mark.parametrize("colour", [False, True], ids=["plain", "colour"])
@pytest.mark.parametrize("width", WIDTHS)
def test_no_line_is_wider_than_the_terminal_or_ends_in_a_space(width: int, colour: bool) -> None:
    out = draw(every_kind(), width, colour)
    assert out.endswith("\n") and not out.endswith("\n\n")
    for line in out.split("\n"):
        assert cells(visible(line)) <= width, line
        assert not line.endswith(" ") and not visible(line).endswith(" "), repr(line)


@pytest.mark.parametrize("width", WIDTHS)
def test_every_word_is_whole_unless_wider_than_its_column(width: int) -> None:
    # The narrowest column a word may have to fit: the text beside a bullet or a note's
    # number, in a quote's box, or under a long label.
    column = width - 6
    out = draw(every_kind(), width)
    for word in words(every_kind()):
        if cells(word) <= column:
            assert word in out, word
    assert "…" not in out


@pytest.mark.parametrize("width", WIDTHS)
def test_the_text_of_every_span_survives(width: int) -> None:
    whole = squeezed(draw(every_kind(), width))
    for text in prose(every_kind()):
        assert squeezed(text) in whole, text
    # the long word and the wide run, folded where they must be, are all there
    assert LONG_WORD in whole and WIDE * 3 in whole
    # a command shows its words, a link its text, never what a reader's format says
    assert "sevenffeature6--evidence" in whole and "alinkedfeature" in whole
    assert "evidence." not in whole and "feature'sevidence" not in whole


def test_without_colour_there_is_no_escape_at_all() -> None:
    for width in WIDTHS:
        assert "\x1b" not in draw(every_kind(), width, colour=False)


@pytest.mark.parametrize("width", WIDTHS)
def test_colour_adds_only_sgr_codes_to_the_same_layout(width: int) -> None:
    coloured = draw(every_kind(), width, colour=True)
    assert "\x1b[" in coloured
    assert "\x1b" not in SGR.sub("", coloured)  # SGR codes only, no other escape
    assert visible(coloured) == draw(every_kind(), width, colour=False)
    for line in coloured.split("\n"):  # no style is left open at a line's end
        codes = SGR.findall(line)
        assert not codes or codes[-1] == "\x1b[0m", repr(line)


def test_each_style_has_its_codes() -> None:
    out = draw(every_kind(), 120, colour=True)
    for styled in [
        "\x1b[36m[26]\x1b[0m",  # cite: cyan
        "\x1b[3;33m[speaker not given",  # gap: italic yellow
        "\x1b[1;7mmatch\x1b[0m",  # mark: bold reverse
        "\x1b[1mheadline\x1b[0m",  # strong: bold
        "\x1b[2maside\x1b[0m",  # small: dim
        "\x1b[2mlabel\x1b[0m\n\x1b[2mwith a linked feature\x1b[0m",  # em: dim, closed at each line end
        "\x1b[2;3msevenf's own words ",  # aside: dim italic
        "\x1b[2;3;36m[brief-a]\x1b[0m",  # a cite in an aside
        "\x1b[36m" + "█" * 14 + "\x1b[0m\x1b[2m" + "░" * 9 + "\x1b[0m",  # bar
        "\x1b[1mDefinition and more\x1b[0m \x1b[34m─",  # h1: bold on blue
        "\x1b[1;4mWhat difference does it make?\x1b[0m",  # h2: bold underline
        "\x1b[1mPotential pitfalls\x1b[0m",  # h3: bold
        "\x1b[1mProjects\x1b[0m  Ealing",  # a label: bold
        "\x1b[32m╭",  # a quote's box: green
        "\x1b[3m— Parent, Ealing",  # the attribution: italic
        "\x1b[1mProject\x1b[0m",  # a table's header: bold
        "\x1b[3;33m[not given (a)]\x1b[0m",  # a shortened gap
    ]:
        assert styled in out, repr(styled)


def test_an_unknown_block_is_a_bug() -> None:
    with pytest.raises(AssertionError, match="unhandled value"):
        draw([("p", ["a tuple block"])], 80)  # type: ignore[list-item]


# --- prose, headings and lists ---------------------------------------------------------


def test_prose_keeps_a_readable_measure_and_the_rule_the_whole_width() -> None:
    text = " ".join(["A sentence of ordinary words that goes on."] * 20)
    out = draw([Heading(1, "Title"), Para([text]), Bullets([[text]]), Notes([(1, [text])])], 200)
    lines = out.split("\n")
    assert cells(lines[0]) == 200
    prose_lines = lines[1:]
    assert max(cells(line) for line in prose_lines) <= terminal.MEASURE
    assert max(cells(line) for line in prose_lines) > terminal.MEASURE - 10


def test_a_title_on_its_rule_and_a_long_one_above_it() -> None:
    assert draw([Heading(1, "Short")], 20) == "Short ──────────────\n"
    out = draw([Title(LONG_TITLE, [])], 40).split("\n")
    assert out[:3] == [
        "Feature 6: High intensity and",
        "consistency of practitioner, as the",
        "document names it",
    ]
    assert out[3] == "─" * 40
    wide = draw([Title(LONG_TITLE, [])], 120).split("\n")[0]
    assert wide == f"{LONG_TITLE} " + "─" * (120 - len(LONG_TITLE) - 1)


@pytest.mark.parametrize("width", range(20, 61))
def test_a_page_number_stays_beside_its_word(width: int) -> None:
    text = " ".join(f"see page {n}, p. {n}, pages {n} and pg. {n} of it" for n in range(8))
    out = draw([Para([text]), Bullets([[text]]), Quote([text], [text])], width)
    assert not re.search(r"\b(?:pages?|p\.|pg\.)\s*│?\n[│ ]*\d", out)
    assert "page\u00a07" in out and "p.\u00a07" in out and "pg.\u00a07" in out


def test_a_word_wider_than_the_line_is_folded_and_only_it() -> None:
    out = draw([Para([f"short {LONG_WORD} words"])], 20).split("\n")[:-1]
    assert out == ["short", LONG_WORD[:20], LONG_WORD[20:40], LONG_WORD[40:60], "ak words"]


def test_wide_characters_take_two_cells_and_combining_marks_none() -> None:
    out = draw([Para([f"{WIDE} {WIDE} cafe\u0301 cafe\u0301"])], 20).split("\n")[:-1]
    assert out == [WIDE, WIDE, "cafe\u0301 cafe\u0301"]
    assert draw([Para([WIDE * 2])], 20).split("\n")[:2] == [WIDE + "日本", "語のテキスト"]


def test_bullets_hang_and_pairs_line_up() -> None:
    text = "one two three four five six seven eight nine ten"
    out = draw([Bullets([[text], ["last"]])], 20)
    assert out == "• one two three four\n  five six seven\n  eight nine ten\n• last\n"
    out = draw([Pairs([("A", ["one two three"]), ("Label", ["four"])])], 80)
    assert out == "A      one two three\nLabel  four\n"


def test_a_long_label_or_a_narrow_terminal_puts_each_label_above_its_text() -> None:
    label = "A label longer than twenty-four"
    out = draw([Pairs([(label, ["its text"]), ("Short", ["more"])])], 120)
    assert out == f"{label}\n  its text\nShort\n  more\n"
    # beside a label of 14, a column of 6 would break "practitioner": the label goes above
    out = draw([Pairs([("Table 1 row 6", ["consistency of practitioner"])])], 20)
    assert out == "Table 1 row 6\n  consistency of\n  practitioner\n"


def test_a_web_address_wider_than_any_column_leaves_its_label_beside_it() -> None:
    address = "https://www.example.org/" + "a-long-path/" * 6  # 96 characters
    out = draw([Pairs([("Public record", [f"see {address} there"])])], 60).split("\n")
    assert out[0] == "Public record  see"
    assert out[1] == "               " + address[:45]
    assert "".join(line.strip() for line in out[1:4]).startswith(address)


def test_a_quote_in_a_rounded_box_with_who_said_it() -> None:
    out = draw([Quote(["Words said."], ["Parent", Cite(2)])], 30)
    assert out == (
        "╭────────────────────────────╮\n"
        "│ “Words said.”              │\n"
        "│ — Parent[2]                │\n"
        "╰────────────────────────────╯\n"
    )


def test_notes_under_their_heading_numbers_right_justified() -> None:
    out = draw([Notes([(9, ["Nine."]), (10, ["Ten, with more words than fit."])])], 24)
    assert out == (f"{NOTES}\n\n [9] Nine.\n[10] Ten, with more\n     words than fit.\n")


def test_blocks_are_a_blank_line_apart() -> None:
    assert draw([Para(["one"]), Para(["two"])], 80) == "one\n\ntwo\n"
    assert draw([], 80) == "\n"


def test_data_text_is_literal_and_its_controls_visible() -> None:
    out = draw([Para(["\x1b[2J [red]x[/] \u202e end"]), Heading(2, "a\nb")], 80, colour=True)
    assert "\\u001b[2J [red]x[/] \\u202e end" in visible(out)
    assert "a b" in out and "\x1b[2J" not in out and "\u202e" not in out


# --- tables --------------------------------------------------------------------------


def table_rows() -> list[list[Spans]]:
    return [
        [["Creating Strong Communities in North East Lincolnshire"], ["North East Lincs"], ["1"]],
        [["Leeds Family Valued"], ["Leeds"], ["12"]],
    ]


def test_a_table_that_fits_is_drawn_at_its_natural_width() -> None:
    out = draw([Table("Projects", ["Project", "Places", "Findings"], table_rows())], 120)
    assert out == (
        "Projects\n"
        "Project                                                 Places            Findings\n"
        + "━"
        * (len("Creating Strong Communities in North East Lincolnshire") + 2 + 16 + 2 + 8)
        + "\n"
        "Creating Strong Communities in North East Lincolnshire  North East Lincs  1\n"
        "Leeds Family Valued                                     Leeds             12\n"
    )


def test_a_narrower_table_shares_the_width_and_breaks_no_word() -> None:
    # "Findings" (8) wants no more than an even share of the 36 columns: it stays whole;
    # the 28 left go to the others in proportion to their content (55 and 16), neither
    # below its longest word (12 and 6)
    out = draw([Table(None, ["Project", "Places", "Findings"], table_rows())], 40)
    assert out == (
        "Project                 Places  Findings\n" + "━" * 40 + "\n"
        "Creating Strong         North   1\n"
        "Communities in North    East\n"
        "East Lincolnshire       Lincs\n"
        "Leeds Family Valued     Leeds   12\n"
    )


def test_narrow_columns_stay_whole_and_the_wide_share_the_rest() -> None:
    # the evidence map's shape: a long first column, long cells, and a column of dashes
    wide = "1: Family Safeguarding Hertfordshire (quotes alone)"
    row: list[Spans] = [["4. Multi-disciplinary skill sets working together"]]
    row += [[wide] for _ in range(6)]
    row.append(["—"])
    rows = [row]
    columns = ["Feature"] + [f"Outcome {n}" for n in range(1, 8)]
    out = draw([Table(None, columns, rows)], 120).split("\n")
    assert out[0].split("  ")[-1] == "Outcome 7"  # whole, on one line
    assert out[0].count("Outcome") == 7 and len(out[1]) == 120
    text = "\n".join(out)
    assert text.count("Multi-disciplinary") == 1 and text.count("Hertfordshire") == 6


def test_column_widths_each_at_least_the_longest_word() -> None:
    rows: list[list[Spans]] = [
        [["alpha beta gamma delta epsilon"], ["one two"], ["a-very-long-single-word"]]
    ]
    assert "━" not in draw([Table(None, ["A", "B", "C"], rows)], 36)
    for width in range(37, 80):  # 7 + 3 + 23 and two gaps of 2
        out = draw([Table(None, ["A", "B", "C"], rows)], width)
        assert "━" in out, width
        assert "a-very-long-single-word" in out and "epsilon" in out
        assert all(cells(line) <= width for line in out.split("\n"))


def test_a_wrapped_header_stands_on_the_rule() -> None:
    rows: list[list[Spans]] = [[["1"], ["Fourteen of 26 projects"]]]
    # the header wants 31 columns of the 27 left beside "#": all 30 are shared out
    out = draw([Table(None, ["#", "First count of projects printed"], rows)], 30).split("\n")
    assert out == [
        "   First count of projects",
        "#  printed",
        "━" * 30,
        "1  Fourteen of 26 projects",
        "",
    ]


def test_a_table_too_wide_for_the_terminal_stacks_its_rows() -> None:
    columns = ["Project", "Places", "Findings"]
    # the longest words, 12 + 6 + 8, and two gaps of 2 need 30 columns
    assert "━" in draw([Table("Projects", columns, table_rows())], 30)
    out = draw([Table("Projects", columns, table_rows())], 29)
    assert out == (
        "Projects\n"
        "Project   Creating Strong\n"
        "          Communities in\n"
        "          North East\n"
        "          Lincolnshire\n"
        "Places    North East Lincs\n"
        "Findings  1\n"
        "\n"
        "Project   Leeds Family Valued\n"
        "Places    Leeds\n"
        "Findings  12\n"
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_a_table_fits_or_stacks(width: int) -> None:
    rows: list[list[Spans]] = [
        [[f"word{n}" * 3], [LONG_WORD[:30]], [f"{WIDE} cell"]] for n in range(3)
    ]
    out = draw([Table("Caption", ["First column", "Second", "Third"], rows)], width)
    lines = out.split("\n")
    assert all(cells(line) <= width for line in lines)
    if "━" in out:  # drawn: the header above the rule, each row on lines of its own
        at = next(n for n, line in enumerate(lines) if line and set(line) == {"━"})
        assert lines[at - 1].split() == ["First", "column", "Second", "Third"]
        assert LONG_WORD[:30] in out
    else:  # stacked: each value beside (or under) its column's name
        assert out.count("First column") == 3 and out.count("Third") == 3
    assert width >= 80 or "━" not in out  # 15 + 30 + 8 and gaps need more than 40


def test_explained_gaps_are_lettered_and_listed_under_the_table() -> None:
    rows: list[list[Spans]] = [
        [[Gap(f"places not given in the source: reason {n}.")]] for n in range(28)
    ]
    rows.append([[Gap("not given")]])  # no explanation: shown whole
    letters = [terminal.letter(n) for n in range(28)]
    for width in (30, 80):
        out = draw([Table(None, ["Places"], rows)], width)
        table, notes = out.split("\n\n")
        assert re.findall(r"\[not given \(([a-z]+)\)\]", table) == letters
        assert letters[:3] == ["a", "b", "c"] and letters[-2:] == ["aa", "ab"]
        assert table.endswith("\n[not given]")
        # each note under its letter, in full, in the order of the letters
        listed = re.findall(r"^\(([a-z]+)\) +(.*(?:\n {5}.*)*)", notes, re.MULTILINE)
        assert [key for key, _ in listed] == letters
        for n, (_, text) in enumerate(listed):
            assert " ".join(text.split()) == f"[places not given in the source: reason {n}.]"


def test_letters_go_on_after_z() -> None:
    assert [terminal.letter(n) for n in (0, 25, 26, 27, 51, 52, 701, 702)] == [
        "a",
        "z",
        "aa",
        "ab",
        "az",
        "ba",
        "zz",
        "aaa",
    ]


def test_columns_line_up_in_cells_with_wide_characters() -> None:
    rows: list[list[Spans]] = [[[WIDE], ["after"]], [["ab"], ["after"]]]
    out = draw([Table(None, ["Name", "Next"], rows)], 80).split("\n")
    starts = [cells(line[: line.index("after")]) for line in out if "after" in line]
    assert starts == [18, 18]


# --- properties over any text ----------------------------------------------------------

_WORDS = st.text(
    alphabet=st.sampled_from("abcdefghij日本語é\u0301\u00a0-–.,"), min_size=1, max_size=30
).filter(lambda word: not word.isspace())
_TEXT = st.lists(_WORDS, min_size=0, max_size=40).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(texts_=st.lists(_TEXT, min_size=1, max_size=4), width=st.integers(5, 130))
def test_any_text_wraps_within_the_width_and_keeps_every_word(
    texts_: list[str], width: int
) -> None:
    blocks: list[Block] = [Para([texts_[0]]), Bullets([[t] for t in texts_])]
    blocks.append(Table(None, [f"c{n}" for n in range(len(texts_))], [[[t] for t in texts_]]))
    out = draw(blocks, width)
    for line in out.split("\n"):
        assert cells(line) <= width and not line.endswith(" ")
    lines = out.split("\n")
    for text in texts_:
        for word in oneline(text).split():  # white space folded, a no-break space too
            if word and cells(word) <= min(width, terminal.MEASURE) - 2:
                assert any(word in line for line in lines), word
    assert squeezed(oneline(texts_[0])) in squeezed(out)


@settings(max_examples=100, deadline=None)
@given(text=_TEXT, width=st.integers(1, 60))
def test_wrap_cuts_at_spaces_into_lines_that_fit(text: str, width: int) -> None:
    cuts = terminal.wrap(text, width)
    kept = "".join(text[a:b] for a, b, _ in cuts)
    assert kept.replace(" ", "") == text.replace(" ", "")
    for a, b, used in cuts:
        assert used == cells(text[a:b])
        assert used <= width or b - a == 1


_CELL = st.lists(st.text(alphabet="abcdefgh", min_size=1, max_size=12), max_size=8).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(
    table=st.integers(1, 6).flatmap(
        lambda n: st.lists(st.lists(_CELL, min_size=n, max_size=n), min_size=1, max_size=4)
    ),
    width=st.integers(10, 120),
)
def test_a_table_stacks_only_where_its_longest_words_cannot_stand_side_by_side(
    table: list[list[str]], width: int
) -> None:
    names = [f"c{n}" for n in range(len(table[0]))]
    out = draw([Table(None, names, [[[cell] for cell in row] for row in table])], width)
    lines = out.split("\n")
    assert all(cells(line) <= width and not line.endswith(" ") for line in lines)
    longest = [
        max(len(word) for row in [names, *table] for word in row[n].split())
        for n in range(len(names))
    ]
    stacked = "━" not in out
    assert stacked == (sum(longest) + 2 * (len(names) - 1) > width)
    if not stacked:  # every word whole on a line of its own column
        for row in table:
            for cell in row:
                for word in cell.split():
                    assert re.search(rf"(^|\s){word}(\s|$)", out, re.MULTILINE), word


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from("ab  -–“”\u00a0"), max_size=80),
    width=st.integers(1, 30),
)
def test_the_quick_wrap_of_one_cell_text_cuts_as_the_general_one(text: str, width: int) -> None:
    assert terminal._wrap_narrow(text, width) == terminal._wrap_cells(text, width)


# --- the cost of importing it ----------------------------------------------------------


def test_drawing_for_a_terminal_imports_nothing_heavy() -> None:
    probe = (
        "import sys; before = set(sys.modules)\n"
        "import seven_features.render.terminal\n"
        "print(' '.join(sorted(set(sys.modules) - before)))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded = set(done.stdout.split())
    # (enum comes with re, which every view needs to clean its text, so it is not listed)
    heavy = {"rich", "typing", "dataclasses", "textwrap", "pathlib", "typer", "pydantic"}
    assert not loaded & heavy, loaded & heavy
    assert not any(name.startswith("rich") for name in loaded)
