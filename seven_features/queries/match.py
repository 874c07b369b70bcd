"""Words as people type them: folding, a light stemmer, and matching a REF to names.

One folding serves every look-up by name (`query.resolve`, shell completion) and the
search's vocabulary (`search.py`): case and accents fall away, a hyphen, apostrophe,
full stop or slash inside a word joins its parts into one term ("co-location" is the
term `co location`, whose closed form is `colocation`), and `stem` maps the forms of a
word to one key ("reduced", "reduce" and "reducing" are `reduc`).

Pure and light: it runs on every command, so it imports nothing heavier than `re`.
"""

from __future__ import annotations

import re
import unicodedata

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import TypeAlias, TypeVar

    T = TypeVar("T")
    #: Something a REF can name: its names (the first is shown) and what it stands for.
    Candidate: TypeAlias = tuple[Sequence[str], T]

_WORD = r"[^\W_]+"
#: What joins the parts of a term: a hyphen (any of three), apostrophe (either), full
#: stop or slash.
JOINERS = "-\u2010\u2011'\u2019./"
TERM = re.compile(rf"{_WORD}(?:[{JOINERS}]{_WORD})*")
PART = re.compile(_WORD)

#: Words a REF may carry that a name need not: "reduced risk of children".
STOPWORDS = frozenset({"a", "an", "and", "for", "in", "of", "on", "the", "to", "s"})

#: The endings `stem` takes off, and what it puts in their place: longest first within
#: each ending, and the first that fits is taken off.
SUFFIXES = (
    ("ies", "y"),
    ("ied", "y"),
    ("ctions", "c"),
    ("ction", "c"),
    ("ations", ""),
    ("ation", ""),
    ("ating", ""),
    ("ated", ""),
    ("ates", ""),
    ("ate", ""),
    ("ions", ""),
    ("ion", ""),
    ("ings", ""),
    ("ing", ""),
    ("ments", ""),
    ("ment", ""),
    ("ness", ""),
    ("ers", ""),
    ("ed", ""),
    ("es", ""),
    ("s", ""),
)
#: Words whose forms share no stem, and the key they share.
IRREGULAR = {"children": "child", "people": "person"}


def fold(text: str) -> str:
    """`text` without case or accents: 'Naïve Café' -> 'naive cafe'."""
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def stem(word: str) -> str:
    """A light stemmer for folded words: the forms of a word share one key."""
    if word in IRREGULAR:
        return IRREGULAR[word]
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix, replacement in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "es" and not word[:-2].endswith(("s", "x", "z", "ch", "sh")):
                continue  # 'cases' is 'case' + 's'
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                break
            word = word[: -len(suffix)] + replacement
            break
    # 'reduce' and 'reduc(tion)', 'protect' and 'protec(tion)'
    return word[:-1] if word.endswith(("e", "ct")) and len(word) > 3 else word


def terms(text: str) -> list[list[str]]:
    """The folded terms of `text`, each as its parts: 'Co-location of MDTs' ->
    [['co', 'location'], ['of'], ['mdts']]."""
    return [PART.findall(t.group()) for t in TERM.finditer(fold(text))]


def keys(text: str) -> set[str]:
    """Every stem a name offers a REF: its words, and each compound closed up too."""
    found: set[str] = set()
    for parts in terms(text):
        found.update(stem(p) for p in parts)
        if len(parts) > 1:
            found.add(stem("".join(parts)))
    return found


def phrase(text: str) -> str:
    """`text` as one comparable string: folded, its words single-spaced, hyphens as spaces."""
    return " ".join(p for parts in terms(text) for p in parts)


def _wanted(ref: str) -> list[str]:
    words = [p for parts in terms(ref) for p in parts]
    meaningful = [w for w in words if w not in STOPWORDS]
    return meaningful or words


def _word_hit(word: str, offered: set[str], prefixes: Iterable[str]) -> bool:
    # A word in any of its forms ('reducing' for 'Reduced'), or cut short: 'he' and
    # 'hertford' begin 'Hertfordshire'. Never a piece from inside a word: 'he' does not
    # name 'the' or 'Strengthening'.
    return stem(word) in offered or any(p.startswith(word) for p in prefixes)


def _named_by_words(ref: str, candidates: Sequence[Candidate[T]]) -> list[Candidate[T]]:
    """The candidates of which every word of REF (but 'of', 'the'...) is a word of their
    names, in any order and form, or begins one."""
    words = _wanted(ref)
    named = []
    for candidate in candidates:
        text = " ".join(candidate[0])
        offered = keys(text)
        plain = [p for parts in terms(text) for p in (*parts, "".join(parts))]
        if all(_word_hit(w, offered, plain) for w in words):
            named.append(candidate)
    return named


def find(ref: str, candidates: Sequence[Candidate[T]]) -> list[Candidate[T]]:
    """The candidates REF names, by the first rule that finds any:

    1. an exact name (case, accents, hyphens and spacing aside);
    2. every word of REF (but 'of', 'the'...) is a word of its names, in any order and
       in any form, or begins one (see `_named_by_words`; shell completion offers the same).
    """
    wanted = phrase(ref)
    if not wanted:
        return []
    exact = [c for c in candidates if any(phrase(n) == wanted for n in c[0])]
    return exact or _named_by_words(ref, candidates)


def nearest(ref: str, candidates: Sequence[Candidate[T]], n: int = 3) -> list[Candidate[T]]:
    """The candidates whose names, or words of them, are closest in spelling to REF."""
    import difflib

    wanted = phrase(ref)
    by_name = {phrase(name): c for c in candidates for name in c[0]}
    by_word = {
        w: c for name, c in by_name.items() for w in name.split() if len(w) > 3 and w != name
    }
    close = difflib.get_close_matches(wanted, list(by_name), n=n, cutoff=0.5)
    for word in wanted.split():
        close += difflib.get_close_matches(word, list(by_word), n=n, cutoff=0.75)
    picked: list[Candidate[T]] = []
    for hit in close:
        candidate = by_name.get(hit) or by_word[hit]
        if candidate not in picked:
            picked.append(candidate)
    return picked[:n]


def completions(incomplete: str, candidates: Sequence[Candidate[T]]) -> list[str]:
    """What shell completion offers for `incomplete`: the names (the shown one) of the
    candidates its words name as a REF's words do (`_named_by_words`), so a completed name
    is one `find` takes. Every name when nothing is typed yet."""
    if not phrase(incomplete):
        return [c[0][0] for c in candidates]
    return [c[0][0] for c in _named_by_words(incomplete, candidates)]
