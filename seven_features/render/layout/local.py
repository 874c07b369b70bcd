"""Local evidence laid out as blocks: a section per owner, never in the document's voice.

Each local evidence file a view was asked with (`queries/local.py`) stands in a section
of its own, headed with its owner's name ("From Example Borough Council's evidence"),
after the document's own content and before its footnotes. Every item ends with its
citation, which names the owner too, so no local words stand anywhere without it.
"""

from __future__ import annotations

from seven_features.render.blocks import (
    Aside,
    Bullets,
    Em,
    Heading,
    Pairs,
    Para,
    Quote,
    Small,
    Strong,
    anchor,
)
from seven_features.wording import counted, listed, possessive

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence
    from typing import Any, Literal

    from seven_features.queries.results import LocalPart, LocalProjectView, LocalSourceShown
    from seven_features.render.blocks import Block, Spans

#: The three questions a self-evaluation answers, as its answers are labelled.
QUESTIONS = (
    "What do we know about the quality of our practice?",
    "How do we know it?",
    "What do we plan to do next?",
)


def file_name(path: str) -> str:
    """A local file as a reader is told of it: its name, not where it lies on a disk."""
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def paragraphs(words: str) -> list[str]:
    """An owner's answer in its paragraphs: a YAML block (`|`) keeps blank lines between them."""
    import re

    return [p for p in re.split(r"\n\s*\n", words.strip()) if p.strip()] or [words]


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


def hit_cite(part: LocalPart, ref: Mapping[str, Any]) -> Spans:
    """The citation ending a search hit on one of `part`'s records (`ref` as a hit gives it)."""
    kind, key, owner = ref["kind"], ref["id"], part["owner"]
    if kind == "local-source":
        found = next(s for s in part["sources"] if s["id"] == key)
        return [Small(f" (A source in {possessive(owner)} evidence: {source_words(found)}.)")]
    if kind == "local-project":
        return [Small(f" ({possessive(owner)} own project or service)")]
    if kind == "local-self-evaluation":
        return [Small(f" ({possessive(owner)} self-evaluation, in its own words)")]
    records: dict[str, Sequence[Any]] = {
        "local-finding": part["findings"],
        "local-quote": part["quotes"],
        "local-note": part["notes"],
    }
    record = next(r for r in records[kind] if r["id"] == key)
    return cite(part, record["source"], record["page"])


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
    ids: bool = False,
    cite_with: Callable[[LocalPart, str | None, str | None], Spans] | None = None,
) -> list[Block]:
    """A section for each local file: its findings, quotes, notes and projects, each item
    ending with `cite_with`'s citation (default: `cite`'s, in words); `ids`: each item named
    by `anchor('local-finding', id)` and so on, so a link lands on it."""
    citation = cite_with or cite

    def named(kind: str, records: Sequence[Any]) -> list[str] | None:
        return [anchor(f"local-{kind}", r["id"]) for r in records] if ids else None

    blocks: list[Block] = []
    sub: Literal[3] = 3
    for part in found:
        owner = part["owner"]

        def cited(kind: str, words: str, part: LocalPart = part) -> Bullets:
            """The part's findings or notes, each its words, its links and its citation."""
            records: list[Any] = part[f"{kind}s"]  # type: ignore[literal-required]
            return Bullets(
                [
                    [
                        r[words],
                        Em(f" [{_linked(r['features'], r['outcomes'])}]"),
                        *citation(part, r["source"], r["page"]),
                    ]
                    for r in records
                ],
                named(kind, records),
            )

        blocks += [
            Heading(top, heading(owner)),
            Aside(
                [
                    f"Not from the document: {possessive(owner)} own evidence, from the local "
                    f"evidence file {file_name(part['file'])}. Each item names its source."
                ]
            ),
        ]
        answers = part.get("self_evaluation", [])
        shown = part["findings"] or part["quotes"] or part["notes"] or part["projects"] or answers
        if not shown:
            blocks.append(Aside([f"{possessive(owner)} evidence holds nothing on this."]))
            continue
        if part["findings"]:
            blocks += [Heading(sub, f"Findings ({owner})"), cited("finding", "statement")]
        if part["quotes"]:
            blocks.append(Heading(sub, f"Quotes ({owner})"))
            # A footnote (a brief's) does not name the owner where the quote stands: say it.
            whose = [Em(f" ({possessive(owner)} evidence)")] if cite_with else []
            blocks += [
                Quote(
                    [q["text"]],
                    [q["attribution"], *whose, *citation(part, q["source"], q["page"])],
                )
                for q in part["quotes"]
            ]
        if part["notes"]:
            blocks += [Heading(sub, f"Notes ({owner})"), cited("note", "text")]
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
                    ],
                    named("project", part["projects"]),
                ),
            ]
        if answers:
            blocks.append(Heading(sub, f"Self-evaluation ({owner})"))
            for answer in answers:
                blocks += [
                    Para([Strong(f"Feature {answer['feature']}")]),
                    *self_evaluation(part, answer["feature"]),
                ]
    return blocks


def self_evaluation(part: LocalPart, feature: int) -> list[Block]:
    """An owner's own answers for one feature, in their words, headed with their name."""
    answers = [s for s in part.get("self_evaluation", []) if s["feature"] == feature]
    owner = part["owner"]
    if not answers:
        return [Aside([f"{owner} gives no self-evaluation for this feature."])]
    a = answers[0]
    blocks: list[Block] = [Para([Em(f"{possessive(owner)} self-evaluation, in its own words:")])]
    said = (a["quality"], a["how_we_know"], a["next_steps"])
    for question, answer in zip(QUESTIONS, said, strict=True):
        blocks += [Para([Strong(question)]), *(Para([p]) for p in paragraphs(answer))]
    return blocks


def count_words(part: LocalPart) -> str:
    """What an owner's section holds, in words: '2 findings, 1 quote'."""
    held = [
        counted(len(records), noun)
        for noun, records in (
            ("source", part["sources"]),
            ("finding", part["findings"]),
            ("quote", part["quotes"]),
            ("note", part["notes"]),
            ("project", part["projects"]),
            ("self-evaluation", part.get("self_evaluation", [])),
        )
        if records
    ]
    return listed(held) if held else "nothing"


def project(r: LocalProjectView) -> list[Block]:
    """A local file's own project or service: what the file says of it (its records about
    it follow, as every view's local evidence does)."""
    blocks: list[Block] = [
        Heading(1, f"{r['name']} ({r['owner']})"),
        Aside(
            [
                f"Not from the document: a project or service of {r['owner']}, "
                f"from the local evidence file {file_name(r['file'])}."
            ]
        ),
    ]
    if r["description"]:
        blocks.append(Para([r["description"]]))
    blocks.append(Pairs([("Linked to", [_linked(r["features"], r["outcomes"])])]))
    return blocks


def owner_page(part: LocalPart) -> list[Block]:
    """An owner's own page of a site: all their evidence file holds, each item cited and
    named (`anchor`), their sources, and their self-evaluation, under their name."""
    owner = part["owner"]
    blocks: list[Block] = [Heading(1, f"{owner}: local evidence"), *sections([part], ids=True)]
    if part["sources"]:
        blocks += [
            Heading(3, f"Sources ({owner})"),
            Bullets(
                [[source_words(s), Small(f" ({owner})")] for s in part["sources"]],
                [anchor("local-source", s["id"]) for s in part["sources"]],
            ),
        ]
    return blocks
