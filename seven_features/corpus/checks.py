"""What the model alone cannot check: identity, references, numbering, figures."""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from seven_features.wording import FRAMEWORK_ID, Loc, citation_key, short

if TYPE_CHECKING:
    from seven_features.corpus.model import Evidence, Framework
    from seven_features.wording import Fail

#: Characters of statement read, per file, checking that figures are printed in them.
MAX_SCAN = 20_000_000


def check(fw: Framework, ev: Evidence, in_fw: Fail, in_ev: Fail) -> None:
    """Check what the model alone cannot: identity, references, numbering, figures."""
    enablers = [
        *_indexed(("enablers", "improvement"), fw.enablers.improvement),
        *_indexed(("enablers", "evaluation"), fw.enablers.evaluation),
    ]
    # ids are unique within each kind; the two sets of enablers share one namespace
    for fail, kind, entries in (
        (in_fw, "section", _indexed(("document", "sections"), fw.document.sections)),
        (in_fw, "feature", _indexed(("features",), fw.features)),
        (in_fw, "outcome", _indexed(("outcomes",), fw.outcomes)),
        (in_fw, "enabler", enablers),
        (in_ev, "source", _indexed(("sources",), ev.sources)),
        (in_ev, "project", _indexed(("projects",), ev.projects)),
        (in_ev, "finding", _indexed(("findings",), ev.findings)),
        (in_ev, "quote", _indexed(("quotes",), ev.quotes)),
    ):
        _unique(fail, kind, entries)

    # numbering
    _in_order(in_fw, ("features",), "features", [f.number for f in fw.features])
    improvement = fw.enablers.improvement
    _in_order(
        in_fw, ("enablers", "improvement"), "improvement enablers", [e.number for e in improvement]
    )
    _in_order(in_fw, ("table", "rows"), "table rows", [r.number for r in fw.table.rows])
    for field in ("number", "position"):
        _permutation(in_fw, field, [getattr(o, field) for o in fw.outcomes])
    _footnote_numbers(in_ev, [note.number for note in ev.footnotes])
    if ev.footnotes and ev.footnotes[0].ibid:
        in_ev(
            ("footnotes", 0, "ibid"), "the first footnote cannot be 'Ibid.': no note is before it"
        )

    features = {f.id for f in fw.features}
    outcomes = {o.id for o in fw.outcomes}
    sources = {s.id for s in ev.sources}
    projects = {p.id for p in ev.projects}
    notes = len(ev.footnotes)

    # Table 1: row N names feature N, the outcome numbered N and improvement enabler N
    numbered: dict[str, tuple[str, dict[int | None, str], set[str]]] = {
        "feature": ("feature", {f.number: f.id for f in fw.features}, features),
        "outcome": ("the outcome numbered", {o.number: o.id for o in fw.outcomes}, outcomes),
        "enabler": (
            "improvement enabler",
            {e.number: e.id for e in improvement},
            {e.id for _, e in enablers},
        ),
    }
    for i, row in enumerate(fw.table.rows):
        for field, (what, by_number, known) in numbered.items():
            at: Loc = ("table", "rows", i, field)
            named = getattr(row, field)
            _exists(in_fw, at, field, named, known)
            if by_number.get(row.number) != named:
                wanted = repr(by_number[row.number]) if row.number in by_number else "none exists"
                in_fw(
                    at, f"row {row.number} must name {what} {row.number} ({wanted}), not {named!r}"
                )

    for i, feature in enumerate(fw.features):
        for part in ("differences", "pitfalls"):
            for j, point in enumerate(getattr(feature, part)):
                for k, number in enumerate(point.footnotes):
                    _note_exists(in_fw, ("features", i, part, j, "footnotes", k), number, notes)

    for i, src in enumerate(ev.sources):
        _public_records(in_ev, i, src)
    _citation_keys(ev, in_ev)
    for i, note in enumerate(ev.footnotes):
        if note.source is not None:
            _exists(in_ev, ("footnotes", i, "source"), "source", note.source, sources)
    for i, project in enumerate(ev.projects):
        for k, report in enumerate(project.reports):
            _exists(in_ev, ("projects", i, "reports", k), "source", report, sources)
    scanned = 0
    for i, finding in enumerate(ev.findings):
        if finding.outcome is not None:
            _exists(in_ev, ("findings", i, "outcome"), "outcome", finding.outcome, outcomes)
        for k, ref in enumerate(finding.features):
            _exists(in_ev, ("findings", i, "features", k), "feature", ref, features)
        for k, ref in enumerate(finding.projects):
            _exists(in_ev, ("findings", i, "projects", k), "project", ref, projects)
        for k, number in enumerate(finding.footnotes):
            _note_exists(in_ev, ("findings", i, "footnotes", k), number, notes)
        for k, figure in enumerate(finding.figures):
            at = ("findings", i, "figures", k, "printed")
            scanned += len(finding.statement)
            if scanned > MAX_SCAN:  # bounds the time; the real data reads ~1,000 times less
                in_ev(
                    at, "too many figures to check in statements this long: the file is too large"
                )
            if figure.printed not in finding.statement:
                in_ev(at, f"{short(figure.printed)} does not occur in the finding's statement")
            _figure(in_ev, ("findings", i, "figures", k), figure)
            counted = getattr(figure, "counted", None)
            if counted is not None and counted not in finding.statement:
                in_ev(
                    (*at[:-1], "counted"),
                    f"{short(counted)} does not occur in the finding's statement",
                )
    reports_of = {p.id: p.reports for p in ev.projects}
    for i, quote in enumerate(ev.quotes):
        _exists(in_ev, ("quotes", i, "feature"), "feature", quote.feature, features)
        _exists(in_ev, ("quotes", i, "project"), "project", quote.project, projects)
        if quote.source is not None:
            _exists(in_ev, ("quotes", i, "source"), "source", quote.source, sources)
            # A quote links its project to its feature "quoted from its evaluation": so it must be.
            reports = reports_of.get(quote.project)
            if reports is not None and quote.source not in reports:
                in_ev(
                    ("quotes", i, "source"),
                    f"source {quote.source!r} is not an evaluation of project {quote.project!r}"
                    f" (its reports: {', '.join(reports) or 'none'})",
                )
        if quote.footnote is not None:
            _note_exists(in_ev, ("quotes", i, "footnote"), quote.footnote, notes)


def _public_records(fail: Fail, i: int, source: Any) -> None:
    """A source's facts from outside the document: each field from one record, and a date
    only in the year the document gives (else the record may be of another report)."""
    given: dict[str, int] = {}
    for k, record in enumerate(source.outside):
        at: Loc = ("sources", i, "outside", k)
        for field in ("authors", "number", "issued"):
            if getattr(record, field) in (None, []):
                continue
            if field in given:
                other = ("sources", i, "outside", given[field], field)
                fail((*at, field), f"{field} is given by two public records", other)
            given[field] = k
        if record.issued is not None and not record.issued.endswith(f" {source.year}"):
            year = f"the year {source.year}" if source.year else "no year"
            fail((*at, "issued"), f"{record.issued!r} does not match {year} the document gives")


def _indexed(prefix: Loc, items: Sequence[Any]) -> list[tuple[Loc, Any]]:
    return [((*prefix, i), item) for i, item in enumerate(items)]


def _unique(fail: Fail, kind: str, entries: Sequence[tuple[Loc, Any]]) -> None:
    first: dict[str, Loc] = {}
    for at, item in entries:
        if item.id in first:
            fail((*at, "id"), f"{kind} id {item.id!r} is used twice", (*first[item.id], "id"))
        first[item.id] = at


def _in_order(fail: Fail, at: Loc, what: str, numbers: Sequence[int | None]) -> None:
    """1, 2, 3… in order."""
    for i, number in enumerate(numbers):
        if number != i + 1:
            got = "it has no number" if number is None else f"not {number}"
            fail(
                (*at, i, "number"), f"{what} are numbered 1, 2, 3… in order: this is {i + 1}, {got}"
            )


def _permutation(fail: Fail, field: str, values: Sequence[int]) -> None:
    """Each of 1..N once, in any order."""
    first: dict[int, int] = {}
    for i, value in enumerate(values):
        at = ("outcomes", i, field)
        if value > len(values):
            each = f"each {field} from 1 to {len(values)} is used once"
            fail(at, f"outcome {field} {value} is out of range: {each}")
        if value in first:
            fail(at, f"outcome {field} {value} is used twice", ("outcomes", first[value], field))
        first[value] = i


def _footnote_numbers(fail: Fail, numbers: Sequence[int]) -> None:
    """Footnotes are listed 1, 2, 3…: a number used twice is named first (with the number
    that is then missing, if any), then a note out of order or missing."""
    first: dict[int, int] = {}
    for i, number in enumerate(numbers):
        if number in first:
            at = ("footnotes", i, "number")
            absent = sorted(set(range(1, len(numbers) + 1)) - set(numbers))[:1]
            lacking = f"no footnote is numbered {absent[0]}, and " if absent else ""
            also = ("footnotes", first[number], "number")
            fail(at, f"{lacking}footnote {number} is used twice", also)
        first[number] = i
    for i, number in enumerate(numbers):
        expected = i + 1
        if number == expected:
            continue
        if expected in numbers[expected:]:
            message = (
                f"footnote {number} is out of order: notes are listed 1, 2, 3…,"
                f" so this is {expected}"
            )
        else:
            message = (
                f"footnote {expected} is missing: list every note in order, one with no text"
                " too (text: null, with missing.text)"
            )
        fail(("footnotes", i, "number"), message)


def _citation_keys(ev: Evidence, in_ev: Fail) -> None:
    """Each source's citation key (its id and year, `wording.citation_key`) is its own,
    and none is the framework's, which `sevenf cite` exports beside them."""
    taken = {citation_key({"id": FRAMEWORK_ID, "year": None}): "the framework"}
    for i, src in enumerate(ev.sources):
        key = citation_key({"id": src.id, "year": src.year})
        if key in taken:
            in_ev(
                ("sources", i, "id"),
                f"source '{src.id}' gets the citation key '{key}', as {taken[key]} does: "
                "rename one of them",
            )
        taken[key] = f"source '{src.id}'"


def _exists(fail: Fail, at: Loc, kind: str, ref: str, known: Collection[str]) -> None:
    if ref in known:
        return
    message = f"{kind} {ref!r} does not exist"
    if len(known) <= 1000:  # bounded: the suggestion must stay quick on any file
        import difflib

        close = difflib.get_close_matches(ref, sorted(known), n=1)
        if close:
            message += f"; did you mean {close[0]!r}?"
    fail(at, message)


def _note_exists(fail: Fail, at: Loc, number: int, count: int) -> None:
    if not 1 <= number <= count:
        fail(at, f"footnote {number} does not exist (the footnotes run from 1 to {count})")


# --- figures against their words --------------------------------------------------------

#: The values a figure may hold: outside them a figure is a typo, not a finding.
LIMITS: dict[str, tuple[int, int]] = {
    "count": (0, 10**9),
    "total": (0, 10**9),
    "percent": (0, 1000),
    "rate": (0, 1000),
    "national": (0, 1000),
    "before": (0, 1000),
    "after": (0, 1000),
    "amount_gbp": (0, 10**12),
    "factor": (0, 1000),
}
#: The fields holding each kind's numbers, in the order its words print them.
FIELDS = {
    "count": ("count", "total"),
    "percentage": ("percent",),
    "rate-vs-national": ("rate", "national"),
    "before-after": ("before", "after"),
    "money": ("amount_gbp",),
    "relative-change": ("factor",),
}
_ONES = (
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen"),
)
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_SMALL = {word: n for n, word in enumerate(_ONES)} | {
    word: 20 + 10 * n for n, word in enumerate(_TENS)
}
_UNDER_100 = rf"(?:(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(_ONES[1:10])}))?|{'|'.join(_ONES)})"
#: A number in digits (1,200 or 4.5) or in words up to nine hundred and ninety-nine.
_NUMBER = re.compile(
    rf"(?<![\w.,])(\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\w,]\d)"
    rf"|\b({_UNDER_100}(?: hundred(?:(?: and)? {_UNDER_100})?)?|(?:a|one) hundred)\b",
    re.IGNORECASE,
)
_MONEY = re.compile(
    r"£\s?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s?(bn|billion|m|million|k|thousand)?\b",
    re.IGNORECASE,
)
_SCALE = {"bn": 10**9, "billion": 10**9, "m": 10**6, "million": 10**6, "k": 1000, "thousand": 1000}
_FACTORS = {
    "halved": Decimal("0.5"),
    "doubled": Decimal(2),
    "tripled": Decimal(3),
    "quadrupled": Decimal(4),
}


def _figure(fail: Fail, at: Loc, figure: Any) -> None:
    """A figure's values are finite, within `LIMITS`, and the numbers its words print."""
    fields = [f for f in FIELDS[figure.kind] if getattr(figure, f) is not None]
    for field in fields:
        value = getattr(figure, field)
        low, high = LIMITS[field]
        if not low <= value <= high:  # infinity too: a decimal too long for a float
            shown = _shown(value) if math.isfinite(value) else "a number too large to hold"
            fail((*at, field), f"{shown} is out of range: a {field} is from {low} to {high:,}")
    if figure.kind == "count" and figure.total is not None and figure.count > figure.total:
        fail((*at, "count"), f"{figure.count} is more than its total, {figure.total}")
    printed = list(_printed_numbers(figure.kind, figure.printed))
    values = [Decimal(str(getattr(figure, f))) for f in fields]
    if len(printed) != len(values):
        fail(
            (*at, "printed"),
            f"{short(figure.printed)} prints {_count(len(printed))}"
            f" ({', '.join(map(_shown, printed)) or 'none'}), but the figure has {len(values)}:"
            f" {', '.join(fields)}",
        )
    for field, value, written in zip(fields, values, printed, strict=True):
        if value != written:
            fail(
                (*at, field),
                f"{_shown(value)} is not the number printed: {short(figure.printed)}"
                f" says {_shown(written)}",
            )


def _printed_numbers(kind: str, printed: str) -> Iterator[Decimal]:
    """The numbers a figure's words print, in order: a sum of money, a factor or numbers."""
    if kind == "money":
        for amount in _MONEY.finditer(printed):
            scale = _SCALE[amount.group(2).lower()] if amount.group(2) else 1
            yield Decimal(amount.group(1).replace(",", "")) * scale
        return
    if kind == "relative-change":
        for word in re.findall(r"[a-z]+", printed.lower()):
            if word in _FACTORS:
                yield _FACTORS[word]
    for number in _NUMBER.finditer(printed):
        digits, words = number.groups()
        yield Decimal(digits.replace(",", "")) if digits else Decimal(_in_words(words))


def _in_words(words: str) -> int:
    """'Twenty-four' is 24, 'one hundred and five' 105."""
    number = 0
    for part in re.split(r"[- ]+", words.lower()):
        if part == "hundred":
            number = max(number, 1) * 100  # 'a hundred' is 100
        else:
            number += _SMALL.get(part, 0)  # 'and', 'a': the pattern allows no other word
    return number


def _shown(value: Decimal | float | int) -> str:
    """A value as a data editor writes it: 4 not 4.0, 2600000 not 2.6E+6."""
    number = Decimal(str(value))
    text = f"{number.normalize():f}" if number == number.to_integral_value() else f"{number:f}"
    return text if len(text) <= 24 else f"{text[:20]}… ({len(text)} digits)"


def _count(n: int) -> str:
    return "no number" if n == 0 else "1 number" if n == 1 else f"{n} numbers"
