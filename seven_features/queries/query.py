"""Pure queries from the corpus to JSON-ready results: no typer, no rich, no printing.

Every public function returns a dict with a `view` key naming its shape; `--json`
prints that dict as it is, and the renderers lay the same dict out as text.
Each result that cites anything ends with `footnotes`: every footnote it used,
resolved (ibid followed), in order of first use.
"""

from __future__ import annotations

from seven_features.errors import NotFound, UsageError, assert_never
from seven_features.imports import overload
from seven_features.queries.choices import MAP_BY as MAP_BY
from seven_features.queries.choices import MOST_HITS as MOST_HITS
from seven_features.queries.choices import VIA as VIA
from seven_features.queries.local import (
    DOCUMENT,
    EVIDENCE,
    find_project,
    hit_parts,
    map_parts,
    numbers,
    parts,
    whole,
)
from seven_features.queries.match import find, nearest

#: A feature's local evidence: the owner's records on it, and their own answers for it.
WITH_ANSWERS = (*EVIDENCE, "self_evaluation")

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
    from typing import Any, Literal, TypeAlias, TypeVar

    from seven_features.corpus.indexed import Corpus
    from seven_features.corpus.records import Finding, Link, Quote
    from seven_features.queries.match import Candidate
    from seven_features.queries.results import (
        AboutView,
        AlignedRow,
        Axis,
        ChartItem,
        ChartView,
        Citation,
        EnablersView,
        EnablerView,
        EvidencePath,
        FeatureEvidenceView,
        FeatureItem,
        FeatureLink,
        FeaturesView,
        FeatureView,
        FindingShown,
        FindingsView,
        FootnotesView,
        Gap,
        Kind,
        LeftOut,
        Linked,
        LinkRow,
        MapCell,
        MapView,
        OutcomeEvidenceView,
        OutcomeItem,
        OutcomesView,
        OutcomeView,
        OverviewView,
        PitfallItem,
        PitfallsView,
        ProjectCount,
        ProjectFeatures,
        ProjectItem,
        ProjectsView,
        ProjectView,
        QuoteShown,
        QuotesView,
        Ref,
        Result,
        SearchView,
        SourceItem,
        SourcesView,
        SourceView,
        TableView,
        ValidateView,
    )

    __all__ = ["Result"]

    #: Any record a REF can name: a feature, outcome, enabler, project or source.
    Named: TypeAlias = Mapping[str, Any]
    Refs: TypeAlias = Iterable[str] | None
    V = TypeVar("V")

KINDS: tuple[Kind, ...] = ("feature", "outcome", "enabler", "project", "source")


# --- resolving a REF -----------------------------------------------------------------


def _names(record: Named) -> list[str]:
    keys = ("name", "title", "heading", "table_title", "table_name")
    names = [record[k] for k in keys if record.get(k)]
    return [*names, *record.get("aliases", []), record["id"]]


def label(kind: Kind, record: Named) -> str:
    """A record as messages name it: `feature 3: Enabling staff...`, `project 'Leeds...'`."""
    number = record.get("number")
    name = record.get("title") or record.get("name") or record["id"]
    return f"{kind} {number}: {name}" if number else f"{kind} '{name}'"


def candidates(corpus: Corpus, kind: Kind) -> Sequence[Named]:
    """Every record of `kind` a REF can name (for resolving and for shell completion)."""
    match kind:
        case "feature":
            return corpus.features
        case "outcome":
            return corpus.outcomes
        case "enabler":
            return corpus.enablers
        case "project":
            return list(corpus.projects.values())
        case "source":
            return list(corpus.sources.values())
        case _:
            assert_never(kind)


def named(records: Sequence[Named]) -> list[Candidate[Named]]:
    """The records as `match` sees them: their names (the shown one first) and themselves."""
    return [(_names(r), r) for r in records]


def record_id(corpus: Corpus, kind: Kind, ref: str | Named) -> str:
    """The id of the record REF names; a record already resolved (by `several`) is taken
    as it is, so a REF is resolved once."""
    return resolve(corpus, kind, ref)["id"] if isinstance(ref, str) else str(ref["id"])


def resolve(corpus: Corpus, kind: Kind, ref: str) -> Named:
    """The one record of `kind` that REF names: a number, an id, an exact name, or words of
    its names in any order and form (see `match.find`).

    A number follows Table 1 (for enablers, the seven enablers of improvement). Several
    records named are listed; none gets the closest names as suggestions.
    """
    records = candidates(corpus, kind)
    wanted = " ".join(ref.split())
    if not wanted:
        raise NotFound(f"no {kind} given: name one by number or by a word of its name")
    if wanted.isdecimal() and kind != "project":  # isdigit would take '²', which int() refuses
        numbered = [r for r in records if r.get("number") is not None]
        number = _number(wanted)
        found = [r for r in numbered if r["number"] == number]
        if found:
            return found[0]
        top = max((r["number"] for r in numbered), default=0)
        raise NotFound(f"there is no {kind} {shown_ref(ref)}: {kind}s are numbered 1 to {top}")
    exact_id = [r for r in records if r["id"] == wanted]
    if exact_id:  # an id means its record, before any matching by words (and at no cost)
        return exact_id[0]
    hits = [value for _, value in find(wanted, named(records))]
    if len(hits) == 1:
        return hits[0]
    if hits:
        listed = "; ".join(label(kind, r) for r in hits)
        raise NotFound(f"'{shown_ref(ref)}' matches {len(hits)} {kind}s: {listed}")
    close = [value for _, value in nearest(wanted, named(records))]
    hint = (
        "; did you mean " + " or ".join(label(kind, r) for r in close) + "?"
        if close
        else f"; try 'sevenf {kind}s' for the list"
    )
    raise NotFound(f"no {kind} matches '{shown_ref(ref)}'{hint}")


def shown_ref(ref: str, limit: int = 60) -> str:
    """A REF as an error message repeats it: trimmed, and cut short when long."""
    ref = ref.strip()
    return ref if len(ref) <= limit else f"{ref[:limit]}… ({len(ref):,} characters)"


def _number(digits: str) -> int:
    """Decimal digits as a number; -1 past nine digits (int() refuses thousands of them)."""
    significant = digits.lstrip("0")
    return int(significant or "0") if len(significant) <= 9 else -1


def footnote_number(corpus: Corpus, ref: str) -> int:
    """A footnote number as typed ('12', '¹²' or '[12]'), checked against the notes."""
    digits = ref.strip().strip("[]^").translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789"))
    top = max(corpus.footnotes, default=0)
    if not digits.isdecimal() or _number(digits) not in corpus.footnotes:
        raise NotFound(
            f"there is no footnote {shown_ref(ref)!r}: footnotes are numbered 1 to {top}"
        )
    return _number(digits)


# --- shared pieces of views ----------------------------------------------------------


def _brief(kind: str, record: Named) -> Ref:
    brief: Ref = {"kind": kind, "id": record["id"], "name": ""}
    if record.get("number") is not None:
        brief["number"] = record["number"]
    brief["name"] = record.get("title") or record.get("name") or record["id"]
    return brief


def _finding(corpus: Corpus, finding: Finding) -> FindingShown:
    outcome = corpus.outcome_by_id.get(finding["outcome"] or "")
    shown: FindingShown = {
        **finding,  # type: ignore[typeddict-item]
        "projects": [_brief("project", corpus.projects[p]) for p in finding["projects"]],
        "outcome": _brief("outcome", outcome) if outcome else None,
        "features": [_brief("feature", corpus.feature_by_id[f]) for f in finding["features"]],
    }
    if corpus.local:  # beside local evidence, whose every record says its origin
        shown["origin"] = DOCUMENT
    return shown


def _quote(corpus: Corpus, quote: Quote) -> QuoteShown:
    source = corpus.sources.get(quote["source"] or "")
    page = quote["page"]
    if page is None and quote["footnote"] is not None:
        page = corpus.citation(quote["footnote"])["page"]
    shown: QuoteShown = {
        **quote,  # type: ignore[typeddict-item]
        "page": page,
        "feature": _brief("feature", corpus.feature_by_id[quote["feature"]]),
        "project": _brief("project", corpus.projects[quote["project"]]),
        "source": _brief("source", source) if source else None,
    }
    if corpus.local:
        shown["origin"] = DOCUMENT
    return shown


def cited(corpus: Corpus, *groups: Iterable[int | None]) -> list[Citation]:
    """The citations of the footnotes numbered in `groups`, each once, in first-seen order."""
    seen = dict.fromkeys(n for group in groups for n in group if n is not None)
    return [corpus.citation(n) for n in seen]


def footnotes_of(
    findings: Sequence[Mapping[str, Any]],
    quotes: Sequence[Mapping[str, Any]],
    points: Iterable[Mapping[str, Any]] = (),
) -> list[int | None]:
    numbers: list[int | None] = []
    for point in points:
        numbers += point.get("footnotes", [])
    for finding in findings:
        numbers += finding["footnotes"]
    numbers += [q["footnote"] for q in quotes]
    return numbers


def _projects_of(findings: list[FindingShown], quotes: list[QuoteShown]) -> list[Ref]:
    """The projects named by findings and quotes (as shown in views), each once, in order."""
    briefs = [p for f in findings for p in f["projects"]] + [q["project"] for q in quotes]
    return list({p["id"]: p for p in briefs}.values())


def _notes_citing(corpus: Corpus) -> dict[str, list[int]]:
    """Source id -> the footnotes that cite it, 'Ibid.' resolved: worked out once per run
    (a project's view once resolved every footnote for each of its reports)."""

    def build() -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        for number in corpus.footnotes:
            source = corpus.citation(number)["source"]
            if source is not None:
                found.setdefault(source, []).append(number)
        return found

    return corpus.memo("notes-citing", build)


def _table_row(
    corpus: Corpus, field: Literal["feature", "outcome", "enabler"], record_id: str
) -> AlignedRow | None:
    for row in corpus.table["rows"]:
        if row[field] == record_id:
            return {**row, "alignment_only": True}
    return None


# --- lists ---------------------------------------------------------------------------


def overview(corpus: Corpus) -> OverviewView:
    """The framework at a glance: the three sevens side by side and what to type next."""
    doc = corpus.document
    return {
        "view": "overview",
        "title": doc["title"],
        "subtitle": doc["subtitle"],
        "published": doc["published"],
        "produced": doc["produced"],
        "rows": corpus.table["rows"],
        "evaluation_enablers": [_brief("enabler", e) for e in corpus.evaluation_enablers],
        "counts": counts(corpus),
        "attribution": doc["attribution"]["text"],
    }


def about(corpus: Corpus) -> AboutView:
    """The document itself and its programme: dates, identifiers, licence, rounds, evaluation."""
    return {"view": "about", "document": corpus.document, "programme": corpus.programme}


def counts(corpus: Corpus) -> dict[str, int]:
    """How many of each thing the data holds."""
    return {
        "features": len(corpus.features),
        "outcomes": len(corpus.outcomes),
        "enablers": len(corpus.enablers),
        "projects": len(corpus.projects),
        "sources": len(corpus.sources),
        "footnotes": len(corpus.footnotes),
        "findings": len(corpus.findings),
        "quotes": len(corpus.quotes),
        "differences": sum(len(f["differences"]) for f in corpus.features),
        "pitfalls": sum(len(f["pitfalls"]) for f in corpus.features),
    }


def list_features(corpus: Corpus) -> FeaturesView:
    """The seven features of practice, numbered as the document numbers them."""
    items: list[FeatureItem] = [
        {
            **_brief("feature", f),
            "heading": f["heading"],
            "differences": len(f["differences"]),
            "pitfalls": len(f["pitfalls"]),
            "quotes": len(corpus.quotes.positions["feature"].get(f["id"], [])),
            "page": f["page"],
        }
        for f in corpus.features
    ]
    return {"view": "features", "items": items}


def list_outcomes(corpus: Corpus) -> OutcomesView:
    """The seven outcomes with Table 1's number, their place in the section and their findings."""
    items: list[OutcomeItem] = []
    for o in corpus.outcomes:
        findings = corpus.findings.where("outcome", o["id"])
        items.append(
            {
                **_brief("outcome", o),
                "table_name": o["table_name"],
                "position": o["position"],
                "findings": len(findings),
                "headline": _headline(findings),
            }
        )
    used = [n for item in items if item["headline"] for n in item["headline"]["footnotes"]]
    return {"view": "outcomes", "items": items, "footnotes": cited(corpus, used)}


def _project_counts(findings: Iterable[Finding | FindingShown]) -> Iterator[ProjectCount]:
    """Each count of projects the findings print, with its finding's id, footnotes and gap."""
    for finding in findings:
        for figure in finding["figures"]:
            if figure["kind"] == "count" and figure["unit"] == "projects":
                gap = {k: v for k, v in finding["missing"].items() if k == "footnotes"}
                yield {
                    **figure,
                    "finding": finding["id"],
                    "footnotes": finding["footnotes"],
                    "missing": gap,
                }


def _headline(findings: Iterable[Finding | FindingShown]) -> ProjectCount | None:
    """The first count of projects the findings give: the outcome's reach as printed."""
    return next(_project_counts(findings), None)


def list_enablers(corpus: Corpus) -> EnablersView:
    """Both sets of enablers, labelled: the seven of improvement and the evaluations' four."""
    return {
        "view": "enablers",
        "improvement": corpus.improvement_enablers,
        "evaluation": corpus.evaluation_enablers,
        "source": _brief("source", corpus.sources["isos-enablers-of-improvement"])
        if "isos-enablers-of-improvement" in corpus.sources
        else None,
    }


def list_projects(corpus: Corpus) -> ProjectsView:
    """Every project the document names, with how much it says of each."""
    items: list[ProjectItem] = []
    for p in corpus.projects.values():
        findings = corpus.findings.positions["projects"].get(p["id"], [])
        quotes = corpus.quotes.positions["project"].get(p["id"], [])
        items.append(
            {
                **_brief("project", p),
                "places": p["places"],
                "aliases": p["aliases"],
                "findings": len(findings),
                "quotes": len(quotes),
                "missing": p["missing"],
            }
        )
    view: ProjectsView = {"view": "projects", "items": items}
    if corpus.local:
        view["local"] = parts(corpus, kinds=["projects"])
    return view


def list_sources(corpus: Corpus) -> SourcesView:
    """Every footnote resolved, and every source with the footnotes that cite it."""
    notes = [corpus.citation(n) for n in sorted(corpus.footnotes)]
    sources: list[SourceItem] = [
        {**s, "footnotes": [c["number"] for c in notes if c["source"] == s["id"]]}
        for s in corpus.sources.values()
    ]
    return {"view": "sources", "footnotes": notes, "sources": sources}


def list_footnotes(corpus: Corpus) -> FootnotesView:
    """Every footnote as printed and what it resolves to, in the document's order."""
    return {"view": "footnotes", "items": [corpus.citation(n) for n in sorted(corpus.footnotes)]}


# --- one thing in full ---------------------------------------------------------------


def feature(corpus: Corpus, ref: str | Named) -> FeatureView:
    """A feature in full: definition, differences, pitfalls, quotes, findings, projects, notes."""
    record = corpus.feature_by_id[record_id(corpus, "feature", ref)]
    quotes = [_quote(corpus, q) for q in corpus.quotes.where("feature", record["id"])]
    findings = [_finding(corpus, f) for f in corpus.findings.where("features", record["id"])]
    points = record["differences"] + record["pitfalls"]
    view: FeatureView = {
        "view": "feature",
        **record,  # type: ignore[typeddict-item]
        "table_row": _table_row(corpus, "feature", record["id"]),
        "quotes": quotes,
        "findings": findings,
        "projects": _projects_of(findings, quotes),
        "footnotes": cited(corpus, footnotes_of(findings, quotes, points)),
    }
    if corpus.local:
        view["local"] = parts(corpus, features={record["number"]}, kinds=WITH_ANSWERS)
    return view


@overload
def outcome(corpus: Corpus, ref: str | Named, evidence: Literal[False] = False) -> OutcomeView: ...
@overload
def outcome(corpus: Corpus, ref: str | Named, evidence: Literal[True]) -> OutcomeEvidenceView: ...
@overload
def outcome(
    corpus: Corpus, ref: str | Named, evidence: bool
) -> OutcomeView | OutcomeEvidenceView: ...
def outcome(
    corpus: Corpus, ref: str | Named, evidence: bool = False
) -> OutcomeView | OutcomeEvidenceView:
    """An outcome: a summary, or with `evidence` every finding behind it with its citations."""
    record = corpus.outcome_by_id[record_id(corpus, "outcome", ref)]
    findings = outcome_findings(corpus, record["id"])
    row, headline = _table_row(corpus, "outcome", record["id"]), _headline(findings)
    projects = _projects_of(findings, [])
    if not evidence:
        summary: OutcomeView = {
            "view": "outcome",
            "evidence": False,
            **record,  # type: ignore[typeddict-item]
            "table_row": row,
            "headline": headline,
            "projects": projects,
            "findings": [f["id"] for f in findings],
            "footnotes": cited(corpus, headline["footnotes"] if headline else []),
        }
        if corpus.local:
            summary["local"] = parts(corpus, outcomes={record["number"]})
        return summary
    full: OutcomeEvidenceView = {
        "view": "outcome",
        "evidence": True,
        **record,  # type: ignore[typeddict-item]
        "table_row": row,
        "headline": headline,
        "projects": projects,
        "findings": [{**f, "project_links": _project_links(corpus, f)} for f in findings],
        "footnotes": cited(corpus, footnotes_of(findings, [])),
    }
    if corpus.local:
        full["local"] = parts(corpus, outcomes={record["number"]})
    return full


def outcome_findings(corpus: Corpus, outcome_id: str) -> list[FindingShown]:
    """The findings behind an outcome, in the document's order, as views show them."""
    return [_finding(corpus, f) for f in corpus.findings.where("outcome", outcome_id)]


def _project_links(corpus: Corpus, finding: FindingShown) -> list[ProjectFeatures]:
    """For each project of a finding, the features the document links to it."""
    return [
        {"project": p, "features": _feature_links(corpus, p["id"])} for p in finding["projects"]
    ]


def _feature_links(corpus: Corpus, project_id: str) -> list[FeatureLink]:
    """The features the document links to a project, each with the bases of the link."""
    from seven_features.corpus import links

    return [
        {
            **_brief("feature", corpus.feature_by_id[link["feature"]]),
            "bases": link["bases"],
            "quoted_only": link["quoted_only"],
        }
        for link in links.project_links(corpus, project_id)
    ]


def enabler(corpus: Corpus, ref: str | Named) -> EnablerView:
    """An enabler with its actions and, for the seven, its Table 1 row."""
    record = corpus.enabler_by_id[record_id(corpus, "enabler", ref)]
    return {"view": "enabler", **record, "table_row": _table_row(corpus, "enabler", record["id"])}


def project(corpus: Corpus, ref: str | Named) -> ProjectView:
    """Everything the document says about a project, from every section."""
    record = corpus.projects[record_id(corpus, "project", ref)]
    findings = [_finding(corpus, f) for f in corpus.findings.where("projects", record["id"])]
    quotes = [_quote(corpus, q) for q in corpus.quotes.where("project", record["id"])]
    outcomes = [f["outcome"] for f in findings if f["outcome"]]
    return {
        "view": "project",
        **record,
        "reports": [
            {
                **corpus.sources[s],
                "footnotes": _notes_citing(corpus).get(s, []),
            }
            for s in record["reports"]
        ],
        "findings": findings,
        "quotes": quotes,
        "outcomes": list({o["id"]: o for o in outcomes}.values()),
        "features": _feature_links(corpus, record["id"]),
        "footnotes": cited(corpus, footnotes_of(findings, quotes)),
    }


def source(corpus: Corpus, ref: str) -> SourceView:
    """A footnote: its printed text and what it resolves to, and what cites it."""
    number = footnote_number(corpus, ref)
    citation = corpus.citation(number)
    src = corpus.sources.get(citation["source"] or "")
    return {
        "view": "source",
        **citation,
        "source": src,
        "cited_by": {
            "findings": [f["id"] for f in corpus.findings.where("footnotes", number)],
            "quotes": [q["id"] for q in corpus.quotes.where("footnote", number)],
            "points": [
                {"feature": f["id"], "headline": p["headline"]}
                for f in corpus.features
                for p in f["differences"] + f["pitfalls"]
                if number in p.get("footnotes", [])
            ],
        },
    }


def table(corpus: Corpus) -> TableView:
    """Table 1 as the document lays it out: an alignment by number, not a mapping of causes."""
    return {"view": "table", **corpus.table}


# --- cross-cutting views -------------------------------------------------------------


def _filter_ids(corpus: Corpus, kind: Kind, refs: Iterable[str] | None) -> set[str] | None:
    if not refs:
        return None
    return {resolve(corpus, kind, r)["id"] for r in refs}


def _project_filter(
    corpus: Corpus, refs: Iterable[str] | None
) -> tuple[set[str] | None, dict[str, list[str]]]:
    """A view's --project filter: the document's projects REFs name (None: no REF), and by
    file the local files' own projects those the document has none of name."""
    if not refs:
        return None, {}
    ids, own = split_projects(corpus, refs)
    return set(ids), own


def quotes(
    corpus: Corpus, feature: list[str] | None = None, project: list[str] | None = None
) -> QuotesView:
    """Quotes, optionally only those of some features or projects."""
    features = _filter_ids(corpus, "feature", feature)
    projects, own = _project_filter(corpus, project)
    chosen = [_quote(corpus, q) for q in corpus.quotes.select(feature=features, project=projects)]
    view: QuotesView = {
        "view": "quotes",
        "items": chosen,
        "footnotes": cited(corpus, footnotes_of([], chosen)),
    }
    if corpus.local:  # a local record is of no project of the document's, only of its own
        view["local"] = parts(
            corpus,
            features=numbers(corpus, "feature", features),
            kinds=["quotes"],
            projects=own if project else None,
        )
    return view


def pitfalls(corpus: Corpus, feature: list[str] | None = None) -> PitfallsView:
    """Potential pitfalls, grouped by feature."""
    features = _filter_ids(corpus, "feature", feature)
    items: list[PitfallItem] = [
        {"feature": _brief("feature", f), **p}
        for f in corpus.features
        if features is None or f["id"] in features
        for p in f["pitfalls"]
    ]
    return {
        "view": "pitfalls",
        "items": items,
        "footnotes": cited(corpus, footnotes_of([], [], items)),
    }


def findings(
    corpus: Corpus,
    outcome: list[str] | None = None,
    project: list[str] | None = None,
    feature: list[str] | None = None,
    via: str = "section",
) -> FindingsView:
    """Findings, optionally only those behind some outcomes, about some projects or features.

    A feature selects, `via` "section", the findings printed in its section, or, `via`
    "projects", the findings the document reports for the projects it links to the feature.
    """
    from seven_features.corpus import links

    if via not in VIA:
        raise UsageError(f"--via takes section or projects, not '{shown_ref(via)}'")
    if via == "projects" and not feature:
        raise UsageError("--via projects follows a feature's projects: name one with --feature")
    outcomes = _filter_ids(corpus, "outcome", outcome)
    projects, own = _project_filter(corpus, project)
    features = _filter_ids(corpus, "feature", feature)
    if via == "projects" and features is not None:
        linked = {link["project"] for f in features for link in links.feature_links(corpus, f)}
        projects = linked if projects is None else projects & linked
        features = None
    chosen = [
        _finding(corpus, f)
        for f in corpus.findings.select(outcome=outcomes, projects=projects, features=features)
    ]
    named = [r["id"] for r in each_once(corpus, "feature", feature)]
    view: FindingsView = {
        "view": "findings",
        "via": ("projects" if via == "projects" else "section") if named else None,
        "features": [_brief("feature", corpus.feature_by_id[f]) for f in named],
        "items": chosen,
        "footnotes": cited(corpus, footnotes_of(chosen, [])),
    }
    if corpus.local:  # a local record is of no project of the document's, only of its own
        view["local"] = parts(
            corpus,
            features=numbers(corpus, "feature", named or None),
            outcomes=numbers(corpus, "outcome", outcomes),
            kinds=["findings"],
            projects=own if project else None,
        )
    return view


def gaps(corpus: Corpus) -> list[Gap]:
    """Every gap the source itself leaves, as the data records it, with where it stands."""
    found: list[Gap] = []

    def add(where: str, record: Mapping[str, Any]) -> None:
        for field, why in record.get("missing", {}).items():
            found.append({"where": where, "field": field, "missing": why})

    add("programme › evaluation", corpus.programme["evaluation"])
    for feature in corpus.features:
        add(f"feature {feature['number']}", feature)
    for o in corpus.outcomes:
        add(f"outcome {o['number']}", o)
    for e in corpus.enablers:
        add(f"enabler '{e['title']}'", e)
    for s in corpus.sources.values():
        add(f"source '{s['name']}'", s)
    for n, note in sorted(corpus.footnotes.items()):
        add(f"footnote {n}", note)
    for p in corpus.projects.values():
        add(f"project '{p['name']}'", p)
    for finding in corpus.findings:
        add(f"finding {finding['id']}", finding)
    for q in corpus.quotes:
        add(f"quote {q['id']}", q)
    return found


def validate_report(corpus: Corpus, directory: str) -> ValidateView:
    """What `sevenf validate` prints: the counts and every gap the source leaves."""
    from seven_features.corpus import links

    report: ValidateView = {
        "view": "validate",
        "data": directory,
        "valid": True,
        "counts": counts(corpus),
        "links": [_link_row(corpus, link) for link in links.all_links(corpus)],
        "gaps": gaps(corpus),
    }
    if corpus.local:  # valid too, or the command would have stopped: all they hold
        report["local"] = [whole(file) for file in corpus.local]
    return report


def _link_row(corpus: Corpus, link: Link) -> LinkRow:
    """A link as `validate` lists it: feature, project, the kinds of its bases."""
    return {
        "feature": _brief("feature", corpus.feature_by_id[link["feature"]]),
        "project": _brief("project", corpus.projects[link["project"]]),
        "bases": [b["kind"] for b in link["bases"]],
        "quoted_only": link["quoted_only"],
    }


#: The most hits `search` lists (`--limit`'s top).


def search(corpus: Corpus, text: str, limit: int = 20) -> SearchView:
    """The best `limit` ranked full-text hits for `text` anywhere in the document, each with
    where it stands, and how many there are in all; with none, the document's words closest
    to those it does not use. Text without a word to find is a usage error."""
    from seven_features.queries.search import (
        MAX_QUERY_CHARS,
        found,
        index_key,
        query_terms,
        suggestions,
    )

    if not query_terms(text):
        within = (
            f" in its first {MAX_QUERY_CHARS} characters" if len(text) > MAX_QUERY_CHARS else ""
        )
        raise UsageError(
            f"search needs a word to find: '{shown_ref(text)}' has no letters or digits{within}"
        )
    key = index_key(corpus)
    hits, total = found(corpus, text, limit=limit, index_key=key)
    if corpus.local:  # beside local hits, whose every hit says its origin
        for hit in hits:
            hit.setdefault("origin", DOCUMENT)
    close = [] if hits else suggestions(corpus, text, index_key=key)
    view: SearchView = {
        "view": "search",
        "query": text,
        "hits": hits,
        "suggestions": close,
        "total": total,
        "limited": total > len(hits),
    }
    if corpus.local:  # the local records hit, under their owners, with their sources
        local = (h["ref"] for h in hits if h.get("origin", DOCUMENT)["kind"] == "local")
        view["local"] = hit_parts(corpus, local)
    return view


# --- report writing ------------------------------------------------------------------


def each_once(corpus: Corpus, kind: Kind, refs: Refs) -> list[Named]:
    """The records REFs name, each once, in the order given."""
    found = (resolve(corpus, kind, r) for r in refs or ())
    return list({record["id"]: record for record in found}.values())


def split_projects(
    corpus: Corpus, refs: Iterable[str] | None
) -> tuple[list[str], dict[str, list[str]]]:
    """The ids of the document's projects REFs name, and (by file) of the local files' own
    projects that REFs the document has none of name."""
    ids: list[str] = []
    own: dict[str, list[str]] = {}
    for ref in refs or ():
        try:
            ids.append(resolve(corpus, "project", ref)["id"])
        except NotFound:
            found = find_project(corpus, ref) if corpus.local else None
            if found is None:
                raise
            own.setdefault(found["file"], []).append(found["id"])
    return list(dict.fromkeys(ids)), own


def projects_named(corpus: Corpus, refs: Iterable[str]) -> Result | list[Result]:
    """`sevenf project REF...` beside local evidence: the document's project each REF names,
    or failing that a local file's own (its view says whose); as `several` otherwise."""
    given = list(refs)
    views: dict[tuple[str, str], Result] = {}
    for ref in given:
        try:
            record = resolve(corpus, "project", ref)
        except NotFound:
            found = find_project(corpus, ref)
            if found is None:
                raise
            views.setdefault((found["file"], found["id"]), found)
            continue
        if ("", record["id"]) not in views:
            views["", record["id"]] = project(corpus, record)
    if not views:
        raise UsageError("no project given: name one by number or by a word of its name")
    return list(views.values()) if len(given) > 1 else next(iter(views.values()))


def several(
    corpus: Corpus, kind: Kind, refs: Iterable[str], view: Callable[[Named], V]
) -> V | list[V]:
    """The view of each record REFs name, each once, in the order given: a list when more
    than one REF is given (so JSON gives a list, whatever records they name: a script can
    rely on its shape), else the one view."""
    given = list(refs)
    views = [view(record) for record in each_once(corpus, kind, given)]
    if not views:
        raise UsageError(f"no {kind} given: name one by number or by a word of its name")
    return views if len(given) > 1 else views[0]


def _parts(
    corpus: Corpus, features: Refs, outcomes: Refs, projects: Refs
) -> list[FeatureView | OutcomeEvidenceView | ProjectView]:
    """The full views of the chosen features, outcomes (with evidence) and projects, in order."""
    return [
        *(feature(corpus, f) for f in each_once(corpus, "feature", features)),
        *(outcome(corpus, o, evidence=True) for o in each_once(corpus, "outcome", outcomes)),
        *(project(corpus, p) for p in each_once(corpus, "project", projects)),
    ]


def cited_numbers(
    corpus: Corpus,
    numbers: Iterable[str] = (),
    features: Refs = None,
    outcomes: Refs = None,
    projects: Refs = None,
) -> list[int] | None:
    """The footnotes a selection uses, sorted, each once; None when nothing is selected (all)."""
    parts = _parts(corpus, features, outcomes, projects)
    chosen = {footnote_number(corpus, n) for n in numbers}
    if not chosen and not parts:
        return None
    return sorted(chosen | {note["number"] for part in parts for note in part["footnotes"]})


def outcomes_chart(corpus: Corpus) -> ChartView:
    """Per outcome, every count of projects its findings print, with its total if one is given."""
    items: list[ChartItem] = []
    for o in corpus.outcomes:
        counts = list(_project_counts(corpus.findings.where("outcome", o["id"])))
        items.append({**_brief("outcome", o), "counts": counts})
    used = [n for item in items for count in item["counts"] for n in count["footnotes"]]
    return {"view": "chart", "items": items, "footnotes": cited(corpus, sorted(set(used)))}


# --- evidence paths: from a feature through its projects to their findings ------------


def _path(corpus: Corpus, link: Link) -> EvidencePath:
    """One evidence path: a project linked to a feature, the basis, and its findings."""
    found = corpus.findings.where("projects", link["project"])
    return {
        "project": _brief("project", corpus.projects[link["project"]]),
        "bases": link["bases"],
        "quoted_only": link["quoted_only"],
        "findings": [_finding(corpus, f) for f in found],
    }


def feature_evidence(corpus: Corpus, ref: str | Named) -> FeatureEvidenceView:
    """Every project the document links to a feature, on what basis, and what the document
    reports for each project: its findings, their figures, outcomes and footnotes."""
    from seven_features.corpus import links

    record = corpus.feature_by_id[record_id(corpus, "feature", ref)]
    paths = [_path(corpus, link) for link in links.feature_links(corpus, record["id"])]
    used = [n for p in paths for b in p["bases"] for n in b["footnotes"]]
    used += [n for p in paths for f in p["findings"] for n in f["footnotes"]]
    view: FeatureEvidenceView = {
        "view": "feature-evidence",
        **_brief("feature", record),  # type: ignore[typeddict-item]
        "paths": paths,
        "footnotes": cited(corpus, used),
    }
    if corpus.local:
        view["local"] = parts(corpus, features={record["number"]}, kinds=WITH_ANSWERS)
    return view


def _unique(values: Iterable[Any]) -> list[Any]:
    return list(dict.fromkeys(values))


def _link_cells(every: list[Link]) -> list[MapCell]:
    """A cell per feature–project link: the kinds of its bases, and what they rest on."""
    cells: list[MapCell] = []
    for link in every:
        bases = link["bases"]
        cells.append(
            {
                "row": link["feature"],
                "column": link["project"],
                "count": len(bases),
                "bases": [b["kind"] for b in bases],
                "quoted_only": link["quoted_only"],
                "projects": [link["project"]],
                "quotes": [b["ref"] for b in bases if b["kind"] == "quote"],
                "findings": [b["ref"] for b in bases if b["kind"] == "finding"],
                "footnotes": _unique(n for b in bases for n in b["footnotes"]),
            }
        )
    return cells


def _finding_cells(corpus: Corpus, members: dict[str, list[str]]) -> list[MapCell]:
    """A cell per row and outcome where the row's projects have findings on the outcome."""
    cells: list[MapCell] = []
    for row, projects in members.items():
        for outcome in corpus.outcomes:
            found = [
                f
                for f in corpus.findings.where("outcome", outcome["id"])
                if any(p in projects for p in f["projects"])
            ]
            if found:
                named = _unique(p for f in found for p in f["projects"] if p in projects)
                cells.append(
                    {
                        "row": row,
                        "column": outcome["id"],
                        "count": len(named),
                        "projects": named,
                        "findings": [f["id"] for f in found],
                        "footnotes": _unique(n for f in found for n in f["footnotes"]),
                    }
                )
    return cells


def _left_out(corpus: Corpus, cells: list[MapCell]) -> list[LeftOut]:
    """The findings no cell holds, each with why: no named project, no outcome, or projects
    the document links to no feature."""
    mapped = {f for c in cells for f in c["findings"]}
    left: list[LeftOut] = []
    for f in corpus.findings:
        if f["id"] in mapped:
            continue
        if not f["projects"]:
            why: Literal["no-project", "no-outcome", "projects-not-linked"] = "no-project"
        elif f["outcome"] is None:
            why = "no-outcome"
        else:
            why = "projects-not-linked"
        statement, truncated = f["statement"], f["truncated"]
        left.append(
            {"finding": f["id"], "why": why, "statement": statement, "truncated": truncated}
        )
    return left


def _linked(corpus: Corpus, every: list[Link], side: str, key: str) -> list[Linked]:
    """The projects linked to a feature (side "feature") or the features linked to a project,
    each with the kinds of the link's bases and whether it rests on quotes alone."""
    found: list[Linked] = []
    for link in every:
        if side == "feature" and link["feature"] == key:
            brief = _brief("project", corpus.projects[link["project"]])
        elif side == "project" and link["project"] == key:
            brief = _brief("feature", corpus.feature_by_id[link["feature"]])
        else:
            continue
        bases: list[str] = [b["kind"] for b in link["bases"]]
        found.append({**brief, "bases": bases, "quoted_only": link["quoted_only"]})
    return found


def evidence_map(corpus: Corpus, by: str = "feature") -> MapView:
    """The evidence map: where the document reports findings, by feature (through the projects
    it links to each) or by project, against the outcomes; or the feature–project links.

    A cell counts distinct projects (by feature), that project (by project) or the bases
    of a link. The result holds only cells with something in them: any other cell of the
    grid is a gap in the document's evidence, never a finding of no effect.
    """
    from seven_features.corpus import links

    every = links.all_links(corpus)
    projects: list[Axis] = [
        {**_brief("project", p), "links": _linked(corpus, every, "project", p["id"])}  # type: ignore[typeddict-item]
        for p in corpus.projects.values()
    ]
    features: list[Axis] = [
        {**_brief("feature", f), "links": _linked(corpus, every, "feature", f["id"])}  # type: ignore[typeddict-item]
        for f in corpus.features
    ]
    outcomes = [_brief("outcome", o) for o in corpus.outcomes]
    if by == "feature-project":
        return _map("feature-project", corpus, features, projects, _link_cells(every), None)
    if by == "feature":
        members = {row["id"]: [x["id"] for x in row["links"]] for row in features}
        view = _map("feature", corpus, features, outcomes, _finding_cells(corpus, members))
    elif by == "project":
        members = {row["id"]: [row["id"]] for row in projects}
        view = _map("project", corpus, projects, outcomes, _finding_cells(corpus, members))
    else:
        raise UsageError(f"--by takes feature, project or feature-project, not '{shown_ref(by)}'")
    if corpus.local:  # each owner's cells apart from the document's, never added to them
        view["local"] = map_parts(corpus, by, view["rows"], outcomes)
    return view


def _map(
    by: Literal["feature", "project", "feature-project"],
    corpus: Corpus,
    rows: list[Axis],
    columns: Sequence[Ref],
    cells: list[MapCell],
    left_out: list[LeftOut] | None = None,
) -> MapView:
    """A map's result; `left_out` None lists the findings no cell holds. Its footnotes are
    in the document's order, as a reader looks them up, not in the order the cells cite them."""
    mapped = {f for c in cells for f in c["findings"]}
    used = sorted({n for c in cells for n in c["footnotes"]})
    return {
        "view": "map",
        "by": by,
        "rows": rows,
        "columns": columns,
        "cells": cells,
        "findings": [_finding(corpus, f) for f in corpus.findings if f["id"] in mapped],
        "left_out": _left_out(corpus, cells) if left_out is None else left_out,
        "footnotes": cited(corpus, used),
    }
