"""The validated data as the queries see it: a TypedDict for each model in `model.py`.

The cache holds `model_dump(mode="json")` of the validated models, and a warm command
never imports pydantic, so the records it reads are plain dicts. These types say
exactly which keys each has, so that mypy catches a misspelt key anywhere after
loading. They cost nothing at run time: modules import them only for type checking.
`tests/test_records.py` holds every TypedDict here to the fields of its model.
"""

from __future__ import annotations

from typing import Literal

from typing_extensions import TypedDict

Missing = dict[str, str]


class Recorded(TypedDict):
    missing: Missing
    remarks: list[str]


# --- framework.yaml ------------------------------------------------------------------


class ContentsEntry(TypedDict):
    title: str
    page: int


class Section(TypedDict):
    id: str
    title: str
    question: str | None
    paragraphs: list[str]


class Licence(TypedDict):
    name: str
    url: str
    statement: str


class Attribution(TypedDict):
    text: str
    basis: str


class Introduction(TypedDict):
    author: str
    role: str
    date: str


class Document(TypedDict):
    title: str
    subtitle: str
    author: str
    author_basis: str
    published: str
    produced: str
    review: str
    copyright: str
    licence: Licence
    attribution: Attribution
    isbn: str
    reference: str
    enquiries: str
    download: str
    audience: list[str]
    introduction: Introduction
    contents: list[ContentsEntry]
    sections: list[Section]


class Round(TypedDict):
    label: str
    rounds: list[int]
    invested: str
    amount_gbp: int
    projects: int
    until: str | None
    text: str


class Conference(TypedDict):
    name: str
    date: str
    attendance: str
    text: str


class Evaluation(Recorded):
    overall_report_by: str
    project_reports_by: str | None
    reports: str


class Programme(TypedDict):
    name: str
    objective: str
    rounds: list[Round]
    evaluation: Evaluation
    conference: Conference
    findings_online: str


class Point(TypedDict):
    headline: str
    separator: Literal[" – ", " - ", " -", "- "]
    explanation: str
    footnotes: list[int]
    shares_paragraph: bool


class Feature(Recorded):
    id: str
    number: int
    title: str
    heading: str | None
    label: str
    table_title: str
    page: int
    aliases: list[str]
    definition: list[str]
    differences: list[Point]
    pitfalls: list[Point]


class Outcome(Recorded):
    id: str
    number: int
    position: int
    name: str
    table_name: str
    aliases: list[str]
    text: str


class Enabler(Recorded):
    id: str
    set: Literal["improvement", "evaluation"]
    number: int | None
    title: str
    text: str | None
    actions: list[str]
    aliases: list[str]


class TableRow(TypedDict):
    number: int
    feature: str
    outcome: str
    enabler: str
    feature_text: str
    outcome_text: str
    enabler_text: str


class Table(TypedDict):
    caption: str
    columns: list[str]
    rows: list[TableRow]


class Enablers(TypedDict):
    improvement: list[Enabler]
    evaluation: list[Enabler]


class Framework(TypedDict):
    document: Document
    programme: Programme
    features: list[Feature]
    outcomes: list[Outcome]
    enablers: Enablers
    table: Table


# --- evidence.yaml -------------------------------------------------------------------


class PersonName(TypedDict):
    """A person's name as a public record prints it, split into family and given names."""

    family: str
    given: str


class PublicRecord(TypedDict):
    """A fact from outside the document, with where it is from and the words it rests on."""

    url: str
    words: str
    looked_up: str
    authors: list[str | PersonName]
    number: str | None
    issued: str | None


class Source(Recorded):
    id: str
    kind: Literal["evaluation-report", "overall-evaluation", "research", "review"]
    name: str
    title: str | None
    series: str | None
    year: str | None
    author: str | None
    author_basis: str | None
    aliases: list[str]
    outside: list[PublicRecord]


class Footnote(Recorded):
    number: int
    marker: str | None
    text: str | None
    ibid: bool
    source: str | None
    year: str | None
    page: str | None


class Project(Recorded):
    id: str
    name: str
    description: str | None
    aliases: list[str]
    places: list[str]
    reports: list[str]


class CountFigure(TypedDict):
    kind: Literal["count"]
    printed: str
    count: int
    total: int | None
    unit: str
    counted: str | None


class PercentageFigure(TypedDict):
    kind: Literal["percentage"]
    printed: str
    percent: float
    change: Literal["decrease", "increase"] | None


class BeforeAfterFigure(TypedDict):
    kind: Literal["before-after"]
    printed: str
    before: float
    after: float
    unit: Literal["%"]


class RateFigure(TypedDict):
    kind: Literal["rate-vs-national"]
    printed: str
    rate: float
    national: float
    unit: Literal["%"]


class MoneyFigure(TypedDict):
    kind: Literal["money"]
    printed: str
    amount_gbp: int


class RelativeFigure(TypedDict):
    kind: Literal["relative-change"]
    printed: str
    factor: float


Figure = (
    CountFigure | PercentageFigure | BeforeAfterFigure | RateFigure | MoneyFigure | RelativeFigure
)


class Finding(Recorded):
    id: str
    statement: str
    figures: list[Figure]
    projects: list[str]
    outcome: str | None
    features: list[str]
    footnotes: list[int]
    truncated: bool


class Quote(Recorded):
    id: str
    feature: str
    text: str
    attribution: str
    speaker: str | None
    project: str
    source: str | None
    footnote: int | None
    page: str | None


class Evidence(TypedDict):
    sources: list[Source]
    footnotes: list[Footnote]
    projects: list[Project]
    findings: list[Finding]
    quotes: list[Quote]


class Data(TypedDict):
    """Both files, validated: what the cache holds before packing."""

    framework: Framework
    evidence: Evidence


# --- a local evidence file (`local.py`) ------------------------------------------------


class LocalSource(TypedDict):
    id: str
    title: str
    author: str
    date: str
    page: str | None
    url: str | None


class LocalProject(TypedDict):
    id: str
    features: list[int]
    outcomes: list[int]
    name: str
    description: str | None


class LocalFinding(TypedDict):
    id: str
    features: list[int]
    outcomes: list[int]
    statement: str
    figures: list[str]
    project: str | None
    source: str
    page: str | None


class LocalQuote(TypedDict):
    id: str
    features: list[int]
    outcomes: list[int]
    text: str
    attribution: str
    project: str | None
    source: str
    page: str | None


class LocalNote(TypedDict):
    id: str
    features: list[int]
    outcomes: list[int]
    text: str
    project: str | None
    source: str | None
    page: str | None


class SelfEvaluation(TypedDict):
    id: str
    feature: int
    quality: str
    how_we_know: str
    next_steps: str


class LocalEvidence(TypedDict):
    owner: str
    sources: list[LocalSource]
    projects: list[LocalProject]
    findings: list[LocalFinding]
    quotes: list[LocalQuote]
    notes: list[LocalNote]
    self_evaluation: list[SelfEvaluation]


class LocalFile(LocalEvidence):
    """A local evidence file, validated, with the name it was given by."""

    file: str


# --- what the corpus works out from the records ------------------------------------------


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


class Basis(TypedDict):
    """One reason the document gives for a feature–project link (see `links.py`)."""

    kind: Literal["named", "finding", "quote"]
    wording: str
    ref: str
    detail: str
    footnotes: list[int]


class Link(TypedDict):
    feature: str
    project: str
    bases: list[Basis]
    quoted_only: bool
