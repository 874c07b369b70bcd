"""The evidence brief as blocks: parts, references, licence, and footnotes a reader expects.

A footnote reads like a report's: "Children's Social Care Innovation Programme (2017)
*Final Evaluation Report*, p. 26.", then, small, the note's number in the document
and anything taken from another of its footnotes. How an 'Ibid.' was resolved stays
in `sevenf source N` and the JSON. Framework text is cited to the framework, with the
section it stands in and the page the Contents give it. Notes are numbered by first
use, as Word numbers them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

from seven_features.corpus.links import QUOTED_ONLY
from seven_features.render import cite
from seven_features.render.blocks import Block, Spans, command
from seven_features.render.layout.evidence import NO_FINDINGS, NO_LINKS, PATHS_NOTE
from seven_features.render.layout.views import OWN_WORDS, gap, point, quote, remarks
from seven_features.render.layout.views import finding as finding_spans
from seven_features.wording import listed

if TYPE_CHECKING:
    from seven_features.queries.results import BriefView, FindingShown, QuoteShown

Record = dict[str, Any]
#: A record or note, read but not changed.
Given = Mapping[str, Any]
NOTE = OWN_WORDS
#: True of every short brief, whatever --sections chose; its headings show what it holds.
SHORT_NOTE = "A summary, with one quote per feature."


# --- citations -----------------------------------------------------------------------


def _reference_head(source: Given) -> Spans:
    """'Children's Social Care Innovation Programme (2017) *Final Evaluation Report*'."""
    lead = cite._lead(source)
    title: Spans = [("em", cite._title(source))]
    year = f"({source['year']})" if source["year"] else cite.NO_YEAR
    return [lead, f" {year} ", *title] if lead else [*title, f" {year}"]


def framework_note(source: Given, section: Given) -> Spans:
    """The framework, the section a passage stands in, and the page it starts on."""
    where = section["section"] + (f", from p. {section['page']}" if section["page"] else "")
    return [*_reference_head(source), f", {where}."]


def _taken(filled: dict[str, list[int]], used: set[str]) -> list[str]:
    """'title as note 20 prints it': what this note takes from the document's other notes."""
    return [cite.taken(field, notes, "note") for field, notes in filled.items() if field in used]


def document_note(note: Given, source: Given | None) -> Spans:
    """One of the document's footnotes as a reader's citation, its number kept as an aside."""
    aside = [f"note {note['number']} in the document"]
    if note["printed"] is None:
        return [*gap(note, "text", "note"), ("small", f" ({aside[0]})")]
    if source is None:
        return [note["printed"], ("small", f" ({aside[0]})")]
    year = note["year"] or source["year"]
    shown = {**source, "year": year}
    spans: Spans = _reference_head(shown)
    if note["page"] is not None:
        spans.append(f", p. {note['page']}.")
    else:
        spans += [", ", *gap(note, "page", "page"), "."]
    used = {"title"} | ({"year"} if note["year"] is None and year else set())
    aside += _taken(note["filled"], used)
    return [*spans, ("small", f" ({'; '.join(aside)})")]


def reference(source: Given) -> Spans:
    """A source as the brief's reference list gives it: facts from outside the document marked."""
    spans = [*_reference_head(source), "."]
    if source["author"] and source["author"] != cite._lead(source):
        spans.append(f" Author: {source['author']}.")
    if source["kind"] == "framework":
        spans.append(f" ISBN {source['isbn']}, {source['number']}.")
    if source["missing"]:
        spans += [" ", ("em", " ".join(f"[{g}]" for g in cite.source_gaps(source)))]
    facts = cite.outside(source)
    if facts:
        where = "; ".join(f"{r['url']}, looked up {r['looked_up']}" for r in facts.records)
        said = f"Not from the document: {cite.outside_words(facts)} (public record: {where})."
        spans += [" ", ("em", said)]
    return spans


# --- parts ---------------------------------------------------------------------------


def _see(item: Record) -> Block:
    """A passage that stands in full in an earlier part."""
    if item["kind"] == "quote":
        what = f"The quote attributed to “{item['attribution']}”"
    else:
        projects = listed([p["name"] for p in item["projects"]])
        what = f"The finding on {projects}" if projects else "A finding"
    return ("aside", [f"{what} stands in full under {item['see']}, above."])


def _passages(kind: str, items: list[Record], *, with_outcome: bool = True) -> list[Block]:
    blocks: list[Block] = []
    findings: list[Spans] = []
    for item in items:
        if "see" in item:
            blocks.append(_see(item))
        elif kind == "quote":  # a quote of a view, placed: the same keys and `framework`
            blocks.append(quote(cast("QuoteShown", item)))
        else:
            findings.append(finding_spans(cast("FindingShown", item), with_outcome=with_outcome))
    return ([("ul", findings)] if findings else []) + blocks


def _framework_cited(blocks: list[Block], key: str) -> list[Block]:
    """The framework cited once, after the first block of its text in a part."""
    for i, block in enumerate(blocks):
        if block[0] == "p":
            return [*blocks[:i], ("p", [*block[1], ("cite", key)]), *blocks[i + 1 :]]
        if block[0] == "ul" and block[1]:
            first = [*block[1][0], ("cite", key)]
            return [*blocks[:i], ("ul", [first, *block[1][1:]]), *blocks[i + 1 :]]
    return blocks


def feature(part: Record, short: bool) -> list[Block]:
    blocks: list[Block] = [("h2", f"Feature {part['number']}: {part['title']}")]
    if part["heading"] is None:
        blocks.append(("aside", gap(part, "heading", "In-depth heading")))
    elif part["heading"] != part["title"]:
        blocks.append(("aside", ["In-depth heading: ", part["heading"]]))
    text: list[Block] = []
    if part["definition"] is not None:
        text += [("h3", "Definition"), *(("p", [p]) for p in part["definition"])]
        # the framework's note follows the definition's last paragraph
        text = [*text[:-1], *_framework_cited(text[-1:], part["framework"]["key"])]
    for name, heading in (
        ("differences", "What difference does it make?"),
        ("pitfalls", "Potential pitfalls"),
    ):
        if part[name] is not None:
            points = [point(p) for p in part[name]]
            text += [("h3", heading), ("ul", points)]
    if part["definition"] is None:
        text = _framework_cited(text, part["framework"]["key"])
    blocks += text
    if part["quotes"] is not None:
        blocks.append(("h3", "Quote" if short and len(part["quotes"]) == 1 else "Quotes"))
        blocks += _passages("quote", part["quotes"]) or [
            ("aside", ["The document gives no quotes for this feature."])
        ]
    if part["findings"]:
        blocks += [("h3", "Findings"), *_passages("finding", part["findings"])]
    blocks += _paths(part.get("paths"))
    return blocks + remarks(part)


def _paths(paths: list[Record] | None) -> list[Block]:
    """A feature's evidence paths: each project the document links to it, on what basis,
    and what the document reports for that project."""
    if paths is None:
        return []
    blocks: list[Block] = [("h3", "Through its projects"), ("aside", [PATHS_NOTE])]
    if not paths:
        return [*blocks, ("aside", [NO_LINKS])]
    for path in paths:
        alone = [("em", " (by quotes alone)")] if path["quoted_only"] else []
        linked = "; ".join(path["bases"])
        blocks.append(("p", [("strong", path["project"]["name"]), f": {linked}", *alone, "."]))
        blocks += _passages("finding", path["findings"]) or [("aside", [f"[{NO_FINDINGS}]"])]
    if any(path["quoted_only"] for path in paths):
        blocks.append(("aside", [QUOTED_ONLY]))
    return blocks


def outcome(part: Record, short: bool) -> list[Block]:
    blocks: list[Block] = [("h2", f"Outcome {part['number']}: {part['name']}")]
    if part["table_name"] != part["name"]:
        blocks.append(("aside", ["Table 1 prints: ", part["table_name"]]))
    if part["findings"] is not None:
        findings = _passages("finding", part["findings"], with_outcome=False)
        blocks += [("h3", "Findings"), *findings]
    return blocks + remarks(part)


def _left_out(part: Record) -> list[Block]:
    left = part["left_out"]
    if not (left["findings"] or left["quotes"]):
        return []
    counts = []
    for kind, items in (("finding", left["findings"]), ("quote", left["quotes"])):
        if items:
            counts.append(f"{len(items)} {kind}{'' if len(items) == 1 else 's'}")
    about = sorted(
        {f"feature {q['feature']['number']}" for q in left["quotes"]}
        | {f"outcome {f['outcome']['number']}" for f in left["findings"] if f["outcome"]}
    )
    on = f" (on {listed(about)})" if about else ""
    return [
        (
            "aside",
            [
                f"Left out, as they bear on none of the features and outcomes chosen: "
                f"{listed(counts)}{on}.",
                command(f" sevenf project {part['id']} shows everything.", []),
            ],
        )
    ]


def project(part: Record, short: bool) -> list[Block]:
    facts: list[tuple[str, Spans]] = []
    if part.get("description"):
        facts.append(("Described as", [part["description"]]))
    places: Spans = [", ".join(part["places"])] if part["places"] else gap(part, "places", "places")
    facts.append(("Places", places))
    for report in part["reports"]:
        facts.append(("Evaluation", [("em", cite._title(report))]))
    blocks: list[Block] = [("h2", part["name"]), ("dl", facts)]
    for name, kind, heading in (("findings", "finding", "Findings"), ("quotes", "quote", "Quotes")):
        if part[name]:
            blocks += [("h3", heading), *_passages(kind, part[name])]
    return blocks + _left_out(part) + remarks(part)


# --- the brief -----------------------------------------------------------------------


def _cited(blocks: list[Block]) -> list[Any]:
    """Every key cited in `blocks`, each once, in order of first use."""
    keys: dict[Any, None] = {}  # ordered, and a look-up is not a scan of a list

    def scan(spans: Spans) -> None:
        for span in spans:
            if isinstance(span, tuple) and span[0] == "cite":
                keys.setdefault(span[1])

    for block in blocks:
        kind = block[0]
        if kind in ("p", "aside"):
            scan(block[1])
        elif kind == "ul":
            for item in block[1]:
                scan(item)
        elif kind == "quote":
            scan(block[1])
            scan(block[2])
        elif kind == "dl":
            for _, value in block[1]:
                scan(value)
    return list(keys)


def layout(r: BriefView) -> list[Block]:
    """A self-contained brief: the parts, the sources, the licence, then the footnotes."""
    doc, short = r["document"], r["short"]
    parts = {"feature": feature, "outcome": outcome, "project": project}
    blocks: list[Block] = [
        (
            "title",
            r["title"],
            [
                "From ",
                ("em", doc["title"]),
                ": ",
                doc["subtitle"],
                f" ({doc['author']}; produced {doc['produced']}, published {doc['published']}).",
            ],
        ),
        ("aside", [SHORT_NOTE + " " + NOTE if short else NOTE]),
    ]
    for part in r["parts"]:
        blocks += parts[part["view"]](part, short)
    framework = r["framework"]["source"]
    if "sources" in r["sections"]:
        listed = sorted([framework, *r["sources"]], key=cite._harvard_order)
        blocks += [("h2", "Sources"), ("ul", [reference(s) for s in listed])]
    licence = doc["licence"]
    blocks.append(("h2", "Licence and attribution"))
    if not short:
        blocks.append(("p", [licence["statement"]]))
    blocks.append(
        (
            "p",
            [
                ("em", doc["title"]),
                f", {doc['copyright']}. ",
                doc["attribution"],
                f" {licence['name']}: {licence['url']}",
            ],
        )
    )
    notes = {str(n["number"]): n for n in r["footnotes"]}
    sources = {s["id"]: s for s in r["sources"]}
    sections = {s["key"]: s for s in r["framework"]["sections"]}
    written = []
    for key in _cited(blocks):
        if str(key) in notes:
            note = notes[str(key)]
            written.append((key, document_note(note, sources.get(note["source"] or ""))))
        else:
            written.append((key, framework_note(framework, sections[key])))
    # Numbered by use, as Word numbers them: each note keeps the document's number aside.
    return [*blocks, ("notes", written, "by use")]
