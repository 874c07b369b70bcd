"""Results as flat tables: one row per record, each column named and described once.

CSV (`render/csv.py`) and the workbook (`export/workbook.py`) write these tables; a
table is the same wherever it is written. A cell is text, a whole number, a number, a
truth value or empty (None). Where a record refers to others, its row names them by id,
number and name; where it refers to several, their ids (numbers, names) are joined by
`JOIN`, in the document's order. Each figure a finding prints has columns of its own, as
numbers a spreadsheet can sum. `notes` says what the document leaves out of the record
(a finding it gives no outcome for, a footnote it prints no marker for), and an empty
cell never stands for a value sevenf does not know: its column's `about` says what empty
means.
"""

from __future__ import annotations

from seven_features.errors import UsageError, assert_never
from seven_features.render.layout.local import source_words
from seven_features.render.layout.parts import citation as citation_spans
from seven_features.render.text import spans as as_text
from seven_features.wording import possessive

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence
    from typing import Any, TypeAlias

    from seven_features.corpus.records import Figure, Point
    from seven_features.queries.results import (
        ChartView,
        Citation,
        EnablersView,
        FeatureEvidenceView,
        FeaturesView,
        FeatureView,
        FindingLinked,
        FindingShown,
        FindingsView,
        FootnotesView,
        LocalPart,
        MapView,
        OutcomeEvidenceView,
        OutcomesView,
        PitfallsView,
        ProjectsView,
        QuotesView,
        Ref,
        Result,
        SearchView,
        SourcesView,
        TableView,
    )

    Cell: TypeAlias = str | int | float | bool | None
    Row: TypeAlias = dict[str, Cell]

#: Between the ids, numbers or names of several records in one cell.
JOIN = "; "
#: Between sentences in one cell (notes, remarks, citations), which may hold `JOIN`.
LINES = " | "
#: A finding's outcome when the document gives none: said in its notes, never guessed.
NO_OUTCOME = "outcome: the document gives no outcome for this finding"
TRUNCATED = "statement: the sentence breaks off in the source, as printed"
GAP = "the document reports nothing here: a gap in its evidence, not a finding of no effect"
#: A local project's row: the document says nothing of the owner's own projects.
OWN_ROW = "the owner's own project, of which the document says nothing: see local_counts"
NO_FINDING = "findings: the document reports no finding for this project"


class Column:
    """A column: its name, what its cells are (`text`, `integer`, `number`, `boolean`;
    `list` is text of several values joined by `JOIN`) and what it holds."""

    __slots__ = ("about", "kind", "name")

    def __init__(self, name: str, kind: str, about: str) -> None:
        self.name, self.kind, self.about = name, kind, about


class Sheet:
    """A table: its name, what one row is, its columns and its rows (dicts by column name)."""

    __slots__ = ("columns", "name", "one", "rows")

    def __init__(self, name: str, one: str, columns: Sequence[Column], rows: list[Row]) -> None:
        self.name, self.one, self.columns, self.rows = name, one, tuple(columns), rows
        names = {c.name for c in self.columns}
        for row in rows:
            extra = set(row) - names
            assert not extra, f"{name}: cells for no column: {sorted(extra)}"

    def cells(self) -> list[list[Cell]]:
        """The rows as lists, in the columns' order; a cell not given is empty."""
        return [[row.get(c.name) for c in self.columns] for row in self.rows]

    @property
    def noted(self) -> int:
        """How many rows say in `notes` what the document leaves out."""
        return sum(1 for row in self.rows if row.get("notes"))


# --- columns, declared once ------------------------------------------------------------


def _ref_columns(prefix: str, what: str, numbered: bool = True) -> list[Column]:
    found = [
        Column(f"{prefix}_id", "text", f"The {what}'s id (as sevenf names it)."),
        Column(f"{prefix}_name", "text", f"The {what}'s name or title, as printed."),
    ]
    if numbered:
        found.insert(0, Column(f"{prefix}_number", "integer", f"The {what}'s number."))
    return found


def _refs_columns(prefix: str, what: str, numbered: bool = True) -> list[Column]:
    found = [
        Column(f"{prefix}_ids", "list", f"The ids of {what}, joined by '{JOIN}'."),
        Column(f"{prefix}_names", "list", f"The names of {what}, joined by '{JOIN}'."),
    ]
    if numbered:
        found.insert(0, Column(f"{prefix}_numbers", "list", f"The numbers of {what}."))
    return found


NOTES = Column(
    "notes",
    "text",
    f"What the document leaves out of this record, field by field, joined by '{LINES}'; "
    "empty when it leaves nothing out.",
)
REMARKS = Column(
    "remarks",
    "text",
    f"Typos and inconsistencies of the source, kept as printed, joined by '{LINES}'.",
)
FOOTNOTES = Column("footnotes", "list", "The numbers of the footnotes cited, as printed.")
CITATION = Column(
    "citation",
    "text",
    f"Each footnote cited, as a reference: [number] then its text as printed, and for "
    f"'Ibid.' what it resolves to; joined by '{LINES}'.",
)
FIGURES = [
    Column("figures", "integer", "How many figures the statement prints."),
    Column("figures_printed", "list", f"Each figure as printed, joined by '{JOIN}'."),
    Column("count", "integer", "A count the statement prints ('Fourteen of 26 projects': 14)."),
    Column("count_of", "integer", "The total the count is of (26); empty when none is printed."),
    Column("count_unit", "text", "What is counted: projects, authorities..."),
    Column("count_counted", "text", "What the counted ones did, as printed."),
    Column("percent", "number", "A percentage the statement prints."),
    Column("percent_change", "text", "decrease or increase, when the statement says which."),
    Column("before_percent", "number", "A before-and-after figure: the percentage before."),
    Column("after_percent", "number", "A before-and-after figure: the percentage after."),
    Column("rate_percent", "number", "A rate compared with the national one: the rate."),
    Column("national_percent", "number", "A rate compared with the national one: nationally."),
    Column("amount_gbp", "integer", "An amount of money, in pounds."),
    Column("factor", "number", "A relative change: the factor printed ('twice': 2)."),
]
FINDING = [
    Column("finding_id", "text", "The finding's id."),
    Column("statement", "text", "The finding as printed, footnote markers removed."),
    Column("truncated", "boolean", "Whether the sentence breaks off in the source."),
    *_ref_columns(
        "outcome",
        "outcome the finding is printed under (empty when the document gives none: see notes)",
    ),
    *_refs_columns(
        "section_feature",
        "the features in whose own section the document prints the finding (most findings "
        "stand under an outcome and are in none; the features of a finding's projects are "
        "in `sevenf feature N --evidence`)",
    ),
    *_refs_columns("project", "the projects the finding names", numbered=False),
    *FIGURES,
    FOOTNOTES,
    CITATION,
    NOTES,
    REMARKS,
]
LINKED = _refs_columns(
    "linked_feature", "the features the document links to the finding's projects"
)


# --- cells -----------------------------------------------------------------------------


def _printed(record: Mapping[str, Any]) -> list[str]:
    """A public record's authors as the record prints them."""
    from seven_features.render.cite import author

    return [author(a, record["words"]).printed for a in record["authors"]]


def _join(values: Iterable[object]) -> str:
    return JOIN.join(str(v) for v in values)


def _ref(prefix: str, ref: Ref | Mapping[str, Any] | None) -> Row:
    if ref is None:
        return {}
    number: Row = {f"{prefix}_number": ref["number"]} if "number" in ref else {}
    return {f"{prefix}_id": ref["id"], **number, f"{prefix}_name": ref["name"]}


def _refs(prefix: str, refs: Sequence[Ref | Mapping[str, Any]]) -> Row:
    return {
        f"{prefix}_ids": _join(r["id"] for r in refs),
        f"{prefix}_numbers": _join(r["number"] for r in refs if "number" in r),
        f"{prefix}_names": _join(r["name"] for r in refs),
    }


def _missing(record: Mapping[str, Any], *more: str) -> str:
    gaps = [f"{field}: {why}" for field, why in record.get("missing", {}).items()]
    return LINES.join([*gaps, *more])


def _remarks(record: Mapping[str, Any]) -> str:
    return LINES.join(record.get("remarks", []))


def _citation(numbers: Iterable[int | None], notes: Sequence[Citation]) -> str:
    by_number = {n["number"]: n for n in notes}
    return LINES.join(
        f"[{n}] {as_text(citation_spans(by_number[n]))}"
        for n in numbers
        if n is not None and n in by_number
    )


def _figures(figures: Sequence[Figure]) -> tuple[Row, list[str]]:
    """A finding's figures in their columns, and a note for any a column already holds."""
    row: Row = {"figures": len(figures), "figures_printed": _join(f["printed"] for f in figures)}
    notes: list[str] = []
    seen: set[str] = set()
    for f in figures:
        if f["kind"] in seen:
            notes.append(
                f"figures: '{f['printed']}' is a second {f['kind']} figure, so its numbers "
                "are in figures_printed only"
            )
            continue
        seen.add(f["kind"])
        match f["kind"]:
            case "count":
                row |= {
                    "count": f["count"],
                    "count_of": f["total"],
                    "count_unit": f["unit"],
                    "count_counted": f["counted"],
                }
            case "percentage":
                row |= {"percent": f["percent"], "percent_change": f["change"]}
            case "before-after":
                row |= {"before_percent": f["before"], "after_percent": f["after"]}
            case "rate-vs-national":
                row |= {"rate_percent": f["rate"], "national_percent": f["national"]}
            case "money":
                row["amount_gbp"] = f["amount_gbp"]
            case "relative-change":
                row["factor"] = f["factor"]
            case _:
                assert_never(f["kind"])
    return row, notes


def finding_row(f: FindingShown | FindingLinked, notes: Sequence[Citation]) -> Row:
    """A finding's cells in the `FINDING` columns."""
    figures, figure_notes = _figures(f["figures"])
    said = [*([] if f["outcome"] else [NO_OUTCOME]), *([TRUNCATED] if f["truncated"] else [])]
    return {
        "finding_id": f["id"],
        "statement": f["statement"],
        "truncated": f["truncated"],
        **_ref("outcome", f["outcome"]),
        **_refs("section_feature", f["features"]),
        "project_ids": _join(p["id"] for p in f["projects"]),
        "project_names": _join(p["name"] for p in f["projects"]),
        **figures,
        "footnotes": _join(f["footnotes"]),
        "citation": _citation(f["footnotes"], notes),
        "notes": _missing(f, *said, *figure_notes),
        "remarks": _remarks(f),
    }


# --- local evidence beside the document's -------------------------------------------------

ORIGIN = Column(
    "origin",
    "text",
    "Whose the record is: 'document', or the owner of the local evidence file it is from, "
    "never the document's (only with --local). A local record's row fills the columns that "
    "mean the same for it (its id, text, figures as printed, page, its own project's id) "
    "and the local_ ones, and leaves the document's own (footnotes, citation, notes) empty.",
)
LOCAL_LINKS = [
    Column(
        "local_features",
        "list",
        f"A local record only: the numbers of the features its owner links it to, joined by "
        f"'{JOIN}'.",
    ),
    Column(
        "local_outcomes",
        "list",
        f"A local record only: the numbers of the outcomes (as in Table 1) its owner links it "
        f"to, joined by '{JOIN}'.",
    ),
]
LOCAL_CITATION = Column(
    "local_citation",
    "text",
    "A local record only: its source as its owner gives it (author, title, date, page or "
    "address), the owner named; or that it gives none.",
)
LOCAL_DESCRIPTION = Column(
    "local_description", "text", "A local project only: what its owner says it is."
)


def local_citation(part: LocalPart, source: str | None, page: str | None = None) -> str:
    """A local record's source in words, its owner named: 'Example Borough Council's
    evidence: Example Borough Council Quality Assurance Team, Practice …, p. 4'."""
    owner = part["owner"]
    if source is None:
        return f"{possessive(owner)} evidence: no source given"
    found = next(s for s in part["sources"] if s["id"] == source)
    return f"{possessive(owner)} evidence: {source_words(found, page)}"


def _local_links(record: Mapping[str, Any]) -> Row:
    return {
        "local_features": _join(record["features"]),
        "local_outcomes": _join(record["outcomes"]),
    }


def local_finding_rows(part: LocalPart) -> list[Row]:
    """A local file's findings in the `FINDING` columns that mean the same for them."""
    return [
        {
            "finding_id": f["id"],
            "statement": f["statement"],
            "project_ids": f["project"],
            "figures": len(f["figures"]),
            "figures_printed": _join(f["figures"]),
            **_local_links(f),
            "local_citation": local_citation(part, f["source"], f["page"]),
        }
        for f in part["findings"]
    ]


def with_local(
    table: Sheet,
    found: Sequence[LocalPart] | None,
    rows_of: Callable[[LocalPart], list[Row]] = local_finding_rows,
    extra: Sequence[Column] = (*LOCAL_LINKS, LOCAL_CITATION),
) -> Sheet:
    """`table` beside local evidence: an `origin` column first, naming on every row whose
    record it is, then each local file's rows after the document's, with columns of their
    own. Without local evidence (`found` None) the table is unchanged, column for column."""
    if found is None:
        return table
    rows = [{"origin": "document", **row} for row in table.rows]
    rows += [{"origin": part["owner"], **row} for part in found for row in rows_of(part)]
    return Sheet(table.name, table.one, [ORIGIN, *table.columns, *extra], rows)


# --- one table per list view -------------------------------------------------------------


def findings(r: FindingsView) -> Sheet:
    rows = [finding_row(f, r["footnotes"]) for f in r["items"]]
    return with_local(Sheet("findings", "finding", FINDING, rows), r.get("local"))


def outcome_evidence(r: OutcomeEvidenceView) -> Sheet:
    rows: list[Row] = []
    for f in r["findings"]:
        linked = list({x["id"]: x for p in f["project_links"] for x in p["features"]}.values())
        rows.append({**finding_row(f, r["footnotes"]), **_refs("linked_feature", linked)})
    table = Sheet("outcome-evidence", "finding behind the outcome", [*FINDING, *LINKED], rows)
    return with_local(table, r.get("local"))


PATH = [
    *_ref_columns("feature", "feature"),
    *_ref_columns("project", "project the document links to the feature", numbered=False),
    Column("link_bases", "list", "The kinds of the link's bases: named, finding or quote."),
    Column("link_basis", "text", f"Each basis in words, joined by '{LINES}'."),
    Column(
        "quoted_only",
        "boolean",
        "Whether every basis is a quote: the link rests only on who is quoted.",
    ),
]


def feature_evidence(r: FeatureEvidenceView) -> Sheet:
    rows: list[Row] = []
    for path in r["paths"]:
        head: Row = {
            **_ref("feature", r),
            **_ref("project", path["project"]),
            "link_bases": _join(b["kind"] for b in path["bases"]),
            "link_basis": LINES.join(f"{b['wording']} ({b['ref']})" for b in path["bases"]),
            "quoted_only": path["quoted_only"],
        }
        for f in path["findings"]:
            rows.append({**head, **finding_row(f, r["footnotes"])})
        if not path["findings"]:
            rows.append({**head, "notes": NO_FINDING})
    one = "finding on a project linked to the feature"

    def local_rows(part: LocalPart) -> list[Row]:
        return [{**_ref("feature", r), **row} for row in local_finding_rows(part)]

    return with_local(
        Sheet("evidence-paths", one, PATH + FINDING, rows), r.get("local"), local_rows
    )


def _point_columns(noun: str, where: str) -> list[Column]:
    return [
        *_ref_columns("feature", "feature"),
        Column(noun, "integer", f"Its place in the feature's list of {where}, as printed."),
        Column("headline", "text", f"The {noun}'s headline, as printed."),
        Column("explanation", "text", "What follows the headline's dash, as printed."),
        Column("printed", "text", "Headline, dash and explanation, as printed."),
        FOOTNOTES,
        CITATION,
    ]


PITFALL = _point_columns("pitfall", "potential pitfalls")
DIFFERENCE = _point_columns("difference", "points under 'What difference does it make?'")


def _points(noun: str, items: Sequence[tuple[Ref, Point]], notes: Sequence[Citation]) -> list[Row]:
    rows: list[Row] = []
    place: dict[str, int] = {}
    for feature, p in items:
        place[feature["id"]] = place.get(feature["id"], 0) + 1
        rows.append(
            {
                **_ref("feature", feature),
                noun: place[feature["id"]],
                "headline": p["headline"],
                "explanation": p["explanation"],
                "printed": f"{p['headline']}{p['separator']}{p['explanation']}",
                "footnotes": _join(p["footnotes"]),
                "citation": _citation(p["footnotes"], notes),
            }
        )
    return rows


def pitfalls(r: PitfallsView) -> Sheet:
    rows = _points("pitfall", [(p["feature"], p) for p in r["items"]], r["footnotes"])
    return Sheet("pitfalls", "pitfall", PITFALL, rows)


def differences(views: Sequence[FeatureView]) -> Sheet:
    """Every feature's points under 'What difference does it make?' (for the workbook)."""
    rows: list[Row] = []
    for v in views:
        ref: Ref = {"kind": "feature", "id": v["id"], "number": v["number"], "name": v["title"]}
        rows += _points("difference", [(ref, p) for p in v["differences"]], v["footnotes"])
    return Sheet("differences", "point under 'What difference does it make?'", DIFFERENCE, rows)


FIGURE = [
    Column("finding_id", "text", "The finding that prints the figure."),
    *_ref_columns("outcome", "finding's outcome (empty when the document gives none)"),
    Column("figure", "integer", "Its place among the finding's figures."),
    Column(
        "kind",
        "text",
        "count, percentage, before-after, rate-vs-national, money or relative-change: "
        "which of the number columns it fills.",
    ),
    Column("printed", "text", "The figure as printed."),
    *FIGURES[2:],
    NOTES,
]


def figures(r: FindingsView) -> Sheet:
    """Every figure the findings print, one row each (for the workbook)."""
    rows: list[Row] = []
    for f in r["items"]:
        for i, figure in enumerate(f["figures"], 1):
            cells, _ = _figures([figure])
            del cells["figures"], cells["figures_printed"]
            rows.append(
                {
                    "finding_id": f["id"],
                    **_ref("outcome", f["outcome"]),
                    "figure": i,
                    "kind": figure["kind"],
                    "printed": figure["printed"],
                    **cells,
                    "notes": "" if f["outcome"] else NO_OUTCOME,
                }
            )
    return Sheet("figures", "figure a finding prints", FIGURE, rows)


LINK = [
    *PATH,
    Column("findings", "integer", "How many findings the document reports for the project."),
    Column("finding_ids", "list", "Their ids."),
]


def links(views: Sequence[FeatureEvidenceView]) -> Sheet:
    """Every link the document makes between a feature and a project (for the workbook)."""
    rows: list[Row] = []
    for v in views:
        for path in v["paths"]:
            rows.append(
                {
                    **_ref("feature", v),
                    **_ref("project", path["project"]),
                    "link_bases": _join(b["kind"] for b in path["bases"]),
                    "link_basis": LINES.join(f"{b['wording']} ({b['ref']})" for b in path["bases"]),
                    "quoted_only": path["quoted_only"],
                    "findings": len(path["findings"]),
                    "finding_ids": _join(f["id"] for f in path["findings"]),
                }
            )
    return Sheet("links", "link between a feature and a project", LINK, rows)


QUOTE = [
    Column("quote_id", "text", "The quote's id."),
    *_ref_columns("feature", "feature whose section prints the quote"),
    *_ref_columns("project", "project whose evaluation is quoted", numbered=False),
    Column("text", "text", "The quote exactly as printed, without its quotation marks."),
    Column("attribution", "text", "Who said it, as printed after the dash."),
    Column("speaker", "text", "The speaker, as the attribution gives it."),
    *_ref_columns("source", "report quoted", numbered=False),
    Column("footnote", "integer", "The footnote the quote cites."),
    Column("page", "text", "The page, from the attribution or the footnote."),
    CITATION,
    NOTES,
    REMARKS,
]


def quotes(r: QuotesView) -> Sheet:
    rows: list[Row] = [
        {
            "quote_id": q["id"],
            **_ref("feature", q["feature"]),
            **_ref("project", q["project"]),
            "text": q["text"],
            "attribution": q["attribution"],
            "speaker": q["speaker"],
            **_ref("source", q["source"]),
            "footnote": q["footnote"],
            "page": q["page"],
            "citation": _citation([q["footnote"]], r["footnotes"]),
            "notes": _missing(q),
            "remarks": _remarks(q),
        }
        for q in r["items"]
    ]
    return with_local(Sheet("quotes", "quote", QUOTE, rows), r.get("local"), local_quote_rows)


def local_quote_rows(part: LocalPart) -> list[Row]:
    """A local file's quotes in the `QUOTE` columns that mean the same for them."""
    return [
        {
            "quote_id": q["id"],
            "project_id": q["project"],
            "text": q["text"],
            "attribution": q["attribution"],
            "page": q["page"],
            **_local_links(q),
            "local_citation": local_citation(part, q["source"], q["page"]),
        }
        for q in part["quotes"]
    ]


PROJECT = [
    *_ref_columns("project", "project", numbered=False),
    Column("places", "list", "The places the document names for it."),
    Column("aliases", "list", "Other names sevenf knows it by."),
    Column("findings", "integer", "How many findings the document reports for it."),
    Column("quotes", "integer", "How many quotes from its evaluation the document prints."),
    NOTES,
]


def projects(r: ProjectsView) -> Sheet:
    rows: list[Row] = [
        {
            **_ref("project", p),
            "places": _join(p["places"]),
            "aliases": _join(p["aliases"]),
            "findings": p["findings"],
            "quotes": p["quotes"],
            "notes": _missing(p),
        }
        for p in r["items"]
    ]
    table = Sheet("projects", "project", PROJECT, rows)
    return with_local(table, r.get("local"), local_project_rows, (*LOCAL_LINKS, LOCAL_DESCRIPTION))


def local_project_rows(part: LocalPart) -> list[Row]:
    """A local file's projects in the `PROJECT` columns that mean the same for them."""
    return [
        {
            "project_id": p["id"],
            "project_name": p["name"],
            **_local_links(p),
            "local_description": p["description"],
        }
        for p in part["projects"]
    ]


OUTSIDE = "not from the document: from a public record (see public_record_url)"
SOURCE = [
    *_ref_columns("source", "source", numbered=False),
    Column("kind", "text", "evaluation-report, overall-evaluation, research or review."),
    Column("title", "text", "Its title, where the document gives one."),
    Column("series", "text", "Its series, as printed."),
    Column("year", "text", "Its year, as printed."),
    Column("author", "text", "Its author, where the document gives one."),
    Column("author_basis", "text", "Where the author comes from."),
    Column("footnotes", "list", "The footnotes that cite it, 'Ibid.' followed."),
    NOTES,
    REMARKS,
    Column("public_record_authors", "list", f"Authors: {OUTSIDE}."),
    Column("public_record_number", "text", f"Report number: {OUTSIDE}."),
    Column("public_record_issued", "text", f"Date issued: {OUTSIDE}."),
    Column("public_record_url", "text", "Where the public record is; empty with --document-only."),
]


def sources(r: SourcesView) -> Sheet:
    rows: list[Row] = []
    for s in r["sources"]:
        outside = s["outside"]
        rows.append(
            {
                **_ref("source", s),
                "kind": s["kind"],
                "title": s["title"],
                "series": s["series"],
                "year": s["year"],
                "author": s["author"],
                "author_basis": s["author_basis"],
                "footnotes": _join(s["footnotes"]),
                "notes": _missing(s),
                "remarks": _remarks(s),
                "public_record_authors": LINES.join(_join(_printed(o)) for o in outside),
                "public_record_number": LINES.join(o["number"] or "" for o in outside),
                "public_record_issued": LINES.join(o["issued"] or "" for o in outside),
                "public_record_url": LINES.join(o["url"] for o in outside),
            }
        )
    return Sheet("sources", "source", SOURCE, rows)


FOOTNOTE = [
    Column("footnote", "integer", "The footnote's number."),
    Column("marker", "text", "Its marker as printed in the text, where there is one."),
    Column("printed", "text", "The note as printed."),
    Column("ibid", "boolean", "Whether it is 'Ibid.', resolved through earlier notes."),
    Column("resolved_through", "list", "The notes 'Ibid.' is followed through, in turn."),
    *_ref_columns("source", "source it resolves to", numbered=False),
    Column("year", "text", "The year it gives (or, for 'Ibid.', resolves to)."),
    Column("page", "text", "The page it gives (or resolves to)."),
    CITATION,
    NOTES,
    REMARKS,
]


def footnote_rows(notes: Sequence[Citation]) -> list[Row]:
    return [
        {
            "footnote": n["number"],
            "marker": n["marker"],
            "printed": n["printed"],
            "ibid": n["ibid"],
            "resolved_through": _join(n["resolved_through"]),
            "source_id": n["source"],
            "source_name": n["source_name"],
            "year": n["year"],
            "page": n["page"],
            "citation": _citation([n["number"]], notes),
            "notes": _missing(n),
            "remarks": _remarks(n),
        }
        for n in notes
    ]


def footnotes(r: FootnotesView) -> Sheet:
    return Sheet("footnotes", "footnote", FOOTNOTE, footnote_rows(r["items"]))


SEARCH = [
    Column("hit", "integer", "Its place in the ranking, best first."),
    Column("kind", "text", "What was found: finding, quote, pitfall, footnote..."),
    Column("where", "text", "Where it stands in the document."),
    Column("ref_kind", "text", "The kind of the nearest record to look up."),
    Column("ref_id", "text", "Its id, where it has one."),
    Column("ref_number", "integer", "Its number, where it has one."),
    Column("title", "text", "The hit's headline, name or title."),
    Column("snippet", "text", "The best-matching part of the text, cuts marked '…'."),
    Column("text", "text", "The whole text, as in the data."),
    Column("phrase", "boolean", "Whether it holds the query's words as one phrase."),
    FOOTNOTES,
    Column("score", "number", "bm25 score: lower is better."),
]


def search(r: SearchView) -> Sheet:
    """A row per hit; beside local evidence, whose each hit is first, as in every list."""
    local = "local" in r
    rows: list[Row] = [
        {
            **({"origin": h.get("origin", {}).get("owner", "document")} if local else {}),
            "hit": i,
            "kind": h["kind"],
            "where": h["where"],
            "ref_kind": h["ref"].get("kind"),
            "ref_id": h["ref"].get("id"),
            "ref_number": h["ref"].get("number"),
            "title": h["title"],
            "snippet": h["snippet"],
            "text": h["text"],
            "phrase": h["phrase"],
            "footnotes": _join(h["footnotes"]),
            "score": h["rank"],
        }
        for i, h in enumerate(r["hits"], 1)
    ]
    return Sheet("search", "hit", [ORIGIN, *SEARCH] if local else SEARCH, rows)


MAP = [
    Column("by", "text", "What the rows are: feature, project or feature-project."),
    Column("row_kind", "text", "feature or project."),
    *_ref_columns("row", "row's feature or project"),
    Column("column_kind", "text", "outcome or project."),
    *_ref_columns("column", "column's outcome or project"),
    Column(
        "count",
        "integer",
        "Distinct projects with findings on the outcome (by feature), the project (by "
        "project) or the bases of the link (feature-project); empty for a gap (see notes).",
    ),
    Column("counted", "text", "What count counts: projects or bases."),
    Column("project_ids", "list", "The projects the cell holds."),
    Column("project_names", "list", "Their names."),
    Column("finding_ids", "list", "The findings the cell holds."),
    Column("bases", "list", "feature-project: the kinds of the link's bases."),
    Column("quote_ids", "list", "feature-project: the quotes the link rests on."),
    Column("quoted_only", "boolean", "feature-project: whether every basis is a quote."),
    FOOTNOTES,
    CITATION,
    NOTES,
]


#: With --local only, after MAP's columns: each owner's count beside the document's.
MAP_LOCAL = [
    Column(
        "local_owners",
        "list",
        "With --local: the owners with local findings in the cell (their own evidence, not "
        "the document's).",
    ),
    Column(
        "local_counts",
        "list",
        "Each owner's count, in the same order: their findings linked to both the row's "
        "feature and the outcome (by project: of their own project, a row of its own "
        "with row_kind local-project), counted apart from the document's count.",
    ),
    Column("local_finding_ids", "list", "Those findings' ids in the owners' files."),
]


def evidence_map(r: MapView) -> Sheet:
    from seven_features.render.layout.evidence import grid, local_counts

    names: dict[str, Mapping[str, Any]] = {}
    for axis in r["rows"]:
        names[axis["id"]] = axis
        names.update((x["id"], x) for x in axis["links"])
    names.update((c["id"], c) for c in r["columns"])
    cells = {(c["row"], c["column"]): c for c in r["cells"]}
    rows: list[Row] = []
    local = "local" in r
    for row, _ in grid(r) if local else ((row, None) for row in r["rows"]):
        for column in r["columns"]:
            head: Row = {
                "by": r["by"],
                "row_kind": row["kind"],
                **_ref("row", row),
                "column_kind": column["kind"],
                **_ref("column", column),
            }
            if local:
                owned = local_counts(r, row, column["id"])
                head |= {
                    "local_owners": _join(part["owner"] for part, _ in owned),
                    "local_counts": _join(c["count"] for _, c in owned),
                    "local_finding_ids": _join(f for _, c in owned for f in c["findings"]),
                }
            # an owner's own project's row holds none of the document's cells
            mine = row["kind"] != "local-project"
            cell = cells.get((row["id"], column["id"])) if mine else None
            if cell is None:
                rows.append({**head, "notes": OWN_ROW if row["kind"] == "local-project" else GAP})
                continue
            rows.append(
                {
                    **head,
                    "count": cell["count"],
                    "counted": "bases" if r["by"] == "feature-project" else "projects",
                    "project_ids": _join(cell["projects"]),
                    "project_names": _join(names[p]["name"] for p in cell["projects"]),
                    "finding_ids": _join(cell["findings"]),
                    "bases": _join(cell.get("bases", [])),
                    "quote_ids": _join(cell.get("quotes", [])),
                    "quoted_only": cell.get("quoted_only"),
                    "footnotes": _join(cell["footnotes"]),
                    "citation": _citation(cell["footnotes"], r["footnotes"]),
                }
            )
    columns = [*MAP, *MAP_LOCAL] if local else MAP
    return Sheet(f"map-by-{r['by']}", "cell of the map's grid", columns, rows)


FEATURE = [
    *_ref_columns("feature", "feature"),
    Column("heading", "text", "Its heading in its in-depth section, where it has one."),
    Column("page", "integer", "The page its section starts on."),
    Column("differences", "integer", "How many points 'What difference does it make?' holds."),
    Column("pitfalls", "integer", "How many potential pitfalls it lists."),
    Column("quotes", "integer", "How many quotes its section prints."),
]


def features(r: FeaturesView) -> Sheet:
    rows: list[Row] = [
        {
            **_ref("feature", f),
            "heading": f["heading"],
            "page": f["page"],
            "differences": f["differences"],
            "pitfalls": f["pitfalls"],
            "quotes": f["quotes"],
        }
        for f in r["items"]
    ]
    return Sheet("features", "feature", FEATURE, rows)


OUTCOME = [
    *_ref_columns("outcome", "outcome (numbered as in Table 1)"),
    Column("table_name", "text", "Its name in Table 1."),
    Column("position", "integer", "Its place in the outcomes section, which orders them apart."),
    Column("findings", "integer", "How many findings the document prints under it."),
]


def outcomes(r: OutcomesView) -> Sheet:
    rows: list[Row] = [
        {
            **_ref("outcome", o),
            "table_name": o["table_name"],
            "position": o["position"],
            "findings": o["findings"],
        }
        for o in r["items"]
    ]
    return Sheet("outcomes", "outcome", OUTCOME, rows)


COUNT = [
    *_ref_columns("outcome", "outcome"),
    Column("finding_id", "text", "The finding that prints the count."),
    Column("printed", "text", "The count as printed."),
    Column("count", "integer", "The count."),
    Column("count_of", "integer", "The total it is of; empty when none is printed."),
    Column("count_unit", "text", "What is counted."),
    FOOTNOTES,
    CITATION,
    NOTES,
]


def chart(r: ChartView) -> Sheet:
    rows: list[Row] = [
        {
            **_ref("outcome", o),
            "finding_id": c["finding"],
            "printed": c["printed"],
            "count": c["count"],
            "count_of": c["total"],
            "count_unit": c["unit"],
            "footnotes": _join(c["footnotes"]),
            "citation": _citation(c["footnotes"], r["footnotes"]),
            "notes": _missing(c),
        }
        for o in r["items"]
        for c in o["counts"]
    ]
    return Sheet("outcome-counts", "count of projects a finding prints", COUNT, rows)


ENABLER = [
    Column("set", "text", "improvement (the seven of Table 1) or evaluation (the four)."),
    *_ref_columns("enabler", "enabler"),
    Column("text", "text", "What the document says of it."),
    Column("actions", "text", f"Its actions, joined by '{LINES}'."),
    NOTES,
    REMARKS,
]


def enablers(r: EnablersView) -> Sheet:
    rows: list[Row] = [
        {
            "set": e["set"],
            "enabler_id": e["id"],
            "enabler_number": e["number"],
            "enabler_name": e["title"],
            "text": e["text"],
            "actions": LINES.join(e["actions"]),
            "notes": _missing(e),
            "remarks": _remarks(e),
        }
        for e in [*r["improvement"], *r["evaluation"]]
    ]
    return Sheet("enablers", "enabler", ENABLER, rows)


TABLE = [
    Column("number", "integer", "The row's number: the table aligns by number only."),
    Column("feature_id", "text", "The feature in the row."),
    Column("outcome_id", "text", "The outcome in the row."),
    Column("enabler_id", "text", "The enabler in the row."),
    Column("feature_text", "text", "The feature as Table 1 prints it."),
    Column("outcome_text", "text", "The outcome as Table 1 prints it."),
    Column("enabler_text", "text", "The enabler as Table 1 prints it."),
]


def table(r: TableView) -> Sheet:
    rows: list[Row] = [
        {
            "number": row["number"],
            "feature_id": row["feature"],
            "outcome_id": row["outcome"],
            "enabler_id": row["enabler"],
            "feature_text": row["feature_text"],
            "outcome_text": row["outcome_text"],
            "enabler_text": row["enabler_text"],
        }
        for row in r["rows"]
    ]
    return Sheet("table-1", "row of Table 1 (an alignment, not a mapping of causes)", TABLE, rows)


# --- dispatch ----------------------------------------------------------------------------

#: Why a view has no CSV, and what has one instead.
NOT_A_LIST = {
    "feature": "a feature in full is not a list: add --evidence for its evidence paths",
    "outcome": "an outcome's summary is not a list: add --evidence for its findings",
}


def sheet(result: Result) -> Sheet:
    """The one table a list view is; a view that is not a list is a usage error."""
    match result["view"]:
        case "findings":
            return findings(result)
        case "quotes":
            return quotes(result)
        case "pitfalls":
            return pitfalls(result)
        case "projects":
            return projects(result)
        case "sources":
            return sources(result)
        case "footnotes":
            return footnotes(result)
        case "search":
            return search(result)
        case "map":
            return evidence_map(result)
        case "feature-evidence":
            return feature_evidence(result)
        case "features":
            return features(result)
        case "outcomes":
            return outcomes(result)
        case "chart":
            return chart(result)
        case "enablers":
            return enablers(result)
        case "table":
            return table(result)
        case "outcome":
            if result["evidence"] is True:
                return outcome_evidence(result)
            raise UsageError(f"--format csv is for lists: {NOT_A_LIST['outcome']}")
        case "feature":
            raise UsageError(f"--format csv is for lists: {NOT_A_LIST['feature']}")
        case (
            "overview"
            | "about"
            | "enabler"
            | "project"
            | "local-project"
            | "source"
            | "validate"
            | "brief"
        ):
            raise UsageError(f"--format csv is for lists, and '{result['view']}' is not one")
        case _:
            assert_never(result)


def sheets(out: Result | list[Result]) -> Sheet:
    """A list view's table; several views of one kind (several REFs) give one table."""
    if not isinstance(out, list):
        return sheet(out)
    return joined([sheet(r) for r in out])


def joined(made: Sequence[Sheet]) -> Sheet:
    """Tables of one kind as one: the first's name and columns, every row in turn."""
    first = made[0]
    return Sheet(first.name, first.one, first.columns, [row for m in made for row in m.rows])
