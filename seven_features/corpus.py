"""The validated data at run time: plain dicts and lists, indexed for look-up.

`load.py` validates the YAML with the pydantic model once and caches the result
as plain data; every command then works on a `Corpus`, which needs no pydantic,
so a warm command starts fast. The dicts have exactly the shape of the model's
`model_dump()`: see `model.py` for every field.
"""

from __future__ import annotations

from typing import Any

Record = dict[str, Any]


class Corpus:
    """Indexes over the framework and evidence records; read-only by convention."""

    def __init__(self, raw: Record, key: str | None = None) -> None:
        self.raw = raw
        #: The cache key of the data files' content; None when not known.
        self.key = key
        framework, evidence = raw["framework"], raw["evidence"]
        self.document: Record = framework["document"]
        self.programme: Record = framework["programme"]
        self.features: list[Record] = framework["features"]
        self.outcomes: list[Record] = sorted(framework["outcomes"], key=lambda o: o["number"])
        self.improvement_enablers: list[Record] = framework["enablers"]["improvement"]
        self.evaluation_enablers: list[Record] = framework["enablers"]["evaluation"]
        self.table: Record = framework["table"]
        self.sources: dict[str, Record] = {s["id"]: s for s in evidence["sources"]}
        self.footnotes: dict[int, Record] = {f["number"]: f for f in evidence["footnotes"]}
        self.projects: dict[str, Record] = {p["id"]: p for p in evidence["projects"]}
        self.findings: list[Record] = evidence["findings"]
        self.quotes: list[Record] = evidence["quotes"]
        self.feature_by_id = {f["id"]: f for f in self.features}
        self.outcome_by_id = {o["id"]: o for o in self.outcomes}
        self.enabler_by_id = {e["id"]: e for e in self.enablers}

    @property
    def enablers(self) -> list[Record]:
        return self.improvement_enablers + self.evaluation_enablers

    def citation(self, number: int) -> Record:
        """Footnote `number` resolved: 'Ibid.' takes source, year and page from the note before.

        The result carries the note as printed, the resolved source, year and page,
        the chain of notes it was resolved through, and what the source leaves out.
        """
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
