"""Facts from public records, not from the document: traced, marked everywhere, optional.

The document never names the authors, series numbers or months of the evaluation reports
it cites. Where a stored public record gives them, the data carries them beside the
record's address, exact words and the date it was looked up (`Source.outside`); every
view and export says they are not from the document, and --document-only drops them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import bibtexparser
import pytest
import rispy
from helpers import MINIMAL, Cli

from seven_features.corpus import records, validation
from seven_features.corpus.indexed import Corpus
from seven_features.errors import DataError

MARK = "Not from the document"

#: Every fact added, and the record it rests on (see the report of issue 13): per source,
#: each record's host, number, month and count of authors. Where a stronger record (BASW's
#: resource pages, the DfE's own GOV.UK page) states a fact, that fact rests on it, and the
#: copy of the title page on a document-sharing site keeps only what no stronger record states.
ADDED = {
    "final-evaluation-report": [
        ("vdocuments.site", None, "November 2017", 4),
        ("www.basw.co.uk", "58", None, 0),
    ],
    "family-safeguarding-hertfordshire-evaluation": [
        ("vdocument.in", None, "July 2017", 6),
        ("www.basw.co.uk", "55", None, 0),
    ],
    "leeds-family-valued-evaluation": [("cupdf.com", "43", "July 2017", 5)],
    "no-wrong-door-evaluation": [("vdocument.in", "51", "July 2017", 4)],
    "hampshire-isle-of-wight-evaluation": [("www.basw.co.uk", "23", None, 0)],
    "focus-on-practice-evaluation": [
        ("vdocument.in", "01", None, 5),
        ("www.gov.uk", None, "July 2016", 0),
    ],
    "reclaiming-social-work-evaluation": [("fdocuments.net", "45", "July 2017", 8)],
    # The authors only, split into family and given names as the records print them:
    # King's College London's page of the evaluation, and BASW's of the review.
    "signs-of-safety-evaluation": [("www.kcl.ac.uk", None, None, 5)],
    "munro-review": [("www.teachingtimes.com", None, None, 1)],
}
LOOKED_UP = {"www.kcl.ac.uk": "2026-12-05", "munro-review": "2026-12-05"}


def printed(author: str | records.PersonName, words: str) -> str:
    """An author as the record prints it: whole, or split ('Donald Forrester', 'Baginsky, M.')."""
    if isinstance(author, str):
        return author
    natural = f"{author['given']} {author['family']}"
    return natural if natural in words else f"{author['family']}, {author['given']}"


# --- the data ------------------------------------------------------------------------


def test_each_fact_added_rests_on_the_words_of_its_record(corpus: Corpus) -> None:
    found: dict[str, list[tuple[str, str | None, str | None, int]]] = {}
    for source in corpus.sources.values():
        for record in source["outside"]:
            host = record["url"].split("/")[2]
            names = [printed(a, record["words"]) for a in record["authors"]]
            facts = [*names, record["number"], record["issued"]]
            assert all(f in record["words"] for f in facts if f), source["id"]
            later = LOOKED_UP.get(host, LOOKED_UP.get(source["id"]))
            assert record["looked_up"] == (later or "2026-11-27")
            found.setdefault(source["id"], []).append(
                (host, record["number"], record["issued"], len(record["authors"]))
            )
            # a date is only ever the year the document itself gives the report
            if record["issued"]:
                assert source["year"] and record["issued"].endswith(source["year"])
    assert found == ADDED
    # no record, no fact: the reports no stored record confirms keep their gaps
    for unconfirmed in ("mockingbird-evaluation", "ealing-brighter-futures-evaluation"):
        assert corpus.sources[unconfirmed]["outside"] == []
        assert "author" in corpus.sources[unconfirmed]["missing"]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    directory = tmp_path / "data"
    shutil.copytree(MINIMAL, directory)
    return directory


RECORD = """    outside:
      - url: https://example.org/report-58
        words: Evaluation Report 58, November 2017, Judy Sebba
        looked_up: "2026-11-27"
        authors: [Judy Sebba]
        number: "58"
        issued: November 2017
"""


def _with(data: Path, record: str) -> str:
    path = data / "evidence.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = "    author: null\n"
    assert text.count(anchor) == 1
    path.write_text(text.replace(anchor, anchor + record), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        validation.validate(data)
    return str(caught.value)


def test_a_well_traced_fact_is_valid(data: Path) -> None:
    path = data / "evidence.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    author: null\n", "    author: null\n" + RECORD), "utf-8")
    _, evidence = validation.validate(data)
    assert evidence.sources[0].outside[0].authors == ["Judy Sebba"]


@pytest.mark.parametrize(
    ("name", "valid"),
    [
        ("{family: Sebba, given: Judy}", True),  # printed 'Judy Sebba'
        ("{family: Judy, given: Sebba}", False),  # 'Sebba Judy' is not printed: no guess
        ("{family: Sebba, given: J.}", False),
    ],
)
def test_a_name_is_split_only_as_the_record_prints_it(data: Path, name: str, valid: bool) -> None:
    record = RECORD.replace("[Judy Sebba]", f"[{name}]")
    path = data / "evidence.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    author: null\n", "    author: null\n" + record), "utf-8")
    if valid:
        _, evidence = validation.validate(data)
        [author] = evidence.sources[0].outside[0].authors
        assert not isinstance(author, str) and (author.family, author.given) == ("Sebba", "Judy")
    else:
        with pytest.raises(DataError, match="does not occur in the record's words"):
            validation.validate(data)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            '        looked_up: "2026-11-27"\n',
            "sources[0].outside[0].looked_up: required field 'looked_up' is missing"
            " from this public record",
        ),
        (
            "url: https://example.org/report-58\n        ",
            "sources[0].outside[0].url: required field 'url' is missing from this public record",
        ),
        (
            "        words: Evaluation Report 58, November 2017, Judy Sebba\n",
            "sources[0].outside[0].words: required field 'words' is missing from this public record",
        ),
    ],
)
def test_validate_refuses_a_fact_without_provenance(data: Path, change: str, problem: str) -> None:
    assert problem in _with(data, RECORD.replace(change, ""))


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ('number: "58"', 'number: "59"', "'59' does not occur in the record's words"),
        ("[Judy Sebba]", "[Judy Sebba, Nikki Luke]", "'Nikki Luke' does not occur"),
        (
            "url: https://example.org/report-58",
            "url: example.org",
            "url: must be a web address starting http:// or https://, with no spaces,"
            " not 'example.org'",
        ),
        (
            'looked_up: "2026-11-27"',
            "looked_up: last week",
            "looked_up: must be a date written YYYY-MM-DD, not 'last week'",
        ),
        ("issued: November 2017", 'issued: "2017"', "must be a month and a year"),
    ],
)
def test_validate_refuses_a_fact_its_record_does_not_state(
    data: Path, old: str, new: str, problem: str
) -> None:
    assert problem in _with(data, RECORD.replace(old, new))


def test_validate_refuses_a_date_in_another_year_than_the_document_gives(data: Path) -> None:
    record = RECORD.replace("November 2017", "November 2016")
    assert _with(data, record).endswith(
        "sources[0].outside[0].issued: 'November 2016' does not match the year 2017 the "
        "document gives"
    )


def test_validate_refuses_two_records_giving_one_fact(data: Path) -> None:
    second = RECORD.split("    outside:\n")[1].replace("report-58", "copy")
    assert _with(data, RECORD + second).endswith(
        "sources[0].outside[1].authors: authors is given by two public records "
        "(also at sources[0].outside[0].authors, line 13)"
    )


# --- marked wherever shown -----------------------------------------------------------


def test_views_mark_them_and_show_the_record(cli: Cli) -> None:
    code, out, _ = cli("source", "11")
    assert code == 0
    assert (
        "Not from the document: authors Judy Sebba, Nikki Luke, Di McNeish and Alun Rees; "
        "issued November 2017 (public record https://vdocuments.site/"
    ) in out
    assert (
        "looked up 2026-11-27: “Children’s Social Care Innovation Programme Evaluation Report 58"
        in out
    )
    # each record on its own line, with its own address and words
    assert (
        "Not from the document: report number 58 (public record https://www.basw.co.uk/resources/"
        "children%E2%80%99s-social-care-innovation-programme-final-evaluation-report, looked up "
        "2026-11-27: “Children’s Social Care Innovation Programme: Final evaluation report "
    ) in out
    _, project, _ = cli("project", "herts")
    assert "Not from the document: authors Donald Forrester," in project
    _, sources, _ = cli("sources")
    assert f"\n{MARK}: from public records\n" in sources
    assert sources.count("public record https://") == 12


def test_exports_fill_fields_and_say_where_they_are_from(cli: Cli) -> None:
    _, bib, _ = cli("cite", "--format", "bibtex")
    entries = {e.key: e for e in bibtexparser.parse_string(bib).entries}
    final = entries["final-evaluation-report-2017"]
    assert final["author"] == "Sebba, Judy and Luke, Nikki and McNeish, Di and Rees, Alun"
    assert (final["number"], final["month"]) == ("58", "11")
    assert (
        "The document gives the author as the Rees Centre at the University of Oxford."
        in final["note"]
    )
    for key in ("final-evaluation-report-2017", "no-wrong-door-evaluation-2017"):
        assert "looked up 2026-11-27), which reads: “Children’s Social Care" in entries[key]["note"]
    assert f"{MARK}: the authors, the number 51" in entries["no-wrong-door-evaluation-2017"]["note"]
    # a fact from a stronger record is said to be from it, not from the copy of the title page
    assert (
        f"{MARK}: the authors and the date November 2017, from a public record "
        "(https://vdocuments.site/" in final["note"]
    )
    assert f"{MARK}: the number 58, from a public record (https://www.basw.co.uk/" in final["note"]
    focus = entries["focus-on-practice-evaluation-2016"]
    assert (focus["number"], focus["month"]) == ("01", "7")
    assert (
        f"{MARK}: the date July 2016, from a public record (https://www.gov.uk/government/"
        "publications/changes-to-social-work-in-3-london-boroughs-focus-on-practice, looked up "
        "2026-11-27)" in focus["note"]
    )
    assert "Published 4 July 2016”" in focus["note"]
    _, ris, _ = cli("cite", "14", "--format", "ris")
    [hampshire] = rispy.loads(ris)
    # RIS gives a report's number in SN (rispy calls it 'issn')
    assert hampshire["issn"] == "23" and "date" not in hampshire
    assert any(
        n.startswith(f"{MARK}: the number 23, from a public record") for n in hampshire["notes"]
    )


def test_document_only_drops_every_one_of_them(cli: Cli) -> None:
    for argv in (
        ("source", "11", "--document-only"),
        ("sources", "--document-only"),
        ("project", "herts", "--document-only"),
        ("cite", "--document-only"),
        ("cite", "--format", "bibtex", "--document-only"),
        ("brief", "--outcome", "2", "--project", "herts", "--document-only"),
    ):
        code, out, _ = cli(*argv)
        assert code == 0, argv
        assert MARK not in out and "public record" not in out and "Sebba" not in out, argv
    _, bib, _ = cli("cite", "--format", "bibtex", "--document-only")
    final = {e.key: e for e in bibtexparser.parse_string(bib).entries}[
        "final-evaluation-report-2017"
    ]
    # the document's author, its article capitalised where it leads the entry
    assert final["author"] == "{The Rees Centre at the University of Oxford}"
    assert "number" not in final.fields_dict and "month" not in final.fields_dict
    _, as_json, _ = cli("source", "11", "--json", "--document-only")
    assert json.loads(as_json)["source"]["outside"] == []


# --- nothing presented as a fact that is not one -------------------------------------


def test_a_title_the_document_never_gives_is_a_description_in_brackets(cli: Cli) -> None:
    _, csl, _ = cli("cite", "--format", "csl-json")
    items = {i["id"]: i for i in json.loads(csl)}
    signs = items["signs-of-safety-evaluation"]
    assert signs["title"] == "[Signs of Safety evaluation]"
    assert signs["note"].startswith(
        "The title in square brackets is a description, not a title: The document names it "
        "only in a quote's attribution ('Signs of Safety evaluation'); no footnote gives its title."
    )
    _, text, _ = cli("cite", "--document-only")
    assert "\n[Signs of Safety evaluation] (no year given in the document). [The title" in text
    _, text, _ = cli("cite")
    assert (
        "\nBaginsky, M., Moriarty, J., Manthorpe, J., Beecham, J. and Hickman, B.† (no year given "
        "in the document) [Signs of Safety evaluation]. [The title"
    ) in text


def test_a_field_taken_from_another_footnote_names_it(cli: Cli) -> None:
    _, text, _ = cli("cite", "23")
    assert text.rstrip().endswith("[Title as footnote 20 prints it.]")
    _, bib, _ = cli("cite", "12", "--format", "bibtex")
    note = bibtexparser.parse_string(bib).entries[0]["note"]
    assert "Title as footnotes 3, 18 and 22 print it." in note
    _, bib, _ = cli("cite", "3", "--format", "bibtex")
    assert (
        "Year as footnotes 12, 18 and 22 give it."
        in bibtexparser.parse_string(bib).entries[0]["note"]
    )
