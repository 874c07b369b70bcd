"""Time `sevenf site -o DIR --force` end to end, the way a user runs it.

    python benchmarks/site.py [--data DIR] [--runs 7] [--cold] [--json]

Each run is a fresh `sevenf` process (the script beside this python) writing the
whole site into a temporary folder it then replaces, so the figure includes start-up,
loading the data, every query and page, the search index and the atomic write. Warm
runs use a cache filled once first; --cold empties the cache before each run (the
data is validated again every time). The target is under two seconds. Only the
standard library is used.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 2.0


def run_once(sevenf: str, data: str | None, out: Path, env: dict[str, str]) -> float:
    args = [sevenf, *(["--data", data] if data else []), "site", "-o", str(out), "--force"]
    start = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"site.py: {' '.join(args)} failed: {done.stderr.strip()}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="a data directory (default: the shipped data)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--cold", action="store_true", help="empty the cache before each run")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    options = parser.parse_args(argv)
    sevenf = str(Path(sys.executable).with_name("sevenf"))
    with tempfile.TemporaryDirectory(prefix="sevenf-site-bench-") as work:
        cache = Path(work) / "cache"
        env = {**os.environ, "SEVENF_CACHE_DIR": str(cache)}
        out = Path(work) / "site"
        run_once(sevenf, options.data, out, env)  # warm the OS and sevenf's cache
        times = []
        for _ in range(options.runs):
            if options.cold:
                shutil.rmtree(cache, ignore_errors=True)
            times.append(run_once(sevenf, options.data, out, env))
        files = [p for p in out.rglob("*") if p.is_file()]
        size = sum(p.stat().st_size for p in files)
    figures = {
        "runs": options.runs,
        "cache": "cold" if options.cold else "warm",
        "median_s": round(statistics.median(times), 3),
        "max_s": round(max(times), 3),
        "files": len(files),
        "bytes": size,
        "target_s": TARGET_SECONDS,
    }
    if options.json:
        print(json.dumps(figures))
    else:
        print(
            f"sevenf site ({figures['cache']} cache, {options.runs} runs): "
            f"median {figures['median_s']:.3f} s, max {figures['max_s']:.3f} s "
            f"for {len(files)} files, {size:,} bytes (target < {TARGET_SECONDS:g} s)"
        )
    return 0 if max(times) < TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
