"""The full command line: typer commands generated from the command table.

The only module that imports typer. `parse.py` answers every command line that parses;
this one is loaded for what needs click: help, shell completion, --version and usage
errors. Each typer command is built from a `commands.Command` declaration and runs it
through the same `commands.execute()` inside the same `output.guarded()` boundary, so
the two paths give the same answer and the same errors.
"""

from __future__ import annotations

import inspect
import re
import sys
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

from seven_features import __version__
from seven_features.cli.commands import COMMANDS, GLOBAL, OVERVIEW, Command, Param, execute
from seven_features.cli.parse import asks_for_help, keep_help
from seven_features.errors import SevenfError
from seven_features.output import (
    OutputError,
    Settings,
    abandon,
    describe,
    fail,
    guarded,
    stdout,
    write,
)

if TYPE_CHECKING:
    from seven_features.cli.commands import Value
    from seven_features.queries.results import Kind

# typer sets an argument's Python type beside its name in help ("REF <list[str]>"); the
# help of each argument says in words what it takes.
TyperArgument.display_type_rich = lambda self, ctx: None  # type: ignore[method-assign]


#: The help click made in this run, so that `Sevenf.main` can keep what it wrote.
_helped: list[str] = []


class _Command(TyperCommand):
    """A command whose help, when click makes it, is noted to be kept."""

    def get_help(self, ctx: Any) -> str:  # click's context
        _helped.append(super().get_help(ctx))
        return _helped[-1]


class Sevenf(TyperGroup):
    """Runs the commands without click's own error screens, so every error is one line."""

    def get_help(self, ctx: Any) -> str:  # click's context
        _helped.append(super().get_help(ctx))
        return _helped[-1]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # typer keeps only completions that begin with what is typed; a REF is completed
        # from the start of any word of a name ('herts' gives 'Family Safeguarding
        # Hertfordshire'), so the completer goes on click's parameter itself.
        for command in COMMANDS:
            kinds = {p.name: p.complete for p in command.params if p.complete}
            built = self.commands.get(command.name)
            for param in built.params if built else ():
                if param.name in kinds:
                    param._custom_shell_complete = _completer(kinds[param.name])

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
        outcome: list[int] = []

        def body() -> None:
            try:
                _helped.clear()
                code = super(Sevenf, self).main(
                    argv, prog_name or "sevenf", complete_var, False, windows_expand_args, **extra
                )
                # Help is kept, so that the fast path can write it again without typer.
                if code in (0, None) and len(_helped) == 1 and asks_for_help(argv):
                    keep_help(argv, _helped[0] + "\n")  # as click.echo wrote it
            except typer.Abort:
                raise KeyboardInterrupt from None
            except SystemExit as stop:
                # click ends a write to a closed pipe (its help, say) with 1
                if isinstance(stop.__context__, BrokenPipeError):
                    raise BrokenPipeError from None
                raise
            except OSError as error:  # click's own writes: help, version, completion
                abandon()
                raise OutputError(f"cannot write the output: {describe(error)}") from None
            except Exception as error:
                if not hasattr(error, "format_message"):
                    raise
                # click's usage errors carry their exit code (2)
                hint = f" (see 'sevenf {self._command_of(argv)}--help')"
                named = re.search(r"unexpected extra argument\S* \((\S+\.ya?ml)\)", str(error))
                if named:  # a local evidence file given as an argument
                    hint = f" (a local evidence file is given as --local {named.group(1)})"
                # typer checks choices through pydantic, which starts its words "Value error, "
                message = error.format_message().replace("Value error, ", "")
                outcome.append(fail(message + hint, getattr(error, "exit_code", 2)))
                return
            outcome.append(code if isinstance(code, int) else 0)

        _debug[:] = []
        code = guarded(body, lambda: any(_debug))
        sys.exit(outcome[0] if outcome and code == 0 else code)

    def _command_of(self, argv: list[str]) -> str:
        names = [a for a in argv if a in self.commands]
        return f"{names[0]} " if names else ""


app = typer.Typer(
    cls=Sevenf,
    name="sevenf",
    help="Query the DfE framework 'Seven features of practice and seven outcomes' "
    "(Crown copyright, Open Government Licence v3.0).\n\n\b\nExample:\n  sevenf feature 3",
    invoke_without_command=True,
    no_args_is_help=False,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


# --- from a declaration to a typer parameter ------------------------------------------


def _completer(kind: Kind) -> Callable[[Any, Any, str], list[str]]:
    """Completion of a REF of `kind`: numbers, and the names of the records it names, from
    the data the line names (`--data` typed before the REF, else $SEVENF_DATA, else the
    data shipped with sevenf). Completion is output too: names are cleaned as every view
    cleans them, so no control or bidirectional character reaches the shell."""

    def complete(ctx: Any, param: Any, incomplete: str) -> list[str]:
        import os
        import shlex

        from seven_features.corpus import datafiles, load
        from seven_features.queries import query
        from seven_features.queries.match import completions
        from seven_features.render.blocks import oneline

        given = ctx.params.get("data") or (ctx.parent.params.get("data") if ctx.parent else None)
        try:
            corpus = load.read_corpus(datafiles.data_dir(given))
        except SevenfError:
            return []
        records = query.candidates(corpus, kind)
        numbers = [str(r["number"]) for r in records if r.get("number") is not None]
        if incomplete.isdecimal():
            return [n for n in numbers if n.startswith(incomplete)]
        found = [oneline(name) for name in completions(incomplete, query.named(records))]
        # bash inserts a value as it is, so a name of several words goes in quoted;
        # zsh and fish quote what they insert themselves.
        if os.environ.get("_SEVENF_COMPLETE", "").endswith("bash"):
            found = [shlex.quote(n) for n in found]
        return found if incomplete else numbers + found

    return complete


def _annotation(param: Param) -> Any:
    """The typed, annotated parameter typer reads for one declaration."""
    shared: dict[str, Any] = {"help": param.help, "show_default": param.default is not None}
    if param.metavar:
        shared["metavar"] = param.metavar
    if param.bounds:
        shared["min"], shared["max"] = param.bounds
    kind: Any = bool if param.flag else int if param.bounds else str
    if param.choices:  # typer makes a choice of an enum's values
        kind = _choices(param)
    if param.many:
        kind = list[str] | None
    elif not param.flag and param.default is None and not param.required:
        kind = kind | None
    if param.is_argument:
        return Annotated[kind, typer.Argument(**shared)]
    return Annotated[kind, typer.Option(*param.flags, **shared)]


def _choices(param: Param) -> Any:
    """An enum of the choices: typer turns it into click's choice."""
    return StrEnum(param.name.capitalize(), {c: c for c in param.choices})


def _signature(params: Sequence[Param]) -> inspect.Signature:
    context = inspect.Parameter(
        "ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context
    )
    default: Callable[[Param], Any] = lambda p: (  # noqa: E731
        False if p.flag else ... if p.required else p.default
    )
    return inspect.Signature(
        [context]
        + [
            inspect.Parameter(
                p.name,
                inspect.Parameter.KEYWORD_ONLY,
                default=default(p),
                annotation=_annotation(p),
            )
            for p in params
        ]
    )


#: Whether click parsed --debug as the option (not as another option's value, as in
#: `--feature --debug`): the error boundary asks only when a failure comes.
_debug: list[bool] = []


def _settings(ctx: typer.Context, values: dict[str, Value]) -> Settings:
    """The global options, given before the command (on the group) or after it."""
    before: Settings = ctx.obj or Settings()
    data, local = values.pop("data", None), values.pop("local", None)
    settings = Settings(
        data if isinstance(data, str) else before.data,
        bool(values.pop("no_color", False)) or before.no_color,
        bool(values.pop("debug", False)) or before.debug,
        [*(before.local or ()), *local] if isinstance(local, list) and local else before.local,
    )
    _debug.append(settings.debug)
    return settings


def _register(command: Command) -> None:
    def run(ctx: typer.Context, **given: Any) -> None:
        values: dict[str, Value] = {
            k: v.value if isinstance(v, StrEnum) else v for k, v in given.items()
        }
        execute(command, values, _settings(ctx, values))

    run.__signature__ = _signature([*command.options(), *GLOBAL])  # type: ignore[attr-defined]
    run.__doc__ = command.help
    # The list of commands shows each one's first paragraph whole: click would cut it at
    # 45 characters with "...".
    summary = " ".join(command.help.split("\n\n")[0].split())
    app.command(command.name, cls=_Command, hidden=command.hidden, short_help=summary)(run)


def _version(value: bool) -> None:
    if value:
        write(f"sevenf {__version__}\n")  # flushed now: a closed pipe ends with 141
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    data: Annotated[str | None, typer.Option("--data", metavar="DIR", help=GLOBAL[0].help)] = None,
    no_color: Annotated[bool, typer.Option("--no-color", help=GLOBAL[1].help)] = False,
    debug: Annotated[bool, typer.Option("--debug", help=GLOBAL[2].help)] = False,
    local: Annotated[
        list[str] | None, typer.Option("--local", metavar="FILE", help=GLOBAL[3].help)
    ] = None,
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
    ctx.obj = Settings(data, no_color, debug, local or None)
    _debug.append(debug)
    if ctx.invoked_subcommand is None:
        execute(OVERVIEW, {}, ctx.obj)


for _command in COMMANDS:
    _register(_command)


def run(argv: list[str] | None = None) -> NoReturn:
    """Run the command line (the console script's entry after the fast path)."""
    # click writes help and usage to a missing stdout as if to nowhere: say so instead
    code = guarded(stdout, "--debug" in (argv or ()))
    if code:
        raise SystemExit(code)
    app(args=argv, prog_name="sevenf")
    raise SystemExit(0)
