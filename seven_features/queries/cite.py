"""What `sevenf cite` exports: the sources behind a selection, the document's and, beside
them, those of local evidence files. The one place the selection is worked out; the
command only reads its options and says the notes.
"""

from __future__ import annotations

from seven_features.queries import query
from seven_features.queries.brief import framework_sections
from seven_features.queries.citations import gather, gather_local, unsourced
from seven_features.queries.local import numbers as local_numbers

TYPE_CHECKING = False
if TYPE_CHECKING:
    from seven_features.corpus.indexed import Corpus
    from seven_features.queries.citations import Citations, LocalEntry


def cite(
    corpus: Corpus,
    footnotes: list[str],
    features: list[str],
    outcomes: list[str],
    projects: list[str],
    *,
    framework: bool = False,
) -> tuple[Citations, list[str]]:
    """The citations a selection stands for, and what to say of them on stderr.

    A feature, outcome or project stands for the footnotes its view cites and for the
    framework, whose text it is; with no selection, every source and the framework. With
    local evidence, a local file's own project names the records of it, and the local
    sources are exported beside the document's (see `_local`)."""
    notes: list[str] = []
    own: dict[str, list[str]] = {}
    if corpus.local and projects:  # a REF may name a local file's own project
        projects, own = query.split_projects(corpus, projects)
    selected = bool(features or outcomes or projects)
    only_framework = framework and not (footnotes or selected)
    only_own = bool(own) and not (footnotes or selected)  # none of the document's records
    chosen = (
        []
        if only_framework or only_own
        else query.cited_numbers(corpus, footnotes, features, outcomes, projects)
    )
    sections = (
        framework_sections(corpus, features, outcomes, projects)
        if chosen is None or selected or framework
        else None
    )
    result = gather(corpus, chosen, every_source=chosen is None, framework=sections)
    notes += unsourced(result)
    if chosen == [] and not only_framework:
        notes.append("the selection cites no footnote, so no evaluation report is exported")
    if corpus.local:
        result["local"] = _local(corpus, result, chosen is None, features, outcomes, own, notes)
    return result, notes


def _local(
    corpus: Corpus,
    result: Citations,
    everything: bool,
    features: list[str],
    outcomes: list[str],
    own: dict[str, list[str]],
    notes: list[str],
) -> list[LocalEntry]:
    """The local sources a selection exports beside the document's: every one with no
    selection; those the local records linked to the features, outcomes or local projects
    chosen cite; none for footnotes or the document's projects alone."""
    taken = [e["key"] for e in result["entries"]]
    if everything:
        return gather_local(corpus, taken)
    feature_ids = [r["id"] for r in query.each_once(corpus, "feature", features)]
    outcome_ids = [r["id"] for r in query.each_once(corpus, "outcome", outcomes)]
    wanted_features = local_numbers(corpus, "feature", feature_ids) or set()
    wanted_outcomes = local_numbers(corpus, "outcome", outcome_ids) or set()
    found = gather_local(
        corpus, taken, features=wanted_features, outcomes=wanted_outcomes, projects=own
    )
    if not (wanted_features or wanted_outcomes or own):
        notes.append(
            "footnotes, projects and the framework are the document's, so no local source is "
            "exported: choose --feature or --outcome, or nothing, for the local ones"
        )
    elif not found:
        notes.append("no local record linked to the selection cites a source")
    return found
