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
    from collections.abc import Collection, Iterable
    from typing import Any

    from seven_features.corpus.indexed import Corpus
    from seven_features.corpus.records import LocalFile, LocalSource
    from seven_features.queries.results import LocalPart, Origin

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
) -> list[LocalPart]:
    """For each local file, its records of `kinds` linked to any of `features` and any of
    `outcomes` (None: any), and the sources they cite; `either`: linked to any of
    `features` or any of `outcomes` (a brief on both)."""
    return [
        part(file, features=features, outcomes=outcomes, kinds=kinds, either=either)
        for file in corpus.local
    ]


def part(
    file: LocalFile,
    *,
    features: Collection[int] | None = None,
    outcomes: Collection[int] | None = None,
    kinds: Iterable[str] = EVIDENCE,
    either: bool = False,
) -> LocalPart:
    """One local file's records that `parts` selects."""
    owner = file["owner"]
    said = origin(owner)
    chosen = set(kinds)

    def linked(kind: str) -> list[Any]:
        if kind not in chosen:
            return []
        records: list[Any] = file[kind]  # type: ignore[literal-required]
        return [{**r, "origin": said} for r in records if chosen_by(r)]

    def chosen_by(record: Any) -> bool:
        on_feature = features is None or bool(set(features) & set(record["features"]))
        on_outcome = outcomes is None or bool(set(outcomes) & set(record["outcomes"]))
        if either and features is not None and outcomes is not None:
            return on_feature or on_outcome
        return on_feature and on_outcome

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
    cited = {
        r["source"]
        for r in [*found["findings"], *found["quotes"], *found["notes"]]
        if r["source"] is not None
    }
    found["sources"] = [{**s, "origin": said} for s in file["sources"] if s["id"] in cited]
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
