"""The sevenf command line: thin typer commands that parse, query and hand over to `emit()`.

The only module that imports typer. Errors of every kind leave through `Sevenf.main`:
one line on stderr, exit 1 for not found or bad data, 2 for bad usage, and a
traceback only with --debug.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from . import __version__, export, load, query
from .corpus import Corpus
from .errors import SevenfError
from .export import BriefFormat, CiteFormat
from .output import Format, emit, fail, note, write


class Settings:
    """The global options, kept on the click context for every command."""

    def __init__(
        self, data: str | None = None, no_color: bool = False, debug: bool = False
    ) -> None:
        self.data, self.no_color, self.debug = data, no_color, debug


class Sevenf(TyperGroup):
    """Runs the commands without click's own error screens, so every error is one line."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,  # always run without click's screens; see the class
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        debug = "--debug" in argv
        try:
            code = super().main(
                argv, prog_name or "sevenf", complete_var, False, windows_expand_args, **extra
            )
        except SevenfError as error:
            if debug:
                raise
            code = fail(str(error), error.exit_code)
        except KeyboardInterrupt:
            code = 130
        except SystemExit as stop:
            # click ends a write to a closed pipe (its help, say) with 1; the shell's code is 141
            if not isinstance(stop.__context__, BrokenPipeError):
                raise
            code = 141
        except Exception as error:
            if debug:
                raise
            if hasattr(error, "format_message"):  # click's usage errors carry their exit code
                hint = f" (see 'sevenf {self._command_of(argv)}--help')"
                code = fail(error.format_message() + hint, getattr(error, "exit_code", 2))
            else:
                code = fail(
                    f"internal error ({type(error).__name__}: {error}); please report it, "
                    "and run again with --debug for the traceback",
                    1,
                )
        sys.exit(code if isinstance(code, int) else 0)

    def _command_of(self, argv: list[str]) -> str:
        names = [a for a in argv if a in self.commands]
        return f"{names[0]} " if names else ""


app = typer.Typer(
    cls=Sevenf,
    name="sevenf",
    help="Query the DfE framework 'Seven features of practice and seven outcomes' "
    "(Crown copyright, Open Government Licence v3.0).\n\nExample: sevenf feature 3",
    invoke_without_command=True,
    no_args_is_help=False,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# --- shared options, defined once ----------------------------------------------------

FormatOption = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        help="table (rich on a terminal, plain text when piped), json or markdown.",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Shorthand for --format json.")]


def _complete(kind: str) -> Callable[[str], list[str]]:
    def names(incomplete: str) -> list[str]:
        try:
            corpus = load.read_corpus(load.data_dir(None))
        except SevenfError:
            return []
        records = query.candidates(corpus, kind)
        found = [r.get("title") or r["name"] for r in records]
        return [n for n in found if incomplete.casefold() in n.casefold()]

    return names


def Ref(kind: str, example: str) -> Any:
    return typer.Argument(
        help=f"A number (as in Table 1) or any part of a {kind}'s name or alias, e.g. {example}.",
        autocompletion=_complete(kind),
        metavar="REF",
        show_default=False,
    )


def _corpus(ctx: typer.Context) -> Corpus:
    settings: Settings = ctx.obj or Settings()
    return load.read_corpus(load.data_dir(settings.data))


def _show(
    ctx: typer.Context, fmt: Format, as_json: bool, build: Callable[[Corpus], dict[str, Any]]
) -> None:
    settings: Settings = ctx.obj or Settings()
    emit(build(_corpus(ctx)), Format.json if as_json else fmt, no_color=settings.no_color)


def _version(value: bool) -> None:
    if value:
        write(f"sevenf {__version__}\n")  # flushed now: a closed pipe ends with 141
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    data: Annotated[
        str | None,
        typer.Option(
            "--data",
            metavar="DIR",
            help="Directory holding framework.yaml and evidence.yaml "
            "(default: $SEVENF_DATA, else the data shipped with sevenf).",
        ),
    ] = None,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="No colour, even on a terminal.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback for errors.")] = False,
    version: Annotated[
        bool | None,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = None,
) -> None:
    """The framework at a glance when no command is given.

    Example: sevenf
    """
    ctx.obj = Settings(data, no_color, debug)
    if ctx.invoked_subcommand is None:
        _show(ctx, Format.table, False, query.overview)


# --- lists ---------------------------------------------------------------------------


def _listing(name: str, build: Callable[[Corpus], dict[str, Any]], summary: str) -> None:
    """Register `sevenf NAME`: a list or table with the shared output options."""

    def command(
        ctx: typer.Context, fmt: FormatOption = Format.table, as_json: JsonOption = False
    ) -> None:
        _show(ctx, fmt, as_json, build)

    command.__doc__ = f"{summary}\n\nExample: sevenf {name}"
    app.command(name)(command)


_listing("features", query.list_features, "List the seven features of practice.")


@app.command()
def outcomes(
    ctx: typer.Context,
    chart: Annotated[
        bool,
        typer.Option(
            "--chart", help="A bar per count of projects the findings print, of its total if given."
        ),
    ] = False,
    fmt: FormatOption = Format.table,
    as_json: JsonOption = False,
) -> None:
    """List the seven outcomes, numbered as in Table 1.

    Example: sevenf outcomes --chart
    """
    _show(ctx, fmt, as_json, query.outcomes_chart if chart else query.list_outcomes)


_listing(
    "enablers",
    query.list_enablers,
    "List both sets of enablers: the seven of improvement and the evaluations' four.",
)
_listing("projects", query.list_projects, "List every project the document names.")
_listing("sources", query.list_sources, "List every source and every footnote, resolved.")
_listing(
    "about",
    query.about,
    "The document itself: dates, ISBN, licence and attribution, and its programme.",
)
_listing(
    "table",
    query.table,
    "Table 1 as the document lays it out (an alignment, not a mapping of causes).",
)


# --- one thing in full ---------------------------------------------------------------


@app.command()
def feature(
    ctx: typer.Context,
    ref: Annotated[str, Ref("feature", '3 or "group case"')],
    fmt: FormatOption = Format.table,
    as_json: JsonOption = False,
) -> None:
    """A feature in full: definition, differences, pitfalls, quotes, findings, footnotes.

    Example: sevenf feature 3
    """
    _show(ctx, fmt, as_json, lambda c: query.feature(c, ref))


@app.command()
def outcome(
    ctx: typer.Context,
    ref: Annotated[str, Ref("outcome", '2 or "reduced risk"')],
    evidence: Annotated[
        bool,
        typer.Option(
            "--evidence", "-e", help="Every finding with figures, projects and citations."
        ),
    ] = False,
    fmt: FormatOption = Format.table,
    as_json: JsonOption = False,
) -> None:
    """An outcome: a summary, or every finding behind it.

    Example: sevenf outcome "reduced risk" --evidence
    """
    _show(ctx, fmt, as_json, lambda c: query.outcome(c, ref, evidence))


@app.command()
def enabler(
    ctx: typer.Context,
    ref: Annotated[str, Ref("enabler", '5 or "strong leaders"')],
    fmt: FormatOption = Format.table,
    as_json: JsonOption = False,
) -> None:
    """An enabler with its actions.

    Example: sevenf enabler 3
    """
    _show(ctx, fmt, as_json, lambda c: query.enabler(c, ref))


@app.command()
def project(
    ctx: typer.Context,
    ref: Annotated[str, Ref("project", "herts or ealing")],
    fmt: FormatOption = Format.table,
    as_json: JsonOption = False,
) -> None:
    """Everything the document says about a project.

    Example: sevenf project herts
    """
    _show(ctx, fmt, as_json, lambda c: query.project(c, ref))


@app.command()
def source(
    ctx: typer.Context,
    number: Annotated[str, typer.Argument(help="A footnote number, e.g. 11.", show_default=False)],
    fmt: FormatOption = Format.table,
    as_json: JsonOption = False,
) -> None:
    """A footnote: its printed text and what it resolves to.

    Example: sevenf source 11
    """
    _show(ctx, fmt, as_json, lambda c: query.source(c, number))


# --- cross-cutting views -------------------------------------------------------------

FeatureFilter = Annotated[
    list[str] | None, typer.Option("--feature", help="Only this feature (repeatable).")
]
ProjectFilter = Annotated[
    list[str] | None, typer.Option("--project", help="Only this project (repeatable).")
]
OutcomeFilter = Annotated[
    list[str] | None, typer.Option("--outcome", help="Only this outcome (repeatable).")
]


@app.command()
def quotes(
    ctx: typer.Context,
    feature: FeatureFilter = None,
    project: ProjectFilter = None,
    fmt: FormatOption = Format.table,
    as_json: JsonOption = False,
) -> None:
    """Quotes with speaker, source and footnote.

    Example: sevenf quotes --feature 6
    """
    _show(ctx, fmt, as_json, lambda c: query.quotes(c, feature, project))


@app.command()
def pitfalls(
    ctx: typer.Context,
    feature: FeatureFilter = None,
    fmt: FormatOption = Format.table,
    as_json: JsonOption = False,
) -> None:
    """Potential pitfalls by feature. Example: sevenf pitfalls --feature "co-located"."""
    _show(ctx, fmt, as_json, lambda c: query.pitfalls(c, feature))


@app.command()
def findings(
    ctx: typer.Context,
    outcome: OutcomeFilter = None,
    project: ProjectFilter = None,
    feature: FeatureFilter = None,
    fmt: FormatOption = Format.table,
    as_json: JsonOption = False,
) -> None:
    """Findings with figures and footnotes.

    Example: sevenf findings --project herts
    """
    _show(ctx, fmt, as_json, lambda c: query.findings(c, outcome, project, feature))


@app.command()
def search(
    ctx: typer.Context,
    text: Annotated[
        list[str], typer.Argument(help="Words to find, in any form.", show_default=False)
    ],
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, max=1000, help="At most this many hits.")
    ] = 20,
    fmt: FormatOption = Format.table,
    as_json: JsonOption = False,
) -> None:
    """Ranked full-text search over every text the document holds.

    Example: sevenf search co-location
    """
    _show(ctx, fmt, as_json, lambda c: query.search(c, " ".join(text), limit))


# --- the data itself -----------------------------------------------------------------


@app.command()
def validate(
    ctx: typer.Context, fmt: FormatOption = Format.table, as_json: JsonOption = False
) -> None:
    """Check the data files and list what they hold and the gaps the source leaves.

    Example: sevenf validate --data ./mydata
    """
    settings: Settings = ctx.obj or Settings()
    directory = load.data_dir(settings.data)
    corpus = load.read_corpus(directory)  # validated, or from a cache keyed by the exact bytes
    emit(
        query.validate_report(corpus, str(directory)),
        Format.json if as_json else fmt,
        no_color=settings.no_color,
    )


@app.command()
def schema(
    which: Annotated[str, typer.Argument(help="framework or evidence.")] = "framework",
) -> None:
    """The JSON Schema of a data file, for editors.

    Example: sevenf schema evidence > evidence.schema.json
    """
    if which not in ("framework", "evidence"):
        raise typer.BadParameter(
            f"'{which}' is not a data file: use framework or evidence", param_hint="WHICH"
        )
    from .output import to_json

    write(to_json(load.json_schema(which)))


# --- report writing ------------------------------------------------------------------

CiteFormatOption = Annotated[
    CiteFormat,
    typer.Option(
        "--format",
        "-f",
        help="text (Harvard references, then the footnotes as printed), bibtex, ris or csl-json.",
    ),
]
BriefFormatOption = Annotated[
    BriefFormat,
    typer.Option(
        "--format",
        "-f",
        help="markdown (footnotes that pandoc makes Word footnotes) or html (one printable file).",
    ),
]
Refs = list[str] | None
ReportFeature = Annotated[
    Refs, typer.Option("--feature", metavar="REF", help="A feature (repeatable).")
]
ReportOutcome = Annotated[
    Refs, typer.Option("--outcome", metavar="REF", help="An outcome (repeatable).")
]
ReportProject = Annotated[
    Refs, typer.Option("--project", metavar="REF", help="A project (repeatable).")
]


@app.command()
def cite(
    ctx: typer.Context,
    numbers: Annotated[
        list[str] | None,
        typer.Argument(metavar="FOOTNOTE", help="Footnote numbers, e.g. 11.", show_default=False),
    ] = None,
    feature: ReportFeature = None,
    outcome: ReportOutcome = None,
    project: ReportProject = None,
    fmt: CiteFormatOption = CiteFormat.text,
) -> None:
    """Export the sources behind footnotes, features, outcomes or projects (default: every source).

    A feature, outcome or project stands for the footnotes its view cites.

    Example: sevenf cite --outcome 2 --format bibtex
    """
    from .render.cite import gather

    corpus = _corpus(ctx)
    chosen = query.cited_numbers(corpus, numbers or (), feature, outcome, project)
    result = gather(corpus, chosen, every_source=chosen is None)
    write(export.citations(result, fmt))
    for line in export.unsourced(result):
        note(line)
    if chosen == []:
        note("the selection cites no footnote, so there is no source to export")


@app.command()
def brief(
    ctx: typer.Context,
    feature: ReportFeature = None,
    outcome: ReportOutcome = None,
    project: ReportProject = None,
    fmt: BriefFormatOption = BriefFormat.markdown,
    out: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write FILE (whole or not at all)."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
) -> None:
    """An evidence brief with real footnotes, its sources and the document's licence.

    Definitions, differences and pitfalls, findings with their figures, and quotes with
    their attribution, for the features, outcomes and projects chosen. For Word, keep the
    quotes and dots as printed with: pandoc -f markdown-smart brief.md -o brief.docx

    Example: sevenf brief --outcome 2 --feature 6 --format html -o brief.html
    """
    text = export.brief(query.brief(_corpus(ctx), feature, outcome, project), fmt)
    if out is None:
        write(text)
    else:
        export.to_file(out, text, force=force)


@app.command()
def site(
    ctx: typer.Context,
    out: Annotated[
        str,
        typer.Option(
            "--output", "-o", metavar="DIR", help="Write the site to DIR (whole or not at all)."
        ),
    ],
    force: Annotated[
        bool, typer.Option("--force", help="Replace DIR if it holds a site sevenf built.")
    ] = False,
) -> None:
    """A static site of the framework and its evidence, for reading in a browser.

    One page for each feature, outcome, enabler, project and footnote, the overview,
    lists and search, all linked, with the licence on every page. Open DIR/index.html
    from disk or put DIR on any web server: nothing is fetched from outside DIR.

    Example: sevenf site -o site
    """
    from . import site as static

    static.write(static.build(_corpus(ctx)), out, force=force)
    note(f"wrote the site to {out}; open {out}/index.html")


def run(argv: list[str] | None = None) -> NoReturn:
    """Run the command line (the console script's entry after the fast path)."""
    app(args=argv, prog_name="sevenf")
    raise SystemExit(0)
