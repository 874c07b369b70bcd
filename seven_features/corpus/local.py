"""A local evidence file: an authority's own evidence, kept beside the document's.

The people who use sevenf put the national evidence beside their own: what their own
service did, what their own audits and evaluations found, what their staff and families
said, linked to the framework's features and outcomes. Such a file belongs to an
`owner`, whose name stands beside every one of its records wherever sevenf shows one,
so that no reader takes the authority's words for the document's.

The file is validated as strictly as the document's data (`validation.py`: the same
YAML reader, the same messages naming file, line and field), and then checked here for
what the model alone cannot: unique ids, references to the file's own sources and
projects, feature and outcome numbers the framework has, figures printed in their
finding, no markup, and no example record left from `sevenf local init`.

This module imports pydantic: it is the cold path. `load.read_local` keeps what it
validated in the cache, so a command asked again with the same file needs none of it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

from pydantic import ConfigDict, Field, StringConstraints, model_validator

from seven_features.corpus.model import ID_PATTERN, URL_PATTERN, Id, Strict
from seven_features.wording import Loc, short

if TYPE_CHECKING:
    from seven_features.wording import Fail

Text = Annotated[str, StringConstraints(min_length=1, max_length=4000)]
Url = Annotated[str, StringConstraints(pattern=URL_PATTERN, max_length=2000)]
#: A feature or an outcome, by its number in the framework (Table 1's for outcomes).
Number = Annotated[int, Field(ge=1, le=99)]

#: The file `sevenf local init` writes, installed with sevenf's data.
TEMPLATE = "local-template.yaml"
EXAMPLE_WORDS = (
    "this record is an example from 'sevenf local init': replace it with your own "
    "and delete its 'example: true' line, or delete the record"
)
#: The template's owner, which must be replaced by the owner's name.
PLACEHOLDER_OWNER = "Your authority's name"


class _Record(Strict):
    """What every record of a local file has: an id, and the mark of an example."""

    KIND: ClassVar[str] = "record"

    id: Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)] = Field(
        description="Unique in the file: lower-case letters and digits joined by '-'."
    )
    example: bool = Field(
        default=False,
        description="Marks an example record of 'sevenf local init': a file holding one "
        "is refused until it is replaced or deleted.",
    )


class _Linked(_Record):
    """A record linked explicitly to features and outcomes of the framework."""

    features: list[Number] = Field(
        default_factory=list, description="Numbers of the features (1 to 7) it bears on."
    )
    outcomes: list[Number] = Field(
        default_factory=list,
        description="Numbers of the outcomes (as in Table 1, 1 to 7) it bears on.",
    )


class LocalSource(_Record):
    """A source of the authority's own: an audit, an evaluation, a performance report."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        frozen=True,
        json_schema_extra={
            "anyOf": [
                {"required": ["page"], "properties": {"page": {"type": "string"}}},
                {"required": ["url"], "properties": {"url": {"type": "string"}}},
            ]
        },
    )
    KIND = "source"

    title: Text = Field(description="Its title, as it is printed.")
    author: Text = Field(description="Who wrote it: a person, team or organisation.")
    date: Text = Field(description="When, as it gives it, e.g. 'March 2025'.")
    page: Text | None = Field(default=None, description="Where in it, e.g. '4' or '12-14'.")
    url: Url | None = Field(default=None, description="Where it can be read, if anywhere.")

    @model_validator(mode="after")
    def _findable(self) -> LocalSource:
        if self.page is None and self.url is None:
            raise ValueError("give the source a 'page' or a 'url', so a reader can find it")
        return self


class LocalProject(_Linked):
    """A project or service of the authority's own."""

    KIND = "project"

    name: Text
    description: Text | None = None


class LocalFinding(_Linked):
    """What one of the authority's sources found, with the figures it prints."""

    KIND = "finding"

    statement: Text = Field(description="What the source found, in its words.")
    figures: list[Text] = Field(
        default_factory=list,
        description="The figures the statement prints, each exactly as printed there.",
    )
    project: Id | None = Field(default=None, description="The id of one of the file's projects.")
    source: Id = Field(description="The id of one of the file's sources.")
    page: Text | None = Field(default=None, description="Its page, where not the source's.")


class LocalQuote(_Linked):
    """What a member of staff, a child or a family said, as a source records it."""

    KIND = "quote"

    text: Text = Field(description="The words as recorded, without quotation marks.")
    attribution: Text = Field(description="Who said it, as the source puts it, e.g. 'a parent'.")
    project: Id | None = None
    source: Id = Field(description="The id of one of the file's sources.")
    page: Text | None = None


class LocalNote(_Linked):
    """A note of the authority's: context a reader needs, with or without a source."""

    KIND = "note"

    text: Text
    project: Id | None = None
    source: Id | None = Field(default=None, description="The id of one of the file's sources.")
    page: Text | None = None


class SelfEvaluation(_Record):
    """The authority's own answers, for one feature, to the three questions inspectors ask."""

    KIND = "self-evaluation"

    feature: Number = Field(description="The number of the feature (1 to 7).")
    quality: Text = Field(description="What do we know about the quality of our practice?")
    how_we_know: Text = Field(description="How do we know it?")
    next_steps: Text = Field(description="What do we plan to do next?")


class LocalEvidence(Strict):
    """The contents of a local evidence file."""

    owner: Text = Field(
        max_length=200,
        description="Whose evidence this is, e.g. 'Example Borough Council': shown beside "
        "every record.",
    )
    sources: list[LocalSource] = Field(default_factory=list)
    projects: list[LocalProject] = Field(default_factory=list)
    findings: list[LocalFinding] = Field(default_factory=list)
    quotes: list[LocalQuote] = Field(default_factory=list)
    notes: list[LocalNote] = Field(default_factory=list)
    self_evaluation: list[SelfEvaluation] = Field(default_factory=list)


#: The lists of records a local file holds, in the order a view shows them.
KINDS = ("sources", "projects", "findings", "quotes", "notes", "self_evaluation")

# Markup a renderer could be made to read: a tag, a comment, an entity, a Markdown
# link or image, a raw LaTeX/RTF command. Text such as '<5 years' or 'A & B' is fine.
_MARKUP = re.compile(
    r"<\s*[A-Za-z/!?]|&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#x[0-9A-Fa-f]+);|!?\[[^\]]*\]\(|\\[A-Za-z]+\{"
)
# Bidirectional controls and invisible characters, which make text read otherwise than it
# is: zero-width marks, the soft hyphen, the Hangul and Mongolian fillers, tag characters.
_HIDDEN = re.compile(
    "[\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u2069\u3164\ufeff\uffa0\U000e0000-\U000e007f]"
)
# Control characters written as YAML escapes ("\e", "\x9b"): a tab or a line break is text.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# What a spreadsheet would run as a formula at the start of a cell.
_FORMULA = re.compile(r"^(?:[=+@\t\r]|-(?![\d\s.]))")


def check(local: LocalEvidence, fail: Fail, features: int, outcomes: int) -> None:
    """What the model cannot check: `fail(loc, message)` on the first problem found.
    `features` and `outcomes`: how many the framework numbers."""
    if local.owner.strip() == PLACEHOLDER_OWNER:
        fail(("owner",), "write your authority's name here: it stands beside every record")
    if local.owner.strip().lower() == "document":
        fail(("owner",), "'document' is what sevenf calls the document's own records: give a name")
    ids: dict[str, Loc] = {}
    for kind in KINDS:
        for i, record in enumerate(getattr(local, kind)):
            at: Loc = (kind, i)
            if record.example:
                fail((*at, "example"), EXAMPLE_WORDS)
            if record.id in ids:
                fail(
                    (*at, "id"), f"id {short(record.id)} is used twice in the file", ids[record.id]
                )
            ids[record.id] = (*at, "id")
    _strings(local.model_dump(), (), fail, _template_words())
    sources = {s.id for s in local.sources}
    projects = {p.id for p in local.projects}
    for kind in ("projects", "findings", "quotes", "notes"):
        for i, record in enumerate(getattr(local, kind)):
            at = (kind, i)
            _numbers(fail, (*at, "features"), record.features, features, "feature")
            _numbers(fail, (*at, "outcomes"), record.outcomes, outcomes, "outcome")
            if not record.features and not record.outcomes:
                fail(
                    (*at, "features"),
                    "link it to at least one feature or outcome (features: [3], outcomes: [2])",
                )
            source = getattr(record, "source", None)
            if source is not None and source not in sources:
                fail((*at, "source"), _unknown("source", source, sorted(sources)))
            project = getattr(record, "project", None)
            if project is not None and project not in projects:
                fail((*at, "project"), _unknown("project", project, sorted(projects)))
    for i, finding in enumerate(local.findings):
        for k, printed in enumerate(finding.figures):
            if not _printed(printed, finding.statement):
                fail(
                    ("findings", i, "figures", k),
                    f"{short(printed)} does not occur in the finding's statement",
                )
    seen: dict[int, Loc] = {}
    for i, answer in enumerate(local.self_evaluation):
        at = ("self_evaluation", i, "feature")
        if answer.feature > features:
            fail(at, f"there is no feature {answer.feature}: features are numbered 1 to {features}")
        if answer.feature in seen:
            fail(at, f"feature {answer.feature} is answered twice", seen[answer.feature])
        seen[answer.feature] = at


def _numbers(fail: Fail, at: Loc, numbers: Sequence[int], most: int, kind: str) -> None:
    for k, number in enumerate(numbers):
        if number > most:
            fail((*at, k), f"there is no {kind} {number}: {kind}s are numbered 1 to {most}")
        if number in numbers[:k]:
            fail((*at, k), f"{kind} {number} is listed twice")


def _unknown(kind: str, key: str, known: list[str]) -> str:
    if not known:
        return f"no {kind} has the id {short(key)}: the file's {kind}s list is empty"
    shown = ", ".join(known[:8]) + (", …" if len(known) > 8 else "")
    return f"no {kind} has the id {short(key)}; the file's {kind}s are: {shown}"


def _printed(figure: str, statement: str) -> bool:
    """Whether `figure` is printed in `statement` as a figure of its own: '1%' is not
    printed in '71%', nor '4' in '1.4' or '40'."""
    before = r"(?<![\d.,])" if figure[:1].isdigit() else ""
    after = r"(?![\d]|[.,]\d)" if figure[-1:].isdigit() else ""
    return re.search(before + re.escape(figure) + after, statement) is not None


#: The fields whose words are the owner's: each must be the owner's, not the template's.
_WORDS = frozenset(
    {"statement", "text", "attribution", "title", "author", "date", "name", "description"}
    | {"quality", "how_we_know", "next_steps"}
)


def _template_words() -> frozenset[str]:
    """The words of the template's example records, which no file may keep as evidence."""
    import yaml

    from seven_features.corpus.datafiles import packaged_file

    try:
        with open(packaged_file(TEMPLATE), encoding="utf-8") as handle:
            template = yaml.safe_load(handle)
    except (OSError, yaml.YAMLError):
        return frozenset()
    return frozenset(
        value
        for kind in KINDS
        for record in template.get(kind) or []
        for key, value in record.items()
        if key in _WORDS and isinstance(value, str)
    )


def _strings(value: Any, at: Loc, fail: Fail, template: frozenset[str] = frozenset()) -> None:
    """Refuse blank text, the template's example words, markup and hidden characters in
    any string of the file."""
    if isinstance(value, str):
        if not value.strip():
            fail(at, "must not be blank")
        if value in template and at and at[-1] in _WORDS:
            fail(
                at,
                "these are the example words of 'sevenf local init': write your own, "
                "or delete the record",
            )
        found = _MARKUP.search(value)
        if found:
            fail(
                at,
                f"{short(found.group())} looks like markup: sevenf prints text as it is, "
                "so write it without tags, entities or links",
            )
        hidden = _HIDDEN.search(value)
        if hidden:
            fail(at, f"invisible character U+{ord(hidden.group()):04X}: not allowed")
        control = _CONTROL.search(value)
        if control:
            fail(at, f"control character U+{ord(control.group()):04X}: not allowed")
        if _FORMULA.match(value):
            fail(
                at,
                f"{short(value[:12])} starts as a spreadsheet formula would, and a spreadsheet "
                "opening sevenf's CSV would run it: begin the text otherwise",
            )
    elif isinstance(value, dict):
        for key, item in value.items():
            _strings(item, (*at, key), fail, template)
    elif isinstance(value, list):
        for k, item in enumerate(value):
            _strings(item, (*at, k), fail, template)


def validate(shown: str, data: bytes, features: int, outcomes: int) -> dict[str, Any]:
    """The local file's data, validated and checked: one `DataError` on the first problem."""
    import gc

    from seven_features.corpus.validation import DataFile, validated

    paused = gc.isenabled()
    gc.disable()
    try:
        file = DataFile(shown, data)
        _no_comment_in_words(file.text, shown)
        local = validated(LocalEvidence, file)
        check(local, file.fail, features, outcomes)
    finally:
        if paused:
            gc.enable()
    exclude: Any = {kind: {"__all__": {"example"}} for kind in KINDS}
    dumped: dict[str, Any] = local.model_dump(mode="json", exclude=exclude)
    return dumped


# A plain (unquoted) value of a field of words, cut by ' #' glued to what follows ('Hub #2'):
# YAML reads the rest as a comment, and the words would be shown cut short.
_GLUED = re.compile(r"^\s*(?:-\s+)?([a-z_]+):[ \t]+(?![\"'|>])[^#\n]*?\s#(?=[^\s#])")


def _no_comment_in_words(text: str, shown: str) -> None:
    from seven_features.errors import DataError

    for number, line in enumerate(text.splitlines(), 1):
        glued = _GLUED.match(line)
        if glued and glued.group(1) in _WORDS:
            raise DataError(
                "the words after ' #' are a YAML comment and would be left out: "
                "put the whole value in quotes to keep them",
                shown,
                number,
                glued.group(1),
            )


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a local evidence file."""
    schema: dict[str, Any] = LocalEvidence.model_json_schema()
    return schema
