"""Prove that a change to sevenf's code left every output byte-for-byte the same.

What it compares: a fixed battery of sevenf command lines (every command, every format
each takes, errors, help, terminal drawings, Word files and the static site), each run as
a separate process, and for each run its exit code, its stdout and stderr bytes, and the
files it wrote with -o. Nothing of sevenf is imported here: the battery is written out
below, so it does not move when the package does.

Usage, from the repository, with sevenf installed (editable) in the Python that runs this:

    python scripts/compare_outputs.py capture OUTDIR [--sevenf CMD] [--jobs N] [--force]
    # ... change the code ...
    python scripts/compare_outputs.py capture AFTER
    python scripts/compare_outputs.py diff OUTDIR AFTER     # exit 1 if any case differs

CMD is the command line that starts sevenf, split like a shell would (default: this
Python with -m seven_features). OUTDIR gets one file per case in OUTDIR/cases, named
after the case, and OUTDIR/index.json: the commit and state of this repository, sevenf's
version, and every case with its command line, environment and exit codes. `diff` reads
only the case files; the index is there to read.

How each case runs: in a fresh empty SEVENF_CACHE_DIR (a temporary directory), twice in
that same cache directory, so that both the freshly made answer and the kept (cached) one
are recorded and compared; each run in a fresh empty working directory, so that -o FILE
names a new file. The environment is built, not inherited: PATH, HOME, TMPDIR and
PYTHONPATH are passed through; LC_ALL=C.UTF-8; SEVENF_DATA, NO_COLOR, TERM, COLUMNS and
everything else rich or click read are unset unless a case sets them (PYTHONHASHSEED
too: hashing stays randomised, as for a user). Piped cases have stdin on /dev/null and
stdout and stderr on pipes; terminal cases have stdin and stdout on a pseudo-terminal
whose size is set with TIOCSWINSZ (and COLUMNS set to the same width), stderr on a
pipe, and their stdout is the terminal's bytes (newlines as CRLF). Cases run two at a
time (--jobs); a capture takes about a minute and a half on two cores.

A case file holds the case's name and command line, then for each run its exit code and
each stream or file as "-- LABEL: N bytes", a newline, exactly N bytes and a newline.
Each file `site -o site` writes is a case of its own (named site_-o_site@site~PATH).
`diff` names each differing case and the parts that differ ("run 1 stdout", "run 2
exit", ...), with the start of a unified diff of the first (escape codes shown as \x1b,
CRs as \r, long lines in pieces). `capture` also warns of any case whose second run
(from the cache) differs from its first.

What is normalised, because it differs from run to run whatever the code does:
- the paths of the temporary cache and working directories (each becomes <CACHE> or
  <WORK>), and the path of this repository (<REPO>: `validate` prints the data directory),
  wherever they occur in stdout, stderr or a file written;
- in a Word file (.docx, or docx bytes on stdout), the zip container: each member is
  compared by name, in the zip's order, with its bytes (zip timestamps are left out),
  and docProps/core.xml's dcterms:created and dcterms:modified, which pandoc sets to
  the time of the run, become <TIME>. pandoc's output is otherwise deterministic.
Nothing else is normalised; `capture` twice and `diff` the two to check the battery is
deterministic on a machine.
"""

from __future__ import annotations

import argparse
import difflib
import fcntl
import io
import json
import os
import pty
import re
import selectors
import shlex
import shutil
import struct
import subprocess
import sys
import tempfile
import termios
import time
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
#: Seconds a run may take before it is killed (and recorded as timed out).
TIMEOUT = 120
#: Rows of the pseudo-terminal; its columns are the case's.
ROWS = 50
#: Environment variables passed through from the caller; every other one is dropped.
PASSED = ("PATH", "HOME", "TMPDIR", "PYTHONPATH")
#: How many lines of unified diff `diff` shows for one case.
DIFF_LINES = 16
#: The longest line `diff` shows; a longer one is shown in pieces.
WRAP = 160
CASES_DIR = "cases"
SUFFIX = ".case"


# --- the battery -------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One command line and how it is run."""

    argv: tuple[str, ...]
    env: tuple[tuple[str, str], ...] = ()  # set for this case, on top of the base
    tty: int | None = None  # run on a pseudo-terminal this many columns wide
    collect: tuple[str, ...] = ()  # files or directories written, relative to the cwd
    split: bool = False  # each collected file is a case of its own (the site)
    variant: str = ""  # what tells the case apart from others with the same argv

    @property
    def name(self) -> str:
        words = [_word(w) for w in self.argv]
        if not words or words[0].startswith("-"):  # no file name starts with a dash
            words.insert(0, "sevenf")
        name = "_".join(words) + (f"@{self.variant}" if self.variant else "")
        return name if len(name) <= 180 else name[:180] + "~"

    def describe(self) -> str:
        env = " ".join(f"{k}={v}" for k, v in self.env)
        where = f"pty {self.tty} columns" if self.tty else "piped"
        return f"sevenf {shlex.join(self.argv)}".rstrip() + f"  [{where}{' ' + env if env else ''}]"


def _word(word: str) -> str:
    """A word of a command line as part of a file name: spaces as +, the empty word EMPTY."""
    if word == "":
        return "EMPTY"
    return re.sub(r"[^A-Za-z0-9.,=+-]", "_", word.replace(" ", "+"))


#: Table and json as the query commands take them; table is the default.
QUERY_FORMATS: tuple[tuple[str, ...], ...] = (
    (),
    ("--json",),
    ("--format", "markdown"),
    ("--format", "html"),
)
#: The view commands most worth every spelling of a format, as well as QUERY_FORMATS.
HEADLINE: tuple[tuple[str, ...], ...] = (
    ("features",),
    ("outcomes",),
    ("outcomes", "--chart"),
    ("enablers",),
    ("projects",),
    ("sources",),
    ("sources", "--document-only"),
    ("about",),
    ("table",),
    ("feature", "3"),
    ("feature", "4", "5", "--evidence"),
    ("outcome", "reduced risk", "--evidence"),
    ("enabler", "3"),
    ("project", "herts"),
    ("source", "11"),
    ("quotes",),
    ("pitfalls",),
    ("findings",),
    ("map",),
    ("search", "co-location"),
    ("validate",),
)
#: A handful of projects by a name or alias each, herts, leeds and ealing among them.
PROJECTS = (
    "herts",
    "leeds",
    "ealing",
    "Mockingbird",
    "NE Lincs",
    "SoS",
    "NWD",
    "RSW",
    "FoP",
    "IoW",
)
#: The evaluations' four enablers, by words of their names.
NAMED_ENABLERS = ("clear objectives", "strong leaders", "relationship-centred", "existing evidence")
#: Footnotes 1 to 27 (data/evidence.yaml); 9, 10, 11, 16 and 17 are Ibid.
FOOTNOTES = range(1, 28)
COMMAND_NAMES = (
    "features",
    "outcomes",
    "enablers",
    "projects",
    "sources",
    "about",
    "table",
    "feature",
    "outcome",
    "enabler",
    "project",
    "source",
    "quotes",
    "pitfalls",
    "findings",
    "map",
    "search",
    "validate",
    "schema",
    "cite",
    "brief",
    "site",
)
BRIEFS: tuple[tuple[str, ...], ...] = (
    ("--feature", "4", "--feature", "5", "--short"),
    ("--outcome", "reduced risk", "--project", "herts", "--title", "Reducing risk"),
    ("--feature", "6", "--sections", "definition,quotes"),
    ("--outcome", "2", "--feature", "4", "--short", "--document-only"),
)
TERMINAL_VIEWS: tuple[tuple[str, ...], ...] = (
    ("feature", "3"),
    ("outcome", "reduced risk", "--evidence"),
    ("map",),
    ("search", "co-location"),
    (),
    ("project", "herts"),
    ("table",),
)
NO_COLOUR = (("TERM", "xterm-256color"), ("NO_COLOR", "1"))
COLOUR = (("TERM", "xterm-256color"),)


def views() -> Iterator[tuple[str, ...]]:
    """Every view command line the battery runs, without a format."""
    yield from (
        ("features",),
        ("outcomes",),
        ("outcomes", "--chart"),
        ("enablers",),
        ("projects",),
        ("sources",),
        ("sources", "--document-only"),
        ("about",),
        ("table",),
    )
    for n in range(1, 8):
        yield "feature", str(n)
        yield "feature", str(n), "--evidence"
    yield from (
        ("feature", "4", "5", "--evidence"),
        ("feature", "group case"),
        ("feature", "3", "-e"),
    )
    for n in range(1, 8):
        yield "outcome", str(n)
        yield "outcome", str(n), "--evidence"
    yield from (("outcome", "reduced risk"), ("outcome", "reduced risk", "--evidence"))
    yield "outcome", "2", "5"
    for n in range(1, 8):
        yield "enabler", str(n)
    for name in NAMED_ENABLERS:
        yield "enabler", name
    for project in PROJECTS:
        yield "project", project
    yield from (("project", "herts", "--document-only"), ("project", "herts", "leeds", "ealing"))
    for n in FOOTNOTES:
        yield "source", str(n)
    for n in (3, 9, 11, 12):
        yield "source", str(n), "--document-only"
    yield from (
        ("quotes",),
        ("quotes", "--feature", "6"),
        ("quotes", "--project", "herts"),
        ("quotes", "--feature", "2", "--project", "ealing"),
        ("pitfalls",),
    )
    for n in range(1, 8):
        yield "pitfalls", "--feature", str(n)
    yield from (
        ("findings",),
        ("findings", "--outcome", "3"),
        ("findings", "--project", "herts"),
        ("findings", "--feature", "5"),
        ("findings", "--feature", "5", "--via", "projects"),
        ("findings", "--outcome", "reduced risk", "--project", "herts"),
        ("map",),
        ("map", "--by", "feature"),
        ("map", "--by", "project"),
        ("map", "--by", "feature-project"),
        ("search", "co-location"),
        ("search", "colocation"),
        ("search", "reduced risk"),
        ("search", "reduced", "risk"),
        ("search", "the", "--limit", "5"),
        ("search", "multidisciplinary"),
        ("search", "risk", "-n", "3"),
        ("validate",),
    )


def battery() -> list[Case]:
    """Every case, in a fixed order; names are unique."""
    cases: list[Case] = [Case(()), Case(("--no-color",))]
    for view in views():
        cases += [Case((*view, *fmt)) for fmt in QUERY_FORMATS]
    for view in HEADLINE:
        cases += [Case((*view, "--format", f)) for f in ("table", "json")]
    cases += [Case(("feature", "3", "-f", "markdown")), Case(("--no-color", "feature", "3"))]
    # Files written with -o, and -o - (stdout).
    cases += [
        Case(
            ("feature", "3", "--format", "html", "-o", "feature3.html"), collect=("feature3.html",)
        ),
        Case(("map", "--format", "markdown", "-o", "map.md"), collect=("map.md",)),
        Case(("findings", "--json", "-o", "findings.json"), collect=("findings.json",)),
        Case(("table", "-o", "table.txt"), collect=("table.txt",)),
        Case(("feature", "3", "-o", "-")),
    ]
    # schema
    cases += [Case(("schema",)), Case(("schema", "framework")), Case(("schema", "evidence"))]
    # cite: every format, and a selection of each kind
    cite_formats = ("text", "bibtex", "ris", "csl-json")
    cases += [Case(("cite",))]
    cases += [Case(("cite", "--format", f)) for f in cite_formats]
    cases += [Case(("cite", "11", "--format", f)) for f in cite_formats]
    cases += [
        Case(("cite", "11")),
        Case(("cite", "9", "10", "11", "--format", "csl-json")),
        Case(("cite", "6")),
        Case(("cite", "--feature", "4", "--format", "bibtex")),
        Case(("cite", "--outcome", "2", "--format", "bibtex")),
        Case(("cite", "--project", "herts", "--format", "ris")),
        Case(("cite", "--framework")),
        Case(("cite", "--framework", "--format", "csl-json")),
        Case(("cite", "--document-only", "--format", "ris")),
        Case(("cite", "--format", "ris", "-o", "refs.ris"), collect=("refs.ris",)),
    ]
    # brief: each format, Word to a file and to a pipe
    for selection in BRIEFS:
        cases += [Case(("brief", *selection))]
        cases += [Case(("brief", *selection, "--format", f)) for f in ("markdown", "html", "json")]
    for n, selection in enumerate(BRIEFS[:2], 1):
        docx = f"brief{n}.docx"
        cases.append(Case(("brief", *selection, "--format", "docx", "-o", docx), collect=(docx,)))
    cases += [
        Case(("brief", "--feature", "4", "--format", "docx")),
        Case(
            ("brief", "--feature", "4", "--format", "html", "-o", "brief.html"),
            collect=("brief.html",),
        ),
    ]
    # errors
    cases += [
        Case(("feature", "9")),
        Case(("feature", "0")),
        Case(("feature", "zzzz")),
        Case(("feature",)),
        Case(("outcome", "")),
        Case(("enabler", "8")),
        Case(("source", "999")),
        Case(("source", "0")),
        Case(("search", "")),
        Case(("search", "x", "--limit", "0")),
        Case(("project", "he")),
        Case(("frobnicate",)),
        Case(("--json",)),
        Case(("map", "--by", "zzz")),
        Case(("feature", "3", "--format", "docx")),
        Case(("cite", "--format", "html")),
        Case(("brief",)),
        Case(("brief", "--sections", ",")),
        Case(("brief", "--feature", "4", "--sections", "nonsense")),
        Case(("site",)),
        Case(("--data", "/nonexistent", "feature", "3")),
        Case(("feature", "3"), env=(("SEVENF_DATA", "/nonexistent"),), variant="SEVENF_DATA"),
    ]
    # help and version
    help_env = (("COLUMNS", "80"),)
    cases += [Case(("--help",), env=help_env, variant="cols80")]
    cases += [Case(("-h",), env=help_env, variant="cols80")]
    cases += [Case(("--help",), env=(("COLUMNS", "120"),), variant="cols120")]
    cases += [Case((name, "--help"), env=help_env, variant="cols80") for name in COMMAND_NAMES]
    cases += [Case(("--version",))]
    # on a terminal
    for view in TERMINAL_VIEWS:
        for width in (80, 120):
            for env, tag in ((NO_COLOUR, "nocolor"), (COLOUR, "colour")):
                cases.append(_on_terminal(view, width, env, tag))
    cases += [
        _on_terminal(("--no-color", "feature", "3"), 80, COLOUR, "colour"),
        _on_terminal(("feature", "3", "--json"), 80, COLOUR, "colour"),
        _on_terminal(("feature", "3", "--format", "markdown"), 80, COLOUR, "colour"),
        _on_terminal(("cite", "11", "--format", "bibtex"), 80, COLOUR, "colour"),
        _on_terminal(("feature", "9"), 80, COLOUR, "colour"),
        _on_terminal(("brief", "--feature", "4", "--format", "docx"), 80, COLOUR, "colour"),
        _on_terminal(("feature", "--help"), 80, COLOUR, "colour"),
    ]
    # the static site: the command, then every file it wrote as a case of its own
    cases.append(Case(("site", "-o", "site"), collect=("site",), split=True))
    names = [c.name for c in cases]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    assert not duplicates, duplicates
    return cases


def _on_terminal(
    argv: tuple[str, ...], width: int, env: tuple[tuple[str, str], ...], tag: str
) -> Case:
    return Case(argv, (*env, ("COLUMNS", str(width))), tty=width, variant=f"tty{width}-{tag}")


# --- running -----------------------------------------------------------------------


@dataclass
class Run:
    """What one run did, normalised."""

    code: int
    stdout: bytes
    stderr: bytes
    files: dict[str, bytes] = field(default_factory=dict)


def base_env(cache: str) -> dict[str, str]:
    env = {name: os.environ[name] for name in PASSED if name in os.environ}
    env["LC_ALL"] = "C.UTF-8"
    env["SEVENF_CACHE_DIR"] = cache
    return env


def run_case(case: Case, sevenf: Sequence[str]) -> tuple[Run, Run]:
    """The case run twice, in one fresh cache directory, each time in a fresh cwd."""
    with tempfile.TemporaryDirectory(prefix="sevenf-compare-cache-") as cache:
        env = base_env(cache)
        env.update(case.env)
        runs = []
        for _ in range(2):
            with tempfile.TemporaryDirectory(prefix="sevenf-compare-work-") as work:
                argv = [*sevenf, *case.argv]
                if case.tty:
                    code, out, err = _on_pty(argv, env, work, case.tty)
                else:
                    code, out, err = _piped(argv, env, work)
                places = {cache: b"<CACHE>", work: b"<WORK>", str(REPO): b"<REPO>"}
                files = {
                    path: _normal(data, places)
                    for path, data in _collected(Path(work), case.collect)
                }
                if out.startswith(b"PK\x03\x04"):  # a Word file on stdout
                    out = _unzipped(out)
                runs.append(Run(code, _normal(out, places), _normal(err, places), files))
        return runs[0], runs[1]


def _normal(data: bytes, places: dict[str, bytes]) -> bytes:
    """`data` with each temporary or local path (and its real path) as its placeholder."""
    pairs: dict[bytes, bytes] = {}
    for path, placeholder in places.items():
        for form in {path, os.path.realpath(path)}:
            pairs[form.encode()] = placeholder
    for found in sorted(pairs, key=len, reverse=True):
        data = data.replace(found, pairs[found])
    return data


def _collected(work: Path, wanted: Iterable[str]) -> Iterator[tuple[str, bytes]]:
    """Each file written under the names `wanted`: a directory's files in path order; a
    Word file as its members. A name that was not written is recorded as missing."""
    for name in wanted:
        where = work / name
        if where.is_dir():
            for path in sorted(p for p in where.rglob("*") if not p.is_dir()):
                yield path.relative_to(work).as_posix(), path.read_bytes()
        elif where.is_file():
            data = where.read_bytes()
            yield name, _unzipped(data) if name.endswith(".docx") else data
        else:
            yield name, b"<not written>"


def _unzipped(data: bytes) -> bytes:
    """A zip (a Word file) as text: each member's name, size and bytes in the zip's order,
    without the zip's timestamps, and pandoc's creation times as <TIME>."""
    out = io.BytesIO()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return data
    with archive:
        for info in archive.infolist():
            member = archive.read(info)
            if info.filename == "docProps/core.xml":
                member = re.sub(
                    rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:)",
                    rb"\1<TIME>\2",
                    member,
                )
            out.write(f"== zip member {info.filename}: {len(member)} bytes\n".encode())
            out.write(member + b"\n")
    return out.getvalue()


def _piped(argv: list[str], env: dict[str, str], cwd: str) -> tuple[int, bytes, bytes]:
    try:
        done = subprocess.run(
            argv,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            cwd=cwd,
            env=env,
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as expired:
        return -999, expired.stdout or b"", (expired.stderr or b"") + b"\n<timed out>"
    return done.returncode, done.stdout, done.stderr


def _on_pty(
    argv: list[str], env: dict[str, str], cwd: str, columns: int
) -> tuple[int, bytes, bytes]:
    """Run with stdin and stdout on a pseudo-terminal `columns` wide, stderr on a pipe."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, columns, 0, 0))
    try:
        process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=subprocess.PIPE, cwd=cwd, env=env
        )
    finally:
        os.close(slave)
    assert process.stderr is not None
    errors = process.stderr.fileno()
    chunks: dict[int, list[bytes]] = {master: [], errors: []}
    deadline = time.monotonic() + TIMEOUT
    with selectors.DefaultSelector() as selector:
        selector.register(master, selectors.EVENT_READ)
        selector.register(process.stderr, selectors.EVENT_READ)
        while selector.get_map() and time.monotonic() < deadline:
            for key, _ in selector.select(timeout=1.0):
                fd = key.fd
                try:
                    chunk = os.read(fd, 65536)
                except OSError:  # EIO: the terminal's last writer has gone
                    chunk = b""
                if chunk:
                    chunks[fd].append(chunk)
                else:
                    selector.unregister(fd)
    os.close(master)
    process.stderr.close()
    try:
        code = process.wait(timeout=max(1.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        code = -999
    return code, b"".join(chunks[master]), b"".join(chunks[errors])


# --- case files ----------------------------------------------------------------------


def case_file(case: Case, runs: tuple[Run, Run]) -> bytes:
    """The case and both runs, each stream as its exact bytes with their length before."""
    out = io.BytesIO()
    out.write(f"case: {case.name}\n".encode())
    out.write(f"command: {case.describe()}\n".encode())
    for n, run in enumerate(runs, 1):
        out.write(f"== run {n} ({'empty cache' if n == 1 else 'same cache'})\n".encode())
        out.write(f"exit: {run.code}\n".encode())
        sections = [("stdout", run.stdout), ("stderr", run.stderr)]
        sections += [(f"file {path}", data) for path, data in run.files.items()]
        for label, data in sections:
            out.write(f"-- {label}: {len(data)} bytes\n".encode())
            out.write(data + b"\n")
    return out.getvalue()


def file_case(case: Case, path: str, runs: tuple[Run, Run]) -> tuple[str, bytes]:
    """A case of its own for one file a run wrote (a page of the site), both runs' bytes."""
    name = f"{case.name}@{path.replace('/', '~')}"
    out = io.BytesIO()
    out.write(f"case: {name}\ncommand: {case.describe()}, file {path}\n".encode())
    for n, run in enumerate(runs, 1):
        data = run.files.get(path)
        shown = b"<not written>" if data is None else data
        out.write(f"== run {n}\n-- file {path}: {len(shown)} bytes\n".encode())
        out.write(shown + b"\n")
    return name, out.getvalue()


HEADER = re.compile(rb"-- (.+): (\d+) bytes\n")


def sections(data: bytes) -> dict[str, bytes]:
    """A case file's parts by name ("run 1 stdout", "run 2 exit", ...), in order."""
    found: dict[str, bytes] = {}
    run, at = "", 0
    while at < len(data):
        end = data.find(b"\n", at)
        end = len(data) if end < 0 else end
        line = data[at : end + 1]
        header = HEADER.fullmatch(line)
        if header:
            size = int(header.group(2))
            body_start = end + 1
            found[f"{run}{header.group(1).decode(errors='replace')}"] = data[
                body_start : body_start + size
            ]
            at = body_start + size + 1
            continue
        text = line.decode(errors="replace").rstrip("\n")
        if text.startswith("== "):
            run = text[3:].split(" (")[0] + " "
        elif ": " in text:
            label, value = text.split(": ", 1)
            found[f"{run}{label}"] = value.encode()
        at = end + 1
    return found


# --- capture -------------------------------------------------------------------------


def _git(*args: str) -> str:
    try:
        done = subprocess.run(
            ["git", "-C", str(REPO), *args], capture_output=True, text=True, check=False
        )
    except OSError:
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def capture(outdir: Path, sevenf: list[str], jobs: int, force: bool) -> int:
    if outdir.exists() and any(outdir.iterdir()):
        if not force:
            print(f"{outdir} is not empty (--force replaces its capture)", file=sys.stderr)
            return 2
        shutil.rmtree(outdir / CASES_DIR, ignore_errors=True)
        (outdir / "index.json").unlink(missing_ok=True)
    cases_dir = outdir / CASES_DIR
    cases_dir.mkdir(parents=True)
    cases = battery()
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        results = list(pool.map(lambda c: run_case(c, sevenf), cases))
    seconds = time.monotonic() - started
    listed = []
    for case, runs in zip(cases, results, strict=True):
        written = [(case.name, case_file(case, runs))]
        if case.split:
            paths = sorted({p for run in runs for p in run.files})
            written += [file_case(case, path, runs) for path in paths]
        for name, data in written:
            (cases_dir / (name + SUFFIX)).write_bytes(data)
            listed.append(
                {
                    "name": name,
                    "file": f"{CASES_DIR}/{name}{SUFFIX}",
                    "argv": list(case.argv),
                    "env": dict(case.env),
                    "terminal_columns": case.tty,
                    "exit": [runs[0].code, runs[1].code],
                }
            )
    uneven = [c.name for c, r in zip(cases, results, strict=True) if r[0] != r[1]]
    if uneven:
        print(
            f"warning: {len(uneven)} cases answer differently from the cache: "
            + ", ".join(uneven[:10])
            + (" ..." if len(uneven) > 10 else ""),
            file=sys.stderr,
        )
    version = subprocess.run(
        [*sevenf, "--version"], capture_output=True, text=True, check=False, env=base_env("")
    ).stdout.strip()
    index = {
        "repository": str(REPO),
        "commit": _git("rev-parse", "HEAD"),
        "commit_line": _git("log", "-1", "--format=%H %ad %s", "--date=iso"),
        "uncommitted_changes": _git("status", "--porcelain").splitlines(),
        "sevenf_command": sevenf,
        "sevenf_version": version,
        "python": sys.version,
        "captured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "seconds": round(seconds, 1),
        "jobs": jobs,
        "cases": listed,
    }
    (outdir / "index.json").write_text(json.dumps(index, indent=2) + "\n", encoding="utf-8")
    print(
        f"captured {len(listed)} cases ({len(cases)} command lines) in {seconds:.0f} s to {outdir}"
    )
    return 0


# --- diff ----------------------------------------------------------------------------


def _shown(data: bytes) -> list[str]:
    """Bytes as lines to diff: escape codes and CRs visible, long lines (compact JSON) cut
    into pieces of WRAP characters, so that the first difference shows in a short diff."""
    text = data.decode("utf-8", "backslashreplace").replace("\x1b", "\\x1b").replace("\r", "\\r")
    return [
        line[at : at + WRAP] for line in text.splitlines() for at in range(0, len(line) or 1, WRAP)
    ]


def _case_files(folder: Path) -> dict[str, Path]:
    return {p.name[: -len(SUFFIX)]: p for p in sorted((folder / CASES_DIR).glob("*" + SUFFIX))}


def diff(a: Path, b: Path) -> int:
    for folder in (a, b):
        if not (folder / CASES_DIR).is_dir():
            print(f"{folder}: not a capture (no {CASES_DIR}/ folder)", file=sys.stderr)
            return 2
        index = folder / "index.json"
        if index.is_file():
            about = json.loads(index.read_text(encoding="utf-8"))
            script = f"{Path(__file__).resolve().relative_to(REPO)}"
            changes = [c for c in about.get("uncommitted_changes", []) if script not in c]
            dirty = f" with uncommitted changes: {'; '.join(changes)}" if changes else ""
            print(f"{folder}: commit {about.get('commit') or '?'}{dirty}")
    left, right = _case_files(a), _case_files(b)
    names = sorted(left.keys() | right.keys())
    differ = 0
    for name in names:
        if name not in right or name not in left:
            differ += 1
            print(f"DIFFERS {name}: only in {a if name in left else b}")
            continue
        one, two = left[name].read_bytes(), right[name].read_bytes()
        if one == two:
            continue
        differ += 1
        parts_a, parts_b = sections(one), sections(two)
        labels = [k for k in parts_a if parts_a.get(k) != parts_b.get(k)]
        labels += [k for k in parts_b if k not in parts_a]
        print(f"DIFFERS {name}: {', '.join(labels) or 'layout'}")
        first = labels[0] if labels else ""
        lines = difflib.unified_diff(
            _shown(parts_a.get(first, one if not labels else b"")),
            _shown(parts_b.get(first, two if not labels else b"")),
            f"{a}/{name} {first}",
            f"{b}/{name} {first}",
            n=1,
            lineterm="",
        )
        for n, line in enumerate(lines):
            if n == DIFF_LINES:
                print("    ...")
                break
            print("    " + line)
    print(f"{len(names)} cases compared, {differ} differ")
    return 1 if differ else 0


# --- command line --------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Capture sevenf's outputs, or compare two captures.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    take = commands.add_parser("capture", help="run the battery and write OUTDIR")
    take.add_argument("outdir", type=Path, metavar="OUTDIR")
    take.add_argument(
        "--sevenf",
        metavar="CMD",
        help="the command that starts sevenf (default: this Python -m seven_features)",
    )
    take.add_argument("--jobs", type=int, default=2, help="cases run at once (default 2)")
    take.add_argument("--force", action="store_true", help="replace a capture in OUTDIR")
    compare = commands.add_parser("diff", help="compare two captures; exit 1 if any case differs")
    compare.add_argument("a", type=Path, metavar="A")
    compare.add_argument("b", type=Path, metavar="B")
    args = parser.parse_args(argv)
    if args.command == "capture":
        sevenf = (
            shlex.split(args.sevenf) if args.sevenf else [sys.executable, "-m", "seven_features"]
        )
        return capture(args.outdir.resolve(), sevenf, max(1, args.jobs), args.force)
    return diff(args.a, args.b)


if __name__ == "__main__":
    sys.exit(main())
