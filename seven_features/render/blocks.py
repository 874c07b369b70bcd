"""The neutral layout every text format renders: blocks of spans, no format knowledge.

A view is laid out (`render/layout/`) as a list of `Block`s, each holding `Spans`; every
format (`text`, `markdown`, `terminal`, `html`, `word`) draws the same list. Both are
closed unions of small classes, so a format's `match` ends with `assert_never` and a
kind it does not draw is a mypy error.

A span is a string from the data (always printed literally) or one of:
  `Cite`     a footnote reference: a footnote's number, or a key (str) naming a brief's note
  `NoteMark` a mark (a letter) naming an item of a brief's notes on the sources, where a
             checker finds what the document leaves out of the passage it follows
  `Gap`      what the source leaves out           `Mark`    a search match
  `Em`       a label, a speaker                   `Strong`  a headline
  `Small`    an aside in a note                   `Bar`     a chart's bar (count of total)
  `Link`     text naming a record (kind "feature", "footnote"..., key its id or number):
             HTML links it where it has a page, the other formats print the text
  `Command`  a sevenf command line to run next: the terminal and plain text print its
             words; Markdown, Word and HTML, read by people who may never open a
             terminal, print what it `said` instead (links where HTML has pages)
`Em` and `Strong` hold a string, or a run of strings and `Link`s.

The plain classes below (slots, no dataclasses) cost nothing to import: every command
lays a view out, and `dataclasses` alone takes longer to import than a view to lay out.
"""

from __future__ import annotations

import re

from seven_features.errors import assert_never

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Literal, TypeAlias

NOTES = "Footnotes"


class _Node:
    """Equality and a readable repr from `__slots__`, for tests and debugging."""

    __slots__: tuple[str, ...] = ()

    def _fields(self) -> list[str]:
        return [name for kind in type(self).__mro__ for name in getattr(kind, "__slots__", ())]

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and all(
            getattr(self, name) == getattr(other, name) for name in self._fields()
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        fields = ", ".join(repr(getattr(self, name)) for name in self._fields())
        return f"{type(self).__name__}({fields})"


class _Words(_Node):
    """A span of one string of words, in a style its class names."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class _Run(_Node):
    """A styled run: a string, or strings and links."""

    __slots__ = ("value",)

    def __init__(self, value: str | list[str | Link]) -> None:
        self.value = value

    @property
    def text(self) -> str:
        return _runs(self.value)


class _Spanned(_Node):
    """A block of one run of spans, in a role its class names."""

    __slots__ = ("spans",)

    def __init__(self, spans: Spans) -> None:
        self.spans = spans


# --- spans ---------------------------------------------------------------------------


class Cite(_Node):
    __slots__ = ("key",)

    def __init__(self, key: int | str) -> None:
        self.key = key


class NoteMark(_Node):
    __slots__ = ("key",)

    def __init__(self, key: str) -> None:
        self.key = key


def note_id(key: str) -> str:
    """The id of a note on the sources, which its marks link to (in HTML)."""
    return f"note-{key}"


class Gap(_Words):
    __slots__ = ()


class Mark(_Words):
    __slots__ = ()


class Small(_Words):
    __slots__ = ()


class Link(_Node):
    __slots__ = ("key", "kind", "text")

    def __init__(self, kind: str, key: str | int, text: str) -> None:
        self.kind, self.key, self.text = kind, key, text


class Em(_Run):
    __slots__ = ()


class Strong(_Run):
    __slots__ = ()


class Bar(_Node):
    __slots__ = ("count", "total")

    def __init__(self, count: int, total: int) -> None:
        self.count, self.total = count, total


class Command(_Node):
    __slots__ = ("said", "words")

    def __init__(self, words: str, said: Spans) -> None:
        self.words, self.said = words, said


def _runs(value: str | list[str | Link]) -> str:
    return value if isinstance(value, str) else "".join(_text_of(v) for v in value)


def _text_of(item: str | Link) -> str:
    return item if isinstance(item, str) else item.text


if TYPE_CHECKING:
    Span: TypeAlias = (
        str | Cite | NoteMark | Gap | Mark | Small | Link | Em | Strong | Bar | Command
    )
    Spans: TypeAlias = list[Span]


# --- blocks --------------------------------------------------------------------------


class Title(_Node):
    """A document's title and the line under it (a title block in Word)."""

    __slots__ = ("spans", "text")

    def __init__(self, text: str, spans: Spans) -> None:
        self.text, self.spans = text, spans


class Heading(_Node):
    __slots__ = ("level", "text")

    def __init__(self, level: Literal[1, 2, 3], text: str) -> None:
        self.level, self.text = level, text


class Para(_Spanned):
    __slots__ = ()


class Aside(_Spanned):
    """sevenf's own words about what it shows, set apart from the document's."""

    __slots__ = ()


class Bullets(_Node):
    """A list; `ids`, where given, name its items (`anchor`) so a link can land on one:
    HTML gives each item its id, the other formats have no use for them."""

    __slots__ = ("ids", "items")

    def __init__(self, items: list[Spans], ids: list[str] | None = None) -> None:
        self.items, self.ids = items, ids


class Pairs(_Node):
    """Labels and what they label: a definition list."""

    __slots__ = ("items",)

    def __init__(self, items: list[tuple[str, Spans]]) -> None:
        self.items = items


class Quote(_Node):
    __slots__ = ("attribution", "spans")

    def __init__(self, spans: Spans, attribution: Spans) -> None:
        self.spans, self.attribution = spans, attribution


class Notes(_Node):
    """The notes of the footnotes cited above, under a NOTES heading drawn by each format
    that has no footnotes of its own (Markdown's are gathered by pandoc, where a heading
    would be left empty). `by_use`: numbered in the order they are first cited, as Word
    numbers them, rather than by the document's own numbers."""

    __slots__ = ("by_use", "items")

    def __init__(self, items: list[tuple[int | str, Spans]], by_use: bool = False) -> None:
        self.items, self.by_use = items, by_use


class Table(_Node):
    __slots__ = ("caption", "columns", "rows")

    def __init__(self, caption: str | None, columns: list[str], rows: list[list[Spans]]) -> None:
        self.caption, self.columns, self.rows = caption, columns, rows


if TYPE_CHECKING:
    Block: TypeAlias = Title | Heading | Para | Aside | Bullets | Pairs | Quote | Notes | Table


def anchor(kind: str, key: str) -> str:
    """The id of a record's entry on a page that lists it in full, e.g. "finding-x"."""
    return f"{kind}-{key}"


def join(items: Iterable[Span], sep: str = ", ") -> Spans:
    """Spans with `sep` between them."""
    out: Spans = []
    for item in items:
        if out:
            out.append(sep)
        out.append(item)
    return out


def links(kind: str, pairs: Iterable[tuple[str | int, str]], sep: str = ", ") -> Spans:
    """(key, text) pairs as links to records of `kind`, `sep` between them."""
    return join((Link(kind, key, text) for key, text in pairs), sep)


def plain(
    items: Spans, *, reader: bool = False
) -> list[str | Cite | NoteMark | Gap | Mark | Small | Em | Strong | Bar]:
    """Spans for a format without links: each link becomes its text, a styled run one string;
    a command its words, or for a `reader` (Markdown and Word) what it shows."""
    out: list[str | Cite | NoteMark | Gap | Mark | Small | Em | Strong | Bar] = []
    for span in items:
        match span:
            case Command():
                out += plain(span.said) if reader else [span.words]
            case Link():
                out.append(span.text)
            case Em() | Strong():
                out.append(span if isinstance(span.value, str) else type(span)(span.text))
            case str() | Cite() | NoteMark() | Gap() | Mark() | Small() | Bar():
                out.append(span)
            case _:
                assert_never(span)
    return out


# C0 and C1 controls (but tab and newline), DEL, and the bidirectional controls; and the
# line breaks other than newline that line-based readers split on: NEL (U+0085), LINE
# SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029). `clean` shows them all as escapes
# (in JSON, the escape is the same string); `oneline` folds the line breaks to a space.
_BREAKS = "\x85\u2028\u2029"
_OTHERS = "\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROLS = re.compile(f"[{_OTHERS}{_BREAKS}]")


def _visible(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def clean(text: str) -> str:
    """Data text made safe for a terminal: control characters shown as visible escapes."""
    return _CONTROLS.sub(_visible, text)


# One pass over the text: a control character is made visible, and a run of white
# space (or one white space character other than a plain space) becomes one space.
# Sentences with single spaces, nearly all text, pass without a substitution.
_SPACE = f"(?:(?![{_OTHERS}])\\s)"  # white space, line breaks included, that is not a control
_FOLD = re.compile(f"([{_OTHERS}])|{_SPACE}{{2,}}|(?! ){_SPACE}")


def _fold(match: re.Match[str]) -> str:
    return _visible(match) if match.group(1) else " "


def oneline(text: str) -> str:
    """Text folded onto one line with controls visible (layout, never data, breaks lines).

    Every line break folds like a newline: U+0085, U+2028 and U+2029 too.
    """
    if text.isprintable() and "  " not in text:  # C-speed checks: nothing to fold
        return text
    return _FOLD.sub(_fold, text)


def bar(count: int, total: int, filled: str = "#", rest: str = ".") -> str:
    """One mark per project of `total`, `count` of them filled: exact, nothing scaled or rounded."""
    return filled * count + rest * (total - count)
