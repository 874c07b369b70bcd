"""Citations: every format read back by an independent parser, and checked for content.

A small corpus built here stands in for the data (footnotes 1, 3-6 and 8-12 of the
document, and the Munro Review, which no footnote cites); the same checks then run on
the real data/*.yaml, whose footnotes are also checked against the source text.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import bibtexparser
import jsonschema
import pytest
import rispy
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    Locator,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from helpers import DATA, FIXTURES, needs_source, source_text

from seven_features.corpus import validation
from seven_features.corpus.indexed import Corpus
from seven_features.corpus.model import Evidence
from seven_features.errors import DataError, NotFound
from seven_features.queries import citations
from seven_features.render import cite

if TYPE_CHECKING:
    from seven_features.corpus import records

CITE = FIXTURES / "cite"
SERIES = "Children's Social Care Innovation Programme"
NO_AUTHOR = {"author": "The document names no author for it."}


def _report(id: str, title: str, year: str) -> dict[str, Any]:
    return {
        "id": id,
        "kind": "evaluation-report",
        "name": title,
        "title": title,
        "series": SERIES,
        "year": year,
        "author": None,
        "missing": NO_AUTHOR,
    }


def _note(number: int, source: str, year: str | None, page: str | None, text: str) -> Any:
    return {
        "number": number,
        "marker": str(number),
        "text": f"{SERIES}, {text}",
        "source": source,
        "year": year,
        "page": page,
    }


def _ibid(number: int, page: str | None) -> dict[str, Any]:
    text = f"Ibid., {page}." if page else "Ibid."
    return {"number": number, "marker": str(number), "text": text, "ibid": True, "page": page}


FSH = "Family Safeguarding Hertfordshire Evaluation Report"
MOCKINGBIRD = "Evaluation of the Mockingbird Family Model"
LEEDS = "Leeds Family Valued Evaluation Report"
FINAL = "Final Evaluation Report"
NO_NOTE_6 = (
    "The marker ⁶ follows 'physical or mental health' in the text, but no footnote 6 is printed."
)
TOY_EVIDENCE: dict[str, Any] = {
    "sources": [
        _report("mockingbird-evaluation", MOCKINGBIRD, "2016"),
        _report("family-safeguarding-hertfordshire-evaluation", FSH, "2017"),
        _report("leeds-family-valued-evaluation", LEEDS, "2017"),
        {
            "id": "final-evaluation-report",
            "kind": "overall-evaluation",
            "name": FINAL,
            "title": FINAL,
            "series": SERIES,
            "year": "2017",
            "author": "the Rees Centre at the University of Oxford",
            "author_basis": "The Summary.",
        },
        {
            "id": "munro-review",
            "kind": "review",
            "name": "Munro Review of Child Protection",
            "title": None,
            "year": None,
            "author": None,
            "missing": {
                "title": "The document names the review in passing, with no footnote.",
                "year": "The document gives no year.",
                "author": "The document names no author for it.",
            },
        },
    ],
    "footnotes": [
        _note(1, "mockingbird-evaluation", "2016", "9", f"{MOCKINGBIRD}, 2016, pg. 9."),
        {
            **_note(3, "family-safeguarding-hertfordshire-evaluation", None, None, f"{FSH},"),
            "missing": {
                "year": f"The note breaks off after '{FSH},' and gives no year.",
                "page": f"The note breaks off after '{FSH},' and gives no page.",
            },
        },
        {
            **_note(4, "leeds-family-valued-evaluation", "2017", None, f"{LEEDS}, 2017, pg."),
            "missing": {"page": "The note ends 'pg.' with no page number."},
        },
        _note(5, "final-evaluation-report", "2017", "28", f"{FINAL}, 2017, pg. 28."),
        {
            "number": 6,
            "marker": "⁶",
            "text": None,
            "source": None,
            "year": None,
            "page": None,
            "missing": {
                "text": NO_NOTE_6,
                "source": "No note is printed, so the source is not given.",
                "year": "No note is printed, so no year is given.",
                "page": "No note is printed, so no page is given.",
            },
        },
        _note(8, "final-evaluation-report", "2017", "42", f"{FINAL}, 2017, pg. 42"),
        _ibid(9, None),
        _ibid(10, "6"),
        _ibid(11, "26"),
        _note(
            12,
            "family-safeguarding-hertfordshire-evaluation",
            "2017",
            "41",
            "Family Safeguarding Hertfordshire, 2017, pg. 41.",
        ),
    ],
    "projects": [],
    "findings": [],
    "quotes": [],
}
EMPTY_FRAMEWORK: dict[str, Any] = {
    "document": {},
    "programme": {},
    "features": [],
    "outcomes": [],
    "enablers": {"improvement": [], "evaluation": []},
    "table": {},
}


def _toy(evidence: dict[str, Any] = TOY_EVIDENCE) -> Corpus:
    # Through the model, so the dicts have exactly the shape load.py caches. The framework
    # is no valid one on purpose: with no document, the toy stands for no framework at all.
    dumped = Evidence.model_validate(evidence).model_dump()
    return Corpus(
        {
            "framework": cast("records.Framework", EMPTY_FRAMEWORK),
            "evidence": cast("records.Evidence", dumped),
        }
    )


@pytest.fixture(params=["toy", "real"])
def toy_or_real(request: pytest.FixtureRequest, corpus: Corpus) -> Corpus:
    """The toy corpus, then the shipped data."""
    return _toy() if request.param == "toy" else corpus


def corpus_name(corpus: Corpus) -> str:
    return "real" if corpus.document else "toy"


REES = "The Rees Centre at the University of Oxford"  # capitalised where it leads an entry
SEBBA = [("Sebba", "Judy"), ("Luke", "Nikki"), ("McNeish", "Di"), ("Rees", "Alun")]
#: The Final Evaluation Report's authors: the document's in the toy; in the real data, the
#: four a public record names (see test_outside.py for how they are marked).
AUTHORS: dict[str, dict[str, Any]] = {
    "toy": {
        "bibtex": f"{{{REES}}}",
        "ris": [f"{REES},"],
        "csl": [{"literal": REES}],
        "issued": [2017],
        "cited": f"({REES}, 2017, p. 42)",
    },
    "real": {
        "bibtex": " and ".join(f"{family}, {given}" for family, given in SEBBA),
        "ris": [f"{family}, {given}" for family, given in SEBBA],
        "csl": [{"family": family, "given": given} for family, given in SEBBA],
        "issued": [2017, 11],
        "cited": "(Sebba et al., 2017, p. 42)",
    },
}


def _entry(citations: citations.Citations, key: str) -> citations.Entry:
    return next(e for e in citations["entries"] if e["key"] == key)


def _bibtex(text: str) -> dict[str, Any]:
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    return {e.key: e for e in library.entries}


# --- gather --------------------------------------------------------------------------


def test_keys_are_id_and_year_and_unique() -> None:
    keys = citations.citation_keys(_toy())
    assert keys["mockingbird-evaluation"] == "mockingbird-evaluation-2016"
    assert keys["final-evaluation-report"] == "final-evaluation-report-2017"
    assert keys["munro-review"] == "munro-review"  # no year given: none in the key
    assert len(set(keys.values())) == len(keys)


def test_ibid_notes_share_the_key_and_take_the_page_before() -> None:
    cited = citations.gather(_toy(), [10, 9, 8, 9])
    assert cited["numbers"] == [8, 9, 10]
    [entry] = cited["entries"]
    assert entry["key"] == "final-evaluation-report-2017"
    assert [f["number"] for f in entry["footnotes"]] == [8, 9, 10]
    assert [f["key"] for f in entry["footnotes"]] == ["final-evaluation-report-2017"] * 3
    assert [f["page"] for f in entry["footnotes"]] == ["42", "42", "6"]
    assert entry["pages"] == ["42", "6"]
    assert entry["footnotes"][1]["cite_item"] == {
        "id": "final-evaluation-report-2017",
        "label": "page",
        "locator": "42",
    }


def test_every_footnote_by_default_one_entry_per_source_in_order_of_first_citation() -> None:
    cited = citations.gather(_toy())
    assert cited["view"] == "citations"
    assert [e["key"] for e in cited["entries"]] == [
        "mockingbird-evaluation-2016",
        "family-safeguarding-hertfordshire-evaluation-2017",
        "leeds-family-valued-evaluation-2017",
        "final-evaluation-report-2017",
    ]
    fsh = _entry(cited, "family-safeguarding-hertfordshire-evaluation-2017")
    assert [f["number"] for f in fsh["footnotes"]] == [3, 12]
    assert fsh["pages"] == ["41"]
    assert fsh["footnotes"][0]["cite_item"] == {"id": fsh["key"]}
    assert [c["number"] for c in cited["unsourced"]] == [6]
    json.dumps(cited)  # JSON-ready as it is


def test_every_source_adds_the_uncited_ones() -> None:
    cited = citations.gather(_toy(), [1], every_source=True)
    keys = [e["key"] for e in cited["entries"]]
    assert keys[0] == "mockingbird-evaluation-2016"
    assert keys[-1] == "munro-review"
    assert _entry(cited, "munro-review")["footnotes"] == []


def test_an_unknown_footnote_is_not_found() -> None:
    numbered = "no footnote 99: the document's footnotes are numbered 1 to 12"
    with pytest.raises(NotFound, match=numbered):
        citations.gather(_toy(), [99])


def test_two_sources_with_one_key_are_a_data_error(tmp_path: Path) -> None:
    # checked when the data is validated, with the other cross-references (crossref.py)
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    evidence = (data / "evidence.yaml").read_text(encoding="utf-8")
    clash = (
        "sources:\n"
        "- id: final-evaluation-report-2017\n"
        "  kind: research\n"
        "  name: Clash\n"
        "  title: null\n"
        "  year: null\n"
        "  author: null\n"
        "  missing: {title: No title., year: No year., author: No author.}\n"
    )
    (data / "evidence.yaml").write_text(evidence.replace("sources:\n", clash, 1), "utf-8")
    # the real source's line, moved down by the clash's seven lines
    line = evidence.splitlines().index("- id: final-evaluation-report") + 1 + 7
    with pytest.raises(
        DataError,
        match=rf"evidence\.yaml:{line}: sources\[5\]\.id: source 'final-evaluation-report' gets the "
        "citation key 'final-evaluation-report-2017', as source 'final-evaluation-report-2017' "
        "does: rename one of them",
    ):
        validation.validate(data)


# --- formats, read back by independent parsers ---------------------------------------


def test_bibtex_parses_with_every_entry(toy_or_real: Corpus) -> None:
    cited = citations.gather(toy_or_real, every_source=True)
    entries = _bibtex(cite.to_bibtex(cited))
    assert list(entries) == [e["key"] for e in cited["entries"]]
    final = entries["final-evaluation-report-2017"]
    assert final.entry_type == "techreport"
    assert final["author"] == AUTHORS[corpus_name(toy_or_real)]["bibtex"]
    assert final["title"] == "{Final Evaluation Report}"
    assert final["institution"] == SERIES
    assert final["year"] == "2017"
    assert final["type"] == "Evaluation report"
    munro = entries["munro-review"]
    assert munro.entry_type == "misc"
    assert munro["title"] == "{[Munro Review of Child Protection]}"
    assert {"year", "institution"}.isdisjoint(munro.fields_dict)
    # the toy has no public record of it: no author; the real data's names the review's head
    assert munro.fields_dict.get("author") is None or munro["author"] == "Munro, Eileen"
    assert "The document names no author for it." in munro["note"]


def test_bibtex_gaps_and_pages_go_in_the_note() -> None:
    entries = _bibtex(cite.to_bibtex(citations.gather(_toy())))
    assert entries["final-evaluation-report-2017"]["note"] == (
        "Cited in the document's footnotes 5 (p. 28), 8 (p. 42), 9 (Ibid., p. 42), "
        "10 (Ibid., p. 6) and 11 (Ibid., p. 26)."
    )
    leeds = entries["leeds-family-valued-evaluation-2017"]
    assert leeds["note"] == (
        "The document names no author for it. Entered under the series that issued it, as its "
        "footnotes print it. Cited in the document's footnote 4 "
        "(The note ends 'pg.' with no page number.)."
    )
    # the series that issued it, as the author: no style puts the title in its place
    assert leeds["author"] == f"{{{SERIES}}}" and "institution" not in leeds.fields_dict


def test_bibtex_escapes_specials_and_keeps_utf8() -> None:
    odd = "R&D 100% $5 #1 a_b {c} ~d ^e \\f — Children\u2019s £2.6m"
    assert cite.bibtex_escape(odd) == (
        r"R\&D 100\% \$5 \#1 a\_b \textbraceleft{}c\textbraceright{} \textasciitilde{}d "
        r"\textasciicircum{}e \textbackslash{}f — Children"
        "\u2019s £2.6m"
    )
    source = _report("odd-report", odd, "2017")
    evidence = {**TOY_EVIDENCE, "sources": [*TOY_EVIDENCE["sources"], source]}
    cited = citations.gather(_toy(evidence), every_source=True)
    entries = _bibtex(cite.to_bibtex(cited))
    assert entries["odd-report-2017"]["title"] == "{" + cite.bibtex_escape(odd) + "}"


def test_ris_is_crlf_and_parses(toy_or_real: Corpus) -> None:
    cited = citations.gather(toy_or_real, every_source=True)
    text = cite.to_ris(cited)
    assert "\n" not in text.replace("\r\n", "")
    assert text.count("ER  - \r\n") == len(cited["entries"])
    records = rispy.loads(text)
    assert [r["id"] for r in records] == [e["key"] for e in cited["entries"]]
    final = next(r for r in records if r["id"] == "final-evaluation-report-2017")
    assert final["type_of_reference"] == "RPRT"
    assert final["title"] == "Final Evaluation Report"
    assert final["authors"] == AUTHORS[corpus_name(toy_or_real)]["ris"]
    assert final["year"] == "2017"
    assert final["publisher"] == SERIES
    munro = next(r for r in records if r["id"] == "munro-review")
    assert munro["type_of_reference"] == "GEN"
    assert {"year", "publisher"}.isdisjoint(munro)
    assert munro.get("authors", ["Munro, Eileen"]) == ["Munro, Eileen"]
    assert "The document gives no year" in " ".join(munro["notes"])


def test_ris_notes_the_footnotes_and_their_gaps() -> None:
    records = rispy.loads(cite.to_ris(citations.gather(_toy(), [3, 12])))
    [fsh] = records
    assert fsh["notes"] == [
        "The document names no author for it.",
        "Entered under the series that issued it, as its footnotes print it.",
        "Cited in the document's footnotes 3 (The note breaks off after "
        f"'{FSH},' and gives no year. The note breaks off after '{FSH},' and gives no page.) "
        "and 12 (p. 41).",
    ]


def test_csl_json_is_valid_and_renders_with_citeproc(toy_or_real: Corpus) -> None:
    cited = citations.gather(toy_or_real, every_source=True)
    items = json.loads(cite.to_csl_json(cited))
    schema = json.loads((CITE / "csl-data.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(items, schema)
    by_id = {i["id"]: i for i in items}
    final = by_id["final-evaluation-report-2017"]
    assert final["type"] == "report"
    assert final["author"] == AUTHORS[corpus_name(toy_or_real)]["csl"]
    assert final["issued"] == {"date-parts": [AUTHORS[corpus_name(toy_or_real)]["issued"]]}
    assert final["publisher"] == SERIES
    munro = by_id["munro-review"]
    assert munro["type"] == "document"
    assert {"issued", "publisher"}.isdisjoint(munro)
    assert "The document gives no year" in munro["note"]

    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    cites = []
    for footnote in (f for e in cited["entries"] for f in e["footnotes"]):
        item = footnote["cite_item"]
        where = {"locator": Locator(item["label"], item["locator"])} if "locator" in item else {}
        cites.append(Citation([CitationItem(item["id"], **where)]))
        bibliography.register(cites[-1])
    for entry in cited["entries"]:
        bibliography.register(Citation([CitationItem(entry["key"])]))
    rendered = [str(bibliography.cite(c, pytest.fail)) for c in cites]
    assert AUTHORS[corpus_name(toy_or_real)]["cited"] in rendered
    references = [str(r) for r in bibliography.bibliography()]
    assert len(references) == len(cited["entries"])
    assert any("Final Evaluation Report" in r for r in references)


# --- plain text ----------------------------------------------------------------------


def test_text_lists_references_then_footnotes_as_cited() -> None:
    text = cite.to_text(citations.gather(_toy(), every_source=True))
    assert text == (CITE / "toy.txt").read_text(encoding="utf-8")
    assert "*" not in text
    assert "n.d." not in text


def test_text_footnote_lines() -> None:
    lines = cite.to_text(citations.gather(_toy())).splitlines()
    assert f"9. Ibid. → {FINAL}, 2017, p. 42 (resolved through footnote 8)" in lines
    assert f"6. [no note printed: {NO_NOTE_6}]" in lines
    assert f"1. {SERIES}, {MOCKINGBIRD}, 2016, pg. 9." in lines
    twelve = f"12. {SERIES}, Family Safeguarding Hertfordshire, 2017, pg. 41. → {FSH}, 2017, p. 41"
    # the title footnote 12 does not print comes from footnote 3, which does: say so
    assert f"{twelve} [Title as footnote 3 prints it.]" in lines


def test_formats_match_the_fixtures() -> None:
    cited = citations.gather(_toy(), every_source=True)
    read = {p.suffix: p.read_text(encoding="utf-8") for p in CITE.glob("toy.*")}
    assert cite.to_bibtex(cited) == read[".bib"]
    # Kept with LF in git; the CRLF is checked above.
    assert cite.to_ris(cited).replace("\r\n", "\n") == read[".ris"]
    assert cite.to_csl_json(cited) == read[".json"]


# --- the real data -------------------------------------------------------------------


def test_real_footnotes_resolve_as_the_document_prints_them(corpus: Corpus) -> None:
    cited = citations.gather(corpus)
    assert cited["numbers"] == list(range(1, 28))
    assert [c["number"] for c in cited["unsourced"]] == [6]
    final = _entry(cited, "final-evaluation-report-2017")
    assert [f["number"] for f in final["footnotes"]] == [5, 8, 9, 10, 11, 13, 15, 16, 17]
    assert final["pages"] == ["28", "42", "6", "26", "46", "7"]
    fsh = _entry(cited, "family-safeguarding-hertfordshire-evaluation-2017")
    assert [f["number"] for f in fsh["footnotes"]] == [3, 12, 18, 22]
    assert fsh["pages"] == ["41", "12", "46"]
    leeds = _entry(cited, "leeds-family-valued-evaluation-2017")
    assert leeds["pages"] == []
    assert "(The note ends 'pg.' with no page number.)" in cite.item_notes(leeds)[-1]


@needs_source
def test_real_output_says_only_what_the_document_says(corpus: Corpus) -> None:
    document = source_text()
    cited = citations.gather(corpus, every_source=True)
    for entry in cited["entries"]:
        source = entry["source"]
        for field in ("name", "title", "series", "year", "author"):
            if source[field]:
                assert source[field] in document, (source["id"], field)
    text = cite.to_text(cited)
    footnotes = text.split("Footnotes as the document cites them\n\n")[1].splitlines()
    for line in footnotes:
        number, _, rest = line.partition(". ")
        if not rest.startswith("[no note printed"):
            printed = rest.split(" → ")[0].split(" [")[0]
            assert printed in document, number


def test_text_of_a_note_with_no_source_has_no_reference_list() -> None:
    cited = citations.gather(_toy(), [6])
    assert cited["entries"] == []
    assert cite.to_text(cited) == (
        f"Footnotes as the document cites them\n\n6. [no note printed: {NO_NOTE_6}]\n"
    )
    assert cite.to_bibtex(cited) == cite.to_ris(cited) == ""
    assert json.loads(cite.to_csl_json(cited)) == []


# --- line breaks that are not newlines ------------------------------------------------------

BREAKS = {"NEL": "\x85", "LINE SEPARATOR": "\u2028", "PARAGRAPH SEPARATOR": "\u2029"}


def _broken(value: Any, mark: str) -> Any:
    """Every text of the toy evidence with its first space made `mark` (ids have none)."""
    if isinstance(value, dict):
        return {k: _broken(v, mark) for k, v in value.items()}
    if isinstance(value, list):
        return [_broken(v, mark) for v in value]
    return value.replace(" ", mark, 1) if isinstance(value, str) else value


@pytest.mark.parametrize("mark", list(BREAKS.values()), ids=list(BREAKS))
def test_line_breaks_in_the_data_never_split_a_record(mark: str) -> None:
    plain = citations.gather(_toy(), None, every_source=True)
    broken = citations.gather(_toy(_broken(TOY_EVIDENCE, mark)), None, every_source=True)
    outputs = {
        "text": cite.to_text(broken),
        "ris": cite.to_ris(broken),
        "bibtex": cite.to_bibtex(broken),
        "csl-json": cite.to_csl_json(broken),
    }
    for name, text in outputs.items():
        assert mark not in text, name
        # a line-based reader sees as many lines as without the marks
        assert len(text.splitlines()) == len(
            {"text": cite.to_text, "ris": cite.to_ris, "bibtex": cite.to_bibtex}.get(
                name, cite.to_csl_json
            )(plain).splitlines()
        ), name
    assert len(rispy.loads(outputs["ris"])) == len(broken["entries"])
    assert len(_bibtex(outputs["bibtex"])) == len(broken["entries"])
    assert len(json.loads(outputs["csl-json"])) == len(broken["entries"])
