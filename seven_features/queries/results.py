"""What each query returns: one TypedDict per view, tagged by a `Literal` view name.

`query.py` builds these, `--json` prints them as they are, and `render/layout/views.py` lays
each out, dispatching on `view` with a `match` that ends in `assert_never`: a view
without a layout, or a layout reading a key its result lacks, is a mypy error. Like
`records.py`, this module is imported only for type checking.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal, NotRequired, TypeAlias, final

from typing_extensions import TypedDict

from seven_features.corpus.records import Basis as Basis
from seven_features.corpus.records import Citation as Citation
from seven_features.corpus.records import (
    CountFigure,
    Document,
    Enabler,
    Feature,
    Figure,
    Licence,
    LocalFinding,
    LocalNote,
    LocalProject,
    LocalQuote,
    LocalSource,
    Missing,
    Outcome,
    Point,
    Programme,
    Recorded,
    SelfEvaluation,
    Source,
    TableRow,
)

#: The kinds of record a REF names.
Kind: TypeAlias = Literal["feature", "outcome", "enabler", "project", "source"]


class Ref(TypedDict):
    """A record named in passing: what it is, its id, its number where it has one, its name."""

    kind: str
    id: str
    number: NotRequired[int]
    name: str


class Origin(TypedDict):
    """Whose a record is: the document's, or the owner's of a local evidence file."""

    kind: Literal["document", "local"]
    owner: NotRequired[str]


class FrameworkSection(TypedDict):
    """Where the framework's own text stands: the note a brief cites it by, and its page."""

    key: str
    section: str
    page: str | None


class FindingShown(Recorded):
    id: str
    statement: str
    figures: list[Figure]
    projects: list[Ref]
    outcome: Ref | None
    features: list[Ref]
    footnotes: list[int]
    truncated: bool
    #: Only beside local evidence (--local): whose the record is.
    origin: NotRequired[Origin]


class FeatureLink(Ref):
    """A feature linked to a project, with the bases of the link."""

    bases: list[Basis]
    quoted_only: bool


class ProjectFeatures(TypedDict):
    """A finding's project and the features the document links to it."""

    project: Ref
    features: list[FeatureLink]


class FindingLinked(FindingShown):
    """A finding with, for each of its projects, the features linked to that project."""

    project_links: list[ProjectFeatures]


class QuoteShown(Recorded):
    id: str
    feature: Ref
    text: str
    attribution: str
    speaker: str | None
    project: Ref
    source: Ref | None
    footnote: int | None
    page: str | None
    #: Only beside local evidence (--local): whose the record is.
    origin: NotRequired[Origin]


class AlignedRow(TableRow):
    alignment_only: bool


class ProjectCount(CountFigure):
    """A count of projects a finding prints, with the finding's id, footnotes and gap."""

    finding: str
    footnotes: list[int]
    missing: Missing


# --- local evidence ------------------------------------------------------------------


class LocalSourceShown(LocalSource):
    origin: Origin


class LocalFindingShown(LocalFinding):
    origin: Origin


class LocalQuoteShown(LocalQuote):
    origin: Origin


class LocalNoteShown(LocalNote):
    origin: Origin


class LocalProjectShown(LocalProject):
    origin: Origin


class SelfEvaluationShown(SelfEvaluation):
    origin: Origin


class LocalPart(TypedDict):
    """One local evidence file's records that bear on a view, and the sources they cite:
    shown beside the document's, under its owner's name, never mixed with them."""

    origin: Origin
    owner: str
    file: str
    findings: list[LocalFindingShown]
    quotes: list[LocalQuoteShown]
    notes: list[LocalNoteShown]
    projects: list[LocalProjectShown]
    sources: list[LocalSourceShown]
    self_evaluation: NotRequired[list[SelfEvaluationShown]]


class LocalProjectView(LocalProject):
    """A project or service of a local evidence file, and that file's records about it."""

    view: Literal["local-project"]
    origin: Origin
    owner: str
    file: str
    local: list[LocalPart]


# --- lists ---------------------------------------------------------------------------


class OverviewView(TypedDict):
    view: Literal["overview"]
    title: str
    subtitle: str
    published: str
    produced: str
    rows: list[TableRow]
    evaluation_enablers: list[Ref]
    counts: dict[str, int]
    attribution: str


class AboutView(TypedDict):
    view: Literal["about"]
    document: Document
    programme: Programme


class FeatureItem(Ref):
    heading: str | None
    differences: int
    pitfalls: int
    quotes: int
    page: int


class FeaturesView(TypedDict):
    view: Literal["features"]
    items: list[FeatureItem]


class OutcomeItem(Ref):
    table_name: str
    position: int
    findings: int
    headline: ProjectCount | None


class OutcomesView(TypedDict):
    view: Literal["outcomes"]
    items: list[OutcomeItem]
    footnotes: list[Citation]


class EnablersView(TypedDict):
    view: Literal["enablers"]
    improvement: list[Enabler]
    evaluation: list[Enabler]
    source: Ref | None


class ProjectItem(Ref):
    places: list[str]
    aliases: list[str]
    findings: int
    quotes: int
    missing: Missing


class ProjectsView(TypedDict):
    view: Literal["projects"]
    items: list[ProjectItem]
    local: NotRequired[list[LocalPart]]


class SourceItem(Source):
    footnotes: list[int]


class SourcesView(TypedDict):
    view: Literal["sources"]
    footnotes: list[Citation]
    sources: list[SourceItem]


class FootnotesView(TypedDict):
    """Every footnote as printed, resolved ('Ibid.' followed), in the document's order."""

    view: Literal["footnotes"]
    items: list[Citation]


# --- one thing in full ---------------------------------------------------------------


class FeatureView(Feature):
    view: Literal["feature"]
    table_row: AlignedRow | None
    quotes: list[QuoteShown]
    findings: list[FindingShown]
    projects: list[Ref]
    footnotes: list[Citation]
    local: NotRequired[list[LocalPart]]


class OutcomeView(Outcome):
    """An outcome in summary: its findings by id."""

    view: Literal["outcome"]
    evidence: Literal[False]
    table_row: AlignedRow | None
    headline: ProjectCount | None
    projects: list[Ref]
    findings: list[str]
    footnotes: list[Citation]  # those of the headline
    local: NotRequired[list[LocalPart]]


class OutcomeEvidenceView(Outcome):
    """An outcome with every finding behind it in full, and their footnotes."""

    view: Literal["outcome"]
    evidence: Literal[True]
    table_row: AlignedRow | None
    headline: ProjectCount | None
    projects: list[Ref]
    findings: list[FindingLinked]
    footnotes: list[Citation]
    local: NotRequired[list[LocalPart]]


class EnablerView(Enabler):
    view: Literal["enabler"]
    table_row: AlignedRow | None


class ReportShown(Source):
    footnotes: list[int]


class ProjectView(Recorded):
    view: Literal["project"]
    id: str
    name: str
    description: str | None
    aliases: list[str]
    places: list[str]
    reports: list[ReportShown]
    findings: list[FindingShown]
    quotes: list[QuoteShown]
    outcomes: list[Ref]
    features: list[FeatureLink]
    footnotes: list[Citation]


class CitedPoint(TypedDict):
    feature: str
    headline: str


class CitedBy(TypedDict):
    findings: list[str]
    quotes: list[str]
    points: list[CitedPoint]


class SourceView(TypedDict):
    view: Literal["source"]
    number: int
    marker: str | None
    printed: str | None
    ibid: bool
    resolved_through: list[int]
    source: Source | None
    source_name: str | None
    year: str | None
    page: str | None
    missing: Missing
    remarks: list[str]
    cited_by: CitedBy


class TableView(TypedDict):
    view: Literal["table"]
    caption: str
    columns: list[str]
    rows: list[TableRow]


# --- cross-cutting views -------------------------------------------------------------


class QuotesView(TypedDict):
    view: Literal["quotes"]
    items: list[QuoteShown]
    footnotes: list[Citation]
    local: NotRequired[list[LocalPart]]


class PitfallItem(Point):
    feature: Ref


class PitfallsView(TypedDict):
    view: Literal["pitfalls"]
    items: list[PitfallItem]
    footnotes: list[Citation]


class FindingsView(TypedDict):
    view: Literal["findings"]
    #: How --feature selected: "section" (printed there) or "projects" (of its projects).
    via: Literal["section", "projects"] | None
    features: list[Ref]
    items: list[FindingShown]
    footnotes: list[Citation]
    local: NotRequired[list[LocalPart]]


class Gap(TypedDict):
    where: str
    field: str
    missing: str


class LinkRow(TypedDict):
    feature: Ref
    project: Ref
    bases: list[str]
    quoted_only: bool


class ValidateView(TypedDict):
    view: Literal["validate"]
    data: str
    valid: bool
    counts: dict[str, int]
    links: list[LinkRow]
    gaps: list[Gap]
    local: NotRequired[list[LocalPart]]


class SearchHit(TypedDict):
    """One passage found: see `search.py` for each field."""

    kind: str
    where: str
    ref: dict[str, Any]
    title: str
    snippet: str
    marks: list[list[int]]  # [start, end] offsets of the matches in `snippet`
    phrase: bool
    text: str
    footnotes: list[int]
    rank: float
    #: Beside local evidence (--local), whose the passage is: the document's, or an owner's.
    origin: NotRequired[Origin]


class SearchView(TypedDict):
    view: Literal["search"]
    query: str
    hits: list[SearchHit]
    suggestions: list[str]  # with no hit: the document's words closest to the query's
    total: int  # every hit the query has; `hits` holds the best of them
    limited: bool  # whether --limit left hits out (total > len(hits))
    #: Only with --local: each owner's records among the hits, and the sources they cite.
    local: NotRequired[list[LocalPart]]


# --- evidence paths and the map -------------------------------------------------------


class EvidencePath(TypedDict):
    """A project the document links to a feature, the bases, and its findings."""

    project: Ref
    bases: list[Basis]
    quoted_only: bool
    findings: list[FindingShown]


class FeatureEvidenceView(Ref):
    view: Literal["feature-evidence"]
    paths: list[EvidencePath]
    footnotes: list[Citation]
    local: NotRequired[list[LocalPart]]


class Linked(Ref):
    """What the document links to a map's row or column: the other side, the bases, and
    whether every basis is a quote (see `links.QUOTED_ONLY`)."""

    bases: list[str]
    quoted_only: bool


class Axis(Ref):
    links: list[Linked]
    #: A local file's own project, as a row of the map by project: that file.
    file: NotRequired[str]


class MapCell(TypedDict):
    row: str
    column: str
    #: Distinct projects (by feature), the project (by project), or bases (of a link).
    count: int
    projects: list[str]
    findings: list[str]
    footnotes: list[int]
    bases: NotRequired[list[str]]
    quotes: NotRequired[list[str]]
    quoted_only: NotRequired[bool]


class LeftOut(TypedDict):
    """A finding no cell of the map holds, why, and its statement as printed."""

    finding: str
    why: Literal["no-project", "no-outcome", "projects-not-linked"]
    statement: str
    truncated: bool


class LocalMapCell(TypedDict):
    """A cell of the map for one owner's evidence: their findings linked to both the
    row (by feature: the feature; by project: one of the owner's own projects, by being
    of it) and the column's outcome, by number."""

    row: str
    column: str
    count: int  # how many of the owner's findings: never the document's projects
    findings: list[str]


class LocalMap(LocalPart):
    """One local evidence file beside the map: its findings, the sources they cite, and
    its cells (each counting local findings, apart from the document's cells). By project,
    the owner's projects are rows of their own (`rows`), after the document's."""

    rows: list[Ref]
    cells: list[LocalMapCell]


class MapView(TypedDict):
    view: Literal["map"]
    by: Literal["feature", "project", "feature-project"]
    rows: list[Axis]
    #: Outcomes (by feature or project), or projects with their links (feature-project).
    columns: Sequence[Axis] | Sequence[Ref]
    cells: list[MapCell]
    findings: list[FindingShown]
    left_out: list[LeftOut]
    footnotes: list[Citation]
    #: Only with --local, and not by feature-project: each owner's cells, kept apart.
    local: NotRequired[list[LocalMap]]


# --- report writing ------------------------------------------------------------------


class BriefDocument(TypedDict):
    title: str
    subtitle: str
    author: str
    produced: str
    published: str
    copyright: str
    licence: Licence
    attribution: str


# A brief's parts hold only the sections asked for (None where one was not), and each
# quote and finding in full where it first stands (`Placed...`, with the section of the
# framework it stands in) and as a referral to that part after (`Seen...`). The passages
# are told apart by "see", which only a referral holds: the types are final, so that
# mypy narrows on `"see" in item`.


@final
class PlacedQuote(QuoteShown):
    """A quote in full where it first stands in a brief."""

    framework: FrameworkSection


@final
class PlacedFinding(FindingShown):
    """A finding in full where it first stands in a brief."""

    framework: FrameworkSection


@final
class SeenQuote(TypedDict):
    """A quote that stands in full in an earlier part: that part's title, and who said it."""

    see: str
    kind: Literal["quote"]
    id: str
    attribution: str
    feature: Ref


@final
class SeenFinding(TypedDict):
    """A finding that stands in full in an earlier part: that part's title, and what it is on."""

    see: str
    kind: Literal["finding"]
    id: str
    projects: list[Ref]
    outcome: Ref | None


BriefQuote: TypeAlias = PlacedQuote | SeenQuote
BriefFinding: TypeAlias = PlacedFinding | SeenFinding


class BriefPath(TypedDict):
    """A project the document links to a brief's feature, how, and its findings."""

    project: Ref
    bases: list[str]  # in words (`links.wordings`)
    quoted_only: bool
    findings: list[BriefFinding]


class BriefFeature(Recorded):
    view: Literal["feature"]
    id: str
    number: int
    title: str
    heading: str | None
    label: str
    page: int
    framework: FrameworkSection
    definition: list[str] | None
    differences: list[Point] | None
    pitfalls: list[Point] | None
    quotes: list[BriefQuote] | None
    findings: list[BriefFinding] | None
    paths: list[BriefPath] | None
    #: Only in a self-evaluation brief: each local file's answers and evidence on the feature.
    local: NotRequired[list[LocalPart]]


class BriefOutcome(TypedDict):
    view: Literal["outcome"]
    id: str
    number: int
    name: str
    table_name: str
    remarks: list[str]
    framework: FrameworkSection
    findings: list[BriefFinding] | None


class LeftOutFinding(TypedDict):
    id: str
    features: list[Ref]
    outcome: Ref | None


class LeftOutQuote(TypedDict):
    id: str
    feature: Ref


class BriefLeftOut(TypedDict):
    """A project's quotes and findings that bear on none of the features and outcomes chosen."""

    findings: list[LeftOutFinding]
    quotes: list[LeftOutQuote]


class BriefProject(Recorded):
    view: Literal["project"]
    id: str
    name: str
    description: str | None
    aliases: list[str]
    places: list[str]
    reports: list[ReportShown]
    outcomes: list[Ref]
    features: list[FeatureLink]
    #: Whether features or outcomes were chosen too, so that only what bears on them shows.
    selective: bool
    left_out: BriefLeftOut
    findings: list[BriefFinding] | None
    quotes: list[BriefQuote] | None


#: A part of a brief, told apart by its `view`.
BriefPart: TypeAlias = BriefFeature | BriefOutcome | BriefProject


class BriefNote(Citation):
    """A footnote a brief cites, with what other footnotes for its source supply to it."""

    filled: dict[str, list[int]]


class BriefFramework(TypedDict):
    """The framework as a source of the brief, and the sections of it the brief quotes."""

    source: dict[str, Any]
    sections: list[FrameworkSection]


class BriefView(TypedDict):
    view: Literal["brief"]
    title: str
    short: bool
    sections: list[str]
    document: BriefDocument
    parts: list[BriefPart]
    footnotes: list[BriefNote]
    framework: BriefFramework
    sources: list[Source]
    #: Only with --local: each local file's records on the features and outcomes chosen.
    local: NotRequired[list[LocalPart]]
    #: Only with --self-evaluation: the parts are features, each with its `local` answers.
    self_evaluation: NotRequired[bool]


class ChartItem(Ref):
    counts: list[ProjectCount]


class ChartView(TypedDict):
    view: Literal["chart"]
    items: list[ChartItem]
    footnotes: list[Citation]


Result: TypeAlias = (
    OverviewView
    | AboutView
    | FeaturesView
    | OutcomesView
    | EnablersView
    | ProjectsView
    | SourcesView
    | FootnotesView
    | FeatureView
    | OutcomeView
    | OutcomeEvidenceView
    | EnablerView
    | ProjectView
    | LocalProjectView
    | SourceView
    | TableView
    | QuotesView
    | PitfallsView
    | FindingsView
    | ValidateView
    | SearchView
    | BriefView
    | ChartView
    | FeatureEvidenceView
    | MapView
)
