"""Pure queries from the corpus to JSON-ready results: no typer, no rich, no printing.

Every public function returns a dict with a `view` key naming its shape; `--json`
prints that dict as it is, and the renderers lay the same dict out as text.
Each result that cites anything ends with `footnotes`: every footnote it used,
resolved (ibid followed), in order of first use.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .corpus import Corpus, Record
from .errors import NotFound

KINDS = ("feature", "outcome", "enabler", "project", "source")
#: A query's result: a JSON-ready dict whose "view" names its layout.
Result = Record


# --- resolving a REF -----------------------------------------------------------------


def _names(record: Record) -> list[str]:
    keys = ("name", "title", "heading", "table_title", "table_name")
    names = [record[k] for k in keys if record.get(k)]
    return [*names, *record.get("aliases", []), record["id"]]


def _label(kind: str, record: Record) -> str:
    number = record.get("number")
    name = record.get("title") or record.get("name") or record["id"]
    return f"{kind} {number}: {name}" if number else f"{kind} '{name}'"


def candidates(corpus: Corpus, kind: str) -> list[Record]:
    """Every record of `kind` a REF can name (for resolving and for shell completion)."""
    if kind == "feature":
        return corpus.features
    if kind == "outcome":
        return corpus.outcomes
    if kind == "enabler":
        return corpus.enablers
    if kind == "project":
        return list(corpus.projects.values())
    return list(corpus.sources.values())


def resolve(corpus: Corpus, kind: str, ref: str) -> Record:
    """The one record of `kind` that REF names: a number, an id, or a fragment of a name.

    A number follows Table 1 (for enablers, the seven enablers of improvement). An exact
    name or alias wins over a fragment; an ambiguous fragment lists the candidates and
    an unknown one suggests the closest names.
    """
    records = candidates(corpus, kind)
    wanted = " ".join(ref.split()).casefold()
    if not wanted:
        raise NotFound(f"no {kind} given: name one by number or by a word of its name")
    if wanted.isdecimal() and kind != "project":  # isdigit would take '²', which int() refuses
        numbered = [r for r in records if r.get("number") is not None]
        number = _number(wanted)
        found = [r for r in numbered if r["number"] == number]
        if found:
            return found[0]
        top = max((r["number"] for r in numbered), default=0)
        raise NotFound(f"there is no {kind} {_shown(ref)}: {kind}s are numbered 1 to {top}")
    exact = [r for r in records if wanted in (n.casefold() for n in _names(r))]
    if len(exact) == 1:
        return exact[0]
    partial = exact or [r for r in records if any(wanted in n.casefold() for n in _names(r))]
    if len(partial) == 1:
        return partial[0]
    if partial:
        listed = "; ".join(_label(kind, r) for r in partial)
        raise NotFound(f"'{_shown(ref)}' matches {len(partial)} {kind}s: {listed}")
    raise NotFound(f"no {kind} matches '{_shown(ref)}'{_suggest(records, wanted, kind)}")


def _shown(ref: str, limit: int = 60) -> str:
    """A REF as an error message repeats it: trimmed, and cut short when long."""
    ref = ref.strip()
    return ref if len(ref) <= limit else f"{ref[:limit]}… ({len(ref):,} characters)"


def _suggest(records: list[Record], wanted: str, kind: str) -> str:
    import difflib

    names = {n.casefold(): r for r in records for n in _names(r)}
    words = {w: r for n, r in names.items() for w in n.replace("-", " ").split() if len(w) > 3}
    close = difflib.get_close_matches(wanted, list(names), n=3, cutoff=0.5)
    close += difflib.get_close_matches(wanted, list(words), n=3, cutoff=0.75)
    picked: list[Record] = []
    for hit in close:
        record = names.get(hit) or words[hit]
        if record not in picked:
            picked.append(record)
    if not picked:
        return f"; try 'sevenf {kind}s' for the list"
    return "; did you mean " + " or ".join(_label(kind, r) for r in picked[:3]) + "?"


def _number(digits: str) -> int:
    """Decimal digits as a number; -1 past nine digits (int() refuses thousands of them)."""
    significant = digits.lstrip("0")
    return int(significant or "0") if len(significant) <= 9 else -1


def footnote_number(corpus: Corpus, ref: str) -> int:
    """A footnote number as typed ('12', '¹²' or '[12]'), checked against the notes."""
    digits = ref.strip().strip("[]^").translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789"))
    top = max(corpus.footnotes, default=0)
    if not digits.isdecimal() or _number(digits) not in corpus.footnotes:
        raise NotFound(f"there is no footnote {_shown(ref)!r}: footnotes are numbered 1 to {top}")
    return _number(digits)


# --- shared pieces of views ----------------------------------------------------------


def _brief(kind: str, record: Record) -> Record:
    brief: Record = {"kind": kind, "id": record["id"]}
    if record.get("number") is not None:
        brief["number"] = record["number"]
    brief["name"] = record.get("title") or record.get("name")
    return brief


def _finding(corpus: Corpus, finding: Record) -> Record:
    outcome = corpus.outcome_by_id.get(finding["outcome"] or "")
    return {
        **finding,
        "projects": [_brief("project", corpus.projects[p]) for p in finding["projects"]],
        "outcome": _brief("outcome", outcome) if outcome else None,
        "features": [_brief("feature", corpus.feature_by_id[f]) for f in finding["features"]],
    }


def _quote(corpus: Corpus, quote: Record) -> Record:
    source = corpus.sources.get(quote["source"] or "")
    page = quote["page"]
    if page is None and quote["footnote"] is not None:
        page = corpus.citation(quote["footnote"])["page"]
    return {
        **quote,
        "page": page,
        "feature": _brief("feature", corpus.feature_by_id[quote["feature"]]),
        "project": _brief("project", corpus.projects[quote["project"]]),
        "source": _brief("source", source) if source else None,
    }


def _cited(corpus: Corpus, *groups: Iterable[int | None]) -> list[Record]:
    seen: list[int] = []
    for group in groups:
        for number in group:
            if number is not None and number not in seen:
                seen.append(number)
    return [corpus.citation(n) for n in seen]


def _footnotes_of(
    findings: list[Record], quotes: list[Record], points: Iterable[Record] = ()
) -> list[int | None]:
    numbers: list[int | None] = []
    for point in points:
        numbers += point.get("footnotes", [])
    for finding in findings:
        numbers += finding["footnotes"]
    numbers += [q["footnote"] for q in quotes]
    return numbers


def _projects_of(findings: list[Record], quotes: list[Record]) -> list[Record]:
    """The projects named by findings and quotes (as shown in views), each once, in order."""
    briefs = [p for f in findings for p in f["projects"]] + [q["project"] for q in quotes]
    return list({p["id"]: p for p in briefs}.values())


def _table_row(corpus: Corpus, field: str, record_id: str) -> Record | None:
    for row in corpus.table["rows"]:
        if row[field] == record_id:
            return {**row, "alignment_only": True}
    return None


# --- lists ---------------------------------------------------------------------------


def overview(corpus: Corpus) -> Record:
    """The framework at a glance: the three sevens side by side and what to type next."""
    doc = corpus.document
    return {
        "view": "overview",
        "title": doc["title"],
        "subtitle": doc["subtitle"],
        "published": doc["published"],
        "produced": doc["produced"],
        "rows": corpus.table["rows"],
        "evaluation_enablers": [_brief("enabler", e) for e in corpus.evaluation_enablers],
        "counts": counts(corpus),
        "attribution": doc["attribution"]["text"],
    }


def about(corpus: Corpus) -> Record:
    """The document itself and its programme: dates, identifiers, licence, rounds, evaluation."""
    return {"view": "about", "document": corpus.document, "programme": corpus.programme}


def counts(corpus: Corpus) -> dict[str, int]:
    """How many of each thing the data holds."""
    return {
        "features": len(corpus.features),
        "outcomes": len(corpus.outcomes),
        "enablers": len(corpus.enablers),
        "projects": len(corpus.projects),
        "sources": len(corpus.sources),
        "footnotes": len(corpus.footnotes),
        "findings": len(corpus.findings),
        "quotes": len(corpus.quotes),
        "differences": sum(len(f["differences"]) for f in corpus.features),
        "pitfalls": sum(len(f["pitfalls"]) for f in corpus.features),
    }


def list_features(corpus: Corpus) -> Record:
    """The seven features of practice, numbered as the document numbers them."""
    items = [
        {
            **_brief("feature", f),
            "heading": f["heading"],
            "differences": len(f["differences"]),
            "pitfalls": len(f["pitfalls"]),
            "quotes": len(corpus.quotes.positions["feature"].get(f["id"], [])),
            "page": f["page"],
        }
        for f in corpus.features
    ]
    return {"view": "features", "items": items}


def list_outcomes(corpus: Corpus) -> Record:
    """The seven outcomes with Table 1's number, their place in the section and their findings."""
    items = []
    for o in corpus.outcomes:
        findings = corpus.findings.where("outcome", o["id"])
        items.append(
            {
                **_brief("outcome", o),
                "table_name": o["table_name"],
                "position": o["position"],
                "findings": len(findings),
                "headline": _headline(findings),
            }
        )
    return {"view": "outcomes", "items": items}


def _project_counts(findings: Iterable[Record]) -> Iterator[Record]:
    """Each count of projects the findings print, with its finding's id, footnotes and gap."""
    for finding in findings:
        for figure in finding["figures"]:
            if figure["kind"] == "count" and figure["unit"] == "projects":
                gap = {k: v for k, v in finding["missing"].items() if k == "footnotes"}
                yield {
                    **figure,
                    "finding": finding["id"],
                    "footnotes": finding["footnotes"],
                    "missing": gap,
                }


def _headline(findings: list[Record]) -> Record | None:
    """The first count of projects the findings give: the outcome's reach as printed."""
    return next(_project_counts(findings), None)


def list_enablers(corpus: Corpus) -> Record:
    """Both sets of enablers, labelled: the seven of improvement and the evaluations' four."""
    return {
        "view": "enablers",
        "improvement": corpus.improvement_enablers,
        "evaluation": corpus.evaluation_enablers,
        "source": _brief("source", corpus.sources["isos-enablers-of-improvement"])
        if "isos-enablers-of-improvement" in corpus.sources
        else None,
    }


def list_projects(corpus: Corpus) -> Record:
    """Every project the document names, with how much it says of each."""
    items = []
    for p in corpus.projects.values():
        findings = corpus.findings.positions["projects"].get(p["id"], [])
        quotes = corpus.quotes.positions["project"].get(p["id"], [])
        items.append(
            {
                **_brief("project", p),
                "places": p["places"],
                "aliases": p["aliases"],
                "findings": len(findings),
                "quotes": len(quotes),
                "missing": p["missing"],
            }
        )
    return {"view": "projects", "items": items}


def list_sources(corpus: Corpus) -> Record:
    """Every footnote resolved, and every source with the footnotes that cite it."""
    notes = [corpus.citation(n) for n in sorted(corpus.footnotes)]
    sources = [
        {**s, "footnotes": [c["number"] for c in notes if c["source"] == s["id"]]}
        for s in corpus.sources.values()
    ]
    return {"view": "sources", "footnotes": notes, "sources": sources}


# --- one thing in full ---------------------------------------------------------------


def feature(corpus: Corpus, ref: str) -> Record:
    """A feature in full: definition, differences, pitfalls, quotes, findings, projects, notes."""
    record = resolve(corpus, "feature", ref)
    quotes = [_quote(corpus, q) for q in corpus.quotes.where("feature", record["id"])]
    findings = [_finding(corpus, f) for f in corpus.findings.where("features", record["id"])]
    points = record["differences"] + record["pitfalls"]
    return {
        "view": "feature",
        **record,
        "table_row": _table_row(corpus, "feature", record["id"]),
        "quotes": quotes,
        "findings": findings,
        "projects": _projects_of(findings, quotes),
        "footnotes": _cited(corpus, _footnotes_of(findings, quotes, points)),
    }


def outcome(corpus: Corpus, ref: str, evidence: bool = False) -> Record:
    """An outcome: a summary, or with `evidence` every finding behind it with its citations."""
    record = resolve(corpus, "outcome", ref)
    findings = [_finding(corpus, f) for f in corpus.findings.where("outcome", record["id"])]
    result: Record = {
        "view": "outcome",
        "evidence": evidence,
        **record,
        "table_row": _table_row(corpus, "outcome", record["id"]),
        "headline": _headline(findings),
        "projects": _projects_of(findings, []),
        "findings": findings if evidence else [f["id"] for f in findings],
    }
    if evidence:
        result["footnotes"] = _cited(corpus, _footnotes_of(findings, []))
    return result


def enabler(corpus: Corpus, ref: str) -> Record:
    """An enabler with its actions and, for the seven, its Table 1 row."""
    record = resolve(corpus, "enabler", ref)
    return {"view": "enabler", **record, "table_row": _table_row(corpus, "enabler", record["id"])}


def project(corpus: Corpus, ref: str) -> Record:
    """Everything the document says about a project, from every section."""
    record = resolve(corpus, "project", ref)
    findings = [_finding(corpus, f) for f in corpus.findings.where("projects", record["id"])]
    quotes = [_quote(corpus, q) for q in corpus.quotes.where("project", record["id"])]
    outcomes = [f["outcome"] for f in findings if f["outcome"]]
    features = [q["feature"] for q in quotes] + [x for f in findings for x in f["features"]]
    return {
        "view": "project",
        **record,
        "reports": [
            {
                **corpus.sources[s],
                "footnotes": [n for n in corpus.footnotes if corpus.citation(n)["source"] == s],
            }
            for s in record["reports"]
        ],
        "findings": findings,
        "quotes": quotes,
        "outcomes": list({o["id"]: o for o in outcomes}.values()),
        "features": list({f["id"]: f for f in features}.values()),
        "footnotes": _cited(corpus, _footnotes_of(findings, quotes)),
    }


def source(corpus: Corpus, ref: str) -> Record:
    """A footnote: its printed text and what it resolves to, and what cites it."""
    number = footnote_number(corpus, ref)
    citation = corpus.citation(number)
    src = corpus.sources.get(citation["source"] or "")
    return {
        "view": "source",
        **citation,
        "source": src,
        "cited_by": {
            "findings": [f["id"] for f in corpus.findings.where("footnotes", number)],
            "quotes": [q["id"] for q in corpus.quotes.where("footnote", number)],
            "points": [
                {"feature": f["id"], "headline": p["headline"]}
                for f in corpus.features
                for p in f["differences"] + f["pitfalls"]
                if number in p.get("footnotes", [])
            ],
        },
    }


def table(corpus: Corpus) -> Record:
    """Table 1 as the document lays it out: an alignment by number, not a mapping of causes."""
    return {"view": "table", **corpus.table}


# --- cross-cutting views -------------------------------------------------------------


def _filter_ids(corpus: Corpus, kind: str, refs: Iterable[str] | None) -> set[str] | None:
    if not refs:
        return None
    return {resolve(corpus, kind, r)["id"] for r in refs}


def quotes(
    corpus: Corpus, feature: list[str] | None = None, project: list[str] | None = None
) -> Record:
    """Quotes, optionally only those of some features or projects."""
    features, projects = (
        _filter_ids(corpus, "feature", feature),
        _filter_ids(corpus, "project", project),
    )
    chosen = [_quote(corpus, q) for q in corpus.quotes.select(feature=features, project=projects)]
    return {
        "view": "quotes",
        "items": chosen,
        "footnotes": _cited(corpus, _footnotes_of([], chosen)),
    }


def pitfalls(corpus: Corpus, feature: list[str] | None = None) -> Record:
    """Potential pitfalls, grouped by feature."""
    features = _filter_ids(corpus, "feature", feature)
    items = [
        {"feature": _brief("feature", f), **p}
        for f in corpus.features
        if features is None or f["id"] in features
        for p in f["pitfalls"]
    ]
    return {"view": "pitfalls", "items": items}


def findings(
    corpus: Corpus,
    outcome: list[str] | None = None,
    project: list[str] | None = None,
    feature: list[str] | None = None,
) -> Record:
    """Findings, optionally only those behind some outcomes, about some projects or features."""
    outcomes = _filter_ids(corpus, "outcome", outcome)
    projects = _filter_ids(corpus, "project", project)
    features = _filter_ids(corpus, "feature", feature)
    chosen = [
        _finding(corpus, f)
        for f in corpus.findings.select(outcome=outcomes, projects=projects, features=features)
    ]
    return {
        "view": "findings",
        "items": chosen,
        "footnotes": _cited(corpus, _footnotes_of(chosen, [])),
    }


def gaps(corpus: Corpus) -> list[Record]:
    """Every gap the source itself leaves, as the data records it, with where it stands."""
    found: list[Record] = []

    def add(where: str, record: Record) -> None:
        for field, why in record.get("missing", {}).items():
            found.append({"where": where, "field": field, "missing": why})

    for f in corpus.features:
        add(f"feature {f['number']}", f)
    for o in corpus.outcomes:
        add(f"outcome {o['number']}", o)
    for e in corpus.enablers:
        add(f"enabler '{e['title']}'", e)
    for s in corpus.sources.values():
        add(f"source '{s['name']}'", s)
    for n, note in sorted(corpus.footnotes.items()):
        add(f"footnote {n}", note)
    for p in corpus.projects.values():
        add(f"project '{p['name']}'", p)
    for f in corpus.findings:
        add(f"finding {f['id']}", f)
    for q in corpus.quotes:
        add(f"quote {q['id']}", q)
    return found


def validate_report(corpus: Corpus, directory: str) -> Record:
    """What `sevenf validate` prints: the counts and every gap the source leaves."""
    return {
        "view": "validate",
        "data": directory,
        "valid": True,
        "counts": counts(corpus),
        "gaps": gaps(corpus),
    }


def search(corpus: Corpus, text: str, limit: int = 20) -> Record:
    """Ranked full-text hits for `text` anywhere in the document, each with where it stands."""
    from .search import search as run

    return {
        "view": "search",
        "query": text,
        "hits": run(corpus, text, limit=limit, index_key=corpus.key),
    }


# --- report writing ------------------------------------------------------------------

Refs = Iterable[str] | None


def _once(corpus: Corpus, kind: str, refs: Refs) -> list[str]:
    """The ids REFs name, each once, in the order given."""
    return list(dict.fromkeys(resolve(corpus, kind, r)["id"] for r in refs or ()))


def _parts(corpus: Corpus, features: Refs, outcomes: Refs, projects: Refs) -> list[Record]:
    """The full views of the chosen features, outcomes (with evidence) and projects, in order."""
    return [
        *(feature(corpus, f) for f in _once(corpus, "feature", features)),
        *(outcome(corpus, o, True) for o in _once(corpus, "outcome", outcomes)),
        *(project(corpus, p) for p in _once(corpus, "project", projects)),
    ]


def cited_numbers(
    corpus: Corpus,
    numbers: Iterable[str] = (),
    features: Refs = None,
    outcomes: Refs = None,
    projects: Refs = None,
) -> list[int] | None:
    """The footnotes a selection uses, sorted, each once; None when nothing is selected (all)."""
    parts = _parts(corpus, features, outcomes, projects)
    chosen = {footnote_number(corpus, n) for n in numbers}
    if not chosen and not parts:
        return None
    return sorted(chosen | {note["number"] for part in parts for note in part["footnotes"]})


def outcomes_chart(corpus: Corpus) -> Record:
    """Per outcome, every count of projects its findings print, with its total if one is given."""
    items = []
    for o in corpus.outcomes:
        counts = list(_project_counts(corpus.findings.where("outcome", o["id"])))
        items.append({**_brief("outcome", o), "counts": counts})
    used = [n for item in items for count in item["counts"] for n in count["footnotes"]]
    return {"view": "chart", "items": items, "footnotes": _cited(corpus, used)}
