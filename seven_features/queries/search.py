"""Ranked full-text search over every text the document holds, with SQLite FTS5.

Words match in their other forms ('porter unicode61 remove_diacritics 2'): "co-located"
finds "Co-location", "decisions" finds "decision-making". A compound matches however it
is written: "colocation", "co location" and "co-location" find the same passages, as do
"multidisciplinary" and "multi-disciplinary". Hits holding the query's words as one
phrase come first; within that, hits are ranked by bm25, a match in a title or headline
weighing more than one in body text.

Each hit is a JSON-ready dict:

- `kind`: what was found, one of
  `section` (a document section's title or question), `paragraph` (a paragraph of one),
  `programme` (the programme's objective, rounds, evaluation, conference),
  `feature` (titles and definition), `difference` ('What difference does it make?'),
  `pitfall`, `outcome`, `enabler`, `project`, `source`, `footnote`, `finding`, `quote`;
- `where`: where it sits, for people: `feature 4 › pitfalls`, `outcome 2 › findings`,
  `footnote 12`, `project Leeds Family Valued`, `quote (feature 6)`, `document › Introduction`;
- `ref`: the nearest record a user can look up, `{"kind", "id" and/or "number"}`: the hit
  itself when it has an id or number (finding, quote, footnote, project...), else its
  feature, section or the programme;
- `title`: its headline, name or title; `text`: its full text as in the data;
- `snippet`: the best-matching part of the text as printed, cuts marked with "…" (of a
  text over 4,000 characters, the best part of its first piece of at most 4,000 that
  holds the whole query, else any of its words);
  `marks`: where the matches are in it, `[start, end]` character offsets, in order;
- `phrase`: whether it holds the query's words as one phrase (always, for one word);
- `footnotes`: the footnote numbers the text cites;
- `rank`: bm25 score, lower is better (SQLite's convention); hits come best first.

Any text is a valid query: its words (letters and digits) are quoted and ANDed, so FTS5
operators are plain words; words joined by a hyphen, apostrophe, full stop or slash form
one term ("co-location" is "co location" or "colocation"). `match.py` folds the query
and the document's words alike. Only the first 500 characters (never cutting a word)
and, of those, the first 32 words count; text without a word finds nothing.

`found` gives the best hits and how many there are in all; `search` only the hits.

With an `index_key` and the cache on, the index is built once into the cache and later
opened read-only; without them it is built in memory for the one query. Either way
SQLite works in a thread of its own: KeyboardInterrupt in the calling thread ends a
search within 50 ms, and leaves no index half built.

`site_index` exports the same index for the site's search (`render/site.js`), which
answers a query as `found` and `suggestions` do (tests/test_search_parity.py).
"""

from __future__ import annotations

import bisect
import json
import math
import os
import re
from collections import Counter
from contextlib import closing, suppress
from itertools import islice, pairwise, product

from seven_features.queries import match
from seven_features.store import cache

TYPE_CHECKING = False
if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
    from typing import Any, TypeVar

    from seven_features.corpus.indexed import Corpus
    from seven_features.corpus.records import Feature, LocalFile, Programme
    from seven_features.queries.results import SearchHit

ELLIPSIS = "…"
MAX_QUERY_CHARS = 500
MAX_QUERY_WORDS = 32

#: With this module's and match.py's bytes, marks a cached index: a change rebuilds it.
SCHEMA = 3
_HEAD_WEIGHT, _BODY_WEIGHT = 4.0, 1.0
_SNIPPET_TOKENS = 24
_IN, _DASH = " \u203a ", " \u2013 "
_KEY = re.compile(r"[A-Za-z0-9_.-]{1,128}")  # a key never leaves the cache directory
#: Where a snippet's marks are looked for: private-use characters the indexed text lacks.
_MARK_CANDIDATES = (range(0xE000, 0xF900), range(0xF0000, 0xFFFFE), range(0x100000, 0x10FFFE))
_PHRASINGS = 8  # at most this many spellings of a whole query are tried as one phrase
#: A head or body longer than this is also indexed in pieces of at most this many
#: characters, and its snippet is made from one of them. FTS5's snippet() weighs every
#: match in a text against every other: quadratic in the matches, so 10.8 MB of "lorem
#: ipsum" ran for hours, where 4,000 characters take milliseconds at most. The real
#: data's longest text has 1,160 characters.
_PIECE_CHARS = 4000
_SPACE, _NOT_SPACE = re.compile(r"\s"), re.compile(r"\S")
_NOT_WORD = re.compile(r"[\W_]")
_STRETCH_CHARS = 1 << 16  # the vocabulary is counted this much text at a time
#: Suggestions are the closest in spelling among this many of the most used words (the
#: real data has 1,154; 16 MiB of different words have 2.9 million).
_CLOSE_POOL = 20_000
_PROGRESS_STEPS = 1000  # SQLite's steps between two looks at whether to stop
_WAKE_SECONDS = 0.05  # the longest Ctrl-C waits while SQLite works (see `_apart`)

# head and body are searched; the rest is what a hit shows, so a query never walks the corpus.
_COLUMNS = ("head", "body", "kind", "place", "ref", "title", "text", "footnotes")
Entry = tuple[str, str, str, str, str, str, str, str]
if TYPE_CHECKING:
    T = TypeVar("T")


# --- the query ---------------------------------------------------------------------------


def query_terms(text: str) -> list[list[str]]:
    """The terms of a query as `match.terms` folds them, each as its parts, within the limits:
    the first 500 characters (a word the cut goes through is dropped), then 32 words."""
    import unicodedata

    text = unicodedata.normalize("NFC", text)
    window = text[:MAX_QUERY_CHARS]
    found = list(match.TERM.finditer(window))
    if found and len(text) > MAX_QUERY_CHARS:
        whole = match.TERM.match(text, found[-1].start())
        if whole is not None and whole.end() > MAX_QUERY_CHARS:
            found.pop()
    terms: list[list[str]] = []
    budget = MAX_QUERY_WORDS
    for term in found:
        parts = match.PART.findall(match.fold(term.group()))[:budget]
        if parts:
            terms.append(parts)
            budget -= len(parts)
        if budget <= 0:
            break
    return terms


def _key(parts: Iterable[str]) -> str:
    """What a term's spellings share: its parts closed up, stemmed ('co-located' is 'coloc')."""
    return match.stem("".join(parts))


def _quoted(words: Iterable[str]) -> str:
    return '"' + " ".join(words).replace('"', '""') + '"'


def spellings(terms: list[list[str]], known: dict[str, list[str]]) -> list[list[str]]:
    """Each term of the query with the ways the document may write it, its parts spaced.

    A term of several parts ('co-location') is also tried closed up ('colocation'); a term
    whose key the document writes otherwise takes the document's spellings; and two words
    the document writes as one compound ('co location') are taken together.
    """
    groups: list[list[str]] = []
    i = 0
    while i < len(terms):
        pair = terms[i] + terms[i + 1] if i + 1 < len(terms) else None
        if pair is not None and _key(pair) in known:
            parts, i = pair, i + 2
        else:
            parts, i = terms[i], i + 1
        ways = [" ".join(parts)]
        if len(parts) > 1:
            ways.append("".join(parts))
        ways += [k for k in known.get(_key(parts), []) if _compound(k) or len(parts) > 1]
        groups.append(list(dict.fromkeys(ways)))
    return groups


def _compound(spelling: str) -> bool:
    """Whether the document's `spelling` is a compound of words ('co location'), not one
    word ('cares', whose forms FTS5's stemmer matches already) or a possessive ('family s')."""
    parts = spelling.split()
    return len(parts) > 1 and min(map(len, parts)) > 1


def match_expression(groups: list[list[str]]) -> str | None:
    """The spellings as a safe FTS5 query: each term's spellings ORed, the terms ANDed."""
    quoted = [[_quoted(w.split()) for w in ways] for ways in groups if ways]
    # FTS5 takes no implicit AND beside brackets: it is spelt out.
    joined = " AND ".join(q[0] if len(q) == 1 else "(" + " OR ".join(q) + ")" for q in quoted)
    return joined or None


def phrase_expression(groups: list[list[str]]) -> str | None:
    """The query's terms, in order and side by side, in any of their spellings; None for one
    term (a term is always matched whole)."""
    if len(groups) < 2:
        return None
    # the first few phrasings only: the whole product grows as the ways to the power of
    # the terms (16 repeats of 'co-located' were 43 million tuples, 5 s)
    chosen = islice(product(*groups), _PHRASINGS)
    return " OR ".join(_quoted(" ".join(ways).split()) for ways in chosen)


# --- searching --------------------------------------------------------------------------


class Found(tuple[list["SearchHit"], int]):
    """The best hits for a query, best first, and how many hits it has in all."""

    __slots__ = ()

    def __new__(cls, hits: list[SearchHit], total: int) -> Found:
        return super().__new__(cls, (hits, total))

    @property
    def hits(self) -> list[SearchHit]:
        return self[0]

    @property
    def total(self) -> int:
        return self[1]


def found(corpus: Corpus, text: str, *, limit: int = 20, index_key: str | None = None) -> Found:
    """The best `limit` hits for `text`, best first (see the module docstring for their
    shape), and the number of all its hits, however many `limit` leaves out.

    `index_key` names the corpus's cached index (e.g. the data's content key, letters,
    digits, '.', '_' and '-'); without one, or with the cache off or unwritable, the index
    is built in memory.
    """
    terms = query_terms(text)
    if not terms:
        return Found([], 0)
    # SQLite's LIMIT takes 64-bit integers only, and a negative one means no limit at all
    limit = max(0, min(limit, 2**31))
    return _with_index(corpus, index_key, lambda db: _run(db, terms, limit))


def search(
    corpus: Corpus, text: str, *, limit: int = 20, index_key: str | None = None
) -> list[SearchHit]:
    """The best `limit` hits for `text`, best first: `found` without the total."""
    return found(corpus, text, limit=limit, index_key=index_key).hits


def suggestions(corpus: Corpus, text: str, *, index_key: str | None = None) -> list[str]:
    """For a query that finds nothing: the document's words closest in spelling to each of
    its terms that the document does not use, as the document writes them."""
    terms = query_terms(text)
    if not terms:
        return []
    return _with_index(corpus, index_key, lambda db: _suggest(db, terms))


def _with_index(corpus: Corpus, index_key: str | None, use: Callable[[sqlite3.Connection], T]) -> T:
    """`use` applied to the cached index (built first if need be), else to one in memory."""
    usable = index_key is not None and _KEY.fullmatch(index_key) is not None
    target = cache.entry(f"search-{index_key}.sqlite") if usable else None
    stop: list[bool] = []  # not empty once the caller is interrupted
    temporaries: list[str] = []  # an index being built, to remove then

    def work() -> T:
        if target is not None:
            version = _version()
            answer = _query_file(target, version, use, stop)
            if (
                answer is None
                and not stop
                and _build_file(corpus, target, version, stop, temporaries)
            ):
                answer = _query_file(target, version, use, stop)
            if answer is not None:
                return answer[0]
        if stop:
            raise KeyboardInterrupt  # no one waits for the answer: an end to the work
        with closing(_connect(":memory:", stop)) as db:
            _fill(db, corpus, "")
            return use(db)

    return _apart(work, stop, temporaries)


def _apart(work: Callable[[], T], stop: list[bool], temporaries: list[str]) -> T:
    """`work()`, run in a thread of its own while this one waits for it, so that Ctrl-C
    ends the wait within 50 ms however long SQLite is busy.

    Python handles a signal in the main thread, between two steps of its own: not while
    that thread is inside one call into SQLite, and FTS5 indexes a row in one call (two
    seconds for a 16 MiB text of different words). Waiting here, it raises the
    KeyboardInterrupt at once; `stop` then makes SQLite give up the work at its next
    step (see `_connect`), and the index being built is removed, so only a whole index
    is ever in the cache.
    """
    import _thread

    done = _thread.allocate_lock()
    done.acquire()
    outcome: list[tuple[bool, Any]] = []

    def run() -> None:
        try:
            outcome.append((True, work()))
        except BaseException as error:  # given to the waiting thread to raise
            outcome.append((False, error))
        finally:
            done.release()

    try:
        _thread.start_new_thread(run, ())
        while not done.acquire(timeout=_WAKE_SECONDS):
            pass
    except BaseException:
        stop.append(True)
        for temporary in temporaries:
            with suppress(OSError):
                os.unlink(temporary)
        raise
    ok, value = outcome[0]
    if not ok:
        raise value
    result: T = value
    return result


def _connect(database: str, stop: list[bool], *, uri: bool = False) -> sqlite3.Connection:
    """A connection whose every statement gives up (sqlite3.OperationalError) at the
    first of its steps after something is put in `stop`."""
    import sqlite3

    db = sqlite3.connect(database, uri=uri)
    # `len` of the list, in C: a check every thousand steps costs nothing measurable.
    db.set_progress_handler(stop.__len__, _PROGRESS_STEPS)
    return db


def _known(db: sqlite3.Connection, terms: list[list[str]]) -> dict[str, list[str]]:
    """The document's spellings (parts spaced) of every key the query's terms and pairs have."""
    keys = {_key(t) for t in terms} | {_key(a + b) for a, b in pairwise(terms)}
    known: dict[str, list[str]] = {}
    rows = db.execute(
        f"SELECT key, parts FROM terms WHERE key IN ({', '.join('?' * len(keys))}) "
        "ORDER BY key, uses DESC, parts",
        sorted(keys),
    )
    for key, parts in rows:
        known.setdefault(key, []).append(parts)
    return known


def _run(db: sqlite3.Connection, terms: list[list[str]], limit: int) -> Found:
    groups = spellings(terms, _known(db, terms))
    query = match_expression(groups)
    if query is None:
        return Found([], 0)
    phrase = phrase_expression(groups)
    start, end = db.execute("SELECT mark_start, mark_end FROM meta").fetchone()
    marks = (start, end, ELLIPSIS, _SNIPPET_TOKENS)
    exact = "rowid IN (SELECT rowid FROM entries WHERE entries MATCH ?)" if phrase else "1"
    rows = db.execute(
        "SELECT rowid, kind, place, ref, title, text, footnotes, "
        f"bm25(entries, ?, ?) AS score, {exact} AS exact "
        "FROM entries WHERE entries MATCH ? ORDER BY exact DESC, score, rowid LIMIT ?",
        (_HEAD_WEIGHT, _BODY_WEIGHT, *((phrase,) if phrase else ()), query, limit),
    ).fetchall()
    # Snippets are made for the hits shown only, not for every row that matches (SQLite
    # would make them before sorting): each costs time growing with its text's matches.
    # A long text's is left NULL and made from its pieces (`_piece_snippet`).
    snippets = ", ".join(
        f"CASE WHEN EXISTS (SELECT 1 FROM long WHERE entry = ?2 AND col = {col}) "
        f"THEN NULL ELSE snippet(entries, {col}, ?3, ?4, ?5, ?6) END"
        for col in (1, 0)
    )
    hits: list[SearchHit] = []
    for rowid, kind, where, ref, title, text, footnotes, score, whole in rows:
        in_body, in_head = db.execute(
            f"SELECT {snippets} FROM entries WHERE entries MATCH ?1 AND rowid = ?2",
            (query, rowid, *marks),
        ).fetchone()
        if in_body is None:
            in_body = _piece_snippet(db, rowid, 1, query, groups, marks)
        if in_head is None:
            in_head = _piece_snippet(db, rowid, 0, query, groups, marks)
        body, head = _unmarked(in_body, start, end), _unmarked(in_head, start, end)
        # The body's words read better than the head's list of names: prefer them.
        snippet, spans = body if body[1] or not head[1] else head
        hit: SearchHit = {
            "kind": kind,
            "where": where,
            "ref": json.loads(ref),
            "title": title,
            "snippet": snippet,
            "marks": spans,
            "phrase": bool(whole),
            "text": text,
            "footnotes": json.loads(footnotes),
            "rank": round(score, 6),
        }
        if kind.startswith("local-"):  # a local evidence file's record: whose it is
            hit["origin"] = {"kind": "local", "owner": hit["ref"]["owner"]}
        hits.append(hit)
    if len(hits) < limit:
        return Found(hits, len(hits))
    (total,) = db.execute("SELECT count(*) FROM entries WHERE entries MATCH ?", (query,)).fetchone()
    return Found(hits, total)


def _piece_snippet(
    db: sqlite3.Connection,
    entry: int,
    col: int,
    query: str,
    groups: list[list[str]],
    marks: tuple[str, str, str, int],
) -> str:
    """The snippet of a long head (`col` 0) or body (1), marked as FTS5 marks one: made by
    snippet() from the first of its pieces that holds the whole query, else from the first
    that holds any of its words, and cut with "…" where the piece does not end the text.
    A text none of whose pieces holds a word of the query shows its first words."""
    first, last = db.execute(
        "SELECT first, last FROM long WHERE entry = ? AND col = ?", (entry, col)
    ).fetchone()
    anywhere = match_expression([[way for ways in groups for way in ways]])
    for expression in dict.fromkeys((query, anywhere)):
        # rowid alone first: snippet() is then made for the one piece shown, not for all
        found = db.execute(
            "SELECT rowid FROM pieces WHERE pieces MATCH ? AND rowid BETWEEN ? AND ? "
            "ORDER BY rowid LIMIT 1",
            (expression, first, last),
        ).fetchone()
        if found is not None:
            (piece,) = found
            (snippet,) = db.execute(
                "SELECT snippet(pieces, 0, ?, ?, ?, ?) FROM pieces "
                "WHERE pieces MATCH ? AND rowid = ?",
                (*marks, expression, piece),
            ).fetchone()
            break
    else:
        piece = first
        (text,) = db.execute("SELECT text FROM pieces WHERE rowid = ?", (piece,)).fetchone()
        words = list(islice(match.PART.finditer(text), _SNIPPET_TOKENS))
        snippet = text[: words[-1].end()] if words else text
        if len(words) == _SNIPPET_TOKENS:
            snippet += ELLIPSIS
    if piece > first and not snippet.startswith(ELLIPSIS):
        snippet = ELLIPSIS + snippet
    if piece < last and not snippet.endswith(ELLIPSIS):
        snippet += ELLIPSIS
    return str(snippet)


def _unmarked(marked: str, start: str, end: str) -> tuple[str, list[list[int]]]:
    """A snippet without its marks, and where they were: [start, end] offsets into it.

    The marks are characters the indexed text does not hold (see `_marks`), so nothing
    in the data can be taken for one."""
    if not start:
        return marked, []
    text: list[str] = []
    spans: list[list[int]] = []
    length, opened = 0, None
    for piece in re.split(f"([{re.escape(start)}{re.escape(end)}])", marked):
        if piece == start:
            opened = length
        elif piece == end and opened is not None:
            spans.append([opened, length])
            opened = None
        else:
            text.append(piece)
            length += len(piece)
    return "".join(text), spans


def _suggest(db: sqlite3.Connection, terms: list[list[str]]) -> list[str]:
    import difflib

    groups = spellings(terms, _known(db, terms))
    shown: dict[str, str] = {}
    # Among the most used words only: difflib takes seconds over millions of them.
    for joined, form in db.execute(
        "SELECT joined, shown FROM terms ORDER BY uses DESC, shown LIMIT ?", (_CLOSE_POOL,)
    ):
        shown.setdefault(joined, form)
    close: list[str] = []
    for ways in groups:
        if db.execute(
            "SELECT 1 FROM entries WHERE entries MATCH ? LIMIT 1", (match_expression([ways]),)
        ).fetchone():
            continue  # the document uses this term; only the terms together find nothing
        joined = ways[0].replace(" ", "")
        for hit in difflib.get_close_matches(joined, list(shown), n=3, cutoff=0.75):
            if shown[hit] not in close:
                close.append(shown[hit])
    return close[:5]


# --- the index -------------------------------------------------------------------------


def _version() -> str:
    try:
        code = b"".join(_read(path) for path in (__file__, match.__file__ or ""))
    except OSError:
        code = b""
    return f"{SCHEMA}-{cache.key(code)}"


def _read(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def _uri(path: str) -> str:
    """`path` as a file: URI for SQLite (as pathlib's as_uri, without importing pathlib)."""
    keep = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-_.~"
    quoted = "".join(chr(b) if b in keep else f"%{b:02X}" for b in os.fsencode(path))
    return f"file://{quoted}"


def _query_file(
    target: str, version: str, use: Callable[[sqlite3.Connection], T], stop: list[bool]
) -> tuple[T] | None:
    """`use` applied to the cached index, or None when it is absent, stale or corrupt."""
    import sqlite3

    if not cache.is_entry_file(target):  # a FIFO or a link to a device is no index
        return None
    try:
        db = _connect(_uri(os.path.abspath(target)) + "?mode=ro", stop, uri=True)
    except sqlite3.Error:
        return None
    try:
        page_count, page_size = (
            db.execute("PRAGMA page_count").fetchone()[0],
            db.execute("PRAGMA page_size").fetchone()[0],
        )
        # A truncated file can still answer some queries: its size gives it away.
        if page_count * page_size != os.stat(target).st_size:
            return None
        if db.execute("SELECT version FROM meta").fetchone() != (version,):
            return None
        return (use(db),)
    except (sqlite3.DatabaseError, OSError):
        return None
    finally:
        db.close()


def _build_file(
    corpus: Corpus, target: str, version: str, stop: list[bool], temporaries: list[str]
) -> bool:
    """Build the index beside `target` and rename it into place; False when that fails.
    The file being built is listed in `temporaries` (for `_apart` to remove)."""
    import sqlite3

    from seven_features.store import files

    try:
        cache.make_store(os.path.dirname(target))
        with files.replacing(target) as temporary:
            temporaries.append(temporary)
            with closing(_connect(str(temporary), stop)) as db:
                # Nothing reads the file before the rename, so a crash costs only a rebuild.
                db.execute("PRAGMA journal_mode = OFF")
                db.execute("PRAGMA synchronous = OFF")
                _fill(db, corpus, version)
        cache.prune("search-", keep=8)  # indexes of older data only take space
    except (sqlite3.Error, OSError):
        return False
    return True


def _fill(db: sqlite3.Connection, corpus: Corpus, version: str) -> None:
    rows = list(entries(corpus))
    texts = [text for row in rows for text in row[:2]]
    db.isolation_level = None
    db.execute("BEGIN")
    columns = ", ".join(c if c in ("head", "body") else f"{c} UNINDEXED" for c in _COLUMNS)
    db.execute(
        f"CREATE VIRTUAL TABLE entries USING fts5({columns}, "
        "tokenize = 'porter unicode61 remove_diacritics 2')"
    )
    db.executemany(
        f"INSERT INTO entries (rowid, {', '.join(_COLUMNS)}) "
        f"VALUES ({', '.join('?' * (1 + len(_COLUMNS)))})",
        ((rowid, *row) for rowid, row in enumerate(rows, 1)),
    )
    db.execute("INSERT INTO entries (entries) VALUES ('optimize')")
    # Long texts again, in pieces, to make their snippets from (see `_piece_snippet`).
    db.execute(
        "CREATE VIRTUAL TABLE pieces USING fts5(text, "
        "tokenize = 'porter unicode61 remove_diacritics 2')"
    )
    db.execute("CREATE TABLE long (entry INTEGER, col INTEGER, first INTEGER, last INTEGER)")
    db.execute("CREATE UNIQUE INDEX long_by_entry ON long (entry, col)")
    piece = 0
    for rowid, row in enumerate(rows, 1):
        for col in (0, 1):
            if len(row[col]) > _PIECE_CHARS:
                cut = _pieces(row[col])
                db.executemany(
                    "INSERT INTO pieces (rowid, text) VALUES (?, ?)", enumerate(cut, piece + 1)
                )
                db.execute(
                    "INSERT INTO long VALUES (?, ?, ?, ?)",
                    (rowid, col, piece + 1, piece + len(cut)),
                )
                piece += len(cut)
    db.execute("INSERT INTO pieces (pieces) VALUES ('optimize')")
    db.execute("CREATE TABLE terms (key TEXT, parts TEXT, joined TEXT, shown TEXT, uses INTEGER)")
    db.execute("CREATE INDEX terms_by_key ON terms (key)")
    db.executemany("INSERT INTO terms VALUES (?, ?, ?, ?, ?)", _vocabulary(texts))
    db.execute("CREATE TABLE meta (version TEXT, mark_start TEXT, mark_end TEXT)")
    db.execute("INSERT INTO meta VALUES (?, ?, ?)", (version, *_marks(texts)))
    db.execute("COMMIT")


def _pieces(text: str) -> list[str]:
    """`text` cut into pieces of at most `_PIECE_CHARS` characters: at the last space
    (the spaces around a cut are dropped), else after the last character that is no part
    of a word, else anywhere."""
    return [text[start:end] for start, end in _piece_spans(text)]


def _piece_spans(text: str) -> list[tuple[int, int]]:
    """Where each of `_pieces(text)` stands in `text`: (start, end) offsets."""
    spans: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > _PIECE_CHARS:
        window = text[start : start + _PIECE_CHARS]
        backwards = window[::-1]
        space = _SPACE.search(backwards, 0, len(window) - 1)
        if space is not None:
            end = start + len(window) - 1 - space.start()
        else:
            other = _NOT_WORD.search(backwards, 0, len(window) - 1)
            end = start + len(window) - (other.start() if other is not None else 0)
        spans.append((start, start + len(text[start:end].rstrip())))
        after = _NOT_SPACE.search(text, end)
        start = after.start() if after is not None else len(text)
    if start < len(text) or not spans:
        spans.append((start, len(text)))
    return spans


def _vocabulary(texts: list[str]) -> Iterator[tuple[str, str, str, str, int]]:
    """Every term the indexed text uses: its key, its parts spaced and closed up, its most
    used spelling (lower case when it is ever written so), and how often it appears."""
    # Each spelling is counted, then folded once however often it is used. In order of
    # first use, so the terms and their forms (and so the one shown) come out as when
    # every word was taken in turn.
    spelt: Counter[str] = Counter()
    for text in texts:
        for start, end in _stretches(text):
            spelt.update(match.TERM.findall(text, start, end))
    uses: dict[str, int] = {}
    first: dict[str, str] = {}  # the first spelling of each term
    others: dict[str, list[str]] = {}  # the others, for the few terms that have some
    for form, count in spelt.items():
        parts = " ".join(match.PART.findall(match.fold(form)))
        if parts in uses:
            uses[parts] += count
            others.setdefault(parts, []).append(form)
        else:
            uses[parts] = count
            first[parts] = form
    for parts, count in uses.items():
        shown = first[parts]
        if parts in others:
            forms = [shown, *others[parts]]
            lower = [f for f in forms if f == f.lower()]
            shown = max(lower or forms, key=spelt.__getitem__)
        joined = parts.replace(" ", "")
        yield _key([joined]), parts, joined, shown, count


def _stretches(text: str) -> Iterator[tuple[int, int]]:
    """`text` as (start, end) stretches of about `_STRETCH_CHARS`, cut at spaces (which no
    term holds): one call into `re` or `Counter` over a long text would hold Python's
    lock for a second, and with it Ctrl-C (see `_apart`)."""
    start = 0
    while len(text) - start > _STRETCH_CHARS:
        space = _SPACE.search(text, start + _STRETCH_CHARS)
        if space is None:
            break
        yield start, space.start()
        start = space.start()
    yield start, len(text)


def _marks(texts: list[str]) -> tuple[str, str]:
    """Two characters no indexed text holds, to mark matches in snippets with."""
    used: set[str] = set().union(*map(set, texts))
    free = (chr(c) for block in _MARK_CANDIDATES for c in block if chr(c) not in used)
    start, end = next(free, ""), next(free, "")
    return (start, end) if end else ("", "")  # text holding all 200,000: no marks at all


# --- the site's index --------------------------------------------------------------------

#: The shape of `site_index`, which the site's script (`render/site.js`) reads.
SITE_INDEX_FORMAT = 1
#: FTS5's unicode61 tokenizer: a token begins with a letter, a digit or a private-use
#: character and goes on through them and through the diacritics FTS5 folds away (some of
#: U+0300-U+0331: the bits of these masks). Used to find where each token stands.
_DIACRITIC_MASKS = (0x08029FDF, 0x000361F8)
_DIACRITICS = "".join(
    chr(c) for c in range(768, 818) if _DIACRITIC_MASKS[(c - 768) >> 5] >> ((c - 768) & 31) & 1
)
_PRIVATE = "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"
_TOKEN = re.compile(f"(?:[^\\W_]|[{_PRIVATE}])(?:[^\\W_]|[{_PRIVATE}{_DIACRITICS}])*")
_SENTENCE_GAP = " \t\n\r"  # what FTS5's snippet() looks back over for a full stop or colon


def site_index(corpus: Corpus, clean: Callable[[str], str]) -> dict[str, Any]:
    """What the site's search script needs to answer a query exactly as `found` and
    `suggestions` do, read from the very index they search (built by `_fill`), so the
    script only folds the query, looks its tokens up and ranks:

    - `rows`: each entry as a hit shows it (kind, where, ref, title, footnotes) and its
      head and body (as `clean` shows text), each with where FTS5's tokens stand in it,
      which of them begin a sentence, and where its pieces are (a long text's snippet
      is made from one, see `_piece_snippet`);
    - `postings`: every token FTS5 stored, with the row, column and position of each
      of its instances; with the rows' sizes in tokens, the numbers bm25 uses, and
      `idf`: bm25's weight of a phrase that `n` rows hold, as SQLite computes it;
    - `known` and `pool`: the vocabulary `spellings` and `suggestions` read;
    - `fold`: what Python's case folding does that JavaScript's lower-casing does not,
      and the combining marks `match.fold` drops; `stem`: `match.stem`'s endings.

    Every text is made safe by `clean` (the pages' own cleaning), so no control or bidi
    character reaches the page; token offsets are in UTF-16 code units, as JavaScript's.
    """
    with closing(_connect(":memory:", [])) as db:
        _fill(db, corpus, "")
        return _export(db, clean)


def _export(db: sqlite3.Connection, clean: Callable[[str], str]) -> dict[str, Any]:
    db.execute("CREATE VIRTUAL TABLE temp.instances USING fts5vocab(main, entries, 'instance')")
    postings: dict[str, list[int]] = {}
    sizes: dict[tuple[int, int], int] = {}
    for term, doc, col, offset in db.execute(
        "SELECT term, doc, col, offset FROM temp.instances ORDER BY term, doc, col, offset"
    ):
        column = 0 if col == "head" else 1
        postings.setdefault(term, []).extend((doc, column, offset))
        sizes[doc, column] = sizes.get((doc, column), 0) + 1
    pieces: dict[tuple[int, int], bool] = {
        (entry, col): True for entry, col in db.execute("SELECT entry, col FROM long")
    }
    rows = []
    for rowid, head, body, kind, place, ref, title, footnotes in db.execute(
        "SELECT rowid, head, body, kind, place, ref, title, footnotes FROM entries ORDER BY rowid"
    ):
        columns = [
            _column(text, sizes.get((rowid, col), 0), clean, (rowid, col) in pieces)
            for col, text in enumerate((head, body))
        ]
        rows.append(
            {
                "rowid": rowid,
                "kind": kind,
                "where": clean(place),
                "ref": json.loads(ref),
                "title": clean(title),
                "footnotes": json.loads(footnotes),
                "columns": columns,
            }
        )
    count = len(rows)
    total = sum(sizes.values())
    idf: list[float] = []
    for hits in range(count + 1):  # bm25's IDF, as fts5_aux.c computes it
        weight = math.log((count - hits + 0.5) / (hits + 0.5))
        if weight <= 0.0:
            break  # it only falls from here; the script takes 1e-6, as SQLite does
        idf.append(weight)
    known: dict[str, list[str]] = {}
    for key, parts in db.execute("SELECT key, parts FROM terms ORDER BY key, uses DESC, parts"):
        known.setdefault(key, []).append(parts)
    pool: dict[str, str] = {}
    for joined, shown in db.execute(
        "SELECT joined, shown FROM terms ORDER BY uses DESC, shown LIMIT ?", (_CLOSE_POOL,)
    ):
        pool.setdefault(joined, clean(shown))
    return {
        "format": SITE_INDEX_FORMAT,
        "rows": rows,
        "tokens": total,
        "postings": postings,
        "idf": idf,
        "known": known,
        "pool": list(pool.items()),
        "weights": [_HEAD_WEIGHT, _BODY_WEIGHT],
        "limits": {
            "chars": MAX_QUERY_CHARS,
            "words": MAX_QUERY_WORDS,
            "phrasings": _PHRASINGS,
            "snippet": _SNIPPET_TOKENS,
        },
        "ellipsis": ELLIPSIS,
        "joiners": match.JOINERS,
        "stem": {"suffixes": match.SUFFIXES, "irregular": match.IRREGULAR},
        "fold": _folding(),
    }


def _column(text: str, size: int, clean: Callable[[str], str], long: bool) -> dict[str, Any]:
    """A head or body for the site: its text as `clean` shows it; where each token FTS5
    stored stands in that text, as [gap, length, gap, length, ...] in UTF-16 units (null
    where FTS5 counted its tokens otherwise, as a newer Unicode might); which tokens begin
    a sentence, as FTS5's snippet() finds them; and for a long text, each piece's first
    and next token and its start and end in the shown text (see `_piece_snippet`)."""
    spans = [m.span() for m in _TOKEN.finditer(text)]
    if len(spans) != size:
        return {"text": clean(text), "size": size, "tokens": None, "sentences": [], "pieces": None}
    sentences = [n for n, (start, _) in enumerate(spans) if n and _begins_sentence(text, start)]
    same = clean(text) == text  # nearly every text: nothing in it to clean

    def shown(part: str) -> str:
        return part if same else clean(part)

    pieces: list[str] = []
    tokens: list[int] = []
    starts: list[int] = []  # each token's start and end in the shown text
    ends: list[int] = []
    at = length = 0
    for start, end in spans:
        gap, word = shown(text[at:start]), shown(text[start:end])
        pieces += (gap, word)
        tokens += (_utf16(gap), _utf16(word))
        starts.append(length + tokens[-2])
        length = starts[-1] + tokens[-1]
        ends.append(length)
        at = end
    pieces.append(shown(text[at:]))
    column: dict[str, Any] = {
        "text": "".join(pieces),
        "size": size,
        "tokens": tokens,
        "sentences": sentences,
    }
    if long:
        raw_ends = [end for _, end in spans]

        def position(offset: int) -> int:
            """Where `offset` of the text (at the edge of a run of spaces) is when shown."""
            before = bisect.bisect_right(raw_ends, offset)
            base, raw = (ends[before - 1], raw_ends[before - 1]) if before else (0, 0)
            return base + _utf16(shown(text[raw:offset]))

        raw_starts = [start for start, _ in spans]
        column["pieces"] = [
            [
                bisect.bisect_left(raw_starts, start),
                bisect.bisect_right(raw_ends, end),
                position(start),
                position(end),
            ]
            for start, end in _piece_spans(text)
        ]
    else:
        column["pieces"] = None
    return column


def _begins_sentence(text: str, start: int) -> bool:
    """Whether the token at `start` begins a sentence for FTS5's snippet(): spaces (one at
    least) stand between it and a '.' or ':' before them."""
    at = start - 1
    while at >= 0 and text[at] in _SENTENCE_GAP:
        at -= 1
    return at < start - 1 and at >= 0 and text[at] in ".:"


def _utf16(text: str) -> int:
    """The length of `text` in UTF-16 code units, as JavaScript counts it."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


def _folding() -> dict[str, Any]:
    """What `match.fold` does beyond what JavaScript has: the characters whose case folding
    differs from lower-casing each alone (ß is ss), and the ranges of combining marks it
    drops."""
    import sys
    import unicodedata

    differs: dict[str, str] = {}
    marks: list[list[int]] = []
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if unicodedata.combining(char):
            if marks and marks[-1][1] == code - 1:
                marks[-1][1] = code
            else:
                marks.append([code, code])
        folded = char.casefold()
        if folded != char.lower():
            differs[char] = folded
    return {"casefold": differs, "combining": marks}


# --- what is indexed ---------------------------------------------------------------------


def _entry(
    kind: str,
    where: str,
    ref: Mapping[str, Any],
    title: str,
    text: str,
    *,
    head: Sequence[str | None] | None = None,
    body: str | None = None,
    footnotes: list[int] | None = None,
) -> Entry:
    """One row: `head` (default: the title) is weighted above `body` (default: the text)."""
    heads = [h for h in (head if head is not None else [title]) if h]
    return (
        " · ".join(dict.fromkeys(heads)),
        text if body is None else body,
        kind,
        where,
        json.dumps(ref),
        title,
        text,
        json.dumps(footnotes or []),
    )


def _ref(kind: str, record: Mapping[str, Any]) -> dict[str, Any]:
    return {"kind": kind} | {k: record[k] for k in ("id", "number") if record.get(k) is not None}


def entries(corpus: Corpus) -> Iterator[Entry]:
    """Every text the document holds, in document order."""
    for section in corpus.document["sections"]:
        where, ref = f"document{_IN}{section['title']}", _ref("section", section)
        question = section.get("question") or ""
        yield _entry("section", where, ref, section["title"], question)
        for paragraph in section["paragraphs"] or []:
            yield _entry("paragraph", where, ref, section["title"], paragraph, head=[])
    yield from _programme(corpus.programme)
    for feature in corpus.features:
        yield from _feature(feature)
    for outcome in corpus.outcomes:
        heads = [outcome["name"], outcome["table_name"], *outcome["aliases"]]
        ref = _ref("outcome", outcome)
        where = f"outcome {outcome['number']}"
        yield _entry("outcome", where, ref, outcome["name"], outcome["text"], head=heads)
    for enabler in corpus.enablers:
        number, kind = enabler.get("number"), enabler["set"]
        where = f"{kind} enabler {number}" if number else f"{kind} enablers"
        text = enabler.get("text") or enabler["title"]
        # The actions mostly repeat the text, split up: index only what they add.
        body = "\n".join([text, *(a for a in enabler["actions"] if a not in text)])
        heads = [enabler["title"], *enabler["aliases"]]
        ref = _ref("enabler", enabler)
        yield _entry("enabler", where, ref, enabler["title"], text, head=heads, body=body)
    yield from _evidence(corpus)
    for file in corpus.local:  # after the document's rows, whose rowids stay as they were
        yield from _local(file)


def _programme(programme: Programme) -> Iterator[Entry]:
    name, ref = programme["name"], {"kind": "programme"}
    yield _entry("programme", "programme", ref, name, programme["objective"])
    for round_ in programme["rounds"]:
        label = round_["label"]
        yield _entry("programme", f"programme{_IN}{label}", ref, label, round_["text"])
    evaluation, conference = programme["evaluation"], programme["conference"]
    yield _entry(
        "programme",
        f"programme{_IN}evaluation",
        ref,
        evaluation["overall_report_by"],
        evaluation["reports"],
    )
    yield _entry(
        "programme", f"programme{_IN}conference", ref, conference["name"], conference["text"]
    )
    where = f"programme{_IN}findings online"
    yield _entry("programme", where, ref, name, programme["findings_online"], head=[])


def _feature(feature: Feature) -> Iterator[Entry]:
    where, ref = f"feature {feature['number']}", _ref("feature", feature)
    heads = [feature["title"], feature.get("heading"), feature["table_title"], feature["label"]]
    definition = "\n\n".join(feature["definition"])
    yield _entry(
        "feature", where, ref, feature["title"], definition, head=[*heads, *feature["aliases"]]
    )
    for kind, part, points in (
        ("difference", "differences", feature["differences"]),
        ("pitfall", "pitfalls", feature["pitfalls"]),
    ):
        for point in points:
            yield _entry(
                kind,
                f"{where}{_IN}{part}",
                ref,
                point["headline"],
                f"{point['headline']}{point['separator']}{point['explanation']}",
                body=point["explanation"],
                footnotes=point["footnotes"],
            )


def _evidence(corpus: Corpus) -> Iterator[Entry]:
    for project in corpus.projects.values():
        text = project.get("description") or project["name"]
        yield _entry(
            "project",
            f"project {project['name']}",
            _ref("project", project),
            project["name"],
            text,
            head=[project["name"], *project["aliases"], *(project["places"] or [])],
            body=project.get("description") or "",
        )
    for source in corpus.sources.values():
        yield _entry(
            "source",
            f"source {source['name']}",
            _ref("source", source),
            source["name"],
            source.get("title") or source["name"],
            head=[source["name"], *source["aliases"]],
            body=" · ".join(filter(None, [source.get("title"), source.get("series")])),
        )
    for number, note in corpus.footnotes.items():
        if note["text"] is not None:
            name = corpus.citation(number)["source_name"]
            ref = {"kind": "footnote", "number": number}
            yield _entry(
                "footnote",
                f"footnote {number}",
                ref,
                name or f"Footnote {number}",
                note["text"],
                head=[],
            )
    for finding in corpus.findings:
        where, title = "findings", "Finding"
        outcome = corpus.outcome_by_id.get(finding["outcome"] or "")
        if outcome is not None:
            where, title = f"outcome {outcome['number']}{_IN}findings", outcome["name"]
        elif finding["features"] and finding["features"][0] in corpus.feature_by_id:
            first = corpus.feature_by_id[finding["features"][0]]
            where, title = f"feature {first['number']}{_IN}findings", first["title"]
        yield _entry(
            "finding",
            where,
            _ref("finding", finding),
            title,
            finding["statement"],
            head=[],
            footnotes=finding.get("footnotes"),
        )
    for quote in corpus.quotes:
        of = corpus.feature_by_id.get(quote["feature"])
        where = f"quote (feature {of['number']})" if of else "quote"
        yield _entry(
            "quote",
            where,
            _ref("quote", quote),
            quote["attribution"],
            quote["text"],
            head=[],
            body=f"{quote['text']}{_DASH}{quote['attribution']}",
            footnotes=[quote["footnote"]] if quote["footnote"] is not None else [],
        )


def _local(file: LocalFile) -> Iterator[Entry]:
    """A local evidence file's records, each of kind 'local-...', placed and titled by its
    owner (`where`: 'Example Borough Council › finding'), its ref naming the owner too."""
    owner = file["owner"]

    def ref(kind: str, key: str) -> dict[str, Any]:
        return {"kind": f"local-{kind}", "id": key, "owner": owner, "file": file["file"]}

    def where(kind: str) -> str:
        return f"{owner}{_IN}{kind}"

    for source in file["sources"]:
        yield _entry(
            "local-source",
            where("source"),
            ref("source", source["id"]),
            source["title"],
            source["title"],
            body=f"{source['author']}, {source['date']}",
        )
    for project in file["projects"]:
        yield _entry(
            "local-project",
            where("project"),
            ref("project", project["id"]),
            project["name"],
            project["description"] or project["name"],
            body=project["description"] or "",
        )
    for finding in file["findings"]:
        yield _entry(
            "local-finding",
            where("finding"),
            ref("finding", finding["id"]),
            owner,
            finding["statement"],
            head=[],
        )
    for quote in file["quotes"]:
        yield _entry(
            "local-quote",
            where("quote"),
            ref("quote", quote["id"]),
            quote["attribution"],
            quote["text"],
            head=[],
            body=f"{quote['text']}{_DASH}{quote['attribution']}",
        )
    for note in file["notes"]:
        yield _entry(
            "local-note", where("note"), ref("note", note["id"]), owner, note["text"], head=[]
        )
    for answer in file["self_evaluation"]:
        text = "\n\n".join((answer["quality"], answer["how_we_know"], answer["next_steps"]))
        yield _entry(
            "local-self-evaluation",
            where(f"self-evaluation (feature {answer['feature']})"),
            ref("self-evaluation", answer["id"]),
            owner,
            text,
            head=[],
        )


def index_key(corpus: Corpus) -> str | None:
    """The cached index's name: the data's key, and with local evidence files, their
    content's too, so an index never answers for other local files than it holds."""
    if corpus.key is None or not corpus.local:
        return corpus.key
    held = json.dumps(corpus.local, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return f"{corpus.key}-local-{cache.key(held)[:20]}"
