"""An evidence brief as a pure query: what was asked for, each passage once, and what it cites.

`build()` returns a JSON-ready result (view "brief") that `render/layout/brief.py` lays
out. A brief holds parts (features, then outcomes, then projects, each once, in the
order given) and, in each, only the sections asked for. A quote or finding stands in
full in the first part that holds it; a later part refers to it (`{"see": ...}`). A
project part shows what bears on the features and outcomes chosen and counts the rest
under `left_out`; chosen alone, it shows everything. `results.py` types every part.
"""

from __future__ import annotations

from seven_features.errors import UsageError
from seven_features.queries import local, query
from seven_features.queries.choices import SECTIONS
from seven_features.wording import listed

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from seven_features.corpus.indexed import Corpus
    from seven_features.corpus.records import Feature, Outcome, Point, Project
    from seven_features.queries.results import (
        BriefFeature,
        BriefFinding,
        BriefNote,
        BriefOutcome,
        BriefPart,
        BriefProject,
        BriefQuote,
        BriefView,
        FindingShown,
        FrameworkSection,
        Kind,
        PlacedFinding,
        PlacedQuote,
        QuoteShown,
    )

    Refs = Iterable[str] | None

#: A short brief: what answers "what is it, and what difference does it make?" (the
#: definition, the differences, the findings with their figures), one quote per feature,
#: the projects and the sources; no pitfalls.
SHORT = ("definition", "differences", "findings", "quotes", "projects", "sources")
DEFAULT_TITLE = "Evidence brief"
#: A self-evaluation brief: what the document says a feature is, the difference it makes
#: and its pitfalls, beside the owner's own answers and evidence (which it always holds).
SELF_EVALUATION = ("definition", "differences", "pitfalls", "sources")


def sections_of(names: Iterable[str] | None, *, short: bool = False) -> list[str]:
    """The sections a brief holds, in layout order; names are checked and may repeat."""
    given = list(names or ())
    for name in given:
        if name not in SECTIONS:
            raise UsageError(
                f"there is no section '{query.shown_ref(name)}': choose from {', '.join(SECTIONS)}"
            )
    wanted = set(given) if given else set(SHORT if short else SECTIONS)
    return [s for s in SECTIONS if s in wanted]


def framework_section(corpus: Corpus, feature: Feature | None = None) -> FrameworkSection:
    """Where framework text stands: a feature's in-depth section, else the outcomes section,
    with the page the Contents give it (None where they give none)."""
    if feature is not None:
        return {
            "key": f"framework-feature-{feature['number']}",
            "section": feature["label"],
            "page": str(feature["page"]),
        }
    return corpus.memo("framework-outcomes", lambda: _outcomes_section(corpus))


def _outcomes_section(corpus: Corpus) -> FrameworkSection:
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
    """Where each quote and finding first stands, so that it stands only once: in full the
    first time, with the framework section it stands in; afterwards a referral to the
    part where it stands."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.stands: dict[tuple[str, str], str] = {}

    def _first(self, kind: str, item_id: str, part: str) -> str | None:
        """None the first time `item_id` is placed (in `part`); else the part it stands in."""
        key = (kind, item_id)
        if key in self.stands:
            return self.stands[key]
        self.stands[key] = part
        return None

    def quote(self, item: QuoteShown, part: str) -> BriefQuote:
        """A quote stands in its feature's section."""
        see = self._first("quote", item["id"], part)
        if see is None:
            feature = self.corpus.feature_by_id[item["feature"]["id"]]
            placed: PlacedQuote = {**item, "framework": framework_section(self.corpus, feature)}
            return placed
        return {
            "see": see,
            "kind": "quote",
            "id": item["id"],
            "attribution": item["attribution"],
            "feature": item["feature"],
        }

    def finding(self, item: FindingShown, part: str) -> BriefFinding:
        """A finding stands in the outcomes section, or in its feature's if it belongs to no
        outcome."""
        see = self._first("finding", item["id"], part)
        if see is None:
            if item["outcome"] or not item["features"]:
                section = framework_section(self.corpus)
            else:
                feature = self.corpus.feature_by_id[item["features"][0]["id"]]
                section = framework_section(self.corpus, feature)
            placed: PlacedFinding = {**item, "framework": section}
            return placed
        return {
            "see": see,
            "kind": "finding",
            "id": item["id"],
            "projects": item["projects"],
            "outcome": item["outcome"],
        }

    def quotes(self, items: Sequence[QuoteShown], part: str) -> list[BriefQuote]:
        return [self.quote(q, part) for q in items]

    def findings(self, items: Sequence[FindingShown], part: str) -> list[BriefFinding]:
        return [self.finding(f, part) for f in items]


def _feature(
    corpus: Corpus, feature: Feature, sections: Sequence[str], short: bool, placed: _Placed
) -> BriefFeature:
    from seven_features.corpus.links import wordings

    label = f"Feature {feature['number']}: {feature['title']}"
    view = query.feature(corpus, feature["id"])
    quotes = view["quotes"][:1] if short else view["quotes"]
    part: BriefFeature = {
        "view": "feature",
        "id": feature["id"],
        "number": feature["number"],
        "title": feature["title"],
        "heading": feature["heading"],
        "label": feature["label"],
        "page": feature["page"],
        "missing": feature["missing"],
        "remarks": feature["remarks"],
        "framework": framework_section(corpus, feature),
        "definition": feature["definition"] if "definition" in sections else None,
        "differences": feature["differences"] if "differences" in sections else None,
        "pitfalls": feature["pitfalls"] if "pitfalls" in sections else None,
        "quotes": placed.quotes(quotes, label) if "quotes" in sections else None,
        "findings": None,
        "paths": None,
    }
    if "findings" in sections:
        part["findings"] = placed.findings(view["findings"], label)
        # What the document reports for the projects it links to the feature: its evidence
        # paths, each finding placed once like any other (see `sevenf feature N --evidence`).
        part["paths"] = [
            {
                "project": path["project"],
                "bases": wordings(path["bases"]),
                "quoted_only": path["quoted_only"],
                "findings": placed.findings(path["findings"], label),
            }
            for path in query.feature_evidence(corpus, feature["id"])["paths"]
        ]
    return part


def _outcome(
    corpus: Corpus, outcome: Outcome, sections: Sequence[str], placed: _Placed
) -> BriefOutcome:
    label = f"Outcome {outcome['number']}: {outcome['name']}"
    findings = query.outcome_findings(corpus, outcome["id"])
    return {
        "view": "outcome",
        "id": outcome["id"],
        "number": outcome["number"],
        "name": outcome["name"],
        "table_name": outcome["table_name"],
        "remarks": outcome["remarks"],
        "framework": framework_section(corpus),
        "findings": placed.findings(findings, label) if "findings" in sections else None,
    }


def _finding_bears(finding: FindingShown, features: set[str], outcomes: set[str]) -> bool:
    """Whether a project's finding bears on the features and outcomes chosen."""
    outcome = finding["outcome"]["id"] if finding["outcome"] else None
    return outcome in outcomes or any(f["id"] in features for f in finding["features"])


def _project(
    corpus: Corpus,
    project: Project,
    sections: Sequence[str],
    short: bool,
    chosen: tuple[set[str], set[str]],
    placed: _Placed,
) -> BriefProject:
    label = project["name"]
    view = query.project(corpus, project["id"])
    features, outcomes = chosen
    selective = bool(features or outcomes)
    part: BriefProject = {
        "view": "project",
        "id": view["id"],
        "name": view["name"],
        "description": view["description"],
        "aliases": view["aliases"],
        "places": view["places"],
        "reports": view["reports"],
        "missing": view["missing"],
        "remarks": view["remarks"],
        "outcomes": view["outcomes"],
        "features": view["features"],
        "selective": selective,
        "left_out": {"findings": [], "quotes": []},
        "findings": None,
        "quotes": None,
    }
    if "findings" in sections:
        findings = view["findings"]
        kept = [f for f in findings if not selective or _finding_bears(f, features, outcomes)]
        part["left_out"]["findings"] = [
            {"id": f["id"], "features": f["features"], "outcome": f["outcome"]}
            for f in findings
            if f not in kept
        ]
        part["findings"] = placed.findings(kept, label)
    if "quotes" in sections:
        quotes = view["quotes"]
        chosen_quotes = [q for q in quotes if not selective or q["feature"]["id"] in features]
        part["left_out"]["quotes"] = [
            {"id": q["id"], "feature": q["feature"]} for q in quotes if q not in chosen_quotes
        ]
        if short:  # one quote per feature, and those stand in the feature
            chosen_quotes = [q for q in chosen_quotes if ("quote", q["id"]) in placed.stands]
        part["quotes"] = placed.quotes(chosen_quotes, label)
    return part


def _shown(parts: list[BriefPart]) -> tuple[list[PlacedFinding], list[PlacedQuote]]:
    """The findings (the parts', then their evidence paths') and quotes that stand in full
    in the parts, in order."""
    findings = [f for p in parts for f in p["findings"] or [] if "see" not in f]
    quotes = [q for p in parts if p["view"] != "outcome" for q in p["quotes"] or []]
    for part in parts:
        if part["view"] == "feature":
            paths = part["paths"] or []
            findings += [f for path in paths for f in path["findings"] if "see" not in f]
    return findings, [q for q in quotes if "see" not in q]


def _points(parts: list[BriefPart]) -> list[Point]:
    """The features' differences and pitfalls in the parts, in order."""
    return [
        point
        for part in parts
        if part["view"] == "feature"
        for point in [*(part["differences"] or []), *(part["pitfalls"] or [])]
    ]


def build(
    corpus: Corpus,
    features: Refs = None,
    outcomes: Refs = None,
    projects: Refs = None,
    *,
    title: str | None = None,
    sections: Iterable[str] | None = None,
    short: bool = False,
    self_evaluation: bool = False,
) -> BriefView:
    """An evidence brief on the chosen features, outcomes and projects.

    `sections` names the parts to hold (default: all of `SECTIONS`; with `short`, those
    of `SHORT`); `short` also keeps one quote per feature. Every footnote the shown
    passages use comes resolved under `footnotes`, each with what other footnotes
    supply to it (`filled`); `framework` gives the framework as a source and the
    sections of it the brief draws on; `sources` the sources of the footnotes and quotes.
    With local evidence files (`corpus.local`), `local` holds each one's records on the
    features and outcomes chosen (on a brief of projects alone, all of them).

    `self_evaluation`: a brief for an inspection, feature by feature (those given, else
    those the local files answer for), each feature part holding under `local` each
    owner's own answers and its evidence on the feature; its sections default to
    `SELF_EVALUATION`.
    """
    from seven_features.queries.citations import filled_from, framework_source

    if self_evaluation:
        _self_evaluation_asked(corpus, outcomes, projects, short)
        chosen = sections_of(sections or SELF_EVALUATION)
        feature_ids = _ids(corpus, "feature", features) or _answered(corpus)
        outcome_ids: list[str] = []
        project_ids: list[str] = []
        own: dict[str, list[str]] = {}
    else:
        chosen = sections_of(sections, short=short)
        feature_ids = _ids(corpus, "feature", features)
        outcome_ids = _ids(corpus, "outcome", outcomes)
        project_ids, own = query.split_projects(corpus, projects)
    if not (feature_ids or outcome_ids or project_ids or own):
        raise UsageError("nothing to brief on: name at least one --feature, --outcome or --project")
    if title is not None and not title.strip():
        raise UsageError("the title is empty: give --title some words, or leave it out")
    placed = _Placed(corpus)
    parts: list[BriefPart] = [
        _feature(corpus, corpus.feature_by_id[f], chosen, short, placed) for f in feature_ids
    ]
    parts += [_outcome(corpus, corpus.outcome_by_id[o], chosen, placed) for o in outcome_ids]
    if "projects" in chosen:
        both = (set(feature_ids), set(outcome_ids))
        parts += [
            _project(corpus, corpus.projects[p], chosen, short, both, placed) for p in project_ids
        ]
    findings, quotes = _shown(parts)
    numbers = query.footnotes_of(findings, quotes, _points(parts))
    notes: list[BriefNote] = []
    for cited in query.cited(corpus, numbers):
        source = corpus.sources.get(cited["source"] or "")
        filled = filled_from(corpus, source, [cited]) if source else {}
        notes.append({**cited, "filled": filled})
    source_ids: list[str | None] = [n["source"] for n in notes]
    source_ids += [q["source"]["id"] for q in quotes if q["source"]]
    used = [p["framework"] for p in parts if p["view"] != "project"]
    used += [q["framework"] for q in quotes] + [f["framework"] for f in findings]
    doc = corpus.document
    owners = listed(list(dict.fromkeys(f["owner"] for f in corpus.local)))
    default = f"Self-evaluation: {owners}" if self_evaluation else DEFAULT_TITLE
    view: BriefView = {
        "view": "brief",
        "title": title.strip() if title else default,
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
    if self_evaluation:
        view["self_evaluation"] = True
        kinds = [*local.EVIDENCE, "self_evaluation"]
        for part in parts:
            if part["view"] == "feature":
                part["local"] = local.parts(corpus, features={part["number"]}, kinds=kinds)
    elif corpus.local:
        view["local"] = local.parts(
            corpus,
            features=local.numbers(corpus, "feature", feature_ids or None),
            outcomes=local.numbers(corpus, "outcome", outcome_ids or None),
            either=True,
            projects=own if (project_ids or own) else None,
        )
    return view


def _self_evaluation_asked(corpus: Corpus, outcomes: Refs, projects: Refs, short: bool) -> None:
    """A self-evaluation brief is asked for as one can be made: with local evidence, on
    features alone, in full."""
    if not corpus.local:
        raise UsageError(
            "--self-evaluation lays out a local evidence file's own answers: add --local FILE"
        )
    if list(outcomes or ()) or list(projects or ()):
        raise UsageError(
            "a self-evaluation goes feature by feature: leave out --outcome and --project"
        )
    if short:
        raise UsageError("a self-evaluation is not summarised: leave out --short")


def _answered(corpus: Corpus) -> list[str]:
    """The ids of the features the local files give self-evaluation answers for, in order."""
    numbers = {s["feature"] for f in corpus.local for s in f["self_evaluation"]}
    if not numbers:
        files = listed([f["file"] for f in corpus.local])
        raise UsageError(f"{files} gives no self_evaluation answers: add them, or name a --feature")
    return [f["id"] for f in corpus.features if f["number"] in numbers]


def _ids(corpus: Corpus, kind: Kind, refs: Refs) -> list[str]:
    """The ids of the records REFs name, each once, in the order given."""
    return [record["id"] for record in query.each_once(corpus, kind, refs)]


def framework_sections(
    corpus: Corpus, features: Refs = None, outcomes: Refs = None, projects: Refs = None
) -> list[FrameworkSection]:
    """The sections of the framework a selection's text stands in, each once, in order."""
    chosen: list[FrameworkSection] = [
        framework_section(corpus, corpus.feature_by_id[f])
        for f in _ids(corpus, "feature", features)
    ]
    if _ids(corpus, "outcome", outcomes):
        chosen.append(framework_section(corpus))
    for project_id in _ids(corpus, "project", projects):
        view = query.project(corpus, project_id)
        if any(f["outcome"] for f in view["findings"]):
            chosen.append(framework_section(corpus))
        named = [q["feature"]["id"] for q in view["quotes"]]
        named += [x["id"] for f in view["findings"] for x in f["features"]]
        chosen += [framework_section(corpus, corpus.feature_by_id[f]) for f in named]
    return list({s["key"]: s for s in chosen}.values())
