"""An evidence brief as a pure query: what was asked for, each passage once, and what it cites.

`build()` returns a JSON-ready result (view "brief") that `render/views.py` lays out.
A brief holds parts (features, then outcomes, then projects, each once, in the order
given) and, in each, only the sections asked for. A quote or finding stands in full in
the first part that holds it; a later part refers to it (`{"see": ...}`). A project
part shows what bears on the features and outcomes chosen and counts the rest under
`left_out`; chosen alone, it shows everything.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from seven_features.corpus.indexed import Corpus, Record
from seven_features.errors import UsageError
from seven_features.queries import query

if TYPE_CHECKING:
    from seven_features.queries.results import BriefNote, BriefView

#: A record, or a passage of a view, read but not changed.
Given = Mapping[str, Any]

#: The parts a brief can hold, in the order they are laid out.
SECTIONS = ("definition", "differences", "pitfalls", "quotes", "findings", "projects", "sources")
#: A short brief: no differences or pitfalls, and one quote per feature.
SHORT = ("definition", "findings", "quotes", "projects", "sources")
DEFAULT_TITLE = "Evidence brief"
Refs = Iterable[str] | None


def sections_of(names: Iterable[str] | None, *, short: bool = False) -> list[str]:
    """The sections a brief holds, in layout order; names are checked and may repeat."""
    given = list(names or ())
    for name in given:
        if name not in SECTIONS:
            raise UsageError(
                f"there is no section '{query._shown(name)}': choose from {', '.join(SECTIONS)}"
            )
    wanted = set(given) if given else set(SHORT if short else SECTIONS)
    return [s for s in SECTIONS if s in wanted]


def framework_section(corpus: Corpus, feature: Given | None = None) -> Record:
    """Where framework text stands: a feature's in-depth section, else the outcomes section,
    with the page the Contents give it (None where they give none)."""
    if feature is not None:
        return {
            "key": f"framework-feature-{feature['number']}",
            "section": feature["label"],
            "page": str(feature["page"]),
        }
    return corpus.memo("framework-outcomes", lambda: _outcomes_section(corpus))


def _outcomes_section(corpus: Corpus) -> Record:
    doc = corpus.document
    title = next((s["title"] for s in doc["sections"] if s["id"] == "outcomes"), "Seven outcomes")
    page = next(
        (c["page"] for c in doc["contents"] if c["title"].casefold() == title.casefold()), None
    )
    section = next(
        (c["title"] for c in doc["contents"] if c["title"].casefold() == title.casefold()), title
    )
    return {
        "key": "framework-outcomes",
        "section": section,
        "page": None if page is None else str(page),
    }


class _Placed:
    """Where each quote and finding first stands, so that it stands only once."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.stands: dict[tuple[str, str], str] = {}

    def place(self, kind: str, item: Given, part: str) -> Record:
        """`item` in full the first time, with the framework section it stands in;
        afterwards a reference to the part where it stands."""
        key = (kind, item["id"])
        if key not in self.stands:
            self.stands[key] = part
            return {**item, "framework": self._section(kind, item)}
        see: Record = {"see": self.stands[key], "kind": kind, "id": item["id"]}
        if kind == "quote":
            return {**see, "attribution": item["attribution"], "feature": item["feature"]}
        return {**see, "projects": item["projects"], "outcome": item["outcome"]}

    def all(
        self, kind: str, items: Sequence[Given], part: str, wanted: bool
    ) -> list[Record] | None:
        """Each of `items` placed; None when the section is not wanted."""
        return [self.place(kind, i, part) for i in items] if wanted else None

    def _section(self, kind: str, item: Given) -> Record:
        """A quote stands in its feature's section; a finding in the outcomes section, or in
        its feature's if it belongs to no outcome."""
        if kind == "finding" and (item["outcome"] or not item["features"]):
            return framework_section(self.corpus)
        feature = item["feature"] if kind == "quote" else item["features"][0]
        return framework_section(self.corpus, self.corpus.feature_by_id[feature["id"]])


def _label(kind: str, record: Given) -> str:
    if kind == "feature":
        return f"Feature {record['number']}: {record['title']}"
    if kind == "outcome":
        return f"Outcome {record['number']}: {record['name']}"
    return str(record["name"])


def _feature(
    corpus: Corpus, feature: Given, sections: Sequence[str], short: bool, placed: _Placed
) -> Record:
    from seven_features.corpus.links import wordings

    label = _label("feature", feature)
    view = query.feature(corpus, feature["id"])
    quotes = view["quotes"][:1] if short else view["quotes"]
    part: Record = {
        "view": "feature",
        **{k: feature[k] for k in ("id", "number", "title", "heading", "label", "page")},
        "missing": feature["missing"],
        "remarks": feature["remarks"],
        "framework": framework_section(corpus, feature),
    }
    for name in ("definition", "differences", "pitfalls"):
        part[name] = feature[name] if name in sections else None
    part["quotes"] = placed.all("quote", quotes, label, "quotes" in sections)
    part["findings"] = placed.all("finding", view["findings"], label, "findings" in sections)
    # What the document reports for the projects it links to the feature: its evidence
    # paths, each finding placed once like any other (see `sevenf feature N --evidence`).
    part["paths"] = (
        [
            {
                "project": path["project"],
                "bases": wordings(path["bases"]),
                "quoted_only": path["quoted_only"],
                "findings": placed.all("finding", path["findings"], label, True),
            }
            for path in query.feature_evidence(corpus, feature["id"])["paths"]
        ]
        if "findings" in sections
        else None
    )
    return part


def _outcome(corpus: Corpus, outcome: Given, sections: Sequence[str], placed: _Placed) -> Record:
    label = _label("outcome", outcome)
    findings = query.outcome_findings(corpus, outcome["id"])
    return {
        "view": "outcome",
        **{k: outcome[k] for k in ("id", "number", "name", "table_name")},
        "remarks": outcome["remarks"],
        "framework": framework_section(corpus),
        "findings": placed.all("finding", findings, label, "findings" in sections),
    }


def _bears(item: Given, features: set[str], outcomes: set[str]) -> bool:
    """Whether a project's quote or finding bears on the features and outcomes chosen."""
    if "statement" in item:
        outcome = item["outcome"]["id"] if item["outcome"] else None
        return outcome in outcomes or any(f["id"] in features for f in item["features"])
    return bool(item["feature"]["id"] in features)


def _project(
    corpus: Corpus,
    project: Given,
    sections: Sequence[str],
    short: bool,
    chosen: tuple[set[str], set[str]],
    placed: _Placed,
) -> Record:
    label = _label("project", project)
    view = query.project(corpus, project["id"])
    features, outcomes = chosen
    selective = bool(features or outcomes)
    part: Record = {
        "view": "project",
        **{k: view[k] for k in ("id", "name", "description", "aliases", "places", "reports")},
        "missing": view["missing"],
        "remarks": view["remarks"],
        "outcomes": view["outcomes"],
        "features": view["features"],
        "selective": selective,
        "left_out": {"findings": [], "quotes": []},
    }
    passages: list[tuple[str, Sequence[Given], str]] = [
        ("finding", view["findings"], "findings"),
        ("quote", view["quotes"], "quotes"),
    ]
    for kind, items, wanted in passages:
        if wanted not in sections:
            part[wanted] = None
            continue
        kept = [i for i in items if not selective or _bears(i, features, outcomes)]
        part["left_out"][wanted] = [
            {k: i[k] for k in ("id", "feature", "features", "outcome") if k in i}
            for i in items
            if i not in kept
        ]
        if short and kind == "quote":  # one quote per feature, and those stand in the feature
            kept = [q for q in kept if ("quote", q["id"]) in placed.stands]
        part[wanted] = [placed.place(kind, i, label) for i in kept]
    return part


def _shown(parts: list[Record], kind: str) -> list[Record]:
    """The quotes or findings that stand in full in the parts (and, for findings, in their
    evidence paths), in order."""
    found = [i for p in parts for i in p.get(kind) or [] if "see" not in i]
    if kind == "findings":
        paths = [path for p in parts for path in p.get("paths") or []]
        found += [f for path in paths for f in path["findings"] if "see" not in f]
    return found


def build(
    corpus: Corpus,
    features: Refs = None,
    outcomes: Refs = None,
    projects: Refs = None,
    *,
    title: str | None = None,
    sections: Iterable[str] | None = None,
    short: bool = False,
) -> BriefView:
    """An evidence brief on the chosen features, outcomes and projects.

    `sections` names the parts to hold (default: all of `SECTIONS`; with `short`, those
    of `SHORT`); `short` also keeps one quote per feature. Every footnote the shown
    passages use comes resolved under `footnotes`, each with what other footnotes
    supply to it (`filled`); `framework` gives the framework as a source and the
    sections of it the brief draws on; `sources` the sources of the footnotes and quotes.
    """
    from seven_features.queries.citations import filled_from, framework_source

    chosen = sections_of(sections, short=short)
    feature_ids = query._once(corpus, "feature", features)
    outcome_ids = query._once(corpus, "outcome", outcomes)
    project_ids = query._once(corpus, "project", projects)
    if not (feature_ids or outcome_ids or project_ids):
        raise UsageError("nothing to brief on: name at least one --feature, --outcome or --project")
    if title is not None and not title.strip():
        raise UsageError("the title is empty: give --title some words, or leave it out")
    placed = _Placed(corpus)
    parts = [_feature(corpus, corpus.feature_by_id[f], chosen, short, placed) for f in feature_ids]
    parts += [_outcome(corpus, corpus.outcome_by_id[o], chosen, placed) for o in outcome_ids]
    if "projects" in chosen:
        both = (set(feature_ids), set(outcome_ids))
        parts += [
            _project(corpus, corpus.projects[p], chosen, short, both, placed) for p in project_ids
        ]
    findings, quotes = _shown(parts, "findings"), _shown(parts, "quotes")
    points = [
        point
        for part in parts
        for name in ("differences", "pitfalls")
        for point in part.get(name) or []
    ]
    numbers = query._footnotes_of(findings, quotes, points)
    notes: list[BriefNote] = []
    for cited in query._cited(corpus, numbers):
        source = corpus.sources.get(cited["source"] or "")
        filled = filled_from(corpus, source, [cited]) if source else {}
        notes.append({**cited, "filled": filled})
    source_ids: list[str | None] = [n["source"] for n in notes]
    source_ids += [q["source"]["id"] for q in quotes if q["source"]]
    used = [p["framework"] for p in parts if "framework" in p]
    used += [i["framework"] for i in [*quotes, *findings]]
    doc = corpus.document
    return {
        "view": "brief",
        "title": title.strip() if title else DEFAULT_TITLE,
        "short": short,
        "sections": chosen,
        "document": {
            "title": doc["title"],
            "subtitle": doc["subtitle"],
            "author": doc["author"],
            "produced": doc["produced"],
            "published": doc["published"],
            "copyright": doc["copyright"],
            "licence": doc["licence"],
            "attribution": doc["attribution"]["text"],
        },
        "parts": parts,
        "footnotes": notes,
        "framework": {
            "source": framework_source(corpus),
            "sections": list({s["key"]: s for s in used}.values()),
        },
        "sources": [corpus.sources[s] for s in dict.fromkeys(i for i in source_ids if i)],
    }


def framework_sections(
    corpus: Corpus, features: Refs = None, outcomes: Refs = None, projects: Refs = None
) -> list[Record]:
    """The sections of the framework a selection's text stands in, each once, in order."""
    chosen: list[Record] = [
        framework_section(corpus, corpus.feature_by_id[f])
        for f in query._once(corpus, "feature", features)
    ]
    if query._once(corpus, "outcome", outcomes):
        chosen.append(framework_section(corpus))
    for project_id in query._once(corpus, "project", projects):
        view = query.project(corpus, project_id)
        if any(f["outcome"] for f in view["findings"]):
            chosen.append(framework_section(corpus))
        named = [q["feature"]["id"] for q in view["quotes"]]
        named += [x["id"] for f in view["findings"] for x in f["features"]]
        chosen += [framework_section(corpus, corpus.feature_by_id[f]) for f in named]
    return list({s["key"]: s for s in chosen}.values())
