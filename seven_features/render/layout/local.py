"""Local evidence laid out as blocks: a section per owner, never in the document's voice.

Each local evidence file a view was asked with (`queries/local.py`) stands in a section
of its own, headed with its owner's name ("From Example Borough Council's evidence"),
after the document's own content and before its footnotes. Every item ends with its
citation, which names the owner too, so no local words stand anywhere without it.
"""

from __future__ import annotations

from seven_features.render.blocks import Aside, Bullets, Em, Heading, Pairs, Para, Quote, Small
from seven_features.wording import counted, listed

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import Literal

    from seven_features.queries.results import LocalPart, LocalSourceShown
    from seven_features.render.blocks import Block, Spans

#: The three questions a self-evaluation answers, as its answers are labelled.
QUESTIONS = (
    "What do we know about the quality of our practice?",
    "How do we know it?",
    "What do we plan to do next?",
)


def possessive(owner: str) -> str:
    """'Example Borough Council's', 'Children's Services''."""
    return f"{owner}'" if owner.endswith("s") else f"{owner}'s"


def heading(owner: str) -> str:
    """The heading of an owner's section: 'From Example Borough Council's evidence'."""
    return f"From {possessive(owner)} evidence"


def source_words(source: LocalSourceShown, page: str | None = None) -> str:
    """A local source as a reader cites it: author, title, date, and page or address."""
    words = f"{source['author']}, {source['title']}, {source['date']}"
    at = page or source["page"]
    if at:
        words += f", p. {at}"
    if source["url"]:
        words += f", {source['url']}"
    return words


def cite(part: LocalPart, source: str | None, page: str | None = None) -> Spans:
    """The citation ending a local item: its owner, and its source (or that none is given)."""
    owner = part["owner"]
    if source is None:
        return [Small(f" ({owner}; no source given)")]
    found = next(s for s in part["sources"] if s["id"] == source)
    return [Small(f" (Source, {possessive(owner)} evidence: {source_words(found, page)}.)")]


def _linked(features: Sequence[int], outcomes: Sequence[int]) -> str:
    """The features and outcomes a record is linked to, in words: 'feature 3; outcome 1'."""
    said = []
    for noun, numbers in (("feature", features), ("outcome", outcomes)):
        if numbers:
            plural = "s" if len(numbers) > 1 else ""
            said.append(f"{noun}{plural} {listed([str(n) for n in numbers])}")
    return "; ".join(said)


def sections(
    found: Sequence[LocalPart],
    *,
    top: Literal[2, 3] = 2,
    cite_with: Callable[[LocalPart, str | None, str | None], Spans] | None = None,
) -> list[Block]:
    """A section for each local file: its findings, quotes, notes and projects, each item
    ending with `cite_with`'s citation (default: `cite`'s, in words)."""
    citation = cite_with or cite
    blocks: list[Block] = []
    sub: Literal[3] = 3
    for part in found:
        owner = part["owner"]
        blocks += [
            Heading(top, heading(owner)),
            Aside(
                [
                    f"Not from the document: {possessive(owner)} own evidence, from the local "
                    f"evidence file {part['file']}. Each item names its source."
                ]
            ),
        ]
        shown = part["findings"] or part["quotes"] or part["notes"] or part["projects"]
        if not shown:
            blocks.append(Aside([f"{possessive(owner)} evidence holds nothing on this."]))
            continue
        if part["findings"]:
            blocks += [
                Heading(sub, f"Findings ({owner})"),
                Bullets(
                    [
                        [
                            f["statement"],
                            Em(f" [{_linked(f['features'], f['outcomes'])}]"),
                            *citation(part, f["source"], f["page"]),
                        ]
                        for f in part["findings"]
                    ]
                ),
            ]
        if part["quotes"]:
            blocks.append(Heading(sub, f"Quotes ({owner})"))
            blocks += [
                Quote([q["text"]], [q["attribution"], *citation(part, q["source"], q["page"])])
                for q in part["quotes"]
            ]
        if part["notes"]:
            blocks += [
                Heading(sub, f"Notes ({owner})"),
                Bullets(
                    [
                        [
                            n["text"],
                            Em(f" [{_linked(n['features'], n['outcomes'])}]"),
                            *citation(part, n["source"], n["page"]),
                        ]
                        for n in part["notes"]
                    ]
                ),
            ]
        if part["projects"]:
            blocks += [
                Heading(sub, f"Projects and services ({owner})"),
                Bullets(
                    [
                        [
                            p["name"],
                            f": {p['description']}" if p["description"] else "",
                            Em(f" [{_linked(p['features'], p['outcomes'])}]"),
                            Small(f" ({owner})"),
                        ]
                        for p in part["projects"]
                    ]
                ),
            ]
    return blocks


def self_evaluation(part: LocalPart, feature: int) -> list[Block]:
    """An owner's own answers for one feature, in their words, headed with their name."""
    answers = [s for s in part.get("self_evaluation", []) if s["feature"] == feature]
    owner = part["owner"]
    if not answers:
        return [Aside([f"{owner} gives no self-evaluation for this feature."])]
    a = answers[0]
    return [
        Para([Em(f"{possessive(owner)} self-evaluation, in its own words:")]),
        Pairs(
            [
                (QUESTIONS[0], [a["quality"]]),
                (QUESTIONS[1], [a["how_we_know"]]),
                (QUESTIONS[2], [a["next_steps"]]),
            ]
        ),
    ]


def count_words(part: LocalPart) -> str:
    """What an owner's section holds, in words: '2 findings, 1 quote'."""
    held = [
        counted(len(records), noun)
        for noun, records in (
            ("finding", part["findings"]),
            ("quote", part["quotes"]),
            ("note", part["notes"]),
            ("project", part["projects"]),
        )
        if records
    ]
    return listed(held) if held else "nothing"
