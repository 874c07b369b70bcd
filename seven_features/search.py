"""Ranked full-text search over every text the document holds, with SQLite FTS5.

Words match in their other forms ('porter unicode61 remove_diacritics 2'): "co-located"
finds "Co-location", "decisions" finds "decision-making". Hits are ranked by bm25, a
match in a title or headline weighing more than one in body text.

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
- `snippet`: the best-matching part of the text, each match between MARK_START and MARK_END,
  cuts marked with "…"; `footnotes`: the footnote numbers the text cites;
- `rank`: bm25 score, lower is better (SQLite's convention); hits come best first.

Any text is a valid query: its words (letters and digits) are quoted and ANDed, so FTS5
operators are plain words; words joined by a hyphen, apostrophe, full stop or slash form
a phrase ("co-location" is "co location"). Only the first 500 characters (never cutting a
word) and, of those, the first 32 words count; text without a word finds nothing.

With an `index_key` and the cache on, the index is built once into the cache and later
opened read-only; without them it is built in memory for the one query.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import closing, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from seven_features import cache
from seven_features.corpus import Corpus

if TYPE_CHECKING:
    import sqlite3

    from seven_features.records import Feature, Programme

MARK_START = "\ue000"
MARK_END = "\ue001"
ELLIPSIS = "…"
MAX_QUERY_CHARS = 500
MAX_QUERY_WORDS = 32

#: With this module's own bytes, marks a cached index: any change to the code rebuilds it.
SCHEMA = 1
_HEAD_WEIGHT, _BODY_WEIGHT = 4.0, 1.0
_SNIPPET_TOKENS = 24
_IN, _DASH = " \u203a ", " \u2013 "

_WORD = r"[^\W_]+"
_TERM = re.compile(rf"{_WORD}(?:[-\u2010\u2011'\u2019./]{_WORD})*")
_PART = re.compile(_WORD)
_KEY = re.compile(r"[A-Za-z0-9_.-]{1,128}")  # a key never leaves the cache directory

# head and body are searched; the rest is what a hit shows, so a query never walks the corpus.
_COLUMNS = ("head", "body", "kind", "place", "ref", "title", "text", "footnotes")
Entry = tuple[str, str, str, str, str, str, str, str]


def match_expression(text: str) -> str | None:
    """`text` as a safe FTS5 query: its words quoted and ANDed; None when it has no word."""
    import unicodedata

    text = unicodedata.normalize("NFC", text)
    window = text[:MAX_QUERY_CHARS]
    terms = list(_TERM.finditer(window))
    if terms and len(text) > MAX_QUERY_CHARS:
        # Never keep a word the cut went through.
        whole = _TERM.match(text, terms[-1].start())
        if whole is not None and whole.end() > MAX_QUERY_CHARS:
            terms.pop()
    phrases: list[str] = []
    budget = MAX_QUERY_WORDS
    for term in terms:
        parts = _PART.findall(term.group())[:budget]
        budget -= len(parts)
        phrases.append('"' + " ".join(parts).replace('"', '""') + '"')
        if budget <= 0:
            break
    return " ".join(phrases) or None


def search(
    corpus: Corpus, text: str, *, limit: int = 20, index_key: str | None = None
) -> list[dict[str, Any]]:
    """The best `limit` hits for `text`, best first; see the module docstring for their shape.

    `index_key` names the corpus's cached index (e.g. the data's content key, letters,
    digits, '.', '_' and '-'); without one, or with the cache off or unwritable, the index
    is built in memory.
    """
    query = match_expression(text)
    if query is None or limit <= 0:
        return []
    limit = min(limit, 2**31)  # SQLite's LIMIT takes 64-bit integers only
    import sqlite3

    usable = index_key is not None and _KEY.fullmatch(index_key) is not None
    target = cache.path(f"search-{index_key}.sqlite") if usable else None
    if target is not None:
        version = _version()
        hits = _query_file(target, version, query, limit)
        if hits is None and _build_file(corpus, target, version):
            hits = _query_file(target, version, query, limit)
        if hits is not None:
            return hits
    with closing(sqlite3.connect(":memory:")) as db:
        _fill(db, corpus, "")
        return _run(db, query, limit)


# --- the index -------------------------------------------------------------------------


def _version() -> str:
    try:
        code = Path(__file__).read_bytes()
    except OSError:
        code = b""
    return f"{SCHEMA}-{cache.key(code)}"


def _query_file(target: Path, version: str, query: str, limit: int) -> list[dict[str, Any]] | None:
    """Hits from the cached index, or None when it is absent, stale or corrupt."""
    import sqlite3

    if not target.is_file():
        return None
    try:
        db = sqlite3.connect(Path(os.path.abspath(target)).as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        page_count, page_size = (
            db.execute("PRAGMA page_count").fetchone()[0],
            db.execute("PRAGMA page_size").fetchone()[0],
        )
        # A truncated file can still answer some queries: its size gives it away.
        if page_count * page_size != target.stat().st_size:
            return None
        if db.execute("SELECT version FROM meta").fetchone() != (version,):
            return None
        return _run(db, query, limit)
    except (sqlite3.DatabaseError, OSError):
        return None
    finally:
        db.close()


def _build_file(corpus: Corpus, target: Path, version: str) -> bool:
    """Build the index beside `target` and rename it into place; False when that fails."""
    import sqlite3
    import tempfile

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        os.close(fd)
    except OSError:
        return False
    renamed = False
    try:
        with closing(sqlite3.connect(temporary)) as db:
            # Nothing reads the file before the rename, so a crash costs only a rebuild.
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            _fill(db, corpus, version)
        os.replace(temporary, target)
        renamed = True
        cache.prune("search-", keep=8)  # indexes of older data only take space
    except (sqlite3.Error, OSError):
        return False
    finally:
        if not renamed:
            with suppress(OSError):
                os.unlink(temporary)
    return True


def _fill(db: sqlite3.Connection, corpus: Corpus, version: str) -> None:
    db.isolation_level = None
    db.execute("BEGIN")
    columns = ", ".join(c if c in ("head", "body") else f"{c} UNINDEXED" for c in _COLUMNS)
    db.execute(
        f"CREATE VIRTUAL TABLE entries USING fts5({columns}, "
        "tokenize = 'porter unicode61 remove_diacritics 2')"
    )
    db.executemany(
        f"INSERT INTO entries ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})",
        entries(corpus),
    )
    db.execute("INSERT INTO entries (entries) VALUES ('optimize')")
    db.execute("CREATE TABLE meta (version TEXT)")
    db.execute("INSERT INTO meta VALUES (?)", (version,))
    db.execute("COMMIT")


def _run(db: sqlite3.Connection, query: str, limit: int) -> list[dict[str, Any]]:
    marks = (MARK_START, MARK_END, ELLIPSIS, _SNIPPET_TOKENS)
    rows = db.execute(
        "SELECT kind, place, ref, title, text, footnotes, "
        "snippet(entries, 1, ?, ?, ?, ?), snippet(entries, 0, ?, ?, ?, ?), "
        "bm25(entries, ?, ?) AS score "
        "FROM entries WHERE entries MATCH ? ORDER BY score, rowid LIMIT ?",
        (*marks, *marks, _HEAD_WEIGHT, _BODY_WEIGHT, query, limit),
    )
    return [
        {
            "kind": kind,
            "where": where,
            "ref": json.loads(ref),
            "title": title,
            # The body's words read better than the head's list of names: prefer them.
            "snippet": in_body if MARK_START in in_body or not in_head else in_head,
            "text": text,
            "footnotes": json.loads(footnotes),
            "rank": round(score, 6),
        }
        for kind, where, ref, title, text, footnotes, in_body, in_head, score in rows
    ]


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
        evaluation["evaluator"],
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
