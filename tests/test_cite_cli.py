"""`sevenf cite` through the CLI on the real data: each format read back by its own parser."""

from __future__ import annotations

import json

import bibtexparser
import jsonschema
import pytest
import rispy
from helpers import FIXTURES, SOURCE_FILE, Cli

from seven_features.corpus.indexed import Corpus
from seven_features.queries import citations, query
from seven_features.render import cite

CSL_SCHEMA = FIXTURES / "cite" / "csl-data.schema.json"
FOOTNOTE_6 = (
    "sevenf: note: footnote 6 names no source, so no source is exported for it: The marker ⁶ "
    "follows 'physical or mental health' in the text, but no footnote 6 is printed.\n"
)


FRAMEWORK = "seven-features-of-practice-2022"


def keys_of(corpus: Corpus, numbers: list[int]) -> list[str]:
    return [e["key"] for e in citations.gather(corpus, numbers)["entries"]]


def test_the_framework_entry_is_the_document_as_it_describes_itself(
    corpus: Corpus, cli: Cli
) -> None:
    doc = corpus.document
    # check these against the source text itself, not only the data
    if SOURCE_FILE.exists():
        printed = SOURCE_FILE.read_text(encoding="utf-8")
        assert "ISBN: 978-1-83870-406-3" in printed and "RR: RR1270" in printed
        assert "© Crown copyright 2022" in printed and "\nOctober 2022\n" in printed
    assert (doc["author"], doc["isbn"], doc["reference"], doc["published"]) == (
        "Department for Education",
        "978-1-83870-406-3",
        "RR1270",
        "October 2022",
    )
    code, out, err = cli.raw("cite", "--framework", "--format", "bibtex")
    assert (code, err) == (0, "")
    [entry] = bibtexparser.parse_string(out.decode()).entries
    assert entry.key == FRAMEWORK and entry.entry_type == "techreport"
    fields = {k: entry[k] for k in entry.fields_dict}
    # the DfE is the author and so not also the institution; the reference as printed
    assert fields == {
        "author": "{Department for Education}",
        "title": "{Seven features of practice and seven outcomes}",
        "year": "2022",
        "month": "10",
        "number": "RR: RR1270",
        "isbn": "978-1-83870-406-3",
        "note": "Produced February 2018; published October 2022.",
    }


def test_a_footnote_alone_does_not_bring_the_framework_but_asking_does(
    corpus: Corpus, cli: Cli
) -> None:
    _, alone, _ = cli.raw("cite", "11", "--format", "csl-json")
    assert [i["id"] for i in json.loads(alone)] == ["final-evaluation-report-2017"]
    _, both, _ = cli.raw("cite", "11", "--framework", "--format", "csl-json")
    assert [i["id"] for i in json.loads(both)] == [FRAMEWORK, "final-evaluation-report-2017"]


def test_one_footnote_as_text(cli: Cli) -> None:
    code, out, err = cli.raw("cite", "11")
    assert (code, err) == (0, "")
    assert out.decode() == (
        "References\n\n"
        "Sebba, J., Luke, N., McNeish, D. and Rees, A.† (2017) Final Evaluation Report. "
        "Evaluation report 58†. Children's Social Care Innovation Programme. [The document "
        "gives the author as the Rees Centre at the University of Oxford.] [† Not from the "
        "document: authors Judy Sebba, Nikki Luke, Di McNeish and Alun Rees; report number 58; "
        "issued November "
        "2017 (public record: https://vdocuments.site/childrenas-social-care-innovation-"
        "programme-childrenas-social-care-innovation.html, looked up 2026-11-27; "
        "https://www.basw.co.uk/resources/children%E2%80%99s-social-care-innovation-programme-"
        "final-evaluation-report, looked up 2026-11-27)]\n\n"
        "Footnotes as the document cites them\n\n"
        "11. Ibid., 26. → Final Evaluation Report, 2017, p. 26 "
        "(resolved through footnotes 10, 9 and 8)\n"
    )


def test_everything_by_default_says_footnote_6_once_on_stderr(corpus: Corpus, cli: Cli) -> None:
    code, out, err = cli.raw("cite")
    assert (code, err) == (0, FOOTNOTE_6)
    text = out.decode()
    assert text == cite.to_text(citations.gather(corpus, every_source=True, framework=[]))
    assert text.startswith("References\n\nBaginsky, M., ")  # sorted by first author
    assert (
        "\nDepartment for Education (2022) Seven features of practice and seven outcomes." in text
    )
    # every source, even those no footnote cites, and footnote 6 as a gap
    assert "Munro, E.† (no year given in the document) [Munro Review of Child Protection]." in text
    assert "\n6. [no note printed: " in text


def test_outcome_as_bibtex_parses(corpus: Corpus, cli: Cli) -> None:
    code, out, err = cli.raw("cite", "--outcome", "2", "--format", "bibtex")
    assert (code, err) == (0, "")
    library = bibtexparser.parse_string(out.decode())
    assert library.failed_blocks == []
    numbers = [n["number"] for n in query.outcome(corpus, "2", True)["footnotes"]]
    assert [e.key for e in library.entries] == [FRAMEWORK, *keys_of(corpus, numbers)]
    # the findings are the framework's own words, in its outcomes section
    assert library.entries[0]["note"].endswith("Cited for Seven Outcomes (from p. 7).")
    fsh = next(e for e in library.entries if e.key.startswith("family-safeguarding"))
    assert fsh.entry_type == "techreport"
    assert fsh["title"] == "{Family Safeguarding Hertfordshire Evaluation Report}"


def test_feature_as_ris_is_crlf_and_parses(corpus: Corpus, cli: Cli) -> None:
    code, out, err = cli.raw("cite", "--feature", "6", "--format", "ris")
    assert (code, err) == (0, "")
    assert b"\n" not in out.replace(b"\r\n", b"")
    records = rispy.loads(out.decode())
    assert [r["id"] for r in records] == [FRAMEWORK, *keys_of(corpus, [26, 27])]
    assert all(r["type_of_reference"] == "RPRT" for r in records)
    framework = records[0]
    # an organisation whole (a trailing comma: no given name), the reference in SN, as RPRT has it
    assert framework["authors"] == ["Department for Education,"]
    assert (framework["year"], framework["date"]) == ("2022", "2022/10")
    assert framework["issn"] == "RR: RR1270"
    assert framework["notes"][-2:] == [
        "Cited for Practice feature six (from p. 24).",
        "ISBN 978-1-83870-406-3.",
    ]


def test_project_as_csl_json_is_valid(corpus: Corpus, cli: Cli) -> None:
    code, out, err = cli.raw("cite", "--project", "herts", "--format", "csl-json")
    assert (code, err) == (0, "")
    items = json.loads(out)
    jsonschema.validate(items, json.loads(CSL_SCHEMA.read_text(encoding="utf-8")))
    numbers = [n["number"] for n in query.project(corpus, "herts")["footnotes"]]
    assert [i["id"] for i in items] == [FRAMEWORK, *keys_of(corpus, numbers)]
    assert items[0]["issued"] == {"date-parts": [[2022, 10]]}
    assert (items[0]["ISBN"], items[0]["number"]) == ("978-1-83870-406-3", "RR: RR1270")
    # Hertfordshire's findings stand in the outcomes section, its quotes in feature three's
    assert items[0]["note"].endswith(
        "Cited for Seven Outcomes (from p. 7) and Practice feature three (from p. 18)."
    )


def test_selections_add_up(corpus: Corpus, cli: Cli) -> None:
    code, out, err = cli.raw(
        "cite", "1", "--feature", "6", "--outcome", "3", "--format", "csl-json"
    )
    assert (code, err) == (0, "")
    assert [i["id"] for i in json.loads(out)] == [
        FRAMEWORK,
        *keys_of(corpus, [1, 10, 11, 12, 26, 27]),
    ]


@pytest.mark.parametrize("fmt", ["bibtex", "ris", "csl-json"])
def test_unsourced_footnote_alone_exports_nothing_and_says_so(fmt: str, cli: Cli) -> None:
    code, out, err = cli.raw("cite", "6", "--format", fmt)
    assert (code, err) == (0, FOOTNOTE_6)
    assert out in (b"", b"[]\n")


def test_a_feature_citing_no_footnote_exports_the_framework_and_says_so(cli: Cli) -> None:
    code, out, err = cli.raw("cite", "--feature", "1")
    assert (code, out) == (
        0,
        b"References\n\nDepartment for Education (2022) Seven features of practice and seven "
        b"outcomes. RR: RR1270. ISBN 978-1-83870-406-3. [Cited for Practice feature one "
        b"(from p. 14).]\n",
    )
    assert err == (
        "sevenf: note: the selection cites no footnote, so no evaluation report is exported\n"
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("99",), "sevenf: error: there is no footnote '99': footnotes are numbered 1 to 27\n"),
        (
            ("--feature", "9"),
            "sevenf: error: there is no feature 9: features are numbered 1 to 7\n",
        ),
        (
            ("--project", "hertz"),
            "sevenf: error: no project matches 'hertz'; "
            "did you mean project 'Family Safeguarding Hertfordshire'?\n",
        ),
    ],
)
def test_not_found_is_one_line_and_exit_1(argv: tuple[str, ...], message: str, cli: Cli) -> None:
    assert cli.raw("cite", *argv) == (1, b"", message)


def test_bad_format_is_usage_and_exit_2(cli: Cli) -> None:
    code, out, err = cli.raw("cite", "--format", "endnote")
    assert (code, out) == (2, b"")
    assert err.startswith("sevenf: error: ") and err.count("\n") == 1 and "cite --help" in err
