"""Local evidence in a brief: each owner's section, its self-evaluation, and their citations.

A brief cites an owner's evidence as it cites the document's: every finding, quote and
note ends with a footnote to its source (with its page), and the sources it cites are
listed with the references, under a subheading that names the owner. No local words
stand without the owner's name beside them: each section and subheading names it, and
so does each footnote ("Example Borough Council's evidence, not the document's"). The
self-evaluation is the owner's answers as given; sevenf adds no judgement, score or
rating of its own.
"""

from __future__ import annotations

from seven_features.render.blocks import (
    Aside,
    Bullets,
    Cite,
    Em,
    Heading,
    Para,
    Quote,
    Small,
    Strong,
)
from seven_features.render.layout import local
from seven_features.render.layout.local import QUESTIONS, file_name, paragraphs
from seven_features.wording import listed, possessive

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

    from seven_features.queries.results import LocalPart, LocalSourceShown
    from seven_features.render.blocks import Block, Spans


def _head(source: LocalSourceShown) -> Spans:
    """'Example Borough Council Quality Assurance Team (September 2025) *Title*'."""
    return [f"{source['author']} ({source['date']}) ", Em(source["title"])]


class LocalCites:
    """The footnotes a brief gives local evidence, one for each owner's source and page
    (keyed 'local-N', N by first use), and the sources so cited, by file, for the
    references under each owner's name."""

    def __init__(self) -> None:
        #: A footnote's text by its key.
        self.notes: dict[str, Spans] = {}
        self._keys: dict[tuple[str, str, str | None], str] = {}
        #: By file: its owner and the sources cited, by id, in order of first use.
        self._sources: dict[str, tuple[str, dict[str, LocalSourceShown]]] = {}
        #: Where each local record (file, kind, id) first stands in full in a brief.
        self.placed: dict[tuple[str, str, str], str] = {}

    def cite(self, part: LocalPart, source: str | None, page: str | None = None) -> Spans:
        """What ends a local item: a footnote to its source and page; without a source, the
        owner's name and that none is given."""
        owner = part["owner"]
        if source is None:
            return [Small(f" ({owner}; no source given)")]
        found = next(s for s in part["sources"] if s["id"] == source)
        at = page or found["page"]
        _, cited = self._sources.setdefault(part["file"], (owner, {}))
        cited.setdefault(source, found)
        where = (part["file"], source, at)
        key = self._keys.get(where)
        if key is None:
            key = self._keys[where] = f"local-{len(self._keys) + 1}"
            spans = _head(found)
            spans.append(f", p. {at}." if at else ".")
            spans.append(f" {possessive(owner)} evidence, not the document's.")
            self.notes[key] = spans
        return [Cite(key)]

    def references(self) -> list[Block]:
        """Each owner's sources cited, under a subheading naming the owner, Harvard-style:
        author (date) title, and its address where the file gives one."""
        blocks: list[Block] = []
        for file, (owner, sources) in self._sources.items():
            ordered = sorted(
                sources.values(), key=lambda s: (s["author"].casefold(), s["title"].casefold())
            )
            items: list[Spans] = []
            for source in ordered:
                spans = [*_head(source), "."]
                if source["url"]:
                    spans.append(f" {source['url']}.")
                items.append(spans)
            blocks += [
                Heading(3, f"{possessive(owner)} sources"),
                Aside(
                    [
                        f"Not from the document: sources as {possessive(owner)} local evidence "
                        f"file {file_name(file)} gives them."
                    ]
                ),
                Bullets(items),
            ]
        return blocks


def sections(found: Sequence[LocalPart], cites: LocalCites) -> list[Block]:
    """A section for each owner after the document's evidence, each item cited by footnote."""
    return local.sections(found, cite_with=cites.cite)


def _evidence(part: LocalPart, cites: LocalCites, where: str) -> list[Block]:
    """An owner's evidence on one feature (`where` it stands): findings, quotes, notes,
    then projects; a record that stands in full under an earlier feature is referred to."""
    owner = part["owner"]

    def placed(kind: str, key: str) -> str:
        return cites.placed.setdefault((part["file"], kind, key), where)

    def seen(kind: str, key: str) -> bool:
        return placed(kind, key) != where

    def referral(kind: str, record: Any) -> Spans:
        """A record that bears on this feature too: where it stands in full."""
        first = placed(kind, record["id"])
        if kind == "quote":
            what = f"The words of {record['attribution']} stand"
        else:
            named = [p["name"] for p in part["projects"] if p["id"] == record["project"]]
            what = f"The {kind} on {named[0]}" if named else f"A {kind} on this feature too"
            what += " stands"
        return [Em(f"{what} in full under {first}, above.")]

    findings: list[Spans] = [
        referral("finding", f)
        if seen("finding", f["id"])
        else [Strong("Finding: "), f["statement"], *cites.cite(part, f["source"], f["page"])]
        for f in part["findings"]
    ]
    quotes: list[Block] = [
        Quote(
            [q["text"]],
            [
                q["attribution"],
                Em(f" ({possessive(owner)} evidence)"),
                *cites.cite(part, q["source"], q["page"]),
            ],
        )
        for q in part["quotes"]
        if not seen("quote", q["id"])
    ]
    rest: list[Spans] = [referral("quote", q) for q in part["quotes"] if seen("quote", q["id"])]
    rest += [
        referral("note", n)
        if seen("note", n["id"])
        else [Strong("Note: "), n["text"], *cites.cite(part, n["source"], n["page"])]
        for n in part["notes"]
    ]
    rest += [
        [
            Strong("Project or service: "),
            p["name"],
            f": {p['description']}" if p["description"] else "",
            Small(f" ({owner})"),
        ]
        for p in part["projects"]
    ]
    if not quotes:  # one list, not two that a reader would take for one
        findings, rest = findings + rest, []
    blocks: list[Block] = [Bullets(findings)] if findings else []
    return blocks + quotes + ([Bullets(rest)] if rest else [])


def self_evaluation(found: Sequence[LocalPart], number: int, cites: LocalCites) -> list[Block]:
    """After the document's text on feature `number`: each owner's own answers to the three
    questions, in its words, then its evidence on the feature."""
    blocks: list[Block] = []
    for part in found:
        owner = part["owner"]
        blocks.append(Heading(3, f"{possessive(owner)} self-evaluation"))
        answers = [s for s in part.get("self_evaluation", []) if s["feature"] == number]
        if not answers:
            blocks.append(Aside([f"{owner} gives no self-evaluation for this feature."]))
        for a in answers:
            blocks.append(
                Aside(
                    [
                        f"In {possessive(owner)} own words, from its local evidence file "
                        f"{file_name(part['file'])}; not the document's."
                    ]
                )
            )
            # each answer a quote of the owner's, its name beside it
            said = (a["quality"], a["how_we_know"], a["next_steps"])
            for question, answer in zip(QUESTIONS, said, strict=True):
                words = paragraphs(answer)  # each a paragraph of the quote; the last says whose
                blocks += [Para([Strong(question)]), *(Quote([p], []) for p in words[:-1])]
                blocks.append(Quote([words[-1]], [owner]))
        blocks.append(Heading(3, f"{possessive(owner)} evidence on this feature"))
        blocks += _evidence(part, cites, f"Feature {number}") or [
            Aside([f"{possessive(owner)} evidence holds nothing linked to this feature."])
        ]
    return blocks


def owners(found: Sequence[LocalPart]) -> str:
    """The owners of the local files, each once: 'Example Borough Council and ...'."""
    return listed(list(dict.fromkeys(part["owner"] for part in found)))
