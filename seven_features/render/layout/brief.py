"""The evidence brief as blocks: parts, references, licence, and footnotes a reader expects.

A brief is in the document's voice: its body holds the document's words, its headings
and the reader's footnotes, which read like a report's ("Children's Social Care
Innovation Programme (2017) *Final Evaluation Report*, p. 26."). What a checker needs
is said once each, in the notes on the sources at the end, each reached from the
passage it concerns by a lettered mark: every gap the document leaves in a passage
cited (no page, no footnote, a title it never gives), where a heading's wording
differs, readings of the source's words, and which reference details are from
outside the document (a dagger). References are Harvard, as `cite.harvard_parts`
gives them. Framework text is cited to the framework, with the section it stands in
and the page the Contents give it. Notes are numbered by first use, as Word numbers
them. How an 'Ibid.' was resolved stays in `sevenf source N` and the JSON.

`--annotated` lays out the same brief with sevenf's own notes inline where each falls
(figures read, the document's note numbers, gaps in full), for checking it against
the document: `annotated_layout`.
"""

from __future__ import annotations

import re

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
    Link,
    NoteMark,
    Notes,
    Pairs,
    Para,
    Quote,
    Small,
    Strong,
    Table,
    Title,
    note_id,
)
from seven_features.render.layout.brief_local import LocalCites, owners
from seven_features.render.layout.brief_local import sections as local_sections
from seven_features.render.layout.brief_local import self_evaluation as local_self_evaluation
from seven_features.render.layout.parts import (
    NO_FINDINGS,
    NO_LINKS,
    OWN_WORDS,
    PATHS_NOTE,
    cites,
    finding,
    framework_cite,
    gap,
    not_licensed,
    point,
    quote,
    remarks,
)
from seven_features.wording import listed, numbers, possessive

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from typing import Any

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
        PlacedFinding,
        PlacedQuote,
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
    shown = [finding(f, with_outcome=with_outcome, annotated=True) for f in items if "see" not in f]
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


def _feature_text(part: BriefFeature) -> list[Block]:
    """A feature's own text in a brief: its definition, what difference it makes and its
    pitfalls, as far as the brief holds them, cited to the framework."""
    text: list[Block] = []
    if part["definition"] is not None:
        text += [Heading(3, "Definition"), *(Para([p]) for p in part["definition"])]
        # the framework's note follows the definition's last paragraph
        text = [*text[:-1], *_framework_cited(text[-1:], part["framework"]["key"])]
    for points, title in (
        (part["differences"], "What difference does it make?"),
        (part["pitfalls"], "Potential pitfalls"),
    ):
        if points is not None:
            text += [Heading(3, title), Bullets([point(p) for p in points])]
    if part["definition"] is None:
        text = _framework_cited(text, part["framework"]["key"])
    return text


def feature(part: BriefFeature, short: bool) -> list[Block]:
    blocks: list[Block] = [Heading(2, f"Feature {part['number']}: {part['title']}")]
    if part["heading"] is None:
        blocks.append(Aside(gap(part, "heading", "In-depth heading")))
    elif part["heading"] != part["title"]:
        blocks.append(Aside(["In-depth heading: ", part["heading"]]))
    blocks += _feature_text(part)
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


def annotated_layout(r: BriefView) -> list[Block]:
    """A brief with sevenf's notes inline, where each falls: the parts, the sources, the
    licence, then the footnotes."""
    short = r["short"]
    blocks: list[Block] = [
        _title(r),
        Aside([SHORT_NOTE + " " + NOTE if short else NOTE]),
    ]
    cites = LocalCites()
    for part in r["parts"]:
        match part["view"]:
            case "feature":
                blocks += feature(part, short)
                if "local" in part:
                    blocks += local_self_evaluation(part["local"], part["number"], cites)
            case "outcome":
                blocks += outcome(part)
            case "project":
                blocks += project(part)
            case _:
                assert_never(part)
    if "local" in r:
        blocks += local_sections(r["local"], cites)
    framework = r["framework"]["source"]
    if "sources" in r["sections"]:
        references = sorted([framework, *r["sources"]], key=cite.harvard_order)
        blocks += [Heading(2, "Sources"), Bullets([reference(s) for s in references])]
        blocks += cites.references()
    blocks += _licence(r, linked=False)
    notes = {str(n["number"]): n for n in r["footnotes"]}
    sources = {s["id"]: s for s in r["sources"]}
    sections = {s["key"]: s for s in r["framework"]["sections"]}
    written: list[tuple[int | str, Spans]] = []
    for key in _cited(blocks):
        if str(key) in notes:
            note = notes[str(key)]
            written.append((key, document_note(note, sources.get(note["source"] or ""))))
        elif str(key) in cites.notes:
            written.append((key, cites.notes[str(key)]))
        else:
            written.append((key, framework_note(framework, sections[str(key)])))
    # Numbered by use, as Word numbers them: each note keeps the document's number aside.
    return [*blocks, Notes(written, by_use=True)]


# --- the reader's brief --------------------------------------------------------------

NOTES_HEADING = "Notes on the sources"
#: What a dagger in a reference means, said once.
DAGGER_NOTE = (
    "Not from the document, which names none: authors and report numbers marked so are "
    "from public records of the reports (catalogue entries, title pages), kept with their "
    "addresses and the dates looked up in the data this brief was made from."
)
#: What stands in the author's place of a report the document names no author for.
UNDER_SERIES = (
    "The document names no author for this report: it is entered under the series that "
    "issued it, as its footnotes print it."
)
PATHS_BRIEF = (
    "“Through its projects”: what the document reports for each project it links to the "
    "feature, wherever it prints it; it does not say which feature a result is owed to."
)
#: What a link by quotes alone rests on (`links.QUOTED_ONLY`), in a brief's few words.
ALONE_BRIEF = (
    "Linked by quotes alone: the document quotes the project's evaluation in the feature's "
    "section but does not say that the project demonstrated the feature."
)
NONE_REPORTED = "The document reports no findings for this project."
#: A source note about how the document sets its own note markers and notes: a brief numbers
#: its own notes, so these stay in --annotated, `sevenf source N` and the JSON.
_TYPESETTING = re.compile(r"\bmarkers?\b|^Printed (?:after|before) footnote", re.IGNORECASE)


def typesetting(remark: str) -> bool:
    """Whether a source note is about the document's note markers, not its words."""
    return _TYPESETTING.search(remark) is not None


def letter(i: int) -> str:
    """The i-th note's mark, from 0: a … z, then aa, ab …"""
    word = ""
    i += 1
    while i:
        i, rest = divmod(i - 1, 26)
        word = chr(ord("a") + rest) + word
    return word


class Checker:
    """The notes on the sources a brief gathers: each said once, lettered in the order it is
    first needed; a passage carries the letter of each that concerns it."""

    def __init__(self) -> None:
        self.keys: dict[str, str] = {}
        self.dagger = False

    def mark(self, *texts: str) -> Spans:
        """A mark for each note (the same note, the same letter)."""
        marks: Spans = []
        for said in texts:
            key = self.keys.setdefault(said, letter(len(self.keys)))
            marks.append(NoteMark(key))
        return marks

    def gaps(self, record: Mapping[str, Any], fields: Sequence[str], about: str = "") -> Spans:
        """A mark for each of `fields` the record leaves out, the record's own sentence the note."""
        missing = record.get("missing", {})
        said = [f"{about}{missing[f]}" for f in fields if f in missing]
        return self.mark(*said)

    def remarks(self, record: Mapping[str, Any], about: str = "") -> Spans:
        """A mark for each source note on the record's words (not on its note markers)."""
        said = [f"{about}{r}" for r in record.get("remarks", []) if not typesetting(r)]
        return self.mark(*said)

    def blocks(self) -> list[Block]:
        items: list[Spans] = [[Strong(key), " ", said] for said, key in self.keys.items()]
        ids = [note_id(key) for key in self.keys.values()]
        if self.dagger:
            items.append([Strong(cite.DAGGER), " ", DAGGER_NOTE])
            ids.append(note_id("dagger"))
        return [Heading(2, NOTES_HEADING), Bullets(items, ids)] if items else []


def _attached(blocks: list[Block], marks: Spans) -> list[Block]:
    """`marks` after the first paragraph, list item or quote of `blocks`."""
    if not marks:
        return blocks
    for i, block in enumerate(blocks):
        match block:
            case Para():
                return [*blocks[:i], Para([*block.spans, *marks]), *blocks[i + 1 :]]
            case Bullets() if block.items:
                first = [*block.items[0], *marks]
                return [
                    *blocks[:i],
                    Bullets([first, *block.items[1:]], block.ids),
                    *blocks[i + 1 :],
                ]
            case Quote():
                quoted = Quote(block.spans, [*block.attribution, *marks])
                return [*blocks[:i], quoted, *blocks[i + 1 :]]
            case _:
                continue
    return blocks


def read_finding(f: PlacedFinding, notes: Checker) -> Spans:
    """A finding as printed and its footnotes; what the document leaves out, marked."""
    spans: Spans = [f["statement"]]
    spans += cites(f["footnotes"]) if f["footnotes"] else framework_cite(f)
    if f["truncated"]:
        spans += notes.mark("The sentence breaks off in the document, as printed here.")
    return spans + notes.gaps(f, list(f["missing"])) + notes.remarks(f)


def read_quote(q: PlacedQuote, notes: Checker) -> Block:
    """A quote as printed, its attribution as printed and its citation; gaps marked."""
    attribution: Spans = [q["attribution"]]
    attribution += cites([q["footnote"]]) if q["footnote"] is not None else framework_cite(q)
    attribution += notes.gaps(q, ("speaker", "footnote", "page")) + notes.remarks(q)
    return Quote([q["text"]], attribution)


def _read_findings(items: list[BriefFinding], notes: Checker) -> list[Block]:
    shown = [read_finding(f, notes) for f in items if "see" not in f]
    seen = [_see(f) for f in items if "see" in f]
    return ([Bullets(shown)] if shown else []) + seen


def _read_quotes(items: list[BriefQuote], notes: Checker) -> list[Block]:
    return [_see(q) if "see" in q else read_quote(q, notes) for q in items]


def read_feature(part: BriefFeature, short: bool, notes: Checker) -> list[Block]:
    blocks: list[Block] = [Heading(2, f"Feature {part['number']}: {part['title']}")]
    heading: Spans = []
    if part["heading"] is None:
        heading = notes.gaps(part, ("heading",))
    elif part["heading"] != part["title"] and not any("heading" in r for r in part["remarks"]):
        heading = notes.mark(f"The in-depth section's heading reads ‘{part['heading']}’.")
    blocks += _attached(_feature_text(part), [*heading, *notes.remarks(part)])
    if part["quotes"] is not None:
        blocks.append(Heading(3, "Quote" if short and len(part["quotes"]) == 1 else "Quotes"))
        blocks += _read_quotes(part["quotes"], notes) or [
            Para(["The document gives no quotes for this feature."])
        ]
    if part["findings"]:
        blocks += [Heading(3, "Findings"), *_read_findings(part["findings"], notes)]
    return blocks + _read_paths(part["paths"], notes)


def _read_paths(paths: list[BriefPath] | None, notes: Checker) -> list[Block]:
    """What the document reports for the projects it links to a feature: each project on a
    short line with the basis of the link, then its findings."""
    if paths is None:
        return []
    blocks: list[Block] = [Heading(3, "Through its projects")]
    if not paths:
        return [*blocks, Para([NO_LINKS])]
    for i, path in enumerate(paths):
        line: Spans = [Strong(path["project"]["name"]), f" ({'; '.join(path['bases'])})"]
        if i == 0:
            line += notes.mark(PATHS_BRIEF)
        if path["quoted_only"]:
            line += notes.mark(ALONE_BRIEF)
        blocks.append(Para(line))
        blocks += _read_findings(path["findings"], notes) or [Para([NONE_REPORTED])]
    return blocks


def read_outcome(part: BriefOutcome, notes: Checker) -> list[Block]:
    blocks: list[Block] = [Heading(2, f"Outcome {part['number']}: {part['name']}")]
    text: list[Block] = []
    if part["findings"] is not None:
        text = [Heading(3, "Findings"), *_read_findings(part["findings"], notes)]
    # marked after the findings' own marks, so that letters run in the order they stand
    marks: Spans = []
    if part["table_name"] != part["name"]:
        marks = notes.mark(f"In Table 1 this outcome reads ‘{part['table_name']}’.")
    marks += notes.remarks(part)
    attached = _attached(text, marks)
    if marks and attached is text:  # nothing to carry them: a line of its own
        attached = [Para(["Findings are not part of this brief.", *marks])]
    return blocks + attached


def read_project(part: BriefProject, notes: Checker) -> list[Block]:
    facts: list[tuple[str, Spans]] = []
    if part["description"]:
        facts.append(("Described as", [part["description"]]))
    places: Spans = (
        [", ".join(part["places"])]
        if part["places"]
        else ["none named", *notes.gaps(part, ("places",))]
    )
    facts.append(("Places", places))
    for report in part["reports"]:
        facts.append(("Evaluation", [Em(cite.title(report))]))
    blocks: list[Block] = [Heading(2, part["name"]), Pairs(facts)]
    if part["findings"]:
        blocks += [Heading(3, "Findings"), *_read_findings(part["findings"], notes)]
    if part["quotes"]:
        blocks += [Heading(3, "Quotes"), *_read_quotes(part["quotes"], notes)]
    return _attached(blocks, notes.remarks(part)) + _left_out(part)


def read_note(note: BriefNote, source: Source | None, notes: Checker) -> Spans:
    """One of the document's footnotes as a report's footnote; what it leaves out, what the
    brief takes from the document's other notes on the same report, and readings of its
    words, marked."""
    about = f"The document's note {note['number']}: "
    if note["printed"] is None:
        return ["No note is printed.", *notes.gaps(note, ("text",), about)]
    if source is None:
        return [note["printed"], *notes.remarks(note, about)]
    year = note["year"] or source["year"]
    spans: Spans = _reference_head({**source, "year": year})
    spans.append(f", p. {note['page']}." if note["page"] is not None else ".")
    marks = notes.gaps(note, ("page",), about)
    taken = note["filled"]
    if "title" in taken:
        said = numbers("note", taken["title"])
        verb = "prints" if len(taken["title"]) == 1 else "print"
        marks += notes.mark(f"{about}the title is given here as {said} {verb} it.")
    if "year" in taken and note["year"] is None and year:
        said = numbers("note", taken["year"])
        verb = "gives" if len(taken["year"]) == 1 else "give"
        marks += notes.mark(f"{about}it gives no year; {year} is the year {said} {verb}.")
    return [*spans, *marks, *notes.remarks(note, about)]


def read_reference(source: ReadOnly, notes: Checker) -> Spans:
    """A source as the reference list gives it, Harvard: facts from outside the document
    marked with a dagger; what the document leaves out, marked."""
    h = cite.harvard_parts(source)
    year = f"({h.year})" if h.year else "(no year given)"
    title: Spans = [Em(h.title)]
    if h.authors:
        spans: Spans = [h.authors + (cite.DAGGER if h.authors_outside else ""), f" {year} "]
        spans += [*title, "."]
    else:
        spans = [*title, f" {year}."]
    if h.number:
        spans.append(f" {h.number}{cite.DAGGER if h.number_outside else ''}.")
    if h.publisher:
        spans.append(f" {h.publisher}.")
    if h.isbn:
        spans.append(f" ISBN {h.isbn}.")
    notes.dagger |= h.authors_outside or h.number_outside
    said = cite.source_gaps(source)
    no_author = (source["missing"].get("author") or "").rstrip(".")
    if no_author and (h.authors_outside or source["series"]):
        # the dagger's note, or the entry under its series, says it
        said = [g for g in said if g.rstrip(".") != no_author]
        if not h.authors_outside:
            said.append(UNDER_SERIES)
    if h.authors_outside and source["author"]:
        said.append(f"The document gives the author as {source['author']}.")
    return spans + notes.mark(*said)


def opening(r: BriefView) -> Spans:
    """What the brief is, in a line: extracts on what was chosen, quoted as printed."""
    doc = r["document"]
    chosen = []
    for part in r["parts"]:
        match part["view"]:
            case "feature":
                chosen.append(f"feature {part['number']} ({part['title']})")
            case "outcome":
                chosen.append(f"outcome {part['number']} ({part['name']})")
            case "project":
                chosen.append(f"the {part['name']} project")
            case _:
                assert_never(part)
    year = doc["published"].rpartition(" ")[2]
    if r.get("self_evaluation"):
        return _self_evaluation_opening(r, chosen, year)
    what = "A summary of what" if r["short"] else "What"
    spans: Spans = [
        f"{what} ",
        Em(doc["title"]),
        f" ({doc['author']}, {year}) says on {listed(chosen)}, each passage quoted as the "
        "document prints it; lettered marks lead to notes on the sources at the end.",
    ]
    if not chosen:  # a brief on a local file's own project alone: the document has none
        found = r.get("local", [])
        spans = [
            f"{possessive(found[0]['owner'])} own evidence on its own projects, under its name "
            "and cited to its own sources: it is not from ",
            Em(doc["title"]),
            f" ({doc['author']}, {year}), which says nothing of them.",
        ]
        return spans
    if "local" in r:
        found = r["local"]
        if len({p["owner"] for p in found}) == 1:
            after = f"{possessive(found[0]['owner'])} own, under its name"
        else:
            after = f"that of {owners(found)}, each under its owner's name"
        spans.append(
            f" After the document's evidence comes {after} and cited to its own sources: "
            "it is not the document's."
        )
    return spans


def _self_evaluation_opening(r: BriefView, chosen: list[str], year: str) -> Spans:
    """What a self-evaluation brief is, in a line: whose words are whose."""
    doc = r["document"]
    found = [p for part in r["parts"] if part["view"] == "feature" for p in part.get("local", [])]
    who = owners(found)
    one = len({p["owner"] for p in found}) == 1
    whose = possessive(who) if one else "each owner's"
    return [
        f"{possessive(who)} self-evaluation" if one else f"The self-evaluations of {who}",
        f", feature by feature. For {'each of ' if len(chosen) > 1 else ''}{listed(chosen)}: what ",
        Em(doc["title"]),
        f" ({doc['author']}, {year}) says of it, quoted as the document prints it; then "
        f"{whose} own answers to three questions (what it knows about the quality of its "
        "practice, how it knows it, and what it plans to do next), in its own words; then "
        f"{whose} own evidence on the feature, cited to its own sources. The answers stand as "
        "given, with no judgement, score or rating added. Lettered marks lead to notes on the "
        "sources at the end.",
    ]


def layout(r: BriefView, annotated: bool = False) -> list[Block]:
    """A self-contained brief: the parts, the sources, the notes on the sources, the
    footnotes, then the licence (`annotated`: `annotated_layout`)."""
    if annotated:
        return annotated_layout(r)
    short = r["short"]
    notes = Checker()
    blocks: list[Block] = [
        _title(r),
        Para(opening(r)),
    ]
    cites = LocalCites()
    for part in r["parts"]:
        match part["view"]:
            case "feature":
                blocks += read_feature(part, short, notes)
                if "local" in part:
                    blocks += local_self_evaluation(part["local"], part["number"], cites)
            case "outcome":
                blocks += read_outcome(part, notes)
            case "project":
                blocks += read_project(part, notes)
            case _:
                assert_never(part)
    if "local" in r:  # each owner's evidence, after the document's
        blocks += local_sections(r["local"], cites)
    # The footnotes' notes are gathered before the references', so that letters follow the
    # order in which a reader meets the marks: body, footnotes (at each page's foot), sources.
    by_number = {str(n["number"]): n for n in r["footnotes"]}
    sources = {s["id"]: s for s in r["sources"]}
    sections = {s["key"]: s for s in r["framework"]["sections"]}
    framework = r["framework"]["source"]
    written: list[tuple[int | str, Spans]] = []
    for key in _cited(blocks):
        if str(key) in by_number:
            note = by_number[str(key)]
            written.append((key, read_note(note, sources.get(note["source"] or ""), notes)))
        elif str(key) in cites.notes:
            written.append((key, cites.notes[str(key)]))
        else:
            written.append((key, framework_note(framework, sections[str(key)])))
    if "sources" in r["sections"]:
        references = sorted([framework, *r["sources"]], key=cite.harvard_order)
        listed_refs = [read_reference(s, notes) for s in references]
        blocks += [Heading(2, "Sources"), Bullets(listed_refs), *cites.references()]
    blocks += notes.blocks()
    # Numbered by use, as Word numbers them; before the licence, as a report prints them.
    blocks.append(Notes(written, by_use=True))
    return blocks + _licence(r, linked=True)


def _title(r: BriefView) -> Title:
    """A brief's title block: its title, and what it is from (and whose evidence beside)."""
    doc = r["document"]
    return Title(
        r["title"],
        [
            "From ",
            Em(doc["title"]),
            ": ",
            doc["subtitle"],
            f" ({doc['author']}; produced {doc['produced']}, published {doc['published']})",
            _with_owners(r),
        ],
    )


def _licence(r: BriefView, *, linked: bool) -> list[Block]:
    """The document's licence and attribution, as its licence asks every copy to carry
    (`linked`: its address a link), and that they do not cover an owner's evidence."""
    doc = r["document"]
    licence = doc["licence"]
    address: list[str | Link] = (
        [Link("web", licence["url"], licence["url"])] if linked else [licence["url"]]
    )
    blocks: list[Block] = [Heading(2, "Licence and attribution")]
    if not r["short"]:
        blocks.append(Para([licence["statement"]]))
    attribution: Spans = [Em(doc["title"]), f", {doc['copyright']}. ", doc["attribution"]]
    blocks.append(Para([*attribution, f" {licence['name']}: ", *address]))
    if _owners(r):
        blocks.append(Para([not_licensed(_owners(r))]))
    return blocks


def _owners(r: BriefView) -> list[str]:
    """The owners of the local evidence a brief holds, each once, in the order met."""
    found = [p["owner"] for p in r.get("local", [])]
    for part in r["parts"]:
        if part["view"] == "feature":
            found += [p["owner"] for p in part.get("local", [])]
    return list(dict.fromkeys(found))


def _with_owners(r: BriefView) -> str:
    """The end of a brief's title line: with local evidence, whose it is too."""
    owners = _owners(r)
    if not owners:
        return "."
    whose = listed([possessive(o) for o in owners])
    return f", with {whose} own evidence."
