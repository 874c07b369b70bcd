"""Pipes and interrupts, through the installed console script in a real process.

A reader that stops early (`sevenf sources | head -1`) ends sevenf quietly with 141,
the shell's status for SIGPIPE; Ctrl-C ends it with 130. Neither leaves anything on
stderr: no traceback, no "Exception ignored" from the interpreter's last flush.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import DATA, Cli

_SCRIPT = Path(sys.executable).parent / "sevenf"
SEVENF = [str(_SCRIPT)] if _SCRIPT.is_file() else [sys.executable, "-m", "seven_features"]

# Both lanes, every output path: emit (plain, JSON), output.write (cite, brief), and
# what click writes itself (help) or sevenf writes directly (version, schema).
COMMANDS = [
    ["sources"],  # the full command line
    ["sources", "--json"],
    ["feature", "3"],  # the fast lane
    ["feature", "3", "--json"],
    ["search", "co-located"],
    ["outcomes", "--chart", "--format", "markdown"],
    ["cite", "--format", "ris"],
    ["brief", "--feature", "3", "--format", "html"],
    ["schema"],
    ["--version"],
    ["--help"],
    ["feature", "--help"],
]


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    cache = tmp_path_factory.mktemp("streams-cache")
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "PYTHONUNBUFFERED")}
    return {**environ, "SEVENF_CACHE_DIR": str(cache), "SEVENF_DATA": str(DATA)}


@pytest.mark.parametrize("buffered", [True, False], ids=["buffered", "unbuffered"])
@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_a_closed_pipe_ends_quietly_with_141(
    argv: list[str], buffered: bool, env: dict[str, str]
) -> None:
    # The reader is gone before sevenf writes a byte: deterministic, unlike `| head`.
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(
            [*SEVENF, *argv],
            stdout=write,
            stderr=subprocess.PIPE,
            env=env if buffered else {**env, "PYTHONUNBUFFERED": "1"},
            timeout=60,
        )
    finally:
        os.close(write)
    assert (done.returncode, done.stderr.decode()) == (141, "")


@pytest.mark.parametrize(
    "argv", [["sources"], ["feature", "3", "--json"], ["search", "the"]], ids=" ".join
)
def test_head_takes_the_first_line(argv: list[str], env: dict[str, str]) -> None:
    sevenf = subprocess.Popen(
        [*SEVENF, *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    assert sevenf.stdout is not None and sevenf.stderr is not None
    head = subprocess.run(["head", "-n", "1"], stdin=sevenf.stdout, capture_output=True, timeout=60)
    sevenf.stdout.close()
    err = sevenf.stderr.read().decode()
    sevenf.stderr.close()
    # 0 when sevenf wrote everything before head left, 141 when it was still writing
    assert (sevenf.wait(timeout=60), err) in ((0, ""), (141, ""))
    assert head.returncode == 0 and head.stdout.count(b"\n") == 1


# How to be interrupted at a known point: the child replaces read_corpus (which both
# lanes call through the module) with one that marks a file and sleeps, so SIGINT
# arrives while sevenf is working, as Ctrl-C would, and not before sevenf starts.
INTERRUPTED = """
import sys, time
from pathlib import Path
from seven_features.corpus import load
from seven_features.__main__ import main

ready = Path(sys.argv[1])

def waiting(directory):
    ready.touch()
    time.sleep(60)

load.read_corpus = waiting
sys.argv = ["sevenf", *sys.argv[2:]]
main()
"""


@pytest.mark.parametrize("argv", [["sources"], ["feature", "3"], ["cite"]], ids=" ".join)
def test_ctrl_c_ends_quietly_with_130(argv: list[str], env: dict[str, str], tmp_path: Path) -> None:
    ready = tmp_path / "ready"
    child = subprocess.Popen(
        [sys.executable, "-c", INTERRUPTED, str(ready), *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        # A cache of its own: an answer kept from an earlier test would need no data.
        env={**env, "SEVENF_CACHE_DIR": str(tmp_path / "cache")},
    )
    try:
        deadline = time.monotonic() + 20
        while not ready.exists():
            assert child.poll() is None, child.communicate()
            assert time.monotonic() < deadline, "sevenf never reached read_corpus"
            time.sleep(0.02)
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert (child.returncode, out, err.decode()) == (130, b"", "")


@pytest.mark.parametrize(
    "argv",
    [["sources", "--json"], ["feature", "3"], ["cite", "--format", "ris"], ["search", "the"]],
    ids=" ".join,
)
def test_a_slow_reader_gets_every_byte(
    argv: list[str], env: dict[str, str], monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    monkeypatch.setenv("SEVENF_CACHE_DIR", env["SEVENF_CACHE_DIR"])
    expected = cli.raw(*argv).stdout
    sevenf = subprocess.Popen([*SEVENF, *argv], stdout=subprocess.PIPE, env=env)
    assert sevenf.stdout is not None
    received = b""
    while chunk := sevenf.stdout.read(4096):  # slower than sevenf writes: the pipe fills
        received += chunk
        time.sleep(0.001)
    sevenf.stdout.close()
    assert sevenf.wait(timeout=60) == 0
    assert received == expected and len(received) > 1000


# --- streams that cannot be written ---------------------------------------------------

CLOSED = "sevenf: error: standard output is closed, so there is nowhere to write the output\n"
FULL = "sevenf: error: cannot write the output: no space left on device\n"
WRITERS = [
    ["feature", "3"],
    ["feature", "3", "--json"],
    ["sources"],
    ["cite", "--format", "ris"],
    ["schema"],
    ["--help"],
    ["feature", "--help"],
    ["--version"],
]


@pytest.mark.parametrize("argv", WRITERS, ids=" ".join)
def test_a_closed_stdout_is_one_line_and_exit_1(argv: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(
        [*SEVENF, *argv],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        pass_fds=(),
        close_fds=True,
        timeout=60,
        preexec_fn=lambda: os.close(1),
    )
    assert (done.returncode, done.stderr.decode()) == (1, CLOSED)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("argv", WRITERS, ids=" ".join)
def test_a_full_disk_is_one_line_and_exit_1(argv: list[str], env: dict[str, str]) -> None:
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [*SEVENF, *argv], stdout=full, stderr=subprocess.PIPE, env=env, timeout=60
        )
    assert (done.returncode, done.stderr.decode()) == (1, FULL)


def test_an_ascii_only_encoding_still_writes_the_text_as_utf8(env: dict[str, str]) -> None:
    done = subprocess.run(
        [*SEVENF, "feature", "6"],
        capture_output=True,
        env={**env, "PYTHONIOENCODING": "ascii"},
        timeout=60,
    )
    assert (done.returncode, done.stderr) == (0, b"")
    assert "Prevents confusing multiple approaches to families – by ensuring" in (
        done.stdout.decode("utf-8")
    )


NONBLOCKING = """
import fcntl, os, sys
flags = fcntl.fcntl(1, fcntl.F_GETFL)
fcntl.fcntl(1, fcntl.F_SETFL, flags | os.O_NONBLOCK)
from seven_features.__main__ import main
sys.argv = ["sevenf", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "unbuffered"])
def test_a_nonblocking_stdout_gets_every_byte(unbuffered: bool, env: dict[str, str]) -> None:
    import fcntl

    argv = ["sources", "--json"]
    expected = subprocess.run([*SEVENF, *argv], capture_output=True, env=env, timeout=60).stdout
    extra = {"PYTHONUNBUFFERED": "1"} if unbuffered else {}
    read, write = os.pipe()
    fcntl.fcntl(write, fcntl.F_SETPIPE_SZ, 4096)  # a small pipe: writes meet EAGAIN
    child = subprocess.Popen(
        [sys.executable, "-c", NONBLOCKING, *argv],
        stdout=write,
        stderr=subprocess.PIPE,
        env={**env, **extra},
    )
    os.close(write)
    child.stdout = os.fdopen(read, "rb")
    assert child.stderr is not None
    time.sleep(0.5)  # let the pipe fill, so writes meet EAGAIN
    received = b""
    while chunk := child.stdout.read(1024):
        received += chunk
        time.sleep(0.0005)
    err = child.stderr.read()
    assert (child.wait(timeout=60), err, received) == (0, b"", expected)
    assert len(expected) > 4 * 4096  # more than the pipe holds


def test_ctrl_c_at_any_moment_of_start_up_gives_no_traceback(env: dict[str, str]) -> None:
    import random

    rng = random.Random(7)
    codes = set()
    before = 0
    for _ in range(40):
        child = subprocess.Popen(
            [*SEVENF, "feature", "3"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
        )
        time.sleep(rng.uniform(0, 0.08))
        child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=30)
        # Frames of sevenf's own code. One in the package's __init__ can only come before its
        # first lines set the handler (after, an interrupt exits at once with no traceback):
        # like one in Python's own start, it is before sevenf can answer.
        package = b"seven_features" + os.sep.encode()
        ours = [
            line
            for line in err.splitlines()
            if package in line and package + b"__init__.py" not in line
        ]
        if err and not ours:
            # Before the first line of sevenf's own code runs (Python starting, or finding
            # the package), only Python can answer an interrupt (see the README).
            before += 1
            continue
        assert b"Traceback" not in err and b"KeyboardInterrupt" not in err, err
        codes.add(child.returncode)
    # 130 once sevenf handles the interrupt; killed by the signal before Python's handler
    # exists; 0 when it had already finished
    assert codes <= {130, -signal.SIGINT, 0}, codes
    assert 130 in codes, f"no interrupt reached sevenf itself ({before} came before it started)"
