"""load.py: finding, reading, parsing, validating and caching the data; one DataError each.

Most cases copy the minimal valid pair in tests/fixtures/load/minimal into tmp_path,
break one thing and assert the whole message: file as given, line, field path, problem.
Every failing load also asserts that nothing was written into the data directory.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import shutil
import subprocess
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import jsonschema
import pytest
import yaml
from helpers import DATA, MINIMAL
from hypothesis import given, settings
from hypothesis import strategies as st

from seven_features.corpus import checks as crossref
from seven_features.corpus import datafiles, load, validation, yaml_events
from seven_features.corpus.indexed import Corpus
from seven_features.corpus.model import Evidence, Framework
from seven_features.errors import DataError, UsageError
from seven_features.store import cache, files

#: A quote's fields, as an unknown field's message lists them.
QUOTE = "id, feature, text, attribution, speaker, project, source, footnote, page, missing, remarks"
ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0


# Every test starts with nothing cached.
pytestmark = pytest.mark.usefixtures("fresh_cache")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the minimal valid pair, to break."""
    directory = tmp_path / "data"
    shutil.copytree(MINIMAL, directory)
    return directory


def edit(directory: Path, name: str, old: str, new: str) -> int:
    """Replace the one occurrence of `old` in the file; return the line it starts on."""
    path = directory / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def line_of(directory: Path, name: str, needle: str) -> int:
    text = (directory / name).read_text(encoding="utf-8")
    assert text.count(needle) == 1, needle
    return text[: text.index(needle)].count("\n") + 1


def snapshot(directory: Path) -> list[tuple[str, int, int]]:
    return sorted(
        (str(p.relative_to(directory)), p.stat().st_mtime_ns, p.stat().st_size)
        for p in directory.rglob("*")
        if not p.is_dir()
    )


def failure(directory: Path) -> str:
    """The message of the DataError that validate and read_corpus raise; nothing written."""
    before = snapshot(directory) if directory.is_dir() else None
    with pytest.raises(DataError) as caught:
        validation.validate(directory)
    with pytest.raises(DataError) as again:
        load.read_corpus(directory)
    assert str(again.value) == str(caught.value)
    if before is not None:
        assert snapshot(directory) == before
    return str(caught.value)


# --- valid data --------------------------------------------------------------------------


def test_minimal_pair_is_valid() -> None:
    framework, evidence = validation.validate(MINIMAL)
    assert isinstance(framework, Framework) and isinstance(evidence, Evidence)
    corpus = load.read_corpus(MINIMAL)
    assert [f["id"] for f in corpus.features] == ["clear-framework"]
    assert corpus.citation(2)["page"] == "42"
    assert corpus.raw == {
        "framework": framework.model_dump(mode="json"),
        "evidence": evidence.model_dump(mode="json"),
    }


def test_the_packaged_data_is_valid() -> None:
    directory = Path(datafiles.data_dir())
    assert (directory / "framework.yaml").read_bytes() == (DATA / "framework.yaml").read_bytes()
    framework, evidence = validation.validate(directory)
    assert len(framework.features) == 7
    assert load.read_corpus(directory).raw["evidence"] == evidence.model_dump(mode="json")


def test_a_byte_order_mark_is_accepted(data: Path) -> None:
    path = data / "evidence.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert validation.validate(data)[1] == validation.validate(MINIMAL)[1]


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("12:30", "12:30"),
        ("2018-02-27", "2018-02-27"),
        ("0x1F", "0x1F"),
        ("1_000", "1_000"),
        ("007", "007"),
        ("1e3", "1e3"),
        ("NULL", "NULL"),
        ("True", "True"),
        (".inf", ".inf"),
    ],
)
def test_yaml_1_1_lookalikes_stay_text(data: Path, written: str, value: str) -> None:
    edit(data, "framework.yaml", 'date: "12:30"', f"date: {written}")
    framework, _ = validation.validate(data)
    assert framework.programme.conference.date == value


def test_plain_scalars() -> None:
    text = "a: true\nb: false\nc: 12\nd: -3\ne: 1.10\nf: ~\ng: null\nh:\ni: '12'\nj: !!int 12\n"
    assert yaml_events.Walk(text, "x").run() == {
        "a": True,
        "b": False,
        "c": 12,
        "d": -3,
        "e": 1.1,
        "f": None,
        "g": None,
        "h": None,
        "i": "12",
        "j": 12,
    }


def test_keys_are_always_text() -> None:
    assert yaml_events.Walk("no: 1\n1: 2\nnull: 3\n", "x").run() == {"no": 1, "1": 2, "null": 3}


# --- finding the data directory ---------------------------------------------------------


def test_data_dir_option_then_environment_then_packaged(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "other"
    other.mkdir()
    monkeypatch.setenv("SEVENF_DATA", str(other))
    assert datafiles.data_dir(str(data)) == str(data)
    assert datafiles.data_dir() == str(other)
    monkeypatch.setenv("SEVENF_DATA", "")
    assert datafiles.data_dir() == datafiles.plain(datafiles._packaged_dir())
    # written as pathlib writes a path: what messages and `validate` show
    assert datafiles.data_dir(f"{data}/./") == str(data)


def test_data_dir_missing(tmp_path: Path) -> None:
    with pytest.raises(DataError) as caught:
        datafiles.data_dir(str(tmp_path / "nowhere"))
    assert str(caught.value) == (
        f"{tmp_path}/nowhere: the data directory given on the command line does not exist"
    )


def test_data_dir_from_environment_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEVENF_DATA", str(tmp_path / "nowhere"))
    with pytest.raises(DataError) as caught:
        datafiles.data_dir()
    assert (
        str(caught.value)
        == f"{tmp_path}/nowhere: the data directory from $SEVENF_DATA does not exist"
    )


def test_data_dir_not_a_directory(data: Path) -> None:
    with pytest.raises(DataError) as caught:
        datafiles.data_dir(str(data / "evidence.yaml"))
    assert str(caught.value) == (
        f"{data}/evidence.yaml: the data directory given on the command line is not a directory"
    )


def test_data_dir_empty_path() -> None:
    with pytest.raises(DataError) as caught:
        datafiles.data_dir("")
    assert str(caught.value) == "the data directory given on the command line is an empty path"


def test_data_dir_not_readable(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if ROOT_USER:  # root reads anything: pretend the permission is missing
        monkeypatch.setattr(os, "access", lambda path, mode: False)
    else:
        data.chmod(0o000)
    try:
        with pytest.raises(DataError) as caught:
            datafiles.data_dir(str(data))
    finally:
        data.chmod(0o755)
    assert str(caught.value) == (
        f"{data}: the data directory given on the command line cannot be read: permission denied"
    )


# --- reading the files -------------------------------------------------------------------


def test_file_missing(data: Path) -> None:
    (data / "evidence.yaml").unlink()
    assert failure(data) == (
        f"{data}/evidence.yaml: no such file:"
        " a data directory holds framework.yaml and evidence.yaml"
    )


def test_directory_instead_of_file(data: Path) -> None:
    (data / "framework.yaml").unlink()
    (data / "framework.yaml").mkdir()
    assert failure(data) == f"{data}/framework.yaml: is a directory, not a file"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_instead_of_file(data: Path) -> None:
    (data / "evidence.yaml").unlink()
    os.mkfifo(data / "evidence.yaml")
    assert failure(data) == f"{data}/evidence.yaml: is not a regular file"


def test_file_not_readable(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = data / "evidence.yaml"
    if ROOT_USER:  # root reads anything: make opening the file fail as it would

        def refuse(file: str, mode: str) -> IO[Any]:
            if file == str(path):
                raise PermissionError(13, "Permission denied", file)
            return open(file, mode)

        monkeypatch.setattr(datafiles, "open", refuse, raising=False)
    else:
        path.chmod(0o000)
    try:
        assert failure(data) == f"{path}: cannot be read: permission denied"
    finally:
        path.chmod(0o644)


def test_file_too_large_is_refused_before_reading(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open(data / "evidence.yaml", "r+b") as handle:
        handle.truncate(datafiles.MAX_BYTES + 1)  # sparse: no disk used

    def no_reading(file: str, mode: str) -> IO[Any]:
        assert not file.endswith("evidence.yaml"), "read a file over the limit"
        return open(file, mode)

    monkeypatch.setattr(load, "open", no_reading, raising=False)
    size = f"{datafiles.MAX_BYTES + 1:,}"
    assert failure(data) == (
        f"{data}/evidence.yaml: the file is {size} bytes, over the limit of 16,777,216 (16 MiB)"
    )


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "the file is empty"),
        (b"\xef\xbb\xbf", "the file is empty"),
        (b"\n  \n\t\n", "the file holds only blank lines"),
    ],
)
def test_empty_file(data: Path, content: bytes, problem: str) -> None:
    (data / "framework.yaml").write_bytes(content)
    assert failure(data) == f"{data}/framework.yaml: {problem}"


def test_not_utf8_names_the_line_of_the_first_bad_byte(data: Path) -> None:
    path = data / "evidence.yaml"
    path.write_bytes(path.read_bytes().replace(b"Signs of Safety", b"Signs of S\xe9curit\xe9"))
    line = line_of(MINIMAL, "evidence.yaml", "name: Signs of Safety")
    assert failure(data) == (f"{path}:{line}: not UTF-8: byte 0xe9 at column 21; save it as UTF-8")


def test_not_utf8_column_counts_characters(data: Path) -> None:
    path = data / "evidence.yaml"
    path.write_bytes(path.read_bytes().replace(b"Signs of Safety", "Ŝigns öf S".encode() + b"\xe9"))
    line = line_of(MINIMAL, "evidence.yaml", "name: Signs of Safety")
    assert failure(data) == f"{path}:{line}: not UTF-8: byte 0xe9 at column 21; save it as UTF-8"


def test_utf16_is_not_utf8(data: Path) -> None:
    path = data / "evidence.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    assert failure(data) == f"{path}:1: not UTF-8: byte 0xff at column 1; save it as UTF-8"


@pytest.mark.parametrize(
    ("character", "what"),
    [
        ("\x07", "control character U+0007"),
        ("\x00", "control character U+0000"),
        ("\x85", "line separator U+0085"),
        ("\u2028", "line separator U+2028"),
    ],
)
def test_control_characters_and_line_separators(data: Path, character: str, what: str) -> None:
    line = edit(data, "evidence.yaml", "name: Signs of Safety", f"name: Signs of{character} Safety")
    assert failure(data) == (
        f"{data}/evidence.yaml:{line}: {what} at column 19: not allowed in YAML data"
    )


# --- parsing -----------------------------------------------------------------------------


def test_yaml_syntax_error(data: Path) -> None:
    line = edit(data, "evidence.yaml", "places: [Brent, Norfolk]", "places: [Brent, Norfolk")
    assert failure(data) == (
        f"{data}/evidence.yaml:{line + 1}: not valid YAML: did not find expected ',' or ']'"
        f" (while parsing a flow sequence from line {line})"
    )


def test_bad_indentation(data: Path) -> None:
    line = edit(data, "framework.yaml", "    number: 1\n    title:", "    number: 1\n   title:")
    collection = line_of(data, "framework.yaml", "features:") + 1
    assert failure(data) == (
        f"{data}/framework.yaml:{line + 1}: not valid YAML: did not find expected '-' indicator"
        f" (while parsing a block collection from line {collection})"
    )


def test_unclosed_quote(data: Path) -> None:
    line = edit(data, "evidence.yaml", '    page: "47"', '    page: "47')
    assert failure(data) == (
        f"{data}/evidence.yaml:{line + 1}: not valid YAML: found unexpected end of stream"
        f" (while scanning a quoted scalar from line {line})"
    )


@pytest.mark.parametrize(
    ("text", "held"),
    [("- a\n- b\n", "a list"), ("just words\n", "a text"), ("# only a comment\n", "no data")],
)
def test_top_level_not_a_mapping(data: Path, text: str, held: str) -> None:
    (data / "evidence.yaml").write_text(text, encoding="utf-8")
    assert failure(data) == (
        f"{data}/evidence.yaml:1: the file holds {held}: it must be a mapping of keys"
    )


def test_second_document(data: Path) -> None:
    path = data / "evidence.yaml"
    lines = path.read_text(encoding="utf-8").count("\n")
    path.write_text(path.read_text(encoding="utf-8") + "---\nsources: []\n", encoding="utf-8")
    assert failure(data) == (f"{path}:{lines + 1}: a second YAML document: a data file holds one")


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("!!python/object/apply:os.system [echo hi]", "!!python/object/apply:os.system"),
        ("!!python/name:os.system", "!!python/name:os.system"),
        ("!foo Signs of Safety", "!foo"),
        ("!!binary aGVsbG8=", "!!binary"),
        ("!!timestamp 2018-02-27", "!!timestamp"),
        ("! Signs of Safety", "!"),
    ],
)
def test_tags_outside_the_core_set_are_refused(data: Path, value: str, tag: str) -> None:
    line = edit(data, "evidence.yaml", "name: Signs of Safety", f"name: {value}")
    assert failure(data) == (
        f"{data}/evidence.yaml:{line}: projects[0].name: tag {tag}: sevenf's data has no tags"
    )


def test_collection_tags_outside_the_core_set_are_refused(data: Path) -> None:
    line = edit(data, "evidence.yaml", "places: [Brent, Norfolk]", "places: !!set {Brent, Norfolk}")
    assert failure(data) == (
        f"{data}/evidence.yaml:{line}: projects[0].places: tag !!set: sevenf's data has no tags"
    )


def test_a_core_tag_must_fit(data: Path) -> None:
    line = edit(data, "evidence.yaml", "  - number: 2", "  - number: !!int two")
    assert failure(data) == (
        f"{data}/evidence.yaml:{line}: footnotes[1].number: 'two' does not fit its tag !!int"
    )


def test_core_tags_are_accepted(data: Path) -> None:
    edit(data, "evidence.yaml", "  - number: 2", "  - number: !!int 2")
    edit(data, "evidence.yaml", 'page: "42"', "page: !!str 42")
    assert validation.validate(data)[1] == validation.validate(MINIMAL)[1]


def test_nothing_is_constructed_from_a_tag(data: Path, tmp_path: Path) -> None:
    marker = tmp_path / "constructed"
    edit(
        data,
        "evidence.yaml",
        "name: Signs of Safety",
        f"name: !!python/object/apply:os.system ['touch {marker}']",
    )
    failure(data)
    assert not marker.exists()


def test_duplicate_key_names_both_lines(data: Path) -> None:
    first = line_of(data, "evidence.yaml", "    speaker: Social worker")
    line = edit(data, "evidence.yaml", '    page: "47"', "    speaker: A social worker")
    assert failure(data) == (
        f"{data}/evidence.yaml:{line}: quotes[0].speaker: key 'speaker' appears twice,"
        f" at lines {first} and {line}"
    )


def test_anchor_is_refused(data: Path) -> None:
    line = edit(data, "evidence.yaml", "places: [Brent, Norfolk]", "places: &places [Brent]")
    assert failure(data) == (
        f"{data}/evidence.yaml:{line}: projects[0].places: anchor '&places':"
        " sevenf's data has none; write values out"
    )


def test_alias_is_refused_at_its_line(data: Path) -> None:
    line = edit(data, "evidence.yaml", "reports: [final-evaluation]", "reports: *reports")
    assert failure(data) == (
        f"{data}/evidence.yaml:{line}: projects[0].reports: alias '*reports':"
        " sevenf's data has none; write values out"
    )


def test_alias_bomb_costs_nothing(data: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{b}: &{b} [*{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}]\n"
        for a, b in zip("abcdefgh", "bcdefghi", strict=True)
    )
    (data / "evidence.yaml").write_text(bomb, encoding="utf-8")
    started = time.perf_counter()
    assert failure(data) == (
        f"{data}/evidence.yaml:1: a: anchor '&a': sevenf's data has none; write values out"
    )
    assert time.perf_counter() - started < 1


def test_nesting_deeper_than_the_limit(data: Path) -> None:
    deep = (
        "x:\n"
        + "".join("  " * i + "- \n" for i in range(1, yaml_events.MAX_DEPTH))
        + "  " * 64
        + "- a\n"
    )
    (data / "evidence.yaml").write_text(deep, encoding="utf-8")
    assert failure(data) == (
        f"{data}/evidence.yaml:{yaml_events.MAX_DEPTH + 1}:"
        " lists and mappings are nested more than 64 deep"
    )


def test_nesting_at_the_limit_parses() -> None:
    text = "[" * yaml_events.MAX_DEPTH + "]" * yaml_events.MAX_DEPTH
    value = yaml_events.Walk(text, "x").run()
    for _ in range(yaml_events.MAX_DEPTH - 1):
        value = value[0]
    assert value == []


def test_very_deep_nesting_is_quick(data: Path) -> None:
    (data / "evidence.yaml").write_text("[" * 1_000_000, encoding="utf-8")
    started = time.perf_counter()
    message = failure(data)
    assert time.perf_counter() - started < 1
    # libyaml's own limit on flow nesting may speak first
    assert message in (
        f"{data}/evidence.yaml:1: lists and mappings are nested more than 64 deep",
        f"{data}/evidence.yaml:1: not valid YAML: exceeded maximum nesting depth"
        " (while increasing flow level from line 1)",
    )


def test_recursion_error_becomes_a_data_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def recurse(*args: object) -> None:
        raise RecursionError

    monkeypatch.setattr(yaml_events.Walk, "key", recurse)
    with pytest.raises(DataError) as caught:
        validation.DataFile("data/evidence.yaml", b"a: 1\n")
    assert str(caught.value) == "data/evidence.yaml: lists and mappings are nested too deep"


def test_too_many_values(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_events, "MAX_NODES", 20)
    line = line_of(data, "framework.yaml", "    name: Open Government")  # the 21st value
    assert failure(data) == (
        f"{data}/framework.yaml:{line}: more than 20 values: the file is too large"
    )


# --- the model ---------------------------------------------------------------------------


def test_missing_field_names_the_entity_line(data: Path) -> None:
    edit(data, "framework.yaml", "    label: Practice feature one\n", "")
    line = line_of(data, "framework.yaml", "  - id: clear-framework")
    assert failure(data) == (
        f"{data}/framework.yaml:{line}: features[0].label:"
        " required field 'label' is missing from this feature"
    )


def test_wrong_type_shows_the_value(data: Path) -> None:
    line = edit(data, "framework.yaml", "    page: 14", "    page: fourteen")
    assert failure(data) == (
        f"{data}/framework.yaml:{line}: features[0].page: must be a whole number, not 'fourteen'"
    )


@pytest.mark.parametrize(
    ("written", "shown"), [("2017", "2017"), ("1.10", "1.1"), ("true", "true")]
)
def test_a_number_where_text_is_needed(data: Path, written: str, shown: str) -> None:
    line = edit(
        data, "evidence.yaml", '    year: "2017"\n    author', f"    year: {written}\n    author"
    )
    assert failure(data) == (
        f"{data}/evidence.yaml:{line}: sources[0].year: must be text,"
        f" not {shown} (put it in quotes to keep it as text)"
    )


def test_unknown_key(data: Path) -> None:
    line = edit(
        data, "evidence.yaml", "    speaker: Social worker\n", "    speakr: Social worker\n"
    )
    # pydantic reports the field missing first: the unknown one beside it is the one to name
    assert failure(data) == (
        f"{data}/evidence.yaml:{line}: quotes[0].speakr: unknown field 'speakr'"
        f" (did you mean 'speaker'?); a quote has: {QUOTE} (1 more problem in this file)"
    )


def test_extra_key_alone(data: Path) -> None:
    line = edit(
        data,
        "evidence.yaml",
        "    speaker: Social worker\n",
        "    speaker: Social worker\n    colour: red\n",
    )
    assert failure(data) == (
        f"{data}/evidence.yaml:{line + 1}: quotes[0].colour: unknown field 'colour';"
        f" a quote has: {QUOTE}"
    )


def test_nested_figure_path_has_no_union_tag(data: Path) -> None:
    line = edit(data, "evidence.yaml", "        count: 14", "        count: lots")
    assert failure(data) == (
        f"{data}/evidence.yaml:{line}: findings[0].figures[0].count:"
        " must be a whole number, not 'lots'"
    )


def test_unknown_figure_kind(data: Path) -> None:
    line = edit(data, "evidence.yaml", "      - kind: count", "      - kind: tally")
    assert failure(data) == (
        f"{data}/evidence.yaml:{line}: findings[0].figures[0].kind: must be 'count',"
        " 'percentage', 'before-after', 'rate-vs-national', 'money' or 'relative-change',"
        " not 'tally'"
    )


def test_a_figure_without_a_kind(data: Path) -> None:
    line = edit(data, "evidence.yaml", "      - kind: count\n        printed", "      - printed")
    assert failure(data) == (
        f"{data}/evidence.yaml:{line}: findings[0].figures[0]: required field 'kind' is missing"
        " from this figure: give one of 'count', 'percentage', 'before-after',"
        " 'rate-vs-national', 'money' or 'relative-change'"
    )


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("    page: 14", "    page: 1.5", "features[0].page: must be a whole number, not 1.5"),
        ("    page: 14", "    page: [14]", "features[0].page: must be a whole number, not a list"),
        ("    page: 14", "    page:", "features[0].page: must be a whole number, not null"),
        (
            "    page: 14",
            '    page: "it\'s\\n14"',
            'features[0].page: must be a whole number, not "it\'s\\n14"',
        ),
        (
            "    number: 1\n    title:",
            "    number: 0\n    title:",
            "features[0].number: must be 1 or more, not 0",
        ),
        (
            "    title: Using a clear, strengths-based practice framework",
            "    title: ''",
            "features[0].title: must not be empty",
        ),
        (
            "    page: 14",
            "    page: {a: 1}",
            "features[0].page: must be a whole number, not a mapping",
        ),
        (
            "  - id: clear-framework",
            "  - id: Clear Framework",
            "features[0].id: must be an id like 'signs-of-safety' (lower-case letters and"
            " digits, joined by '-'), not 'Clear Framework'",
        ),
        (
            "  - id: clear-framework",
            f"  - id: {'a' * 90}",
            f"features[0].id: must be at most 80 characters, not '{'a' * 55}…' (90 characters)",
        ),
    ],
)
def test_the_model_in_words_about_the_framework_yaml(
    data: Path, old: str, new: str, problem: str
) -> None:
    line = edit(data, "framework.yaml", old, new)
    assert failure(data) == f"{data}/framework.yaml:{line}: {problem}"


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (
            "    places: [Brent, Norfolk]",
            "    places: Brent",
            "projects[0].places: must be a list, not 'Brent'",
        ),
        ("    ibid: true", "    ibid: yes", "footnotes[1].ibid: must be true or false, not 'yes'"),
        (
            "    kind: overall-evaluation",
            "    kind: book",
            "sources[0].kind: must be 'evaluation-report', 'overall-evaluation', 'research' or"
            " 'review', not 'book'",
        ),
        (
            "    missing:\n      author: The footnotes name no author.",
            "    missing: The footnotes name no author.",
            "sources[0].missing: must be a mapping ('key: value' lines),"
            " not 'The footnotes name no author.'",
        ),
        (
            "    text: I'd been qualified for six years.",
            "    text: [I'd been, qualified]",
            "quotes[0].text: must be text, not a list",
        ),
        (
            "    text: I'd been qualified for six years.",
            "    text: 6",
            "quotes[0].text: must be text, not 6 (put it in quotes to keep it as text)",
        ),
        (
            "footnotes:\n  - number: 1",
            "footnotes:\n  - 7\n  - number: 1",
            "footnotes[0]: must be a footnote, a mapping of its fields, not 7",
        ),
    ],
)
def test_the_model_in_words_about_the_evidence_yaml(
    data: Path, old: str, new: str, problem: str
) -> None:
    line = edit(data, "evidence.yaml", old, new) + old.startswith("footnotes:")
    assert failure(data) == f"{data}/evidence.yaml:{line}: {problem}"


def test_gap_rule_of_the_model(data: Path) -> None:
    edit(
        data,
        "framework.yaml",
        "    missing:\n      heading: The in-depth section has only its label, no heading.\n",
        "",
    )
    line = line_of(data, "framework.yaml", "  - id: clear-framework")
    assert failure(data) == (
        f"{data}/framework.yaml:{line}: features[0]:"
        " 'heading' is empty: record why under 'missing.heading'"
    )


def test_counts_the_other_problems(data: Path) -> None:
    line = edit(data, "framework.yaml", "    number: 1\n    title:", "    number: one\n    title:")
    edit(data, "framework.yaml", "    page: 14", "    page: fourteen")
    edit(data, "framework.yaml", "    label: Practice feature one\n", "")
    assert failure(data) == (
        f"{data}/framework.yaml:{line}: features[0].number: must be a whole number,"
        " not 'one' (2 more problems in this file)"
    )


def test_a_huge_value_is_not_echoed(data: Path) -> None:
    huge = "x" * 100_000
    line = edit(data, "framework.yaml", "    page: 14", f"    page: {huge}")
    message = failure(data)
    assert message.startswith(f"{data}/framework.yaml:{line}: features[0].page:")
    assert "x" * 61 not in message and len(message) < 300
    assert message.endswith(" (100,000 characters)")


def test_a_huge_tag_is_not_echoed(data: Path) -> None:
    edit(data, "evidence.yaml", "      - kind: count", f"      - kind: {'t' * 10_000}")
    message = failure(data)
    assert "t" * 61 not in message and len(message) < 400


# --- cross-references ---------------------------------------------------------------------

OUTCOME_2 = """\
  - id: reduced-risk
    number: 2
    position: 2
    name: Reduced risk for children
    table_name: Reduced risk for Children
    text: Significant reductions in the number of children identified as in need.
"""
FEATURE_2 = """\
  - id: systemic-practice
    number: 2
    title: Using systemic approaches to social work practice
    heading: Systemic practice
    label: Practice feature two
    table_title: Using systemic approaches to social work practice
    page: 16
    definition: [Systemic practice looks at the family as a system.]
    differences: []
    pitfalls: []
"""


def insert(directory: Path, name: str, before: str, text: str) -> int:
    """Insert `text` before the line `before`; return the line where it starts."""
    return edit(directory, name, before + "\n", text + before + "\n")


def test_duplicate_ids(data: Path) -> None:
    first = line_of(data, "evidence.yaml", "  - id: qualified-six-years")
    quote = (data / "evidence.yaml").read_text(encoding="utf-8").split("quotes:\n")[1]
    with open(data / "evidence.yaml", "a", encoding="utf-8") as handle:
        handle.write(quote)
    second = first + quote.count("\n")
    assert failure(data) == (
        f"{data}/evidence.yaml:{second}: quotes[1].id: quote id 'qualified-six-years' is used"
        f" twice (also at quotes[0].id, line {first})"
    )


def test_duplicate_enabler_ids_across_the_two_sets(data: Path) -> None:
    line = edit(
        data, "framework.yaml", "    - id: clear-objectives", "    - id: strategic-approach"
    )
    first = line_of(data, "framework.yaml", "    - id: strategic-approach\n      set: improvement")
    assert failure(data) == (
        f"{data}/framework.yaml:{line}: enablers.evaluation[0].id: enabler id"
        f" 'strategic-approach' is used twice (also at enablers.improvement[0].id, line {first})"
    )


@pytest.mark.parametrize(
    ("name", "old", "new", "path", "problem"),
    [
        (
            "framework.yaml",
            "      feature: clear-framework",
            "      feature: clear-framwork",
            "table.rows[0].feature",
            "feature 'clear-framwork' does not exist; did you mean 'clear-framework'?",
        ),
        (
            "framework.yaml",
            "      outcome: wellbeing",
            "      outcome: well-being",
            "table.rows[0].outcome",
            "outcome 'well-being' does not exist; did you mean 'wellbeing'?",
        ),
        (
            "framework.yaml",
            "      enabler: strategic-approach",
            "      enabler: leadership",
            "table.rows[0].enabler",
            "enabler 'leadership' does not exist",
        ),
        (
            "evidence.yaml",
            "    feature: clear-framework",
            "    feature: systemic",
            "quotes[0].feature",
            "feature 'systemic' does not exist",
        ),
        (
            "evidence.yaml",
            "    project: signs-of-safety",
            "    project: sign-of-safety",
            "quotes[0].project",
            "project 'sign-of-safety' does not exist; did you mean 'signs-of-safety'?",
        ),
        (
            "evidence.yaml",
            '    page: "47"',
            '    page: "47"\n    source: leeds',
            "quotes[0].source",
            "source 'leeds' does not exist",
        ),
        (
            "evidence.yaml",
            "    outcome: wellbeing",
            "    outcome: stability",
            "findings[0].outcome",
            "outcome 'stability' does not exist",
        ),
        (
            "evidence.yaml",
            "    features: [clear-framework]",
            "    features: [clear-framework, whole-family]",
            "findings[0].features[1]",
            "feature 'whole-family' does not exist",
        ),
        (
            "evidence.yaml",
            "    projects: [signs-of-safety]",
            "    projects: [leeds]",
            "findings[0].projects[0]",
            "project 'leeds' does not exist",
        ),
        (
            "evidence.yaml",
            "    reports: [final-evaluation]",
            "    reports: [final-evaluaton]",
            "projects[0].reports[0]",
            "source 'final-evaluaton' does not exist; did you mean 'final-evaluation'?",
        ),
        (
            "evidence.yaml",
            "    source: final-evaluation",
            "    source: final",
            "footnotes[0].source",
            "source 'final' does not exist",
        ),
    ],
)
def test_references_must_exist(
    data: Path, name: str, old: str, new: str, path: str, problem: str
) -> None:
    line = edit(data, name, old, new)
    line += new.count("\n")  # an added line is the one that refers
    assert failure(data) == f"{data}/{name}:{line}: {path}: {problem}"


@pytest.mark.parametrize(
    ("name", "old", "new", "path", "problem"),
    [
        (
            "evidence.yaml",
            "    footnote: null\n    missing:\n      footnote: The quote has no footnote marker.\n",
            "    footnote: 31\n",
            "quotes[0].footnote",
            "footnote 31 does not exist (the footnotes run from 1 to 2)",
        ),
        (
            "evidence.yaml",
            "    footnotes: [1, 2]",
            "    footnotes: [1, 3]",
            "findings[0].footnotes[1]",
            "footnote 3 does not exist (the footnotes run from 1 to 2)",
        ),
        (
            "framework.yaml",
            "        footnotes: [1]",
            "        footnotes: [0]",
            "features[0].differences[0].footnotes[0]",
            "footnote 0 does not exist (the footnotes run from 1 to 2)",
        ),
    ],
)
def test_cited_footnotes_must_exist(
    data: Path, name: str, old: str, new: str, path: str, problem: str
) -> None:
    line = edit(data, name, old, new)
    assert failure(data) == f"{data}/{name}:{line}: {path}: {problem}"


@pytest.mark.parametrize(
    ("first", "second", "problem"),
    [
        (
            "1",
            "3",
            "footnote 2 is missing: list every note in order,"
            " one with no text too (text: null, with missing.text)",
        ),
        (
            "1",
            "1",
            "no footnote is numbered 2, and footnote 1 is used twice"
            " (also at footnotes[0].number, line 12)",
        ),
        ("2", "1", "footnote 2 is out of order: notes are listed 1, 2, 3…, so this is 1"),
    ],
)
def test_footnotes_are_numbered_1_to_n(data: Path, first: str, second: str, problem: str) -> None:
    one = edit(
        data, "evidence.yaml", "  - number: 1\n    marker", f"  - number: {first}\n    marker"
    )
    two = edit(data, "evidence.yaml", '    marker: "²"', f'    marker: "²" # {second}') - 1
    edit(
        data,
        "evidence.yaml",
        f'  - number: 2\n    marker: "²" # {second}',
        f'  - number: {second}\n    marker: "²"',
    )
    where = ("footnotes[1].number", two) if first == "1" else ("footnotes[0].number", one)
    assert failure(data) == f"{data}/evidence.yaml:{where[1]}: {where[0]}: {problem}"


def test_a_footnote_number_used_twice_is_named_before_the_one_it_leaves_out(data: Path) -> None:
    first = edit(data, "evidence.yaml", "  - number: 1\n    marker", "  - number: 2\n    marker")
    second = line_of(data, "evidence.yaml", '    marker: "²"') - 1
    assert failure(data) == (
        f"{data}/evidence.yaml:{second}: footnotes[1].number: no footnote is numbered 1, and"
        f" footnote 2 is used twice (also at footnotes[0].number, line {first})"
    )


def test_a_footnote_without_text_is_listed_with_text_null(data: Path) -> None:
    edit(
        data,
        "evidence.yaml",
        "    text: Ibid.\n",
        "    text: null\n    missing:\n      text: Not printed.\n",
    )
    assert validation.validate(data)[1].footnotes[1].text is None


def test_the_first_footnote_is_not_ibid(data: Path) -> None:
    line = edit(data, "evidence.yaml", '    page: "42"\n', '    page: "42"\n    ibid: true\n')
    edit(data, "evidence.yaml", '    source: final-evaluation\n    year: "2017"\n', "")
    assert failure(data) == (
        f"{data}/evidence.yaml:{line - 1}: footnotes[0].ibid:"
        " the first footnote cannot be 'Ibid.': no note is before it"
    )


def test_feature_numbers_run_from_1(data: Path) -> None:
    line = edit(data, "framework.yaml", "    number: 1\n    title:", "    number: 2\n    title:")
    assert failure(data) == (
        f"{data}/framework.yaml:{line}: features[0].number:"
        " features are numbered 1, 2, 3… in order: this is 1, not 2"
    )


def test_improvement_enabler_numbers_run_from_1(data: Path) -> None:
    line = edit(
        data,
        "framework.yaml",
        "      number: 1\n      title: Strategic",
        "      number: 3\n      title: Strategic",
    )
    assert failure(data) == (
        f"{data}/framework.yaml:{line}: enablers.improvement[0].number:"
        " improvement enablers are numbered 1, 2, 3… in order: this is 1, not 3"
    )


def test_table_row_numbers_run_from_1(data: Path) -> None:
    line = edit(
        data, "framework.yaml", "    - number: 1\n      feature:", "    - number: 7\n      feature:"
    )
    assert failure(data) == (
        f"{data}/framework.yaml:{line}: table.rows[0].number:"
        " table rows are numbered 1, 2, 3… in order: this is 1, not 7"
    )


def test_outcome_number_out_of_range(data: Path) -> None:
    line = edit(
        data, "framework.yaml", "    number: 1\n    position: 1", "    number: 2\n    position: 1"
    )
    assert failure(data) == (
        f"{data}/framework.yaml:{line}: outcomes[0].number:"
        " outcome number 2 is out of range: each number from 1 to 1 is used once"
    )


def test_outcome_position_used_twice(data: Path) -> None:
    line = insert(
        data, "framework.yaml", "enablers:", OUTCOME_2.replace("position: 2", "position: 1")
    )
    first = line_of(data, "framework.yaml", "    position: 1\n    name: Increased")
    assert failure(data) == (
        f"{data}/framework.yaml:{line + 2}: outcomes[1].position: outcome position 1 is used"
        f" twice (also at outcomes[0].position, line {first})"
    )


def test_outcomes_may_be_listed_in_any_order_of_number(data: Path) -> None:
    insert(data, "framework.yaml", "enablers:", OUTCOME_2.replace("number: 2", "number: 1"))
    edit(data, "framework.yaml", "    number: 1\n    position: 1", "    number: 2\n    position: 1")
    edit(data, "framework.yaml", "      outcome: wellbeing", "      outcome: reduced-risk")
    framework, _ = validation.validate(data)
    assert [o.number for o in framework.outcomes] == [2, 1]


def test_table_row_names_feature_n(data: Path) -> None:
    insert(data, "framework.yaml", "outcomes:", FEATURE_2)
    line = edit(
        data, "framework.yaml", "      feature: clear-framework", "      feature: systemic-practice"
    )
    assert failure(data) == (
        f"{data}/framework.yaml:{line}: table.rows[0].feature:"
        " row 1 must name feature 1 ('clear-framework'), not 'systemic-practice'"
    )


def test_table_row_names_the_outcome_numbered_n(data: Path) -> None:
    insert(data, "framework.yaml", "enablers:", OUTCOME_2)
    line = edit(data, "framework.yaml", "      outcome: wellbeing", "      outcome: reduced-risk")
    assert failure(data) == (
        f"{data}/framework.yaml:{line}: table.rows[0].outcome:"
        " row 1 must name the outcome numbered 1 ('wellbeing'), not 'reduced-risk'"
    )


def test_table_row_names_improvement_enabler_n(data: Path) -> None:
    line = edit(
        data,
        "framework.yaml",
        "      enabler: strategic-approach",
        "      enabler: clear-objectives",
    )
    assert failure(data) == (
        f"{data}/framework.yaml:{line}: table.rows[0].enabler:"
        " row 1 must name improvement enabler 1 ('strategic-approach'), not 'clear-objectives'"
    )


def test_figure_printed_in_its_statement(data: Path) -> None:
    line = edit(data, "evidence.yaml", "printed: Fourteen of 26", "printed: 14 of 26")
    assert failure(data) == (
        f"{data}/evidence.yaml:{line}: findings[0].figures[0].printed:"
        " '14 of 26' does not occur in the finding's statement"
    )


def test_figure_checks_are_bounded(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crossref, "MAX_SCAN", 50)
    line = line_of(data, "evidence.yaml", "printed: Fourteen of 26")
    assert failure(data) == (
        f"{data}/evidence.yaml:{line}: findings[0].figures[0].printed:"
        " too many figures to check in statements this long: the file is too large"
    )


# --- figures against their words ------------------------------------------------------------


def test_a_count_that_is_not_the_number_printed(data: Path) -> None:
    line = edit(data, "evidence.yaml", "        count: 14", "        count: 15")
    assert failure(data) == (
        f"{data}/evidence.yaml:{line}: findings[0].figures[0].count:"
        " 15 is not the number printed: 'Fourteen of 26' says 14"
    )


def test_a_total_that_is_not_the_number_printed(data: Path) -> None:
    line = edit(data, "evidence.yaml", "        total: 26", "        total: 28")
    assert failure(data) == (
        f"{data}/evidence.yaml:{line}: findings[0].figures[0].total:"
        " 28 is not the number printed: 'Fourteen of 26' says 26"
    )


def test_words_that_print_fewer_numbers_than_the_figure_has(data: Path) -> None:
    line = edit(data, "evidence.yaml", "printed: Fourteen of 26", "printed: Fourteen")
    assert failure(data) == (
        f"{data}/evidence.yaml:{line}: findings[0].figures[0].printed:"
        " 'Fourteen' prints 1 number (14), but the figure has 2: count, total"
    )


def test_a_count_more_than_its_total(data: Path) -> None:
    edit(data, "evidence.yaml", "Fourteen of 26 projects", "Thirty of 26 projects")
    edit(data, "evidence.yaml", "printed: Fourteen of 26", "printed: Thirty of 26")
    line = edit(data, "evidence.yaml", "        count: 14", "        count: 30")
    assert failure(data) == (
        f"{data}/evidence.yaml:{line}: findings[0].figures[0].count: 30 is more than its total, 26"
    )


RATE = (
    "      - kind: rate-vs-national\n"
    "        printed: a 4% rate, compared to 8% nationally\n"
    "        rate: {rate}\n"
    "        national: 8.0\n"
    "        unit: '%'\n"
)


def with_rate(data: Path, rate: str) -> int:
    """Give the finding a second figure, a rate; return the line of its value."""
    edit(
        data,
        "evidence.yaml",
        "mental health.",
        "mental health, a 4% rate, compared to 8% nationally.",
    )
    edit(
        data,
        "evidence.yaml",
        "        unit: projects\n",
        "        unit: projects\n" + RATE.format(rate=rate),
    )
    return line_of(data, "evidence.yaml", f"rate: {rate}\n")


def test_a_rate_that_disagrees_with_its_words(data: Path) -> None:
    line = with_rate(data, "5.0")
    assert failure(data) == (
        f"{data}/evidence.yaml:{line}: findings[0].figures[1].rate: 5 is not the number"
        " printed: 'a 4% rate, compared to 8% nationally' says 4"
    )


def test_a_rate_that_agrees_is_valid(data: Path) -> None:
    with_rate(data, "4.0")
    validation.validate(data)


def test_a_rate_too_long_for_a_float_is_refused(data: Path) -> None:
    line = with_rate(data, "4" * 400 + ".0")  # a float reads it as infinity
    assert failure(data) == (
        f"{data}/evidence.yaml:{line}: findings[0].figures[1].rate:"
        " a number too large to hold is out of range: a rate is from 0 to 1,000"
    )


def test_an_absurd_count_is_refused(data: Path) -> None:
    digits = "2000000000"
    edit(data, "evidence.yaml", "Fourteen of 26 projects", f"{digits} of 26 projects")
    edit(data, "evidence.yaml", "printed: Fourteen of 26", f"printed: {digits} of 26")
    line = edit(data, "evidence.yaml", "        count: 14", f"        count: {digits}")
    assert failure(data) == (
        f"{data}/evidence.yaml:{line}: findings[0].figures[0].count:"
        " 2000000000 is out of range: a count is from 0 to 1,000,000,000"
    )


@pytest.mark.parametrize(
    ("printed", "amount", "says"),
    [("£2.6m", "2600000", None), ("£2.6m", "2600001", "2600000"), ("£1,200", "1200", None)],
)
def test_money_against_its_words(data: Path, printed: str, amount: str, says: str | None) -> None:
    edit(data, "evidence.yaml", "mental health.", f"mental health, saving {printed}.")
    money = f"      - {{kind: money, printed: '{printed}', amount_gbp: {amount}}}\n"
    edit(data, "evidence.yaml", "        unit: projects\n", "        unit: projects\n" + money)
    if says is None:
        validation.validate(data)
        return
    assert failure(data).endswith(
        f"findings[0].figures[1].amount_gbp: {amount} is not the number printed:"
        f" '{printed}' says {says}"
    )


def test_every_number_in_the_json_is_finite(corpus: Corpus) -> None:
    from seven_features import output
    from seven_features.queries import query

    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} in the JSON")

    json.loads(output.to_json(query.findings(corpus, None, None, None)), parse_constant=refuse)
    with pytest.raises(ValueError, match="not JSON compliant"):
        output.to_json({"view": "x", "rate": float("inf")})


# --- hostile sizes -------------------------------------------------------------------------


def test_many_values_are_refused_quickly(data: Path) -> None:
    (data / "evidence.yaml").write_text("x: [" + "0," * (yaml_events.MAX_NODES + 1) + "]\n")
    started = time.perf_counter()
    assert failure(data) == (
        f"{data}/evidence.yaml:1: more than {yaml_events.MAX_NODES:,} values: the file is too large"
    )
    assert time.perf_counter() - started < 2 * 2  # failure() loads twice


def test_many_figures_in_a_long_statement_are_quick(data: Path) -> None:
    statement = "a" * 400_000 + "".join(f"<£{i}>" for i in range(20_000))
    figures = "".join(
        f"      - {{kind: money, printed: '<£{i}>', amount_gbp: {i}}}\n" for i in range(20_000)
    )
    edit(
        data,
        "evidence.yaml",
        "Fourteen of 26 projects reported",
        statement + " Fourteen of 26 projects reported",
    )
    edit(data, "evidence.yaml", "    figures:\n", "    figures:\n" + figures)
    started = time.perf_counter()
    message = failure(data)
    assert "too many figures to check in statements this long" in message
    assert time.perf_counter() - started < 2 * 2


def many_quotes(directory: Path, count: int) -> str:
    """Append `count` copies of the quote, with their own ids; return one copy's text."""
    quote = (directory / "evidence.yaml").read_text(encoding="utf-8").split("quotes:\n")[1]
    copies = "".join(quote.replace("qualified-six-years", f"copy-{i}") for i in range(count))
    with open(directory / "evidence.yaml", "a", encoding="utf-8") as handle:
        handle.write(copies)
    return quote


def test_long_lists_are_valid(data: Path) -> None:
    many_quotes(data, 1500)
    assert len(validation.validate(data)[1].quotes) == 1501


def test_a_problem_past_the_first_thousand_items_is_found_and_counted(data: Path) -> None:
    quote = many_quotes(data, 1500)
    path = data / "evidence.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "id: copy-1200\n", "id: copy-1200\n    colour: red\n"
    )
    path.write_text(text, encoding="utf-8")
    line = line_of(data, "evidence.yaml", "  - id: copy-1200") + 1
    assert quote.count("\n") == 10
    assert failure(data) == (
        f"{path}:{line}: quotes[1201].colour: unknown field 'colour'; a quote has: {QUOTE}"
    )


def test_in_long_lists_the_count_is_a_lower_bound(data: Path) -> None:
    many_quotes(data, 1500)
    line = (
        edit(
            data,
            "evidence.yaml",
            "  - id: qualified-six-years\n",
            "  - id: qualified-six-years\n    colour: red\n",
        )
        + 1
    )
    assert failure(data) == (
        f"{data}/evidence.yaml:{line}: quotes[0].colour: unknown field 'colour';"
        f" a quote has: {QUOTE}"
        " (the file may hold more problems)"
    )
    edit(data, "evidence.yaml", "  - id: copy-3\n", "  - id: copy-3\n    colour: red\n")
    assert failure(data).endswith(" (at least 1 more problem in this file)")


def test_many_broken_records_fail_quickly(data: Path) -> None:
    (data / "framework.yaml").write_text(
        "features: [" + "{}, " * (yaml_events.MAX_NODES - 10) + "]\n"
    )
    started = time.perf_counter()
    message = failure(data)
    assert time.perf_counter() - started < 2 * 2  # failure() loads twice
    assert message.startswith(
        f"{data}/framework.yaml:1: document: required field 'document' is missing"
        " from the file (at least "
    )
    assert message.endswith(" more problems in this file)")


# --- the cache -----------------------------------------------------------------------------


def entries() -> list[Path]:
    directory = cache.store()
    assert directory is not None
    return sorted(directory.glob("corpus-*")) if directory.exists() else []


def test_a_hit_does_not_validate(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load.read_corpus(data)
    assert len(entries()) == 1

    def no_validation(*args: object) -> None:
        raise AssertionError("validated on a cache hit")

    monkeypatch.setattr(validation, "validate_files", no_validation)
    assert load.read_corpus(data).raw == first.raw


def test_a_changed_file_is_seen(data: Path) -> None:
    load.read_corpus(data)
    edit(data, "framework.yaml", "    title: Using a clear,", "    title: Using a plain,")
    corpus = load.read_corpus(data)
    assert corpus.features[0]["title"].startswith("Using a plain,")
    assert len(entries()) == 2


def test_a_changed_file_that_breaks_is_reported_despite_the_cache(data: Path) -> None:
    load.read_corpus(data)
    line = edit(data, "framework.yaml", "    page: 14", "    page: fourteen")
    assert failure(data).startswith(f"{data}/framework.yaml:{line}: features[0].page:")


@pytest.mark.parametrize(
    "damage",
    [
        lambda entry: b"",
        lambda entry: entry[:-10],
        lambda entry: entry[:20] + bytes([entry[20] ^ 1]) + entry[21:],
        lambda entry: b"\x00" * 16 + b"not marshal",
        lambda entry: load._pack({"framework": {}, "evidence": {}}),  # intact, wrong shape
        lambda entry: (lambda p: hashlib.blake2b(p, digest_size=16).digest() + p)(
            marshal.dumps([1, 2])
        ),
        lambda entry: entry[:-7] + bytes([entry[-7] ^ 0x10]) + entry[-6:],  # in a record
        lambda entry: sealed((1 << 40).to_bytes(8, "little") + entry[12:]),  # header too long
        lambda entry: sealed(entry[4:12] + marshal.dumps([1, 2]) + entry[12:]),
    ],
    ids=[
        "empty",
        "truncated",
        "flipped-bit",
        "garbage",
        "wrong-shape",
        "not-a-dict",
        "flipped-bit-in-a-record",
        "header-past-the-end",
        "header-not-a-dict",
    ],
)
def test_a_damaged_entry_is_ignored_and_rewritten(
    data: Path, damage: Callable[[bytes], bytes]
) -> None:
    good = load.read_corpus(data)
    (entry,) = entries()
    intact = entry.read_bytes()
    entry.write_bytes(damage(intact))
    assert load.read_corpus(data).raw == good.raw
    assert entry.read_bytes() == intact


def sealed(rest: bytes) -> bytes:
    """An entry with a true checksum over `rest`: damage the checksum cannot see."""
    return zlib.crc32(rest).to_bytes(4, "little") + rest


@pytest.mark.parametrize("planted", ["corpus", "memo"])
@pytest.mark.parametrize("whose", ["another-user", "others-may-write"])
def test_an_entry_that_is_not_the_users_own_is_not_used(
    data: Path, tmp_path: Path, planted: str, whose: str
) -> None:
    # A shared cache directory: someone else puts there, under this data's names, the
    # corpus of other data, or a memo that points this data's files at that corpus.
    if whose == "another-user" and os.getuid() != 0:
        pytest.skip("giving a file to another user needs root")
    other = tmp_path / "other"
    shutil.copytree(data, other)
    edit(other, "framework.yaml", "    title: Using a clear,", "    title: Using a plain,")
    theirs = load.read_corpus(other).key
    assert theirs is not None
    store = cache.store()
    assert store is not None
    if planted == "corpus":
        name = load._entry_name(
            [d for _, d in (datafiles.read_file(data, n) for n in datafiles.FILES)]
        )
        body = (store / theirs).read_bytes()
    else:
        name, body = load._memo_name(str(data)), theirs.encode("ascii")
    assert name is not None
    (store / name).write_bytes(body)
    if whose == "another-user":
        os.chown(store / name, 1000, 1000)
    else:
        (store / name).chmod(0o666)
    assert load.read_corpus(data).features[0]["title"].startswith("Using a clear,")
    assert (store / name).stat().st_uid == os.getuid()  # replaced by the user's own


def test_an_entry_cut_short_while_in_use_does_no_harm(data: Path) -> None:
    # Records are decoded when used, from the entry's bytes. Were the entry mapped, a
    # file cut short meanwhile (by the user, or on a network file system by another
    # machine) would kill the process with SIGBUS: so it runs in a process of its own.
    script = (
        "import json, os, sys\n"
        "from pathlib import Path\n"
        "from seven_features.corpus import load\n"
        "from seven_features.store import cache\n"
        "data = Path(sys.argv[1])\n"
        "key = load.read_corpus(data).key\n"
        "corpus = load.read_corpus(data)\n"
        "assert corpus.key == key and load.content_key(data) == key  # from the cache\n"
        "where = cache.path(key)\n"
        "os.truncate(where, 16)\n"
        "print(json.dumps(corpus.raw, sort_keys=True))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(data)], capture_output=True, text=True, timeout=120
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(done.stdout) == load.read_corpus(data).raw


def test_a_cache_that_cannot_be_written_still_works(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("SEVENF_CACHE_DIR", str(blocker / "cache"))
    assert load.read_corpus(data).features[0]["id"] == "clear-framework"
    assert load.read_corpus(data).features[0]["id"] == "clear-framework"


def test_a_read_only_cache_directory_still_works(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load.read_corpus(data)
    directory = tmp_path / "cache"
    if ROOT_USER:  # root writes anywhere: refuse the write as a read-only directory would

        def refuse(*args: object, **kwargs: object) -> Path:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(files, "temporary_beside", refuse)
    else:
        directory.chmod(0o500)
    try:
        edit(data, "framework.yaml", "    title: Using a clear,", "    title: Using a plain,")
        assert load.read_corpus(data).features[0]["title"].startswith("Using a plain,")
        assert len(entries()) == 1  # the old entry is still read; no new one could be written
        assert load.read_corpus(data).features[0]["title"].startswith("Using a plain,")
    finally:
        directory.chmod(0o700)


def test_the_cache_can_be_off(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEVENF_CACHE_DIR", "")
    assert load.read_corpus(data).features[0]["id"] == "clear-framework"


def test_nothing_is_written_into_the_data_directory(data: Path) -> None:
    before = snapshot(data)
    load.read_corpus(data)
    load.read_corpus(data)
    validation.validate(data)
    assert snapshot(data) == before


def test_a_warm_read_imports_neither_yaml_nor_pydantic(data: Path, tmp_path: Path) -> None:
    env = {**os.environ, "SEVENF_CACHE_DIR": str(tmp_path / "cache")}
    script = (
        "import sys; from pathlib import Path; import seven_features.corpus.load as l;"
        f" c = l.read_corpus(Path({str(data)!r}));"
        " print(c.features[0]['id'], 'pydantic' in sys.modules, 'yaml' in sys.modules)"
    )
    run = [sys.executable, "-c", script]
    cold = subprocess.run(run, env=env, capture_output=True, text=True, check=True)
    assert cold.stdout == "clear-framework True True\n"
    warm = subprocess.run(run, env=env, capture_output=True, text=True, check=True)
    assert warm.stdout == "clear-framework False False\n"


# --- the schema ----------------------------------------------------------------------------


def test_json_schema() -> None:
    assert validation.json_schema("framework") == Framework.model_json_schema()
    assert validation.json_schema("evidence") == Evidence.model_json_schema()
    with pytest.raises(UsageError) as caught:
        validation.json_schema("quotes")
    assert str(caught.value) == "no schema called 'quotes': choose 'framework' or 'evidence'"


def test_the_minimal_pair_matches_the_json_schema() -> None:
    for which in ("framework", "evidence"):
        data = validation.DataFile(which, (MINIMAL / f"{which}.yaml").read_bytes()).data
        jsonschema.validate(data, validation.json_schema(which))


# --- properties ----------------------------------------------------------------------------


@given(st.text(max_size=30))
def test_plain_scalars_resolve_as_the_loader_says(value: str) -> None:
    tag = yaml_events.loader_class()("").resolve(yaml.ScalarNode, value, (True, False))
    types = {yaml_events._STR: str, **yaml_events._TYPES}
    assert type(yaml_events.plain(value)) is types[tag]


# safe_dump writes U+0085, U+2028 and U+2029 raw, and load.py refuses them: see above.
_printable = st.characters(exclude_categories=["Cs"], exclude_characters="\x85\u2028\u2029")
_scalars = (
    st.none() | st.booleans() | st.integers(-(10**17), 10**17) | st.text(_printable, max_size=20)
)
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(_printable, max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=200)
@given(st.dictionaries(st.text(_printable, max_size=8), _values, max_size=5))
def test_what_safe_dump_writes_reads_back(value: dict[str, object]) -> None:
    text = yaml.safe_dump(value, allow_unicode=True)
    assert yaml_events.Walk(text, "x").run() == value


@settings(max_examples=300)
@given(st.binary(max_size=200))
def test_any_bytes_give_data_or_a_data_error(content: bytes) -> None:
    try:
        validation.DataFile("x.yaml", content)
    except DataError as error:
        assert str(error).startswith("x.yaml")


@settings(max_examples=100)
@given(st.data())
def test_any_line_dropped_gives_data_or_a_data_error(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    name = data.draw(st.sampled_from(["framework.yaml", "evidence.yaml"]))
    lines = (MINIMAL / name).read_text(encoding="utf-8").splitlines(keepends=True)
    drop = data.draw(st.integers(0, len(lines) - 1))
    directory = tmp_path_factory.mktemp("dropped")
    shutil.copytree(MINIMAL, directory, dirs_exist_ok=True)
    (directory / name).write_text("".join(lines[:drop] + lines[drop + 1 :]), encoding="utf-8")
    try:
        validation.validate(directory)
    except DataError as error:
        assert str(error).startswith(f"{directory}/{name}")
