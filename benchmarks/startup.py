"""Time sevenf's hot commands against `python -c pass` with the same interpreter.

    python benchmarks/startup.py [--data DIR] [--runs 21] [--scale N [--compare]] [--cold] [--json]

Each round runs, for every command, the baseline and then the command (on each data
set), so slow periods on a shared machine hit both alike. Every child runs with stdout
to a pipe (drained) and stderr to a file; its wall time is taken around spawn and
wait, and its peak RSS comes from `os.wait4`. Before timing, each command runs once
to warm the OS caches and fill sevenf's cache (a temp dir this script owns, given in
$SEVENF_CACHE_DIR), so the figures are warm-cache ones unless --cold, which empties
that cache before every run. Only the standard library is used.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
X = "\u00d7"  # the multiplication sign, escaped: ruff (RUF001) takes it for a letter x
TTY, PIPE = "terminal", "piped"
#: On a terminal whose width changes before every run, with no answer or result kept in
#: sevenf's cache: a command asked for the first time, queried and drawn afresh.
FIRST = "terminal, new width"
#: Piped, with the answers kept in sevenf's cache removed before every run, so each run
#: reads the data, queries and renders afresh: what a new answer costs.
AFRESH = "piped, made afresh"
#: What each mode's runs are held to on N-times data, when not to `SCALED_SLOWDOWN`.
NEW = {
    FIRST: "none: shown for what a new drawing costs",
    AFRESH: "none: shown for what a new answer costs",
}
EVIDENCE = ["outcome", "reduced risk", "--evidence"]
BRIEF = ["brief", "--outcome", "reduced risk", "--feature", "6"]
#: The worked local evidence file (issue 22), held to the same goals as the document alone.
LOCAL = ["--local", str(HERE.parent / "examples" / "local-evidence.yaml")]
LOCAL_EVIDENCE = ["feature", "3", "--evidence", *LOCAL]
SELF_EVALUATION = ["brief", "--self-evaluation", *LOCAL]
#: The commands and goals of issue 18: ratio of median wall time to `python -c pass` run
#: the same way (on a pseudo-terminal of 80 x 24, or with stdout to a pipe). On a
#: terminal, asked for the first time (a new width counts) at most 3.5, asked again at
#: most 2.5; piped at most 3 (search --json and a brief at most 3.5), new or again.
COMMANDS: list[tuple[str, list[str], str, float]] = [
    ("sevenf feature 3", ["feature", "3"], TTY, 2.5),
    ('sevenf outcome "reduced risk" --evidence', EVIDENCE, TTY, 2.5),
    ("sevenf search co-location", ["search", "co-location"], TTY, 2.5),
    ("sevenf feature 3", ["feature", "3"], FIRST, 3.5),
    ('sevenf outcome "reduced risk" --evidence', EVIDENCE, FIRST, 3.5),
    ("sevenf search co-location", ["search", "co-location"], FIRST, 3.5),
    ("sevenf feature 3", ["feature", "3"], PIPE, 3.0),
    ("sevenf feature 3 --json", ["feature", "3", "--json"], PIPE, 3.0),
    ('sevenf outcome "reduced risk" --evidence', EVIDENCE, PIPE, 3.0),
    ("sevenf search co-location --json", ["search", "co-location", "--json"], PIPE, 3.5),
    ('sevenf brief --outcome "reduced risk" --feature 6', BRIEF, PIPE, 3.5),
    ("sevenf feature 3", ["feature", "3"], AFRESH, 3.0),
    ("sevenf feature 3 --json", ["feature", "3", "--json"], AFRESH, 3.0),
    ('sevenf outcome "reduced risk" --evidence', EVIDENCE, AFRESH, 3.0),
    ("sevenf search co-location --json", ["search", "co-location", "--json"], AFRESH, 3.5),
    ('sevenf brief --outcome "reduced risk" --feature 6', BRIEF, AFRESH, 3.5),
    ("sevenf feature 3 --evidence --local FILE", LOCAL_EVIDENCE, TTY, 2.5),
    ("sevenf feature 3 --evidence --local FILE", LOCAL_EVIDENCE, FIRST, 3.5),
    ("sevenf feature 3 --evidence --local FILE", LOCAL_EVIDENCE, AFRESH, 3.0),
    (
        "sevenf search direct --json --local FILE",
        ["search", "direct", "--json", *LOCAL],
        AFRESH,
        3.5,
    ),
    ("sevenf brief --self-evaluation --local FILE", SELF_EVALUATION, AFRESH, 3.5),
]
PEAK_MIB = {"1x": 60.0, "scaled": 120.0}
#: On N-times data each command may take at most this many times its time on the real data.
SCALED_SLOWDOWN = 2.0


@dataclass
class Sample:
    ms: list[float] = field(default_factory=list)
    peak_mib: float = 0.0

    def add(self, ms: float, peak_mib: float) -> None:
        self.ms.append(ms)
        self.peak_mib = max(self.peak_mib, peak_mib)

    @property
    def median(self) -> float:
        return statistics.median(self.ms)


def sevenf_script() -> Path:
    """The `sevenf` beside this interpreter (a venv's), else the first one on $PATH."""
    beside = Path(sys.executable).parent / "sevenf"
    found = beside if beside.is_file() else shutil.which("sevenf")
    if found is None:
        raise SystemExit("no sevenf script found: run this with the venv's python")
    return Path(found)


def interpreter(script: Path) -> list[str]:
    """The command line of the script's shebang: the interpreter `sevenf` really runs with."""
    first = script.read_bytes().split(b"\n", 1)[0].decode()
    if not first.startswith("#!"):
        raise SystemExit(f"{script} has no shebang line")
    command = shlex.split(first[2:])
    if not Path(command[0]).name.startswith("python"):
        raise SystemExit(f"{script}: the shebang runs {command[0]}, not a python")
    return command


_widths = iter(range(81, 1_000_000))


def _terminal(columns: int = 80) -> tuple[int, int]:
    """A pseudo-terminal of `columns` and 24 rows: (the reading end, the child's end)."""
    import fcntl
    import pty
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    return leader, follower


def _drain(fd: int) -> list[bytes]:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 1 << 16)
        except OSError:  # EIO: the child has closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    return chunks


def run(
    argv: list[str], env: dict[str, str], errors: Path, mode: str = PIPE
) -> tuple[float, float, int, bytes]:
    """Spawn `argv` with stdout to a pipe or a pseudo-terminal; its wall time in ms, peak
    RSS in MiB, exit status and stdout."""
    if mode in (PIPE, AFRESH):
        read_end, write_end = os.pipe()
    else:
        read_end, write_end = _terminal(80 if mode == TTY else next(_widths))
    with open(errors, "wb") as err:
        actions = [
            (os.POSIX_SPAWN_DUP2, write_end, 1),
            (os.POSIX_SPAWN_DUP2, err.fileno(), 2),
            (os.POSIX_SPAWN_CLOSE, read_end),
        ]
        start = time.perf_counter_ns()
        pid = os.posix_spawn(argv[0], argv, env, file_actions=actions)
        os.close(write_end)
        chunks = _drain(read_end)
        _, status, usage = os.wait4(pid, 0)
        elapsed = time.perf_counter_ns() - start
    os.close(read_end)
    # ru_maxrss is in KiB on Linux.
    return (
        elapsed / 1e6,
        usage.ru_maxrss / 1024,
        os.waitstatus_to_exitcode(status),
        b"".join(chunks),
    )


def empty(directory: Path) -> None:
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir()


def measure(
    sets: dict[str, Path], runs: int, cold: bool, work: Path
) -> tuple[dict[str, Sample], dict[str, dict[str, Sample]]]:
    """The baseline and, per data set and command, the samples of `runs` alternating rounds."""
    sevenf = sevenf_script()
    python = interpreter(sevenf)
    python[0] = shutil.which(python[0]) or python[0]
    cache, afresh = work / "cache", work / "cache-afresh"
    cache.mkdir()
    afresh.mkdir()
    ignored = ("SEVENF_", "COLUMNS", "LINES", "NO_COLOR")
    base_env = {k: v for k, v in os.environ.items() if not k.startswith(ignored)}
    base_env |= {"SEVENF_CACHE_DIR": str(cache), "TERM": "xterm-256color"}
    errors = work / "stderr"
    baseline = {TTY: Sample(), PIPE: Sample(), FIRST: Sample(), AFRESH: Sample()}
    results = {label: {key(c): Sample() for c in COMMANDS} for label in sets}

    def once(label: str, name: str, args: list[str], mode: str) -> tuple[float, float]:
        env = base_env | {"SEVENF_DATA": str(sets[label])}
        if cold:
            empty(cache)
        elif mode in (AFRESH, FIRST):  # a cache of its own, so the other rows keep theirs
            # Asked for the first time: no answer and no result kept (only the validated
            # data and the search index, which any earlier command leaves).
            env["SEVENF_CACHE_DIR"] = str(afresh)
            for kept in [
                *afresh.glob("sevenf-cache-v1/kept-*"),
                *afresh.glob("sevenf-cache-v1/result-*"),
            ]:
                kept.unlink()
        ms, mib, code, out = run([str(sevenf), *args], env, errors, mode)
        if code != 0 or not out:
            message = errors.read_text(errors="replace").strip()
            raise SystemExit(f"{name} on {label} data failed (exit {code}): {message}")
        return ms, mib

    for label in sets:  # warm-up: OS caches, and sevenf's cache filled
        for command in COMMANDS:
            once(label, key(command), command[1], command[2])
    for _ in range(runs):
        for command in COMMANDS:
            _, args, mode, _ = command
            ms, mib, _, _ = run([*python, "-c", "pass"], base_env, errors, mode)
            baseline[mode].add(ms, mib)
            for label in sets:
                results[label][key(command)].add(*once(label, key(command), args, mode))
    return baseline, results


def key(command: tuple[str, list[str], str, float]) -> str:
    """How a command is named in the results: its words and how its output is read."""
    return f"{command[0]} ({command[2]})"


def report(
    baseline: dict[str, Sample], results: dict[str, dict[str, Sample]]
) -> list[dict[str, object]]:
    """One row per data set and command, with the goals it is held to and whether it meets them."""
    rows: list[dict[str, object]] = []
    real = results.get("1x")
    for label, samples in results.items():
        for command in COMMANDS:
            name, _, mode, goal = command
            sample = samples[key(command)]
            ratio = sample.median / baseline[mode].median
            limit = PEAK_MIB["1x" if samples is real else "scaled"]
            goals, ok = [f"≤ {limit:g} MiB"], sample.peak_mib <= limit
            row: dict[str, object] = {"data": label, "command": name, "stdout": mode}
            row |= {"median_ms": round(sample.median, 1), "x_baseline": round(ratio, 2)}
            if samples is real and goal:
                goals.insert(0, f"≤ {goal:g}{X}")
                ok = ok and ratio <= goal
            elif samples is real:
                goals.insert(0, NEW[mode])
            elif real is not None:
                slowdown = sample.median / real[key(command)].median
                row["x_1x"] = round(slowdown, 2)
                if mode in NEW:
                    goals.insert(0, NEW[mode])
                else:
                    goals.insert(0, f"≤ {SCALED_SLOWDOWN:g}{X} 1x")
                    ok = ok and slowdown <= SCALED_SLOWDOWN
            row |= {"peak_mib": round(sample.peak_mib, 1), "goal": ", ".join(goals), "pass": ok}
            rows.append(row)
    return rows


def markdown(rows: list[dict[str, object]], baseline: dict[str, Sample]) -> str:
    """The rows as a Markdown table, the baselines last."""
    compare = any("x_1x" in row for row in rows)
    columns = ["data", "command", "stdout", "median ms", f"{X} baseline"]
    columns += [f"{X} 1x"] if compare else []
    columns += ["peak MiB", "goal", "pass"]
    lines = ["| " + " | ".join(columns) + " |", "|" + " --- |" * len(columns)]
    for row in rows:
        cells = [str(row["data"]), f"`{row['command']}`", str(row["stdout"])]
        cells.append(f"{row['median_ms']:.1f}")
        cells.append(f"{row['x_baseline']:.2f}")
        if compare:
            cells.append(f"{row['x_1x']:.2f}" if "x_1x" in row else "")
        verdict = "n/a" if row["pass"] is None else "pass" if row["pass"] else "FAIL"
        cells += [f"{row['peak_mib']:.1f}", str(row["goal"]), verdict]
        lines.append("| " + " | ".join(cells) + " |")
    blank = [""] * (len(columns) - 8)
    for mode, sample in baseline.items():
        cells = ["baseline", "`python -c pass`", mode, f"{sample.median:.1f}", "1.00", *blank]
        lines.append("| " + " | ".join([*cells, f"{sample.peak_mib:.1f}", "", ""]) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data",
        type=Path,
        default=HERE.parent / "data",
        help="the real data directory (default: the repository's data/)",
    )
    parser.add_argument("--runs", type=int, default=21, help="timed rounds (default 21)")
    parser.add_argument("--scale", type=int, help="also generate N-times data with synth.py")
    parser.add_argument(
        "--compare",
        action="store_true",
        help="with --scale: time the real and the N-times data together",
    )
    parser.add_argument("--cold", action="store_true", help="empty sevenf's cache before each run")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    if args.compare and not args.scale:
        parser.error("--compare needs --scale")
    with tempfile.TemporaryDirectory(prefix="sevenf-bench-") as temp:
        work = Path(temp)
        sets = {"1x": args.data.resolve()}
        if args.scale:
            out = work / f"data-{args.scale}x"
            synth = [HERE / "synth.py", "--scale", str(args.scale), "--seed", "1"]
            command = [*interpreter(sevenf_script()), *map(str, synth), "--out", str(out)]
            made = subprocess.run(
                [*command, "--source", str(sets["1x"])], capture_output=True, text=True
            )
            if made.returncode != 0:
                raise SystemExit(f"synth.py failed:\n{made.stderr}")
            scaled = {f"{args.scale}x": out}
            sets = sets | scaled if args.compare else scaled
        baseline, results = measure(sets, args.runs, args.cold, work)
    rows = report(baseline, results)
    if args.cold:  # the goals are for warm runs: a cold run only shows the cache's worth
        for row in rows:
            row["pass"] = None
    sevenf = sevenf_script()
    if args.json:
        summary = {"sevenf": str(sevenf), "python": interpreter(sevenf), "runs": args.runs}
        medians = {mode: round(sample.median, 1) for mode, sample in baseline.items()}
        summary |= {"cold": args.cold, "baseline_ms": medians, "rows": rows}
        print(json.dumps(summary, indent=2, ensure_ascii=False))
    else:
        cache = "cold: cache emptied before every run" if args.cold else "warm cache"
        print(
            f"{sevenf} ({' '.join(interpreter(sevenf))}); {args.runs} rounds, medians; "
            f"{cache} (one untimed run per command first); baseline `python -c pass` "
            f"= {baseline[TTY].median:.1f} ms on a terminal, {baseline[PIPE].median:.1f} ms piped\n"
        )
        print(markdown(rows, baseline))
    return 1 if any(row["pass"] is False for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
