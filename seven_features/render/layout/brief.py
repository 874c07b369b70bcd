"""The evidence brief as blocks: parts, references, licence, and footnotes a reader expects.

A footnote reads like a report's: "Children's Social Care Innovation Programme (2017)
*Final Evaluation Report*, p. 26.", then, small, the note's number in the document
and anything taken from another of its footnotes. How an 'Ibid.' was resolved stays
in `sevenf source N` and the JSON. Framework text is cited to the framework, with the
section it stands in and the page the Contents give it. Notes are numbered by first
use, as Word numbers them.
"""

from __future__ import annotations

from seven_features.corpus.links import QUOTED_ONLY
from seven_features.errors import assert_never
from seven_features.render import cite
from seven_features.render.blocks import (
    Aside,
    Bullets,
    Cite,
    Command,
    Em,
    Heading,
    Notes,
    Pairs,
    Para,
    Quote,
    Small,
    Strong,
    Table,
    Title,
)
from seven_features.render.layout.parts import (
    NO_FINDINGS,
    NO_LINKS,
    OWN_WORDS,
    PATHS_NOTE,
    finding,
    gap,
    point,
    quote,
    remarks,
)
from seven_features.wording import listed

TYPE_CHECKING = False
if TYPE_CHECKING:
    from seven_features.corpus.records import Source
    from seven_features.queries.citations import ReadOnly
    from seven_features.queries.results import (
        BriefFeature,
        BriefFinding,
        BriefNote,
        BriefOutcome,
        BriefPath,
        BriefProject,
        BriefQuote,
        BriefView,
        FrameworkSection,
        SeenFinding,
        SeenQuote,
    )
    from seven_features.render.blocks import Block, Spans

NOTE = OWN_WORDS
#: True of every short brief, whatever --sections chose; its headings show what it holds.
SHORT_NOTE = "A summary, with one quote per feature."


# --- citations -----------------------------------------------------------------------


def _reference_head(source: ReadOnly) -> Spans:
    """'Children's Social Care Innovation Programme (2017) *Final Evaluation Report*'."""
    lead = cite.lead(source)
    title: Spans = [Em(cite.title(source))]
    year = f"({source['year']})" if source["year"] else cite.NO_YEAR
    return [lead, f" {year} ", *title] if lead else [*title, f" {year}"]


def framework_note(source: ReadOnly, section: FrameworkSection) -> Spans:
    """The framework, the section a passage stands in, and the page it starts on."""
    where = section["section"] + (f", from p. {section['page']}" if section["page"] else "")
    return [*_reference_head(source), f", {where}."]


def _taken(filled: dict[str, list[int]], used: set[str]) -> list[str]:
    """'title as note 20 prints it': what this note takes from the document's other notes."""
    return [cite.taken(field, notes, "note") for field, notes in filled.items() if field in used]


def document_note(note: BriefNote, source: Source | None) -> Spans:
    """One of the document's footnotes as a reader's citation, its number kept as an aside."""
    aside = [f"note {note['number']} in the document"]
    if note["printed"] is None:
        return [*gap(note, "text", "note"), Small(f" ({aside[0]})")]
    if source is None:
        return [note["printed"], Small(f" ({aside[0]})")]
    year = note["year"] or source["year"]
    shown = {**source, "year": year}
    spans: Spans = _reference_head(shown)
    if note["page"] is not None:
        spans.append(f", p. {note['page']}.")
    else:
        spans += [", ", *gap(note, "page", "page"), "."]
    used = {"title"} | ({"year"} if note["year"] is None and year else set())
    aside += _taken(note["filled"], used)
    return [*spans, Small(f" ({'; '.join(aside)})")]


def reference(source: ReadOnly) -> Spans:
    """A source as the brief's reference list gives it: facts from outside the document marked."""
    spans = [*_reference_head(source), "."]
    if source["author"] and source["author"] != cite.lead(source):
        spans.append(f" Author: {source['author']}.")
    if source["kind"] == "framework":
        spans.append(f" ISBN {source['isbn']}, {source['number']}.")
    if source["missing"]:
        spans += [" ", Em(" ".join(f"[{g}]" for g in cite.source_gaps(source)))]
    facts = cite.outside(source)
    if facts:
        where = "; ".join(f"{r['url']}, looked up {r['looked_up']}" for r in facts.records)
        said = f"Not from the document: {cite.outside_words(facts)} (public record: {where})."
        spans += [" ", Em(said)]
    return spans


# --- parts ---------------------------------------------------------------------------


def _see(item: SeenQuote | SeenFinding) -> Block:
    """A passage that stands in full in an earlier part."""
    if item["kind"] == "quote":
        what = f"The quote attributed to “{item['attribution']}”"
    else:
        projects = listed([p["name"] for p in item["projects"]])
        what = f"The finding on {projects}" if projects else "A finding"
    return Aside([f"{what} stands in full under {item['see']}, above."])


def _quotes(items: list[BriefQuote]) -> list[Block]:
    """Each quote in full, or where it stands in full (a quote placed in a brief carries
    its `framework`, which `parts.quote` cites where it has no footnote)."""
    return [_see(q) if "see" in q else quote(q) for q in items]


def _findings(items: list[BriefFinding], *, with_outcome: bool = True) -> list[Block]:
    """The findings in full, as one list, then where each of the others stands in full."""
    shown = [finding(f, with_outcome=with_outcome) for f in items if "see" not in f]
    seen = [_see(f) for f in items if "see" in f]
    return ([Bullets(shown)] if shown else []) + seen


def _framework_cited(blocks: list[Block], key: str) -> list[Block]:
    """The framework cited once, after the first block of its text in a part."""
    for i, block in enumerate(blocks):
        if isinstance(block, Para):
            return [*blocks[:i], Para([*block.spans, Cite(key)]), *blocks[i + 1 :]]
        if isinstance(block, Bullets) and block.items:
            first = [*block.items[0], Cite(key)]
            return [*blocks[:i], Bullets([first, *block.items[1:]]), *blocks[i + 1 :]]
    return blocks


def feature(part: BriefFeature, short: bool) -> list[Block]:
    blocks: list[Block] = [Heading(2, f"Feature {part['number']}: {part['title']}")]
    if part["heading"] is None:
        blocks.append(Aside(gap(part, "heading", "In-depth heading")))
    elif part["heading"] != part["title"]:
        blocks.append(Aside(["In-depth heading: ", part["heading"]]))
    text: list[Block] = []
    if part["definition"] is not None:
        text += [Heading(3, "Definition"), *(Para([p]) for p in part["definition"])]
        # the framework's note follows the definition's last paragraph
        text = [*text[:-1], *_framework_cited(text[-1:], part["framework"]["key"])]
    for points, heading in (
        (part["differences"], "What difference does it make?"),
        (part["pitfalls"], "Potential pitfalls"),
    ):
        if points is not None:
            text += [Heading(3, heading), Bullets([point(p) for p in points])]
    if part["definition"] is None:
        text = _framework_cited(text, part["framework"]["key"])
    blocks += text
    if part["quotes"] is not None:
        blocks.append(Heading(3, "Quote" if short and len(part["quotes"]) == 1 else "Quotes"))
        blocks += _quotes(part["quotes"]) or [
            Aside(["The document gives no quotes for this feature."])
        ]
    if part["findings"]:
        blocks += [Heading(3, "Findings"), *_findings(part["findings"])]
    blocks += _paths(part["paths"])
    return blocks + remarks(part)


def _paths(paths: list[BriefPath] | None) -> list[Block]:
    """A feature's evidence paths: each project the document links to it, on what basis,
    and what the document reports for that project."""
    if paths is None:
        return []
    blocks: list[Block] = [Heading(3, "Through its projects"), Aside([PATHS_NOTE])]
    if not paths:
        return [*blocks, Aside([NO_LINKS])]
    for path in paths:
        alone: Spans = [Em(" (by quotes alone)")] if path["quoted_only"] else []
        linked = "; ".join(path["bases"])
        blocks.append(Para([Strong(path["project"]["name"]), f": {linked}", *alone, "."]))
        blocks += _findings(path["findings"]) or [Aside([f"[{NO_FINDINGS}]"])]
    if any(path["quoted_only"] for path in paths):
        blocks.append(Aside([QUOTED_ONLY]))
    return blocks


def outcome(part: BriefOutcome) -> list[Block]:
    blocks: list[Block] = [Heading(2, f"Outcome {part['number']}: {part['name']}")]
    if part["table_name"] != part["name"]:
        blocks.append(Aside(["Table 1 prints: ", part["table_name"]]))
    if part["findings"] is not None:
        blocks += [Heading(3, "Findings"), *_findings(part["findings"], with_outcome=False)]
    return blocks + remarks(part)


def _left_out(part: BriefProject) -> list[Block]:
    left = part["left_out"]
    if not (left["findings"] or left["quotes"]):
        return []
    counts = []
    for kind, count in (("finding", len(left["findings"])), ("quote", len(left["quotes"]))):
        if count:
            counts.append(f"{count} {kind}{'' if count == 1 else 's'}")
    about = sorted(
        {f"feature {q['feature']['number']}" for q in left["quotes"]}
        | {f"outcome {f['outcome']['number']}" for f in left["findings"] if f["outcome"]}
    )
    on = f" (on {listed(about)})" if about else ""
    return [
        Aside(
            [
                f"Left out, as they bear on none of the features and outcomes chosen: "
                f"{listed(counts)}{on}.",
                Command(f" sevenf project {part['id']} shows everything.", []),
            ]
        )
    ]


def project(part: BriefProject) -> list[Block]:
    facts: list[tuple[str, Spans]] = []
    if part["description"]:
        facts.append(("Described as", [part["description"]]))
    places: Spans = [", ".join(part["places"])] if part["places"] else gap(part, "places", "places")
    facts.append(("Places", places))
    for report in part["reports"]:
        facts.append(("Evaluation", [Em(cite.title(report))]))
    blocks: list[Block] = [Heading(2, part["name"]), Pairs(facts)]
    if part["findings"]:
        blocks += [Heading(3, "Findings"), *_findings(part["findings"])]
    if part["quotes"]:
        blocks += [Heading(3, "Quotes"), *_quotes(part["quotes"])]
    return blocks + _left_out(part) + remarks(part)


# --- the brief -----------------------------------------------------------------------


def _cited(blocks: list[Block]) -> list[int | str]:
    """Every key cited in `blocks`, each once, in order of first use."""
    keys: dict[int | str, None] = {}  # ordered, and a look-up is not a scan of a list

    def scan(spans: Spans) -> None:
        for span in spans:
            if isinstance(span, Cite):
                keys.setdefault(span.key)

    for block in blocks:
        match block:
            case Para() | Aside():
                scan(block.spans)
            case Bullets():
                for item in block.items:
                    scan(item)
            case Quote():
                scan(block.spans)
                scan(block.attribution)
            case Pairs():
                for _, value in block.items:
                    scan(value)
            case Title() | Heading() | Notes() | Table():
                pass  # a brief cites nowhere else
            case _:
                assert_never(block)
    return list(keys)


def layout(r: BriefView) -> list[Block]:
    """A self-contained brief: the parts, the sources, the licence, then the footnotes."""
    doc, short = r["document"], r["short"]
    blocks: list[Block] = [
        Title(
            r["title"],
            [
                "From ",
                Em(doc["title"]),
                ": ",
                doc["subtitle"],
                f" ({doc['author']}; produced {doc['produced']}, published {doc['published']}).",
            ],
        ),
        Aside([SHORT_NOTE + " " + NOTE if short else NOTE]),
    ]
    for part in r["parts"]:
        match part["view"]:
            case "feature":
                blocks += feature(part, short)
            case "outcome":
                blocks += outcome(part)
            case "project":
                blocks += project(part)
            case _:
                assert_never(part)
    framework = r["framework"]["source"]
    if "sources" in r["sections"]:
        references = sorted([framework, *r["sources"]], key=cite.harvard_order)
        blocks += [Heading(2, "Sources"), Bullets([reference(s) for s in references])]
    licence = doc["licence"]
    blocks.append(Heading(2, "Licence and attribution"))
    if not short:
        blocks.append(Para([licence["statement"]]))
    blocks.append(
        Para(
            [
                Em(doc["title"]),
                f", {doc['copyright']}. ",
                doc["attribution"],
                f" {licence['name']}: {licence['url']}",
            ]
        )
    )
    notes = {str(n["number"]): n for n in r["footnotes"]}
    sources = {s["id"]: s for s in r["sources"]}
    sections = {s["key"]: s for s in r["framework"]["sections"]}
    written: list[tuple[int | str, Spans]] = []
    for key in _cited(blocks):
        if str(key) in notes:
            note = notes[str(key)]
            written.append((key, document_note(note, sources.get(note["source"] or ""))))
        else:
            written.append((key, framework_note(framework, sections[str(key)])))
    # Numbered by use, as Word numbers them: each note keeps the document's number aside.
    return [*blocks, Notes(written, by_use=True)]
