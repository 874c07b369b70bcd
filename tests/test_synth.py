"""benchmarks/synth.py writes valid data at N times the real size, and sevenf answers on it.

Not a timing test: benchmarks/startup.py measures; this only keeps its data honest.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from helpers import DATA, ROOT, Cli

from seven_features.corpus import validation
from seven_features.corpus.model import Evidence

Scaled = tuple[int, Path]
KINDS = ("sources", "footnotes", "projects", "findings", "quotes")
COMMANDS = {
    # argv: the list in the JSON result that grows with the evidence, or None
    ("feature", "3", "--json"): "quotes",
    ("outcome", "reduced risk", "--evidence", "--json"): "findings",
    ("search", "co-location", "--json"): None,  # its hits are all in the framework
}


def _synth() -> ModuleType:
    spec = importlib.util.spec_from_file_location("synth", ROOT / "benchmarks" / "synth.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


synth = _synth()


@pytest.fixture(scope="module")
def real() -> Evidence:
    return validation.validate(DATA)[1]


@pytest.fixture(scope="module", params=[2, 10], ids=lambda n: f"{n}x")
def scaled(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Scaled:
    """(N, a directory of N-times data)."""
    n: int = request.param
    out = tmp_path_factory.mktemp(f"synth-{n}x")
    synth.write(DATA, out, n, seed=1)
    return n, out


def answer(cli: Cli, directory: Path, *argv: str) -> Any:
    """The JSON that `sevenf --data DIRECTORY *argv` prints, having succeeded."""
    code, out, err = cli(*argv, data=directory)
    assert code == 0, err
    return json.loads(out)


def test_valid_and_every_kind_scaled(scaled: Scaled, real: Evidence) -> None:
    n, directory = scaled
    framework, evidence = validation.validate(directory)
    for kind in KINDS:
        copies = round(n * synth.ISSUE_FINDINGS_RATIO) if kind == "findings" else n
        assert len(getattr(evidence, kind)) == copies * len(getattr(real, kind)), kind
    assert [note.number for note in evidence.footnotes] == list(
        range(1, n * len(real.footnotes) + 1)
    )
    for what in (lambda f: f.ibid, lambda f: f.text is None, lambda f: f.marker is None):
        assert sum(map(what, evidence.footnotes)) == n * sum(map(what, real.footnotes))
    assert len({p.name for p in evidence.projects}) == len(evidence.projects)
    assert (directory / "framework.yaml").read_bytes() == (DATA / "framework.yaml").read_bytes()
    assert len(framework.features) == len(framework.outcomes) == 7


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    first, again, other = (tmp_path / name for name in ("first", "again", "other"))
    synth.write(DATA, first, 3, seed=1)
    synth.write(DATA, again, 3, seed=1)
    synth.write(DATA, other, 3, seed=2)
    text = (first / "evidence.yaml").read_bytes()
    assert text == (again / "evidence.yaml").read_bytes()
    assert text != (other / "evidence.yaml").read_bytes()


@pytest.mark.parametrize("argv", list(COMMANDS), ids=" ".join)
def test_commands_answer_with_more_evidence(
    scaled: Scaled, argv: tuple[str, ...], cli: Cli
) -> None:
    n, directory = scaled
    grows = COMMANDS[argv]
    mine, theirs = answer(cli, directory, *argv), answer(cli, DATA, *argv)
    if grows is None:  # the same hits; bm25 ranks shift with the corpus's size
        assert [h["where"] for h in mine["hits"]] == [h["where"] for h in theirs["hits"]]
    elif grows == "findings":  # the issue's 100x has about 50 findings for every 21 here
        assert len(mine[grows]) >= n * len(theirs[grows]) > len(theirs[grows])
    else:
        assert len(mine[grows]) == n * len(theirs[grows]) > len(theirs[grows])


def test_search_finds_the_copies(scaled: Scaled, cli: Cli) -> None:
    argv = ("search", "Hertfordshire", "--limit", "1000", "--json")
    assert len(answer(cli, scaled[1], *argv)["hits"]) > len(answer(cli, DATA, *argv)["hits"])


@pytest.mark.parametrize("argv", list(COMMANDS), ids=" ".join)
def test_installed_command_gives_the_same(scaled: Scaled, argv: tuple[str, ...], cli: Cli) -> None:
    # `python -m seven_features` with $SEVENF_DATA: the path the benchmark times.
    env = os.environ | {"SEVENF_DATA": str(scaled[1])}
    done = subprocess.run(
        [sys.executable, "-m", "seven_features", *argv],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout) == answer(cli, scaled[1], *argv)
