"""No local record's words ever stand in an output without its owner's name beside them.

Every command that shows local evidence is run with the worked example
(examples/local-evidence.yaml, "Example Borough Council") in every format it writes, and
every place the example's own words occur is checked:

- in JSON, the object holding them (or one it stands in) says `"origin": {"kind":
  "local", "owner": ...}`;
- in CSV, their row names the owner;
- in every other format (text, a terminal's drawing, Markdown, HTML, citations, Word read
  back as text, the site's pages), the owner's name stands within a short reach of them,
  in the same item, entry or section: `REACH` characters before or after.

Each case also checks that the example's words are there at all, so a format that lost
the local evidence fails too.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import ROOT, Cli, needs_pandoc, pandoc

EXAMPLE = ROOT / "examples" / "local-evidence.yaml"
OWNER = "Example Borough Council"
#: How far (in characters) the owner's name may stand from a local passage.
REACH = 700


def local_words() -> list[str]:
    """Every text of the example a view may show: statements, quotes, notes, names, answers."""
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    fields = ("statement", "text", "name", "description", "title")
    words = [
        r[f]
        for kind in ("findings", "quotes", "notes", "projects", "sources")
        for r in data[kind]
        for f in fields
        if r.get(f)
    ]
    words += [
        a[f] for a in data["self_evaluation"] for f in ("quality", "how_we_know", "next_steps")
    ]
    return words


WORDS = local_words()


def _plain(text: str) -> str:
    """Text as a reader sees it: markup and escapes out, white space folded to one space."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)
    text = re.sub(r"<(style|script)\b.*?</\1>", " ", text, flags=re.DOTALL)
    text = re.sub(r"<[^>]+>", " ", text)
    text = html.unescape(text)
    text = re.sub(r"[│╭╮╰╯─•]", " ", text)
    return " ".join(text.split())


def _occurrences(text: str, words: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(words), text)]


def check_text(text: str, expect: list[str] | None = None) -> int:
    """The owner is within reach of every local passage in `text`; the passages found."""
    plain = _plain(text)
    found = 0
    for words in WORDS:
        short = " ".join(words.split())[:60]  # a passage wrapped or cut still starts so
        for at in _occurrences(plain, short):
            found += 1
            near = plain[max(0, at - REACH) : at + len(short) + REACH]
            assert OWNER in near, f"{short!r} stands without its owner:\n…{near}…"
    for words in expect or []:
        assert " ".join(words.split())[:60] in plain, f"{words!r} is missing"
    return found


def check_json(value: Any, owned: bool = False) -> int:
    """Every local passage in the JSON stands in an object whose origin names the owner."""
    found = 0
    if isinstance(value, dict):
        origin = value.get("origin")
        if isinstance(origin, dict) and origin.get("kind") == "local":
            assert origin.get("owner") == OWNER
            owned = True
        for item in value.values():
            found += check_json(item, owned)
    elif isinstance(value, list):
        for item in value:
            found += check_json(item, owned)
    elif isinstance(value, str) and any(words in value for words in WORDS):
        assert owned, f"{value!r} has no origin naming its owner"
        found += 1
    return found


def check_csv(text: str) -> int:
    found = 0
    for row in csv.reader(io.StringIO(text.removeprefix("\ufeff"))):
        if any(words in cell for cell in row for words in WORDS):
            assert any(OWNER in cell for cell in row), row
            found += 1
    return found


VIEWS: list[tuple[str, ...]] = [
    ("feature", "3"),
    ("feature", "3", "--evidence"),
    ("outcome", "2", "--evidence"),
    ("outcome", "1"),
    ("findings",),
    ("findings", "--feature", "3"),
    ("quotes",),
    ("projects",),
    ("project", "direct work hub"),
    ("validate",),
    ("map",),
    ("map", "--by", "project"),
    ("search", "direct work"),
    ("search", "fell"),
]
FORMATS = ("table", "markdown", "html", "json", "csv")
CSV_VIEWS = {
    ("feature", "3", "--evidence"),
    ("outcome", "2", "--evidence"),
    ("findings",),
    ("findings", "--feature", "3"),
    ("quotes",),
    ("projects",),
    ("map",),
    ("map", "--by", "project"),
    ("search", "direct work"),
    ("search", "fell"),
}


CASES = [(view, fmt) for view in VIEWS for fmt in FORMATS if fmt != "csv" or view in CSV_VIEWS]


@pytest.mark.parametrize(("view", "fmt"), CASES, ids=[f"{' '.join(v)}-{f}" for v, f in CASES])
def test_every_view_names_the_owner_beside_every_local_passage(
    cli: Cli, view: tuple[str, ...], fmt: str
) -> None:
    code, out, err = cli(*view, "--format", fmt, "--local", str(EXAMPLE))
    assert code == 0, err
    if fmt == "json":
        found = check_json(json.loads(out))
    elif fmt == "csv":
        found = check_csv(out)
    else:
        found = check_text(out)
    if view == ("map",) and fmt == "csv":  # counts and ids: no passage, but whose they are
        assert found == 0 and OWNER in out
        return
    assert found, f"no local passage in {' '.join(view)} --format {fmt}"


@pytest.mark.parametrize("fmt", ["text", "bibtex", "ris", "csl-json"])
def test_cite_names_the_owner_beside_every_local_source(cli: Cli, fmt: str) -> None:
    code, out, _ = cli("cite", "--format", fmt, "--local", str(EXAMPLE))
    assert code == 0
    if fmt == "csl-json":
        entries = [e for e in json.loads(out) if e.get("custom", {}).get("origin") == "local"]
        assert len(entries) == 3
        assert all(e["custom"]["owner"] == OWNER and OWNER in e["note"] for e in entries)
        # no other entry holds a local source's words
        titles = {
            s["title"] for s in yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))["sources"]
        }
        others = [e for e in json.loads(out) if e not in entries]
        assert not [e for e in others if e.get("title") in titles]
        assert {e["title"] for e in entries} == titles
    else:
        titles = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))["sources"]
        assert check_text(out, [t["title"] for t in titles]) >= 3


def test_a_terminal_drawing_names_the_owner_beside_every_local_passage() -> None:
    from helpers import on_a_terminal

    code, drawn, _ = on_a_terminal(
        ["feature", "3", "--local", str(EXAMPLE)], {"COLUMNS": "80", "TERM": "xterm"}
    )
    assert code == 0
    assert check_text(drawn.decode("utf-8")) >= 4


def test_without_local_no_output_holds_an_origin(cli: Cli) -> None:
    for view in [v for v in VIEWS if v[0] not in ("project", "validate")]:
        code, out, _ = cli(*view, "--json")
        assert code == 0 and '"origin"' not in out and '"local"' not in out, view


@needs_pandoc
def test_a_word_brief_names_the_owner_beside_every_local_passage(cli: Cli, tmp_path: Path) -> None:
    import subprocess

    path = tmp_path / "brief.docx"
    code, _, err = cli(
        "brief", "--feature", "3", "--format", "docx", "-o", str(path), "--local", str(EXAMPLE)
    )
    assert code == 0, err
    tool = pandoc()
    assert tool is not None
    text = subprocess.run(
        [tool, str(path), "-t", "plain", "--wrap=none"], capture_output=True, text=True, check=True
    ).stdout
    assert check_text(text) >= 3


BRIEFS = [
    ("--feature", "3", "--outcome", "2"),
    ("--project", "direct work hub"),
    ("--self-evaluation",),
]


@pytest.mark.parametrize("fmt", ["markdown", "html", "json"])
@pytest.mark.parametrize("asked", BRIEFS, ids=" ".join)
def test_every_brief_names_the_owner_beside_every_local_passage(
    cli: Cli, asked: tuple[str, ...], fmt: str
) -> None:
    code, out, err = cli("brief", *asked, "--format", fmt, "--local", str(EXAMPLE))
    assert code == 0, err
    found = check_json(json.loads(out)) if fmt == "json" else check_text(out)
    assert found >= 3


def test_every_page_of_the_site_names_the_owner_beside_every_local_passage(
    cli: Cli, tmp_path: Path
) -> None:
    code, _, err = cli("site", "-o", str(tmp_path / "site"), "--local", str(EXAMPLE))
    assert code == 0, err
    pages = sorted((tmp_path / "site").rglob("*.html"))
    site = tmp_path / "site"
    found = {str(p.relative_to(site)): check_text(p.read_text(encoding="utf-8")) for p in pages}
    assert len(pages) > 40
    # the owner's page holds every record, and each feature's page its own
    assert found["local-example-borough-council.html"] >= len(WORDS) - 3
    assert found["features/3.html"] >= 4
    index = (site / "search-index.js").read_text(encoding="utf-8")
    assert "Child protection plans open for more than two years" in index
    # a published site names the local file, never where it lay on the builder's disk
    for path in site.rglob("*"):
        if path.is_file():
            assert str(EXAMPLE.parent) not in path.read_text(encoding="utf-8"), path
