"""The neutral layout every text format renders: blocks of spans, no format knowledge.

A span is a string from the data (always printed literally) or a styled pair:
  ("cite", n)      a footnote reference      ("gap", text)   what the source leaves out
  ("mark", text)   a search match            ("em", text)    a label, a speaker
  ("strong", text) a headline                ("bar", (count, total)) a chart's bar
  ("link", (kind, key, text))  text naming a record (kind "feature", "footnote"...,
                   key its id or number): HTML links it where it has a page, the
                   other formats print the text
  ("em" | "strong", [text or link, ...])  a styled run with links inside it
  ("small", text)  an aside in a note (the document's own note number)
  ("command", (words, spans))  a sevenf command line to run next: the terminal and plain
                   text print the words; Markdown, Word and HTML, read by people who may
                   never open a terminal, print the spans instead (links where HTML has pages)
A cite's value is a footnote's number, or a key (str) naming a note of the brief's own.
A block is a tuple whose first item names it:
  ("title", text, spans)  a document's title and the line under it (a title block in Word)
  ("h1" | "h2" | "h3", text)                 ("p", spans)          ("aside", spans)
  ("ul", [spans, ...][, [id, ...]])          ("dl", [(label, spans), ...])
  ("quote", spans, attribution spans)        ("notes", [(key, spans), ...][, "by use"]) *
  ("table", caption or None, [column, ...], [[spans, ...], ...])
A list's ids, where given, name its items (`anchor`) so a link can land on one: HTML
gives each item its id, the other formats have no use for them.
* the notes of the footnotes cited above, under a NOTES heading drawn by each format
  that has no footnotes of its own: Markdown's are gathered by pandoc, where a heading
  would be left empty.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

NOTES = "Footnotes"

Span = Any  # str | tuple[str, str | int]
Spans = list[Span]
Block = tuple[Any, ...]


def link(kind: str, key: str | int, text: str) -> Span:
    """A span naming a record, linked to the record's page where a format has pages."""
    return ("link", (kind, key, text))


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
    return join((link(kind, key, text) for key, text in pairs), sep)


def command(words: str, said: Spans) -> Span:
    """A command line to run next (`words`), or for a reader's format, what it shows (`said`)."""
    return ("command", (words, said))


def plain(items: Spans, *, reader: bool = False) -> Spans:
    """Spans for a format without links: each link becomes its text, a styled run one string;
    a command its words, or for a `reader` (Markdown and Word) what it shows."""
    out: Spans = []
    for span in items:
        if isinstance(span, tuple):
            style, value = span
            if style == "command":
                out += plain(value[1]) if reader else [value[0]]
                continue
            if style == "link":
                span = value[2]
            elif isinstance(value, list):
                span = (style, "".join(v if isinstance(v, str) else v[1][2] for v in value))
        out.append(span)
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
