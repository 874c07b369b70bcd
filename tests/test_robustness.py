"""Hostile data and odd arguments: text never takes over the terminal, never a traceback.

Three parts:

1. A copy of the real data in which feature titles and definitions, quote texts,
   footnote texts, project names, finding statements and source titles carry rich
   markup, emoji codes, backslashes, Markdown and HTML, ESC/OSC/C1 sequences and
   bidirectional overrides. Raw controls are refused by the loader (one line, exit
   1); written as YAML escapes they load, and every output shows them literally.
2. Property-based arguments, through the full command line and the fast lane.
3. No command writes into the data directory, and none needs a writable cache.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from helpers import DATA, Cli, OnTerminal
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seven_features import output
from seven_features.cli import parse as fast
from seven_features.corpus import load, validation
from seven_features.corpus.indexed import Corpus
from seven_features.queries import query
from seven_features.render import terminal
from seven_features.render.layout.views import layout

if TYPE_CHECKING:
    from seven_features.queries.results import Result

#: Each piece of hostile text, as the data holds it.
PIECES = {
    "rich markup": "[red]x[/] [/] [link=http://evil]x[/link]",
    "emoji code": ":smile:",
    "backslash": "\\[b]",
    "markdown and html": "*x* <script>alert(1)</script>",
    "erase screen": "\x1b[2J",
    "window title": "\x1b]0;title\x07",
    "osc 8 hyperlink": "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\",
    "c1 csi": "\x9b31m",
    "bidi override and isolate": "\u202e \u2066",
}
HOSTILE = " ".join(PIECES.values()) + " end"
#: How every text format shows it: controls as visible \\uXXXX escapes, the rest as is.
VISIBLE = (
    r"[red]x[/] [/] [link=http://evil]x[/link] :smile: \[b] *x* <script>alert(1)</script>"
    r" \u001b[2J \u001b]0;title\u0007 \u001b]8;;http://x\u001b\link\u001b]8;;\u001b\ \u009b31m"
    r" \u202e \u2066 end"
)
#: A year that str.isdigit() accepts and int() refuses.
ODD_YEAR = "²⁰¹⁷"

# Control characters a terminal acts on: C0 (but tab and newline), DEL, C1, bidi controls.
RAW_CONTROLS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
# The terminal drawing's own styles: CSI ... m (SGR), nothing else.
SGR = re.compile(r"\x1b\[[0-9;]*m")


def plain_data(name: str) -> Any:
    """A real data file as the loader reads it."""
    return validation.DataFile(name, (DATA / name).read_bytes()).data


def write_hostile(directory: Path, *, allow_unicode: bool) -> Path:
    """The real data with HOSTILE before many texts, written with YAML escapes.

    PyYAML writes C0 and C1 controls as escapes in double quotes ("\\e[2J", "\\x9B");
    with `allow_unicode` it writes the bidi controls raw, which the loader accepts, and
    without it as "\\u202E".
    """
    framework, evidence = plain_data("framework.yaml"), plain_data("evidence.yaml")
    for feature in framework["features"]:
        feature["title"] = f"{HOSTILE} {feature['title']}"
        feature["definition"][0] = f"{HOSTILE} {feature['definition'][0]}"
    for quote in evidence["quotes"]:
        quote["text"] = f"{HOSTILE} {quote['text']}"
    for note in evidence["footnotes"]:
        if note["text"] is not None:
            note["text"] = f"{HOSTILE} {note['text']}"
    for project in evidence["projects"]:
        project["name"] = f"{HOSTILE} {project['name']}"
    for finding in evidence["findings"]:
        finding["statement"] = f"{HOSTILE} {finding['statement']}"
    for source in evidence["sources"]:
        if source["title"] is not None:
            source["title"] = f"{HOSTILE} {source['title']}"
        if source["year"] is not None:
            source["year"] = ODD_YEAR
        for record in source.get("outside", []):
            # a public record's words and names are data too; its date must match a
            # decimal year, which ODD_YEAR is not, so it goes
            record["issued"] = None
            if record.get("authors"):
                record["authors"][0] = f"{HOSTILE} {record['authors'][0]}"
                record["words"] = f"{HOSTILE} {record['words']} {record['authors'][0]}"
        # a record that gave only a date gives nothing now, so it goes too
        source["outside"] = [
            r for r in source.get("outside", []) if r.get("authors") or r.get("number")
        ]
    directory.mkdir(parents=True, exist_ok=True)
    for name, value in (("framework.yaml", framework), ("evidence.yaml", evidence)):
        text = yaml.safe_dump(value, allow_unicode=allow_unicode, sort_keys=False, width=10**6)
        (directory / name).write_text(text, encoding="utf-8")
    return directory


@pytest.fixture(scope="module", params=[False, True], ids=["escaped", "raw-bidi"])
def hostile(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("hostile")
    write_hostile(directory, allow_unicode=request.param)
    text = (directory / "evidence.yaml").read_text(encoding="utf-8")
    assert "\\e[2J" in text and "\\x9B" in text  # the controls are YAML escapes...
    assert ("\u202e" in text) is request.param  # ...and the bidi ones raw or escaped
    return directory


# Commands that show each hostile text: feature title and definition, quote, footnote,
# project name, finding statement, and source title.
SHOWN = [
    ("feature", "3"),
    ("quotes",),
    ("source", "9"),
    ("project", "herts"),
    ("projects",),
    ("findings",),
    ("outcome", "2", "--evidence"),
    ("sources",),
    ("features",),
    ("search", "end"),
]


# --- 1. raw controls are refused --------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "code"),
    [("\x1b", "U+001B"), ("\x9b", "U+009B"), ("\x07", "U+0007"), ("\x00", "U+0000")],
)
def test_a_raw_control_in_the_data_is_one_line_and_exit_1(
    tmp_path: Path, raw: str, code: str, cli: Cli
) -> None:
    shutil.copytree(DATA, tmp_path / "data")
    path = tmp_path / "data" / "framework.yaml"
    text = path.read_text(encoding="utf-8")
    old = "  - Having a clear framework of practice"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, f"  - {raw}[2J Having a clear framework of practice"))
    assert cli("feature", "1", data=tmp_path / "data") == (
        1,
        "",
        f"sevenf: error: {path}:{line}: control character {code} at column 5:"
        " not allowed in YAML data\n",
    )


def test_hostile_data_is_valid(hostile: Path) -> None:
    framework, evidence = validation.validate(hostile)
    assert framework.features[2].definition[0].startswith(HOSTILE)
    assert evidence.quotes[0].text.startswith(HOSTILE)


# --- 1. plain text, Markdown, HTML, JSON ------------------------------------------------


@pytest.mark.parametrize("argv", SHOWN, ids=" ".join)
def test_plain_text_shows_controls_as_escapes(
    hostile: Path, argv: tuple[str, ...], cli: Cli
) -> None:
    code, out, err = cli(*argv, data=hostile)
    assert (code, err) == (0, "")
    assert VISIBLE in out
    assert not RAW_CONTROLS.search(out)


def markdown_to_text(markdown: str) -> tuple[str, list[str]]:
    """What a CommonMark renderer shows for `markdown` (with raw HTML on), and its tags."""
    from markdown_it import MarkdownIt  # a dependency of rich

    page = Page()
    page.feed(MarkdownIt("commonmark").render(markdown))
    return page.shown(), page.tags


class Page(HTMLParser):
    """The text an HTML page shows, and every tag and link in it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[str] = []
        self.links: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.links += [v or "" for k, v in attrs if k in ("href", "src")]
        self._skip += tag in ("style", "title")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "title")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)

    def shown(self) -> str:
        return " ".join("".join(self.parts).split())


@pytest.mark.parametrize("argv", SHOWN, ids=" ".join)
def test_markdown_shows_the_text_literally(hostile: Path, argv: tuple[str, ...], cli: Cli) -> None:
    code, out, err = cli(*argv, "--format", "markdown", data=hostile)
    assert (code, err) == (0, "")
    assert not RAW_CONTROLS.search(out)
    shown, tags = markdown_to_text(out)
    assert VISIBLE in shown
    assert "script" not in tags and "a" not in tags  # no link, no raw HTML


LICENCE = "www.nationalarchives.gov.uk/doc/open-government-licence/version/3"


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_brief_shows_the_text_literally(hostile: Path, fmt: str, cli: Cli) -> None:
    code, out, err = cli(
        "brief",
        "--feature",
        "3",
        "--outcome",
        "2",
        "--project",
        "herts",
        "--format",
        fmt,
        data=hostile,
    )
    assert (code, err) == (0, "")
    assert not RAW_CONTROLS.search(out)
    if fmt == "markdown":
        shown, tags = markdown_to_text(out)
    else:
        page = Page()
        page.feed(out)
        shown, tags = page.shown(), page.tags
        # the one address outside the page: the licence's, as the data gives it
        outside = [link for link in page.links if not link.startswith("#")]
        assert outside == [f"https://{LICENCE}"]
    assert shown.count(VISIBLE) >= 4  # definition, finding, quote, footnote
    assert "script" not in tags


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


@pytest.mark.parametrize("argv", SHOWN, ids=" ".join)
def test_json_escapes_controls_and_reads_back_whole(
    hostile: Path, argv: tuple[str, ...], cli: Cli
) -> None:
    code, out, err = cli(*argv, "--json", data=hostile)
    assert (code, err) == (0, "")
    assert not RAW_CONTROLS.search(out)
    assert "\\u001b[2J" in out and "\\u009b31m" in out and "\\u202e" in out
    assert any(HOSTILE in text for text in strings(json.loads(out)))


@pytest.mark.parametrize("fmt", ["text", "bibtex", "ris", "csl-json"])
def test_citations_never_carry_controls(hostile: Path, fmt: str, cli: Cli) -> None:
    code, out, err = cli("cite", "--format", fmt, data=hostile)
    assert code == 0
    assert err.count("\n") == 1 and err.startswith("sevenf: note: footnote 6 ")
    assert not RAW_CONTROLS.search(out.replace("\r\n", "\n"))
    assert "[link=http://evil]x[/link] :smile:" in out or fmt == "bibtex"
    if fmt == "csl-json":
        items = json.loads(out)
        # the framework first: its date is the document's, which this data leaves as printed
        assert items[0]["issued"] == {"date-parts": [[2022, 10]]}
        years = [item["issued"] for item in items[1:] if "issued" in item]
        assert years and all(year == {"literal": ODD_YEAR} for year in years)


# --- 1. the terminal renderer -------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_corpus(hostile: Path) -> Corpus:
    return load.read_corpus(hostile)


VIEWS: dict[str, Callable[[Corpus], Result]] = {
    "feature 3": lambda c: query.feature(c, "3"),
    "quotes": lambda c: query.quotes(c, None, None),
    "source 9": lambda c: query.source(c, "9"),
    "project herts": lambda c: query.project(c, "herts"),
    "projects": query.list_projects,
    "findings": lambda c: query.findings(c, None, None, None),
    "outcome 2 --evidence": lambda c: query.outcome(c, "2", True),
    "search end": lambda c: query.search(c, "end"),
    "sources": query.list_sources,
}


def flowing(out: str) -> str:
    """A terminal's text with its wrapping undone: box lines gone, white space collapsed."""
    return " ".join(re.sub("[│╭╮╰╯─━]", " ", out).split())


def terminal_checks(out: str) -> str:
    """`out` with its SGR styles taken out, after checking they are its only escapes."""
    styled = SGR.sub("", out)
    assert not RAW_CONTROLS.search(styled), repr(RAW_CONTROLS.search(styled))
    return styled


@pytest.mark.parametrize("view", list(VIEWS))
@pytest.mark.parametrize("colour", [True, False], ids=["colour", "no-colour"])
def test_terminal_shows_controls_as_escapes(
    hostile_corpus: Corpus, view: str, colour: bool
) -> None:
    blocks = layout(VIEWS[view](hostile_corpus))
    narrow = terminal.render(blocks, width=80, colour=colour)
    # styled: the checks below see the drawing's own escapes; without colour, none at all
    assert ("\x1b[" in narrow) is colour and (colour or "\x1b" not in narrow)
    terminal_checks(narrow)
    # prose keeps to its measure: the whole text is there, wrapped
    wide = terminal.render(blocks, width=5000, colour=colour)
    assert VISIBLE in flowing(terminal_checks(wide))


@pytest.mark.parametrize("no_color", [False, True])
def test_emit_on_a_terminal_shows_controls_as_escapes(
    hostile_corpus: Corpus,
    no_color: bool,
    monkeypatch: pytest.MonkeyPatch,
    on_terminal: OnTerminal,
) -> None:
    monkeypatch.setenv("COLUMNS", "5000")
    monkeypatch.setenv("TERM", "xterm-256color")
    shown = on_terminal(
        query.feature(hostile_corpus, "3"), settings=output.Settings(no_color=no_color)
    )
    assert ("\x1b[" in shown) is not no_color
    assert VISIBLE in terminal_checks(shown)


def test_errors_echo_controls_as_escapes(hostile: Path, cli: Cli) -> None:
    # (the hostile names hold the words 'x' and '0', which a REF finds in any order)
    assert cli("feature", "\x1b]9;zq\x07\u202e", data=hostile) == (
        1,
        "",
        "sevenf: error: no feature matches '\\u001b]9;zq\\u0007\\u202e';"
        " try 'sevenf features' for the list\n",
    )


# --- 2. arguments ------------------------------------------------------------------------

FTS = ['"', "*", "NEAR(", "AND", "OR", "NOT", "^", ":", "-", "(", ")", "{", "}", "'"]
# Bidi marks, NUL, escapes, digits int() refuses or reads, private-use (search's marks),
# words that look like options, white space.
# fmt: off
ODD = [
    "\u202e", "\u200f", "\u2066", "\x00", "\x1b[2J", "\x9b", "²", "⑨", "٣", "\ufeff",
    "\ue000", "\ue001", "-", "--", "--json", "-1", "0", "00", "1e3", " ", "\n", "\t", "[1]", "¹²",
]
# fmt: on
pieces = st.one_of(
    st.text(),
    st.sampled_from(FTS + ODD),
    st.lists(st.sampled_from([*FTS, *ODD, "a", "co", "located", "1", " "]), max_size=8).map(
        "".join
    ),
    st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=3), st.integers(1, 6000)),
    st.integers(-(10**6), 10**6).map(str),
    st.just("9" * 5000),
)
arguments = st.lists(pieces, min_size=1, max_size=3)

REF_COMMANDS = ["feature", "outcome", "project", "enabler", "source"]
FILTERS = [
    ("quotes", "--feature"),
    ("quotes", "--project"),
    ("findings", "--feature"),
    ("findings", "--project"),
    ("pitfalls", "--feature"),
    ("cite", "--feature"),
    ("brief", "--project"),
]


def argv_for(kind: str, words: list[str], as_json: bool) -> list[str]:
    """The command line for `kind`; --json first, as a word after `--` would not be an option."""
    command, *option = kind.split()
    flag = ["--json"] if as_json and command not in ("cite", "brief") else []
    if kind in REF_COMMANDS:
        return [command, *flag, words[0]]
    if kind in ("search", "cite"):
        return [command, *flag, *words]
    return [command, *flag, *(x for w in words for x in (*option, w))]


def check_answer(code: int, out: str, err: str, as_json: bool) -> None:
    assert code in (0, 1, 2)
    assert err.count("\n") <= 1 and (err == "" or err.endswith("\n"))
    assert not RAW_CONTROLS.search(err) and not RAW_CONTROLS.search(out)
    if code != 0:
        assert out == "" and err.startswith("sevenf: error: ")
        assert "internal error" not in err
    if as_json and out:
        json.loads(out)


KINDS = [*REF_COMMANDS, "search", "cite", *(f"{c} {o}" for c, o in FILTERS)]


@pytest.mark.parametrize("kind", KINDS)
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(words=arguments, as_json=st.booleans())
def test_any_argument_through_the_command_line(
    kind: str, words: list[str], as_json: bool, cli: Cli
) -> None:
    argv = argv_for(kind, words, as_json)
    check_answer(*cli(*argv), "--json" in argv)


@pytest.mark.parametrize("kind", ["feature", "outcome", "search"])
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(words=arguments, as_json=st.booleans(), evidence=st.booleans())
def test_any_argument_through_the_fast_lane(
    kind: str,
    words: list[str],
    as_json: bool,
    evidence: bool,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("SEVENF_DATA", str(DATA))
    capsys.readouterr()
    argv = argv_for(kind, words, as_json) + (
        ["--evidence"] if evidence and kind == "outcome" else []
    )
    code = fast.run(argv)
    captured = capsys.readouterr()
    if code is None:  # not a form the fast lane answers: the full command line will
        assert captured.out == captured.err == ""
        return
    check_answer(code, captured.out, captured.err, "--json" in argv)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["feature", "²"], "no feature matches '²'; try 'sevenf features' for the list"),
        (["outcome", "⑨"], "no outcome matches '⑨'; try 'sevenf outcomes' for the list"),
        (["enabler", "٣"], None),  # Arabic-Indic three: a decimal digit, enabler 3
        (
            ["feature", "9" * 5000],
            f"there is no feature {'9' * 60}… (5,000 characters): features are numbered 1 to 7",
        ),
        (["source", "⑨"], "there is no footnote '⑨': footnotes are numbered 1 to 27"),
        (
            ["source", "9" * 5000],
            f"there is no footnote '{'9' * 60}… (5,000 characters)': footnotes are numbered 1 to 27",
        ),
    ],
    ids=[
        "superscript",
        "circled",
        "arabic-indic",
        "5000-digits",
        "footnote-circled",
        "footnote-5000",
    ],
)
def test_digits_that_int_refuses(
    argv: list[str],
    message: str | None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    cli: Cli,
) -> None:
    code, out, err = cli(*argv)
    if message is None:
        assert (code, err) == (0, "")
        assert out.startswith("Enabler 3: Engaging and supporting the workforce\n")
    else:
        assert (code, out, err) == (1, "", f"sevenf: error: {message}\n")
    monkeypatch.setenv("SEVENF_DATA", str(DATA))
    lane = fast.run(argv)
    if lane is not None:
        captured = capsys.readouterr()
        assert (lane, captured.out, captured.err) == (code, out, err)


# --- 4. the data directory is never written -------------------------------------------------

EVERY_COMMAND = [
    (),
    ("features",),
    ("outcomes",),
    ("enablers",),
    ("projects",),
    ("sources",),
    ("feature", "3"),
    ("outcome", "2", "--evidence"),
    ("project", "herts"),
    ("source", "9"),
    ("table",),
    ("quotes",),
    ("pitfalls",),
    ("findings",),
    ("search", "x"),
    ("search", "co-located"),
    ("validate",),
    ("cite",),
    ("cite", "--format", "ris"),
    ("brief", "--feature", "3"),
    ("brief", "--outcome", "2", "--format", "html"),
    ("outcomes", "--chart"),
    ("schema",),
    ("feature", "3", "--json"),
    ("search", "x", "--format", "markdown"),
]


def snapshot(directory: Path) -> list[tuple[str, int, int, bytes]]:
    """Every entry under `directory` (itself too): name, mode, mtime and bytes."""
    entries = [directory, *sorted(directory.rglob("*"))]
    return [
        (
            str(p.relative_to(directory)),
            p.stat().st_mode,
            p.stat().st_mtime_ns,
            p.read_bytes() if p.is_file() else b"",
        )
        for p in entries
    ]


def every_answer(cli: Cli, directory: Path) -> dict[tuple[str, ...], tuple[int, str]]:
    answers = {}
    for argv in EVERY_COMMAND:
        code, out, err = cli(*argv, data=directory)
        assert code == 0, (argv, err)
        answers[argv] = (code, out)
    return answers


def test_no_command_writes_into_the_data_directory(
    tmp_path: Path, fresh_cache: Path, cli: Cli
) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    before = snapshot(data)
    cold = every_answer(cli, data)  # builds the cache and the search index
    warm = every_answer(cli, data)  # reads them
    assert snapshot(data) == before
    assert warm == cold
    assert fresh_cache.is_dir()


def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
    raise PermissionError(13, "Permission denied")


@pytest.mark.parametrize("cache", ["read-only", "a-file", "under-a-file", "off"])
def test_every_command_works_without_a_writable_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache: str, cli: Cli
) -> None:
    (tmp_path / "a-file").write_text("not a directory\n")
    (tmp_path / "read-only").mkdir(mode=0o555)
    chosen = {
        "read-only": tmp_path / "read-only",
        "a-file": tmp_path / "a-file",
        "under-a-file": tmp_path / "a-file" / "cache",
    }
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    before = snapshot(data)
    with monkeypatch.context() as patch:
        patch.setenv("SEVENF_CACHE_DIR", str(chosen.get(cache, "")))
        if cache == "read-only" and os.geteuid() == 0:  # root writes anywhere: refuse as 0555 would
            patch.setattr(tempfile, "mkstemp", refuse)
            patch.setattr(os, "mkdir", refuse)  # nor sevenf's own folder inside it
        without = every_answer(cli, data)
    assert snapshot(data) == before
    assert (tmp_path / "a-file").read_text() == "not a directory\n"
    assert list((tmp_path / "read-only").iterdir()) == []
    monkeypatch.setenv("SEVENF_CACHE_DIR", str(tmp_path / "cache"))
    assert every_answer(cli, data) == without  # the cache changes nothing but speed


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        ([b"search", b"caf\xff"], "TEXT 'caf\\xff'"),
        ([b"feature", b"\xff"], "REF '\\xff'"),
        ([b"brief", b"--feature", b"1", b"--title", b"caf\xe9"], "--title 'caf\\xe9'"),
        ([b"cite", b"--feature", b"1", b"--format", b"ris", b"--title\xff"], None),
    ],
    ids=["search", "feature", "brief-title", "unknown-option"],
)
def test_bytes_that_are_not_utf8_text_are_one_usage_error(
    argv: list[bytes], said: str | None, tmp_path: Path
) -> None:
    # A terminal in Latin-1, or a script, can hand sevenf bytes that are not UTF-8: Python
    # keeps them as lone surrogates, which no output could hold.
    env = {**os.environ, "SEVENF_CACHE_DIR": str(tmp_path / "cache"), "LC_ALL": "C.UTF-8"}
    done = subprocess.run(
        [os.fsencode(sys.executable), b"-m", b"seven_features", *argv],
        env=env,
        capture_output=True,
        timeout=60,
    )
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 2 and done.stdout == b""
    assert len(err.splitlines()) == 1 and err.startswith("sevenf: error: "), err
    if said is not None:
        assert err == (
            f"sevenf: error: {said} holds bytes that are not UTF-8 text; "
            "sevenf reads its command line as UTF-8\n"
        )


def test_a_file_name_may_be_any_bytes(tmp_path: Path) -> None:
    target = os.fsencode(tmp_path) + b"/brief-\xff.md"
    env = {**os.environ, "SEVENF_CACHE_DIR": str(tmp_path / "cache")}
    argv = [b"-m", b"seven_features", b"brief", b"--feature", b"1", b"-o", target]
    done = subprocess.run(
        [os.fsencode(sys.executable), *argv],
        env=env,
        capture_output=True,
        timeout=60,
    )
    assert (done.returncode, done.stderr) == (0, b"")
    with open(target, "rb") as written:
        assert written.read().startswith(b"# Evidence brief\n\nFrom *Seven features")


@pytest.mark.parametrize(
    "argv",
    [
        ("pitfalls", "--feature", "--debug"),
        ("feature", "--", "--debug"),
        ("brief", "--title", "--debug", "--feature", "99"),
    ],
    ids=" ".join,
)
def test_debug_as_a_value_is_not_the_option(argv: tuple[str, ...], cli: Cli) -> None:
    # "--debug" that click reads as another option's value, or as a word after "--", asks
    # for no traceback: one line, as for any other failure.
    code, out, err = cli(*argv)
    assert code in (1, 2) and out == ""
    assert err.startswith("sevenf: error: ") and len(err.splitlines()) == 1, err
