"""The neutral layout every text format renders: blocks of spans, no format knowledge.

A span is a string from the data (always printed literally) or a styled pair:
  ("cite", n)      a footnote reference      ("gap", text)   what the source leaves out
  ("mark", text)   a search match            ("em", text)    a label, a speaker
  ("strong", text) a headline                ("bar", (count, total)) a chart's bar
A block is a tuple whose first item names it:
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


def clean(text: str) -> str:
    """Data text made safe for a terminal: control characters shown as visible escapes."""
    return _CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# Runs of white space, or one white space character that is not a plain space: a
# sentence with single spaces (nearly all text) passes without a single substitution.
_SPACE = re.compile(r"\s{2,}|[^\S ]")


def oneline(text: str) -> str:
    """Text folded onto one line, each run of white space one space (layout breaks lines)."""
    return _SPACE.sub(" ", clean(text))


def bar(count: int, total: int, filled: str = "#", rest: str = ".") -> str:
    """One mark per project of `total`, `count` of them filled: exact, nothing scaled or rounded."""
    return filled * count + rest * (total - count)
