"""Answers kept in the cache (`store/answers.py`, through `output.emit`): asked again, the same bytes come back at once, and
never an answer made for other data, another command line, format or terminal."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import NoReturn

import pytest
from helpers import DATA, Cli, on_a_terminal

from seven_features.cli import parse as fast
from seven_features.corpus import load
from seven_features.corpus.indexed import Corpus
from seven_features.errors import SevenfError
from seven_features.queries import query
from seven_features.store import cache

AN_HOUR_AGO = time.time() - 3600


def settle(directory: Path) -> None:
    """Date the data files an hour back: only files that have settled get a content key
    without being read, and only then is an answer kept."""
    for name in ("framework.yaml", "evidence.yaml"):
        os.utime(directory / name, (AN_HOUR_AGO, AN_HOUR_AGO))


@pytest.fixture
def data(tmp_path: Path, fresh_cache: Path) -> Path:
    """A settled copy of the shipped data, and a cache of the test's own."""
    directory = tmp_path / "data"
    shutil.copytree(DATA, directory)
    settle(directory)
    return directory


def kept_entries() -> list[Path]:
    store = cache.store()
    assert store is not None
    return sorted(store.glob("kept-*")) if store.exists() else []


def refuse(*args: object, **kwargs: object) -> NoReturn:
    raise SevenfError("made afresh")


def test_an_answer_asked_again_comes_from_the_cache(
    cli: Cli, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = cli("outcome", "2", "--evidence", data=data)
    assert first.code == 0 and "Outcome 2: Reduced risk for children" in first.stdout
    assert len(kept_entries()) == 1
    monkeypatch.setattr(query, "outcome", refuse)  # the query cannot run again
    assert cli("outcome", "2", "--evidence", data=data) == first


def test_each_command_line_and_format_has_an_answer_of_its_own(cli: Cli, data: Path) -> None:
    lines = [
        ("feature", "3"),
        ("feature", "3", "--json"),
        ("feature", "3", "--format", "markdown"),
        ("feature", "4"),
        ("feature", "3", "--evidence"),
    ]
    first = [cli(*line, data=data) for line in lines]
    again = [cli(*line, data=data) for line in lines]
    assert first == again
    assert len({r.stdout for r in first}) == len(lines)
    assert json.loads(first[1].stdout)["number"] == 3
    assert first[2].stdout.startswith("# Feature 3: Enabling staff to do skilled direct work")
    assert len(kept_entries()) == len(lines)


def test_changed_data_gets_a_new_answer(cli: Cli, data: Path) -> None:
    before = cli("feature", "1", data=data)
    framework = data / "framework.yaml"
    framework.write_text(
        framework.read_text().replace(
            "  title: Using a clear, strengths-based practice framework",
            "  title: Using a plain, strengths-based practice framework",
        )
    )
    settle(data)
    after = cli("feature", "1", data=data)
    assert "Feature 1: Using a clear, strengths-based" in before.stdout
    assert "Feature 1: Using a plain, strengths-based" in after.stdout
    assert cli("feature", "1", data=data) == after


def test_an_answer_is_kept_for_the_data_it_was_made_from(
    cli: Cli, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The data changes while an answer is made, and another run has learnt the new
    # data's key meanwhile: the answer made from the old data is not kept for the new.
    framework = data / "framework.yaml"
    plain = framework.read_text().replace(
        "  title: Using a clear, strengths-based practice framework",
        "  title: Using a plain, strengths-based practice framework",
    )
    made = query.feature

    def changed_meanwhile(corpus: Corpus, ref: str) -> query.Result:
        found = made(corpus, ref)
        framework.write_text(plain)
        settle(data)
        load.read_corpus(data)  # the other run
        return found

    monkeypatch.setattr(query, "feature", changed_meanwhile)
    assert "Feature 1: Using a clear, strengths-based" in cli("feature", "1", data=data).stdout
    monkeypatch.setattr(query, "feature", made)
    assert "Feature 1: Using a plain, strengths-based" in cli("feature", "1", data=data).stdout


def test_the_same_data_elsewhere_has_answers_of_its_own(
    cli: Cli, data: Path, tmp_path: Path
) -> None:
    # `validate` names the directory: an answer for one copy is not one for another.
    other = tmp_path / "other"
    shutil.copytree(data, other)
    settle(other)
    here, there = cli("validate", data=data), cli("validate", data=other)
    assert f"Data: {data}" in here.stdout and f"Data: {other}" in there.stdout
    assert cli("validate", data=data) == here


def test_the_notes_of_an_answer_are_said_again(cli: Cli, data: Path) -> None:
    first = cli("cite", "--outcome", "1", data=data)
    assert "sevenf: note: footnote 6 names no source" in first.stderr
    assert len(kept_entries()) == 1
    assert cli("cite", "--outcome", "1", data=data) == first


def test_a_failure_is_not_kept(cli: Cli, data: Path) -> None:
    for _ in range(2):
        code, out, err = cli("feature", "99", data=data)
        assert (code, out) == (1, "")
        assert err.startswith("sevenf: error: there is no feature 99")
    assert kept_entries() == []


@pytest.mark.parametrize(
    "damage",
    [
        lambda entry: b"",
        lambda entry: entry[:-3],
        lambda entry: entry[:-9] + bytes([entry[-9] ^ 0x20]) + entry[-8:],
        lambda entry: entry[:4] + b"not marshal",
    ],
    ids=["empty", "truncated", "flipped-bit", "garbage"],
)
def test_a_damaged_answer_is_made_afresh(cli: Cli, data: Path, damage: object) -> None:
    first = cli("feature", "3", data=data)
    (entry,) = kept_entries()
    intact = entry.read_bytes()
    entry.write_bytes(damage(intact))  # type: ignore[operator]
    assert cli("feature", "3", data=data) == first
    assert entry.read_bytes() == intact


def test_an_answer_others_may_write_is_not_used(
    cli: Cli, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("feature", "3", data=data)
    store = cache.store()
    assert store is not None
    (entry,) = kept_entries()
    (result,) = store.glob("result-*")  # the result the answer was drawn from
    entry.chmod(0o666)
    result.chmod(0o666)
    monkeypatch.setattr(query, "feature", refuse)
    code, out, err = cli("feature", "3", data=data)
    assert (code, out, err) == (1, "", "sevenf: error: made afresh\n")


def test_data_that_changes_again_and_again_is_never_answered_from_before(
    cli: Cli, data: Path
) -> None:
    # Files written within the last two seconds are read afresh every time (a file
    # system's coarse times could hide a second write): an answer is kept under the key
    # of the bytes it was made from, and never found for the same files' new bytes.
    framework = data / "framework.yaml"
    text = framework.read_text()
    for word in ("clear", "plain", "clear", "plain"):  # the same size each time
        framework.write_text(text.replace("title: Using a clear,", f"title: Using a {word},"))
        assert f"Feature 1: Using a {word}, strengths" in cli("feature", "1", data=data).stdout
    assert len(kept_entries()) == 2


def _on_terminal(argv: list[str], columns: int, env: dict[str, str]) -> bytes:
    """What sevenf draws on a pseudo-terminal `columns` wide."""
    code, out, _ = on_a_terminal(argv, {**env, "COLUMNS": str(columns)})
    assert code == 0
    return out


def test_on_a_terminal_each_width_and_colour_has_a_drawing_of_its_own(data: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env["TERM"] = "xterm-256color"
    argv = ["--data", str(data), "feature", "3"]
    narrow, wide = _on_terminal(argv, 60, env), _on_terminal(argv, 120, env)
    plain = _on_terminal(["--no-color", *argv], 60, env)
    assert narrow != wide and narrow != plain
    assert b"\x1b[" in narrow and b"\x1b[" not in plain.replace(b"\x1b[?", b"")
    assert max(len(line) for line in plain.decode().splitlines()) <= 60
    assert (_on_terminal(argv, 60, env), _on_terminal(argv, 120, env)) == (narrow, wide)
    assert len(kept_entries()) == 3


def test_the_drawings_of_the_old_layout_are_removed(cli: Cli, data: Path) -> None:
    # screen.py kept drawn-* entries and never pruned them; nothing reads them now.
    cli("feature", "3", data=data)
    store = cache.store()
    assert store is not None
    retired = [store / f"drawn-{n:040x}" for n in range(3)]
    others = [store / "drawn-notes.txt", store.parent / f"drawn-{0:040x}"]
    for path in retired + others:
        path.write_bytes(b"\x1b[1mFeature 3\x1b[0m")
    cli("feature", "4", data=data)
    assert [p.exists() for p in retired + others] == [False, False, False, True, True]


@pytest.mark.parametrize("whose", ["another-user", "others-may-write"])
def test_a_search_index_someone_else_put_in_the_cache_is_not_used(
    cli: Cli, data: Path, tmp_path: Path, whose: str
) -> None:
    # The index of other data under this data's name, in a shared cache directory: its
    # hits would be kept as this data's answer.
    if whose == "another-user" and os.getuid() != 0:
        pytest.skip("giving a file to another user needs root")
    other = tmp_path / "other"
    shutil.copytree(data, other)
    framework = other / "framework.yaml"
    framework.write_text(framework.read_text().replace("Using a clear,", "Using a plain,"))
    settle(other)
    assert "feature 1: Using a «plain»," in cli("search", "plain", data=other).stdout
    store = cache.store()
    ours, theirs = load.read_corpus(data).key, load.read_corpus(other).key
    assert store is not None and ours and theirs
    planted = store / f"search-{ours}.sqlite"
    shutil.copyfile(store / f"search-{theirs}.sqlite", planted)
    if whose == "another-user":
        os.chown(planted, 1000, 1000)
    else:
        planted.chmod(0o666)
    assert "«plain»" not in cli("search", "plain", data=data).stdout


def test_help_click_wrote_is_written_again_without_typer(
    cli: Cli, fresh_cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert fast.run(["feature", "--help"]) is None  # nothing kept: typer must write it
    first = cli("feature", "--help", data=None)
    assert first.code == 0 and first.stdout.startswith("Usage: sevenf feature [OPTIONS] {REF}...")
    capsys.readouterr()
    assert fast.run(["feature", "--help"]) == 0
    assert capsys.readouterr() == (first.stdout, "")
    # -h is another command line: click's own answer, kept on its own
    assert fast.run(["feature", "-h"]) is None


def _help(columns: str, env: dict[str, str]) -> tuple[str, bool]:
    """`sevenf --help` in a real process COLUMNS wide: the help, and whether typer wrote it."""
    script = (
        "import os, sys; from seven_features import __main__ as m; sys.argv = ['sevenf', '--help'];"
        "end = os._exit; os._exit = lambda c: (sys.stderr.write(str('typer' in sys.modules)),"
        " sys.stderr.flush(), end(c)); m.main()"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        env={**env, "COLUMNS": columns},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout, done.stderr == "True"


def test_help_is_kept_for_the_width_it_was_written_for(fresh_cache: Path) -> None:
    env = dict(os.environ)
    narrow, typer_wrote = _help("60", env)
    assert typer_wrote and max(map(len, narrow.splitlines())) <= 60
    wide, typer_wrote = _help("120", env)
    assert typer_wrote and wide != narrow
    assert _help("60", env) == (narrow, False)  # kept: written again without typer
    assert _help("120", env) == (wide, False)


def test_a_help_option_given_as_a_value_is_no_request_for_help(cli: Cli, fresh_cache: Path) -> None:
    # click reads "-h" as the title here: the brief is written, and nothing is kept as help
    argv = ["brief", "--feature", "1", "--title", "-h"]
    code, out, err = cli(*argv, data=None)
    assert (code, err) == (0, "") and out.startswith("# -h\n")
    assert fast.run(argv) is None


def test_a_new_terminal_width_draws_the_kept_result_again_without_the_query(
    cli: Cli, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The result an answer was made from is kept beside it: another format of the same
    # command is laid out from it, and the query does not run again.
    first = cli("search", "co-location", "--json", data=data)
    monkeypatch.setattr(query, "search", refuse)
    again = cli("search", "co-location", data=data)
    assert again.code == 0 and "co-location" in again.stdout.casefold()
    assert first.code == 0 and again.stdout != first.stdout
