"""The local evidence a view shows beside the document's: pure selection, no printing.

Each local evidence file (`corpus/local.py`) given with --local becomes one `LocalPart`
of a result: its owner, its file, and the records of it that bear on what the view is
about (a feature, an outcome, a selection), every record carrying its `origin`, so that a
script reading the JSON can always tell the owner's records from the document's.
A result holds `local` only when a local file was given: without one, every output is
what it was.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Collection, Iterable, Mapping
    from typing import Any

    from seven_features.corpus.indexed import Corpus
    from seven_features.corpus.records import LocalFile, LocalSource
    from seven_features.queries.results import (
        LocalMap,
        LocalMapCell,
        LocalPart,
        LocalProjectView,
        Origin,
        Ref,
    )

#: The origin of the document's records, which they carry beside local evidence.
DOCUMENT: Origin = {"kind": "document"}
#: The kinds of local record a view can show, in the order it shows them.
EVIDENCE = ("findings", "quotes", "notes", "projects")


def origin(owner: str) -> Origin:
    """Whose a local record is: `{"kind": "local", "owner": ...}`."""
    return {"kind": "local", "owner": owner}


def parts(
    corpus: Corpus,
    *,
    features: Collection[int] | None = None,
    outcomes: Collection[int] | None = None,
    kinds: Iterable[str] = EVIDENCE,
    either: bool = False,
    projects: Mapping[str, Collection[str]] | None = None,
) -> list[LocalPart]:
    """For each local file, its records of `kinds` linked to any of `features` and any of
    `outcomes` (None: any), and the sources they cite; `either`: linked to any of
    `features` or any of `outcomes` (a brief on both). `projects`: the files' own projects
    chosen too (by file, their ids), and every record of theirs."""
    return [
        part(
            file,
            features=features,
            outcomes=outcomes,
            kinds=kinds,
            either=either,
            projects=None if projects is None else projects.get(file["file"], ()),
        )
        for file in corpus.local
    ]


def part(
    file: LocalFile,
    *,
    features: Collection[int] | None = None,
    outcomes: Collection[int] | None = None,
    kinds: Iterable[str] = EVIDENCE,
    either: bool = False,
    projects: Collection[str] | None = None,
) -> LocalPart:
    """One local file's records that `parts` selects."""
    owner = file["owner"]
    said = origin(owner)
    chosen = set(kinds)

    def linked(kind: str) -> list[Any]:
        if kind not in chosen:
            return []
        records: list[Any] = file[kind]  # type: ignore[literal-required]
        return [{**r, "origin": said} for r in records if chosen_by(r, kind)]

    def chosen_by(record: Any, kind: str) -> bool:
        """Linked to what was chosen: to all of it (a view's filters), or `either`, to any
        of it (a brief's parts); with nothing chosen, every record."""
        project = record["id"] if kind == "projects" else record["project"]
        met = []
        if projects is not None:
            met.append(project in projects)
        if features is not None:
            met.append(bool(set(features) & set(record["features"])))
        if outcomes is not None:
            met.append(bool(set(outcomes) & set(record["outcomes"])))
        return (any(met) if either else all(met)) if met else True

    found: LocalPart = {
        "origin": said,
        "owner": owner,
        "file": file["file"],
        "findings": linked("findings"),
        "quotes": linked("quotes"),
        "notes": linked("notes"),
        "projects": linked("projects"),
        "sources": [],
    }
    if "self_evaluation" in chosen:
        found["self_evaluation"] = [
            {**s, "origin": said}
            for s in file["self_evaluation"]
            if features is None or s["feature"] in features
        ]
    return with_sources(found, file)


def with_sources(found: LocalPart, file: LocalFile, also: Iterable[str] = ()) -> LocalPart:
    """`found` with the sources of `file` its findings, quotes and notes cite, and those
    named `also`, in the file's order: the one place a part's sources are chosen."""
    cited = set(also) | {
        r["source"]
        for r in [*found["findings"], *found["quotes"], *found["notes"]]
        if r["source"] is not None
    }
    found["sources"] = [
        {**s, "origin": found["origin"]} for s in file["sources"] if s["id"] in cited
    ]
    return found


def all_sources(corpus: Corpus) -> list[tuple[str, LocalSource]]:
    """Every local file's sources, each with its owner, in the files' order."""
    return [(file["owner"], s) for file in corpus.local for s in file["sources"]]


def numbers(corpus: Corpus, kind: str, ids: Iterable[str] | None) -> set[int] | None:
    """The numbers of the features or outcomes with `ids`; None for none named."""
    if ids is None:
        return None
    records = corpus.feature_by_id if kind == "feature" else corpus.outcome_by_id
    return {records[i]["number"] for i in ids}


def map_parts(
    corpus: Corpus, by: str, rows: Iterable[Ref], columns: Iterable[Ref]
) -> list[LocalMap]:
    """Each local file beside the evidence map: its findings and its own cells.

    A local cell counts the owner's findings linked (by number) to the column's outcome
    and, by feature, to the row's feature; by project, of one of the owner's own projects,
    which are rows of their own: the document's projects are not the owner's. A finding
    linked to no outcome, or (by project) of none of the owner's projects, is in no cell."""
    found: list[LocalMap] = []
    outcomes = list(columns)
    for file in corpus.local:
        shown = part(file, kinds=["findings", "projects"] if by == "project" else ["findings"])
        own: list[Ref] = [
            {"kind": "local-project", "id": p["id"], "name": p["name"]} for p in shown["projects"]
        ]
        cells: list[LocalMapCell] = []
        for row in own if by == "project" else rows:
            for column in outcomes:
                ids = [
                    f["id"]
                    for f in shown["findings"]
                    if column.get("number") in f["outcomes"]
                    and (
                        f["project"] == row["id"]
                        if by == "project"
                        else row.get("number") in f["features"]
                    )
                ]
                if ids:
                    cell: LocalMapCell = {
                        "row": row["id"],
                        "column": column["id"],
                        "count": len(ids),
                        "findings": ids,
                    }
                    cells.append(cell)
        found.append({**shown, "rows": own if by == "project" else [], "cells": cells})
    return found


#: A local record's kind in a search hit ('local-finding'), and the list of it in a file.
HIT_KINDS = {
    "local-finding": "findings",
    "local-quote": "quotes",
    "local-note": "notes",
    "local-project": "projects",
    "local-source": "sources",
    "local-self-evaluation": "self_evaluation",
}


def hit_parts(corpus: Corpus, refs: Iterable[Mapping[str, Any]]) -> list[LocalPart]:
    """For each local file a search hit, the records hit (by each hit's `ref`) and the
    sources they cite or are, in the file's order."""
    wanted = [(r["kind"], r["id"], r.get("file")) for r in refs]
    found: list[LocalPart] = []
    for file in corpus.local:
        owner = file["owner"]
        ids = {(kind, key) for kind, key, where in wanted if where == file["file"]}
        if not ids:
            continue
        whole = part(file, kinds=[*EVIDENCE, "self_evaluation"])
        chosen = {
            kind: {key for k, key in ids if HIT_KINDS.get(k) == kind} for kind in HIT_KINDS.values()
        }
        shown: LocalPart = {
            "origin": whole["origin"],
            "owner": owner,
            "file": file["file"],
            "findings": [r for r in whole["findings"] if r["id"] in chosen["findings"]],
            "quotes": [r for r in whole["quotes"] if r["id"] in chosen["quotes"]],
            "notes": [r for r in whole["notes"] if r["id"] in chosen["notes"]],
            "projects": [r for r in whole["projects"] if r["id"] in chosen["projects"]],
            "sources": [],
            "self_evaluation": [
                r for r in whole.get("self_evaluation", []) if r["id"] in chosen["self_evaluation"]
            ],
        }
        found.append(with_sources(shown, file, also=chosen["sources"]))
    return found


def whole(file: LocalFile) -> LocalPart:
    """Everything a local file holds, for its owner's own page: every record, every source."""
    found = part(file, kinds=[*EVIDENCE, "self_evaluation"])
    return with_sources(found, file, also=[s["id"] for s in file["sources"]])


def find_project(corpus: Corpus, ref: str) -> LocalProjectView | None:
    """The view of the one local project REF names (by id, or words of its name), or None."""
    from seven_features.queries.match import find

    wanted = " ".join(ref.split())
    candidates = [
        ((p["id"], p["name"]), (file, p)) for file in corpus.local for p in file["projects"]
    ]
    hits = [c for c in candidates if c[1][1]["id"] == wanted] or find(wanted, candidates)
    if len(hits) > 1:
        from seven_features.errors import NotFound

        named = "; ".join(f"{p['name']} ({f['owner']}, {f['file']})" for _, (f, p) in hits)
        raise NotFound(f"'{wanted}' matches {len(hits)} local projects: {named}")
    if not hits:
        return None
    file, project = hits[0][1]
    found = part(file, kinds=["findings", "quotes", "notes"], projects=[project["id"]])
    return {
        "view": "local-project",
        **project,
        "origin": found["origin"],
        "owner": file["owner"],
        "file": file["file"],
        "local": [found],
    }
