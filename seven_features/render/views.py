"""What each view shows, as blocks: the one place that knows a view's contents.

`layout(result)` turns a query result (see `query.py`) into blocks (see `blocks.py`);
the text, Markdown and terminal renderers then draw those blocks in their format.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .blocks import Block, Spans

Record = dict[str, Any]
GIVEN = "not given in the source"
ALIGNMENT = (
    "Table 1 aligns the three lists by number only: the document does not say that a "
    "feature produces the outcome on its row. Links between features and outcomes run "
    "through projects and their evidence."
)


# --- pieces --------------------------------------------------------------------------


def number(value: float) -> str:
    return f"{value:g}"


def figure(fig: Record) -> str:
    """A figure's structured reading, shown beside the words the document prints."""
    kind = fig["kind"]
    if kind == "count":
        total = f" of {fig['total']}" if fig.get("total") is not None else ""
        return f"{fig['count']}{total} {fig['unit']}"
    if kind == "percentage":
        change = f" {fig['change']}" if fig.get("change") else ""
        return f"{number(fig['percent'])}%{change}"
    if kind == "before-after":
        return f"{number(fig['before'])}% before, {number(fig['after'])}% after"
    if kind == "rate-vs-national":
        return f"{number(fig['rate'])}% against {number(fig['national'])}% nationally"
    if kind == "money":
        return f"£{fig['amount_gbp']:,}"
    return f"× {number(fig['factor'])}"


def gap(record: Record, field: str, what: str) -> Spans:
    why = record.get("missing", {}).get(field)
    return [("gap", f"{what} {GIVEN}" + (f": {why}" if why else ""))]


def cites(numbers: list[int]) -> Spans:
    return [("cite", n) for n in numbers]


def citation(note: Record) -> Spans:
    """A footnote as printed, then what it resolves to and what it leaves out."""
    if note["printed"] is None:
        return gap(note, "text", "note")
    spans: Spans = [note["printed"]]
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
        through = ", ".join(str(n) for n in note["resolved_through"])
        spans += [" → ", resolved, ("em", f" (through footnote {through})")]
    for field in ("year", "page", "marker"):
        if field in note["missing"]:
            spans += [" ", *gap(note, field, {"marker": "marker in the text"}.get(field, field))]
    return spans


def notes(result: Record) -> list[Block]:
    used = result.get("footnotes") or []
    if not used:
        return []
    return [("h2", "Footnotes"), ("notes", [(n["number"], citation(n)) for n in used])]


def finding(f: Record, *, with_outcome: bool = False) -> Spans:
    spans: Spans = [f["statement"]]
    if f["truncated"]:
        spans.append(("em", " [sentence breaks off in the source]"))
    spans += cites(f["footnotes"]) if f["footnotes"] else [" ", *gap(f, "footnotes", "footnote")]
    if not f["footnotes"] and "framework" in f:  # in a brief: cite the framework, where it stands
        spans.append(("cite", f["framework"]["key"]))
    details = []
    if f["figures"]:
        details.append(
            "figures: " + "; ".join(f"“{x['printed']}” = {figure(x)}" for x in f["figures"])
        )
    if f["projects"]:
        details.append("projects: " + ", ".join(p["name"] for p in f["projects"]))
    if with_outcome and f["outcome"]:
        details.append(f"outcome {f['outcome']['number']}: {f['outcome']['name']}")
    if details:
        spans += [" ", ("em", "(" + "; ".join(details) + ")")]
    return spans


def quote(q: Record, *, with_feature: bool = False) -> Block:
    """A quote as printed, then its attribution as printed, its citation and its gaps."""
    attribution: Spans = [q["attribution"]]
    if q["footnote"] is not None:
        attribution += cites([q["footnote"]])
        # the footnote's page (a page in the attribution is printed there already); a brief's
        # footnote gives it already
        if q["page"] and "framework" not in q:
            attribution.append(("em", f" (page {q['page']})"))
    for field in ("speaker", "footnote", "page"):
        if field in q["missing"]:
            attribution += [" ", *gap(q, field, field)]
    if q["footnote"] is None and "framework" in q:  # in a brief: cite the framework
        attribution.append(("cite", q["framework"]["key"]))
    if with_feature:
        attribution.append(("em", f" [feature {q['feature']['number']}: {q['feature']['name']}]"))
    return ("quote", [q["text"]], attribution)


def point(p: Record) -> Spans:
    return [
        ("strong", p["headline"]),
        p["separator"],
        p["explanation"],
        *cites(p.get("footnotes", [])),
    ]


OUTSIDE = "Not from the document"


def outside(source: Record) -> list[tuple[str, Spans]]:
    """A source's facts from public records, marked, each with its record: address, date
    looked up and the exact words the facts rest on."""
    from .cite import outside as merged
    from .cite import outside_words

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


def remarks(record: Record) -> list[Block]:
    return [("aside", ["Source note: ", r]) for r in record.get("remarks", [])]


def alignment_row(row: Record | None) -> list[Block]:
    if not row:
        return []
    return [
        (
            "dl",
            [
                (
                    f"Table 1 row {row['number']}",
                    [row["feature_text"], " · ", row["outcome_text"], " · ", row["enabler_text"]],
                ),
            ],
        ),
        ("aside", [ALIGNMENT]),
    ]


# --- views ---------------------------------------------------------------------------


def overview(r: Record) -> list[Block]:
    rows = [
        [[str(row["number"])], [row["feature_text"]], [row["outcome_text"]], [row["enabler_text"]]]
        for row in r["rows"]
    ]
    counts = ", ".join(f"{n} {k}" for k, n in r["counts"].items())
    return [
        ("h1", r["title"]),
        ("p", [r["subtitle"], ("em", f" (produced {r['produced']}; published {r['published']})")]),
        (
            "table",
            "The three sevens, aligned by number as Table 1 lays them out",
            ["#", "Feature of practice", "Outcome", "Enabler of improvement"],
            rows,
        ),
        ("aside", [ALIGNMENT]),
        (
            "p",
            [
                "The evaluations also named four enablers: ",
                "; ".join(e["name"] for e in r["evaluation_enablers"]),
            ],
        ),
        ("p", [("em", f"The data holds {counts}.")]),
        (
            "dl",
            [
                (
                    "Next",
                    [
                        'sevenf feature 3 · sevenf outcome "reduced risk" --evidence · '
                        "sevenf project herts · sevenf search co-location · sevenf --help"
                    ],
                ),
            ],
        ),
        ("aside", [r["attribution"]]),
    ]


def about(r: Record) -> list[Block]:
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
    conference = programme["conference"]
    return [
        ("h1", doc["title"]),
        ("dl", facts),
        ("h2", programme["name"]),
        ("p", [programme["objective"]]),
        ("table", "Rounds", ["Round", "Invested", "Projects", "Up to"], rounds),
        (
            "dl",
            [
                ("Evaluated by", [programme["evaluation"]["evaluator"]]),
                ("Reports", [programme["evaluation"]["reports"]]),
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


def features(r: Record) -> list[Block]:
    rows = [
        [
            [str(f["number"])],
            [f["name"]],
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


def outcomes(r: Record) -> list[Block]:
    rows = []
    for o in r["items"]:
        head = o["headline"]
        reach: Spans = (
            [head["printed"], *cites(head["footnotes"])] if head else [("em", "no count given")]
        )
        rows.append([[str(o["number"])], [o["name"]], reach, [str(o["findings"])]])
    return [
        (
            "table",
            "Seven outcomes (numbered as in Table 1)",
            ["#", "Outcome", "Reach as printed", "Findings"],
            rows,
        )
    ]


def enablers(r: Record) -> list[Block]:
    rows = [
        [[str(e["number"])], [("strong", e["title"])], ["; ".join(e["actions"])]]
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
        ("ul", [[e["title"]] for e in r["evaluation"]]),
    ]
    return blocks


def projects(r: Record) -> list[Block]:
    rows = []
    for p in r["items"]:
        places: Spans = [", ".join(p["places"])] if p["places"] else gap(p, "places", "places")
        rows.append(
            [
                [p["name"]],
                places,
                [", ".join(p["aliases"])],
                [str(p["findings"])],
                [str(p["quotes"])],
            ]
        )
    return [
        ("table", "Projects", ["Project", "Places", "Also known as", "Findings", "Quotes"], rows)
    ]


def sources(r: Record) -> list[Block]:
    rows = []
    for s in r["sources"]:
        year: Spans = [s["year"]] if s["year"] else gap(s, "year", "year")
        cited = ", ".join(str(n) for n in s["footnotes"]) or "—"
        rows.append([[s["name"]], year, [cited]])
    added = [(s["name"], row) for s in r["sources"] for _, row in outside(s)]
    marked: list[Block] = (
        [("h2", f"{OUTSIDE}: from public records"), ("dl", added)] if added else []
    )
    return [
        ("table", "Sources", ["Source", "Year", "Footnotes"], rows),
        *marked,
        ("h2", "Footnotes"),
        ("notes", [(n["number"], citation(n)) for n in r["footnotes"]]),
    ]


def heading(depth: int, level: int = 0) -> str:
    """The heading block for `level` below a view's title, when the view is at `depth`
    (1 on its own, 2 as a part of a brief)."""
    return f"h{min(depth + level, 3)}"


def standalone(r: Record, depth: int) -> list[Block]:
    """What a view adds on its own, but not as a part of a brief: its Table 1 row, its notes."""
    return alignment_row(r["table_row"]) + notes(r) if depth == 1 else []


def feature(r: Record, depth: int = 1) -> list[Block]:
    sub = heading(depth, 1)
    blocks: list[Block] = [(heading(depth), f"Feature {r['number']}: {r['title']}")]
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
        blocks += [
            (sub, "Findings"),
            ("ul", [finding(f, with_outcome=True) for f in r["findings"]]),
        ]
    if r["projects"]:
        blocks += [("dl", [("Projects", [", ".join(p["name"] for p in r["projects"])])])]
    return blocks + remarks(r) + standalone(r, depth)


def outcome(r: Record, depth: int = 1) -> list[Block]:
    blocks: list[Block] = [(heading(depth), f"Outcome {r['number']}: {r['name']}")]
    if r["table_name"] != r["name"]:
        blocks.append(("aside", ["Table 1 prints: ", r["table_name"]]))
    if r["evidence"]:
        # The findings are the section's paragraph sentence by sentence, with their footnotes.
        blocks += [(heading(depth, 1), "Findings"), ("ul", [finding(f) for f in r["findings"]])]
        return blocks + remarks(r) + standalone(r, depth)
    head = r["headline"]
    if head:
        reach = [head["printed"], " ", ("em", f"= {figure(head)}"), *cites(head["footnotes"])]
        blocks.append(("dl", [("Reach", reach)]))
    projects_named = ", ".join(p["name"] for p in r["projects"]) or "none named"
    blocks += [
        ("p", [r["text"]]),
        ("dl", [("Findings", [str(len(r["findings"]))]), ("Projects", [projects_named])]),
        ("aside", [f"sevenf outcome {r['number']} --evidence: every finding with its citations"]),
    ]
    return blocks + remarks(r) + alignment_row(r["table_row"])


def enabler(r: Record) -> list[Block]:
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
    return blocks + alignment_row(r["table_row"])


def project(r: Record, depth: int = 1) -> list[Block]:
    facts: list[tuple[str, Spans]] = []
    if r.get("description"):
        facts.append(("Described as", [r["description"]]))
    places: Spans = [", ".join(r["places"])] if r["places"] else gap(r, "places", "places")
    facts.append(("Places", places))
    if r["aliases"]:
        facts.append(("Also known as", [", ".join(r["aliases"])]))
    for report in r["reports"]:
        facts.append(("Evaluation", [report["name"]]))
        facts += outside(report)
        cited = ", ".join(str(n) for n in report["footnotes"]) or "none"
        facts.append(("Cited in footnotes", [cited]))
    for label, kind in (("Outcomes evidenced", "outcomes"), ("Features illustrated", "features")):
        if r[kind]:
            facts.append((label, ["; ".join(f"{x['number']}. {x['name']}" for x in r[kind])]))
    blocks: list[Block] = [(heading(depth), r["name"]), ("dl", facts)]
    sub = heading(depth, 1)
    if r["findings"]:
        blocks += [
            (sub, "Findings"),
            ("ul", [finding(f, with_outcome=True) for f in r["findings"]]),
        ]
    if r["quotes"]:
        blocks += [(sub, "Quotes"), *(quote(q, with_feature=True) for q in r["quotes"])]
    return blocks + remarks(r) + (notes(r) if depth == 1 else [])


def source(r: Record) -> list[Block]:
    blocks: list[Block] = [("h1", f"Footnote {r['number']}")]
    facts: list[tuple[str, Spans]] = [
        ("Printed", [r["printed"]] if r["printed"] else gap(r, "text", "note")),
        ("Marker", [r["marker"]] if r["marker"] else gap(r, "marker", "marker in the text")),
    ]
    if r["ibid"]:
        facts.append(
            ("Ibid.", [f"resolved through footnote {', '.join(map(str, r['resolved_through']))}"])
        )
    src = r["source"]
    if src:
        facts.append(("Source", [src["name"]]))
        if src.get("author"):
            facts.append(("Author", [src["author"]]))
        facts += outside(src)
    facts.append(("Year", [r["year"]] if r["year"] else gap(r, "year", "year")))
    facts.append(("Page", [r["page"]] if r["page"] else gap(r, "page", "page")))
    cited = r["cited_by"]
    users = [
        *(f"finding {f}" for f in cited["findings"]),
        *(f"quote {q}" for q in cited["quotes"]),
        *(f"feature {p['feature']} › {p['headline']}" for p in cited["points"]),
    ]
    facts.append(
        (
            "Cited by",
            ["; ".join(users)] if users else [("em", "nothing in the text carries this marker")],
        )
    )
    blocks.append(("dl", facts))
    return blocks + remarks(r)


def table(r: Record) -> list[Block]:
    rows = [
        [[str(row["number"])], [row["feature_text"]], [row["outcome_text"]], [row["enabler_text"]]]
        for row in r["rows"]
    ]
    return [("table", r["caption"], r["columns"], rows), ("aside", [ALIGNMENT])]


def quotes(r: Record) -> list[Block]:
    body = [quote(q, with_feature=True) for q in r["items"]] or [("aside", ["No quotes match."])]
    return [("h1", f"Quotes ({len(r['items'])})"), *body, *notes(r)]


def pitfalls(r: Record) -> list[Block]:
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
    return blocks


def findings(r: Record) -> list[Block]:
    body = (
        [("ul", [finding(f, with_outcome=True) for f in r["items"]])]
        if r["items"]
        else [("aside", ["No findings match."])]
    )
    return [("h1", f"Findings ({len(r['items'])})"), *body, *notes(r)]


def search(r: Record) -> list[Block]:
    from ..search import MARK_END, MARK_START

    items = []
    for hit in r["hits"]:
        spans: Spans = [("strong", hit["where"]), ": "]
        for i, part in enumerate(hit["snippet"].replace(MARK_END, MARK_START).split(MARK_START)):
            spans.append(("mark", part) if i % 2 else part)
        items.append(spans)
    if not items:
        return [("aside", [f"Nothing matches '{r['query']}'."])]
    return [("h1", f"{len(items)} matches for '{r['query']}'"), ("ul", items)]


def validate(r: Record) -> list[Block]:
    counts = [(k.capitalize(), [str(n)]) for k, n in r["counts"].items()]
    gaps = [[("strong", g["where"]), f" › {g['field']}: ", g["missing"]] for g in r["gaps"]]
    return [
        ("h1", "The data is valid"),
        ("dl", [("Data", [r["data"]]), *counts]),
        ("h2", f"Gaps the source itself leaves ({len(gaps)})"),
        ("ul", gaps),
    ]


# --- report writing ------------------------------------------------------------------

CHART_LEGEND = (
    "Each bar has one mark per project of the total the source gives, filled for the projects "
    "counted. A count printed with no total is shown as a number, not as a proportion."
)


def brief(r: Record) -> list[Block]:
    """An evidence brief (see `render/brief.py`)."""
    from .brief import layout

    return layout(r)


def chart(r: Record) -> list[Block]:
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


LAYOUTS: dict[str, Callable[[Record], list[Block]]] = {
    name: globals()[name]
    for name in (
        "about",
        "overview",
        "features",
        "outcomes",
        "enablers",
        "projects",
        "sources",
        "feature",
        "outcome",
        "enabler",
        "project",
        "source",
        "table",
        "quotes",
        "pitfalls",
        "findings",
        "search",
        "validate",
        "brief",
        "chart",
    )
}


def layout(result: Record) -> list[Block]:
    """The blocks that show `result`, chosen by its `view`."""
    return LAYOUTS[result["view"]](result)
