"""What each query returns: one TypedDict per view, tagged by a `Literal` view name.

`query.py` builds these, `--json` prints them as they are, and `render/views.py` lays
each out, dispatching on `view` with a `match` that ends in `assert_never`: a view
without a layout, or a layout reading a key its result lacks, is a mypy error. Like
`records.py`, this module is imported only for type checking.
"""

from __future__ import annotations

from typing import Any, Literal, NotRequired, TypeAlias, TypedDict

from .records import (
    CountFigure,
    Document,
    Enabler,
    Feature,
    Figure,
    Licence,
    Missing,
    Outcome,
    Point,
    Programme,
    Recorded,
    Source,
    TableRow,
)


class Ref(TypedDict):
    """A record named in passing: what it is, its id, its number where it has one, its name."""

    kind: str
    id: str
    number: NotRequired[int]
    name: str


class Citation(TypedDict):
    """A footnote resolved: 'Ibid.' followed to the note that names the source."""

    number: int
    marker: str | None
    printed: str | None
    ibid: bool
    resolved_through: list[int]
    source: str | None
    source_name: str | None
    year: str | None
    page: str | None
    missing: Missing
    remarks: list[str]


class FindingShown(Recorded):
    id: str
    statement: str
    figures: list[Figure]
    projects: list[Ref]
    outcome: Ref | None
    features: list[Ref]
    footnotes: list[int]
    truncated: bool


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


class AlignedRow(TableRow):
    alignment_only: bool


class ProjectCount(CountFigure):
    """A count of projects a finding prints, with the finding's id, footnotes and gap."""

    finding: str
    footnotes: list[int]
    missing: Missing


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


class SourceItem(Source):
    footnotes: list[int]


class SourcesView(TypedDict):
    view: Literal["sources"]
    footnotes: list[Citation]
    sources: list[SourceItem]


# --- one thing in full ---------------------------------------------------------------


class FeatureView(Feature):
    view: Literal["feature"]
    table_row: AlignedRow | None
    quotes: list[QuoteShown]
    findings: list[FindingShown]
    projects: list[Ref]
    footnotes: list[Citation]


class OutcomeView(Outcome):
    """An outcome in summary: its findings by id."""

    view: Literal["outcome"]
    evidence: Literal[False]
    table_row: AlignedRow | None
    headline: ProjectCount | None
    projects: list[Ref]
    findings: list[str]


class OutcomeEvidenceView(Outcome):
    """An outcome with every finding behind it in full, and their footnotes."""

    view: Literal["outcome"]
    evidence: Literal[True]
    table_row: AlignedRow | None
    headline: ProjectCount | None
    projects: list[Ref]
    findings: list[FindingShown]
    footnotes: list[Citation]


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
    features: list[Ref]
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


class PitfallItem(Point):
    feature: Ref


class PitfallsView(TypedDict):
    view: Literal["pitfalls"]
    items: list[PitfallItem]


class FindingsView(TypedDict):
    view: Literal["findings"]
    items: list[FindingShown]
    footnotes: list[Citation]


class Gap(TypedDict):
    where: str
    field: str
    missing: str


class ValidateView(TypedDict):
    view: Literal["validate"]
    data: str
    valid: bool
    counts: dict[str, int]
    gaps: list[Gap]


class SearchView(TypedDict):
    view: Literal["search"]
    query: str
    hits: list[dict[str, Any]]


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


BriefPart: TypeAlias = FeatureView | OutcomeEvidenceView | ProjectView


class BriefView(TypedDict):
    view: Literal["brief"]
    document: BriefDocument
    parts: list[BriefPart]
    footnotes: list[Citation]
    sources: list[Source]


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
    | FeatureView
    | OutcomeView
    | OutcomeEvidenceView
    | EnablerView
    | ProjectView
    | SourceView
    | TableView
    | QuotesView
    | PitfallsView
    | FindingsView
    | ValidateView
    | SearchView
    | BriefView
    | ChartView
)
