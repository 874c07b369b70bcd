"""Citations of the framework and the sources it footnotes, as BibTeX, RIS, CSL-JSON and text.

`gather()` turns footnotes into one entry per source (and, when what is cited rests
on it, one for the framework itself); `bib()` says what an entry's record holds, once,
for every format; each `to_*` function lays the same entries out as one format and
returns a `str`. Nothing here prints.

Rules every format follows, so that what a user pastes is what the document says:

- **Keys.** A source's citation key is its id, then a hyphen and its year when the
  document gives one: `final-evaluation-report-2017`, `munro-review`; the framework's
  is `seven-features-of-practice-2022`. Keys are lower-case ASCII letters, digits and
  hyphens, so they are valid unchanged as BibTeX, biblatex, RIS `ID`, CSL `id` and
  pandoc keys, and survive citeproc-py lower-casing ids. One source has one key;
  footnotes that resolve to it ('Ibid.' included) share it.
- **The framework.** Definitions, points, pitfalls, quotes and findings are the
  framework's own text, so a selection of features, outcomes or projects exports the
  framework too (Department for Education, 2022, its ISBN and its reference as its
  About page prints it, 'RR: RR1270', all from the document), with the sections cited
  and the pages the Contents give them.
- **Authors.** A reference manager reads people and organisations apart: a person is
  CSL `family`/`given`, BibTeX `Family, Given`, RIS `AU  - Family, Given`; an
  organisation is CSL `literal`, BibTeX double-braced, RIS whole with a trailing comma.
  People come only from public records, split as the record prints the name
  (`model.PersonName`). With none, the author is the organisation the document names
  (its article capitalised, 'The ISOS Partnership'), else the series that issued the
  report, the same that leads sevenf's text reference: so no style puts the title in
  the author's place and prints it twice. A publisher that is the author is left out.
- **Locators.** A footnote's page is a locator of one citation, not a property of the
  report, so CSL has no item field for it. Each gathered footnote carries a CSL
  citation item (`cite_item`: `id`, `label`, `locator`) for whoever cites it; the
  item-level `note` (BibTeX `note`, RIS `N1`) lists the footnotes that cite the
  report, each with its page: the pages cited, in footnote order.
- **Gaps.** A year or author the document does not give is left out and the record's
  own `missing` sentence is put in the note instead. A source whose title the document
  never gives is entered under a description in square brackets (`[Signs of Safety
  evaluation]`, the reference-manager convention for a supplied title), and the note
  says so. A title or year that the cited footnotes do not print themselves, taken
  from other footnotes on the same source, is noted with those footnotes' numbers.
  Text says "(no year given in the document)", never "n.d.", so no reader takes it
  for a known date.
- **Facts from outside the document.** Authors, series numbers and months that a
  public record gives (see `model.PublicRecord`) fill the author, number (BibTeX and
  CSL `number`, RIS `SN`) and date fields, and the note says they are not from the
  document, with the record's address, the date it was looked up and its words; in
  text a dagger marks each. `--document-only` drops them before anything here sees
  them (`Corpus.document_only`).
- **Kinds.** Evaluation reports are `@techreport` / `RPRT` / `report` with genre
  "Evaluation report" (which also keeps BibTeX styles from printing "Technical
  Report"); the framework is one too, with no genre, as its reference says what it
  is; other sources are `@misc` / `GEN` / `document`. The series ("Children's Social
  Care Innovation Programme", where the footnotes print it ahead of the title) is the
  institution / `PB` / `publisher`; CSL `collection-title` is not also set, as styles
  would print the same words twice.
- **Text.** Plain text, no markup: titles are not starred or italicised. A reference
  is Harvard, as the exports render in Cite Them Right: `Forrester, D., Lynch, A. …
  and Cary, A.† (2017) Family Safeguarding Hertfordshire Evaluation Report. Evaluation
  report 55†. Children's Social Care Innovation Programme.`, a dagger on each fact from
  outside the document; the gaps and where the outside facts come from follow in
  brackets. References are sorted by first author (ignoring a leading "the") or
  title, year and title. The footnotes follow as printed; 'Ibid.', a note with no
  year or page, and a note printing the title otherwise than the record gives `→` the
  reading, and the record's sentences on what is missing follow in brackets.
- **Escaping.** BibTeX specials are escaped; `{` and `}` become `\\textbraceleft{}` and
  `\\textbraceright{}`, because BibTeX counts even escaped braces. Control characters
  (newlines too) become spaces in every format, since one would break a RIS record.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, NamedTuple

from seven_features.corpus.indexed import Record
from seven_features.queries.citations import MONTHS, Citations, Entry, LocalEntry, ReadOnly
from seven_features.render.blocks import clean
from seven_features.wording import listed, numbered, numbers, possessive, resolved_through

REPORT_KINDS = frozenset({"evaluation-report", "overall-evaluation", "framework"})
#: The framework has no genre: its reference ('RR: RR1270') says what it is, as printed.
GENRES: dict[str, str | None] = {"framework": None}
GENRE = "Evaluation report"
NO_YEAR = "(no year given in the document)"

#: Gaps of a footnote that matter to a citation of it (not, say, a missing marker).
_CITED_GAPS = ("year", "page")
# Controls and line breaks (newline, NEL, U+2028, U+2029) would break a record;
# bidirectional controls would reorder a terminal's line (the set of `blocks.clean`).
_CONTROL = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
_FOLD = re.compile(f"(?:{_CONTROL.pattern}|\\s)+")
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


# --- what every format says ----------------------------------------------------------


def _flat(text: str) -> str:
    """One line: control characters (newlines too) would break a RIS or BibTeX record, and
    each run of them and of white space becomes one space, as on every other line sevenf
    prints (`blocks.oneline`): a public record quoted over several lines reads as one."""
    return _FOLD.sub(" ", text)


def _sentence(text: str) -> str:
    text = _flat(text).strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _gaps(missing: dict[str, str], fields: Iterable[str] | None = None) -> list[str]:
    """The record's own sentences on what the document leaves out, each once."""
    chosen = missing if fields is None else {k: missing[k] for k in fields if k in missing}
    return list(dict.fromkeys(_sentence(text) for text in chosen.values()))


def title(source: ReadOnly) -> str:
    """The title; where the document gives none, a description in square brackets."""
    return _flat(source["title"]) if source["title"] else f"[{_flat(source['name'])}]"


def _is_report(source: ReadOnly) -> bool:
    return source["kind"] in REPORT_KINDS


class Author(NamedTuple):
    """An author as a reference manager reads one: a person, with a family name and given
    names, or an organisation (or a name kept whole), with neither."""

    #: The name as it is printed: 'Donald Forrester', 'Baginsky, M.', 'Department for Education'.
    printed: str
    family: str | None = None
    given: str | None = None

    @property
    def person(self) -> bool:
        return self.family is not None


def author(name: str | ReadOnly, words: str = "") -> Author:
    """A public record's author: split where the record gives family and given names."""
    if isinstance(name, str):
        return Author(_flat(name))
    family, given = _flat(name["family"]), _flat(name["given"])
    natural = f"{given} {family}"
    printed = natural if natural in _flat(words) else f"{family}, {given}"
    return Author(printed, family, given)


def organisation(name: str) -> Author:
    """An organisation as an author. A name the document prints mid-sentence with a
    lower-case article ('the ISOS Partnership') begins with a capital here, where it
    begins an entry; its words are otherwise as printed."""
    name = _flat(name)
    return Author(name[:1].upper() + name[1:])


class Outside(NamedTuple):
    """A source's facts from public records, merged, and the records they rest on."""

    authors: tuple[Author, ...]
    number: str | None
    issued: str | None
    records: tuple[ReadOnly, ...]


def outside(source: ReadOnly) -> Outside | None:
    """The facts from outside the document about `source`, or None where there are none."""
    records = tuple(source.get("outside") or ())
    if not records:
        return None
    return Outside(
        authors=tuple(author(a, r["words"]) for r in records for a in r["authors"]),
        number=next((r["number"] for r in records if r["number"]), None),
        issued=next((r["issued"] for r in records if r["issued"]), None),
        records=records,
    )


def record_facts(record: ReadOnly) -> list[str]:
    """What one public record adds, in words: 'the authors', 'the number 58', 'the date …'."""
    facts = ["the authors"] if record["authors"] else []
    if record["number"]:
        facts.append(f"the number {record['number']}")
    if record["issued"]:
        facts.append(f"the date {record['issued']}")
    return facts


def provenance(record: ReadOnly) -> str:
    """One sentence marking a record's facts as not from the document, with where they are from."""
    return (
        f"Not from the document: {listed(record_facts(record))}, from a public record "
        f"({_flat(record['url'])}, looked up {record['looked_up']}), which reads: "
        f"“{_flat(record['words'])}”."
    )


def taken(field: str, notes: list[int], noun: str = "footnote") -> str:
    """'title as footnotes 3, 18 and 22 print it': where a note's field comes from."""
    verb = {"title": "print", "year": "give"}[field] + ("s" if len(notes) == 1 else "")
    return f"{field} as {numbers(noun, notes)} {verb} it"


def filled_note(filled: dict[str, list[int]]) -> str:
    """'Title as footnotes 3, 18 and 22 print it; year as footnote 12 gives it.'"""
    text = "; ".join(taken(field, notes) for field, notes in filled.items())
    return f"{text[:1].upper()}{text[1:]}." if text else ""


def source_gaps(source: ReadOnly) -> list[str]:
    """The record's sentences on what the document leaves out, the title first: where it
    is missing, the entry stands under a description in square brackets, and says so."""
    missing = dict(source["missing"])
    notes = []
    if source["title"] is None:
        why = _sentence(missing.pop("title", "The document gives no title."))
        notes.append(f"The title in square brackets is a description, not a title: {why}")
    return notes + _gaps(missing)


def _footnote_reading(cited: ReadOnly) -> str:
    """'9 (Ibid., p. 42)': one footnote as an item note gives it."""
    said = ["Ibid."] if cited["ibid"] else []
    if cited["page"] is not None:
        said.append(f"p. {_flat(cited['page'])}")
    parts = [", ".join(said)] if said else []
    parts.extend(_gaps(cited["missing"], _CITED_GAPS))
    return f"{cited['number']} ({' '.join(parts)})" if parts else str(cited["number"])


def section_reading(section: ReadOnly) -> str:
    """'Practice feature four (from p. 20)': a section of the framework and where it starts."""
    return f"{_flat(section['section'])} (from p. {section['page']})"


def item_notes(entry: Entry) -> list[str]:
    """The sentences of an item's note: a supplied title, the source's gaps, the document's
    author where a record names others, facts from outside the document, what other
    footnotes supplied, then the footnotes or sections citing it."""
    source = entry["source"]
    notes = source_gaps(source)
    facts = outside(source)
    if facts and facts.authors and source["author"]:
        notes.append(f"The document gives the author as {_flat(source['author'])}.")
    elif not (facts and facts.authors) and not source["author"] and source["series"]:
        notes.append("Entered under the series that issued it, as its footnotes print it.")
    notes += [provenance(r) for r in (facts.records if facts else ())]
    if source["kind"] == "framework":
        notes.append(f"Produced {source['produced']}; published {source['issued']}.")
    if entry["sections"]:
        notes.append(f"Cited for {listed([section_reading(s) for s in entry['sections']])}.")
    if entry["filled"]:
        notes.append(filled_note(entry["filled"]))
    if entry["footnotes"]:
        readings = numbered("footnote", [_footnote_reading(c) for c in entry["footnotes"]])
        notes.append(f"Cited in the document's {''.join(readings)}.")
    return notes


class Bib(NamedTuple):
    """What one entry's record holds, decided once for every format."""

    key: str
    report: bool
    title: str
    #: The authors: people a public record names, else the organisation the document
    #: names as author, else the one that issued it (the series the footnotes print).
    authors: tuple[Author, ...]
    #: Whether the authors are from outside the document (a public record).
    authors_outside: bool
    year: str | None
    month: int | None
    #: The series as the footnotes print it, else the framework's author.
    publisher: str | None
    number: str | None
    isbn: str | None
    genre: str | None
    notes: tuple[str, ...]
    #: Where a local source can be read, as its file gives it.
    url: str | None = None
    #: Whose local evidence the entry is from: None for the document's own sources.
    owner: str | None = None


def document_authors(source: ReadOnly) -> tuple[Author, ...]:
    """Who the document gives as the author, else the organisation that issued the source
    (the series its footnotes print): so a style never puts the title in the author's
    place and then prints it again. None where the document gives neither."""
    named = source["author"] or source["series"]
    return (organisation(named),) if named else ()


def bib(entry: Entry) -> Bib:
    """The fields of `entry` every format lays out."""
    source = entry["source"]
    facts = outside(source)
    people = facts.authors if facts else ()
    authors = people or document_authors(source)
    issued = (facts.issued if facts else None) or source.get("issued")
    month = MONTHS.index(issued.split()[0]) + 1 if issued else None
    publisher = source["series"] or (source["author"] if source["kind"] == "framework" else None)
    if publisher and authors == (organisation(publisher),):
        publisher = None  # the author issued it: a style would print the name twice
    genre = GENRES.get(source["kind"], GENRE) if _is_report(source) else None
    return Bib(
        key=entry["key"],
        report=_is_report(source),
        title=title(source),
        authors=authors,
        authors_outside=bool(people),
        year=_flat(source["year"]) if source["year"] else None,
        month=month,
        publisher=_flat(publisher) if publisher else None,
        number=(facts.number if facts else None) or source.get("number"),
        isbn=source.get("isbn"),
        genre=genre,
        notes=tuple(item_notes(entry)),
    )


# --- BibTeX --------------------------------------------------------------------------


def bibtex_escape(text: str) -> str:
    """Escape BibTeX's specials; braces become commands so every value stays balanced."""
    return _BIBTEX_RE.sub(lambda m: _BIBTEX_SPECIALS[m.group()], _flat(text))


def _bibtex_name(a: Author) -> str:
    if a.family is None or a.given is None:
        return f"{{{bibtex_escape(a.printed)}}}"
    return f"{bibtex_escape(a.family)}, {bibtex_escape(a.given)}"


def _bibtex_url(url: str) -> str:
    """An address as BibTeX's `url` field keeps it, verbatim (escaping `_` or `%` would
    change it): only a brace or backslash, which would unbalance the record, is
    percent-encoded, as a browser would send it."""
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def _bibtex_entry(entry: Entry) -> str:
    return _bibtex_record(bib(entry))


def _bibtex_record(b: Bib) -> str:
    fields: list[tuple[str, str]] = []
    if b.authors:
        # A person as 'Family, Given'; an organisation braced, so no style splits it.
        names = " and ".join(_bibtex_name(a) for a in b.authors)
        fields.append(("author", names))
    # Double braces keep styles from changing the title's capitals.
    fields.append(("title", f"{{{bibtex_escape(b.title)}}}"))
    if b.publisher:
        fields.append(("institution" if b.report else "howpublished", bibtex_escape(b.publisher)))
    if b.year:
        fields.append(("year", bibtex_escape(b.year)))
    if b.month:
        fields.append(("month", str(b.month)))
    if b.genre:
        fields.append(("type", b.genre))
    if b.number:
        fields.append(("number", bibtex_escape(b.number)))
    if b.isbn:
        fields.append(("isbn", bibtex_escape(b.isbn)))
    if b.url:
        fields.append(("url", _bibtex_url(_flat(b.url))))
    if b.notes:
        fields.append(("note", bibtex_escape(" ".join(b.notes))))
    kind = "techreport" if b.report else "misc"
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields)
    return f"@{kind}{{{b.key},\n{body}}}\n"


def to_bibtex(citations: Citations) -> str:
    """A BibTeX database, one entry per source, then the local ones; curly apostrophes and
    £ stay UTF-8."""
    records = [_bibtex_entry(e) for e in citations["entries"]]
    records += [_bibtex_record(local_bib(e)) for e in citations.get("local", [])]
    return "\n".join(records)


# --- RIS -----------------------------------------------------------------------------


def _ris_record(entry: Entry) -> list[str]:
    return _ris_lines(bib(entry))


def _ris_lines(b: Bib) -> list[str]:
    lines = [("TY", "RPRT" if b.report else "GEN"), ("ID", b.key), ("TI", b.title)]
    # 'Family, Given'; an organisation whole, with a trailing comma, so that no reader
    # takes its last word for a family name
    lines += [("AU", f"{a.family}, {a.given}" if a.person else f"{a.printed},") for a in b.authors]
    if b.year:
        lines.append(("PY", b.year))
        if b.month:
            lines.append(("DA", f"{b.year}/{b.month:02d}"))
    if b.publisher:
        lines.append(("PB", b.publisher))
    if b.genre:
        lines.append(("M3", b.genre))
    # SN is a report's number (RPRT), else an ISBN; an ISBN it cannot hold goes in the note
    notes = list(b.notes)
    if b.number:
        lines.append(("SN", _flat(b.number)))
        notes += [f"ISBN {_flat(b.isbn)}."] if b.isbn else []
    elif b.isbn:
        lines.append(("SN", _flat(b.isbn)))
    if b.url:
        lines.append(("UR", _flat(b.url)))
    lines.extend(("N1", note) for note in notes)
    return [f"{tag}  - {value}" for tag, value in lines] + ["ER  - "]


def to_ris(citations: Citations) -> str:
    """RIS records with CRLF line endings, each ending 'ER  - ', a blank line between."""
    made = [_ris_record(e) for e in citations["entries"]]
    made += [_ris_lines(local_bib(e)) for e in citations.get("local", [])]
    records = ["\r\n".join(lines) + "\r\n" for lines in made]
    return "\r\n".join(records)


# --- CSL-JSON ------------------------------------------------------------------------


def _issued(year: str, month: int | None) -> dict[str, Any]:
    # isdecimal, not isdigit: int() refuses '²⁰¹⁷'; and a year has at most four digits.
    if not (year.isdecimal() and len(year) <= 4):
        return {"literal": year}
    return {"date-parts": [[int(year), month] if month else [int(year)]]}


def csl_item(entry: Entry) -> Record:
    """One CSL-JSON item; its `note` lists the footnotes citing it and their pages."""
    return _csl(bib(entry))


def _csl(b: Bib) -> Record:
    item: Record = {"id": b.key, "type": "report" if b.report else "document", "title": b.title}
    if b.authors:
        item["author"] = [
            {"family": a.family, "given": a.given} if a.person else {"literal": a.printed}
            for a in b.authors
        ]
    if b.year:
        item["issued"] = _issued(b.year, b.month)
    if b.publisher:
        item["publisher"] = b.publisher
    if b.genre:
        item["genre"] = b.genre
    if b.number:
        item["number"] = _flat(b.number)
    if b.isbn:
        item["ISBN"] = _flat(b.isbn)
    if b.url:
        item["URL"] = _flat(b.url)
    if b.notes:
        item["note"] = " ".join(b.notes)
    if b.owner is not None:
        # CSL's place for data of no CSL variable, which styles never print
        item["custom"] = {"origin": "local", "owner": _flat(b.owner)}
    return item


def to_csl_json(citations: Citations) -> str:
    """A JSON array of CSL items (CSL-JSON), UTF-8, indented."""
    import json  # here, not above: every layout imports this module, for the brief's

    items = [csl_item(e) for e in citations["entries"]]
    items += [_csl(local_bib(e)) for e in citations.get("local", [])]
    # As `output.to_json`: controls and line separators escaped, the same strings to a parser.
    return clean(json.dumps(items, ensure_ascii=False, indent=2, allow_nan=False)) + "\n"


# --- plain text ----------------------------------------------------------------------


def lead(source: ReadOnly) -> str | None:
    """Who a Harvard reference starts with: the series, as the footnotes print it, or the author."""
    first: str | None = source["series"] or source["author"]
    return first


def outside_words(facts: Outside) -> str:
    """'authors Judy Sebba, … and Alun Rees; report number 58; issued November 2017'."""
    said = [f"authors {listed([a.printed for a in facts.authors])}"] if facts.authors else []
    if facts.number:
        said.append(f"report number {facts.number}")
    if facts.issued:
        said.append(f"issued {facts.issued}")
    return "; ".join(said)


def outside_brackets(source: ReadOnly) -> list[str]:
    """Facts from outside the document, marked, with where each is from."""
    facts = outside(source)
    if facts is None:
        return []
    where = "; ".join(f"{_flat(r['url'])}, looked up {r['looked_up']}" for r in facts.records)
    said = f"{DAGGER} Not from the document: {_flat(outside_words(facts))}"
    return [f"[{said} (public record: {where})]"]


#: Marks a fact from outside the document in a reference (a public record's).
DAGGER = "\u2020"


def initials(given: str) -> str:
    """'Donald' -> 'D.', 'Mary Jane' -> 'M. J.', 'M.' stays 'M.'; a hyphen keeps its parts."""
    words = given.split()
    return " ".join("-".join(f"{p[:1]}." for p in w.split("-") if p) for w in words)


def harvard_name(a: Author) -> str:
    """'Forrester, D.' for a person; an organisation as it is printed."""
    return f"{a.family}, {initials(a.given)}" if a.family and a.given else a.printed


def harvard_names(authors: tuple[Author, ...]) -> str:
    """'Forrester, D., Lynch, A. and Cary, A.': every author, 'and' before the last."""
    names = [harvard_name(a) for a in authors]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


class Harvard(NamedTuple):
    """A reference's parts, for text and for the brief to lay out alike; `*_outside` says
    that a part is from outside the document (marked with a dagger)."""

    authors: str | None
    authors_outside: bool
    year: str | None
    title: str
    supplied: bool
    number: str | None
    number_outside: bool
    publisher: str | None
    isbn: str | None


def harvard_parts(source: ReadOnly) -> Harvard:
    """A source's reference: the authors (people a public record names, else the
    organisation the document names as author, else the one that issued it), the year,
    the title (or a description in square brackets, `supplied`), the report's number,
    the publisher where it is not the author, and an ISBN."""
    entry: Entry = {
        "key": "",
        "source": source,
        "footnotes": [],
        "pages": [],
        "filled": {},
        "sections": [],
    }
    b = bib(entry)
    facts = outside(source)
    number = b.number
    if number and b.genre and number.isdecimal():
        number = f"{b.genre} {number}"
    return Harvard(
        authors=harvard_names(b.authors) if b.authors else None,
        authors_outside=b.authors_outside,
        year=b.year,
        title=b.title,
        supplied=source["title"] is None,
        number=number,
        number_outside=bool(facts and facts.number),
        publisher=b.publisher,
        isbn=b.isbn,
    )


def harvard(source: ReadOnly) -> str:
    """One Harvard reference in plain text, facts from outside the document marked with a
    dagger; then, in brackets, the gaps the document leaves and where the outside facts
    are from."""
    h = harvard_parts(source)
    year = f"({h.year})" if h.year else NO_YEAR
    mark = DAGGER if h.authors_outside else ""
    line = f"{h.authors}{mark} {year} {h.title}." if h.authors else f"{h.title} {year}."
    if h.number:
        line += f" {h.number}{DAGGER if h.number_outside else ''}."
    if h.publisher:
        line += f" {h.publisher}."
    if h.isbn:
        line += f" ISBN {h.isbn}."
    brackets = [f"[{gap}]" for gap in source_gaps(source)]
    if h.authors_outside and source["author"]:
        brackets.append(f"[The document gives the author as {_flat(source['author'])}.]")
    return " ".join([line, *brackets, *outside_brackets(source)])


def harvard_order(source: ReadOnly) -> tuple[str, str, str]:
    """Where a source stands in a reference list: by its first author (a leading "the"
    aside) or title, year, title."""
    h = harvard_parts(source)
    first = (h.authors or h.title).casefold().lstrip("[").removeprefix("the ")
    return first, source["year"] or "", h.title.casefold()


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
        or title(source) not in printed
    ):
        reading = [title(source)]
        if cited["year"]:
            reading.append(_flat(cited["year"]))
        if cited["page"] is not None:
            reading.append(f"p. {_flat(cited['page'])}")
        line += f" → {', '.join(reading)}"
        if cited["ibid"]:
            chain = [str(n) for n in cited["resolved_through"]]
            line += f" ({''.join(resolved_through(chain))})"
    # The reading shows the record's title but the note's own year, so only a title is filled.
    if source is not None and "title" in cited.get("filled", {}):
        gaps.append(filled_note({"title": cited["filled"]["title"]}))
    return " ".join([line, *(f"[{gap}]" for gap in gaps)])


def reference_line(entry: Entry) -> str:
    """An entry's Harvard reference, with the framework's sections cited, if any."""
    line = harvard(entry["source"])
    if entry["sections"]:
        line += f" [Cited for {listed([section_reading(s) for s in entry['sections']])}.]"
    return line


def to_text(citations: Citations) -> str:
    """A Harvard-style reference list, then the footnotes as the document cites them."""
    entries = sorted(citations["entries"], key=lambda e: harvard_order(e["source"]))
    by_number = {
        c["number"]: (c, e["source"]) for e in citations["entries"] for c in e["footnotes"]
    }
    by_number |= {c["number"]: (c, None) for c in citations["unsourced"]}
    sections: list[str] = []
    if entries:
        sections.append("\n".join(["References", "", *(reference_line(e) for e in entries)]))
    if by_number:
        notes = (footnote_line(*by_number[n]) for n in sorted(by_number))
        sections.append("\n".join(["Footnotes as the document cites them", "", *notes]))
    for owner, entries_of in local_by_owner(citations.get("local", [])).items():
        lines = sorted((local_reference(e) for e in entries_of), key=str.casefold)
        sections.append("\n".join([local_heading(owner), "", *lines]))
    return "\n\n".join(sections) + "\n" if sections else ""


# --- local evidence --------------------------------------------------------------------

_LOCAL_DATE = re.compile(rf"(?:\d{{1,2}} )?(?:({'|'.join(MONTHS)}) )?(\d{{4}})")


def local_date(date: str) -> tuple[str | None, int | None]:
    """The year and month of a local source's date as given ('September 2025', '2025',
    '3 March 2025'); (None, None) for a date given otherwise ('Spring 2025'), which the
    entry then gives whole."""
    found = _LOCAL_DATE.fullmatch(_flat(date).strip())
    if found is None:
        return None, None
    month, year = found.groups()
    return year, MONTHS.index(month) + 1 if month else None


def local_mark(owner: str) -> str:
    """The sentence every local entry begins its note with: whose evidence it is."""
    return f"From {possessive(_flat(owner))} local evidence, not from the document."


def _local_citing(entry: LocalEntry) -> str:
    """'finding direct-work-time (p. 4) and quote worker-group-discussion (p. 7)'."""
    said = [
        f"{c['kind']} {c['id']}" + (f" (p. {_flat(c['page'])})" if c["page"] else "")
        for c in entry["cited_by"]
    ]
    return listed(said)


def local_notes(entry: LocalEntry) -> list[str]:
    """The note of a local entry: whose it is, a date the fields cannot hold, and the
    local records citing it with their pages (or the page the file gives)."""
    source, owner = entry["source"], entry["owner"]
    notes = [local_mark(owner)]
    if local_date(source["date"])[0] is None:
        notes.append(f"Dated {_flat(source['date'])}, as the local evidence gives it.")
    if entry["cited_by"]:
        notes.append(f"Cited there by {_local_citing(entry)}.")
    elif source["page"]:
        notes.append(f"The local evidence gives p. {_flat(source['page'])}.")
    return notes


def local_bib(entry: LocalEntry) -> Bib:
    """A local source's fields: its author as given, kept whole (a team or organisation,
    or a name the file does not split), its title, date and address; `misc`, `GEN`,
    `document`, since the file does not say what kind of source it is."""
    source = entry["source"]
    year, month = local_date(source["date"])
    return Bib(
        key=entry["key"],
        report=False,
        title=_flat(source["title"]),
        authors=(Author(_flat(source["author"])),),
        authors_outside=False,
        year=year,
        month=month,
        publisher=None,
        number=None,
        isbn=None,
        genre=None,
        notes=tuple(local_notes(entry)),
        url=source["url"],
        owner=entry["owner"],
    )


def local_by_owner(entries: Iterable[LocalEntry]) -> dict[str, list[LocalEntry]]:
    """Local entries by owner, in the order the files were given."""
    owners: dict[str, list[LocalEntry]] = {}
    for e in entries:
        owners.setdefault(e["owner"], []).append(e)
    return owners


def local_heading(owner: str) -> str:
    """'Local sources: Example Borough Council's evidence, not the document's'."""
    return f"Local sources: {possessive(_flat(owner))} evidence, not the document's"


def local_reference(entry: LocalEntry) -> str:
    """A local source as a Harvard reference, then, in brackets, whose evidence it is and
    the records citing it: 'Example Borough … Team (2025) Practice supervision audit …
    Available at: URL. [From Example Borough Council's local evidence, …]'."""
    b = local_bib(entry)
    source = entry["source"]
    when = f"({b.year})" if b.year else f"({_flat(source['date'])})"
    line = f"{b.authors[0].printed} {when} {b.title}."
    if b.url:
        line += f" Available at: {_flat(b.url)}."
    return " ".join([line, *(f"[{note}]" for note in b.notes)])
