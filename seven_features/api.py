"""sevenf as a Python library: one function per query command, returning what its `--json` prints.

    from seven_features import api

    api.findings(outcome="reduced risk")      # == json.loads(`sevenf findings --outcome
                                              #    "reduced risk" --json`)
    api.feature("3", evidence=True)
    api.search("co-location")
    evidence = api.load("path/to/data")       # another data folder: the same functions
    ours = api.load(local=["ours.yaml"])      # with a local evidence file, as --local

Each function takes its command's arguments by the same names (`--via` is `via=`,
`--limit` is `limit=`, `--document-only` is `document_only=`); a repeatable option takes
one REF or a list of them, and several REFs give a list, as on the command line. What
comes back is plain JSON data (dicts, lists, strings, numbers, None), a fresh copy each
time, equal to `json.loads` of the command's `--json`; `sevenf schema COMMAND` describes it.
A REF that names nothing raises `seven_features.errors.NotFound`, a bad argument
`UsageError` (both `SevenfError`, with the message the command line prints).

Importing this module changes nothing in the process: no signal handler, no output, no
data read. The data is read (from sevenf's cache when it can) on the first call.
"""

from __future__ import annotations

import json

from seven_features.errors import UsageError
from seven_features.queries.choices import MOST_HITS

TYPE_CHECKING = False
if TYPE_CHECKING:
    import os
    from collections.abc import Iterable
    from typing import Any, TypeAlias

    from seven_features.corpus.indexed import Corpus
    from seven_features.queries.results import (
        AboutView,
        BriefView,
        ChartView,
        EnablersView,
        EnablerView,
        FeatureEvidenceView,
        FeaturesView,
        FeatureView,
        FindingsView,
        FootnotesView,
        MapView,
        OutcomeEvidenceView,
        OutcomesView,
        OutcomeView,
        PitfallsView,
        ProjectsView,
        ProjectView,
        QuotesView,
        SearchView,
        SourcesView,
        SourceView,
        TableView,
        ValidateView,
    )

    #: One REF or several: a number or words, as on the command line.
    Refs: TypeAlias = str | int | Iterable[str | int] | None
    FeatureAnswer: TypeAlias = (
        FeatureView | FeatureEvidenceView | list[FeatureView] | list[FeatureEvidenceView]
    )
    OutcomeAnswer: TypeAlias = (
        OutcomeView | OutcomeEvidenceView | list[OutcomeView] | list[OutcomeEvidenceView]
    )

__all__ = [
    "Evidence",
    "about",
    "brief",
    "enabler",
    "enablers",
    "feature",
    "features",
    "findings",
    "footnotes",
    "load",
    "map",
    "outcome",
    "outcomes",
    "pitfalls",
    "project",
    "projects",
    "quotes",
    "search",
    "source",
    "sources",
    "table",
    "validate",
]


def _json(result: object) -> Any:
    """What `--json` prints, read back: plain data, a copy that shares nothing with the corpus."""
    return json.loads(json.dumps(result, ensure_ascii=False, allow_nan=False))


def _words(refs: Refs) -> list[str]:
    """A repeatable option's REFs as the command line gives them: a list of words."""
    if refs is None:
        return []
    if isinstance(refs, str | int):
        return [str(refs)]
    return [str(r) for r in refs]


def _given(refs: tuple[str | int, ...], what: str) -> list[str]:
    if not refs:
        raise UsageError(f"no {what} given: name one by number or by a word of its name")
    return [str(r) for r in refs]


class Evidence:
    """The framework and its evidence from one data folder, with a method per query command
    (the module's functions call those of `load()`)."""

    __slots__ = ("_corpus", "directory", "local")

    def __init__(
        self,
        data: str | os.PathLike[str] | None = None,
        local: Iterable[str | os.PathLike[str]] = (),
    ) -> None:
        from seven_features.corpus import datafiles

        #: The data folder: `data`, else $SEVENF_DATA, else the data shipped with sevenf.
        self.directory = datafiles.data_dir(None if data is None else str(data))
        #: Local evidence files, shown beside the document's as with --local.
        self.local = tuple(str(path) for path in local)
        self._corpus: Corpus | None = None

    def __repr__(self) -> str:
        local = f", local={list(self.local)!r}" if self.local else ""
        return f"Evidence({self.directory!r}{local})"

    def corpus(self, document_only: bool = False) -> Corpus:
        """The validated data (read once), with `document_only` without public records."""
        if self._corpus is None:
            from seven_features.corpus import load

            corpus = load.read_corpus(self.directory)
            if self.local:
                files = [load.read_local(*f, corpus) for f in load.read_locals(self.local)]
                corpus = corpus.with_local(files)
            self._corpus = corpus
        return self._corpus.document_only() if document_only else self._corpus

    # --- lists -----------------------------------------------------------------------

    def about(self) -> AboutView:
        """`sevenf about`: the document itself and its programme."""
        from seven_features.queries import query

        return _json(query.about(self.corpus()))  # type: ignore[no-any-return]

    def features(self) -> FeaturesView:
        """`sevenf features`."""
        from seven_features.queries import query

        return _json(query.list_features(self.corpus()))  # type: ignore[no-any-return]

    def outcomes(self, *, chart: bool = False) -> OutcomesView | ChartView:
        """`sevenf outcomes [--chart]`."""
        from seven_features.queries import query

        build = query.outcomes_chart if chart else query.list_outcomes
        return _json(build(self.corpus()))  # type: ignore[no-any-return]

    def enablers(self) -> EnablersView:
        """`sevenf enablers`."""
        from seven_features.queries import query

        return _json(query.list_enablers(self.corpus()))  # type: ignore[no-any-return]

    def projects(self) -> ProjectsView:
        """`sevenf projects`."""
        from seven_features.queries import query

        return _json(query.list_projects(self.corpus()))  # type: ignore[no-any-return]

    def sources(self, *, document_only: bool = False) -> SourcesView:
        """`sevenf sources [--document-only]`."""
        from seven_features.queries import query

        return _json(query.list_sources(self.corpus(document_only)))  # type: ignore[no-any-return]

    def footnotes(self) -> FootnotesView:
        """`sevenf footnotes`."""
        from seven_features.queries import query

        return _json(query.list_footnotes(self.corpus()))  # type: ignore[no-any-return]

    def table(self) -> TableView:
        """`sevenf table`: Table 1 as the document lays it out."""
        from seven_features.queries import query

        return _json(query.table(self.corpus()))  # type: ignore[no-any-return]

    # --- one thing in full -----------------------------------------------------------

    def feature(self, *ref: str | int, evidence: bool = False) -> FeatureAnswer:
        """`sevenf feature REF... [--evidence]`: several REFs give a list."""
        from seven_features.queries import query

        corpus = self.corpus()
        build = query.feature_evidence if evidence else query.feature
        views = query.several(corpus, "feature", _given(ref, "feature"), lambda r: build(corpus, r))
        return _json(views)  # type: ignore[no-any-return]

    def outcome(self, *ref: str | int, evidence: bool = False) -> OutcomeAnswer:
        """`sevenf outcome REF... [--evidence]`: several REFs give a list."""
        from seven_features.queries import query

        corpus = self.corpus()
        views = query.several(
            corpus, "outcome", _given(ref, "outcome"), lambda r: query.outcome(corpus, r, evidence)
        )
        return _json(views)  # type: ignore[no-any-return]

    def enabler(self, ref: str | int) -> EnablerView:
        """`sevenf enabler REF`."""
        from seven_features.queries import query

        return _json(query.enabler(self.corpus(), str(ref)))  # type: ignore[no-any-return]

    def project(
        self, *ref: str | int, document_only: bool = False
    ) -> ProjectView | list[ProjectView]:
        """`sevenf project REF... [--document-only]`: several REFs give a list."""
        from seven_features.queries import query

        corpus = self.corpus(document_only)
        views = query.several(
            corpus, "project", _given(ref, "project"), lambda r: query.project(corpus, r)
        )
        return _json(views)  # type: ignore[no-any-return]

    def source(self, number: str | int, *, document_only: bool = False) -> SourceView:
        """`sevenf source NUMBER [--document-only]`: a footnote."""
        from seven_features.queries import query

        view = query.source(self.corpus(document_only), str(number))
        return _json(view)  # type: ignore[no-any-return]

    # --- cross-cutting views ---------------------------------------------------------

    def quotes(self, *, feature: Refs = None, project: Refs = None) -> QuotesView:
        """`sevenf quotes [--feature REF]... [--project REF]...`."""
        from seven_features.queries import query

        view = query.quotes(self.corpus(), _words(feature), _words(project))
        return _json(view)  # type: ignore[no-any-return]

    def pitfalls(self, *, feature: Refs = None) -> PitfallsView:
        """`sevenf pitfalls [--feature REF]...`."""
        from seven_features.queries import query

        return _json(query.pitfalls(self.corpus(), _words(feature)))  # type: ignore[no-any-return]

    def findings(
        self,
        *,
        outcome: Refs = None,
        project: Refs = None,
        feature: Refs = None,
        via: str = "section",
    ) -> FindingsView:
        """`sevenf findings [--outcome REF]... [--project REF]... [--feature REF]... [--via HOW]`:
        `via="projects"` follows the features' projects, so it needs a feature."""
        from seven_features.queries import query

        view = query.findings(self.corpus(), _words(outcome), _words(project), _words(feature), via)
        return _json(view)  # type: ignore[no-any-return]

    def map(self, *, by: str = "feature") -> MapView:
        """`sevenf map [--by ROWS]`: the evidence map."""
        from seven_features.queries import query

        return _json(query.evidence_map(self.corpus(), by))  # type: ignore[no-any-return]

    def search(self, *text: str, limit: int = 20) -> SearchView:
        """`sevenf search TEXT... [--limit N]`: the words are joined by spaces."""
        from seven_features.queries import query

        if not text:
            raise UsageError("search needs a word to find")
        if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MOST_HITS:
            raise UsageError(f"limit takes a whole number from 1 to {MOST_HITS}, not {limit!r}")
        view = query.search(self.corpus(), " ".join(text), limit)
        return _json(view)  # type: ignore[no-any-return]

    def validate(self) -> ValidateView:
        """`sevenf validate`: what the data holds and every gap the source leaves."""
        from seven_features.queries import query

        view = query.validate_report(self.corpus(), self.directory)
        return _json(view)  # type: ignore[no-any-return]

    def brief(
        self,
        *,
        feature: Refs = None,
        outcome: Refs = None,
        project: Refs = None,
        title: str | None = None,
        sections: str | Iterable[str] | None = None,
        short: bool = False,
        self_evaluation: bool = False,
        document_only: bool = False,
    ) -> BriefView:
        """`sevenf brief ... --format json`: an evidence brief's content; `self_evaluation`
        needs local evidence files (`load(local=[...])`), whose answers it lays out."""
        from seven_features.queries.brief import build

        given = [sections] if isinstance(sections, str) else list(sections or [])
        chosen = [n.strip() for words in given for n in words.split(",") if n.strip()]
        if given and not chosen:
            raise UsageError("sections names no section: give one or more")
        view = build(
            self.corpus(document_only),
            _words(feature),
            _words(outcome),
            _words(project),
            title=title,
            sections=chosen,
            short=short,
            self_evaluation=self_evaluation,
        )
        return _json(view)  # type: ignore[no-any-return]


_loaded: dict[str, Evidence] = {}


def load(
    data: str | os.PathLike[str] | None = None, local: Iterable[str | os.PathLike[str]] = ()
) -> Evidence:
    """The framework and its evidence in the folder `data` (default: $SEVENF_DATA, else the
    data shipped with sevenf), with a method per query command; with `local`, those local
    evidence files beside it, as --local gives them (each record's `origin` says whose)."""
    return Evidence(data, local)


def _default() -> Evidence:
    """The default data, read on the first call and kept for the process."""
    from seven_features.corpus import datafiles

    directory = datafiles.data_dir(None)
    if directory not in _loaded:
        _loaded[directory] = Evidence(directory)
    return _loaded[directory]


def about() -> AboutView:
    """`sevenf about --json`."""
    return _default().about()


def features() -> FeaturesView:
    """`sevenf features --json`."""
    return _default().features()


def outcomes(*, chart: bool = False) -> OutcomesView | ChartView:
    """`sevenf outcomes [--chart] --json`."""
    return _default().outcomes(chart=chart)


def enablers() -> EnablersView:
    """`sevenf enablers --json`."""
    return _default().enablers()


def projects() -> ProjectsView:
    """`sevenf projects --json`."""
    return _default().projects()


def sources(*, document_only: bool = False) -> SourcesView:
    """`sevenf sources [--document-only] --json`."""
    return _default().sources(document_only=document_only)


def footnotes() -> FootnotesView:
    """`sevenf footnotes --json`."""
    return _default().footnotes()


def table() -> TableView:
    """`sevenf table --json`."""
    return _default().table()


def feature(*ref: str | int, evidence: bool = False) -> FeatureAnswer:
    """`sevenf feature REF... [--evidence] --json`."""
    return _default().feature(*ref, evidence=evidence)


def outcome(*ref: str | int, evidence: bool = False) -> OutcomeAnswer:
    """`sevenf outcome REF... [--evidence] --json`."""
    return _default().outcome(*ref, evidence=evidence)


def enabler(ref: str | int) -> EnablerView:
    """`sevenf enabler REF --json`."""
    return _default().enabler(ref)


def project(*ref: str | int, document_only: bool = False) -> ProjectView | list[ProjectView]:
    """`sevenf project REF... [--document-only] --json`."""
    return _default().project(*ref, document_only=document_only)


def source(number: str | int, *, document_only: bool = False) -> SourceView:
    """`sevenf source NUMBER [--document-only] --json`."""
    return _default().source(number, document_only=document_only)


def quotes(*, feature: Refs = None, project: Refs = None) -> QuotesView:
    """`sevenf quotes [--feature REF]... [--project REF]... --json`."""
    return _default().quotes(feature=feature, project=project)


def pitfalls(*, feature: Refs = None) -> PitfallsView:
    """`sevenf pitfalls [--feature REF]... --json`."""
    return _default().pitfalls(feature=feature)


def findings(
    *, outcome: Refs = None, project: Refs = None, feature: Refs = None, via: str = "section"
) -> FindingsView:
    """`sevenf findings [--outcome REF]... [--project REF]... [--feature REF]... [--via HOW]
    --json`."""
    return _default().findings(outcome=outcome, project=project, feature=feature, via=via)


def map(*, by: str = "feature") -> MapView:
    """`sevenf map [--by ROWS] --json`."""
    return _default().map(by=by)


def search(*text: str, limit: int = 20) -> SearchView:
    """`sevenf search TEXT... [--limit N] --json`."""
    return _default().search(*text, limit=limit)


def validate() -> ValidateView:
    """`sevenf validate --json`."""
    return _default().validate()


def brief(
    *,
    feature: Refs = None,
    outcome: Refs = None,
    project: Refs = None,
    title: str | None = None,
    sections: str | Iterable[str] | None = None,
    short: bool = False,
    self_evaluation: bool = False,
    document_only: bool = False,
) -> BriefView:
    """`sevenf brief ... --format json`."""
    return _default().brief(
        feature=feature,
        outcome=outcome,
        project=project,
        title=title,
        sections=sections,
        short=short,
        self_evaluation=self_evaluation,
        document_only=document_only,
    )
