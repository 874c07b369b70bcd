"""What each view shows, as blocks: the one place that knows a view's contents.

`layout(result)` turns a query result (see `query.py`) into blocks (see `blocks.py`);
the text, Markdown and terminal renderers then draw those blocks in their format.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, assert_never

from seven_features.corpus.links import QUOTED_ONLY, SHORT, wordings
from seven_features.queries.query import MOST_HITS
from seven_features.render.blocks import Block, Spans, anchor, command, join, link, links
from seven_features.wording import counted, numbered, numbers, resolved_through

if TYPE_CHECKING:
    from seven_features.corpus.records import Document, Figure, Point, TableRow
    from seven_features.queries.results import (
        AboutView,
        AlignedRow,
        BriefView,
        ChartView,
        Citation,
        EnablersView,
        EnablerView,
        FeatureLink,
        FeaturesView,
        FeatureView,
        FindingShown,
        FindingsView,
        LinkRow,
        OutcomeEvidenceView,
        OutcomesView,
        OutcomeView,
        OverviewView,
        PitfallsView,
        ProjectCount,
        ProjectFeatures,
        ProjectsView,
        ProjectView,
        QuoteShown,
        QuotesView,
        Result,
        SearchView,
        SourcesView,
        SourceView,
        TableView,
        ValidateView,
    )

#: Any record with a `missing` map of what the source leaves out.
Gappy = Mapping[str, Any]
GIVEN = "not given in the source"
HINTS = (
    'sevenf feature 3 · sevenf outcome "reduced risk" --evidence · '
    "sevenf project herts · sevenf search co-location · sevenf --help"
)
ALIGNMENT: Spans = [
    "Table 1 aligns the three lists by number only: the document does not say that a "
    "feature and the outcome on its row are linked. Links between features and outcomes run "
    "through projects and their evidence: ",
    command(
        "sevenf feature N --evidence, sevenf map",
        [
            "each feature's projects and their findings, and ",
            link("page", "map.html", "the evidence map"),
        ],
    ),
    ".",
]
PROJECT_LINKS = (
    "Beside each project: the features the document links to it, by naming it in a feature's "
    "text, printing its finding in a feature's section, or quoting its evaluation there. A "
    "link is where the document illustrates a feature, not a claim about this outcome."
)


# --- pieces --------------------------------------------------------------------------


def number(value: float) -> str:
    return f"{value:g}"


def figure(fig: Figure) -> str:
    """A figure's structured reading, shown beside the words the document prints."""
    match fig["kind"]:
        case "count":
            total = f" of {fig['total']}" if fig["total"] is not None else ""
            return f"{fig['count']}{total} {fig['unit']}"
        case "percentage":
            change = f" {fig['change']}" if fig["change"] else ""
            return f"{number(fig['percent'])}%{change}"
        case "before-after":
            return f"{number(fig['before'])}% before, {number(fig['after'])}% after"
        case "rate-vs-national":
            return f"{number(fig['rate'])}% against {number(fig['national'])}% nationally"
        case "money":
            return f"£{fig['amount_gbp']:,}"
        case "relative-change":
            return f"× {number(fig['factor'])}"
        case _:
            assert_never(fig)


def gap(record: Gappy, field: str, what: str) -> Spans:
    why = record.get("missing", {}).get(field)
    return [("gap", f"{what} {GIVEN}" + (f": {why}" if why else ""))]


def cites(numbers: list[int]) -> Spans:
    return [("cite", n) for n in numbers]


#: How a gap names a field where its name alone would not say enough.
FIELD_NAMES = {"marker": "marker in the text", "text": "note"}


def said(record: Gappy) -> Spans:
    """The data's source notes on `record` (typos and readings), each after the text."""
    return [s for r in record.get("remarks", []) for s in (" ", ("em", f"(Source note: {r})"))]


def gaps(record: Gappy, fields: tuple[str, ...]) -> Spans:
    """A gap for each of `fields` the data records as left out, each after the text."""
    missing = record.get("missing", {})
    return [
        s for f in fields if f in missing for s in (" ", *gap(record, f, FIELD_NAMES.get(f, f)))
    ]


def citation(note: Citation) -> Spans:
    """A footnote as printed, then what it resolves to, what it leaves out and its notes."""
    printed = note["printed"]
    spans: Spans = [link("footnote", note["number"], printed)] if printed is not None else []
    if note["ibid"]:
        resolved = ", ".join(
            x
            for x in (
                note["source_name"],
                note["year"],
                f"p. {note['page']}" if note["page"] else "",
            )
            if x
        )
        through = "".join(resolved_through([str(n) for n in note["resolved_through"]]))
        spans += [" → ", resolved, ("em", f" ({through})")]
    spans += gaps(note, ("text", "source", "year", "page", "marker")) + said(note)
    return spans[1:] if spans[:1] == [" "] else spans


def source_notes(src: Gappy, shown: tuple[str, ...] = ()) -> Spans:
    """What the data records a source leaves out (but the fields `shown` already), and its
    source notes."""
    return gaps(src, tuple(f for f in ("title", "year", "author") if f not in shown)) + said(src)


def notes(result: Mapping[str, Any]) -> list[Block]:
    """The notes of every footnote the result cites (each format heads them as it does)."""
    used = result.get("footnotes") or []
    return [("notes", [(n["number"], citation(n)) for n in used])] if used else []


def finding(
    f: FindingShown, *, with_outcome: bool = False, paths: list[ProjectFeatures] | None = None
) -> Spans:
    """A finding as printed, its footnotes, and sevenf's reading: figures, projects (with
    the features the document links to each, given `paths`), its outcome."""
    spans: Spans = [f["statement"]]
    if f["truncated"]:
        spans.append(("em", " [sentence breaks off in the source]"))
    if f["footnotes"]:
        spans += cites(f["footnotes"])
    else:  # in a brief, cited to the framework it stands in; the gap then says why
        spans += [*framework_cite(f), " ", *gap(f, "footnotes", "footnote")]
    details: list[Spans] = []
    if f["figures"]:
        details.append(
            ["figures: " + "; ".join(f"“{x['printed']}” = {figure(x)}" for x in f["figures"])]
        )
    if paths:
        details.append(["projects: ", *join((project_features(x) for x in paths), "; ")])
    elif f["projects"]:
        details.append(["projects: ", *links("project", names(f["projects"]))])
    if with_outcome and f["outcome"]:
        o = f["outcome"]
        details.append([link("outcome", o["id"], f"outcome {o['number']}: {o['name']}")])
    if details:
        run: Spans = ["("]
        for i, detail in enumerate(details):
            run += ["; ", *detail] if i else detail
        spans += [" ", ("em", [*run, ")"])]
    return spans + said(f)


def listed(findings: Sequence[FindingShown], items: list[Spans]) -> Block:
    """Findings drawn as `items`, as a list whose items carry each finding's id, so that a
    link to a finding (from a map's cell, a footnote's page, a search) lands on it."""
    return ("ul", items, [anchor("finding", f["id"]) for f in findings])


def framework_cite(passage: Mapping[str, Any]) -> Spans:
    """In a brief, a passage with no footnote of its own is cited to the framework it
    stands in (`brief.py` adds the section it is placed in); elsewhere, nothing."""
    section = passage.get("framework")
    return [("cite", section["key"])] if section else []


def kinds(bases: list[str]) -> str:
    """The kinds of a link's bases, short, each once."""
    return ", ".join(dict.fromkeys(SHORT[b] for b in bases))  # type: ignore[index]


def linked(link: FeatureLink) -> str:
    """A feature–project link seen from the project: the feature and how the document links it."""
    return f"feature {link['number']} ({kinds([b['kind'] for b in link['bases']])})"


def project_features(entry: ProjectFeatures) -> str:
    """A finding's project and the features the document links to it."""
    features = "; ".join(map(linked, entry["features"])) or "no feature"
    return f"{entry['project']['name']} [linked to {features}]"


def count_label(head: ProjectCount) -> Spans:
    """A count of projects as printed, with the words that say what it counts."""
    counted: Spans = [": ", head["counted"]] if head["counted"] else []
    return [head["printed"], *cites(head["footnotes"]), *counted]


def quote(q: QuoteShown, *, with_feature: bool = False) -> Block:
    """A quote as printed, then its attribution as printed, its citation and its gaps."""
    attribution: Spans = [q["attribution"]]
    in_brief = bool(framework_cite(q))
    if q["footnote"] is not None:
        attribution += cites([q["footnote"]])
        # the footnote's page (a page in the attribution is printed there already); a brief's
        # footnote gives it already
        if q["page"] and not in_brief:
            attribution.append(("em", f" (page {q['page']})"))
    else:  # in a brief: cited to the framework it stands in; the gaps then say why
        attribution += framework_cite(q)
    for field in ("speaker", "footnote", "page"):
        if field in q["missing"]:
            attribution += [" ", *gap(q, field, field)]
    if with_feature:
        f = q["feature"]
        attribution.append(
            ("em", [" [", link("feature", f["id"], f"feature {f['number']}: {f['name']}"), "]"])
        )
    return ("quote", [q["text"]], attribution + said(q))


def point(p: Point) -> Spans:
    return [
        ("strong", p["headline"]),
        p["separator"],
        p["explanation"],
        *cites(p.get("footnotes", [])),
    ]


def names(records: Sequence[Mapping[str, Any]], label: str = "{name}") -> list[tuple[str, str]]:
    """Records as (id, label) pairs for `links`."""
    return [(r["id"], label.format(**r)) for r in records]


def row_links(row: TableRow) -> list[Spans]:
    """A Table 1 row's three texts, each linked to its record."""
    return [
        [link("feature", row["feature"], row["feature_text"])],
        [link("outcome", row["outcome"], row["outcome_text"])],
        [link("enabler", row["enabler"], row["enabler_text"])],
    ]


OUTSIDE = "Not from the document"


def outside(source: Mapping[str, Any]) -> list[tuple[str, Spans]]:
    """A source's facts from public records, marked, each with its record: address, date
    looked up and the exact words the facts rest on."""
    from seven_features.render.cite import outside as merged
    from seven_features.render.cite import outside_words

    rows: list[tuple[str, Spans]] = []
    for record in source.get("outside") or ():
        facts = merged({"outside": [record]})
        assert facts is not None
        rows.append(
            (
                OUTSIDE,
                [
                    outside_words(facts),
                    ("em", f" (public record {record['url']}, looked up {record['looked_up']}: “"),
                    record["words"],
                    ("em", "”)"),
                ],
            )
        )
    return rows


def remarks(record: Mapping[str, Any]) -> list[Block]:
    return [("aside", ["Source note: ", r]) for r in record.get("remarks", [])]


def alignment_row(row: AlignedRow | None) -> list[Block]:
    if not row:
        return []
    return [
        (
            "dl",
            [
                (
                    f"Table 1 row {row['number']}",
                    [*row_links(row)[0], " · ", *row_links(row)[1], " · ", *row_links(row)[2]],
                ),
            ],
        ),
        ("aside", ALIGNMENT),
    ]


# --- views ---------------------------------------------------------------------------


def overview(r: OverviewView, *, hints: bool = True) -> list[Block]:
    """The framework at a glance; `hints` adds the commands to try next."""
    rows = [[[str(row["number"])], *row_links(row)] for row in r["rows"]]
    counts = ", ".join(f"{n} {k}" for k, n in r["counts"].items())
    blocks: list[Block] = [
        ("h1", r["title"]),
        ("p", [r["subtitle"], ("em", f" (produced {r['produced']}; published {r['published']})")]),
        (
            "table",
            "The three sevens, aligned by number as Table 1 lays them out",
            ["#", "Feature of practice", "Outcome", "Enabler of improvement"],
            rows,
        ),
        ("aside", ALIGNMENT),
        (
            "p",
            [
                "The evaluations also named four enablers: ",
                *links("enabler", names(r["evaluation_enablers"]), "; "),
            ],
        ),
        ("p", [("em", f"The data holds {counts}.")]),
    ]
    if hints:
        blocks.append(("dl", [("Next", [HINTS])]))
    return [*blocks, ("aside", [r["attribution"]])]


def about(r: AboutView) -> list[Block]:
    doc, programme = r["document"], r["programme"]
    intro = doc["introduction"]
    facts: list[tuple[str, Spans]] = [
        ("Subtitle", [doc["subtitle"]]),
        ("Author", [doc["author"], ("em", f" ({doc['author_basis']})")]),
        ("Produced", [doc["produced"]]),
        ("Published", [doc["published"]]),
        ("Review", [doc["review"]]),
        ("ISBN", [doc["isbn"]]),
        ("Reference", [doc["reference"]]),
        ("Introduction", [f"{intro['author']}, {intro['role']} ({intro['date']})"]),
        ("For", ["; ".join(doc["audience"])]),
        ("Copyright", [doc["copyright"]]),
        ("Licence", [doc["licence"]["name"], " — ", doc["licence"]["url"]]),
        ("Attribution", [doc["attribution"]["text"], ("em", f" ({doc['attribution']['basis']})")]),
    ]
    rounds = [
        [[r["label"]], [r["invested"]], [str(r["projects"])], [r["until"] or "—"]]
        for r in programme["rounds"]
    ]
    conference, evaluation = programme["conference"], programme["evaluation"]
    return [
        ("h1", doc["title"]),
        ("dl", facts),
        ("h2", programme["name"]),
        ("p", [programme["objective"]]),
        ("table", "Rounds", ["Round", "Invested", "Projects", "Up to"], rounds),
        (
            "dl",
            [
                ("Final overall evaluation report by", [evaluation["overall_report_by"]]),
                (
                    "Project evaluation reports by",
                    [evaluation["project_reports_by"]]
                    if evaluation["project_reports_by"]
                    else gap(evaluation, "project_reports_by", "author"),
                ),
                ("Reports", [evaluation["reports"]]),
                (
                    "Conference",
                    [f"{conference['name']}, {conference['date']}: {conference['attendance']}"],
                ),
            ],
        ),
        ("h2", "Contents"),
        (
            "table",
            None,
            ["Section", "Page"],
            [[[c["title"]], [str(c["page"])]] for c in doc["contents"]],
        ),
    ]


def features(r: FeaturesView) -> list[Block]:
    rows = [
        [
            [str(f["number"])],
            [link("feature", f["id"], f["name"])],
            [str(f["differences"])],
            [str(f["pitfalls"])],
            [str(f["quotes"])],
            [str(f["page"])],
        ]
        for f in r["items"]
    ]
    return [
        (
            "table",
            "Seven features of practice",
            ["#", "Feature", "Differences", "Pitfalls", "Quotes", "Page"],
            rows,
        )
    ]


def outcomes(r: OutcomesView) -> list[Block]:
    rows = []
    for o in r["items"]:
        head = o["headline"]
        reach = count_label(head) if head else [("em", "no count of projects given")]
        name = link("outcome", o["id"], o["name"])
        rows.append([[str(o["number"])], [name], reach, [str(o["findings"])]])
    return [
        (
            "table",
            "Seven outcomes (numbered as in Table 1)",
            ["#", "Outcome", "First count of projects printed: what it counts", "Findings"],
            rows,
        ),
        *notes(r),
    ]


def enablers(r: EnablersView) -> list[Block]:
    rows = [
        # the actions as printed, closing full stop and all
        [
            [str(e["number"])],
            [("strong", [link("enabler", e["id"], e["title"])])],
            [e["text"] or "; ".join(e["actions"])],
        ]
        for e in r["improvement"]
    ]
    blocks: list[Block] = [
        (
            "table",
            "Seven enablers of improvement (ISOS Partnership, for the LGA)",
            ["#", "Enabler", "Actions"],
            rows,
        )
    ]
    blocks += [
        ("h2", "The four enablers the Round One evaluations identified"),
        ("ul", [[link("enabler", e["id"], e["title"])] for e in r["evaluation"]]),
    ]
    return blocks


def projects(r: ProjectsView) -> list[Block]:
    rows = []
    for p in r["items"]:
        places: Spans = [", ".join(p["places"])] if p["places"] else gap(p, "places", "places")
        rows.append(
            [
                [link("project", p["id"], p["name"])],
                places,
                [", ".join(p["aliases"])],
                [str(p["findings"])],
                [str(p["quotes"])],
            ]
        )
    columns = ["Project", "Places", "Also found by", "Findings", "Quotes"]
    return [("table", "Projects", columns, rows), ("aside", [f"Also found by: {ALSO_FOUND_BY}."])]


def sources(r: SourcesView) -> list[Block]:
    rows = []
    for s in r["sources"]:
        year: Spans = [s["year"]] if s["year"] else gap(s, "year", "year")
        cited = footnotes(s["footnotes"]) or ["—"]
        rows.append([[s["name"]], year, cited])
    noted = [
        [("strong", s["name"]), ":", *source_notes(s, shown=("year",))]
        for s in r["sources"]
        if source_notes(s, shown=("year",))
    ]
    added = [(s["name"], row) for s in r["sources"] for _, row in outside(s)]
    marked: list[Block] = (
        [("h2", f"{OUTSIDE}: from public records"), ("dl", added)] if added else []
    )
    # The footnotes are this view's content, not notes on it: a list, numbered as printed.
    return [
        ("table", "Sources", ["Source", "Year", "Footnotes"], rows),
        *([("h2", "What the sources leave out, and source notes"), ("ul", noted)] if noted else []),
        *marked,
        ("h2", "Footnotes"),
        ("ul", [[f"[{n['number']}] ", *citation(n)] for n in r["footnotes"]]),
    ]


def footnote_links(notes: list[int]) -> Spans:
    """Footnote numbers, each a link to its footnote."""
    return [link("footnote", n, str(n)) for n in notes]


def footnotes(notes: list[int]) -> Spans:
    """Footnote numbers for a column or a list of them: linked, commas between."""
    return join(footnote_links(notes))


def standalone(r: FeatureView | OutcomeEvidenceView) -> list[Block]:
    """What a full view ends with: its Table 1 row and its notes."""
    return alignment_row(r["table_row"]) + notes(r)


def feature(r: FeatureView) -> list[Block]:
    sub = "h2"
    blocks: list[Block] = [("h1", f"Feature {r['number']}: {r['title']}")]
    if r["heading"] is None:
        blocks.append(("aside", gap(r, "heading", "In-depth heading")))
    elif r["heading"] != r["title"]:
        blocks.append(("aside", ["In-depth heading: ", r["heading"]]))
    blocks += [(sub, "Definition"), *(("p", [p]) for p in r["definition"])]
    blocks += [(sub, "What difference does it make?"), ("ul", [point(p) for p in r["differences"]])]
    blocks += [(sub, "Potential pitfalls"), ("ul", [point(p) for p in r["pitfalls"]])]
    blocks.append((sub, "Quotes"))
    blocks += [quote(q) for q in r["quotes"]] or [
        ("aside", ["The document gives no quotes for this feature."])
    ]
    if r["findings"]:
        found = [finding(f, with_outcome=True) for f in r["findings"]]
        blocks += [(sub, "Findings"), listed(r["findings"], found)]
    if r["projects"]:
        blocks += [("dl", [("Projects", links("project", names(r["projects"])))])]
    return blocks + remarks(r) + standalone(r)


def outcome(r: OutcomeView | OutcomeEvidenceView) -> list[Block]:
    blocks: list[Block] = [("h1", f"Outcome {r['number']}: {r['name']}")]
    if r["table_name"] != r["name"]:
        blocks.append(("aside", ["Table 1 prints: ", r["table_name"]]))
    if r["evidence"]:
        # The findings are the section's paragraph sentence by sentence, with their footnotes.
        found = [finding(f, paths=f["project_links"]) for f in r["findings"]]
        blocks += [
            ("h2", "Findings"),
            listed(r["findings"], found),
            ("aside", [PROJECT_LINKS]),
        ]
        return blocks + remarks(r) + standalone(r)
    head = r["headline"]
    if head:
        reach = [head["printed"], *cites(head["footnotes"]), " ", ("em", f"= {figure(head)}")]
        counted: Spans = [head["counted"]] if head["counted"] else [("em", "not recorded")]
        blocks.append(("dl", [("Projects counted", reach), ("Counted for", counted)]))
    projects_named = links("project", names(r["projects"])) or ["none named"]
    blocks += [
        ("p", [r["text"]]),
        ("dl", [("Findings", [str(len(r["findings"]))]), ("Projects", projects_named)]),
        ("aside", [f"sevenf outcome {r['number']} --evidence: every finding with its citations"]),
    ]
    return blocks + remarks(r) + alignment_row(r["table_row"]) + notes(r)


def enabler(r: EnablerView) -> list[Block]:
    title = f"Enabler {r['number']}: {r['title']}" if r["number"] else "Enabler"
    which = (
        "One of the seven enablers of improvement (ISOS Partnership, for the LGA)"
        if r["set"] == "improvement"
        else "One of the four enablers the Round One evaluations identified"
    )
    blocks: list[Block] = [("h1", title), ("aside", [which])]
    if r["set"] == "evaluation":
        blocks.append(("p", [r["title"]]))
    if r["actions"]:
        blocks += [("h2", "Actions"), ("ul", [[a] for a in r["actions"]])]
    return blocks + remarks(r) + alignment_row(r["table_row"])


def project(r: ProjectView) -> list[Block]:
    facts: list[tuple[str, Spans]] = []
    if r.get("description"):
        facts.append(("Described as", [r["description"]]))
    places: Spans = [", ".join(r["places"])] if r["places"] else gap(r, "places", "places")
    facts.append(("Places", places))
    if r["aliases"]:
        facts.append(("Also found by", [", ".join(r["aliases"]), ("em", f" ({ALSO_FOUND_BY})")]))
    for report in r["reports"]:
        facts.append(("Evaluation", [report["name"], *source_notes(report)]))
        facts += outside(report)
        cited = numbered("footnote", footnote_links(report["footnotes"]))
        facts.append(("Cited in", cited if report["footnotes"] else ["no footnote"]))
    outcomes = links("outcome", names(r["outcomes"], "{number}. {name}"), "; ")
    facts.append(("Outcomes", outcomes or ["none reported in the document"]))
    features: Spans = []
    for x in r["features"]:
        features += ["; "] if features else []
        features += [
            link("feature", x["id"], f"{x.get('number')}. {x['name']}"),
            f" ({'; '.join(wordings(x['bases']))})",
        ]
    facts.append(("Features linked", features or ["none in the document"]))
    blocks: list[Block] = [("h1", r["name"]), ("dl", facts)]
    if any(link["quoted_only"] for link in r["features"]):
        blocks.append(("aside", [QUOTED_ONLY]))
    sub = "h2"
    if r["findings"]:
        found = [finding(f, with_outcome=True) for f in r["findings"]]
        blocks += [(sub, "Findings"), listed(r["findings"], found)]
    if r["quotes"]:
        blocks += [(sub, "Quotes"), *(quote(q, with_feature=True) for q in r["quotes"])]
    return blocks + remarks(r) + notes(r)


def source(r: SourceView) -> list[Block]:
    blocks: list[Block] = [("h1", f"Footnote {r['number']}")]
    facts: list[tuple[str, Spans]] = [
        ("Printed", [r["printed"]] if r["printed"] else gap(r, "text", "note")),
        ("Marker", [r["marker"]] if r["marker"] else gap(r, "marker", "marker in the text")),
    ]
    if r["ibid"]:
        facts.append(("Ibid.", resolved_through(footnote_links(r["resolved_through"]))))
    src = r["source"]
    if src:
        facts.append(("Source", [src["name"], *source_notes(src, shown=("year", "author"))]))
        facts.append(("Author", [src["author"]] if src["author"] else gap(src, "author", "author")))
        facts += outside(src)
    elif "source" in r["missing"]:
        facts.append(("Source", gap(r, "source", "source")))
    facts.append(("Year", [r["year"]] if r["year"] else gap(r, "year", "year")))
    facts.append(("Page", [r["page"]] if r["page"] else gap(r, "page", "page")))
    cited = r["cited_by"]
    users = join(
        [
            *(link("finding", f, f"finding {f}") for f in cited["findings"]),
            *(link("quote", q, f"quote {q}") for q in cited["quotes"]),
            *(
                link("feature", p["feature"], f"feature {p['feature']} › {p['headline']}")
                for p in cited["points"]
            ),
        ],
        "; ",
    )
    facts.append(("Cited by", users or [("em", "nothing in the text carries this marker")]))
    blocks.append(("dl", facts))
    return blocks + remarks(r)


def table(r: TableView) -> list[Block]:
    rows = [[[str(row["number"])], *row_links(row)] for row in r["rows"]]
    return [("table", r["caption"], r["columns"], rows), ("aside", ALIGNMENT)]


def quotes(r: QuotesView) -> list[Block]:
    body = [quote(q, with_feature=True) for q in r["items"]] or [("aside", ["No quotes match."])]
    return [("h1", f"Quotes ({len(r['items'])})"), *body, *notes(r)]


def pitfalls(r: PitfallsView) -> list[Block]:
    blocks: list[Block] = [("h1", f"Potential pitfalls ({len(r['items'])})")]
    current = None
    for p in r["items"]:
        if p["feature"]["id"] != current:
            current = p["feature"]["id"]
            blocks += [
                ("h2", f"Feature {p['feature']['number']}: {p['feature']['name']}"),
                ("ul", []),
            ]
        blocks[-1][1].append(point(p))
    return blocks + notes(r)


def findings(r: FindingsView) -> list[Block]:
    body = (
        [listed(r["items"], [finding(f, with_outcome=True) for f in r["items"]])]
        if r["items"]
        else [("aside", ["No findings match."])]
    )
    title = f"Findings ({len(r['items'])})"
    chosen = [f["number"] for f in r["features"] if "number" in f]
    features = numbers("feature", chosen)
    if r["via"] == "projects":
        title += f" the document reports for the projects it links to {features}"
    elif r["via"] == "section":
        sections = "section" if len(chosen) == 1 else "sections"
        title += f" printed in the {sections} of {features}"
    blocks: list[Block] = [("h1", title), *body]
    if r["via"] == "section":
        options = " ".join(f"--feature {n}" for n in chosen)
        theirs = "its" if len(chosen) == 1 else "their"
        hint = f"sevenf findings {options} --via projects: the findings of {theirs} projects"
        blocks.append(("aside", [hint]))
    return blocks + notes(r)


def search(r: SearchView) -> list[Block]:
    items = []
    for hit in r["hits"]:
        ref = hit["ref"]
        where = link(ref["kind"], ref.get("id", ref.get("number", "")), hit["where"])
        spans: Spans = [("strong", [where]), ": "]
        snippet, at = hit["snippet"], 0
        if hit["title"] and not snippet.startswith(hit["title"]):  # what the passage is
            spans += [hit["title"], " — "]
        for start, end in hit["marks"]:
            spans += [snippet[at:start], ("mark", snippet[start:end])]
            at = end
        items.append([*spans, snippet[at:]])
    query = r["query"]
    if not items:
        close = " or ".join(r["suggestions"])
        hint = f" Did you mean {close}?" if close else ""
        return [("aside", [f"Nothing matches '{query}'.{hint}"])]
    if not r["limited"]:
        return [("h1", f"{counted(len(items), 'match')} for '{query}'"), ("ul", items)]
    shown, total = len(items), r["total"]
    more = (
        f"--limit {total} shows them all"
        if total <= MOST_HITS
        else f"--limit shows at most {MOST_HITS}; more words narrow the search"
    )
    return [
        ("h1", f"{shown} of {counted(total, 'match')} for '{query}'"),
        ("aside", [f"The best {shown} are shown; {more}."]),
        ("ul", items),
    ]


def validate(r: ValidateView) -> list[Block]:
    counts = [(k.capitalize(), [str(n)]) for k, n in r["counts"].items()]
    gaps = [[("strong", g["where"]), f" › {g['field']}: ", g["missing"]] for g in r["gaps"]]
    return [
        ("h1", "The data is valid"),
        ("dl", [("Data", [r["data"]]), *counts]),
        ("h2", f"Feature–project links ({len(r['links'])})"),
        ("ul", [link_row(link) for link in r["links"]]),
        ("h2", f"Gaps the source itself leaves ({len(gaps)})"),
        ("ul", gaps),
    ]


def link_row(link: LinkRow) -> Spans:
    feature, project = link["feature"], link["project"]
    return [
        f"feature {feature.get('number')} — ",
        project["name"],
        ("em", f" ({kinds(link['bases'])})"),
    ]


# --- report writing ------------------------------------------------------------------


#: What every page of sevenf's says of its own words (the brief's, the site's).
#: What a project's other names are: sevenf's, to find it by, not the document's.
ALSO_FOUND_BY = "other names sevenf finds a project by, as a REF or in search; not the document's"


def attribution(doc: Document) -> list[Spans]:
    """The document's title, copyright, licence and attribution, which every page sevenf
    makes carries (the licence asks for it), and what sevenf's own words are."""
    from seven_features import __version__

    licence = doc["licence"]
    return [
        [("em", doc["title"]), ", ", doc["copyright"], ". ", licence["statement"]],
        [
            doc["attribution"]["text"],
            " ",
            link("web", licence["url"], f"Read the {licence['name']} (National Archives)"),
        ],
        [OWN_WORDS, f" Made with sevenf {__version__}."],
    ]


OWN_WORDS = (
    "Every passage is as the document prints it. Italics mark the titles of documents and "
    "sevenf's own notes: readings of figures and pages, notes on the source, and, in square "
    "brackets, what the source does not give."
)
CHART_LEGEND = (
    "Each bar has one mark per project of the total the source gives, filled for the projects "
    "counted. A count printed with no total is shown as a number, not as a proportion."
)


def brief(r: BriefView) -> list[Block]:
    """An evidence brief (see `render/brief.py`)."""
    from seven_features.render.layout.brief import layout

    return layout(r)


def chart(r: ChartView) -> list[Block]:
    """Per outcome, a bar for each count of projects printed with a total, else the count alone."""
    blocks: list[Block] = [
        ("h1", "Outcomes: projects counted, as printed"),
        ("aside", [CHART_LEGEND]),
    ]
    for item in r["items"]:
        blocks.append(("h3", f"{item['number']}. {item['name']}"))
        if not item["counts"]:
            blocks.append(
                ("p", [("gap", "no count of projects given in the source for this outcome")])
            )
            continue
        rows: list[Spans] = []
        for c in item["counts"]:
            if c["total"] is not None:
                head: Spans = [("bar", (c["count"], c["total"])), f" {figure(c)}: “"]
            else:
                head = [f"{figure(c)} (no total given): “"]
            cited = (
                cites(c["footnotes"]) if c["footnotes"] else [" ", *gap(c, "footnotes", "footnote")]
            )
            rows.append([*head, c["printed"], "”", *cited])
        blocks.append(("ul", rows))
    return blocks + notes(r)


def layout(result: Result) -> list[Block]:
    """The blocks that show `result`, chosen by its `view`: every view has a layout."""
    match result["view"]:
        case "overview":
            return overview(result)
        case "about":
            return about(result)
        case "features":
            return features(result)
        case "outcomes":
            return outcomes(result)
        case "enablers":
            return enablers(result)
        case "projects":
            return projects(result)
        case "sources":
            return sources(result)
        case "feature":
            return feature(result)
        case "outcome":
            return outcome(result)
        case "enabler":
            return enabler(result)
        case "project":
            return project(result)
        case "source":
            return source(result)
        case "table":
            return table(result)
        case "quotes":
            return quotes(result)
        case "pitfalls":
            return pitfalls(result)
        case "findings":
            return findings(result)
        case "search":
            return search(result)
        case "validate":
            return validate(result)
        case "brief":
            return brief(result)
        case "chart":
            return chart(result)
        case "feature-evidence":
            from seven_features.render.layout.evidence import feature_evidence

            return feature_evidence(result)
        case "map":
            from seven_features.render.layout.evidence import evidence_map

            return evidence_map(result)
        case _:
            assert_never(result)


def layout_all(results: Result | list[Result]) -> list[Block]:
    """The blocks of one result, or of several one after another, each footnote listed once
    (the document numbers its notes once, so a later view's note is the same note)."""
    if not isinstance(results, list):
        return layout(results)
    blocks: list[Block] = []
    listed: set[int] = set()
    for result in results:
        for block in layout(result):
            if block[0] == "notes":
                fresh = [(n, spans) for n, spans in block[1] if n not in listed]
                listed.update(n for n, _ in fresh)
                if not fresh:
                    if blocks and blocks[-1] == ("h2", "Footnotes"):
                        blocks.pop()
                    continue
                block = ("notes", fresh)
            blocks.append(block)
    return blocks
