"""Every command, declared once: its words, its options, its help and what it runs.

Both ways in are built from `COMMANDS`: `app.py` turns each `Command` into a typer
command (help, completion, usage errors), and `parse.py` parses the same declarations
without importing typer, so the two cannot disagree. Neither holds any logic of a
command: `execute()` runs one, on either path, and hands it to `output.emit`.

A command's action reads its values through the parameters themselves, each typed by
its class (`EVIDENCE.of(a)` is a bool, `REFS.of(a)` a list of words): a misspelt
parameter is a name mypy does not know, not a key that fails at run time.
Nothing here imports typer, rich or typing at run time.
"""

from __future__ import annotations

from seven_features.output import Settings, Text, emit, note
from seven_features.queries.choices import ANSWERS, MAP_BY, MOST_HITS, SECTIONS, VIA
from seven_features.wording import article

TYPE_CHECKING = False
if TYPE_CHECKING:
    from seven_features.queries import query
else:  # imported when an action first runs: a kept answer needs none of the queries
    from seven_features import imports

    query = imports.module("seven_features.queries.query")
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import TypeAlias

    from seven_features.corpus.indexed import Corpus
    from seven_features.output import Format, Output
    from seven_features.queries.results import Kind
    from seven_features.render.blocks import Spans

    Value: TypeAlias = str | int | bool | list[str] | None
    Action: TypeAlias = Callable[["Args"], Output]


class Param:
    """One argument or option. `flags` empty means a positional argument. Each subclass
    says what its value is and reads it (`of`)."""

    __slots__ = (
        "bounds",
        "choices",
        "complete",
        "default",
        "flags",
        "help",
        "metavar",
        "name",
        "required",
    )
    #: An option that takes no value.
    flag = False
    #: A repeatable option, or an argument taking every word left.
    many = False

    def __init__(
        self,
        name: str,
        help: str,
        flags: tuple[str, ...] = (),
        metavar: str = "",
        *,
        required: bool = False,
        default: str | int | None = None,
        choices: tuple[str, ...] = (),
        bounds: tuple[int, int] | None = None,
        complete: Kind | None = None,
    ) -> None:
        self.name, self.help, self.flags, self.metavar = name, help, flags, metavar
        self.required, self.default, self.choices = required, default, choices
        #: A whole number in this range.
        self.bounds = bounds
        #: The kind of record shell completion offers.
        self.complete = complete

    @property
    def is_argument(self) -> bool:
        return not self.flags

    def parse(self, word: str) -> str | int | None:
        """The value `word` gives this parameter, or None when it does not fit."""
        if self.choices and word not in self.choices:
            return None
        if self.bounds is None:
            return word
        low, high = self.bounds
        if not word.isascii() or not word.lstrip("-").isdigit() or len(word) > 9:
            return None
        number = int(word)
        return number if low <= number <= high else None


class Flag(Param):
    """An option that is there or not."""

    __slots__ = ()
    flag = True

    def of(self, a: Args) -> bool:
        return bool(a.values.get(self.name))


class Words(Param):
    """A repeatable option, or an argument taking every word left."""

    __slots__ = ()
    many = True

    def of(self, a: Args) -> list[str]:
        value = a.values.get(self.name)
        assert value is None or isinstance(value, list), self.name
        return list(value or ())


class Word(Param):
    """One word that is always there: required, or with a default."""

    __slots__ = ()

    def of(self, a: Args) -> str:
        value = a.values[self.name]
        assert isinstance(value, str), self.name
        return value


class MaybeWord(Param):
    """One word that may be left out."""

    __slots__ = ()

    def of(self, a: Args) -> str | None:
        value = a.values.get(self.name)
        assert value is None or isinstance(value, str), self.name
        return value


class Number(Param):
    """A whole number within `bounds`, always there (it has a default)."""

    __slots__ = ()

    def of(self, a: Args) -> int:
        value = a.values[self.name]
        assert isinstance(value, int) and not isinstance(value, bool), self.name
        return value


class Args:
    """One run of a command: the values its command line gave and the settings, and, for
    `output.emit`, how to make its result and what the result depends on."""

    __slots__ = ("_corpus", "_local", "command", "notes", "settings", "values")

    def __init__(self, command: Command, values: dict[str, Value], settings: Settings) -> None:
        self.command, self.values, self.settings = command, values, settings
        self._corpus: Corpus | None = None
        self._local: list[tuple[str, bytes]] | None = None
        #: Lines for stderr, said once the output is written.
        self.notes: list[str] = []

    @property
    def asked(self) -> tuple[str, ...] | None:
        """What the answer depends on besides the data and the terminal; None for a
        command with effects (`site`), which runs every time."""
        if self.command.effect:
            return None
        # How it is written (the format, a file) is the output's part of the key.
        asked = {k: v for k, v in self.values.items() if k not in _HOW_WRITTEN}
        words = (self.command.name, repr(sorted(asked.items())))
        local = self.local_files()
        if not local:
            return words
        from seven_features.store import cache

        # The local files' names (a view shows them) and their very bytes.
        return (*words, *(f"{shown}\0{cache.key(data)}" for shown, data in local))

    def local_files(self) -> list[tuple[str, bytes]]:
        """The local evidence files given, each as named and its bytes, read once."""
        if self._local is None:
            from seven_features.corpus.load import read_locals

            # a command that shows no evidence (a schema, a template) reads none
            wanted = self.settings.local_files() if self.command.shows_local else ()
            self._local = read_locals(wanted)
        return self._local

    def result(self) -> Output:
        return self.command.action(self)

    def corpus(self) -> Corpus:
        """The validated data the settings point at (loaded on first use); with
        --document-only, without the facts public records add."""
        from seven_features.corpus import datafiles, load

        if self._corpus is None:
            self._corpus = load.read_corpus(datafiles.data_dir(self.settings.data))
            local = self.local_files()
            if local:
                corpus = self._corpus
                read = [load.read_local(shown, data, corpus) for shown, data in local]
                self._corpus = corpus.with_local(read)
        corpus = self._corpus
        return corpus.document_only() if DOCUMENT_ONLY.of(self) else corpus

    @property
    def annotated(self) -> bool:
        """Whether the view shows sevenf's readings inline, where each falls (--annotated)."""
        return ANNOTATED.of(self)

    @property
    def template(self) -> str | None:
        """The Word document whose styles a Word brief takes (--template)."""
        return TEMPLATE.of(self)

    @property
    def detail(self) -> bool:
        """Whether a terminal shows the view in full (--detail) rather than its short form."""
        return DETAIL.of(self)

    def made_from(self, looked_up: str | None) -> str | None:
        """The content key of the data the answer was made from: of what the command read
        (the files may have changed since `looked_up` was found), else `looked_up`."""
        return self._corpus.key if self._corpus is not None else looked_up

    def footer(self, fmt: Format) -> list[Spans]:
        """What a page in `fmt` ends with: for HTML, the document's licence and attribution
        (its licence asks for them on every copy); for other formats, nothing."""
        if fmt != "html":
            return []
        from seven_features.render.layout.views import attribution

        corpus = self.corpus()
        return attribution(corpus.document, owners=[f["owner"] for f in corpus.local])


#: The values that say how an answer is written, not what it is.
_HOW_WRITTEN = frozenset({"format", "json", "output", "force"})


class Command:
    """A command: its name, help and example, the action it runs, its parameters and the
    formats it writes (the first is the default; none: no --format)."""

    __slots__ = (
        "action",
        "details",
        "effect",
        "example",
        "formats",
        "hidden",
        "json_flag",
        "name",
        "params",
        "shows_local",
        "summary",
        "writes",
    )

    def __init__(
        self,
        name: str,
        summary: str,
        example: str,
        action: Action,
        params: tuple[Param, ...] = (),
        *,
        formats: tuple[Format, ...] = (),
        json_flag: bool = True,
        writes: bool = True,
        details: str = "",
        hidden: bool = False,
        effect: bool = False,
        shows_local: bool = True,
    ) -> None:
        self.name, self.summary, self.example, self.action = name, summary, example, action
        self.params, self.formats, self.details, self.hidden = params, formats, details, hidden
        #: --json as a shorthand for --format json.
        self.json_flag = json_flag
        #: -o FILE and --force.
        self.writes = writes
        #: The command writes files (`site`): it runs every time, never from a kept answer.
        self.effect = effect
        #: Whether --local files are read: not for a command that shows no evidence.
        self.shows_local = shows_local

    @property
    def help(self) -> str:
        """The command's help: its summary, details and example. The example stands on a
        line of its own that click never rewraps (`\\b`), so it can be copied whole."""
        parts = [self.summary, self.details, f"\b\nExample:\n  {self.example}"]
        return "\n\n".join(p for p in parts if p)

    def options(self) -> tuple[Param, ...]:
        """Every parameter, the shared output options included, in the order help shows."""
        shared: list[Param] = []
        if self.formats:
            names = ", ".join(self.formats)
            said = " ".join(FORMAT_HELP[f] for f in self.formats if f in FORMAT_HELP)
            shared.append(
                Word(
                    "format",
                    f"One of: {names}. {said}".rstrip(),
                    ("--format", "-f"),
                    metavar="FORMAT",
                    default=self.formats[0],
                    choices=tuple(self.formats),
                )
            )
            if self.json_flag and "json" in self.formats:
                shared.append(JSON)
            if self.writes:
                shared += (OUTPUT, FORCE)
        return (*self.params, *shared)


#: What a format is, said in the help of each command that takes it.
FORMAT_HELP: dict[Format, str] = {
    "table": "table is drawn for a terminal, and plain text when piped.",
    "json": "json is the query's own result.",
    "text": "text is a reference list.",
    "bibtex": "bibtex, ris and csl-json are for reference managers.",
    "docx": "docx is Word (with -o FILE).",
    "csv": "csv is one row per record, for spreadsheets.",
}
JSON = Flag("json", "Shorthand for --format json.", ("--json",))
OUTPUT = MaybeWord(
    "output",
    "Write FILE (whole or not at all) instead of standard output; - is standard output.",
    ("--output", "-o"),
    metavar="FILE",
)
FORCE = Flag("force", "Replace FILE if it exists.", ("--force",))
#: Options every command takes, before or after its name.
DATA = MaybeWord(
    "data",
    "Directory holding framework.yaml and evidence.yaml "
    "(default: $SEVENF_DATA, else the data shipped with sevenf).",
    ("--data",),
    metavar="DIR",
)
NO_COLOR = Flag("no_color", "No colour, even on a terminal.", ("--no-color",))
DEBUG = Flag("debug", "Show a traceback for errors.", ("--debug",))
LOCAL = Words(
    "local",
    "A local evidence file (repeatable; default: $SEVENF_LOCAL, paths separated by ':'): "
    "its owner's own evidence, shown beside the document's and labelled with the owner's "
    "name. 'sevenf local init -o FILE' writes one to start from.",
    ("--local",),
    metavar="FILE",
)
GLOBAL = (DATA, NO_COLOR, DEBUG, LOCAL)
QUERY: tuple[Format, ...] = ("table", "json", "markdown", "html")
#: A list view's formats: a query's, and CSV.
LISTS: tuple[Format, ...] = (*QUERY, "csv")


def execute(command: Command, values: dict[str, Value], settings: Settings) -> None:
    """Run `command` with the parsed `values` and write its output: the one way any runs."""
    _check_text(command, values)
    args = Args(command, values, settings)
    chosen = values.get("format")
    fmt: Format = "json" if values.get("json") else _format(chosen)
    path = values.get("output")
    emit(
        args,
        fmt,
        settings,
        path=path if isinstance(path, str) else None,
        force=bool(values.get("force")),
    )
    from seven_features.store import cache

    for line in [*args.notes, *cache.NOTICES]:
        note(line)


def _format(chosen: Value) -> Format:
    """The format a --format value names (the parsers have checked it is one the command
    takes); a command without --format writes its table."""
    from seven_features.output import FORMATS

    for fmt in FORMATS:
        if fmt == chosen:
            return fmt
    return "table"


def _check_text(command: Command, values: dict[str, Value]) -> None:
    """Refuse words that are not UTF-8 text (Python keeps such bytes as lone surrogates):
    a title or a query is printed, and no output can hold them. A file's name may be
    any bytes the file system takes, so `-o FILE` is not checked."""
    from seven_features.errors import UsageError

    for param in command.options():
        value = values.get(param.name)
        if param.name == "output" or value is None or isinstance(value, bool | int):
            continue
        for word in value if isinstance(value, list) else [value]:
            try:
                word.encode("utf-8")
            except UnicodeEncodeError:
                shown = word.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
                name = param.flags[0] if param.flags else (param.metavar or param.name).rstrip(".")
                raise UsageError(
                    f"{name} '{shown}' holds bytes that are not UTF-8 text; "
                    "sevenf reads its command line as UTF-8"
                ) from None


# --- the parameters commands share ----------------------------------------------------


def refs(kind: Kind, example: str) -> Words:
    """The REF arguments naming records of `kind`, each shown in full."""
    return Words(
        "ref",
        f"A number (as in Table 1), or words of {article(kind)} {kind}'s name or alias in any "
        f"order. Several REFs show each record once, in turn (JSON: always a list). "
        f"E.g. {example}.",
        metavar="REF",
        required=True,
        complete=kind,
    )


def each(kind: Kind, help: str | None = None) -> Words:
    """A repeatable --KIND REF option selecting records of `kind`."""
    return Words(
        kind, help or f"Only this {kind} (repeatable).", (f"--{kind}",), "REF", complete=kind
    )


#: What a report is about: features, outcomes and projects, each option repeatable.
FEATURES = each("feature", "A feature (repeatable).")
OUTCOMES = each("outcome", "An outcome (repeatable).")
PROJECTS = each("project", "A project (repeatable).")
SELECTION = (FEATURES, OUTCOMES, PROJECTS)
ONLY_FEATURE, ONLY_PROJECT, ONLY_OUTCOME = each("feature"), each("project"), each("outcome")
DOCUMENT_ONLY = Flag(
    "document_only",
    "Leave out the authors, report numbers and dates that public records add to sources "
    "(marked as not from the document): only what the document itself gives.",
    ("--document-only",),
)


ANNOTATED = Flag(
    "annotated",
    "For checking against the document: sevenf's own readings inline where each falls "
    "(figures read, the document's note numbers, every gap in full).",
    ("--annotated",),
)


def _listing(
    name: str,
    build: Callable[[Corpus], query.Result],
    summary: str,
    *params: Param,
    formats: tuple[Format, ...] = LISTS,
) -> Command:
    return Command(
        name, summary, f"sevenf {name}", lambda a: build(a.corpus()), params, formats=formats
    )


# --- the commands ------------------------------------------------------------------------

CHART = Flag(
    "chart",
    "A bar per count of projects the findings print, of its total if given.",
    ("--chart",),
)


def _outcomes(a: Args) -> Output:
    return (query.outcomes_chart if CHART.of(a) else query.list_outcomes)(a.corpus())


FEATURE_REFS = refs("feature", '3 or "group case"')
FEATURE_EVIDENCE = Flag(
    "evidence",
    "The evidence through projects: each project the document links to the "
    "feature, the basis of the link, and the findings the document reports for it.",
    ("--evidence", "-e"),
)


def _feature(a: Args) -> Output:
    corpus = a.corpus()
    build = query.feature_evidence if FEATURE_EVIDENCE.of(a) else query.feature
    return query.several(corpus, "feature", FEATURE_REFS.of(a), lambda r: build(corpus, r))


OUTCOME_REFS = refs("outcome", '2 or "reduced risk"')
OUTCOME_EVIDENCE = Flag(
    "evidence",
    "Every finding with figures, projects (and the features the document links "
    "to each) and citations.",
    ("--evidence", "-e"),
)


def _outcome(a: Args) -> Output:
    corpus, evidence = a.corpus(), OUTCOME_EVIDENCE.of(a)
    return query.several(
        corpus, "outcome", OUTCOME_REFS.of(a), lambda r: query.outcome(corpus, r, evidence)
    )


ENABLER_REF = Word(
    "ref",
    "A number (as in Table 1), or words of an enabler's name or alias in any order. "
    'E.g. 5 or "strong leaders".',
    metavar="REF",
    required=True,
    complete="enabler",
)
PROJECT_REFS = refs("project", "herts or ealing")


def _project(a: Args) -> Output:
    corpus = a.corpus()
    if corpus.local:  # a REF may name a local file's own project too
        return query.projects_named(corpus, PROJECT_REFS.of(a))
    return query.several(corpus, "project", PROJECT_REFS.of(a), lambda r: query.project(corpus, r))


FOOTNOTE = Word("number", "A footnote number, e.g. 11.", metavar="NUMBER", required=True)
HOW = Word(
    "via",
    "How --feature selects: section (the findings printed in its section) or "
    "projects (the findings the document reports for the projects it links to it).",
    ("--via",),
    metavar="HOW",
    default="section",
    choices=VIA,
)


def _findings(a: Args) -> Output:
    return query.findings(
        a.corpus(), ONLY_OUTCOME.of(a), ONLY_PROJECT.of(a), ONLY_FEATURE.of(a), HOW.of(a)
    )


BY = Word(
    "by",
    "feature (features × outcomes, through the projects linked to each), project "
    "(projects × outcomes) or feature-project (the links themselves).",
    ("--by",),
    metavar="ROWS",
    default="feature",
    choices=MAP_BY,
)
DETAIL = Flag(
    "detail",
    "On a terminal, also what the document links to each row and every finding behind "
    "the map (the other formats always hold them).",
    ("--detail",),
)
TEXT = Words("text", "Words to find, in any form.", metavar="TEXT", required=True)
LIMIT = Number(
    "limit",
    f"At most this many hits (1 to {MOST_HITS}).",
    ("--limit", "-n"),
    metavar="N",
    default=20,
    bounds=(1, MOST_HITS),
)


def _validate(a: Args) -> Output:
    from seven_features.corpus import datafiles

    return query.validate_report(a.corpus(), str(datafiles.data_dir(a.settings.data)))


WHICH = Word(
    "which",
    "framework or evidence (a data file), local (a local evidence file), or a command "
    "whose --json to describe: " + ", ".join(ANSWERS) + ".",
    metavar="WHICH",
    default="framework",
    choices=("framework", "evidence", "local", *ANSWERS),
)


def _schema(a: Args) -> Output:
    from seven_features.output import to_json

    which = WHICH.of(a)
    if which in ("framework", "evidence"):
        from seven_features.corpus.validation import json_schema

        return Text(to_json(json_schema(which)))
    if which == "local":
        from seven_features.corpus import local

        return Text(to_json(local.json_schema()))
    from seven_features.queries.schemas import answer_schema

    return Text(to_json(answer_schema(which)))


FOOTNOTES = Words("numbers", "Footnote numbers, e.g. 11.", metavar="FOOTNOTE")
FRAMEWORK = Flag(
    "framework",
    "Export the framework itself (Department for Education, 2022), alone or with the rest.",
    ("--framework",),
)


def _cite(a: Args) -> Output:
    from seven_features.queries.cite import cite

    result, notes = cite(
        a.corpus(),
        FOOTNOTES.of(a),
        FEATURES.of(a),
        OUTCOMES.of(a),
        PROJECTS.of(a),
        framework=FRAMEWORK.of(a),
    )
    a.notes += notes
    return result


TITLE = MaybeWord("title", "The brief's title (default: Evidence brief).", ("--title",), "TEXT")
TEMPLATE = MaybeWord(
    "template",
    "With --format docx: a Word document or template (.docx, .dotx) whose styles, header, "
    "footer and logo the brief takes (pandoc's reference document).",
    ("--template",),
    "FILE",
)
SECTIONS_OPTION = Words(
    "sections",
    "Only these parts, comma-separated or repeated: " + ", ".join(SECTIONS) + ".",
    ("--sections",),
    "NAMES",
)
SHORT = Flag(
    "short",
    "A summary for a reader who has two pages: each feature's definition and what "
    "difference it makes, the findings with their figures, one quote per feature, each "
    "feature's projects, the sources; no pitfalls. One feature and one outcome fit on two "
    "A4 pages in Word; more run longer.",
    ("--short",),
)

SELF_EVALUATION = Flag(
    "self_evaluation",
    "With --local FILE: a self-evaluation, feature by feature (those given with --feature, "
    "else those FILE answers for): the document's definition, what difference the feature "
    "makes and its pitfalls, then the owner's own answers on the quality of its practice, "
    "how it knows and what it plans next, in its words, then its evidence on the feature.",
    ("--self-evaluation",),
)


def _brief(a: Args) -> Output:
    from seven_features.queries.brief import build

    if TEMPLATE.of(a) is not None and a.values.get("format") != "docx":
        from seven_features.errors import UsageError

        raise UsageError("--template gives a Word file its styles: add --format docx")
    given = SECTIONS_OPTION.of(a)
    sections = [n.strip() for words in given for n in words.split(",") if n.strip()]
    if given and not sections:
        from seven_features.errors import UsageError

        raise UsageError("--sections names no section: give one or more, separated by commas")
    return build(
        a.corpus(),
        FEATURES.of(a),
        OUTCOMES.of(a),
        PROJECTS.of(a),
        title=TITLE.of(a),
        sections=sections,
        short=SHORT.of(a),
        self_evaluation=SELF_EVALUATION.of(a),
    )


# Not named "output": that is the shared option that sends a view to a file.
DIRECTORY = Word(
    "directory",
    "Write the site to DIR (whole or not at all).",
    ("--output", "-o"),
    metavar="DIR",
    required=True,
)
SITE_FORCE = Flag("force", "Replace DIR if it holds a site sevenf built.", ("--force",))


def _site(a: Args) -> Output:
    from seven_features.render import site

    directory = DIRECTORY.of(a)
    if directory == "-":
        from seven_features.errors import UsageError

        raise UsageError(
            "a site is a folder of pages, and '-' (standard output) cannot hold one: "
            "name a folder with -o DIR"
        )
    site.write(site.build(a.corpus()), directory, force=SITE_FORCE.of(a))
    a.notes.append(f"wrote the site to {directory}; open {directory}/index.html")
    return Text("")


EXPORT_KIND = Word(
    "kind",
    "xlsx (an Excel workbook: every table a sheet, after one naming the document, its "
    "licence and what each sheet holds) or sqlite (the whole corpus, normalised, with a "
    "full-text index, for SQL and Datasette).",
    metavar="FORMAT",
    required=True,
    choices=("xlsx", "sqlite"),
)
EXPORT_FILE = Word(
    "file",
    "Write FILE (whole or not at all); - is standard output when it is not a terminal.",
    ("--output", "-o"),
    metavar="FILE",
    required=True,
)


def _export(a: Args) -> Output:
    from seven_features.output import terminal, to_file, write

    kind, path = EXPORT_KIND.of(a), EXPORT_FILE.of(a)
    if path == "-" and terminal():  # checked first: nothing is built for nothing
        from seven_features.errors import UsageError

        raise UsageError(f"a {kind} file is not for a terminal: write it with -o FILE")
    if kind == "xlsx":
        from seven_features.export.workbook import workbook

        made, said = workbook(a.corpus()), "its first sheet says what each sheet holds"
    else:
        from seven_features.export.database import database

        made, said = database(a.corpus()), f"browse it with: datasette {path}"
    if path == "-":
        write(made)
    else:
        to_file(path, made, force=FORCE.of(a))
        a.notes.append(f"wrote {path}; {said}")
    return Text("")


LOCAL_ACTION = Word(
    "action",
    "init: write a commented local evidence file to start from, with one example record "
    "of each kind (refused as evidence until each is replaced or deleted).",
    metavar="ACTION",
    required=True,
    choices=("init",),
)
LOCAL_FILE = Word(
    "file",
    "Write FILE (whole or not at all); - is standard output.",
    ("--output", "-o"),
    metavar="FILE",
    required=True,
)


def _local(a: Args) -> Output:
    from seven_features.corpus.datafiles import packaged_file, read_file
    from seven_features.corpus.local import TEMPLATE
    from seven_features.output import to_file, write

    _, template = read_file("", packaged_file(TEMPLATE))
    path = LOCAL_FILE.of(a)
    if path == "-":
        write(template)
    else:
        to_file(path, template, force=FORCE.of(a))
        a.notes.append(
            f"wrote {path}: replace its example records with your own, then try "
            f"sevenf validate --local {path}"
        )
    return Text("")


COMMANDS: tuple[Command, ...] = (
    _listing("features", query.list_features, "List the seven features of practice."),
    Command(
        "outcomes",
        "List the seven outcomes, numbered as in Table 1.",
        "sevenf outcomes --chart",
        _outcomes,
        (CHART,),
        formats=LISTS,
    ),
    _listing(
        "enablers",
        query.list_enablers,
        "List both sets of enablers: the seven of improvement and the evaluations' four.",
    ),
    _listing("projects", query.list_projects, "List every project the document names."),
    _listing(
        "sources",
        query.list_sources,
        "List every source and every footnote, resolved.",
        DOCUMENT_ONLY,
    ),
    _listing(
        "footnotes",
        query.list_footnotes,
        "List every footnote as printed, with what it resolves to and what it leaves out.",
    ),
    _listing(
        "about",
        query.about,
        "The document itself: dates, ISBN, licence and attribution, and its programme.",
        formats=QUERY,
    ),
    _listing(
        "table",
        query.table,
        "Table 1 as the document lays it out (an alignment, not a mapping of causes).",
    ),
    Command(
        "feature",
        "A feature in full: definition, differences, pitfalls, quotes, findings, footnotes.",
        "sevenf feature 4 5 --evidence",
        _feature,
        (FEATURE_REFS, FEATURE_EVIDENCE, ANNOTATED),
        formats=LISTS,
    ),
    Command(
        "outcome",
        "An outcome: a summary, or every finding behind it.",
        'sevenf outcome "reduced risk" --evidence',
        _outcome,
        (OUTCOME_REFS, OUTCOME_EVIDENCE, ANNOTATED),
        formats=LISTS,
    ),
    Command(
        "enabler",
        "An enabler with its actions.",
        "sevenf enabler 3",
        lambda a: query.enabler(a.corpus(), ENABLER_REF.of(a)),
        (ENABLER_REF,),
        formats=QUERY,
    ),
    Command(
        "project",
        "Everything the document says about a project.",
        "sevenf project herts",
        _project,
        (PROJECT_REFS, ANNOTATED, DOCUMENT_ONLY),
        formats=QUERY,
    ),
    Command(
        "source",
        "A footnote: its printed text and what it resolves to.",
        "sevenf source 11",
        lambda a: query.source(a.corpus(), FOOTNOTE.of(a)),
        (FOOTNOTE, DOCUMENT_ONLY),
        formats=QUERY,
    ),
    Command(
        "quotes",
        "Quotes with speaker, source and footnote.",
        "sevenf quotes --feature 6",
        lambda a: query.quotes(a.corpus(), ONLY_FEATURE.of(a), ONLY_PROJECT.of(a)),
        (ONLY_FEATURE, ONLY_PROJECT, ANNOTATED),
        formats=LISTS,
    ),
    Command(
        "pitfalls",
        "Potential pitfalls by feature.",
        "sevenf pitfalls --feature 4",
        lambda a: query.pitfalls(a.corpus(), ONLY_FEATURE.of(a)),
        (ONLY_FEATURE,),
        formats=LISTS,
    ),
    Command(
        "findings",
        "Findings with figures and footnotes.",
        "sevenf findings --project herts",
        _findings,
        (ONLY_OUTCOME, ONLY_PROJECT, ONLY_FEATURE, HOW, ANNOTATED),
        formats=LISTS,
    ),
    Command(
        "map",
        "The evidence map: where the document reports findings, features (or projects) "
        "against outcomes.",
        "sevenf map --format html -o map.html",
        lambda a: query.evidence_map(a.corpus(), BY.of(a)),
        (BY, ANNOTATED, DETAIL),
        formats=LISTS,
        details="An empty cell is a gap in the document's evidence, not a finding of no effect; "
        "the map gives no effect sizes, makes no causal claim, and is not Table 1. "
        "With --local, each cell also gives, apart and under the owner's name, how many of "
        "the owner's findings are linked to both the row's feature and the outcome; by "
        "project, the owner's own projects are rows of their own; by feature-project, "
        "local evidence is not shown.",
    ),
    Command(
        "search",
        "Ranked full-text search over every text the document holds.",
        "sevenf search co-location",
        lambda a: query.search(a.corpus(), " ".join(TEXT.of(a)), LIMIT.of(a)),
        (TEXT, LIMIT),
        formats=LISTS,
    ),
    Command(
        "validate",
        "Check the data files and list what they hold and the gaps the source leaves.",
        "sevenf validate",
        _validate,
        formats=QUERY,
    ),
    Command(
        "schema",
        "The JSON Schema of a data file, for editors, or of a command's --json.",
        "sevenf schema findings > findings.schema.json",
        _schema,
        (WHICH,),
        shows_local=False,
    ),
    Command(
        "cite",
        "Export the sources behind footnotes, features, outcomes or projects "
        "(default: every source).",
        "sevenf cite --outcome 2 --format bibtex",
        _cite,
        (FOOTNOTES, *SELECTION, FRAMEWORK, DOCUMENT_ONLY),
        formats=("text", "bibtex", "ris", "csl-json"),
        details="A feature, outcome or project stands for the footnotes its view cites and for "
        "the framework, whose text it is; the framework is exported with the sections and "
        "pages cited. With no selection, every source and the framework are exported.",
    ),
    Command(
        "brief",
        "An evidence brief with real footnotes, its sources and the document's licence.",
        "sevenf brief --feature 4 --feature 5 --short --format docx -o brief.docx",
        _brief,
        (
            *SELECTION,
            TITLE,
            SECTIONS_OPTION,
            SHORT,
            SELF_EVALUATION,
            ANNOTATED,
            TEMPLATE,
            DOCUMENT_ONLY,
        ),
        formats=("markdown", "html", "docx", "json"),
        json_flag=False,
        details="In the document's words: definitions, differences and pitfalls, findings with "
        "their figures, and quotes with their attribution, for the features, outcomes and "
        "projects chosen, each passage once. A project shows what bears on the features and "
        "outcomes chosen. Every citation is a footnote, as a report gives it; references are "
        "Harvard; what the document leaves out of a passage, and which details are from "
        "outside it, are said once each in notes on the sources at the end, reached by a "
        "lettered mark. docx writes Word directly through pandoc (pip install 'sevenf[word]'), "
        "with real footnotes, a title block and page numbers. With --local FILE, each file's "
        "evidence on what was chosen follows the document's in a section under its owner's "
        "name, cited by footnotes to its own sources, which are listed under the owner's name; "
        "--self-evaluation lays out the owner's own answers feature by feature beside them.",
    ),
    Command(
        "site",
        "A static site of the framework and its evidence, for reading in a browser.",
        "sevenf site -o site",
        _site,
        (DIRECTORY, SITE_FORCE, DOCUMENT_ONLY),
        details="One page for each feature, outcome, enabler, project and footnote, the "
        "overview, lists and search, all linked, with the licence on every page. Open "
        "DIR/index.html from disk or put DIR on any web server: nothing is fetched from "
        "outside DIR.",
        effect=True,
    ),
    Command(
        "export",
        "The evidence as data: an Excel workbook, or a SQLite database for Datasette.",
        "sevenf export sqlite -o evidence.db",
        _export,
        (EXPORT_KIND, EXPORT_FILE, FORCE, DOCUMENT_ONLY),
        details="Every record the document holds, each table saying how many rows it has; "
        "a value the document does not give is empty, and the record's notes say so. "
        "With --local, each local file's records are in tables (sheets) of their own, every "
        "row naming its owner. xlsx needs openpyxl (pip install 'sevenf[excel]').",
        effect=True,
    ),
)

COMMANDS += (
    Command(
        "local",
        "Your own evidence beside the document's: write a local evidence file to start from.",
        "sevenf local init -o ours.yaml",
        _local,
        (LOCAL_ACTION, LOCAL_FILE, FORCE),
        shows_local=False,
        details="A local evidence file holds an authority's own sources, projects, findings, "
        "quotes, notes and self-evaluation, each linked to features and outcomes. Give it to "
        "any command with --local FILE (or $SEVENF_LOCAL): its records are shown beside the "
        "document's, under the owner's name, and cited to the owner's sources.",
        effect=True,
    ),
)

#: `sevenf` with no command: the framework at a glance.
OVERVIEW = Command(
    "",
    "The framework at a glance when no command is given.",
    "sevenf",
    lambda a: query.overview(a.corpus()),
)
BY_NAME: dict[str, Command] = {c.name: c for c in COMMANDS}
