"""What each view shows, as blocks: the one place that knows a view's contents.

`layout(result)` turns a query result (see `query.py`) into blocks (see `blocks.py`);
the text, Markdown, terminal and HTML renderers then draw those blocks in their format.
The pieces layouts share are in `parts.py`; the evidence paths and the map are laid out
by `evidence.py`, the evidence brief by `brief.py`.
"""

from __future__ import annotations

from seven_features.corpus.links import QUOTED_ONLY, wordings
from seven_features.errors import assert_never
from seven_features.queries.query import MOST_HITS
from seven_features.render.blocks import (
    Aside,
    Bar,
    Bullets,
    Command,
    Em,
    Gap,
    Heading,
    Link,
    Mark,
    Notes,
    Pairs,
    Para,
    Strong,
    Table,
    anchor,
    join,
    links,
)
from seven_features.render.layout import local
from seven_features.render.layout.evidence import evidence_map, feature_evidence, screen_map
from seven_features.render.layout.parts import (
    READER_WORDS,
    citation,
    cites,
    figure,
    finding,
    gap,
    gaps,
    kinds,
    names,
    not_licensed,
    notes,
    point,
    quote,
    remarks,
    said,
)
from seven_features.wording import counted, numbered, numbers, possessive, resolved_through

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from typing import Any

    from seven_features.corpus.records import Document, TableRow
    from seven_features.queries.results import (
        AboutView,
        AlignedRow,
        BriefView,
        ChartView,
        EnablersView,
        EnablerView,
        FeaturesView,
        FeatureView,
        FindingShown,
        FindingsView,
        FootnotesView,
        LinkRow,
        OutcomeEvidenceView,
        OutcomesView,
        OutcomeView,
        OverviewView,
        PitfallsView,
        ProjectCount,
        ProjectsView,
        ProjectView,
        QuotesView,
        Result,
        SearchHit,
        SearchView,
        SourcesView,
        SourceView,
        TableView,
        ValidateView,
    )
    from seven_features.render.blocks import Block, Spans

#: What a reader can go on to from the overview, in the document's terms: on a terminal
#: each is a command to type, on a page a link.
READ_ON: tuple[tuple[str, list[str | Link], str], ...] = (
    (
        "sevenf feature 3",
        [Link("page", "features.html", "The seven features of practice")],
        "each one's definition, what difference it makes, its potential pitfalls, and the "
        "quotes and findings the document gives for it",
    ),
    (
        'sevenf outcome "reduced risk" --evidence',
        [Link("page", "outcomes.html", "The seven outcomes")],
        "each one with the findings the document reports on it, their figures and sources",
    ),
    (
        "sevenf enabler 3",
        [Link("page", "enablers.html", "The enablers of improvement")],
        "each one with its actions, and the four enablers the evaluations named",
    ),
    (
        "sevenf project herts",
        [Link("page", "projects.html", "The projects")],
        "those whose evaluations the document draws on, and what it reports of each",
    ),
    (
        "sevenf map",
        [Link("page", "map.html", "The evidence map")],
        "where the document reports evidence, each feature against the outcomes through the "
        "projects it links to the feature",
    ),
    (
        "sevenf findings, sevenf quotes, sevenf sources",
        [
            Link("page", "findings.html", "Findings"),
            ", ",
            Link("page", "quotes.html", "quotes"),
            " and ",
            Link("page", "sources.html", "sources"),
        ],
        "every finding with its figures, every quote with who said it, every source and "
        "footnote as printed",
    ),
    (
        "sevenf search co-location",
        [Link("page", "search.html", "Search")],
        "every text the document holds, whatever the form of its words",
    ),
)
ALIGNMENT: Spans = [
    "Table 1 aligns the three lists by number only: the document does not say that a "
    "feature and the outcome on its row are linked. Links between features and outcomes run "
    "through projects and their evidence: ",
    Command(
        "sevenf feature N --evidence, sevenf map",
        [
            "each feature's projects and their findings, and ",
            Link("page", "map.html", "the evidence map"),
        ],
    ),
    ".",
]
PROJECT_LINKS = (
    "Beside each project: the features the document links to it, by naming it in a feature's "
    "text, printing its finding in a feature's section, or quoting its evaluation there. A "
    "link is where the document illustrates a feature, not a claim about this outcome."
)
#: The same, where each finding's projects follow it after a dash.
PROJECT_LINE = (
    "After each finding: the projects it is reported for, and the features the document "
    "links to each, by naming it in a feature's text, printing its finding in a feature's "
    "section, or quoting its evaluation there. A link is where the document illustrates a "
    "feature, not a claim about this outcome."
)


# --- pieces --------------------------------------------------------------------------


def source_notes(src: Mapping[str, Any], shown: tuple[str, ...] = ()) -> Spans:
    """What the data records a source leaves out (but the fields `shown` already), and its
    source notes."""
    return gaps(src, tuple(f for f in ("title", "year", "author") if f not in shown)) + said(src)


def listed(findings: Sequence[FindingShown], items: list[Spans]) -> Block:
    """Findings drawn as `items`, as a list whose items carry each finding's id, so that a
    link to a finding (from a map's cell, a footnote's page, a search) lands on it."""
    return Bullets(items, [anchor("finding", f["id"]) for f in findings])


def count_label(head: ProjectCount) -> Spans:
    """A count of projects as printed, with the words that say what it counts."""
    counted: Spans = [": ", head["counted"]] if head["counted"] else []
    return [head["printed"], *cites(head["footnotes"]), *counted]


def row_links(row: TableRow) -> list[Spans]:
    """A Table 1 row's three texts, each linked to its record."""
    return [
        [Link("feature", row["feature"], row["feature_text"])],
        [Link("outcome", row["outcome"], row["outcome_text"])],
        [Link("enabler", row["enabler"], row["enabler_text"])],
    ]


OUTSIDE = "Not from the document"


def outside(source: Mapping[str, Any]) -> list[tuple[str, Spans]]:
    """A source's facts from public records, marked, each with its record: address, date
    looked up and the exact words the facts rest on."""
    from seven_features.render import cite  # the citation formats: only where they are used

    rows: list[tuple[str, Spans]] = []
    for record in source.get("outside") or ():
        facts = cite.outside({"outside": [record]})
        assert facts is not None
        rows.append(
            (
                OUTSIDE,
                [
                    cite.outside_words(facts),
                    Em(f" (public record {record['url']}, looked up {record['looked_up']}: “"),
                    record["words"],
                    Em("”)"),
                ],
            )
        )
    return rows


def alignment_row(row: AlignedRow | None) -> list[Block]:
    if not row:
        return []
    return [
        Pairs(
            [
                (
                    f"Table 1 row {row['number']}",
                    [*row_links(row)[0], " · ", *row_links(row)[1], " · ", *row_links(row)[2]],
                ),
            ],
        ),
        Aside(ALIGNMENT),
    ]


# --- views ---------------------------------------------------------------------------


def overview(r: OverviewView, *, hints: bool = True) -> list[Block]:
    """The framework at a glance, and what a reader can go on to: on a terminal (`hints`)
    the commands that show each part, with the document's attribution; on a page links,
    the attribution standing in the page's footer."""
    rows: list[list[Spans]] = [[[str(row["number"])], *row_links(row)] for row in r["rows"]]
    read_on: list[Spans] = [
        [*([words, " — "] if hints else []), Strong(said), ": ", what]
        for words, said, what in READ_ON
    ]
    blocks: list[Block] = [
        Heading(1, r["title"]),
        Para([r["subtitle"], Em(f" (produced {r['produced']}; published {r['published']})")]),
        Table(
            "The three sevens, aligned by number as Table 1 lays them out",
            ["#", "Feature of practice", "Outcome", "Enabler of improvement"],
            rows,
        ),
        Aside(ALIGNMENT),
        Para(
            [
                "The evaluations also named four enablers: ",
                *links("enabler", names(r["evaluation_enablers"]), "; "),
            ]
        ),
        Heading(2, "Reading on"),
        Bullets(read_on),
    ]
    if hints:
        blocks += [Para(["sevenf --help: every command"]), Aside([r["attribution"]])]
    return blocks


def about(r: AboutView) -> list[Block]:
    doc, programme = r["document"], r["programme"]
    intro = doc["introduction"]
    facts: list[tuple[str, Spans]] = [
        ("Subtitle", [doc["subtitle"]]),
        ("Author", [doc["author"], Em(f" ({doc['author_basis']})")]),
        ("Produced", [doc["produced"]]),
        ("Published", [doc["published"]]),
        ("Review", [doc["review"]]),
        ("ISBN", [doc["isbn"]]),
        ("Reference", [doc["reference"]]),
        ("Introduction", [f"{intro['author']}, {intro['role']} ({intro['date']})"]),
        ("For", ["; ".join(doc["audience"])]),
        ("Copyright", [doc["copyright"]]),
        ("Licence", [doc["licence"]["name"], " — ", doc["licence"]["url"]]),
        ("Attribution", [doc["attribution"]["text"], Em(f" ({doc['attribution']['basis']})")]),
    ]
    rounds: list[list[Spans]] = [
        [[r["label"]], [r["invested"]], [str(r["projects"])], [r["until"] or "—"]]
        for r in programme["rounds"]
    ]
    conference, evaluation = programme["conference"], programme["evaluation"]
    return [
        Heading(1, doc["title"]),
        Pairs(facts),
        Heading(2, programme["name"]),
        Para([programme["objective"]]),
        Table("Rounds", ["Round", "Invested", "Projects", "Up to"], rounds),
        Pairs(
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
        Heading(2, "Contents"),
        Table(
            None,
            ["Section", "Page"],
            [[[c["title"]], [str(c["page"])]] for c in doc["contents"]],
        ),
    ]


def features(r: FeaturesView) -> list[Block]:
    rows: list[list[Spans]] = [
        [
            [str(f["number"])],
            [Link("feature", f["id"], f["name"])],
            [str(f["differences"])],
            [str(f["pitfalls"])],
            [str(f["quotes"])],
            [str(f["page"])],
        ]
        for f in r["items"]
    ]
    return [
        Table(
            "Seven features of practice",
            ["#", "Feature", "Differences", "Pitfalls", "Quotes", "Page"],
            rows,
        )
    ]


def outcomes(r: OutcomesView) -> list[Block]:
    rows: list[list[Spans]] = []
    for o in r["items"]:
        head = o["headline"]
        reach: Spans = count_label(head) if head else [Em("no count of projects given")]
        name: Spans = [Link("outcome", o["id"], o["name"])]
        rows.append([[str(o["number"])], name, reach, [str(o["findings"])]])
    return [
        Table(
            "Seven outcomes (numbered as in Table 1)",
            ["#", "Outcome", "First count of projects printed: what it counts", "Findings"],
            rows,
        ),
        *notes(r),
    ]


def enablers(r: EnablersView) -> list[Block]:
    rows: list[list[Spans]] = [
        # the actions as printed, closing full stop and all
        [
            [str(e["number"])],
            [Strong([Link("enabler", e["id"], e["title"])])],
            [e["text"] or "; ".join(e["actions"])],
        ]
        for e in r["improvement"]
    ]
    blocks: list[Block] = [
        Table(
            "Seven enablers of improvement (ISOS Partnership, for the LGA)",
            ["#", "Enabler", "Actions"],
            rows,
        )
    ]
    blocks += [
        Heading(2, "The four enablers the Round One evaluations identified"),
        Bullets([[Link("enabler", e["id"], e["title"])] for e in r["evaluation"]]),
    ]
    return blocks


def projects(r: ProjectsView) -> list[Block]:
    rows: list[list[Spans]] = []
    for p in r["items"]:
        places: Spans = [", ".join(p["places"])] if p["places"] else gap(p, "places", "places")
        rows.append(
            [
                [Link("project", p["id"], p["name"])],
                places,
                [", ".join(p["aliases"])],
                [str(p["findings"])],
                [str(p["quotes"])],
            ]
        )
    columns = ["Project", "Places", "Also found by", "Findings", "Quotes"]
    return [Table("Projects", columns, rows), Aside([f"Also found by: {ALSO_FOUND_BY}."])]


def sources(r: SourcesView) -> list[Block]:
    rows: list[list[Spans]] = []
    for s in r["sources"]:
        year: Spans = [s["year"]] if s["year"] else gap(s, "year", "year")
        cited = footnotes(s["footnotes"]) or ["—"]
        rows.append([[s["name"]], year, cited])
    noted: list[Spans] = [
        [Strong(s["name"]), ":", *source_notes(s, shown=("year",))]
        for s in r["sources"]
        if source_notes(s, shown=("year",))
    ]
    added = [(s["name"], row) for s in r["sources"] for _, row in outside(s)]
    blocks: list[Block] = [Table("Sources", ["Source", "Year", "Footnotes"], rows)]
    if noted:
        blocks += [Heading(2, "What the sources leave out, and source notes"), Bullets(noted)]
    if added:
        blocks += [Heading(2, f"{OUTSIDE}: from public records"), Pairs(added)]
    # The footnotes are this view's content, not notes on it: a list, numbered as printed.
    return [
        *blocks,
        Heading(2, "Footnotes"),
        Bullets([[f"[{n['number']}] ", *citation(n)] for n in r["footnotes"]]),
    ]


def footnote_list(r: FootnotesView) -> list[Block]:
    """Every footnote, numbered as printed, with what it resolves to and what it leaves out."""
    return [
        Heading(1, "Footnotes"),
        Bullets([[f"[{n['number']}] ", *citation(n)] for n in r["items"]]),
    ]


def footnote_links(notes: list[int]) -> Spans:
    """Footnote numbers, each a link to its footnote."""
    return [Link("footnote", n, str(n)) for n in notes]


def footnotes(notes: list[int]) -> Spans:
    """Footnote numbers for a column or a list of them: linked, commas between."""
    return join(footnote_links(notes))


def standalone(r: FeatureView | OutcomeEvidenceView, annotated: bool = False) -> list[Block]:
    """What a full view ends with: its Table 1 row and its notes."""
    return alignment_row(r["table_row"]) + notes(r, full=annotated)


def feature(r: FeatureView, annotated: bool = False) -> list[Block]:
    blocks: list[Block] = [Heading(1, f"Feature {r['number']}: {r['title']}")]
    if r["heading"] is None:
        blocks.append(Aside(gap(r, "heading", "In-depth heading")))
    elif r["heading"] != r["title"]:
        blocks.append(Aside(["In-depth heading: ", r["heading"]]))
    blocks += [Heading(2, "Definition"), *(Para([p]) for p in r["definition"])]
    blocks += [
        Heading(2, "What difference does it make?"),
        Bullets([point(p) for p in r["differences"]]),
    ]
    blocks += [Heading(2, "Potential pitfalls"), Bullets([point(p) for p in r["pitfalls"]])]
    blocks.append(Heading(2, "Quotes"))
    blocks += [quote(q, full=annotated) for q in r["quotes"]] or [
        Aside(["The document gives no quotes for this feature."])
    ]
    if r["findings"]:
        found = [finding(f, with_outcome=True, annotated=annotated) for f in r["findings"]]
        blocks += [Heading(2, "Findings"), listed(r["findings"], found)]
    if r["projects"]:
        blocks += [Pairs([("Projects", links("project", names(r["projects"])))])]
    return blocks + remarks(r) + standalone(r, annotated)


def outcome(r: OutcomeView | OutcomeEvidenceView, annotated: bool = False) -> list[Block]:
    blocks: list[Block] = [Heading(1, f"Outcome {r['number']}: {r['name']}")]
    if r["table_name"] != r["name"]:
        blocks.append(Aside(["Table 1 prints: ", r["table_name"]]))
    if r["evidence"]:
        # The findings are the section's paragraph sentence by sentence, with their footnotes.
        found = [finding(f, paths=f["project_links"], annotated=annotated) for f in r["findings"]]
        blocks += [
            Heading(2, "Findings"),
            listed(r["findings"], found),
            Aside([PROJECT_LINKS if annotated else PROJECT_LINE]),
        ]
        return blocks + remarks(r) + standalone(r, annotated)
    head = r["headline"]
    if head:
        reach = [head["printed"], *cites(head["footnotes"]), " ", Em(f"= {figure(head)}")]
        counted: Spans = [head["counted"]] if head["counted"] else [Em("not recorded")]
        blocks.append(Pairs([("Projects counted", reach), ("Counted for", counted)]))
    projects_named = links("project", names(r["projects"])) or ["none named"]
    blocks += [
        Para([r["text"]]),
        Pairs([("Findings", [str(len(r["findings"]))]), ("Projects", projects_named)]),
        Aside([f"sevenf outcome {r['number']} --evidence: every finding with its citations"]),
    ]
    return blocks + remarks(r) + alignment_row(r["table_row"]) + notes(r, full=annotated)


def enabler(r: EnablerView) -> list[Block]:
    title = f"Enabler {r['number']}: {r['title']}" if r["number"] else "Enabler"
    which = (
        "One of the seven enablers of improvement (ISOS Partnership, for the LGA)"
        if r["set"] == "improvement"
        else "One of the four enablers the Round One evaluations identified"
    )
    blocks: list[Block] = [Heading(1, title), Aside([which])]
    if r["set"] == "evaluation":
        blocks.append(Para([r["title"]]))
    if r["actions"]:
        blocks += [Heading(2, "Actions"), Bullets([[a] for a in r["actions"]])]
    return blocks + remarks(r) + alignment_row(r["table_row"])


def project(r: ProjectView, annotated: bool = False) -> list[Block]:
    facts: list[tuple[str, Spans]] = []
    description = r.get("description")
    if description:
        facts.append(("Described as", [description]))
    places: Spans = [", ".join(r["places"])] if r["places"] else gap(r, "places", "places")
    facts.append(("Places", places))
    if r["aliases"]:
        facts.append(("Also found by", [", ".join(r["aliases"]), Em(f" ({ALSO_FOUND_BY})")]))
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
            Link("feature", x["id"], f"{x.get('number')}. {x['name']}"),
            f" ({'; '.join(wordings(x['bases']))})",
        ]
    facts.append(("Features linked", features or ["none in the document"]))
    blocks: list[Block] = [Heading(1, r["name"]), Pairs(facts)]
    if any(link["quoted_only"] for link in r["features"]):
        blocks.append(Aside([QUOTED_ONLY]))
    if r["findings"]:
        found = [finding(f, with_outcome=True, annotated=annotated) for f in r["findings"]]
        blocks += [Heading(2, "Findings"), listed(r["findings"], found)]
    if r["quotes"]:
        shown = (quote(q, with_feature=True, full=annotated) for q in r["quotes"])
        blocks += [Heading(2, "Quotes"), *shown]
    return blocks + remarks(r) + notes(r, full=annotated)


def source(r: SourceView) -> list[Block]:
    blocks: list[Block] = [Heading(1, f"Footnote {r['number']}")]
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
            *(Link("finding", f, f"finding {f}") for f in cited["findings"]),
            *(Link("quote", q, f"quote {q}") for q in cited["quotes"]),
            *(
                Link("feature", p["feature"], f"feature {p['feature']} › {p['headline']}")
                for p in cited["points"]
            ),
        ],
        "; ",
    )
    facts.append(("Cited by", users or [Em("nothing in the text carries this marker")]))
    blocks.append(Pairs(facts))
    return blocks + remarks(r)


def table(r: TableView) -> list[Block]:
    rows: list[list[Spans]] = [[[str(row["number"])], *row_links(row)] for row in r["rows"]]
    return [Table(r["caption"], r["columns"], rows), Aside(ALIGNMENT)]


def quotes(r: QuotesView, annotated: bool = False) -> list[Block]:
    body = [quote(q, with_feature=True, full=annotated) for q in r["items"]] or [
        Aside(["No quotes match."])
    ]
    return [Heading(1, f"Quotes ({len(r['items'])})"), *body, *notes(r, full=annotated)]


def pitfalls(r: PitfallsView) -> list[Block]:
    blocks: list[Block] = [Heading(1, f"Potential pitfalls ({len(r['items'])})")]
    current, items = None, Bullets([])
    for p in r["items"]:
        if p["feature"]["id"] != current:
            current, items = p["feature"]["id"], Bullets([])
            blocks += [
                Heading(2, f"Feature {p['feature']['number']}: {p['feature']['name']}"),
                items,
            ]
        items.items.append(point(p))
    return blocks + notes(r)


def findings(r: FindingsView, annotated: bool = False) -> list[Block]:
    body: list[Block] = (
        [
            listed(
                r["items"], [finding(f, with_outcome=True, annotated=annotated) for f in r["items"]]
            )
        ]
        if r["items"]
        else [Aside(["No findings match."])]
    )
    title = f"Findings ({len(r['items'])})"
    chosen = [f["number"] for f in r["features"] if "number" in f]
    features = numbers("feature", chosen)
    if r["via"] == "projects":
        title += f" the document reports for the projects it links to {features}"
    elif r["via"] == "section":
        sections = "section" if len(chosen) == 1 else "sections"
        title += f" printed in the {sections} of {features}"
    blocks: list[Block] = [Heading(1, title), *body]
    if r["via"] == "section":
        options = " ".join(f"--feature {n}" for n in chosen)
        theirs = "its" if len(chosen) == 1 else "their"
        hint = f"sevenf findings {options} --via projects: the findings of {theirs} projects"
        blocks.append(Aside([hint]))
    return blocks + notes(r, full=annotated)


def hit_spans(hit: SearchHit) -> Spans:
    """A hit as a line: where it is (a link to its record), what it is, and its snippet."""
    ref = hit["ref"]
    where = Link(ref["kind"], ref.get("id", ref.get("number", "")), hit["where"])
    spans: Spans = [Strong([where]), ": "]
    snippet, at = hit["snippet"], 0
    said = hit["title"] and hit["title"] != hit.get("origin", {}).get("owner")
    if said and not snippet.startswith(hit["title"]):  # what the passage is
        spans += [hit["title"], " — "]
    for start, end in hit["marks"]:
        spans += [snippet[at:start], Mark(snippet[start:end])]
        at = end
    return [*spans, snippet[at:]]


def search(r: SearchView) -> list[Block]:
    """The hits, best first; a local evidence file's hits in a section of their own, under
    their owner's name, each with its citation (`local_hits`)."""
    mine = [h for h in r["hits"] if h.get("origin", {}).get("kind", "document") == "document"]
    items = [hit_spans(hit) for hit in mine]
    owned = local_hits(r)
    query = r["query"]
    if not items and not owned:
        close = " or ".join(r["suggestions"])
        hint = f" Did you mean {close}?" if close else ""
        return [Aside([f"Nothing matches '{query}'.{hint}"])]
    listed: list[Block] = [Bullets(items)] if items else [Aside([NOTHING_IN_DOCUMENT])]
    shown = len(r["hits"])
    if not r["limited"]:
        return [Heading(1, f"{counted(shown, 'match')} for '{query}'"), *listed, *owned]
    total = r["total"]
    more = (
        f"--limit {total} shows them all"
        if total <= MOST_HITS
        else f"--limit shows at most {MOST_HITS}; more words narrow the search"
    )
    return [
        Heading(1, f"{shown} of {counted(total, 'match')} for '{query}'"),
        Aside([f"The best {shown} are shown; {more}."]),
        *listed,
        *owned,
    ]


NOTHING_IN_DOCUMENT = "Nothing in the document itself matches; local evidence does, below."


def local_hits(r: SearchView) -> list[Block]:
    """Each owner's hits under 'From <owner>'s evidence', best first, each ending with its
    citation: the owner and the source it names (or that it names none)."""
    blocks: list[Block] = []
    for part in r.get("local", []):
        owner = part["owner"]
        items: list[Spans] = []
        for hit in r["hits"]:
            if hit["ref"].get("file") != part["file"]:
                continue
            items.append([*hit_spans(hit), *local.hit_cite(part, hit["ref"])])
        if items:
            blocks += [
                Heading(2, local.heading(owner)),
                Aside([f"Not from the document: {possessive(owner)} own evidence."]),
                Bullets(items),
            ]
    return blocks


def validate(r: ValidateView) -> list[Block]:
    counts: list[tuple[str, Spans]] = [(k.capitalize(), [str(n)]) for k, n in r["counts"].items()]
    gaps: list[Spans] = [
        [Strong(g["where"]), f" › {g['field']}: ", g["missing"]] for g in r["gaps"]
    ]
    checked: list[tuple[str, Spans]] = [
        ("Local evidence", [f"{p['file']} ({p['owner']}): valid; {local.count_words(p)}"])
        for p in r.get("local", [])
    ]
    return [
        Heading(1, "The data is valid"),
        *([Pairs(checked)] if checked else []),
        Pairs([("Data", [r["data"]]), *counts]),
        Heading(2, f"Feature–project links ({len(r['links'])})"),
        Bullets([link_row(link) for link in r["links"]]),
        Heading(2, f"Gaps the source itself leaves ({len(gaps)})"),
        Bullets(gaps),
    ]


def link_row(link: LinkRow) -> Spans:
    feature, project = link["feature"], link["project"]
    return [
        f"feature {feature.get('number')} — ",
        project["name"],
        Em(f" ({kinds(link['bases'])})"),
    ]


# --- report writing ------------------------------------------------------------------


#: What a project's other names are: sevenf's, to find it by, not the document's.
ALSO_FOUND_BY = "other names sevenf finds a project by, as a REF or in search; not the document's"


def attribution(
    doc: Document, *, statement: bool = True, owners: Sequence[str] = ()
) -> list[Spans]:
    """The document's title, copyright, licence and attribution, which every page sevenf
    makes carries (the licence asks for it), and what sevenf's own words are. Without
    `statement`, the attribution statement is left out but the link to the licence: for a
    page whose body gives it already (the site's page about the document), so that it is
    said once."""
    from seven_features import __version__

    licence = doc["licence"]
    read = Link("web", licence["url"], f"Read the {licence['name']} (National Archives)")
    lines: list[Spans] = [
        [Em(doc["title"]), ", ", doc["copyright"], ". ", licence["statement"]],
        [doc["attribution"]["text"], " ", read] if statement else [read],
        [READER_WORDS, f" Made with sevenf {__version__}."],
    ]
    return [*lines, [not_licensed(owners)]] if owners else lines


CHART_LEGEND = (
    "Each bar has one mark per project of the total the source gives, filled for the projects "
    "counted. A count printed with no total is shown as a number, not as a proportion."
)


def brief(r: BriefView, annotated: bool = False) -> list[Block]:
    """An evidence brief (see `brief.py`, imported only for a brief)."""
    from seven_features.render.layout import brief as brief_layout

    return brief_layout.layout(r, annotated)


def chart(r: ChartView) -> list[Block]:
    """Per outcome, a bar for each count of projects printed with a total, else the count alone."""
    blocks: list[Block] = [
        Heading(1, "Outcomes: projects counted, as printed"),
        Aside([CHART_LEGEND]),
    ]
    for item in r["items"]:
        blocks.append(Heading(3, f"{item['number']}. {item['name']}"))
        if not item["counts"]:
            blocks.append(Para([Gap("no count of projects given in the source for this outcome")]))
            continue
        rows: list[Spans] = []
        for c in item["counts"]:
            if c["total"] is not None:
                head: Spans = [Bar(c["count"], c["total"]), f" {figure(c)}: “"]
            else:
                head = [f"{figure(c)} (no total given): “"]
            cited = (
                cites(c["footnotes"]) if c["footnotes"] else [" ", *gap(c, "footnotes", "footnote")]
            )
            rows.append([*head, c["printed"], "”", *cited])
        blocks.append(Bullets(rows))
    return blocks + notes(r)


def layout(
    result: Result, annotated: bool = False, *, screen: bool = False, detail: bool = False
) -> list[Block]:
    """The blocks that show `result`, chosen by its `view`: every view has a layout.
    `annotated`: sevenf's readings inline, where each falls (figures read, gaps in full).
    For a `screen` (a terminal), a view too long to take in there (the map) is laid out to
    fit, its long detail left out unless asked for (`detail`), saying where it is.
    Local evidence the result holds stands after the view's own blocks, before its notes."""
    return beside_local(result, _layout(result, annotated, screen=screen, detail=detail))


def beside_local(result: Result, blocks: list[Block]) -> list[Block]:
    """`blocks` laid out for `result`, with the local evidence it holds after them (before
    their notes): for a layout called directly, as the site's pages call them."""
    found = result.get("local")
    if not found or result["view"] in ("map", "search", "brief"):  # each lays its own out
        return blocks
    at = len(blocks) - 1 if blocks and isinstance(blocks[-1], Notes) else len(blocks)
    return [*blocks[:at], *local.sections(found), *blocks[at:]]  # type: ignore[arg-type]


def _layout(
    result: Result, annotated: bool = False, *, screen: bool = False, detail: bool = False
) -> list[Block]:
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
        case "footnotes":
            return footnote_list(result)
        case "feature":
            return feature(result, annotated)
        case "outcome":
            return outcome(result, annotated)
        case "enabler":
            return enabler(result)
        case "project":
            return project(result, annotated)
        case "local-project":
            return local.project(result)
        case "source":
            return source(result)
        case "table":
            return table(result)
        case "quotes":
            return quotes(result, annotated)
        case "pitfalls":
            return pitfalls(result)
        case "findings":
            return findings(result, annotated)
        case "search":
            return search(result)
        case "validate":
            return validate(result)
        case "brief":
            return brief(result, annotated)
        case "chart":
            return chart(result)
        case "feature-evidence":
            return feature_evidence(result, annotated)
        case "map":
            if screen:
                return screen_map(result, detail=detail)
            return evidence_map(result, annotated)
        case _:
            assert_never(result)


def layout_all(
    results: Result | list[Result],
    annotated: bool = False,
    *,
    screen: bool = False,
    detail: bool = False,
) -> list[Block]:
    """The blocks of one result, or of several one after another, each footnote listed once
    (the document numbers its notes once, so a later view's note is the same note); for a
    `screen`, each laid out to fit it (see `layout`)."""
    if not isinstance(results, list):
        return layout(results, annotated, screen=screen, detail=detail)
    blocks: list[Block] = []
    listed: set[int | str] = set()
    for result in results:
        for block in layout(result, annotated, screen=screen, detail=detail):
            if isinstance(block, Notes):
                fresh = [(n, spans) for n, spans in block.items if n not in listed]
                listed.update(n for n, _ in fresh)
                if not fresh:
                    if blocks and blocks[-1] == Heading(2, "Footnotes"):
                        blocks.pop()
                    continue
                block = Notes(fresh, block.by_use)
            blocks.append(block)
    return blocks
