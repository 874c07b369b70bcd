"""Every command through the CLI, on the real data: exit codes, stdout and stderr apart."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from helpers import DATA, Cli

from seven_features.cli import parse as fast
from seven_features.cli.app import app
from seven_features.corpus.indexed import Corpus
from seven_features.queries import query

if TYPE_CHECKING:
    from seven_features.queries.results import Result

QUERIES: dict[tuple[str, ...], Callable[[Corpus], Result]] = {
    # argv: the query function's own result, for --json to equal
    ("features",): lambda c: query.list_features(c),
    ("outcomes",): lambda c: query.list_outcomes(c),
    ("enablers",): lambda c: query.list_enablers(c),
    ("projects",): lambda c: query.list_projects(c),
    ("sources",): lambda c: query.list_sources(c),
    ("table",): lambda c: query.table(c),
    ("about",): lambda c: query.about(c),
    ("feature", "3"): lambda c: query.feature(c, "3"),
    ("feature", "group case"): lambda c: query.feature(c, "group case"),
    ("outcome", "reduced risk"): lambda c: query.outcome(c, "reduced risk"),
    ("outcome", "reduced risk", "--evidence"): lambda c: query.outcome(c, "reduced risk", True),
    ("enabler", "strong leaders"): lambda c: query.enabler(c, "strong leaders"),
    ("project", "herts"): lambda c: query.project(c, "herts"),
    ("source", "11"): lambda c: query.source(c, "11"),
    ("quotes", "--feature", "6"): lambda c: query.quotes(c, ["6"]),
    ("quotes", "--project", "ealing"): lambda c: query.quotes(c, None, ["ealing"]),
    ("pitfalls", "--feature", "4"): lambda c: query.pitfalls(c, ["4"]),
    ("findings", "--outcome", "3", "--project", "herts"): lambda c: query.findings(
        c, ["3"], ["herts"]
    ),
    ("search", "co-located"): lambda c: query.search(c, "co-located"),
}


@pytest.mark.parametrize("argv", list(QUERIES), ids=" ".join)
def test_json_equals_the_query_result(argv: tuple[str, ...], corpus: Corpus, cli: Cli) -> None:
    code, out, err = cli(*argv, "--json")
    assert (code, err) == (0, "")
    assert json.loads(out) == json.loads(json.dumps(QUERIES[argv](corpus)))


@pytest.mark.parametrize("argv", list(QUERIES), ids=" ".join)
@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_text_formats_have_no_escape_codes(argv: tuple[str, ...], fmt: str, cli: Cli) -> None:
    code, out, err = cli(*argv, "--format", fmt)
    assert (code, err) == (0, "")
    assert out.strip() and "\x1b" not in out


def test_feature_in_full_plain(cli: Cli) -> None:
    code, out, _ = cli("feature", "3")
    assert code == 0
    assert out.startswith("Feature 3: Enabling staff to do skilled direct work\n")
    for heading in ("What difference does it make?", "Potential pitfalls", "Quotes", "Footnotes"):
        assert f"\n{heading}\n" in out
    # one paragraph per line: a whole sentence is on one line for grep
    assert any(line.endswith("from 34% to 58%.[21]") for line in out.splitlines())
    assert (
        "[21] Children's Social Care Innovation Programme, Social Care Innovations in Hampshire"
        in out
    )
    # a quote with no footnote says so in a few words instead of leaving a blank
    assert (
        "Feedback from father, Family Safeguarding Hertfordshire evaluation [no footnote given]"
        in out
    )
    assert "evaluation [footnote not given in the source" in cli("feature", "3", "--annotated")[1]


def test_outcome_evidence_resolves_every_footnote(cli: Cli) -> None:
    code, out, _ = cli("outcome", "reduced risk", "--evidence")
    assert code == 0
    assert "the Signs of Safety authorities saw a 22% decrease" in out
    assert (
        "[3] Children's Social Care Innovation Programme, Family Safeguarding Hertfordshire Evaluation Report, [no year given] [no page given]\n"
        in out
    )
    assert (
        "[4] Children's Social Care Innovation Programme, Leeds Family Valued Evaluation Report, 2017, pg. [no page given]\n"
        in out
    )
    # the full sentence is the footnote's own view's
    assert "[page not given in the source: The note ends 'pg.'" in cli("source", "4")[1]


def test_ibid_is_resolved_in_views(cli: Cli) -> None:
    code, out, _ = cli("outcome", "3", "--evidence")
    assert code == 0
    assert (
        "[11] Ibid., 26. → Final Evaluation Report, 2017, p. 26 (resolved through footnotes 10, 9 and 8)"
        in out
    )


def test_one_wording_for_an_ibid_chain(cli: Cli) -> None:
    """Every view and format words the chain of an 'Ibid.' alike (wording.resolved_through)."""
    shown = {
        ("source", "11"): "Ibid.: resolved through footnotes 10, 9 and 8\n",
        ("source", "9"): "Ibid.: resolved through footnote 8\n",
        ("source", "11", "--format", "markdown"): (
            "- **Ibid.:** resolved through footnotes 10, 9 and 8\n"
        ),
        ("sources",): "p. 7 (resolved through footnotes 16 and 15)\n",
        ("cite", "11"): "p. 26 (resolved through footnotes 10, 9 and 8)\n",
        ("cite", "10", "--format", "text"): "p. 6 (resolved through footnotes 9 and 8)\n",
    }
    for argv, words in shown.items():
        code, out, err = cli(*argv)
        assert (code, err) == (0, "") and words in out, argv
        assert "through footnote 10, 9" not in out and "through note" not in out


def test_numbers_are_listed_as_english_lists_them(cli: Cli) -> None:
    code, out, _ = cli("findings", "--feature", "3", "--feature", "4")
    assert code == 0
    assert out.startswith("Findings (1) printed in the sections of features 3 and 4\n")
    assert "\nsevenf findings --feature 3 --feature 4 --via projects: the findings of their" in out
    code, out, _ = cli("findings", "--feature", "3")
    assert out.startswith("Findings (1) printed in the section of feature 3\n")
    assert "\nsevenf findings --feature 3 --via projects: the findings of its projects\n" in out
    code, out, _ = cli("project", "herts")
    assert "\nCited in: footnotes 3, 12, 18 and 22\n" in out


def test_markdown_citations_are_footnotes(cli: Cli) -> None:
    code, out, _ = cli("outcome", "reduced risk", "--evidence", "--format", "markdown")
    assert code == 0
    assert (
        "[^5]" in out
        and "\n[^5]: Children's Social Care Innovation Programme, Final Evaluation Report, 2017, pg\\. 28\\."
        not in out
    )
    assert (
        "\n[^5]: Children's Social Care Innovation Programme, Final Evaluation Report, 2017, pg. 28."
        in out
    )


def test_table_is_labelled_as_an_alignment(cli: Cli) -> None:
    code, out, _ = cli("table")
    assert code == 0
    assert (
        "1 | Using a clear, strengths- based practice framework | Increased wellbeing and Resilience for children and families | Strategic approach"
        in out
    )
    assert "does not say that a feature and the outcome on its row are linked" in out


def test_no_command_shows_the_framework_at_a_glance(cli: Cli) -> None:
    code, out, err = cli()
    assert (code, err) == (0, "")
    assert out.startswith("Seven features of practice and seven outcomes\n")
    assert "sevenf feature 3" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("feature", "9"), "sevenf: error: there is no feature 9: features are numbered 1 to 7\n"),
        (("outcome", "0"), "sevenf: error: there is no outcome 0: outcomes are numbered 1 to 7\n"),
        (
            ("project", "hertz"),
            "sevenf: error: no project matches 'hertz'; did you mean project 'Family Safeguarding Hertfordshire'?\n",
        ),
        (
            ("feature", "practice"),
            "sevenf: error: 'practice' matches 3 features: feature 1: Using a clear, strengths-based practice framework; feature 2: Using systemic approaches to social work practice; feature 6: High intensity and consistency of practitioner\n",
        ),
        (
            ("source", "28"),
            "sevenf: error: there is no footnote '28': footnotes are numbered 1 to 27\n",
        ),
        (
            ("quotes", "--feature", "99"),
            "sevenf: error: there is no feature 99: features are numbered 1 to 7\n",
        ),
    ],
)
def test_not_found_is_one_line_and_exit_1(argv: tuple[str, ...], message: str, cli: Cli) -> None:
    code, out, err = cli(*argv)
    assert (code, out, err) == (1, "", message)


@pytest.mark.parametrize(
    "argv",
    [
        ("feature",),
        ("enabler", "1", "2"),
        ("outcome", "1", "--evidnce"),
        ("nonsense",),
        ("feature", "1", "--format", "pdf"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(argv: tuple[str, ...], cli: Cli) -> None:
    code, out, err = cli(*argv)
    assert code == 2 and out == ""
    assert err.startswith("sevenf: error: ") and err.count("\n") == 1 and "--help" in err


def test_bad_data_directory_is_one_line_and_exit_1(cli: Cli, tmp_path: Path) -> None:
    code, out, err = cli("feature", "3", data=tmp_path / "nowhere")
    assert code == 1 and out == ""
    assert err.startswith("sevenf: error: ") and err.count("\n") == 1


def test_every_command_has_help_with_an_example(cli: Cli) -> None:
    commands = [c for c in app.registered_commands]
    assert len(commands) >= 16
    for command in commands:
        name = command.name
        if name is None:  # named after its function
            assert command.callback is not None
            name = command.callback.__name__
        code, out, _ = cli(name, "--help", data=None)
        assert code == 0, name
        assert "Example:\n    sevenf" in out, name


def test_version(cli: Cli) -> None:
    code, out, _ = cli("--version", data=None)
    assert code == 0 and out.startswith("sevenf ")


@pytest.mark.parametrize(
    "argv",
    [
        ["feature", "3"],
        ["feature", "3", "--json"],
        ["feature", "group case", "--format", "markdown"],
        ["outcome", "reduced risk", "--evidence"],
        ["outcome", "2", "-e", "--json"],
        ["search", "co-location", "--json"],
        ["search", "decisions", "made"],
        ["feature", "9"],
        ["project", "x"],
        ["outcome", "wellbeing"],
    ],
)
def test_fast_lane_answers_as_the_full_command_line(
    argv: list[str], cli: Cli, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SEVENF_DATA", str(DATA))
    full = cli(*argv, data=None)
    code = fast.run(list(argv))
    captured = capsys.readouterr()
    if code is None:  # not a hot form: nothing printed, the full CLI answers
        assert captured.out == captured.err == ""
        assert argv[0] == "project"
        return
    assert (code, captured.out, captured.err) == full


def test_packaged_data_is_found_without_options(cli: Cli) -> None:
    code, out, err = cli("feature", "3", "--json", data=None)
    assert code == 0, err
    assert json.loads(out)["id"] == "skilled-direct-work"


def test_about_cites_the_document_itself(cli: Cli) -> None:
    code, out, _ = cli("about")
    assert code == 0
    for line in (
        "ISBN: 978-1-83870-406-3",
        "Reference: RR1270",
        "Published: October 2022",
        "Produced: February 2018",
        "Review: This document will be reviewed before March 2024.",
        "Introduction: Isabelle Trowler, Chief Social Worker for Children and Families (February 2018)",
        "Round One | £110m | 53 | —",
        "the second and third rounds | £100m | 48 | 2020",
        "Practice Feaure Five | 22",
    ):
        assert line in out.splitlines(), line
