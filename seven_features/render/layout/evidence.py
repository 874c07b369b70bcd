"""The layouts of evidence paths and the evidence map, as blocks (see `blocks.py`).

`views.layout` dispatches to them, so text, Markdown, the terminal and HTML draw them
like any other view. Every sentence here is sevenf's own and claims no more than the
document does: a link is where the document illustrates a feature, a cell is where
it reports a finding, and an empty cell is a gap in its evidence.
"""

from __future__ import annotations

from seven_features.corpus.links import QUOTED_ONLY, WORDING
from seven_features.render.blocks import (
    Aside,
    Bullets,
    Em,
    Gap,
    Heading,
    Link,
    Pairs,
    Para,
    Strong,
    Table,
)
from seven_features.render.layout import local
from seven_features.render.layout.parts import (
    ALONE_NOTE,
    NO_FINDINGS,
    NO_LINKS,
    PATHS_NOTE,
    cites,
    finding,
    kinds,
    notes,
)
from seven_features.wording import counted, possessive

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Literal

    from seven_features.queries.results import (
        Axis,
        Basis,
        FeatureEvidenceView,
        LocalMap,
        LocalMapCell,
        MapCell,
        MapView,
        Ref,
    )
    from seven_features.render.blocks import Block, Spans

GAP = "—"
GAP_MEANS = "a gap in the document's evidence, not a finding of no effect"
FINDINGS_HEADING = "The findings in the map"
TITLES = {
    "feature": "features × outcomes",
    "project": "projects × outcomes",
    "feature-project": "feature–project links",
}
MAP_CAPTION = {
    "feature": (
        "Where this document reports evidence: each cell counts the distinct projects the "
        "document links to the feature (by naming them in its text, printing their findings "
        "in its section or quoting their evaluations there) that have findings on the "
        "outcome, and names them; "
    ),
    "project": (
        "Where this document reports evidence: each cell counts the findings the document "
        "reports for the project on the outcome; "
    ),
    "feature-project": (
        "The links the document makes between features and projects, and the basis of each. "
        "A link is where the document illustrates a feature with a project. "
    ),
}
#: Where a map's findings are, after its caption: on its own page, or one link away.
FINDINGS_ARE = {
    "below": "the findings are listed below. ",
    "linked": "each cell links to its findings, printed in full on their outcome's page. ",
}
#: The caption of the map a terminal shows (`screen_map`): its cells are short.
SCREEN_CAPTION = {
    "feature": (
        "Where this document reports evidence: each cell gives, by the letters of the key "
        "below, the distinct projects the document links to the feature (by naming them in "
        "its text, printing their findings in its section or quoting their evaluations "
        "there) that have findings on the outcome. "
    ),
    "project": (
        "Where this document reports evidence: each cell counts the findings the document "
        "reports for the project on the outcome, with their footnotes. "
    ),
}
#: Beside a project's letter in a cell of the terminal's map: linked by quotes alone.
ALONE_MARK = "*"
MAP_LIMITS = (
    f"An empty cell ({GAP}) is {GAP_MEANS}. The map gives no effect sizes and makes no "
    "causal claim, and it is not Table 1, which aligns features and outcomes by number only"
)
LEFT_OUT = {
    "no-project": "attributed to no named project",
    "projects-not-linked": "reported for projects the document links to no feature",
    "no-outcome": "printed in a feature's section, bearing on no outcome",
}
#: Beside a project in a cell where the document links it to the row's feature by quotes
#: alone: the cell counts it, and says on what the link rests.
ALONE = "quotes alone"
TRUNCATED = " [sentence breaks off in the source]"


# --- evidence paths ------------------------------------------------------------------


def basis(b: Basis) -> Spans:
    """One basis of a link, in the document's terms, with what it rests on."""
    spans: Spans = [b["wording"]]
    if b["kind"] == "quote":
        spans += [" (“", b["detail"], "”", *cites(b["footnotes"]), ")"]
    elif b["kind"] == "named":
        spans += [" (", b["ref"], ": ", b["detail"], ")"]
    else:
        spans += [" (", b["ref"], *cites(b["footnotes"]), ")"]
    return spans


def feature_evidence(r: FeatureEvidenceView, annotated: bool = False) -> list[Block]:
    """Each project the document links to the feature, on what basis, and its findings.
    What "by quotes alone" means is said once, before the projects (`annotated`: under each)."""
    blocks: list[Block] = [
        Heading(1, f"Feature {r.get('number')}: {r['name']} — evidence through its projects"),
        Aside([PATHS_NOTE]),
    ]
    if not r["paths"]:
        return [*blocks, Para([Gap(NO_LINKS)])]
    if not annotated and any(path["quoted_only"] for path in r["paths"]):
        blocks.append(Aside([ALONE_NOTE]))
    for path in r["paths"]:
        rows = [("Linked by", basis(b)) for b in path["bases"]]
        if path["quoted_only"] and not annotated:
            rows[-1] = (rows[-1][0], [*rows[-1][1], Em(" — by quotes alone")])
        blocks += [Heading(2, path["project"]["name"]), Pairs(rows)]
        if path["quoted_only"] and annotated:
            blocks.append(Aside([QUOTED_ONLY]))
        if path["findings"]:
            found = [finding(f, with_outcome=True, annotated=annotated) for f in path["findings"]]
            blocks += [Heading(3, "Findings the document reports for this project"), Bullets(found)]
        else:
            blocks.append(Para([Gap(NO_FINDINGS)]))
    return blocks + notes(r, full=annotated)


# --- the map -------------------------------------------------------------------------


def label(item: Ref) -> str:
    """A row's or column's label: numbered as the document numbers it, else its name."""
    number = item.get("number")
    return f"{number}. {item['name']}" if number else item["name"]


def names_of(r: MapView) -> dict[str, str]:
    """Project ids to names: every project a map's rows, columns or links name."""
    found = [*r["rows"], *r["columns"], *(x for row in r["rows"] for x in row["links"])]
    return {x["id"]: x["name"] for x in found if x["kind"] == "project"}


def cell_spans(
    cell: MapCell | None, row: Axis, names: dict[str, str], by: str, *, with_cites: bool = True
) -> Spans:
    """What a cell of the map shows as text: its count and who, each project a link, each
    one the row's feature is linked to by quotes alone marked so, or the gap (`with_cites`
    False where the format draws the cell's footnotes itself)."""
    if cell is None:
        return [GAP]
    if by == "project":
        what = "finding" if cell["count"] == 1 else "findings"
        return [f"{cell['count']} {what}", *(cites(cell["footnotes"]) if with_cites else [])]
    alone = {x["id"] for x in row["links"] if x["quoted_only"]}
    spans: Spans = [f"{cell['count']}: "]
    for n, p in enumerate(cell["projects"]):
        spans += ["; "] if n else []
        spans += [Link("project", p, names[p]), *([f" ({ALONE})"] if p in alone else [])]
    return spans


def grid(r: MapView) -> Iterator[tuple[Axis, list[MapCell | None]]]:
    """Each row with its cells in column order, None where the document reports nothing;
    by project with local evidence, then each owner's own projects, named with the owner."""
    at = {(c["row"], c["column"]): c for c in r["cells"]}
    for row in r["rows"]:
        yield row, [at.get((row["id"], column["id"])) for column in r["columns"]]
    for part in r.get("local", []):
        for own in part["rows"]:
            name = f"{own['name']} ({part['owner']})"
            axis: Axis = {**own, "name": name, "links": [], "file": part["file"]}
            yield axis, [None for _ in r["columns"]]


# --- local evidence in the map: each owner's counts beside the document's, never in them


def local_counts(r: MapView, row: Axis, column: str) -> list[tuple[LocalMap, LocalMapCell]]:
    """Each local file with findings in a cell, and its cell (see `LocalMapCell`). By
    feature, every file counts in a feature's row; by project, a file counts only in the
    rows of its own projects (`grid`), never in the document's or another file's."""
    if r["by"] == "project":
        mine = [p for p in r.get("local", []) if p["file"] == row.get("file")]
    else:
        mine = list(r.get("local", []))
    return [
        (part, cell)
        for part in mine
        for cell in part["cells"]
        if cell["row"] == row["id"] and cell["column"] == column
    ]


def local_spans(
    r: MapView, row: Axis, column: str, *, marks: dict[str, str] | None = None
) -> Spans:
    """What a cell adds for local evidence, after the document's: ' · Example Borough
    Council: 2 local findings' (with `marks`, the owner's short mark: ' · L:2')."""
    spans: Spans = []
    for part, cell in local_counts(r, row, column):
        count = cell["count"]
        if marks is not None:
            spans += [" · ", Em(f"{marks[part['file']]}:{count}")]
        else:
            spans += [" · ", Em(f"{part['owner']}: {counted(count, 'local finding')}")]
    return spans


def local_marks(r: MapView) -> dict[str, str]:
    """A short mark for each local file in the terminal's map, by file: L, or L1, L2... for
    several (two files of one owner are told apart too)."""
    files = list(dict.fromkeys(p["file"] for p in r.get("local", [])))
    if len(files) == 1:
        return {files[0]: "L"}
    return {file: f"L{n}" for n, file in enumerate(files, 1)}


def local_means(r: MapView) -> str:
    """What a local count counts, in words, for the legend."""
    if r["by"] == "project":
        return "those of its own project (a row of its own, after the document's) on the outcome"
    return "those linked to both the feature and the outcome"


def local_legend(r: MapView, marks: dict[str, str] | None = None) -> list[tuple[str, Spans]]:
    """A legend entry per owner: whose the local counts are and what they count."""
    entries: list[tuple[str, Spans]] = []
    for part in r.get("local", []):
        owner = part["owner"]
        file = local.file_name(part["file"])
        words = (
            f"local findings from {possessive(owner)} own evidence file ({file}), "
            f"not the document's: {local_means(r)}, counted apart from the document's"
        )
        if marks is not None:
            entries.append((marks[part["file"]], [f"{owner}: {words}"]))
        else:
            entries.append((owner, [words]))
    return entries


def local_after(r: MapView) -> list[Block]:
    """Each owner's findings in the map, cited, under their name, and those no cell holds."""
    parts = r.get("local", [])
    if not parts:
        return []
    blocks = local.sections(parts)
    for part in parts:
        mapped = {f for c in part["cells"] for f in c["findings"]}
        out = [f["id"] for f in part["findings"] if f["id"] not in mapped]
        if out:
            why = (
                "linked to no outcome, or of none of its projects"
                if r["by"] == "project"
                else "linked to no outcome"
            )
            blocks.append(
                Aside(
                    [
                        f"In no cell of the map: {counted(len(out), 'finding')} of "
                        f"{possessive(part['owner'])} evidence {why} ({', '.join(out)})."
                    ]
                )
            )
    return blocks


def linked(row: Axis) -> Spans:
    """What the document links to a row: projects to a feature, features to a project, each
    a link, with the kinds of the link's bases, tersely (the legend says what each means)."""
    spans: Spans = []
    for x in row["links"]:
        spans += ["; "] if spans else []
        spans += [Link(x["kind"], x["id"], label(x)), f" ({', '.join(dict.fromkeys(x['bases']))})"]
    return spans or [Gap("none in the document")]


def map_intro(
    r: MapView, findings: Literal["below", "linked"] = "below", *, hints: bool = True
) -> list[Block]:
    """The map's title and its caption: what it is, where its findings are (`findings`),
    and what it is not; `hints` names the command that shows Table 1."""
    caption = MAP_CAPTION[r["by"]]
    if r["by"] != "feature-project":
        caption += FINDINGS_ARE[findings]
    limits = MAP_LIMITS + (" (sevenf table)." if hints else ".")
    return [Heading(1, f"Evidence map: {TITLES[r['by']]}"), Aside([caption + limits])]


def map_columns(r: MapView) -> list[str]:
    head = "Feature" if r["by"] == "feature" else "Project"
    return [head, *(f"Outcome {c.get('number')}" for c in r["columns"])]


def map_table(r: MapView) -> Block:
    """The grid as a table block: a row's label, then its cells."""
    by, names = r["by"], names_of(r)
    rows: list[list[Spans]] = [
        [
            [label(row)],
            *(
                [*cell_spans(c, row, names, by), *local_spans(r, row, column["id"])]
                for c, column in zip(cells, r["columns"], strict=True)
            ),
        ]
        for row, cells in grid(r)
    ]
    return Table(None, map_columns(r), rows)


def map_links(r: MapView) -> Block:
    """What the document links to each row, and how: beside the grid, not in it, to keep it
    narrow enough for a terminal."""
    return Bullets(
        [[Link(row["kind"], row["id"], label(row)), ": ", *linked(row)] for row in r["rows"]]
    )


def link_rows(r: MapView) -> list[list[Spans]]:
    """A row per feature–project link: the feature, the project, how the document links them."""
    rows = {x["id"]: x for x in r["rows"]}
    columns = {x["id"]: x for x in r["columns"]}
    return [
        [
            [label(rows[cell["row"]])],
            [columns[cell["column"]]["name"]],
            [
                kinds(cell.get("bases", [])),
                *cites(cell["footnotes"]),
                *([f" ({ALONE})"] if cell.get("quoted_only") else []),
            ],
        ]
        for cell in r["cells"]
    ]


def legend(r: MapView) -> list[tuple[str, Spans]]:
    entries: list[tuple[str, Spans]] = [
        (f"Outcome {c.get('number')}", [Link("outcome", c["id"], c["name"])]) for c in r["columns"]
    ]
    entries.append((GAP, [GAP_MEANS]))
    if r["by"] == "feature":
        entries.append(("Cells", ["the number of distinct projects, then their names"]))
        entries.append((f"({ALONE})", [QUOTED_ONLY]))
    else:
        entries.append(("Cells", ["the number of findings the document reports"]))
    entries += [(f"({kind})", [WORDING[kind]]) for kind in WORDING]
    return entries + local_legend(r)


def numbers(r: MapView) -> dict[str, int]:
    """Each finding in the map's cells by its number in the list under the map: 1, 2, ...
    in the order the cells first hold them."""
    return {
        f: i for i, f in enumerate(dict.fromkeys(f for c in r["cells"] for f in c["findings"]), 1)
    }


def mapped_findings(r: MapView, annotated: bool = False) -> Iterator[tuple[str, Spans]]:
    """Each finding in the map, once, numbered, in full, after every cell that holds it."""
    columns = {c["id"]: c for c in r["columns"]}
    rows = {x["id"]: x for x in r["rows"]}
    findings = {f["id"]: f for f in r["findings"]}
    where: dict[str, list[str]] = {}
    for cell in r["cells"]:
        at = f"{label(rows[cell['row']])} × outcome {columns[cell['column']].get('number')}"
        for f in cell["findings"]:
            where.setdefault(f, []).append(at)
    for f, n in numbers(r).items():
        shown = finding(findings[f], annotated=annotated)
        yield f, [Strong(f"Finding {n}"), f" ({'; '.join(where[f])}): ", *shown]


def left_out(r: MapView) -> list[Block]:
    """The findings no cell holds, grouped by why, each by its statement as printed (a link
    to it in full where a format has pages), so that nothing is silently dropped."""
    if not r["left_out"]:
        return []
    groups: dict[str, list[Spans]] = {}
    for item in r["left_out"]:
        statement = item["statement"] + (TRUNCATED if item["truncated"] else "")
        groups.setdefault(item["why"], []).append([Link("finding", item["finding"], statement)])
    blocks: list[Block] = [Heading(2, "Findings not in the map")]
    for why, items in groups.items():
        blocks += [Heading(3, f"{len(items)} {LEFT_OUT[why]}"), Bullets(items)]
    return blocks


def side_heading(r: MapView) -> str:
    """The heading over what the document links to each row of the map."""
    return "Projects linked to each feature" if r["by"] == "feature" else "Features linked"


def project_letters(r: MapView) -> dict[str, str]:
    """A letter for each project a cell of the map names (A, B, ... Z, AA, AB...), in the
    order the cells first name them: the terminal's map names each once, in its key."""
    letters: dict[str, str] = {}
    for _, cells in grid(r):
        for cell in cells:
            for project in cell["projects"] if cell else ():
                letters.setdefault(project, _letter(len(letters)))
    return letters


def _letter(n: int) -> str:
    name = ""
    n += 1
    while n:
        n, digit = divmod(n - 1, 26)
        name = chr(ord("A") + digit) + name
    return name


def screen_table(r: MapView, letters: dict[str, str]) -> Table:
    """The grid with outcome numbers for headers and short cells, narrow enough for a
    terminal of 80 columns: a feature's cell gives its projects by letter (marked where the
    document links the project to the feature by quotes alone), a project's cell the number
    of its findings and their footnotes."""
    rows: list[list[Spans]] = []
    marks = local_marks(r)
    for row, cells in grid(r):
        alone = {x["id"] for x in row["links"] if x["quoted_only"]}
        shown: list[Spans] = [[label(row)]]
        for cell, column in zip(cells, r["columns"], strict=True):
            if cell is None:
                spans: Spans = [GAP]
            elif r["by"] == "project":
                notes = cites(cell["footnotes"])
                spans = [str(cell["count"]), *([" ", *notes] if notes else [])]
            else:
                marked = (letters[p] + (ALONE_MARK if p in alone else "") for p in cell["projects"])
                spans = [" ".join(marked)]
            shown.append([*spans, *local_spans(r, row, column["id"], marks=marks)])
        rows.append(shown)
    head = "Feature" if r["by"] == "feature" else "Project"
    columns = [head, *(str(c.get("number")) for c in r["columns"])]
    return Table("Outcomes are numbered as in Table 1 and named below.", columns, rows)


def screen_map(r: MapView, *, detail: bool = False) -> list[Block]:
    """The map as a terminal shows it: the grid with short headers and short cells, each
    outcome and project named once in a key below, and where the rest is (`sevenf map
    --detail`, `sevenf feature N --evidence`); with `detail`, the rest itself: what the
    document links to each row, every finding in the map, those left out and the notes.
    The map by feature-project is a list of links, as in every format."""
    if r["by"] == "feature-project":
        return evidence_map(r)
    letters = project_letters(r)
    caption = SCREEN_CAPTION[r["by"]] + (FINDINGS_ARE["below"] if detail else "")
    blocks: list[Block] = [
        Heading(1, f"Evidence map: {TITLES[r['by']]}"),
        Aside([caption + MAP_LIMITS + " (sevenf table)."]),
        screen_table(r, letters),
        Heading(3, "Outcomes"),
        Pairs(
            [(str(c.get("number")), [Link("outcome", c["id"], c["name"])]) for c in r["columns"]]
        ),
    ]
    names = names_of(r)
    keys: list[tuple[str, Spans]] = [
        (k, [Link("project", p, names[p])]) for p, k in letters.items()
    ]
    if letters:
        blocks += [Heading(3, "Projects"), Pairs(keys)]
    legend: list[tuple[str, Spans]] = [(GAP, [GAP_MEANS])]
    if r["by"] == "feature":
        legend.append((ALONE_MARK, [f"linked to the feature by {ALONE}. {QUOTED_ONLY}"]))
    blocks.append(Pairs(legend + local_legend(r, local_marks(r))))
    if not detail:
        return [*blocks, Heading(3, "More detail"), Pairs(DETAIL_IS[r["by"]])]
    blocks += [
        Heading(2, side_heading(r)),
        map_links(r),
        Heading(2, FINDINGS_HEADING),
        Bullets([spans for _, spans in mapped_findings(r)]),
    ]
    return blocks + left_out(r) + local_after(r) + notes(r)


#: Where the detail the terminal's map leaves out is: one command away, each command on a
#: line of its own so that it is copied whole.
DETAIL_IS: dict[str, list[tuple[str, Spans]]] = {
    "feature": [
        ("sevenf map --detail", ["the projects linked to each feature, every finding in the map"]),
        ("sevenf feature N --evidence", ["one feature's projects and their findings"]),
    ],
    "project": [
        ("sevenf map --by project --detail", ["the features linked, every finding in the map"]),
        ("sevenf project NAME", ["one project's findings"]),
    ],
}


def evidence_map(r: MapView, annotated: bool = False) -> list[Block]:
    blocks = map_intro(r)
    if r["by"] == "feature-project":
        blocks.append(Table(None, ["Feature", "Project", "Linked by"], link_rows(r)))
        return [*blocks, Aside([QUOTED_ONLY]), *notes(r, full=annotated)]
    blocks += [
        map_table(r),
        Pairs(legend(r)),
        Heading(2, side_heading(r)),
        map_links(r),
        Heading(2, FINDINGS_HEADING),
        Bullets([spans for _, spans in mapped_findings(r, annotated)]),
    ]
    return blocks + left_out(r) + local_after(r) + notes(r, full=annotated)
