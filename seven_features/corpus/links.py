"""The links the document makes between features and projects, and the basis of each.

The document never says "project P demonstrated feature F". What it does, in each
feature's in-depth section, is quote projects' evaluations, print findings, and
now and then name a project in the feature's own text. Those are the only links
sevenf draws, computed here once from the data, and each carries its basis in the
document's own terms so that no view can read more into a link than the text holds.
Where every basis of a link is a quote, the link rests only on who is quoted.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping
    from typing import Any, Literal, TypeAlias

    from seven_features.corpus.indexed import Corpus
    from seven_features.corpus.records import Basis, Feature, Link, Project

    BasisKind: TypeAlias = Literal["named", "finding", "quote"]

#: Each basis in the document's own terms, as every view prints it.
WORDING: dict[BasisKind, str] = {
    "named": "named in the feature's text",
    "finding": "a finding printed in this feature's section",
    "quote": "quoted from its evaluation in this feature's section",
}
#: The same, short, where a line names several links.
SHORT: dict[BasisKind, str] = {
    "named": "named in its text",
    "finding": "a finding in its section",
    "quote": "quoted in its section",
}
#: What a link that rests only on quotes does not mean.
QUOTED_ONLY = (
    "A link by quotes alone rests only on who is quoted: the document quotes the project's "
    "evaluation in the feature's section and does not say that the project demonstrated "
    "the feature."
)
#: The parts of a feature's section after its definition that can name a project, in order.
PARTS: tuple[tuple[Literal["differences", "pitfalls"], str], ...] = (
    ("differences", "What difference does it make?"),
    ("pitfalls", "Potential pitfalls"),
)


def _names(project: Project) -> list[str]:
    """The words that name a project in running text: its name and aliases, longest first."""
    return sorted({project["name"], *project["aliases"]}, key=len, reverse=True)


def _texts(feature: Feature) -> Iterator[tuple[str, str]]:
    """(where, text) for each paragraph or point of a feature's section, in order."""
    for paragraph in feature["definition"]:
        yield "Definition", paragraph
    for field, label in PARTS:
        for point in feature[field]:
            where = f"{label} › {point['headline']}"
            yield where, f"{point['headline']} {point['explanation']}"


def _named(feature: Feature, project: Project) -> Iterator[Basis]:
    """Where a feature's text names the project: case and whole words as printed."""
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, _names(project))) + r")\b")
    for where, text in _texts(feature):
        found = list(dict.fromkeys(m.group() for m in pattern.finditer(text)))
        if found:
            detail = ", ".join(f"‘{word}’" for word in found)
            yield _basis("named", where, detail, [])


def _basis(kind: BasisKind, ref: str, detail: str, footnotes: list[int]) -> Basis:
    return {
        "kind": kind,
        "wording": WORDING[kind],
        "ref": ref,
        "detail": detail,
        "footnotes": footnotes,
    }


def feature_links(corpus: Corpus, feature_id: str) -> list[Link]:
    """The projects the document links to one feature: those its text names, then those of
    the findings printed in its section, then those quoted, each in the section's order."""
    return corpus.memo("links-by-feature", lambda: _by(all_links(corpus), "feature")).get(
        feature_id, []
    )


def _feature_links(corpus: Corpus, feature_id: str) -> list[Link]:
    feature = corpus.feature_by_id[feature_id]
    bases: dict[str, list[Basis]] = {}
    for project in corpus.projects.values():
        for basis in _named(feature, project):
            bases.setdefault(project["id"], []).append(basis)
    for finding in corpus.findings.where("features", feature_id):
        for project_id in finding["projects"]:
            basis = _basis("finding", finding["id"], "", finding["footnotes"])
            bases.setdefault(project_id, []).append(basis)
    for quote in corpus.quotes.where("feature", feature_id):
        footnotes = [] if quote["footnote"] is None else [quote["footnote"]]
        basis = _basis("quote", quote["id"], quote["attribution"], footnotes)
        bases.setdefault(quote["project"], []).append(basis)
    return [
        {
            "feature": feature_id,
            "project": project_id,
            "bases": found,
            "quoted_only": all(b["kind"] == "quote" for b in found),
        }
        for project_id, found in bases.items()
    ]


def compute(corpus: Corpus) -> list[Link]:
    """Every feature–project link, feature by feature, worked out from the text: once,
    when the data is validated (the cache keeps the result with the data)."""
    return [link for f in corpus.features for link in _feature_links(corpus, f["id"])]


def all_links(corpus: Corpus) -> list[Link]:
    """Every feature–project link, feature by feature, as the validated data holds them."""
    known = corpus.links
    if known is None:  # a corpus built in memory, not read from the cache
        corpus.links = known = compute(corpus)
    return known


def project_links(corpus: Corpus, project_id: str) -> list[Link]:
    """The features the document links to one project, in the features' order."""
    return corpus.memo("links-by-project", lambda: _by(all_links(corpus), "project")).get(
        project_id, []
    )


def _by(every: list[Link], side: Literal["feature", "project"]) -> dict[str, list[Link]]:
    found: dict[str, list[Link]] = {}
    for link in every:
        found.setdefault(link[side], []).append(link)
    return found


def wordings(bases: Iterable[Mapping[str, Any]]) -> list[str]:
    """The words that say how a link was made, each once: two quotes in a feature's
    section are one reason, not two."""
    return list(dict.fromkeys(basis["wording"] for basis in bases))
