"""Every example sevenf shows runs: those in each command's help, and the README's.

The commands are found from the click app itself, so a new command's examples are
tested without a list here to update. Each command line runs in bash, in a temporary
directory (where those that write a file write it), against the shipped data, with
its own HOME (`--install-completion` writes there). In the README, `DIR` stands for a
data directory: a copy of the shipped data is given; `ours.yaml` for a local evidence file
filled in: a copy of the worked example is given (but where `local init` writes it);
`...` stands for any command.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from helpers import DATA, ROOT
from typer.testing import CliRunner

from seven_features.cli.app import app

BIN = Path(sys.executable).parent


def _group() -> Any:
    return typer.main.get_command(app)


def help_examples() -> list[str]:
    """The example in the help of sevenf and of every command, read from the help as a
    person sees it on an 80-column terminal (each stands on a line of its own under
    'Example:', never wrapped, so it can be copied whole), and each 'e.g.' value in the
    help of their arguments and options, as a command line."""
    group = _group()
    runner = CliRunner()
    examples: list[str] = []
    commands = [("", group), *sorted(group.commands.items())]
    for name, command in commands:
        if getattr(command, "hidden", False):
            continue
        shown = runner.invoke(app, [*([name] if name else []), "--help"], terminal_width=80)
        lines = shown.output.splitlines()
        found = [lines[i + 1] for i, line in enumerate(lines[:-1]) if line.strip() == "Example:"]
        assert found, f"'sevenf {name} --help' shows no example"
        for line in found:
            assert len(line) <= 80 and line.strip().startswith("sevenf"), line
        examples += [line.strip() for line in found]
        for param in command.params if name else ():
            match = re.search(r"(?i)e\.g\. (.+?)\.?$", getattr(param, "help", None) or "")
            if not match:
                continue
            flag = "" if param.param_type_name == "argument" else f"{param.opts[0]} "
            for value in match.group(1).split(" or "):
                examples.append(f"sevenf {name} {flag}{value}")
    return examples


def readme_examples() -> list[str]:
    """Every command line of README.md that starts with `sevenf`: in code blocks (a
    trailing comment dropped) and in inline code."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    lines: list[str] = []
    for block in re.findall(r"^```[^\n]*\n(.*?)^```", text, re.M | re.S):
        for line in block.splitlines():
            if line.startswith("sevenf"):
                lines.append(re.split(r"\s+#\s", line, maxsplit=1)[0].strip())
    lines += re.findall(r"(?<!`)`(sevenf(?: [^`]*)?)`", text)
    return list(dict.fromkeys(lines))


def test_examples_are_found() -> None:
    examples = help_examples()
    assert "sevenf feature 3" in examples
    assert 'sevenf feature "group case"' in examples
    assert "sevenf pitfalls --feature 4" in examples or any(
        e.startswith("sevenf pitfalls ") for e in examples
    )
    assert {e.split()[1] for e in examples if len(e.split()) > 1} >= set(
        n for n, c in _group().commands.items() if not getattr(c, "hidden", False)
    )
    assert "sevenf outcome 2 --evidence --json | jq -r '.findings[].statement'" in readme_examples()


@pytest.mark.parametrize("line", list(dict.fromkeys(help_examples() + readme_examples())), ids=str)
def test_every_example_runs(line: str, tmp_path: Path) -> None:
    shutil.copytree(DATA, tmp_path / "mydata")
    if "local init" not in line:
        shutil.copy(ROOT / "examples" / "local-evidence.yaml", tmp_path / "ours.yaml")
    home = tmp_path / "home"
    home.mkdir()
    command = line.replace(" DIR", f" {shlex.quote(str(tmp_path / 'mydata'))}")
    command = command.replace(" ...", "")
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": str(home),
        "SHELL": "/bin/bash",
    }
    env.pop("SEVENF_DATA", None)
    result = subprocess.run(
        ["bash", "-c", command],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, (line, result.stderr)
    assert "error" not in result.stderr, (line, result.stderr)
    assert result.stdout or any(p.is_file() for p in tmp_path.iterdir()) or "-o" in line
