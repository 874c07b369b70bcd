"""What a selection cites, gathered from the corpus: one entry per source, the framework
when its text is cited, and what other footnotes supply to each. A query, not a format:
`render/cite.py` lays the result out as BibTeX, RIS, CSL-JSON and text.

A source's citation key is its id, then a hyphen and its year when the document gives
one (`final-evaluation-report-2017`); `corpus/checks.py` refuses data where two sources, or
a source and the framework, would share one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NotRequired, TypedDict

from seven_features.corpus.indexed import Corpus, Record
from seven_features.errors import NotFound
from seven_features.wording import FRAMEWORK_ID, citation_key, local_key

TYPE_CHECKING = False
if TYPE_CHECKING:
    from seven_features.corpus.records import LocalSource

#: A source or footnote record as the data gives it (see `records.py`).
ReadOnly = Mapping[str, Any]
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


class Entry(TypedDict):
    """One source and the footnotes (of those asked for) that cite it."""

    key: str
    source: ReadOnly
    #: `Corpus.citation(n)` of each, in footnote order, plus `key`, `cite_item` and
    #: `filled` (what other footnotes supply to it, as `filled_from` gives it).
    footnotes: list[ReadOnly]
    #: Pages of those footnotes, in footnote order, each once.
    pages: list[str]
    #: Fields none of those footnotes prints, with the other footnotes that print them.
    filled: dict[str, list[int]]
    #: For the framework: the sections cited, each {"section": ..., "page": ...}.
    sections: list[ReadOnly]


class Citations(TypedDict):
    """What `gather()` returns: JSON-ready, like every query result."""

    view: str
    #: The footnote numbers asked for, sorted, each once.
    numbers: list[int]
    #: The framework first if asked for, then one per source in order of first citation
    #: (uncited sources last, if asked for).
    entries: list[Entry]
    #: Resolved footnotes that reach no source (footnote 6: a marker with no note).
    unsourced: list[ReadOnly]
    #: Only with --local: the local evidence's sources the selection cites, each its
    #: owner's, never the document's (`gather_local`).
    local: NotRequired[list[LocalEntry]]


class LocalCited(TypedDict):
    """A local record that cites a local source: its kind, id and page, and the CSL
    citation item a writer cites it by (`id`, and `label` and `locator` for a page)."""

    kind: str
    id: str
    page: str | None
    cite_item: Record


class LocalEntry(TypedDict):
    """One source of a local evidence file, its owner's, and the records citing it."""

    key: str
    owner: str
    source: LocalSource
    #: The local records of the selection that cite it (findings, quotes, notes), in the
    #: file's order; empty for a source exported with no selection that no record cites.
    cited_by: list[LocalCited]


# --- gathering -----------------------------------------------------------------------


def framework_source(corpus: Corpus) -> Record:
    """The framework document as a source record, from the document's own details."""
    doc = corpus.document
    month, _, year = doc["published"].rpartition(" ")
    return {
        "id": FRAMEWORK_ID,
        "kind": "framework",
        "name": doc["title"],
        "title": doc["title"],
        "series": None,
        "year": year if year.isdecimal() else None,
        "author": doc["author"],
        "author_basis": doc["author_basis"],
        "issued": doc["published"] if month in MONTHS else None,
        "produced": doc["produced"],
        "isbn": doc["isbn"],
        # As the document's About page prints its DfE reference: 'RR: RR1270'.
        "number": f"RR: {doc['reference']}",
        "missing": {},
        "remarks": [],
        "outside": [],
    }


def citation_keys(corpus: Corpus) -> dict[str, str]:
    """Source id -> citation key for every source (unique in validated data: corpus/checks.py)."""
    return {source_id: citation_key(source) for source_id, source in corpus.sources.items()}


def _origin(cited: ReadOnly) -> int:
    """The note that prints what `cited` gives: itself, or for 'Ibid.' the note it goes back to."""
    number: int = cited["resolved_through"][-1] if cited["ibid"] else cited["number"]
    return number


def filled_from(
    corpus: Corpus, source: ReadOnly, cited: Iterable[ReadOnly]
) -> dict[str, list[int]]:
    """The title and year of `source` that none of the `cited` footnotes prints, each with
    the other footnotes on the same source that do print it."""
    origins = {_origin(c) for c in cited}
    return {
        field: numbers
        for field, numbers in _printing(corpus, source).items()
        if numbers and not origins.intersection(numbers)
    }


def _printing(corpus: Corpus, source: ReadOnly) -> dict[str, list[int]]:
    """The footnotes naming `source` that print its title, and those that give its year:
    worked out once per source and run (a brief asks for each of its notes)."""
    known: dict[str, dict[str, list[int]]] = corpus.memo("printing", dict)
    found = known.get(source["id"])
    if found is None:
        found = known[source["id"]] = {"title": [], "year": []}
        for number in corpus.notes_by_source.get(source["id"], []):
            note = corpus.footnotes[number]
            if note["text"] is None:
                continue
            if source["title"] and source["title"] in note["text"]:
                found["title"].append(number)
            if source["year"] and note["year"] == source["year"]:
                found["year"].append(number)
    return found


def _entry(key: str, source: ReadOnly) -> Entry:
    return {
        "key": key,
        "source": source,
        "footnotes": [],
        "pages": [],
        "filled": {},
        "sections": [],
    }


def gather(
    corpus: Corpus,
    numbers: Iterable[int] | None = None,
    *,
    every_source: bool = False,
    framework: Iterable[ReadOnly] | None = None,
) -> Citations:
    """The sources that footnotes `numbers` (default: all) cite, one entry per source.

    Footnotes are resolved with `Corpus.citation` ('Ibid.' followed). Those that reach
    no source are returned under `unsourced` so the caller can say so. With
    `every_source`, sources no chosen footnote cites (the Munro Review, say) follow
    with no footnotes. With `framework` (a list of the sections cited, maybe empty),
    the framework itself comes first.
    """
    wanted = sorted(corpus.footnotes) if numbers is None else sorted(set(numbers))
    for number in wanted:
        if number not in corpus.footnotes:
            first, last = min(corpus.footnotes), max(corpus.footnotes)
            raise NotFound(
                f"no footnote {number}: the document's footnotes are numbered {first} to {last}"
            )
    keys = citation_keys(corpus)
    entries: dict[str, Entry] = {}
    if framework is not None:
        document = framework_source(corpus)
        key = citation_key(document)
        entries[FRAMEWORK_ID] = {**_entry(key, document), "sections": list(framework)}
    unsourced: list[ReadOnly] = []
    for number in wanted:
        cited = corpus.citation(number)
        source_id = cited["source"]
        if source_id is None:
            unsourced.append(cited)
            continue
        key = keys[source_id]
        entry = entries.setdefault(source_id, _entry(key, corpus.sources[source_id]))
        page = cited["page"]
        item: Record = {"id": key}
        if page is not None:
            item |= {"label": "page", "locator": page}
            if page not in entry["pages"]:
                entry["pages"].append(page)
        filled = filled_from(corpus, entry["source"], [cited])
        entry["footnotes"].append({**cited, "key": key, "cite_item": item, "filled": filled})
    for entry in entries.values():
        if entry["footnotes"]:
            entry["filled"] = filled_from(corpus, entry["source"], entry["footnotes"])
    if every_source:
        for source_id, source in corpus.sources.items():
            if source_id not in entries:
                entries[source_id] = _entry(keys[source_id], source)
    return {
        "view": "citations",
        "numbers": wanted,
        "entries": list(entries.values()),
        "unsourced": unsourced,
    }


#: The local records that cite a source, with the words a note names each kind by.
LOCAL_CITING = (("findings", "finding"), ("quotes", "quote"), ("notes", "note"))


def gather_local(
    corpus: Corpus,
    taken: Iterable[str] = (),
    *,
    features: Iterable[int] | None = None,
    outcomes: Iterable[int] | None = None,
    projects: Mapping[str, Iterable[str]] | None = None,
) -> list[LocalEntry]:
    """The local evidence's sources, one entry each, with the local records citing them.

    With neither `features` nor `outcomes` (None): every source of every local file,
    cited or not. Otherwise the sources cited by local records linked to any of the
    `features` or any of the `outcomes` (by number, as local records link), as a selection
    of the document's stands for the footnotes of each feature and each outcome. A key
    is the owner's name and the source's id (`wording.local_key`), made unique against
    `taken` (the document's keys) and each other.
    """
    every = features is None and outcomes is None and projects is None
    wanted_features, wanted_outcomes = set(features or ()), set(outcomes or ())
    used = set(taken)
    entries: list[LocalEntry] = []
    for file in corpus.local:
        owner = file["owner"]
        citing: dict[str, list[tuple[str, str, str | None]]] = {}
        own = set((projects or {}).get(file["file"], ()))
        for kind, noun in LOCAL_CITING:
            records: list[Any] = file[kind]  # type: ignore[literal-required]
            for r in records:
                linked = (
                    wanted_features & set(r["features"])
                    or wanted_outcomes & set(r["outcomes"])
                    or r["project"] in own
                )
                if r["source"] is not None and (every or linked):
                    citing.setdefault(r["source"], []).append((noun, r["id"], r["page"]))
        for source in file["sources"]:
            if not every and source["id"] not in citing:
                continue
            key = base = local_key(owner, source["id"])
            n = 1
            while key in used:
                n += 1
                key = f"{base}-{n}"
            used.add(key)
            cited_by: list[LocalCited] = []
            for noun, ident, page in citing.get(source["id"], []):
                at = page or source["page"]
                item: Record = {"id": key}
                if at is not None:
                    item |= {"label": "page", "locator": at}
                cited_by.append({"kind": noun, "id": ident, "page": at, "cite_item": item})
            entries.append({"key": key, "owner": owner, "source": source, "cited_by": cited_by})
    return entries


def unsourced(result: Citations) -> list[str]:
    """One sentence per chosen footnote that reaches no source (footnote 6: a marker, no note)."""
    lines = []
    for note in result["unsourced"]:
        why = note["missing"].get("text") or "The document does not identify its source."
        lines.append(
            f"footnote {note['number']} names no source, so no source is exported for it: {why}"
        )
    return lines
