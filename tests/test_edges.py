"""Promises kept at the edges (issue 23): completion is output too, the cache folder is
used only when it is the user's own, a site is a folder, and Ctrl-C ends a wait for a
FIFO's reader. Each runs sevenf as a user does, in a process of its own."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from helpers import DATA

SEVENF = [sys.executable, "-m", "seven_features"]
#: Characters a terminal acts on: escape, bell, backspace, CSI and OSC (C1), and a
#: right-to-left override that reorders what follows it.
HOSTILE = "\x1b[31m\x07\x08\x9b\x9d\u202e"


def run(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*SEVENF, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        check=False,
    )


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """The shipped data with control and bidirectional characters in a feature's name."""
    directory = tmp_path / "hostile"
    shutil.copytree(DATA, directory)
    path = directory / "framework.yaml"
    text = path.read_text(encoding="utf-8")
    head, _, rest = text.partition("\n")  # the schema comment on the first line
    framework = yaml.safe_load(rest)
    framework["features"][2]["title"] = f"Enabling staff{HOSTILE} to do skilled direct work"
    dumped = yaml.safe_dump(framework, allow_unicode=False, sort_keys=False, width=10_000)
    path.write_text(f"{head}\n{dumped}", encoding="utf-8")
    return directory


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_cleans_names_and_reads_the_data_on_the_line(
    hostile: Path, tmp_path: Path, shell: str
) -> None:
    line = f"sevenf --data {hostile} feature e"
    env = {
        "_SEVENF_COMPLETE": f"complete_{shell}",
        "COMP_WORDS": line,  # bash
        "COMP_CWORD": "4",
        "_TYPER_COMPLETE_ARGS": line,  # zsh and fish
        "_TYPER_COMPLETE_FISH_ACTION": "get-args",
        "SEVENF_CACHE_DIR": str(tmp_path / "cache"),
    }
    done = run(env=env)
    assert done.returncode == 0, done.stderr
    # The name comes from the data on the line, not the shipped data: shown cleaned ...
    assert "Enabling staff\\u001b[31m\\u0007" in done.stdout, done.stdout
    # ... and nothing a terminal would act on reaches the shell.
    assert not any(c in done.stdout for c in "\x1b\x07\x08\x9b\x9d\u202e")


def test_a_cache_folder_that_is_a_link_is_not_used(tmp_path: Path) -> None:
    cache, elsewhere = tmp_path / "cache", tmp_path / "elsewhere"
    cache.mkdir()
    elsewhere.mkdir()
    (cache / "sevenf-cache-v1").symlink_to(elsewhere)
    done = run("feature", "3", env={"SEVENF_CACHE_DIR": str(cache)})
    assert done.returncode == 0 and "Feature 3" in done.stdout
    assert done.stderr.count("\n") == 1 and "is a link" in done.stderr
    assert "works without a cache" in done.stderr
    assert list(elsewhere.iterdir()) == []  # nothing written through the link


def test_a_site_is_a_folder_so_dash_is_refused(tmp_path: Path) -> None:
    done = run("site", "-o", "-", cwd=tmp_path, env={"SEVENF_CACHE_DIR": str(tmp_path / "c")})
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "a site is a folder" in done.stderr
    assert not (tmp_path / "-").exists()


def test_ctrl_c_ends_the_wait_for_a_fifos_reader(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    env = {**os.environ, "SEVENF_CACHE_DIR": str(tmp_path / "cache")}
    child = subprocess.Popen(
        [*SEVENF, "feature", "3", "-o", str(fifo), "--force"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    time.sleep(1.0)  # started, and waiting for a reader that never comes
    assert child.poll() is None
    sent = time.monotonic()
    child.send_signal(signal.SIGINT)
    code = child.wait(timeout=10)
    assert code == 130 and time.monotonic() - sent < 1.0
    assert child.stderr is not None and b"Traceback" not in child.stderr.read()


def test_an_existing_fifo_without_force_is_an_existing_path(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    done = run("feature", "3", "-o", str(fifo), env={"SEVENF_CACHE_DIR": str(tmp_path / "c")})
    assert done.returncode == 1 and "already exists; add --force" in done.stderr
