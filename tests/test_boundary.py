"""One error boundary on every path: a fault anywhere is one line on stderr, never a traceback.

The fault is injected into rendering, the last step before writing, through a
`sitecustomize` module on the child's path, so the real console script runs, on a
pseudo-terminal (drawn for it) and piped (plain text), through the fast path and through typer.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import Cli, on_a_terminal

from seven_features.cli import parse as fast
from seven_features.render import terminal, text

BUG = (
    "sevenf: error: internal error (ZeroDivisionError: injected); please report it,"
    " and run again with --debug for the traceback"
)
INJECT = """
import seven_features.render.terminal as terminal, seven_features.render.text as text
def broken(*args, **kwargs):
    raise ZeroDivisionError("injected")
terminal.render = text.render = broken
"""


def _child(tmp_path: Path, argv: list[str], tty: bool) -> tuple[int, bytes, bytes]:
    (tmp_path / "sitecustomize.py").write_text(INJECT)
    # A cache of its own: an answer kept by another test would be written without rendering.
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "COLUMNS": "80"}
    env["SEVENF_CACHE_DIR"] = str(tmp_path / "cache")
    command = [sys.executable, "-m", "seven_features", *argv]
    if not tty:
        done = subprocess.run(command, env=env, capture_output=True, timeout=60)
        return done.returncode, done.stdout, done.stderr
    return on_a_terminal(argv, env)


@pytest.mark.parametrize("tty", [True, False], ids=["terminal", "piped"])
@pytest.mark.parametrize("argv", [["feature", "3"], ["project", "herts"], ["--no-color", "table"]])
def test_a_fault_in_rendering_is_one_line_in_a_real_process(
    tmp_path: Path, argv: list[str], tty: bool
) -> None:
    code, out, err = _child(tmp_path, argv, tty)
    assert (code, out, err.decode()) == (1, b"", BUG + "\n")


def test_with_debug_the_fault_shows_its_traceback(tmp_path: Path) -> None:
    code, _, err = _child(tmp_path, ["feature", "3", "--debug"], tty=False)
    assert code == 1
    assert "Traceback" in err.decode() and "ZeroDivisionError: injected" in err.decode()


def test_fast_and_full_paths_say_the_same_line(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    cli: Cli,
    fresh_cache: Path,
) -> None:
    """(A cache of its own: an answer another test kept would be written without rendering.)"""

    def broken(*args: object, **kwargs: object) -> str:
        raise ZeroDivisionError("injected")

    monkeypatch.setattr(text, "render", broken)
    monkeypatch.setattr(terminal, "render", broken)
    assert fast.run(["feature", "3"]) == 1
    assert capsys.readouterr() == ("", BUG + "\n")
    # typer's path, from the same table, through the same boundary
    assert cli("feature", "3", data=None) == (1, "", BUG + "\n")
