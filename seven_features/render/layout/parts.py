"""The pieces every layout is made of: a finding, a quote, a point, a footnote, a gap.

`views.py` lays out each view, `evidence.py` the evidence paths and the map, `brief.py`
the evidence brief; all three build on these, and this module on none of them.
"""

from __future__ import annotations

import re

from seven_features.corpus.links import SHORT
from seven_features.errors import assert_never
from seven_features.render.blocks import Aside, Cite, Em, Gap, Link, Notes, Quote, Strong
from seven_features.wording import resolved_through

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from typing import Any, TypeAlias

    from seven_features.corpus.records import Figure, Point
    from seven_features.queries.results import (
        Citation,
        FeatureLink,
        FindingShown,
        ProjectFeatures,
        QuoteShown,
    )
    from seven_features.render.blocks import Block, Spans

    #: Any record with a `missing` map of what the source leaves out.
    Gappy: TypeAlias = Mapping[str, Any]

GIVEN = "not given in the source"
#: How a gap names a field where its name alone would not say enough.
FIELD_NAMES = {"marker": "marker in the text", "text": "note"}
#: A gap in a few words where it falls, where "no FIELD given" would not read: the full
#: explanation is in `sevenf source N`, the JSON and --annotated.
SHORT_GAPS = {"marker": "no marker in the text", "text": "no note printed"}
#: What every view that says "by quotes alone" beside a project says once.
ALONE_NOTE = (
    "“By quotes alone” below: such a link rests only on who is quoted. The document quotes "
    "the project's evaluation in the feature's section and does not say that the project "
    "demonstrated the feature."
)
#: A source note about how the document sets its note markers and notes, not its words:
#: shown with --annotated, in `sevenf source N` and the JSON.
_TYPESETTING = re.compile(r"\bmarkers?\b|^Printed (?:after|before) footnote", re.IGNORECASE)


def typesetting(remark: str) -> bool:
    """Whether a source note is about the document's note markers, not its words."""
    return _TYPESETTING.search(remark) is not None


#: What a page of sevenf's own says of its words (the site's, a view's in HTML).
READER_WORDS = (
    "Every passage is as the document prints it. Italics mark the titles of documents and "
    "sevenf's own notes, and square brackets what the source does not give."
)


def not_licensed(owners: Sequence[str]) -> str:
    """What a page or brief holding local evidence says of it beside the document's licence."""
    from seven_features.wording import listed, possessive

    whose = listed([possessive(o) for o in dict.fromkeys(owners)])
    return (
        f"{whose} evidence, marked as such wherever it stands, is not from the document: "
        "the document's licence and attribution do not cover it, and it is quoted as its "
        "owner gives it."
    )


#: The same, where sevenf's readings stand inline (--annotated).
OWN_WORDS = (
    "Every passage is as the document prints it. Italics mark the titles of documents and "
    "sevenf's own notes: readings of figures and pages, notes on the source, and, in square "
    "brackets, what the source does not give."
)
# What a feature's evidence paths say, in `sevenf feature N --evidence` and in a brief.
NO_FINDINGS = "the document reports no findings for this project"
NO_LINKS = (
    "The document links no project to this feature: its section names none, prints no "
    "finding of one and quotes no project's evaluation."
)
PATHS_NOTE = (
    "Each project below is one the document links to this feature, with the basis of the "
    "link, and then every finding the document reports for that project, wherever it is "
    "printed. A finding reported for a project is what that project achieved as the "
    "document reports it; the document does not say which feature it is owed to."
)


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


def gap(record: Gappy, field: str, what: str, *, full: bool = True) -> Spans:
    """What the record leaves out of `field`: in full, with the data's sentence on why; or
    in a few words ("no page given")."""
    if not full:
        return [Gap(SHORT_GAPS.get(field, f"no {what} given"))]
    why = record.get("missing", {}).get(field)
    return [Gap(f"{what} {GIVEN}" + (f": {why}" if why else ""))]


def cites(numbers: list[int]) -> Spans:
    return [Cite(n) for n in numbers]


def said(record: Gappy, *, full: bool = True) -> Spans:
    """The data's source notes on `record` (typos and readings), each after the text; not
    `full`, those on its words only (see `typesetting`)."""
    shown = [r for r in record.get("remarks", []) if full or not typesetting(r)]
    return [s for r in shown for s in (" ", Em(f"(Source note: {r})"))]


def gaps(record: Gappy, fields: tuple[str, ...], *, full: bool = True) -> Spans:
    """A gap for each of `fields` the data records as left out, each after the text."""
    missing = record.get("missing", {})
    return [
        s
        for f in fields
        if f in missing
        for s in (" ", *gap(record, f, FIELD_NAMES.get(f, f), full=full))
    ]


def citation(note: Citation, *, full: bool = True) -> Spans:
    """A footnote as printed, then what it resolves to, what it leaves out and its notes;
    not `full`, each gap in a few words and the notes on its words only."""
    printed = note["printed"]
    spans: Spans = [Link("footnote", note["number"], printed)] if printed is not None else []
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
        chain = [Link("footnote", n, str(n)) for n in note["resolved_through"]]
        spans += [" → ", resolved, Em([" (", *resolved_through(chain), ")"])]
    fields = ("text", "source", "year", "page", "marker")
    spans += gaps(note, fields, full=full) + said(note, full=full)
    return spans[1:] if spans[:1] == [" "] else spans


def notes(result: Mapping[str, Any], *, full: bool = True) -> list[Block]:
    """The notes of every footnote the result cites (each format heads them as it does)."""
    used: list[Citation] = result.get("footnotes") or []
    return [Notes([(n["number"], citation(n, full=full)) for n in used])] if used else []


def framework_cite(passage: Mapping[str, Any]) -> Spans:
    """In a brief, a passage with no footnote of its own is cited to the framework it
    stands in (`brief.py` adds the section it is placed in); elsewhere, nothing."""
    section = passage.get("framework")
    return [Cite(section["key"])] if section else []


def kinds(bases: list[str]) -> str:
    """The kinds of a link's bases, short, each once."""
    return ", ".join(dict.fromkeys(SHORT[b] for b in bases))  # type: ignore[index]


def linked(link: FeatureLink) -> list[str | Link]:
    """A feature–project link seen from the project: the feature and how the document links it."""
    how = kinds([b["kind"] for b in link["bases"]])
    return [Link("feature", link["id"], f"feature {link['number']}"), f" ({how})"]


def project_features(entry: ProjectFeatures) -> list[str | Link]:
    """A finding's project and the features the document links to it, each a link."""
    features: list[str | Link] = []
    for link in entry["features"]:
        features += ["; ", *linked(link)] if features else linked(link)
    project = entry["project"]
    name = Link("project", project["id"], project["name"])
    return [name, " [linked to ", *(features or ["no feature"]), "]"]


def project_line(entry: ProjectFeatures) -> list[str | Link]:
    """A finding's project and the features the document links to it, in a short line,
    each a link where it has a page: 'Signs of Safety: feature 1 (quoted in its section)'."""
    features: list[str | Link] = []
    for link in entry["features"]:
        features += ["; ", *linked(link)] if features else linked(link)
    project = Link("project", entry["project"]["id"], entry["project"]["name"])
    return [project, ": ", *(features or ["no feature linked"])]


def names(records: Sequence[Mapping[str, Any]], label: str = "{name}") -> list[tuple[str, str]]:
    """Records as (id, label) pairs for `links`."""
    return [(r["id"], label.format(**r)) for r in records]


def finding(
    f: FindingShown,
    *,
    with_outcome: bool = False,
    paths: list[ProjectFeatures] | None = None,
    annotated: bool = False,
) -> Spans:
    """A finding as printed and its footnotes, then who it is reported for (the features
    the document links to each project, given `paths`) and its outcome, after a dash;
    `annotated`, sevenf's full reading in brackets: figures read, gaps in full."""
    if annotated:
        return _annotated_finding(f, with_outcome=with_outcome, paths=paths)
    spans: Spans = [f["statement"]]
    if f["truncated"]:
        spans.append(Gap("sentence breaks off in the source"))
    if f["footnotes"]:
        spans += cites(f["footnotes"])
    else:
        spans += [*framework_cite(f), " ", *gap(f, "footnotes", "footnote", full=False)]
    details: list[list[str | Link]] = []
    if paths:
        line: list[str | Link] = []
        for path in paths:
            line += ["; ", *project_line(path)] if line else project_line(path)
        details.append(line)
    elif f["projects"]:
        details.append(_between([Link("project", k, t) for k, t in names(f["projects"])], ", "))
    if with_outcome and f["outcome"]:
        o = f["outcome"]
        details.append([Link("outcome", o["id"], f"outcome {o['number']}: {o['name']}")])
    if details:
        run: list[str | Link] = ["— "]
        for i, detail in enumerate(details):
            run += [" · ", *detail] if i else detail
        spans += [" ", Em(run)]
    return spans + said(f, full=False)


def _annotated_finding(
    f: FindingShown, *, with_outcome: bool = False, paths: list[ProjectFeatures] | None = None
) -> Spans:
    """A finding as printed, its footnotes, and sevenf's reading: figures, projects (with
    the features the document links to each, given `paths`), its outcome."""
    spans: Spans = [f["statement"]]
    if f["truncated"]:
        spans.append(Em(" [sentence breaks off in the source]"))
    if f["footnotes"]:
        spans += cites(f["footnotes"])
    else:  # in a brief, cited to the framework it stands in; the gap then says why
        spans += [*framework_cite(f), " ", *gap(f, "footnotes", "footnote")]
    details: list[list[str | Link]] = []
    if f["figures"]:
        details.append(
            ["figures: " + "; ".join(f"“{x['printed']}” = {figure(x)}" for x in f["figures"])]
        )
    if paths:
        shown_paths: list[str | Link] = []
        for x in paths:
            shown_paths += ["; ", *project_features(x)] if shown_paths else project_features(x)
        details.append(["projects: ", *shown_paths])
    elif f["projects"]:
        shown = [Link("project", key, text) for key, text in names(f["projects"])]
        details.append(["projects: ", *_between(shown, ", ")])
    if with_outcome and f["outcome"]:
        o = f["outcome"]
        details.append([Link("outcome", o["id"], f"outcome {o['number']}: {o['name']}")])
    if details:
        run: list[str | Link] = ["("]
        for i, detail in enumerate(details):
            run += ["; ", *detail] if i else detail
        spans += [" ", Em([*run, ")"])]
    return spans + said(f)


def _between(items: Sequence[str | Link], sep: str) -> list[str | Link]:
    """Text and links with `sep` between them, to stand in a styled run (as `blocks.join`)."""
    out: list[str | Link] = []
    for item in items:
        if out:
            out.append(sep)
        out.append(item)
    return out


def quote(q: QuoteShown, *, with_feature: bool = False, full: bool = True) -> Block:
    """A quote as printed, then its attribution as printed, its citation and its gaps (not
    `full`: each in a few words, and the source notes on its words only)."""
    attribution: Spans = [q["attribution"]]
    in_brief = bool(framework_cite(q))
    if q["footnote"] is not None:
        attribution += cites([q["footnote"]])
        # the footnote's page (a page in the attribution is printed there already); a brief's
        # footnote gives it already
        if q["page"] and not in_brief:
            attribution.append(Em(f" (page {q['page']})"))
    else:  # in a brief: cited to the framework it stands in; the gaps then say why
        attribution += framework_cite(q)
    for field in ("speaker", "footnote", "page"):
        if field in q["missing"]:
            attribution += [" ", *gap(q, field, field, full=full)]
    if with_feature:
        f = q["feature"]
        attribution.append(
            Em([" [", Link("feature", f["id"], f"feature {f['number']}: {f['name']}"), "]"])
        )
    return Quote([q["text"]], attribution + said(q, full=full))


def point(p: Point) -> Spans:
    return [
        Strong(p["headline"]),
        p["separator"],
        p["explanation"],
        *cites(p.get("footnotes", [])),
    ]


def remarks(record: Mapping[str, Any]) -> list[Block]:
    return [Aside(["Source note: ", r]) for r in record.get("remarks", [])]
