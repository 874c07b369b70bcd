"""The validated data at run time: plain dicts and lists, indexed for look-up.

`load.py` validates the YAML with the pydantic model once and caches the result
as plain data; every command then works on a `Corpus`, which needs no pydantic,
so a warm command starts fast. The dicts have exactly the shape of the model's
`model_dump()`, typed by the TypedDicts in `records.py`.
"""

from __future__ import annotations

import marshal
from collections.abc import Mapping, Sequence

from seven_features.imports import cast, overload

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator
    from typing import Any, TypeAlias, TypeVar

    from seven_features.corpus.records import (
        Citation,
        Data,
        Document,
        Enabler,
        Feature,
        Finding,
        Footnote,
        Framework,
        Link,
        LocalFile,
        Outcome,
        Programme,
        Project,
        Quote,
        Source,
        Table,
    )

    K = TypeVar("K")
    R = TypeVar("R")
    T = TypeVar("T")
    #: Untyped data: what a cache entry holds before it is checked and unpacked.
    Record: TypeAlias = dict[str, Any]
    Positions: TypeAlias = dict[Any, list[int]]
else:
    Record = Positions = dict

#: The fields of findings and quotes that queries select by, indexed once when packed.
INDEXED = {
    "findings": ("outcome", "features", "projects", "footnotes"),
    "quotes": ("feature", "project", "footnote"),
}


class _Blob:
    """Records marshalled one after another in one buffer, with their offsets: the cache
    keeps a kind of record so, and a command decodes only the records it uses. (One
    bytes object per record cost 9 ms at 100 times the data only to be made at start-up.)
    The buffer is a view of the cache entry's bytes, so a record is decoded in place."""

    __slots__ = ("_data", "_offsets")

    def __init__(self, data: bytes | memoryview, offsets: list[int]) -> None:
        self._data, self._offsets = data, offsets

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def load(self, i: int) -> Any:
        return marshal.loads(self._data[self._offsets[i] : self._offsets[i + 1]])


#: marshal's version 2 keeps no back-references: a record decodes in three quarters of the
#: time version 4 takes (1.1 against 1.5 µs a finding), for a tenth more bytes.
_VERSION = 2


def blob(records: Iterable[Any]) -> tuple[bytes, list[int]]:
    """`records` as `_Blob` reads them: one bytes object, and where each record starts."""
    parts = [marshal.dumps(dict(r), _VERSION) for r in records]
    offsets = [0]
    for part in parts:
        offsets.append(offsets[-1] + len(part))
    return b"".join(parts), offsets


class _Marshalled(Mapping[str, "T"]):
    """A mapping whose values stay marshalled until first read: an index by one field is
    decoded only by a command that selects by that field."""

    def __init__(self, values: Mapping[str, T | bytes]) -> None:
        self._values = dict(values)

    def __getitem__(self, key: str) -> T:
        value = self._values[key]
        if isinstance(value, bytes):
            value = self._values[key] = marshal.loads(value)
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)


class Records(Sequence["R"]):
    """Findings or quotes in order, each decoded when first used, with an index by field."""

    def __init__(self, cells: list[Any] | _Blob, index: Mapping[str, Positions | bytes]) -> None:
        if isinstance(cells, _Blob):
            self._blob: _Blob | None = cells
            self._cells: list[Any] = [None] * len(cells)
        else:
            self._blob, self._cells = None, list(cells)
        #: field -> value -> the positions of the records that have it (or list it)
        self.positions: Mapping[str, Positions] = _Marshalled(index)

    def __len__(self) -> int:
        return len(self._cells)

    @overload
    def __getitem__(self, i: int) -> R: ...
    @overload
    def __getitem__(self, i: slice) -> list[R]: ...
    def __getitem__(self, i: int | slice) -> R | list[R]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        cell = self._cells[i]
        if cell is None and self._blob is not None:
            cell = self._cells[i] = self._blob.load(i)
        return cell  # type: ignore[no-any-return]

    def where(self, field: str, value: object) -> list[R]:
        """The records whose `field` is, or lists, `value`, in order."""
        return [self[i] for i in self.positions[field].get(value, [])]

    def select(self, **criteria: set[Any] | None) -> list[R]:
        """The records, in order, whose every criterion field is or lists one of its values;
        a criterion of None does not select."""
        chosen: set[int] | None = None
        for field, values in criteria.items():
            if values is None:
                continue
            hits = {i for value in values for i in self.positions[field].get(value, [])}
            chosen = hits if chosen is None else chosen & hits
        return list(self) if chosen is None else [self[i] for i in sorted(chosen)]


class Keyed(Mapping["K", "R"]):
    """Sources, footnotes or projects by id or number, each decoded when first used."""

    def __init__(self, cells: dict[K, Any] | tuple[list[K], _Blob]) -> None:
        if isinstance(cells, dict):
            self._cells, self._blob, self._at = dict(cells), None, {}
        else:
            keys, self._blob = cells
            self._at = {key: i for i, key in enumerate(keys)}
            self._cells = {}

    def __getitem__(self, key: K) -> R:
        if key in self._cells:
            return self._cells[key]  # type: ignore[no-any-return]
        if self._blob is None:
            raise KeyError(key)
        record = self._cells[key] = self._blob.load(self._at[key])
        return record  # type: ignore[no-any-return]

    def __contains__(self, key: object) -> bool:
        return key in (self._at if self._blob is not None else self._cells)

    def __iter__(self) -> Iterator[K]:
        return iter(self._at if self._blob is not None else self._cells)

    def __len__(self) -> int:
        return len(self._at if self._blob is not None else self._cells)


def index(records: Sequence[Any], fields: Sequence[str]) -> dict[str, dict[Any, list[int]]]:
    """For each field, value -> positions of the records that have it (or list it)."""
    found: dict[str, dict[Any, list[int]]] = {field: {} for field in fields}
    for i, record in enumerate(records):
        for field in fields:
            value = record[field]
            for one in value if isinstance(value, list) else [value]:
                if one is not None:
                    found[field].setdefault(one, []).append(i)
    return found


def pack(raw: Data) -> Record:
    """The validated data as the cache keeps it: each kind of evidence record marshalled
    into one of `blobs`, with its offsets, so a command decodes only the records it shows
    (at 100 times the real data, decoding everything took 30 ms of a 40 ms budget)."""
    evidence = cast("Mapping[str, list[Record]]", raw["evidence"])  # by kind, as named below
    blobs: dict[str, bytes] = {}
    packed: Record = {"framework": raw["framework"], "blobs": blobs}
    for kind, key in (("sources", "id"), ("footnotes", "number"), ("projects", "id")):
        blobs[kind], offsets = blob(evidence[kind])
        packed[kind] = {"keys": [r[key] for r in evidence[kind]], "offsets": offsets}
    for kind in INDEXED:
        blobs[kind], offsets = blob(evidence[kind])
        packed[kind] = {"offsets": offsets}
    packed["index"] = {
        kind: {field: marshal.dumps(at) for field, at in index(evidence[kind], fields).items()}
        for kind, fields in INDEXED.items()
    }
    notes = cast("list[Footnote]", evidence["footnotes"])
    packed["notes_by_source"] = marshal.dumps(_notes_by_source(notes))
    return packed


def _notes_by_source(footnotes: Sequence[Footnote]) -> dict[str, list[int]]:
    """The footnotes that name each source themselves ('Ibid.' names none), in order."""
    found: dict[str, list[int]] = {}
    for note in footnotes:
        if note["source"] is not None:
            found.setdefault(note["source"], []).append(note["number"])
    return found


class Corpus:
    """Indexes over the framework and evidence records; read-only by convention."""

    def __init__(self, raw: Data, key: str | None = None) -> None:
        """A corpus over plain data shaped like the model's `model_dump()`."""
        evidence = raw["evidence"]
        self._setup(
            raw["framework"],
            {s["id"]: s for s in evidence["sources"]},
            {f["number"]: f for f in evidence["footnotes"]},
            {p["id"]: p for p in evidence["projects"]},
            {
                kind: (list(evidence[kind]), index(evidence[kind], f))  # type: ignore[literal-required]
                for kind, f in INDEXED.items()
            },
            key,
            _notes_by_source(evidence["footnotes"]),
        )

    @classmethod
    def unpack(cls, packed: Record, key: str | None = None) -> Corpus:
        """A corpus over `pack()`'s form, decoding records only as they are used."""
        corpus = cls.__new__(cls)

        blobs = packed["blobs"]

        def records(kind: str) -> _Blob:
            return _Blob(blobs[kind], packed[kind]["offsets"])

        def keyed(kind: str) -> tuple[list[Any], _Blob]:
            return packed[kind]["keys"], records(kind)

        corpus._setup(
            packed["framework"],
            keyed("sources"),
            keyed("footnotes"),
            keyed("projects"),
            {kind: (records(kind), packed["index"][kind]) for kind in INDEXED},
            key,
            packed["notes_by_source"],
        )
        corpus._links = blobs.get("links")
        return corpus

    def _setup(
        self,
        framework: Framework,
        sources: dict[str, Any] | tuple[list[str], _Blob],
        footnotes: dict[int, Any] | tuple[list[int], _Blob],
        projects: dict[str, Any] | tuple[list[str], _Blob],
        lists: dict[str, tuple[list[Any] | _Blob, Mapping[str, Positions | bytes]]],
        key: str | None,
        notes_by_source: dict[str, list[int]] | bytes,
    ) -> None:
        self._by_source = notes_by_source
        #: Local evidence files given with --local, each its owner's (see `with_local`).
        self.local: tuple[LocalFile, ...] = ()
        #: The cache key of the data files' content; None when not known.
        self.key = key
        # The feature–project links (`links.py`): worked out once and kept in the cache,
        # marshalled, so that a command that never follows them never decodes them.
        self._links: list[Link] | bytes | memoryview | None = None
        #: Indexes a query builds once per run, by name (see `memo`).
        self._memos: dict[str, Any] = {}
        self._citations: dict[int, Citation] = {}
        self.framework = framework
        self.document: Document = framework["document"]
        self.programme: Programme = framework["programme"]
        self.features: list[Feature] = framework["features"]
        self.outcomes: list[Outcome] = sorted(framework["outcomes"], key=lambda o: o["number"])
        self.improvement_enablers: list[Enabler] = framework["enablers"]["improvement"]
        self.evaluation_enablers: list[Enabler] = framework["enablers"]["evaluation"]
        self.table: Table = framework["table"]
        self.sources: Keyed[str, Source] = Keyed(sources)
        self.footnotes: Keyed[int, Footnote] = Keyed(footnotes)
        self.projects: Keyed[str, Project] = Keyed(projects)
        self.findings: Records[Finding] = Records(*lists["findings"])
        self.quotes: Records[Quote] = Records(*lists["quotes"])
        self.feature_by_id = {f["id"]: f for f in self.features}
        self.outcome_by_id = {o["id"]: o for o in self.outcomes}
        self.enabler_by_id = {e["id"]: e for e in self.enablers}

    @property
    def raw(self) -> Data:
        """All the data, decoded, in the shape of the model's `model_dump()`."""
        return {
            "framework": self.framework,
            "evidence": {
                "sources": list(self.sources.values()),
                "footnotes": list(self.footnotes.values()),
                "projects": list(self.projects.values()),
                "findings": list(self.findings),
                "quotes": list(self.quotes),
            },
        }

    def with_local(self, files: Sequence[LocalFile]) -> Corpus:
        """The same corpus with local evidence files beside it, kept apart from its records."""
        import copy

        other = copy.copy(self)
        other.local = tuple(files)
        return other

    def document_only(self) -> Corpus:
        """The same corpus without the facts public records add (`Source.outside`)."""
        import copy

        other = copy.copy(self)
        other.sources = Keyed({k: {**s, "outside": []} for k, s in self.sources.items()})
        return other

    @property
    def notes_by_source(self) -> dict[str, list[int]]:
        """The numbers of the footnotes that name each source themselves, in order."""
        if isinstance(self._by_source, bytes):
            self._by_source = marshal.loads(self._by_source)
        return self._by_source  # type: ignore[return-value]

    @property
    def links(self) -> list[Link] | None:
        """The feature–project links, when they are known (see `links.all_links`)."""
        if isinstance(self._links, bytes | memoryview):
            self._links = cast("list[Link]", marshal.loads(self._links))
        return self._links

    @links.setter
    def links(self, found: list[Link]) -> None:
        self._links = found

    def memo(self, name: str, build: Callable[[], T]) -> T:
        """`build()`, once per corpus: an index some queries need and most never do."""
        if name not in self._memos:
            self._memos[name] = build()
        return self._memos[name]  # type: ignore[no-any-return]

    @property
    def enablers(self) -> list[Enabler]:
        return self.improvement_enablers + self.evaluation_enablers

    def citation(self, number: int) -> Citation:
        """Footnote `number` resolved: 'Ibid.' takes source, year and page from the note before.

        The result carries the note as printed, the resolved source, year and page,
        the chain of notes it was resolved through, and what the source leaves out.
        """
        known = self._citations.get(number)
        if known is None:
            known = self._citations[number] = self._citation(number)
        return known

    def _citation(self, number: int) -> Citation:
        note = self.footnotes[number]
        chain = [number]
        origin = note
        page = note["page"]
        while origin["ibid"] and origin["number"] - 1 in self.footnotes:
            origin = self.footnotes[origin["number"] - 1]
            chain.append(origin["number"])
            if page is None:
                page = origin["page"]
        source = self.sources.get(origin["source"] or "")
        missing = dict(note["missing"])
        if origin is not note:
            missing.update({k: v for k, v in origin["missing"].items() if k in ("page", "year")})
        if page is not None:
            missing.pop("page", None)
        return {
            "number": number,
            "marker": note["marker"],
            "printed": note["text"],
            "ibid": note["ibid"],
            "resolved_through": chain[1:],
            "source": source["id"] if source else None,
            "source_name": source["name"] if source else None,
            "year": origin["year"],
            "page": page,
            "missing": missing,
            "remarks": note["remarks"],
        }
