"""A local evidence file: read as strictly as the data, and shown only under its owner's name.

The worked example (examples/local-evidence.yaml, a fictional "Example Borough Council")
is read with the real data; the broken files are the example with one thing wrong, each
refused with one line naming the file, the line and the field.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import ROOT, Cli
from pydantic import BaseModel

EXAMPLE = ROOT / "examples" / "local-evidence.yaml"
TEMPLATE = ROOT / "data" / "local-template.yaml"
OWNER = "Example Borough Council"


def example() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    return data


def written(tmp_path: Path, data: dict[str, Any] | str, name: str = "ours.yaml") -> Path:
    path = tmp_path / name
    text = data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


def refused(cli: Cli, path: Path, *args: str) -> str:
    """The one line sevenf says of a local file it refuses (exit 1, nothing on stdout)."""
    code, out, err = cli(*(args or ("feature", "3")), "--local", str(path))
    assert (code, out) == (1, ""), err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert err.startswith(f"sevenf: error: {path}:"), err
    return err


# --- what a local file brings to a view ----------------------------------------------------


def test_feature_json_holds_the_examples_records_each_marked_as_the_owners(cli: Cli) -> None:
    code, out, err = cli("feature", "3", "--evidence", "--json", "--local", str(EXAMPLE))
    assert (code, err) == (0, "")
    view = json.loads(out)
    [part] = view["local"]
    assert part["origin"] == {"kind": "local", "owner": OWNER}
    mine = example()
    expected = [f["id"] for f in mine["findings"] if 3 in f.get("features", [])]
    assert [f["id"] for f in part["findings"]] == expected == ["direct-work-time", "plans-ended"]
    for kind in ("findings", "quotes", "notes", "projects", "sources"):
        for record in part[kind]:
            assert record["origin"] == {"kind": "local", "owner": OWNER}, (kind, record)
    # the words are the file's, unchanged
    by_id = {f["id"]: f for f in mine["findings"]}
    for finding in part["findings"]:
        assert finding["statement"] == by_id[finding["id"]]["statement"]
    # the document's own records say theirs
    assert all(f["origin"] == {"kind": "document"} for p in view["paths"] for f in p["findings"])


def test_feature_json_without_local_has_no_origin_anywhere(cli: Cli) -> None:
    code, out, _ = cli("feature", "3", "--json")
    assert code == 0
    assert '"origin"' not in out and '"local"' not in out


def test_outcome_and_findings_select_by_the_records_links(cli: Cli) -> None:
    _, out, _ = cli("outcome", "2", "--evidence", "--json", "--local", str(EXAMPLE))
    [part] = json.loads(out)["local"]
    assert [f["id"] for f in part["findings"]] == ["plans-ended"]
    _, out, _ = cli("findings", "--outcome", "3", "--json", "--local", str(EXAMPLE))
    [part] = json.loads(out)["local"]
    assert [f["id"] for f in part["findings"]] == ["conferences-held"]
    assert part["quotes"] == [] and part["notes"] == []
    _, out, _ = cli("quotes", "--feature", "5", "--json", "--local", str(EXAMPLE))
    [part] = json.loads(out)["local"]
    assert [q["id"] for q in part["quotes"]] == ["worker-group-discussion"]


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_every_local_word_stands_under_the_owners_heading(cli: Cli, fmt: str) -> None:
    code, out, _ = cli("feature", "3", "--format", fmt, "--local", str(EXAMPLE))
    assert code == 0
    if fmt == "html":
        import html

        out = html.unescape(out)
    heading = out.index(f"From {OWNER}'s evidence")
    for finding in example()["findings"][:2]:
        assert out.index(finding["statement"]) > heading
    assert "For the first time someone sat with my son" in out[heading:]
    # each item cites its source, naming the owner
    assert out.count(f"Source, {OWNER}'s evidence") == 4


def test_two_local_files_each_keep_their_owner(cli: Cli, tmp_path: Path) -> None:
    other = example()
    other["owner"] = "Another Example Trust"
    second = written(tmp_path, other)
    code, out, _ = cli("feature", "3", "--json", "--local", str(EXAMPLE), "--local", str(second))
    assert code == 0
    owners = [part["owner"] for part in json.loads(out)["local"]]
    assert owners == [OWNER, "Another Example Trust"]


def test_the_environment_names_local_files_when_no_option_does(cli: Cli, tmp_path: Path) -> None:
    code, out, _ = cli("feature", "3", "--json", env={"SEVENF_LOCAL": str(EXAMPLE)})
    assert code == 0 and json.loads(out)["local"][0]["owner"] == OWNER
    other = example()
    other["owner"] = "Another Example Trust"
    second = written(tmp_path, other)
    _, out, _ = cli(
        "feature", "3", "--json", "--local", str(second), env={"SEVENF_LOCAL": str(EXAMPLE)}
    )
    assert [p["owner"] for p in json.loads(out)["local"]] == ["Another Example Trust"]


def test_a_kept_answer_is_never_shown_for_a_changed_local_file(tmp_path: Path) -> None:
    """The answer cache keys on the local file's bytes: an edit shows at once."""
    mine = example()
    path = written(tmp_path, mine)
    cache = tmp_path / "cache"
    env = {"SEVENF_CACHE_DIR": str(cache), "PATH": "/usr/bin:/bin"}

    def run() -> str:
        done = subprocess.run(
            [sys.executable, "-m", "seven_features", "feature", "3", "--local", str(path)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        return done.stdout

    first = run()
    assert run() == first  # asked again: the kept answer
    mine["findings"][0]["statement"] = mine["findings"][0]["statement"].replace("41", "42")
    mine["findings"][0]["figures"] = ["42 of 60", "28 of 60"]
    written(tmp_path, mine)
    again = run()
    assert "42 of 60 case records" in again and "41 of 60" not in again


# --- sevenf local init and the schema -------------------------------------------------------


def test_init_writes_the_template_which_is_refused_until_edited(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "ours.yaml"
    code, out, err = cli("local", "init", "-o", str(path))
    assert (code, out) == (0, "") and "wrote" in err
    assert path.read_bytes() == TEMPLATE.read_bytes()
    assert cli("local", "init", "-o", str(path))[0] == 1  # not replaced without --force
    err = refused(cli, path)
    assert "owner: write your authority's name here" in err
    # with an owner, each example record is refused in turn
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["owner"] = "Northshire County Council"
    written(tmp_path, data)
    assert "sources[0].example: this record is an example" in refused(cli, path)
    # the marks gone but the template's words kept: still refused, as they are no evidence
    for records in data.values():
        if isinstance(records, list):
            for record in records:
                record.pop("example")
    written(tmp_path, data)
    assert "these are the example words of 'sevenf local init'" in refused(cli, path)
    # the owner's own records: the file is evidence now
    mine = example()
    mine["owner"] = "Northshire County Council"
    written(tmp_path, mine)
    code, out, _ = cli("feature", "3", "--json", "--local", str(path))
    assert code == 0 and json.loads(out)["local"][0]["owner"] == "Northshire County Council"


def test_init_to_standard_output_is_the_template(cli: Cli) -> None:
    code, out, _ = cli("local", "init", "-o", "-")
    assert code == 0 and out == TEMPLATE.read_text(encoding="utf-8")


def test_the_template_explains_every_field_it_holds() -> None:
    """Every field of every kind of record the template shows is in it, and commented."""
    from seven_features.corpus import local

    text = TEMPLATE.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    for kind in local.KINDS:
        assert data[kind], kind
    assert text.count("\n    example: true\n") == len(local.KINDS)
    models: dict[str, type[BaseModel]] = {
        "sources": local.LocalSource,
        "projects": local.LocalProject,
        "findings": local.LocalFinding,
        "quotes": local.LocalQuote,
        "notes": local.LocalNote,
        "self_evaluation": local.SelfEvaluation,
    }
    for kind, model in models.items():
        block = text[text.index(f"\n{kind}:") :]
        for field in model.model_fields:
            assert f" {field}:" in block, (kind, field)
    assert sum(1 for line in text.splitlines() if line.lstrip().startswith("#")) >= 30


def test_schema_local_validates_the_example_and_is_shipped(cli: Cli) -> None:
    import jsonschema

    code, out, _ = cli("schema", "local")
    assert code == 0
    schema = json.loads(out)
    jsonschema.validate(example(), schema)
    assert json.loads((ROOT / "data" / "local.schema.json").read_text(encoding="utf-8")) == schema
    broken = example()
    broken["findings"][0]["colour"] = "red"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


# --- bad local files: one line, the file, the line and the field ----------------------------


def _with(change: Any) -> dict[str, Any]:
    data = example()
    change(data)
    return data


BROKEN: dict[str, tuple[Any, str]] = {
    "wrong feature number": (
        lambda d: d["findings"][0].__setitem__("features", [3, 8]),
        "findings[0].features[1]: there is no feature 8: features are numbered 1 to 7",
    ),
    "wrong outcome number": (
        lambda d: d["quotes"][0].__setitem__("outcomes", [0]),
        "quotes[0].outcomes[0]: must be 1 or more, not 0",
    ),
    "unknown source": (
        lambda d: d["findings"][1].__setitem__("source", "annual-report"),
        "findings[1].source: no source has the id 'annual-report'",
    ),
    "unknown project": (
        lambda d: d["quotes"][0].__setitem__("project", "hub"),
        "quotes[0].project: no project has the id 'hub'",
    ),
    "missing field": (
        lambda d: d["quotes"][0].pop("attribution"),
        "quotes[0].attribution: required field 'attribution' is missing from this local quote",
    ),
    "duplicate id": (
        lambda d: d["notes"][0].__setitem__("id", "plans-ended"),
        "notes[0].id: id 'plans-ended' is used twice in the file",
    ),
    "no link": (
        lambda d: d["notes"][0].update(features=[], outcomes=[]),
        "notes[0].features: link it to at least one feature or outcome",
    ),
    "figure not in statement": (
        lambda d: d["findings"][0].__setitem__("figures", ["45 of 60"]),
        "findings[0].figures[0]: '45 of 60' does not occur in the finding's statement",
    ),
    "markup": (
        lambda d: d["quotes"][0].__setitem__("text", "Hello <script>alert(1)</script>"),
        "quotes[0].text: '<s' looks like markup",
    ),
    "markdown link": (
        lambda d: d["notes"][0].__setitem__("text", "See [the report](http://x.example)"),
        "notes[0].text: '[the report](' looks like markup",
    ),
    "bidirectional control": (
        lambda d: d.__setitem__("owner", "Example \u202eBorough"),
        "owner: invisible character U+202E",
    ),
    "source without page or address": (
        lambda d: d["sources"][0].pop("page"),
        "sources[0]: give the source a 'page' or a 'url'",
    ),
    "unknown field": (
        lambda d: d["findings"][0].__setitem__("score", 5),
        "findings[0].score: unknown field 'score'",
    ),
    "blank owner": (
        lambda d: d.__setitem__("owner", "   "),
        "owner: must not be blank",
    ),
    "a figure inside a longer number": (
        lambda d: d["findings"][1].__setitem__("figures", ["4"]),
        "findings[1].figures[0]: '4' does not occur in the finding's statement",
    ),
    "self-evaluation of feature 9": (
        lambda d: d["self_evaluation"][0].__setitem__("feature", 9),
        "self_evaluation[0].feature: there is no feature 9: features are numbered 1 to 7",
    ),
    "a control character as a YAML escape": (
        lambda d: d["findings"][0].__setitem__("statement", "Alert \x1b[31m 41 of 60 and 28 of 60"),
        "findings[0].statement: control character U+001B: not allowed",
    ),
    "a tag character": (
        lambda d: d.__setitem__("owner", "Example\U000e0069 Borough"),
        "owner: invisible character U+E0069: not allowed",
    ),
    "a soft hyphen": (
        lambda d: d["quotes"][0].__setitem__("text", "invis\u00adible"),
        "quotes[0].text: invisible character U+00AD: not allowed",
    ),
    "a spreadsheet formula": (
        lambda d: d.__setitem__("owner", '=HYPERLINK("http://x.example","click")'),
        "owner: '=HYPERLINK(\"' starts as a spreadsheet formula would",
    ),
    "an owner called document": (
        lambda d: d.__setitem__("owner", "Document"),
        "owner: 'document' is what sevenf calls the document's own records",
    ),
    "self-evaluation twice": (
        lambda d: d["self_evaluation"][1].__setitem__("feature", 3),
        "self_evaluation[1].feature: feature 3 is answered twice",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_local_file_is_one_line_naming_file_line_and_field(
    cli: Cli, tmp_path: Path, case: str
) -> None:
    change, said = BROKEN[case]
    path = written(tmp_path, _with(change))
    err = refused(cli, path)
    assert said in err, err
    line = int(err.removeprefix(f"sevenf: error: {path}:").split(":")[0])
    assert 1 <= line <= len(path.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("owner: Ex\x07ample\n", "control character U+0007"),
        ("a: &x [1, 2]\nb: *x\n", "anchor"),
        ("owner: !!python/object:os.system x\n", "tag"),
        ("owner: A\nowner: B\n", "owner"),
        ("- just\n- a list\n", "the file holds a list: it must be a mapping of keys"),
        ("", "the file is empty"),
        ("owner: Ex\nsources:\n\t- id: a\n", "(indent with spaces, not tabs)"),
        ("owner: Council: Children's Services\n", "(text holding ': ' must be put in quotes)"),
        (
            "owner: Ex\nquotes:\n  - id: q\n    attribution: a worker, Hub #2\n",
            ":4: attribution: the words after ' #' are a YAML comment",
        ),
    ],
)
def test_hostile_yaml_is_refused_as_data_is(cli: Cli, tmp_path: Path, text: str, said: str) -> None:
    path = written(tmp_path, text)
    err = refused(cli, path)
    assert said in err, err


def test_a_yaml_bomb_is_refused_quickly(cli: Cli, tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 30)]
    err = refused(cli, written(tmp_path, "\n".join(lines) + "\n"))
    assert "anchor" in err or "alias" in err, err


def test_missing_and_unreadable_local_files(cli: Cli, tmp_path: Path) -> None:
    code, out, err = cli("feature", "3", "--local", str(tmp_path / "nowhere.yaml"))
    assert (code, out) == (1, "")
    assert err == (
        f"sevenf: error: {tmp_path / 'nowhere.yaml'}: no such file: give the path of a local "
        "evidence file ('sevenf local init' writes one)\n"
    )
    code, _, err = cli("feature", "3", "--local", str(tmp_path))
    assert code == 1 and "is a directory" in err


def test_nothing_is_written_into_the_users_file(cli: Cli, tmp_path: Path) -> None:
    path = written(tmp_path, _with(lambda d: d["findings"][0].__setitem__("features", [9])))
    before = path.read_bytes(), path.stat().st_mtime_ns
    refused(cli, path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ours.yaml"]


def test_the_python_api_takes_local_files_as_the_command_line_does(cli: Cli) -> None:
    from seven_features import api

    ours = api.load(local=[EXAMPLE])
    _, out, _ = cli("feature", "3", "--json", "--local", str(EXAMPLE))
    assert ours.feature(3) == json.loads(out)
    assert "local" not in api.feature(3)  # the module's functions: the document alone


def test_project_names_a_local_project_when_the_document_has_none_by_that_name(cli: Cli) -> None:
    import jsonschema

    code, out, _ = cli("project", "direct work hub", "herts", "--json", "--local", str(EXAMPLE))
    assert code == 0
    mine, theirs = json.loads(out)
    assert mine["view"] == "local-project" and mine["origin"] == {"kind": "local", "owner": OWNER}
    [part] = mine["local"]
    assert [f["id"] for f in part["findings"]] == ["direct-work-time"]
    assert [q["id"] for q in part["quotes"]] == ["parent-direct-work"]
    assert theirs["view"] == "project" and theirs["id"] == "family-safeguarding-hertfordshire"
    jsonschema.validate([mine, theirs], json.loads(cli("schema", "project")[1]))
    code, out, _ = cli("project", "direct work hub", "--local", str(EXAMPLE))
    assert (
        out.startswith(f"Direct Work Hub ({OWNER})\n") and f"a project or service of {OWNER}" in out
    )
    # without the file, the document alone answers
    code, _, err = cli("project", "direct work hub")
    assert code == 1 and err.startswith("sevenf: error: no project matches 'direct work hub'")


def test_a_file_named_twice_is_shown_once(cli: Cli) -> None:
    code, out, _ = cli(
        "feature",
        "3",
        "--json",
        "--local",
        str(EXAMPLE),
        "--local",
        f"{EXAMPLE.parent}/./{EXAMPLE.name}",
    )
    assert code == 0 and len(json.loads(out)["local"]) == 1


def test_validate_says_first_that_the_local_file_is_valid(cli: Cli) -> None:
    code, out, _ = cli("validate", "--local", str(EXAMPLE))
    assert code == 0
    assert out.splitlines()[3] == (
        f"Local evidence: {EXAMPLE} ({OWNER}): valid; 3 sources, 3 findings, 2 quotes, 1 note, "
        "2 projects and 2 self-evaluations"
    )


def test_a_feature_shows_the_owners_own_answers_for_it(cli: Cli) -> None:
    _, out, _ = cli("feature", "3", "--local", str(EXAMPLE))
    answers = example()["self_evaluation"][0]
    at = out.index(f"Self-evaluation ({OWNER})")
    for field in ("quality", "how_we_know", "next_steps"):
        assert out.index(answers[field]) > at
    assert example()["self_evaluation"][1]["quality"] not in out  # feature 7's


def test_brief_and_cite_take_a_local_project_as_project_does(cli: Cli) -> None:
    code, out, err = cli(
        "brief", "--project", "direct work hub", "--format", "json", "--local", str(EXAMPLE)
    )
    assert code == 0, err
    brief = json.loads(out)
    assert brief["parts"] == []
    [part] = brief["local"]
    assert [f["id"] for f in part["findings"]] == ["direct-work-time"]
    assert [q["id"] for q in part["quotes"]] == ["parent-direct-work"]
    assert [p["id"] for p in part["projects"]] == ["direct-work-hub"]
    code, out, _ = cli(
        "cite", "--project", "direct work hub", "--format", "csl-json", "--local", str(EXAMPLE)
    )
    assert code == 0
    titles = {e["title"] for e in json.loads(out)}
    assert titles == {
        "What families told us, 2025 (a fictional example)",
        "Practice supervision audit, quarter 2 (a fictional example)",
    }
    # a name neither the document nor the file has is still one line, exit 1
    code, _, err = cli("brief", "--project", "nowhere at all", "--local", str(EXAMPLE))
    assert code == 1 and err.startswith("sevenf: error: no project matches 'nowhere at all'")


def test_names_that_are_possessive_already_are_kept(cli: Cli, tmp_path: Path) -> None:
    for owner, said in [
        ("St James's", "From St James's evidence"),
        ("Saints'", "From Saints' evidence"),
        ("Children's Services", "From Children's Services' evidence"),
    ]:
        path = written(tmp_path, _with(lambda d, o=owner: d.__setitem__("owner", o)))
        code, out, _ = cli("feature", "3", "--local", str(path))
        assert code == 0 and said in out, owner


def test_two_files_of_one_owner_are_searched_and_named_apart(cli: Cli, tmp_path: Path) -> None:
    """Each hit is its own file's: two files of one owner, with other ids, each cite theirs."""
    other = example()
    for kind in ("sources", "projects", "findings", "quotes", "notes", "self_evaluation"):
        for record in other[kind]:
            record["id"] = f"b-{record['id']}"
            for key in ("source", "project"):
                if record.get(key):
                    record[key] = f"b-{record[key]}"
    second = written(tmp_path, other)
    code, out, err = cli(
        "search", "fell", "--json", "--local", str(EXAMPLE), "--local", str(second)
    )
    assert code == 0, err
    hits = [h for h in json.loads(out)["hits"] if h["kind"] == "local-finding"]
    assert sorted(h["ref"]["id"] for h in hits) == ["b-plans-ended", "plans-ended"]
    code, out, err = cli("search", "fell", "--local", str(EXAMPLE), "--local", str(second))
    assert code == 0 and out.count(f"From {OWNER}'s evidence") == 2, err
    code, _, err = cli("project", "direct work", "--local", str(EXAMPLE), "--local", str(second))
    assert code == 1 and "'direct work' matches 2 local projects" in err
    # the site gives each file a page, and each hit links to its own file's page
    site = tmp_path / "site"
    code, _, err = cli("site", "-o", str(site), "--local", str(EXAMPLE), "--local", str(second))
    assert code == 0, err
    text = (site / "search-index.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("{") : text.rindex("}") + 1])
    pages = {r["ref"]["id"]: r["href"] for r in index["rows"] if r["ref"].get("file")}
    assert pages["plans-ended"] == "local-example-borough-council.html#local-finding-plans-ended"
    assert pages["b-plans-ended"] == (
        "local-example-borough-council-2.html#local-finding-b-plans-ended"
    )


def test_a_copy_of_a_file_is_shown_once(cli: Cli, tmp_path: Path) -> None:
    copy = tmp_path / "copy.yaml"
    copy.write_bytes(EXAMPLE.read_bytes())
    code, out, _ = cli("feature", "3", "--json", "--local", str(EXAMPLE), "--local", str(copy))
    assert code == 0 and [p["file"] for p in json.loads(out)["local"]] == [str(EXAMPLE)]


def test_a_long_owner_makes_a_site(cli: Cli, tmp_path: Path) -> None:
    path = written(tmp_path, _with(lambda d: d.__setitem__("owner", "Ab " * 100)))
    code, _, err = cli("site", "-o", str(tmp_path / "site"), "--local", str(path))
    assert code == 0, err
    [page] = (tmp_path / "site").glob("local-*.html")
    assert len(page.name) < 80


def test_a_local_file_given_as_an_argument_is_pointed_to_local(cli: Cli) -> None:
    code, out, err = cli("validate", "ours.yaml")
    assert (code, out) == (2, "")
    assert err == (
        "sevenf: error: Got unexpected extra argument(s) (ours.yaml) "
        "(a local evidence file is given as --local ours.yaml)\n"
    )


def test_search_beside_local_evidence_says_whose_every_hit_is(cli: Cli) -> None:
    code, out, _ = cli("search", "direct work", "--json", "--local", str(EXAMPLE))
    assert code == 0
    origins = {
        (h["kind"].startswith("local-"), json.dumps(h["origin"])) for h in json.loads(out)["hits"]
    }
    assert origins == {
        (True, json.dumps({"kind": "local", "owner": OWNER})),
        (False, json.dumps({"kind": "document"})),
    }
    code, out, _ = cli("search", "direct work", "--format", "csv", "--local", str(EXAMPLE))
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    assert {r["origin"] for r in rows} == {"document", OWNER}
    assert all((r["origin"] == OWNER) == r["kind"].startswith("local-") for r in rows)


def test_an_answer_keeps_its_paragraphs(cli: Cli, tmp_path: Path) -> None:
    """A YAML block (`|`) with a blank line is two paragraphs in every view and brief."""
    first, second = "Direct work is more frequent than a year ago.", "It is uneven between teams."
    path = written(
        tmp_path,
        _with(lambda d: d["self_evaluation"][0].__setitem__("quality", f"{first}\n\n{second}\n")),
    )
    _, out, _ = cli("feature", "3", "--local", str(path))
    assert f"\n\n{first}\n\n{second}\n\n" in out
    _, out, _ = cli("brief", "--self-evaluation", "--feature", "3", "--local", str(path))
    assert f"> {first}\n\n> {second}\n>\n> — {OWNER}\n" in out
    _, out, _ = cli(
        "brief", "--self-evaluation", "--feature", "3", "--format", "html", "--local", str(path)
    )
    assert f"<p>“{first}”</p>\n</blockquote>" in out


def test_a_self_evaluation_places_a_record_once_and_refers_to_it_after(
    cli: Cli, tmp_path: Path
) -> None:
    def on_both(d: dict[str, Any]) -> None:
        d["quotes"][0]["features"] = [3, 7]
        d["notes"][0]["features"] = [3, 7]

    path = written(tmp_path, _with(on_both))
    code, out, _ = cli("brief", "--self-evaluation", "--local", str(path))
    assert code == 0
    mine = example()
    assert out.count(mine["quotes"][0]["text"]) == 1
    assert out.count(mine["notes"][0]["text"]) == 1
    assert "*The words of a parent stand in full under Feature 3, above.*" in out
    assert "*A note on this feature too stands in full under Feature 3, above.*" in out


def test_the_map_by_project_counts_each_file_only_in_its_own_rows(cli: Cli, tmp_path: Path) -> None:
    """Two files with the same project ids, and one whose project id is a document
    project's: each count stands in its own file's row, never in another's or the document's."""
    other = written(tmp_path, _with(lambda d: d.__setitem__("owner", "Another Example Trust")))

    def clash(d: dict[str, Any]) -> None:
        d["projects"][0]["id"] = "family-safeguarding-hertfordshire"
        for kind in ("findings", "quotes"):
            for record in d[kind]:
                if record.get("project") == "direct-work-hub":
                    record["project"] = "family-safeguarding-hertfordshire"

    clashing = written(tmp_path, _with(clash), "clash.yaml")
    code, out, _ = cli(
        "map", "--by", "project", "--format", "csv", "--local", str(EXAMPLE), "--local", str(other)
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    for row in rows:
        if row["local_owners"]:
            assert row["row_kind"] == "local-project"
            assert row["row_name"].endswith(f"({row['local_owners']})"), row
    code, out, _ = cli("map", "--by", "project", "--format", "csv", "--local", str(clashing))
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    for row in rows:
        if row["row_kind"] == "local-project":
            assert not row["count"] and not row["project_ids"], row
        else:
            assert not row["local_owners"], row
    assert any(r["row_kind"] == "local-project" and r["local_owners"] for r in rows)


def test_findings_and_quotes_take_a_local_project_and_keep_to_it(cli: Cli) -> None:
    def ids(*args: str) -> tuple[int, list[str]]:
        code, out, err = cli(*args, "--json", "--local", str(EXAMPLE))
        assert code == 0, err
        view = json.loads(out)
        [part] = view["local"]
        return len(view["items"]), [r["id"] for r in part["findings"] + part["quotes"]]

    assert ids("findings", "--project", "direct work hub") == (0, ["direct-work-time"])
    assert ids("quotes", "--project", "direct work hub") == (0, ["parent-direct-work"])
    # a filter is all of what it names: the project's findings on feature 5 are none
    assert ids("findings", "--project", "direct work hub", "--feature", "5") == (0, [])
    # the document's project: the document's findings, and none of the owner's
    count, local = ids("findings", "--project", "herts")
    assert count > 0 and local == []
    code, out, _ = cli("brief", "--project", "herts", "--format", "json", "--local", str(EXAMPLE))
    assert code == 0
    [part] = json.loads(out)["local"]
    assert part["findings"] == part["quotes"] == part["notes"] == part["projects"] == []


def test_a_command_that_shows_no_evidence_reads_no_local_file(cli: Cli, tmp_path: Path) -> None:
    absent = str(tmp_path / "not-yet.yaml")
    code, out, _ = cli("schema", "local", "--local", absent)
    assert code == 0 and json.loads(out)["title"] == "LocalEvidence"
    code, _, _ = cli("local", "init", "-o", absent, "--local", absent)
    assert code == 0 and Path(absent).read_bytes() == TEMPLATE.read_bytes()


def test_the_api_shows_a_file_named_twice_once() -> None:
    from seven_features import api

    twice = api.load(local=[EXAMPLE, f"{EXAMPLE.parent}/./{EXAMPLE.name}"])
    view = twice.feature(3)
    assert isinstance(view, dict) and len(view.get("local", [])) == 1
