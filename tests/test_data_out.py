"""The evidence as data: CSV on every list view, schemas of every --json, the Python API.

Each is held to the command line's own JSON: the CSV's rows are the JSON's records, the
schema validates the JSON, and `api.<command>(...)` equals `json.loads` of `--json`.
"""

from __future__ import annotations

import csv
import inspect
import io
import json
import subprocess
import sys
from collections import Counter
from typing import Any

import jsonschema
import pytest
from helpers import DATA, Cli

from seven_features import api
from seven_features.cli.commands import BY_NAME, COMMANDS
from seven_features.queries.choices import ANSWERS
from seven_features.queries.schemas import answer_schema, version
from seven_features.render import flat
from seven_features.render.csv import BOM


def parsed(text: str) -> list[dict[str, str]]:
    """CSV text as Python's csv reads it, the BOM taken as `utf-8-sig` takes it."""
    assert text.startswith(BOM)
    return list(csv.DictReader(io.StringIO(text[len(BOM) :], newline="")))


def as_json(cli: Cli, *args: str) -> Any:
    code, out, err = cli(*args)
    assert (code, err) == (0, ""), err
    return json.loads(out)


# --- CSV -------------------------------------------------------------------------------


def test_findings_csv_is_21_rows_and_a_count_per_outcome_sums_to_21() -> None:
    # The real entry point, as a user pipes it: no BOM lost, no row dropped.
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "seven_features",
            "--data",
            str(DATA),
            "findings",
            "--format",
            "csv",
        ],
        capture_output=True,
        check=True,
    )
    rows = list(csv.DictReader(io.StringIO(done.stdout.decode("utf-8-sig"), newline="")))
    assert len(rows) == 21
    per_outcome = Counter(row["outcome_number"] for row in rows)
    assert sum(per_outcome.values()) == 21
    assert per_outcome[""] == 1  # the document gives one finding no outcome
    assert done.stderr.decode() == (
        "sevenf: note: 21 rows, one per finding; 5 say in notes what the document leaves out\n"
    )


def test_a_finding_with_no_outcome_stays_so_and_says_why(cli: Cli) -> None:
    code, out, _ = cli("findings", "--format", "csv")
    assert code == 0
    (row,) = [r for r in parsed(out) if r["finding_id"] == "direct-work-hampshire-pas"]
    assert (row["outcome_id"], row["outcome_number"], row["outcome_name"]) == ("", "", "")
    assert row["notes"] == flat.NO_OUTCOME
    assert row["section_feature_numbers"] == "3"
    assert (row["before_percent"], row["after_percent"]) == ("34.0", "58.0")


# Every list view, as a command line, and the JSON list its rows are one per.
LISTS: list[tuple[tuple[str, ...], str]] = [
    (("findings",), "items"),
    (("findings", "--feature", "3", "--via", "projects"), "items"),
    (("quotes",), "items"),
    (("pitfalls",), "items"),
    (("projects",), "items"),
    (("sources",), "sources"),
    (("footnotes",), "items"),
    (("search", "co-location"), "hits"),
    (("features",), "items"),
    (("outcomes",), "items"),
    (("enablers",), ""),
    (("table",), "rows"),
    (("outcome", "2", "--evidence"), "findings"),
    (("feature", "3", "--evidence"), ""),
    (("feature", "4", "5", "--evidence"), ""),
    (("map",), ""),
    (("map", "--by", "project"), ""),
    (("map", "--by", "feature-project"), ""),
    (("outcomes", "--chart"), ""),
]


def _records(answer: Any, key: str) -> int:
    """How many records the JSON answer holds, as the CSV should have rows."""
    if key:
        return len(answer[key])
    views = answer if isinstance(answer, list) else [answer]
    match views[0]["view"]:
        case "enablers":
            return len(answer["improvement"]) + len(answer["evaluation"])
        case "feature-evidence":  # a row per finding of a path, or one for a path with none
            return sum(max(1, len(p["findings"])) for v in views for p in v["paths"])
        case "map":  # every cell of the grid, a gap included
            return len(answer["rows"]) * len(answer["columns"])
        case "chart":
            return sum(len(item["counts"]) for item in answer["items"])
    raise AssertionError(views[0]["view"])


@pytest.mark.parametrize(("args", "key"), LISTS, ids=[" ".join(a) for a, _ in LISTS])
def test_every_list_view_takes_csv_a_row_per_record(
    cli: Cli, args: tuple[str, ...], key: str
) -> None:
    code, raw, err = cli.raw(*args, "--format", "csv")
    assert code == 0, err
    # RFC 4180: records end in CRLF (click's text would fold them to LF).
    assert raw.startswith(BOM.encode()) and raw.endswith(b"\r\n")
    out = raw.decode("utf-8")
    rows = parsed(out)
    assert len(rows) == _records(as_json(cli, *args, "--json"), key)
    assert err.startswith(f"sevenf: note: {len(rows)} row")
    header = next(csv.reader(io.StringIO(out[len(BOM) :])))
    assert len(header) == len(set(header))


def test_the_list_commands_are_the_ones_that_take_csv() -> None:
    takes = {c.name for c in COMMANDS if "csv" in c.formats}
    assert takes == {args[0] for args, _ in LISTS}


def test_csv_text_is_the_documents_own(cli: Cli) -> None:
    # Every statement and quote reads back exactly as the JSON holds it: commas, quotes,
    # £, en dashes and curly quotes included.
    findings = as_json(cli, "findings", "--json")["items"]
    rows = parsed(cli("findings", "--format", "csv").stdout)
    assert [r["statement"] for r in rows] == [f["statement"] for f in findings]
    quotes = as_json(cli, "quotes", "--json")["items"]
    rows = parsed(cli("quotes", "--format", "csv").stdout)
    assert [(r["text"], r["attribution"]) for r in rows] == [
        (q["text"], q["attribution"]) for q in quotes
    ]
    assert any("£" in r["statement"] for r in parsed(cli("findings", "-f", "csv").stdout))


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("feature", "3"), "a feature in full is not a list: add --evidence"),
        (("outcome", "2"), "an outcome's summary is not a list: add --evidence"),
    ],
)
def test_a_view_that_is_no_list_refuses_csv(cli: Cli, args: tuple[str, ...], said: str) -> None:
    code, out, err = cli(*args, "--format", "csv")
    assert (code, out) == (2, "")
    assert said in err


def test_joined_cells_split_back_into_what_was_joined(cli: Cli) -> None:
    # A name holding '; ' would make a list cell ambiguous: none does.
    names = [p["name"] for p in as_json(cli, "projects", "--json")["items"]]
    names += [f["name"] for f in as_json(cli, "features", "--json")["items"]]
    assert not [n for n in names if flat.JOIN in n]


def test_every_column_says_what_it_holds(cli: Cli) -> None:
    for args, _ in LISTS:
        out = cli(*args, "--json").stdout
        table = flat.sheets(json.loads(out))
        for column in table.columns:
            assert column.about.endswith((".", ")")), (table.name, column.name)
            assert column.kind in ("text", "integer", "number", "boolean", "list")


def test_numbers_are_numbers_a_spreadsheet_can_sum(cli: Cli) -> None:
    table = flat.sheets(as_json(cli, "findings", "--json"))
    kinds = {c.name: c.kind for c in table.columns}
    for values in table.cells():
        for column, value in zip(table.columns, values, strict=True):
            if value is None:
                continue
            match kinds[column.name]:
                case "integer":
                    assert isinstance(value, int) and not isinstance(value, bool)
                case "number":
                    assert isinstance(value, int | float) and not isinstance(value, bool)
                case "boolean":
                    assert isinstance(value, bool)
                case _:
                    assert isinstance(value, str)


# --- schemas of every --json ---------------------------------------------------------------


def test_every_command_with_json_has_a_schema() -> None:
    assert set(ANSWERS) == {c.name for c in COMMANDS if "json" in c.formats}


# Each command with the arguments that give each shape of its answer.
ASKED: list[tuple[str, ...]] = [
    ("about",),
    ("features",),
    ("outcomes",),
    ("outcomes", "--chart"),
    ("enablers",),
    ("projects",),
    ("sources",),
    ("sources", "--document-only"),
    ("footnotes",),
    ("table",),
    ("feature", "3"),
    ("feature", "3", "--evidence"),
    ("feature", "4", "5"),
    ("feature", "4", "5", "--evidence"),
    ("outcome", "2"),
    ("outcome", "2", "--evidence"),
    ("outcome", "1", "7", "--evidence"),
    ("enabler", "3"),
    ("project", "herts"),
    ("project", "herts", "ealing", "--document-only"),
    ("source", "11"),
    ("source", "6"),
    ("quotes", "--feature", "6"),
    ("pitfalls",),
    ("findings",),
    ("findings", "--outcome", "reduced risk"),
    ("findings", "--feature", "3", "--via", "projects"),
    ("map",),
    ("map", "--by", "project"),
    ("map", "--by", "feature-project"),
    ("search", "co-location"),
    ("search", "zzqx"),
    ("validate",),
]


def _json_of(cli: Cli, args: tuple[str, ...]) -> Any:
    return as_json(cli, *args, "--json")


@pytest.mark.parametrize("args", ASKED, ids=[" ".join(a) for a in ASKED])
def test_each_answer_validates_against_its_commands_schema(cli: Cli, args: tuple[str, ...]) -> None:
    schema = as_json(cli, "schema", args[0])
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(_json_of(cli, args), schema, cls=jsonschema.Draft202012Validator)


def test_a_briefs_json_validates_against_its_schema(cli: Cli) -> None:
    schema = as_json(cli, "schema", "brief")
    for args in (("--feature", "3"), ("--project", "herts", "--outcome", "2", "--short")):
        answer = as_json(cli, "brief", *args, "--format", "json")
        jsonschema.validate(answer, schema, cls=jsonschema.Draft202012Validator)


def test_every_command_in_the_schemas_is_asked() -> None:
    assert {a[0] for a in ASKED} | {"brief"} == set(ANSWERS)


def test_a_schema_is_closed_so_a_new_key_fails() -> None:
    answer: Any = api.findings()
    answer["items"][0]["colour"] = "red"
    with pytest.raises(jsonschema.ValidationError, match="colour"):
        jsonschema.validate(answer, answer_schema("findings"))


def test_a_schemas_version_is_a_hash_of_its_shape() -> None:
    schema = answer_schema("findings")
    assert schema["$id"] == f"urn:sevenf:answer:findings:{version(schema)}"
    changed = json.loads(json.dumps(schema))
    changed["$defs"]["FindingShown"]["properties"]["statement"]["type"] = "integer"
    assert version(changed) != version(schema)
    assert answer_schema("findings") == schema  # the same shape, the same version
    assert len({answer_schema(c)["$id"] for c in ANSWERS}) == len(ANSWERS)


@pytest.mark.parametrize("which", ["framework", "evidence"])
def test_the_data_files_schemas_are_as_they_were(cli: Cli, which: str) -> None:
    shipped = json.loads((DATA / f"{which}.schema.json").read_text(encoding="utf-8"))
    assert as_json(cli, "schema", which) == shipped


# --- the Python API ------------------------------------------------------------------------


def _call(args: tuple[str, ...]) -> Any:
    """The API's call for a command line: options by name, REFs and words positional."""
    command = BY_NAME[args[0]]
    flags = {f: p for p in command.params for f in p.flags}
    positional: list[str] = []
    named: dict[str, Any] = {}
    words = list(args[1:])
    while words:
        word = words.pop(0)
        param = flags.get(word)
        if param is None:
            positional.append(word)
        elif param.flag:
            named[param.name] = True
        elif param.many:
            named.setdefault(param.name, []).append(words.pop(0))
        else:
            value = words.pop(0)
            named[param.name] = int(value) if param.bounds else value
    # `validate` names the data folder: the one the command line is given here, which an
    # install from a wheel keeps apart from the data it ships.
    target: Any = api.load(DATA) if args[0] == "validate" else api
    return getattr(target, args[0])(*positional, **named)


@pytest.mark.parametrize("args", ASKED, ids=[" ".join(a) for a in ASKED])
def test_api_answers_as_json_does(cli: Cli, args: tuple[str, ...]) -> None:
    assert _call(args) == _json_of(cli, args)


def test_api_examples_from_the_issue(cli: Cli) -> None:
    assert api.feature("3", evidence=True) == _json_of(cli, ("feature", "3", "--evidence"))
    assert api.search("co-location") == _json_of(cli, ("search", "co-location"))
    assert api.map() == _json_of(cli, ("map",))
    assert api.findings(outcome="reduced risk", feature="3", via="projects") == _json_of(
        cli, ("findings", "--outcome", "reduced risk", "--feature", "3", "--via", "projects")
    )
    assert api.brief(feature=["4", 5], short=True) == as_json(
        cli, "brief", "--feature", "4", "--feature", "5", "--short", "--format", "json"
    )


def test_api_refuses_what_the_command_line_refuses(cli: Cli) -> None:
    from seven_features.errors import NotFound, UsageError

    code, _, err = cli("findings", "--outcome", "reduced risk", "--via", "projects")
    with pytest.raises(UsageError) as refused:
        api.findings(outcome="reduced risk", via="projects")
    assert (code, err) == (2, f"sevenf: error: {refused.value}\n")
    with pytest.raises(NotFound, match="no feature matches 'zzqx'"):
        api.feature("zzqx")
    with pytest.raises(UsageError):
        api.search("co-location", limit=0)


def test_api_has_a_function_per_query_command_taking_its_arguments_by_name() -> None:
    # How an answer is written, not what it is: --json is the same with --annotated, and
    # --template is the Word file's styles, --detail how much of the map a terminal shows.
    shared = {"format", "json", "output", "force", "annotated", "template", "detail"}
    for name in ANSWERS:
        function = getattr(api, name)
        taken = set(inspect.signature(function).parameters)
        given = {p.name for p in BY_NAME[name].options()} - shared
        # A command's REFs, words or footnote number are positional: any name will do.
        positional = {p.name for p in BY_NAME[name].params if p.is_argument}
        assert given - positional <= taken, name
        assert getattr(api.Evidence, name).__doc__


def test_api_answers_are_copies_a_caller_may_change() -> None:
    first = api.about()
    first["document"]["title"] = "changed"
    assert api.about()["document"]["title"] != "changed"


def test_api_load_reads_another_data_folder() -> None:
    from helpers import MINIMAL

    other = api.load(MINIMAL)
    assert other.directory == str(MINIMAL)
    assert len(other.features()["items"]) == 1
    assert len(api.features()["items"]) == 7


def test_importing_the_api_changes_nothing_and_says_nothing() -> None:
    code = (
        "import signal; from seven_features import api; "
        "assert signal.getsignal(signal.SIGINT) is signal.default_int_handler"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, b"", b"")
