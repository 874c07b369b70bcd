"""Every command, declared once: its words, its options, its help and what it runs.

Both ways in are built from `COMMANDS`: `cli.py` turns each `Command` into a typer
command (help, completion, usage errors), and `fast.py` parses the same declarations
without importing typer, so the two cannot disagree. Neither holds any logic of a
command: `execute()` runs one, on either path. Nothing here imports typer or rich.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple, TypeAlias

from seven_features.output import Format, Output, Settings, Text, emit, note, write
from seven_features.queries import query
from seven_features.queries.brief import SECTIONS
from seven_features.wording import article

if TYPE_CHECKING:
    from seven_features.corpus.indexed import Corpus
    from seven_features.render.blocks import Spans

Value: TypeAlias = str | int | bool | list[str] | None


class Param(NamedTuple):
    """One argument or option. `flags` empty means a positional argument."""

    name: str
    help: str
    flags: tuple[str, ...] = ()
    metavar: str = ""
    flag: bool = False  # an option that takes no value
    many: bool = False  # a repeatable option, or an argument taking every word left
    required: bool = False
    default: str | int | None = None
    choices: tuple[str, ...] = ()
    bounds: tuple[int, int] | None = None  # a whole number in this range
    complete: str | None = None  # the kind of record shell completion offers

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


class Args:
    """The values a command line gave, by parameter name, with typed accessors."""

    __slots__ = ("_corpus", "_values", "notes", "settings")

    def __init__(self, values: dict[str, Value], settings: Settings) -> None:
        self._values, self.settings = values, settings
        self._corpus: Corpus | None = None
        #: Lines for stderr, said once the output is written.
        self.notes: list[str] = []

    def text(self, name: str) -> str:
        value = self._values[name]
        assert isinstance(value, str), name
        return value

    def texts(self, name: str) -> list[str]:
        value = self._values.get(name)
        assert value is None or isinstance(value, list | tuple), name
        return list(value or ())

    def flag(self, name: str) -> bool:
        return bool(self._values.get(name))

    def number(self, name: str) -> int:
        value = self._values[name]
        assert isinstance(value, int) and not isinstance(value, bool), name
        return value

    def optional(self, name: str) -> str | None:
        value = self._values.get(name)
        assert value is None or isinstance(value, str), name
        return value

    def values(self) -> dict[str, Value]:
        return dict(self._values)

    def corpus(self) -> Corpus:
        """The validated data the settings point at (loaded on first use); with
        --document-only, without the facts public records add."""
        from seven_features.corpus import load

        if self._corpus is None:
            self._corpus = load.read_corpus(load.data_dir(self.settings.data))
        corpus = self._corpus
        return corpus.document_only() if self.flag("document_only") else corpus

    def made_from(self, looked_up: str | None) -> str | None:
        """The content key of the data the answer was made from: of what the command read
        (the files may have changed since `looked_up` was found), else `looked_up`."""
        return self._corpus.key if self._corpus is not None else looked_up

    def licence(self, fmt: Format) -> list[Spans]:
        """What a page in `fmt` ends with: for HTML, the document's licence and attribution
        (its licence asks for them on every copy); for other formats, nothing."""
        if fmt is not Format.html:
            return []
        from seven_features.render.layout.views import attribution

        return attribution(self.corpus().document)


Action = Callable[[Args], Output]


class Command(NamedTuple):
    name: str
    summary: str
    example: str
    action: Action
    params: tuple[Param, ...] = ()
    formats: tuple[Format, ...] = ()  # the first is the default; none: no --format
    json_flag: bool = True  # --json as a shorthand for --format json
    writes: bool = True  # -o FILE and --force
    details: str = ""
    hidden: bool = False
    #: The command writes files (`site`): it runs every time, never shown from a cached drawing.
    effect: bool = False

    @property
    def help(self) -> str:
        parts = [self.summary, self.details, f"Example: {self.example}"]
        return "\n\n".join(p for p in parts if p)

    def options(self) -> tuple[Param, ...]:
        """Every parameter, the shared output options included, in the order help shows."""
        shared: list[Param] = []
        if self.formats:
            names = ", ".join(self.formats)
            shared.append(
                Param(
                    "format",
                    f"One of: {names}. {FORMAT_HELP}",
                    ("--format", "-f"),
                    metavar="FORMAT",
                    default=self.formats[0],
                    choices=tuple(self.formats),
                )
            )
            if self.json_flag and Format.json in self.formats:
                shared.append(Param("json", "Shorthand for --format json.", ("--json",), flag=True))
            if self.writes:
                shared += OUTPUT_PARAMS
        return (*self.params, *shared)


FORMAT_HELP = (
    "table is rich on a terminal and plain text when piped; json is the query's own result."
)
OUTPUT_PARAMS = (
    Param(
        "output",
        "Write FILE (whole or not at all) instead of standard output; - is standard output.",
        ("--output", "-o"),
        metavar="FILE",
    ),
    Param("force", "Replace FILE if it exists.", ("--force",), flag=True),
)
#: Options every command takes, before or after its name.
GLOBAL = (
    Param(
        "data",
        "Directory holding framework.yaml and evidence.yaml "
        "(default: $SEVENF_DATA, else the data shipped with sevenf).",
        ("--data",),
        metavar="DIR",
    ),
    Param("no_color", "No colour, even on a terminal.", ("--no-color",), flag=True),
    Param("debug", "Show a traceback for errors.", ("--debug",), flag=True),
)
QUERY = (Format.table, Format.json, Format.markdown, Format.html)


def execute(command: Command, values: dict[str, Value], settings: Settings) -> None:
    """Run `command` with the parsed `values` and write its output: the one way any runs."""
    _check_text(command, values)
    args = Args(values, settings)
    chosen = values.get("format")
    fmt = (
        Format.json
        if values.get("json")
        else Format(chosen if isinstance(chosen, str) else "table")
    )
    path = values.get("output")
    path = path if isinstance(path, str) else None
    if path in (None, "-") and fmt is not Format.docx and not command.effect:
        from seven_features.store.answers import answer

        write(answer(command, args, fmt))
    else:
        out = command.action(args)
        emit(out, fmt, settings, path, bool(values.get("force")), args.licence(fmt))
    for line in args.notes:
        note(line)


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


def ref(kind: str, example: str, many: bool = False) -> Param:
    """The REF argument naming a record of `kind`; `many`: one or more, each shown in full."""
    again = " Several REFs show each record once, in turn (JSON: always a list)." if many else ""
    return Param(
        "ref",
        f"A number (as in Table 1), or words of {article(kind)} {kind}'s name or alias in any "
        f"order.{again} E.g. {example}.",
        metavar="REF",
        many=many,
        required=True,
        complete=kind,
    )


def _feature(a: Args) -> Output:
    corpus, evidence = a.corpus(), a.flag("evidence")
    build = query.feature_evidence if evidence else query.feature
    return query.several(corpus, "feature", a.texts("ref"), lambda r: build(corpus, r))


def _outcome(a: Args) -> Output:
    corpus, evidence = a.corpus(), a.flag("evidence")
    return query.several(
        corpus, "outcome", a.texts("ref"), lambda r: query.outcome(corpus, r, evidence)
    )


def _project(a: Args) -> Output:
    corpus = a.corpus()
    return query.several(corpus, "project", a.texts("ref"), lambda r: query.project(corpus, r))


def each(kind: str, help: str | None = None) -> Param:
    """A repeatable --KIND REF option selecting records of `kind`."""
    return Param(
        kind,
        help or f"Only this {kind} (repeatable).",
        (f"--{kind}",),
        metavar="REF",
        many=True,
        complete=kind,
    )


#: What a report is about: features, outcomes and projects, each option repeatable.
SELECTION = (
    each("feature", "A feature (repeatable)."),
    each("outcome", "An outcome (repeatable)."),
    each("project", "A project (repeatable)."),
)
DOCUMENT_ONLY = Param(
    "document_only",
    "Leave out the authors, report numbers and dates that public records add to sources "
    "(marked as not from the document): only what the document itself gives.",
    ("--document-only",),
    flag=True,
)


def _listing(
    name: str,
    build: Callable[[Corpus], query.Result],
    summary: str,
    params: tuple[Param, ...] = (),
) -> Command:
    return Command(
        name, summary, f"sevenf {name}", lambda a: build(a.corpus()), params, formats=QUERY
    )


def _cite(a: Args) -> Output:
    from seven_features.queries.brief import framework_sections
    from seven_features.queries.citations import gather
    from seven_features.render.word import unsourced

    corpus = a.corpus()
    numbers = a.texts("numbers")
    features, outcomes, projects = refs_of(a)
    selected = bool(features or outcomes or projects)
    only_framework = a.flag("framework") and not (numbers or selected)
    chosen = (
        [] if only_framework else query.cited_numbers(corpus, numbers, features, outcomes, projects)
    )
    # The framework's own text is what a feature, outcome or project stands for.
    framework = (
        framework_sections(corpus, features, outcomes, projects)
        if chosen is None or selected or a.flag("framework")
        else None
    )
    result = gather(corpus, chosen, every_source=chosen is None, framework=framework)
    a.notes += unsourced(result)
    if chosen == [] and not only_framework:
        a.notes.append("the selection cites no footnote, so no evaluation report is exported")
    return result


def refs_of(a: Args) -> tuple[list[str], list[str], list[str]]:
    """The --feature, --outcome and --project REFs given."""
    return a.texts("feature"), a.texts("outcome"), a.texts("project")


def _schema(a: Args) -> Output:
    from seven_features.corpus.validation import json_schema
    from seven_features.output import to_json

    return Text(to_json(json_schema(a.text("which"))))


def _brief(a: Args) -> Output:
    from seven_features.queries.brief import build

    sections = [n.strip() for given in a.texts("sections") for n in given.split(",") if n.strip()]
    if a.texts("sections") and not sections:
        from seven_features.errors import UsageError

        raise UsageError("--sections names no section: give one or more, separated by commas")
    return build(
        a.corpus(),
        *refs_of(a),
        title=a.optional("title"),
        sections=sections,
        short=a.flag("short"),
    )


def _site(a: Args) -> Output:
    from seven_features.render import site

    directory = a.text("directory")
    site.write(site.build(a.corpus()), directory, force=a.flag("force"))
    a.notes.append(f"wrote the site to {directory}; open {directory}/index.html")
    return Text("")


def _validate(a: Args) -> Output:
    from seven_features.corpus import load

    return query.validate_report(a.corpus(), str(load.data_dir(a.settings.data)))


COMMANDS: tuple[Command, ...] = (
    _listing("features", query.list_features, "List the seven features of practice."),
    Command(
        "outcomes",
        "List the seven outcomes, numbered as in Table 1.",
        "sevenf outcomes --chart",
        lambda a: (query.outcomes_chart if a.flag("chart") else query.list_outcomes)(a.corpus()),
        (
            Param(
                "chart",
                "A bar per count of projects the findings print, of its total if given.",
                ("--chart",),
                flag=True,
            ),
        ),
        formats=QUERY,
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
        (DOCUMENT_ONLY,),
    ),
    _listing(
        "about",
        query.about,
        "The document itself: dates, ISBN, licence and attribution, and its programme.",
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
        (
            ref("feature", '3 or "group case"', many=True),
            Param(
                "evidence",
                "The evidence through projects: each project the document links to the "
                "feature, the basis of the link, and the findings the document reports for it.",
                ("--evidence", "-e"),
                flag=True,
            ),
        ),
        formats=QUERY,
    ),
    Command(
        "outcome",
        "An outcome: a summary, or every finding behind it.",
        'sevenf outcome "reduced risk" --evidence',
        _outcome,
        (
            ref("outcome", '2 or "reduced risk"', many=True),
            Param(
                "evidence",
                "Every finding with figures, projects (and the features the document links "
                "to each) and citations.",
                ("--evidence", "-e"),
                flag=True,
            ),
        ),
        formats=QUERY,
    ),
    Command(
        "enabler",
        "An enabler with its actions.",
        "sevenf enabler 3",
        lambda a: query.enabler(a.corpus(), a.text("ref")),
        (ref("enabler", '5 or "strong leaders"'),),
        formats=QUERY,
    ),
    Command(
        "project",
        "Everything the document says about a project.",
        "sevenf project herts",
        _project,
        (ref("project", "herts or ealing", many=True), DOCUMENT_ONLY),
        formats=QUERY,
    ),
    Command(
        "source",
        "A footnote: its printed text and what it resolves to.",
        "sevenf source 11",
        lambda a: query.source(a.corpus(), a.text("number")),
        (
            Param("number", "A footnote number, e.g. 11.", metavar="NUMBER", required=True),
            DOCUMENT_ONLY,
        ),
        formats=QUERY,
    ),
    Command(
        "quotes",
        "Quotes with speaker, source and footnote.",
        "sevenf quotes --feature 6",
        lambda a: query.quotes(a.corpus(), a.texts("feature"), a.texts("project")),
        (each("feature"), each("project")),
        formats=QUERY,
    ),
    Command(
        "pitfalls",
        "Potential pitfalls by feature.",
        "sevenf pitfalls --feature 4",
        lambda a: query.pitfalls(a.corpus(), a.texts("feature")),
        (each("feature"),),
        formats=QUERY,
    ),
    Command(
        "findings",
        "Findings with figures and footnotes.",
        "sevenf findings --project herts",
        lambda a: query.findings(
            a.corpus(),
            a.texts("outcome"),
            a.texts("project"),
            a.texts("feature"),
            a.optional("via") or "section",
        ),
        (
            each("outcome"),
            each("project"),
            each("feature"),
            Param(
                "via",
                "How --feature selects: section (the findings printed in its section) or "
                "projects (the findings the document reports for the projects it links to it).",
                ("--via",),
                metavar="HOW",
                default="section",
                choices=query.VIA,
            ),
        ),
        formats=QUERY,
    ),
    Command(
        "map",
        "The evidence map: where the document reports findings, features (or projects) "
        "against outcomes.",
        "sevenf map --format html -o map.html",
        lambda a: query.evidence_map(a.corpus(), a.optional("by") or "feature"),
        (
            Param(
                "by",
                "feature (features × outcomes, through the projects linked to each), project "
                "(projects × outcomes) or feature-project (the links themselves).",
                ("--by",),
                metavar="ROWS",
                default="feature",
                choices=query.MAP_BY,
            ),
        ),
        formats=QUERY,
        details="An empty cell is a gap in the document's evidence, not a finding of no effect; "
        "the map gives no effect sizes, makes no causal claim, and is not Table 1.",
    ),
    Command(
        "search",
        "Ranked full-text search over every text the document holds.",
        "sevenf search co-location",
        lambda a: query.search(a.corpus(), " ".join(a.texts("text")), a.number("limit")),
        (
            Param("text", "Words to find, in any form.", metavar="TEXT", many=True, required=True),
            Param(
                "limit",
                f"At most this many hits (1 to {query.MOST_HITS}).",
                ("--limit", "-n"),
                metavar="N",
                default=20,
                bounds=(1, query.MOST_HITS),
            ),
        ),
        formats=QUERY,
    ),
    Command(
        "validate",
        "Check the data files and list what they hold and the gaps the source leaves.",
        "sevenf validate --data ./mydata",
        _validate,
        formats=QUERY,
    ),
    Command(
        "schema",
        "The JSON Schema of a data file, for editors.",
        "sevenf schema evidence > evidence.schema.json",
        _schema,
        (
            Param(
                "which",
                "framework or evidence.",
                metavar="WHICH",
                default="framework",
                choices=("framework", "evidence"),
            ),
        ),
    ),
    Command(
        "cite",
        "Export the sources behind footnotes, features, outcomes or projects "
        "(default: every source).",
        "sevenf cite --outcome 2 --format bibtex",
        _cite,
        (
            Param("numbers", "Footnote numbers, e.g. 11.", metavar="FOOTNOTE", many=True),
            *SELECTION,
            Param(
                "framework",
                "Export the framework itself (Department for Education, 2022), alone or "
                "with the rest.",
                ("--framework",),
                flag=True,
            ),
            DOCUMENT_ONLY,
        ),
        formats=(Format.text, Format.bibtex, Format.ris, Format.csl_json),
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
            Param("title", "The brief's title (default: Evidence brief).", ("--title",), "TEXT"),
            Param(
                "sections",
                "Only these parts, comma-separated or repeated: " + ", ".join(SECTIONS) + ".",
                ("--sections",),
                "NAMES",
                many=True,
            ),
            Param(
                "short",
                "A summary for a reader who has two pages: definitions, findings with their "
                "figures, one quote per feature, each feature's projects, the sources. One "
                "feature or one outcome fits on two pages in Word; more may run longer.",
                ("--short",),
                flag=True,
            ),
            DOCUMENT_ONLY,
        ),
        formats=(Format.markdown, Format.html, Format.docx, Format.json),
        json_flag=False,
        details="Definitions, differences and pitfalls, findings with their figures, and quotes "
        "with their attribution, for the features, outcomes and projects chosen, each passage "
        "once. A project shows what bears on the features and outcomes chosen. Every citation "
        "is a footnote, as a report gives it. docx writes Word directly through pandoc "
        "(pip install 'sevenf[word]'), with real footnotes, a title block and page numbers.",
    ),
    Command(
        "site",
        "A static site of the framework and its evidence, for reading in a browser.",
        "sevenf site -o site",
        _site,
        (
            # Not named "output": that is the shared option that sends a view to a file.
            Param(
                "directory",
                "Write the site to DIR (whole or not at all).",
                ("--output", "-o"),
                metavar="DIR",
                required=True,
            ),
            Param("force", "Replace DIR if it holds a site sevenf built.", ("--force",), flag=True),
        ),
        details="One page for each feature, outcome, enabler, project and footnote, the "
        "overview, lists and search, all linked, with the licence on every page. Open "
        "DIR/index.html from disk or put DIR on any web server: nothing is fetched from "
        "outside DIR.",
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
