"""The neutral layout every text format renders: blocks of spans, no format knowledge.

A span is a string from the data (always printed literally) or a styled pair:
  ("cite", n)      a footnote reference      ("gap", text)   what the source leaves out
  ("mark", text)   a search match            ("em", text)    a label, a speaker
  ("strong", text) a headline                ("bar", (count, total)) a chart's bar
  ("small", text)  an aside in a note (the document's own note number)
A cite's value is a footnote's number, or a key (str) naming a note of the brief's own.
A block is a tuple whose first item names it:
  ("title", text, spans)  a document's title and the line under it (a title block in Word)
  ("h1" | "h2" | "h3", text)                 ("p", spans)          ("aside", spans)
  ("ul", [spans, ...])                       ("dl", [(label, spans), ...])
  ("quote", spans, attribution spans)        ("notes", [(number, spans), ...])
  ("table", caption or None, [column, ...], [[spans, ...], ...])
"""

from __future__ import annotations

import re
from typing import Any

Span = Any  # str | tuple[str, str | int]
Spans = list[Span]
Block = tuple[Any, ...]

# C0 and C1 controls (but tab and newline), DEL, and the bidirectional controls.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def clean(text: str) -> str:
    """Data text made safe for a terminal: control characters shown as visible escapes."""
    return _CONTROLS.sub(_visible, text)


# One pass over the text: a control character is made visible, and a run of white
# space (or one white space character other than a plain space) becomes one space.
# Sentences with single spaces, nearly all text, pass without a substitution.
_SPACE = f"(?:(?!{_CONTROLS.pattern})\\s)"  # white space that is not also a control
_FOLD = re.compile(f"({_CONTROLS.pattern})|{_SPACE}{{2,}}|(?! ){_SPACE}")


def _fold(match: re.Match[str]) -> str:
    return _visible(match) if match.group(1) else " "


def oneline(text: str) -> str:
    """Text folded onto one line with controls visible (layout, never data, breaks lines)."""
    if text.isprintable() and "  " not in text:  # C-speed checks: nothing to fold
        return text
    return _FOLD.sub(_fold, text)


def bar(count: int, total: int, filled: str = "#", rest: str = ".") -> str:
    """One mark per project of `total`, `count` of them filled: exact, nothing scaled or rounded."""
    return filled * count + rest * (total - count)
