"""`sevenf brief --local FILE`: the owner's evidence after the document's, cited like any
source; and `--self-evaluation`, the owner's own answers feature by feature beside the
document's text. On the shipped data and examples/local-evidence.yaml (fictional)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import ROOT, Cli, needs_pandoc, pandoc

from seven_features.corpus.indexed import Corpus

EXAMPLE = ROOT / "examples" / "local-evidence.yaml"
LOCAL = ("--local", str(EXAMPLE))
OWNER = "Example Borough Council"
SECTION = f"## From {OWNER}'s evidence"
QUESTIONS = (
    "What do we know about the quality of our practice?",
    "How do we know it?",
    "What do we plan to do next?",
)


def brief(cli: Cli, *args: str) -> str:
    """`sevenf brief *args`'s stdout, which must be all it wrote."""
    code, out, err = cli("brief", *args)
    assert (code, err) == (0, ""), err
    return out


@pytest.fixture(scope="module")
def example() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    return data


def on_feature(example: dict[str, Any], kind: str, number: int) -> list[dict[str, Any]]:
    return [r for r in example[kind] if number in r["features"]]


def notes_of(markdown: str) -> dict[str, str]:
    """Footnote key -> its text."""
    return dict(re.findall(r"^\[\^([^\]]+)\]: (.*)$", markdown, re.M))


def between(text: str, start: str, end: str) -> str:
    """The text from `start` to just before `end` (or to the end)."""
    head = text.index(start)
    stop = text.find(end, head + len(start))
    return text[head : stop if stop >= 0 else None]


def local_words(example: dict[str, Any]) -> list[str]:
    """Every piece of an owner's own words the example holds."""
    words = [f["statement"] for f in example["findings"]]
    words += [q["text"] for q in example["quotes"]] + [n["text"] for n in example["notes"]]
    for s in example["self_evaluation"]:
        words += [s["quality"], s["how_we_know"], s["next_steps"]]
    return words


def to_text(docx: Path) -> str:
    """A Word file as plain text, through pandoc (footnotes at the end, numbered)."""
    found = pandoc()
    assert found is not None
    done = subprocess.run(
        [found, str(docx), "-t", "plain", "--wrap=none"], capture_output=True, check=True
    )
    return done.stdout.decode("utf-8")


@pytest.fixture(scope="module")
def markdown(cli: Cli) -> str:
    return brief(cli, "--feature", "3", *LOCAL)


@pytest.fixture(scope="module")
def self_evaluation(cli: Cli) -> str:
    return brief(cli, "--self-evaluation", *LOCAL)


# --- the brief with local evidence -----------------------------------------------------


def test_the_owners_section_follows_the_documents_evidence(
    markdown: str, example: dict[str, Any]
) -> None:
    assert markdown.count(SECTION) == 1
    at = markdown.index(SECTION)
    assert markdown.index("## Feature 3: Enabling staff to do skilled direct work") < at
    assert at < markdown.index("## Sources") < markdown.index("## Licence and attribution")
    section = between(markdown, SECTION, "## Sources")
    for kind, field in (("findings", "statement"), ("quotes", "text"), ("notes", "text")):
        for record in on_feature(example, kind, 3):
            assert record[field] in section
    # records on other features only are left out
    assert "Talking the case through as a group" not in markdown  # feature 5's quote
    assert "37 family group conferences" not in markdown  # feature 7's finding
    assert f"After the document's evidence comes {OWNER}'s own" in markdown


def test_each_local_item_is_cited_by_a_footnote_to_its_source_and_page(
    markdown: str, example: dict[str, Any]
) -> None:
    notes = notes_of(markdown)
    sources = {s["id"]: s for s in example["sources"]}
    for finding in on_feature(example, "findings", 3):
        line = next(x for x in markdown.splitlines() if finding["statement"] in x)
        key = re.findall(r"\[\^(local-\d+)\]", line)
        assert len(key) == 1, line
        source = sources[finding["source"]]
        page = finding.get("page") or source["page"]
        assert notes[key[0]] == (
            f"{source['author']} ({source['date']}) *{source['title']}*, p. {page}. "
            f"{OWNER}'s evidence, not the document's."
        )
    # the document's own notes are there as before
    assert notes["framework-feature-3"].startswith("Department for Education (2022)")


def test_the_owners_sources_are_listed_under_its_name(
    markdown: str, example: dict[str, Any]
) -> None:
    references = between(markdown, "## Sources", "## Notes on the sources")
    ours = between(references, f"### {OWNER}'s sources", "\n## ")
    assert "Not from the document" in ours
    for source in example["sources"]:  # the feature-3 records cite all three
        assert f"{source['author']} ({source['date']}) *{source['title']}*." in ours
    assert "https://example.org/example-borough/family-survey-2025" in ours
    # the document's references stand above the owner's, unchanged
    assert references.index("Department for Education (2022)") < references.index(OWNER)


def test_no_local_words_stand_without_the_owners_name(
    markdown: str, self_evaluation: str, example: dict[str, Any]
) -> None:
    for text in (markdown, self_evaluation):
        notes = notes_of(text)
        for chunk in text.split("\n\n"):
            for words in local_words(example):
                if words not in chunk:
                    continue
                keys = re.findall(r"\[\^(local-\d+)\]", chunk)
                assert OWNER in chunk or any(OWNER in notes[k] for k in keys), chunk


def test_the_local_records_are_those_on_the_features_or_outcomes_chosen(cli: Cli) -> None:
    on_outcome = brief(cli, "--outcome", "3", *LOCAL)
    assert "37 family group conferences were held" in on_outcome  # outcomes 3 and 7
    assert "41 of 60 case records" not in on_outcome  # feature 3, outcome 1
    both = brief(cli, "--feature", "3", "--outcome", "3", *LOCAL)
    assert "37 family group conferences were held" in both
    assert "41 of 60 case records" in both


def test_html_holds_the_section_and_its_footnotes(cli: Cli) -> None:
    page = brief(cli, "--feature", "3", *LOCAL, "--format", "html")
    assert f"<h2>From {OWNER}&#x27;s evidence</h2>" in page
    assert f"<h3>{OWNER}&#x27;s sources</h3>" in page
    notes = re.findall(r'<li id="fn-local-\d+" value="\d+">(.*?)</li>', page)
    assert notes and all(f"{OWNER}&#x27;s evidence, not the document&#x27;s." in n for n in notes)
    assert 'href="#fn-local-1"' in page


def test_json_gives_every_record_its_origin(cli: Cli, example: dict[str, Any]) -> None:
    view = json.loads(brief(cli, "--feature", "3", *LOCAL, "--format", "json"))
    (part,) = view["local"]
    assert part["owner"] == OWNER and part["origin"] == {"kind": "local", "owner": OWNER}
    for kind in ("findings", "quotes", "notes", "projects", "sources"):
        assert part[kind], kind
        assert all(r["origin"] == {"kind": "local", "owner": OWNER} for r in part[kind])
    assert [f["id"] for f in part["findings"]] == [
        f["id"] for f in on_feature(example, "findings", 3)
    ]
    # beside local evidence, the document's records say theirs
    assert view["parts"][0]["findings"][0]["origin"] == {"kind": "document"}
    assert "self_evaluation" not in view


@needs_pandoc
def test_word_holds_the_section_and_real_footnotes(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "brief.docx"
    assert cli.raw("brief", "--feature", "3", *LOCAL, "--format", "docx", "-o", str(target)) == (
        0,
        b"",
        "",
    )
    text = to_text(target)
    assert f"From {OWNER}'s evidence" in text and f"{OWNER}'s sources" in text
    body, _, notes = text.partition(f"{OWNER}'s sources")
    assert "41 of 60 case records" in body
    # pandoc writes Word's footnotes at the end, numbered: the owner's among them
    assert re.search(
        rf"^\[\d+\] {OWNER} Quality Assurance Team \(September 2025\) Practice supervision "
        rf"audit, quarter 2 \(a fictional example\), p\. 4\. {OWNER}'s evidence",
        notes,
        re.M,
    )


# --- without --local, nothing changes ----------------------------------------------------


def test_without_local_there_is_no_owner_and_no_local_key(cli: Cli) -> None:
    out = brief(cli, "--feature", "3")
    assert "## From " not in out and "[^local-" not in out and OWNER not in out
    view = json.loads(brief(cli, "--feature", "3", "--format", "json"))
    assert "local" not in view and "self_evaluation" not in view
    assert "origin" not in json.dumps(view)


# --- the self-evaluation brief ------------------------------------------------------------


def test_self_evaluation_goes_feature_by_feature_through_the_answered(
    self_evaluation: str,
) -> None:
    assert self_evaluation.startswith(f"# Self-evaluation: {OWNER}\n")
    features = re.findall(r"^## (Feature \d):", self_evaluation, re.M)
    assert features == ["Feature 3", "Feature 7"]  # those the example answers for
    assert (
        "The answers stand as given, with no judgement, score or rating added." in self_evaluation
    )


def test_self_evaluation_shows_the_answers_verbatim_under_the_owners_name(
    self_evaluation: str, example: dict[str, Any]
) -> None:
    for answer in example["self_evaluation"]:
        n = answer["feature"]
        part = between(self_evaluation, f"## Feature {n}:", "\n## ")
        own = between(part, f"### {OWNER}'s self-evaluation", f"### {OWNER}'s evidence")
        said = (answer["quality"], answer["how_we_know"], answer["next_steps"])
        expected = [f"### {OWNER}'s self-evaluation"]
        expected.append(
            f"*In {OWNER}'s own words, from its local evidence file {EXAMPLE.name}; not the document's.*"
        )
        for question, words in zip(QUESTIONS, said, strict=True):
            expected += [f"**{question}**", f"> {words}\n>\n> — {OWNER}"]
        # the answers, each under its question, and nothing of sevenf's own
        assert own.strip().split("\n\n") == expected


def test_self_evaluation_holds_the_documents_text_on_each_feature(
    self_evaluation: str, corpus: Corpus
) -> None:
    feature = corpus.features[2]
    assert feature["number"] == 3
    part = between(self_evaluation, "## Feature 3:", "## Feature 7:")
    definition = between(part, "### Definition", "### What difference")
    for paragraph in feature["definition"]:
        assert paragraph in definition
    assert "[^framework-feature-3]" in definition
    assert "### What difference does it make?" in part and "### Potential pitfalls" in part
    assert part.index("### Potential pitfalls") < part.index(f"### {OWNER}'s self-evaluation")
    for point in feature["pitfalls"]:
        assert point["headline"] in part
    # then the owner's evidence on the feature, cited
    evidence = between(part, f"### {OWNER}'s evidence on this feature", "## ")
    assert "41 of 60 case records" in evidence and "[^local-" in evidence
    assert f"### {OWNER}'s sources" in self_evaluation


def test_self_evaluation_on_a_feature_it_does_not_answer(cli: Cli) -> None:
    out = brief(cli, "--self-evaluation", "--feature", "5", *LOCAL, "--title", "Feature 5")
    assert out.startswith("# Feature 5\n")
    assert f"*{OWNER} gives no self-evaluation for this feature.*" in out
    assert "Talking the case through as a group" in out  # its evidence on feature 5


def test_self_evaluation_in_html_json_and_word(
    cli: Cli, example: dict[str, Any], corpus: Corpus, tmp_path: Path
) -> None:
    answers = [
        words
        for s in example["self_evaluation"]
        for words in (s["quality"], s["how_we_know"], s["next_steps"])
    ]
    page = brief(cli, "--self-evaluation", *LOCAL, "--format", "html")
    assert f"<h3>{OWNER}&#x27;s self-evaluation</h3>" in page
    for words in answers:
        assert words in page
    view = json.loads(brief(cli, "--self-evaluation", *LOCAL, "--format", "json"))
    assert view["self_evaluation"] is True and "local" not in view
    assert [p["number"] for p in view["parts"]] == [3, 7]
    for part, answer in zip(view["parts"], example["self_evaluation"], strict=True):
        (own,) = part["local"][0]["self_evaluation"]
        assert own == {**answer, "origin": {"kind": "local", "owner": OWNER}}
    if pandoc() is None:
        return
    target = tmp_path / "self.docx"
    code, _, err = cli.raw(
        "brief", "--self-evaluation", *LOCAL, "--format", "docx", "-o", str(target)
    )
    assert (code, err) == (0, "")
    text = to_text(target)
    for words in answers:
        assert words in text
    assert corpus.features[2]["definition"][0] in text
    assert re.search(rf"^\[\d+\] .*{OWNER}'s evidence, not the document's\.$", text, re.M)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--feature", "3"), "add --local FILE"),
        ((), "add --local FILE"),
        (("--outcome", "2", *LOCAL), "leave out --outcome and --project"),
        (("--short", *LOCAL), "leave out --short"),
    ],
)
def test_self_evaluation_asked_wrongly_is_one_line(
    cli: Cli, args: tuple[str, ...], said: str
) -> None:
    code, out, err = cli("brief", "--self-evaluation", *args)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and said in err and "Traceback" not in err


def test_self_evaluation_without_local_on_the_fast_path(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("SEVENF_LOCAL", "SEVENF_DATA")}
    done = subprocess.run(
        [sys.executable, "-m", "seven_features", "brief", "--self-evaluation"],
        capture_output=True,
        text=True,
        env={**env, "SEVENF_CACHE_DIR": str(tmp_path)},
        check=False,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == (
        "sevenf: error: --self-evaluation lays out a local evidence file's own answers: "
        "add --local FILE\n"
    )
