"""Every format draws every kind of block and span (`render/blocks.py`): one of each,
drawn by each format, each showing in the format's own way. mypy holds each format's
`match` to every kind; this holds what each draws."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from seven_features.render import blocks, html, markdown, terminal, text
from seven_features.render.blocks import (
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
    NoteMark,
    Notes,
    Pairs,
    Para,
    Quote,
    Small,
    Strong,
    Table,
    Title,
)

if TYPE_CHECKING:
    from seven_features.render.blocks import Block, Span

#: One span of each kind, in the order a paragraph holds them.
SPANS: dict[str, Span] = {
    "cite": Cite(7),
    "note mark": NoteMark("q"),
    "gap": Gap("gap words"),
    "mark": Mark("marked words"),
    "small": Small("small words"),
    "link": Link("feature", "f3", "linked words"),
    "em": Em("em words"),
    "em run": Em(["em run ", Link("project", "p1", "em link")]),
    "strong": Strong("strong words"),
    "strong run": Strong(["strong run ", Link("outcome", "o1", "strong link")]),
    "bar": Bar(2, 5),
    "command": Command("sevenf feature 3", ["said words"]),
}


def every_block() -> list[Block]:
    """One block of each kind, a paragraph holding one span of each kind."""
    return [
        Title("Title words", ["under the title"]),
        Heading(1, "Heading one"),
        Heading(2, "Heading two"),
        Heading(3, "Heading three"),
        Para(["plain words ", *SPANS.values()]),
        Aside(["aside words"]),
        Bullets([["item one"], ["item two"]], ["finding-a", "finding-b"]),
        Pairs([("Label", ["label value"])]),
        Quote(["quoted words"], ["said by"]),
        Table("Caption words", ["Column"], [[["cell words"]]]),
        Notes([(7, ["note seven"])]),
    ]


def on_a_terminal(items: list[Block]) -> str:
    return terminal.render(items, width=200, colour=False)


SITE = html.Site(
    path="a/b.html", href=lambda kind, key: f"{kind}s/{key}.html", name="S", nav=(), footer=()
)
FORMATS: dict[str, Callable[[list[Block]], str]] = {
    "text": text.render,
    "markdown": markdown.render,
    "markdown for pandoc": lambda b: markdown.render(b, pandoc=True),
    "html": html.render,
    "html site page": lambda b: html.render(b, SITE),
    "terminal": on_a_terminal,
}
#: What each format draws of each kind, where it draws it its own way.
DRAWN: dict[str, dict[str, str]] = {
    "text": {
        "title": "Title words\n===========\nunder the title",
        "h1": "Heading one\n===========",
        "h2": "Heading two\n-----------",
        "cite": "[7]",
        "note mark": "[q]",
        "gap": "[gap words]",
        "mark": "«marked words»",
        "bar": "##...",
        "command": "sevenf feature 3",
        "ul": "- item one\n- item two",
        "dl": "Label: label value",
        "quote": '"quoted words"\n  — said by',
        "table": "Caption words\nColumn\ncell words",
        "notes": "Footnotes\n---------\n\n[7] note seven",
    },
    "markdown": {
        "title": "# Title words\n\nunder the title",
        "h2": "## Heading two",
        "h3": "### Heading three",
        "cite": "[^7]",
        "note mark": "<sup>q</sup>",
        "gap": r"*\[gap words\]*",
        "mark": "**marked words**",
        "em": "*em words*",
        "strong run": "**strong run strong link**",
        "bar": "`##...`",
        "command": "said words",
        "aside": "*aside words*",
        "dl": "- **Label:** label value",
        "quote": "> quoted words\n>\n> — said by",
        "table": "| Column |\n|---|\n| cell words |",
        "notes": "[^7]: note seven",
    },
    "markdown for pandoc": {
        "title": '---\ntitle: "Title words"\nsubtitle: "under the title"\n---',
        "cite": "[^7]",
        "note mark": "^q^",
        "command": "said words",
    },
    "html": {
        "title": '<h1>Title words</h1>\n<p class="subtitle">under the title</p>',
        "h3": "<h3>Heading three</h3>",
        "cite": 'href="#fn-7" role="doc-noteref">7</a></sup>',
        "note mark": '<sup><a class="noteref" href="#note-q"',
        "gap": '<span class="gap">[gap words]</span>',
        "mark": "<mark>marked words</mark>",
        "small": "<small>small words</small>",
        "link": "<small>small words</small>linked words<em>",
        "em run": "<em>em run em link</em>",
        "strong": "<strong>strong words</strong>",
        "bar": 'aria-label="2 of 5">██░░░</span>',
        "command": "said words",
        "aside": '<p class="aside">aside words</p>',
        "ul": '<li id="finding-a">item one</li>',
        "dl": "<dt>Label</dt><dd>label value</dd>",
        "quote": "<blockquote>\n<p>“quoted words”</p>\n<footer>— said by</footer>",
        "table": "<caption>Caption words</caption>",
        "notes": '<li id="fn-7" value="7">note seven <a class="back" href="#fnref-7-1"',
    },
    "html site page": {
        "link": '<a href="../features/f3.html">linked words</a>',
        "em run": '<em>em run <a href="../projects/p1.html">em link</a></em>',
        "strong run": '<strong>strong run <a href="../outcomes/o1.html">strong link</a></strong>',
        "table": '<div class="cells" role="region" aria-label="Caption words" tabindex="0"><table>'
        "<caption>Caption words</caption>",
    },
    "terminal": {
        "cite": "[7]",
        "gap": "[gap words]",
        "bar": "██░░░",
        "command": "sevenf feature 3",
    },
}
WORDS = (
    "Title words",
    "Heading one",
    "Heading two",
    "Heading three",
    "plain words",
    "marked words",
    "small words",
    "linked words",
    "em words",
    "em link",
    "strong words",
    "strong link",
    "aside words",
    "item one",
    "item two",
    "label value",
    "quoted words",
    "said by",
    "cell words",
    "note seven",
)


def test_the_kinds_here_are_every_kind_blocks_has() -> None:
    """A kind added to blocks.py is added here too, so that every format is tried with it."""
    defined = {
        name
        for name, value in vars(blocks).items()
        if isinstance(value, type) and value.__module__ == blocks.__name__ and name[0] != "_"
    }
    used = {type(b).__name__ for b in every_block()} | {type(s).__name__ for s in SPANS.values()}
    assert used == defined


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_format_draws_every_kind(name: str) -> None:
    drawn = FORMATS[name](every_block())

    def seen(shown: str) -> str:
        """A terminal wraps lines where it likes: there, text is compared without white space."""
        return "".join(shown.split()) if name == "terminal" else shown

    for words in WORDS:
        assert seen(words) in seen(drawn), words
    for kind, expected in DRAWN[name].items():
        assert seen(expected) in seen(drawn), kind
    if name in ("markdown", "markdown for pandoc", "html", "html site page"):
        assert "sevenf feature 3" not in drawn  # a reader's format shows what a command does
    if name != "html site page":
        assert not re.search(r"<a href=", drawn)  # only a site's page links to records


def test_a_brief_numbers_its_notes_by_use() -> None:
    cited: list[Block] = [
        Para([Cite("b"), Cite("a")]),
        Notes([("b", ["note b"]), ("a", ["note a"])], True),
    ]
    page = html.render(cited)
    assert '<li id="fn-b" value="1">' in page and '<li id="fn-a" value="2">' in page
    assert '<sup class="sep">,</sup>' in page  # two notes side by side read as two
