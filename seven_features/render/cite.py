"""Citations of the sources the document footnotes, as BibTeX, RIS, CSL-JSON and plain text.

`gather()` turns footnotes into one entry per source; each `to_*` function lays the
same entries out as one format and returns a `str`. Nothing here prints.

Rules every format follows, so that what a user pastes is what the document says:

- **Keys.** A source's citation key is its id, then a hyphen and its year when the
  document gives one: `final-evaluation-report-2017`, `munro-review`. Keys are
  lower-case ASCII letters, digits and hyphens, so they are valid unchanged as BibTeX,
  biblatex, RIS `ID`, CSL `id` and pandoc keys, and survive citeproc-py lower-casing
  ids. One source has one key; footnotes that resolve to it ('Ibid.' included) share it.
- **Locators.** A footnote's page is a locator of one citation, not a property of the
  report, so CSL has no item field for it. Each gathered footnote carries a CSL
  citation item (`cite_item`: `id`, `label`, `locator`) for whoever cites it; the
  item-level `note` (BibTeX `note`, RIS `N1`) lists the footnotes that cite the
  report, each with its page: the pages cited, in footnote order.
- **Gaps.** A title, year or author the document does not give is left out (a source
  with no title is entered under the name the document gives it) and the record's own
  `missing` sentence is put in the note instead. Footnote gaps (no year, no page) are
  reported beside that footnote. Text says "(no year given in the document)", never
  "n.d.", so no reader takes it for a known date.
- **Kinds.** Evaluation reports are `@techreport` / `RPRT` / `report` with genre
  "Evaluation report" (which also keeps BibTeX styles from printing "Technical
  Report"); other sources are `@misc` / `GEN` / `document`. The series ("Children's
  Social Care Innovation Programme", where the footnotes print it ahead of the
  title) is the institution / `PB` / `publisher`; CSL `collection-title` is not also
  set, as styles would print the same words twice.
- **Text.** Plain text, no markup: titles are not starred or italicised. A reference
  leads with the series where the footnotes print one, else the author, else the
  title: `Children's Social Care Innovation Programme (2017) Final Evaluation Report.
  Author: the Rees Centre at the University of Oxford.`; gaps follow in brackets.
  References are sorted by lead (ignoring a leading "the"), year and title. The
  footnotes follow as printed; 'Ibid.', a note with no year or page, and a note
  printing the title otherwise than the record gives `→` the reading, and the
  record's sentences on what is missing follow in brackets.
- **Escaping.** BibTeX specials are escaped; `{` and `}` become `\\textbraceleft{}` and
  `\\textbraceright{}`, because BibTeX counts even escaped braces. Control characters
  (newlines too) become spaces in every format, since one would break a RIS record.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any, TypedDict

from ..corpus import Corpus, Record
from ..errors import DataError, NotFound

#: A source or footnote record as the data gives it (see `records.py`).
ReadOnly = Mapping[str, Any]
REPORT_KINDS = frozenset({"evaluation-report", "overall-evaluation"})
GENRE = "Evaluation report"
NO_YEAR = "(no year given in the document)"

#: Gaps of a footnote that matter to a citation of it (not, say, a missing marker).
_CITED_GAPS = ("year", "page")
# Controls (newlines too) would break a record; bidirectional controls would reorder a
# terminal's line (the same set as `blocks.clean`).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_BIBTEX_RE = re.compile("|".join(re.escape(c) for c in _BIBTEX_SPECIALS))


class Entry(TypedDict):
    """One source and the footnotes (of those asked for) that cite it."""

    key: str
    source: ReadOnly
    #: `Corpus.citation(n)` of each, in footnote order, plus `key` and `cite_item`.
    footnotes: list[Record]
    #: Pages of those footnotes, in footnote order, each once.
    pages: list[str]


class Citations(TypedDict):
    """What `gather()` returns: JSON-ready, like every query result."""

    view: str
    #: The footnote numbers asked for, sorted, each once.
    numbers: list[int]
    #: One per source, in order of first citation (uncited sources last, if asked for).
    entries: list[Entry]
    #: Resolved footnotes that reach no source (footnote 6: a marker with no note).
    unsourced: list[ReadOnly]


# --- gathering -----------------------------------------------------------------------


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def citation_key(source: ReadOnly) -> str:
    """The source's id, then `-` and its year where the document gives one."""
    year = _slug(source["year"]) if source["year"] else ""
    return f"{_slug(source['id'])}-{year}" if year else _slug(source["id"])


def citation_keys(corpus: Corpus) -> dict[str, str]:
    """Source id -> citation key for every source; two sources sharing a key is a data error."""
    keys: dict[str, str] = {}
    for source_id, source in corpus.sources.items():
        key = citation_key(source)
        clash = next((other for other, k in keys.items() if k == key), None)
        if clash is not None:
            raise DataError(
                f"sources '{clash}' and '{source_id}' both get the citation key '{key}'; "
                "rename one of them"
            )
        keys[source_id] = key
    return keys


def gather(
    corpus: Corpus, numbers: Iterable[int] | None = None, *, every_source: bool = False
) -> Citations:
    """The sources that footnotes `numbers` (default: all) cite, one entry per source.

    Footnotes are resolved with `Corpus.citation` ('Ibid.' followed). Those that reach
    no source are returned under `unsourced` so the caller can say so. With
    `every_source`, sources no chosen footnote cites (the Munro Review, say) follow
    with no footnotes.
    """
    wanted = sorted(corpus.footnotes) if numbers is None else sorted(set(numbers))
    for number in wanted:
        if number not in corpus.footnotes:
            first, last = min(corpus.footnotes), max(corpus.footnotes)
            raise NotFound(
                f"no footnote {number}: the document's footnotes are numbered {first} to {last}"
            )
    keys = citation_keys(corpus)
    entries: dict[str, Entry] = {}
    unsourced: list[ReadOnly] = []
    for number in wanted:
        cited = corpus.citation(number)
        source_id = cited["source"]
        if source_id is None:
            unsourced.append(cited)
            continue
        key = keys[source_id]
        entry = entries.setdefault(
            source_id,
            {"key": key, "source": corpus.sources[source_id], "footnotes": [], "pages": []},
        )
        page = cited["page"]
        item: Record = {"id": key}
        if page is not None:
            item |= {"label": "page", "locator": page}
            if page not in entry["pages"]:
                entry["pages"].append(page)
        entry["footnotes"].append({**cited, "key": key, "cite_item": item})
    if every_source:
        for source_id, source in corpus.sources.items():
            if source_id not in entries:
                entries[source_id] = {
                    "key": keys[source_id],
                    "source": source,
                    "footnotes": [],
                    "pages": [],
                }
    return {
        "view": "citations",
        "numbers": wanted,
        "entries": list(entries.values()),
        "unsourced": unsourced,
    }


# --- what every format says ----------------------------------------------------------


def _flat(text: str) -> str:
    """One line: control characters (newlines too) would break a RIS or BibTeX record."""
    return _CONTROL.sub(" ", text)


def _sentence(text: str) -> str:
    text = _flat(text).strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _gaps(missing: dict[str, str], fields: Iterable[str] | None = None) -> list[str]:
    """The record's own sentences on what the document leaves out, each once."""
    chosen = missing if fields is None else {k: missing[k] for k in fields if k in missing}
    return list(dict.fromkeys(_sentence(text) for text in chosen.values()))


def _title(source: ReadOnly) -> str:
    return _flat(source["title"] or source["name"])


def _is_report(source: ReadOnly) -> bool:
    return source["kind"] in REPORT_KINDS


def _footnote_reading(cited: ReadOnly) -> str:
    """'9 (Ibid., p. 42)': one footnote as an item note gives it."""
    said = ["Ibid."] if cited["ibid"] else []
    if cited["page"] is not None:
        said.append(f"p. {_flat(cited['page'])}")
    parts = [", ".join(said)] if said else []
    parts.extend(_gaps(cited["missing"], _CITED_GAPS))
    return f"{cited['number']} ({' '.join(parts)})" if parts else str(cited["number"])


def item_notes(entry: Entry) -> list[str]:
    """The sentences of an item's note: the source's gaps, then the footnotes citing it."""
    notes = _gaps(entry["source"]["missing"])
    if entry["footnotes"]:
        which = "footnote" if len(entry["footnotes"]) == 1 else "footnotes"
        readings = ", ".join(_footnote_reading(c) for c in entry["footnotes"])
        notes.append(f"Cited in the document's {which} {readings}.")
    return notes


# --- BibTeX --------------------------------------------------------------------------


def bibtex_escape(text: str) -> str:
    """Escape BibTeX's specials; braces become commands so every value stays balanced."""
    return _BIBTEX_RE.sub(lambda m: _BIBTEX_SPECIALS[m.group()], _flat(text))


def _bibtex_entry(entry: Entry) -> str:
    source = entry["source"]
    fields: list[tuple[str, str]] = []
    if source["author"]:
        # Double braces: an organisation, never split into given and family names.
        fields.append(("author", f"{{{bibtex_escape(source['author'])}}}"))
    # Double braces keep styles from changing the title's capitals.
    fields.append(("title", f"{{{bibtex_escape(_title(source))}}}"))
    if source["series"]:
        venue = "institution" if _is_report(source) else "howpublished"
        fields.append((venue, bibtex_escape(source["series"])))
    if source["year"]:
        fields.append(("year", bibtex_escape(source["year"])))
    if _is_report(source):
        fields.append(("type", GENRE))
    notes = item_notes(entry)
    if notes:
        fields.append(("note", bibtex_escape(" ".join(notes))))
    kind = "techreport" if _is_report(source) else "misc"
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields)
    return f"@{kind}{{{entry['key']},\n{body}}}\n"


def to_bibtex(citations: Citations) -> str:
    """A BibTeX database, one entry per source; curly apostrophes and £ stay UTF-8."""
    return "\n".join(_bibtex_entry(e) for e in citations["entries"])


# --- RIS -----------------------------------------------------------------------------


def _ris_record(entry: Entry) -> list[str]:
    source = entry["source"]
    lines = [("TY", "RPRT" if _is_report(source) else "GEN"), ("ID", entry["key"])]
    lines.append(("TI", _title(source)))
    if source["author"]:
        lines.append(("AU", _flat(source["author"])))
    if source["year"]:
        lines.append(("PY", _flat(source["year"])))
    if source["series"]:
        lines.append(("PB", _flat(source["series"])))
    if _is_report(source):
        lines.append(("M3", GENRE))
    lines.extend(("N1", note) for note in item_notes(entry))
    return [f"{tag}  - {value}" for tag, value in lines] + ["ER  - "]


def to_ris(citations: Citations) -> str:
    """RIS records with CRLF line endings, each ending 'ER  - ', a blank line between."""
    records = ["\r\n".join(_ris_record(e)) + "\r\n" for e in citations["entries"]]
    return "\r\n".join(records)


# --- CSL-JSON ------------------------------------------------------------------------


def _issued(year: str) -> dict[str, Any]:
    # isdecimal, not isdigit: int() refuses '²⁰¹⁷'; and a year has at most four digits.
    number = year.isdecimal() and len(year) <= 4
    return {"date-parts": [[int(year)]]} if number else {"literal": year}


def csl_item(entry: Entry) -> Record:
    """One CSL-JSON item; its `note` lists the footnotes citing it and their pages."""
    source = entry["source"]
    item: Record = {"id": entry["key"], "type": "report" if _is_report(source) else "document"}
    item["title"] = _title(source)
    if source["author"]:
        item["author"] = [{"literal": _flat(source["author"])}]
    if source["year"]:
        item["issued"] = _issued(_flat(source["year"]))
    if source["series"]:
        item["publisher"] = _flat(source["series"])
    if _is_report(source):
        item["genre"] = GENRE
    notes = item_notes(entry)
    if notes:
        item["note"] = " ".join(notes)
    return item


def to_csl_json(citations: Citations) -> str:
    """A JSON array of CSL items (CSL-JSON), UTF-8, indented."""
    items = [csl_item(e) for e in citations["entries"]]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


# --- plain text ----------------------------------------------------------------------


def _lead(source: ReadOnly) -> str | None:
    """Who a Harvard reference starts with: the series, as the footnotes print it, or the author."""
    lead: str | None = source["series"] or source["author"]
    return lead


def harvard(source: ReadOnly) -> str:
    """One Harvard-style reference in plain text, with the document's gaps in brackets."""
    lead, title = _lead(source), _title(source)
    year = f"({_flat(source['year'])})" if source["year"] else NO_YEAR
    line = f"{_flat(lead)} {year} {title}." if lead else f"{title} {year}."
    if source["author"] and source["author"] != lead:
        line += f" Author: {_flat(source['author'])}."
    return " ".join([line, *(f"[{gap}]" for gap in _gaps(source["missing"]))])


def _harvard_order(source: ReadOnly) -> tuple[str, str, str]:
    lead = (_lead(source) or _title(source)).casefold().removeprefix("the ")
    return lead, source["year"] or "", _title(source).casefold()


def references(sources: Iterable[ReadOnly]) -> list[str]:
    """Harvard references for `sources`, in the reference list's order."""
    return [harvard(s) for s in sorted(sources, key=_harvard_order)]


def _through(chain: list[int]) -> str:
    if len(chain) == 1:
        return f"note {chain[0]}"
    return f"notes {', '.join(map(str, chain[:-1]))} and {chain[-1]}"


def footnote_line(cited: ReadOnly, source: ReadOnly | None) -> str:
    """A footnote as printed; '→' the reading where the print alone does not give it.

    The reading (title, year, page) follows 'Ibid.', a note with no year or page, and a
    note that prints the title otherwise than the source record gives it. Then, in
    brackets, the record's sentences on what the document leaves out.
    """
    number = cited["number"]
    if cited["printed"] is None:
        gap = cited["missing"].get("text", "no note is printed.")
        return f"{number}. [no note printed: {_sentence(gap)}]"
    printed = _flat(cited["printed"])
    line = f"{number}. {printed}"
    gaps = _gaps({k: v for k, v in cited["missing"].items() if k != "text"})
    if source is None:
        gaps = gaps or ["The source of this note is not identified."]
    elif (
        cited["ibid"]
        or any(k in cited["missing"] for k in _CITED_GAPS)
        or _title(source) not in printed
    ):
        reading = [_title(source)]
        if cited["year"]:
            reading.append(_flat(cited["year"]))
        if cited["page"] is not None:
            reading.append(f"p. {_flat(cited['page'])}")
        line += f" → {', '.join(reading)}"
        if cited["ibid"]:
            line += f" (Ibid. resolved through {_through(cited['resolved_through'])})"
    return " ".join([line, *(f"[{gap}]" for gap in gaps)])


def to_text(citations: Citations) -> str:
    """A Harvard-style reference list, then the footnotes as the document cites them."""
    sources = sorted((e["source"] for e in citations["entries"]), key=_harvard_order)
    by_number = {
        c["number"]: (c, e["source"]) for e in citations["entries"] for c in e["footnotes"]
    }
    by_number |= {c["number"]: (c, None) for c in citations["unsourced"]}
    sections: list[str] = []
    if sources:
        sections.append("\n".join(["References", "", *(harvard(s) for s in sources)]))
    if by_number:
        notes = (footnote_line(*by_number[n]) for n in sorted(by_number))
        sections.append("\n".join(["Footnotes as the document cites them", "", *notes]))
    return "\n\n".join(sections) + "\n" if sections else ""
