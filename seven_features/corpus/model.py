"""The pydantic model of the framework and its evidence, in the document's own words.

No I/O here: `load.py` reads the YAML and validates it against these classes.
Every model forbids unknown fields and coerces nothing (strict mode), so a YAML
value such as `no` can never become a boolean where the document has text.

Where the source leaves something out, the field is null and the entity's
`missing` map says, in words, what the document does not give. A null without
an explanation, or an explanation for a field that is present, is an error:
gaps are always explicit.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

#: The patterns text must match, and how a message words each.
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
URL_PATTERN = r"^https?://\S+$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
PATTERN_WORDS = {
    ID_PATTERN: "an id like 'signs-of-safety' (lower-case letters and digits, joined by '-')",
    URL_PATTERN: "a web address starting http:// or https://, with no spaces",
    DATE_PATTERN: "a date written YYYY-MM-DD",
}

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Recorded(Strict):
    """An entity whose gaps in the source are recorded rather than guessed."""

    #: Fields that may be null (or empty) because the source does not give them.
    MISSABLE: ClassVar[tuple[str, ...]] = ()

    missing: dict[str, Text] = Field(
        default_factory=dict,
        description="What the source leaves out: field name -> what the document does not give.",
    )
    remarks: list[Text] = Field(
        default_factory=list,
        description="Typos and inconsistencies of the source, kept as printed, with the reading.",
    )

    def _gap_expected(self, name: str) -> bool:
        """Whether an empty `name` is a gap of the source (not, say, inherited from 'Ibid.')."""
        return True

    @model_validator(mode="after")
    def _gaps_are_explicit(self) -> Recorded:
        for name in self.missing:
            if name not in self.MISSABLE:
                raise ValueError(f"'{name}' cannot be recorded as missing here")
        for name in self.MISSABLE:
            value = getattr(self, name)
            gap = (value is None or value == []) and self._gap_expected(name)
            if gap and name not in self.missing:
                raise ValueError(f"'{name}' is empty: record why under 'missing.{name}'")
            if not gap and name in self.missing:
                raise ValueError(f"'{name}' is not a gap here, so 'missing.{name}' must go")
        return self


# --- the document and the programme -------------------------------------------------


class ContentsEntry(Strict):
    title: Text
    page: int


class Section(Strict):
    id: Id
    title: Text
    question: Text | None = None
    paragraphs: list[Text]


class Licence(Strict):
    name: Text
    url: Text
    statement: Text


class Attribution(Strict):
    text: Text
    basis: Text


class Introduction(Strict):
    author: Text
    role: Text
    date: Text


class Document(Strict):
    title: Text
    subtitle: Text
    author: Text
    author_basis: Text
    published: Text
    produced: Text
    review: Text
    copyright: Text
    licence: Licence
    attribution: Attribution
    isbn: Text
    reference: Text
    enquiries: Text
    download: Text
    audience: list[Text]
    introduction: Introduction
    contents: list[ContentsEntry]
    sections: list[Section]


class Round(Strict):
    label: Text
    rounds: list[int]
    invested: Text
    amount_gbp: int
    projects: int
    until: Text | None = None
    text: Text


class Conference(Strict):
    name: Text
    date: Text
    attendance: Text
    text: Text


class Evaluation(Recorded):
    """Who evaluated the programme, as the document says: it names the author of the final
    overall report only."""

    MISSABLE: ClassVar[tuple[str, ...]] = ("project_reports_by",)

    overall_report_by: Text = Field(description="Who wrote the final overall evaluation report.")
    project_reports_by: Text | None = Field(
        description="Who wrote the independent evaluation reports of the projects."
    )
    reports: Text


class Programme(Strict):
    name: Text
    objective: Text
    rounds: list[Round]
    evaluation: Evaluation
    conference: Conference
    findings_online: Text


# --- the three sevens and Table 1 ----------------------------------------------------


class Point(Strict):
    """A 'What difference does it make?' point or a potential pitfall: headline – explanation."""

    headline: Text
    separator: Literal[" – ", " - ", " -", "- "]
    explanation: Text
    footnotes: list[int] = Field(default_factory=list)
    shares_paragraph: bool = Field(
        default=False,
        description="Printed in the same paragraph as the point before it.",
    )

    @property
    def text(self) -> str:
        return f"{self.headline}{self.separator}{self.explanation}"


class Feature(Recorded):
    MISSABLE: ClassVar[tuple[str, ...]] = ("heading",)

    id: Id
    number: int = Field(ge=1)
    title: Text = Field(description="As the list of seven features gives it.")
    heading: Text | None = Field(description="As the heading of its in-depth section gives it.")
    label: Text = Field(description="The in-depth section's label, e.g. 'Practice feature one'.")
    table_title: Text = Field(description="As Table 1 gives it.")
    page: int = Field(description="Page of the in-depth section, from the Contents.")
    aliases: list[Text] = Field(default_factory=list)
    definition: list[Text]
    differences: list[Point]
    pitfalls: list[Point]


class Outcome(Recorded):
    id: Id
    number: int = Field(ge=1, description="Table 1's number, the only numbering given.")
    position: int = Field(ge=1, description="Place in the 'Seven outcomes' section.")
    name: Text = Field(description="As the heading in the outcomes section gives it.")
    table_name: Text = Field(description="As Table 1 gives it.")
    aliases: list[Text] = Field(default_factory=list)
    text: Text = Field(description="The section's paragraph as printed, footnote markers removed.")


class Enabler(Recorded):
    MISSABLE: ClassVar[tuple[str, ...]] = ("number",)

    id: Id
    set: Literal["improvement", "evaluation"]
    number: int | None = Field(ge=1)
    title: Text
    text: Text | None = Field(
        default=None, description="As printed after the title; the evaluations' four have none."
    )
    actions: list[Text] = Field(default_factory=list)
    aliases: list[Text] = Field(default_factory=list)


class TableRow(Strict):
    number: int = Field(ge=1)
    feature: Id
    outcome: Id
    enabler: Id
    feature_text: Text
    outcome_text: Text
    enabler_text: Text


class Table(Strict):
    caption: Text
    columns: list[Text]
    rows: list[TableRow]


class Enablers(Strict):
    improvement: list[Enabler]
    evaluation: list[Enabler]


class Framework(Strict):
    """The contents of framework.yaml."""

    document: Document
    programme: Programme
    features: list[Feature]
    outcomes: list[Outcome]
    enablers: Enablers
    table: Table


# --- the evidence --------------------------------------------------------------------


MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


class PersonName(Strict):
    """A person's name split into family and given names, as a public record prints it.

    Only where the record's words print the name, so the split is read and never
    guessed: `given family` ('Donald Forrester') or `family, given` ('Baginsky, M.')
    must occur in them. A name kept as one string is not split.
    """

    family: Text = Field(description="The family name, as the record prints it.")
    given: Text = Field(description="The given names or initials, as the record prints them.")

    def printed(self, words: str) -> str:
        """The name as `words` print it: 'Donald Forrester', or 'Baginsky, M.'."""
        natural = f"{self.given} {self.family}"
        return natural if natural in words else f"{self.family}, {self.given}"


class PublicRecord(Strict):
    """Bibliographic facts about a source from a public record, not from the document.

    The document leaves out who wrote the evaluation reports it cites, their series
    numbers and their months. Where a stored public record (a catalogue entry, a copy of
    a report's title page) states them, they may be added here with the record's
    address, its exact words and the date it was looked up; every value must occur in
    those words. sevenf marks them as not from the document wherever it shows them and
    leaves them out with --document-only.
    """

    url: Annotated[str, StringConstraints(pattern=URL_PATTERN)] = Field(
        description="The address of the public record."
    )
    words: Text = Field(description="The record's exact words that the facts rest on.")
    looked_up: Annotated[str, StringConstraints(pattern=DATE_PATTERN)] = Field(
        description="The date the record was looked up, YYYY-MM-DD."
    )
    authors: list[Text | PersonName] = Field(
        default_factory=list,
        description="Authors' names as the record prints them, in order: a person's name "
        "split into family and given names where the record prints both, else one string.",
    )
    number: Text | None = Field(default=None, description="The report's number in its series.")
    issued: Text | None = Field(default=None, description="Month and year, e.g. 'November 2017'.")

    @model_validator(mode="after")
    def _facts_rest_on_the_words(self) -> PublicRecord:
        names = [a if isinstance(a, str) else a.printed(self.words) for a in self.authors]
        facts = [*names, *(f for f in (self.number, self.issued) if f is not None)]
        if not facts:
            raise ValueError("a public record must give at least one of authors, number, issued")
        for fact in facts:
            if fact not in self.words:
                raise ValueError(f"{fact!r} does not occur in the record's words")
        if self.issued is not None:
            month, _, year = self.issued.partition(" ")
            if month not in MONTHS or not (year.isdecimal() and len(year) == 4):
                raise ValueError(
                    f"issued {self.issued!r} must be a month and a year, e.g. 'July 2017'"
                )
        return self


class Source(Recorded):
    """An evaluation report or other source the document cites or names."""

    MISSABLE: ClassVar[tuple[str, ...]] = ("title", "year", "author")

    id: Id
    kind: Literal["evaluation-report", "overall-evaluation", "research", "review"]
    name: Text = Field(description="How the document names it.")
    title: Text | None = Field(description="Its title as the footnotes print it.")
    series: Text | None = None
    year: Text | None
    author: Text | None
    author_basis: Text | None = None
    aliases: list[Text] = Field(default_factory=list)
    outside: list[PublicRecord] = Field(
        default_factory=list,
        description="Facts from public records, not from the document, each with its record.",
    )


class Footnote(Recorded):
    MISSABLE: ClassVar[tuple[str, ...]] = ("marker", "text", "source", "year", "page")

    number: int = Field(ge=1)
    marker: Text | None = Field(description="The marker as printed in the text.")
    text: Text | None = Field(description="The note as printed.")
    ibid: bool = False
    source: Id | None = Field(default=None, description="Null for 'Ibid.': see the note before.")
    year: Text | None = None
    page: Text | None = Field(description="For 'Ibid.' with no page: the page of the note before.")

    def _gap_expected(self, name: str) -> bool:
        # 'Ibid.' takes source and year, and a page it does not give, from the note before.
        return not (self.ibid and name in ("source", "year", "page"))

    @model_validator(mode="after")
    def _ibid_names_no_source(self) -> Footnote:
        if self.ibid and (self.source is not None or self.year is not None):
            raise ValueError("an 'Ibid.' note takes its source and year from the note before")
        return self


class Project(Recorded):
    MISSABLE: ClassVar[tuple[str, ...]] = ("places",)

    id: Id
    name: Text
    description: Text | None = None
    aliases: list[Text] = Field(default_factory=list)
    places: list[Text]
    reports: list[Id]


class CountFigure(Strict):
    kind: Literal["count"]
    printed: Text
    count: int
    total: int | None = None
    unit: Text
    counted: Text | None = Field(
        default=None,
        description="The words of the statement that say what the count is of, verbatim.",
    )


class PercentageFigure(Strict):
    kind: Literal["percentage"]
    printed: Text
    percent: float
    change: Literal["decrease", "increase"] | None = None


class BeforeAfterFigure(Strict):
    kind: Literal["before-after"]
    printed: Text
    before: float
    after: float
    unit: Literal["%"]


class RateFigure(Strict):
    kind: Literal["rate-vs-national"]
    printed: Text
    rate: float
    national: float
    unit: Literal["%"]


class MoneyFigure(Strict):
    kind: Literal["money"]
    printed: Text
    amount_gbp: int


class RelativeFigure(Strict):
    kind: Literal["relative-change"]
    printed: Text
    factor: float


Figure = Annotated[
    CountFigure | PercentageFigure | BeforeAfterFigure | RateFigure | MoneyFigure | RelativeFigure,
    Field(discriminator="kind"),
]


class Finding(Recorded):
    MISSABLE: ClassVar[tuple[str, ...]] = ("footnotes",)

    id: Id
    statement: Text = Field(description="As printed, footnote markers removed.")
    figures: list[Figure] = Field(default_factory=list)
    projects: list[Id] = Field(default_factory=list)
    outcome: Id | None = None
    features: list[Id] = Field(default_factory=list)
    footnotes: list[int]
    truncated: bool = False


class Quote(Recorded):
    MISSABLE: ClassVar[tuple[str, ...]] = ("speaker", "footnote", "page")

    id: Id
    feature: Id
    text: Text = Field(description="Exactly as printed, without the enclosing quotation marks.")
    attribution: Text = Field(description="As printed after the dash.")
    speaker: Text | None
    project: Id
    source: Id | None = None
    footnote: int | None
    page: Text | None = Field(description="A page printed in the attribution itself.")

    def _gap_expected(self, name: str) -> bool:
        # A footnoted quote takes its page from the footnote.
        return not (name == "page" and self.footnote is not None)


class Evidence(Strict):
    """The contents of evidence.yaml."""

    sources: list[Source]
    footnotes: list[Footnote]
    projects: list[Project]
    findings: list[Finding]
    quotes: list[Quote]
