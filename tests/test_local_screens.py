"""Local evidence in the map, the search and the site (issue 22), on the shipped data and
examples/local-evidence.yaml: each owner's counts beside the document's in every format
of the map, their records in a section of their own in `sevenf search` and in the site's
search alike, and an owner's name on every site page that holds their words. Without
--local, nothing of it shows: no "local" key, no local row."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import ROOT, Cli
from test_search_parity import run_site_search, same

from seven_features.corpus import load
from seven_features.corpus.indexed import Corpus
from seven_features.queries import query
from seven_features.queries.search import found, index_key, suggestions
from seven_features.render import site

EXAMPLE = ROOT / "examples" / "local-evidence.yaml"
LOCAL = ("--local", str(EXAMPLE))
OWNER = "Example Borough Council"
#: A word only the example's finding 'plans-ended' holds, nowhere in the document.
ONLY_LOCAL = "fell"


@pytest.fixture(scope="module")
def example() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def beside(corpus: Corpus) -> Corpus:
    """The shipped corpus with the example file beside it."""
    shown, data = load.read_local_bytes(str(EXAMPLE))
    return corpus.with_local([load.read_local(shown, data, corpus)])


def expected_cells(example: dict[str, Any], corpus: Corpus, by: str) -> dict[tuple[str, str], int]:
    """The local counts worked out from the YAML alone, as `MapView.local` documents them."""
    outcomes = {o["number"]: o["id"] for o in corpus.outcomes}
    features = {f["number"]: f["id"] for f in corpus.features}
    counts: dict[tuple[str, str], int] = {}
    for finding in example["findings"]:
        if by == "feature":
            rows = [features[n] for n in finding["features"]]
        else:
            rows = [finding["project"]] if finding.get("project") else []
        for row in rows:
            for n in finding["outcomes"]:
                counts[row, outcomes[n]] = counts.get((row, outcomes[n]), 0) + 1
    return counts


# --- the map -------------------------------------------------------------------------------


@pytest.mark.parametrize("by", ["feature", "project"])
def test_map_json_counts_each_cell_as_the_file_says(
    cli: Cli, corpus: Corpus, example: dict[str, Any], by: str
) -> None:
    code, out, err = cli("map", "--by", by, "--json", *LOCAL)
    assert code == 0, err
    view = json.loads(out)
    (part,) = view["local"]
    assert part["owner"] == OWNER
    assert part["origin"] == {"kind": "local", "owner": OWNER}
    got = {(c["row"], c["column"]): c["count"] for c in part["cells"]}
    assert got == expected_cells(example, corpus, by)
    assert all(c["count"] == len(c["findings"]) for c in part["cells"])
    assert all(f["origin"]["owner"] == OWNER for f in part["findings"])
    if by == "project":  # the owner's projects are rows of their own, not the document's
        assert {r["id"] for r in part["rows"]} == {p["id"] for p in example["projects"]}
        assert all(r["kind"] == "local-project" for r in part["rows"])
    # the document's own cells are what they are without --local
    plain = json.loads(cli("map", "--by", by, "--json").stdout)
    assert view["cells"] == plain["cells"]


def test_the_map_without_local_has_no_local_key(cli: Cli) -> None:
    for by in ("feature", "project", "feature-project"):
        view = json.loads(cli("map", "--by", by, "--json").stdout)
        assert "local" not in view
        assert "local" not in json.dumps(view["cells"])


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_map_formats_name_the_owner_beside_the_count(cli: Cli, fmt: str) -> None:
    args = ("map", *LOCAL) if fmt == "text" else ("map", "-f", fmt, *LOCAL)
    code, out, err = cli(*args)
    assert code == 0, err
    owner = OWNER if fmt != "html" else "Example Borough Council"
    assert f"{owner}: 1 local finding" in out
    assert "From Example Borough Council" in out  # the findings behind the counts, cited
    assert "Source, Example Borough Council" in out or "Source, Example Borough Council" in (
        out.replace("&#x27;", "'")
    )
    plain = cli(*[a for a in args if a not in LOCAL]).stdout
    assert OWNER not in plain and "local finding" not in plain


def test_the_map_page_marks_local_counts_apart(cli: Cli) -> None:
    out = cli("map", "-f", "html", *LOCAL).stdout
    cells = re.findall(r'<span class="local">(.*?)</span>', out)
    assert cells and all(OWNER in c for c in cells)


def test_map_csv_gives_local_columns_only_with_local(cli: Cli, example: dict[str, Any]) -> None:
    out = cli("map", "-f", "csv", *LOCAL).stdout
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    owned = [r for r in rows if r["local_owners"]]
    assert {r["local_owners"] for r in owned} == {OWNER}
    assert sum(int(r["local_counts"]) for r in owned) == sum(
        len(f["features"]) * len(f["outcomes"]) for f in example["findings"]
    )
    plain = cli("map", "-f", "csv").stdout
    assert "local_" not in plain.splitlines()[0]


def test_map_by_project_adds_the_owners_projects_as_rows(cli: Cli) -> None:
    out = cli("map", "--by", "project", *LOCAL).stdout
    assert f"Direct Work Hub ({OWNER})" in out
    csv_out = cli("map", "--by", "project", "-f", "csv", *LOCAL).stdout
    rows = list(csv.DictReader(io.StringIO(csv_out.lstrip("\ufeff"))))
    own = {r["row_id"] for r in rows if r["row_kind"] == "local-project"}
    assert own == {"direct-work-hub", "family-group-conferencing"}


# --- search --------------------------------------------------------------------------------


def test_search_finds_a_local_finding_under_its_owner(cli: Cli) -> None:
    code, out, err = cli("search", ONLY_LOCAL, "--json", *LOCAL)
    assert code == 0, err
    view = json.loads(out)
    (hit,) = view["hits"]
    assert hit["kind"] == "local-finding"
    assert hit["ref"] == {
        "kind": "local-finding",
        "id": "plans-ended",
        "owner": OWNER,
        "file": str(EXAMPLE),
    }
    assert hit["origin"] == {"kind": "local", "owner": OWNER}
    assert OWNER in hit["where"]
    (part,) = view["local"]
    assert [f["id"] for f in part["findings"]] == ["plans-ended"]
    assert [s["id"] for s in part["sources"]] == ["performance-report-2025"]
    text = cli("search", ONLY_LOCAL, *LOCAL).stdout
    assert f"From {OWNER}'s evidence" in text
    assert f"Source, {OWNER}'s evidence" in text  # its own citation
    # without the file, the document has no such word
    assert json.loads(cli("search", ONLY_LOCAL, "--json").stdout)["hits"] == []


def test_search_keeps_local_hits_out_of_the_documents_list(cli: Cli) -> None:
    text = cli("search", "caseloads", *LOCAL).stdout
    document, _, owned = text.partition(f"From {OWNER}'s evidence")
    assert "feature 3 › pitfalls" in document and OWNER not in document
    assert "caseloads-context" not in owned and "Average" in owned


def test_searching_without_local_is_unchanged(cli: Cli, corpus: Corpus) -> None:
    view = json.loads(cli("search", "audit", "--json").stdout)
    assert "local" not in view
    assert all("origin" not in h for h in view["hits"])
    assert index_key(corpus) == corpus.key


def test_the_index_key_holds_the_local_files(corpus: Corpus, beside: Corpus) -> None:
    key = index_key(beside)
    assert key is not None and key != corpus.key and key.startswith(str(corpus.key))
    # a cached index of the document alone is never used for a search with local files
    assert found(corpus, ONLY_LOCAL, index_key=corpus.key).hits == []
    assert len(found(beside, ONLY_LOCAL, index_key=key).hits) == 1


def test_the_sites_search_finds_local_records_as_sevenf_search(
    cli: Cli, beside: Corpus, tmp_path: Path
) -> None:
    folder = tmp_path / "site"
    site.write(site.build(beside), str(folder))
    words = [ONLY_LOCAL, "caseloads", "audit", "family group conference", "direct work"]
    answers = run_site_search(folder, words)
    for word, mine in zip(words, answers, strict=True):
        theirs = found(beside, word, limit=1000, index_key=None)
        close = [] if theirs.hits else suggestions(beside, word)
        # the site names a local file by its name alone: it never publishes where it lay
        for hit in mine["hits"]:
            if "file" in hit["ref"]:
                assert hit["ref"]["file"] == EXAMPLE.name
                hit["ref"]["file"] = str(EXAMPLE)
        same(mine, theirs.hits, theirs.total, close)
        for hit in mine["hits"]:
            local = hit["kind"].startswith("local-")
            assert ("origin" in hit) == local
            if local:
                assert hit["origin"] == {"kind": "local", "owner": OWNER}
                assert hit["href"].startswith("local-example-borough-council.html")


# --- the site ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pages(beside: Corpus) -> dict[str, str]:
    built = site.build(beside)
    return {p: b.decode("utf-8") for p, b in built.items() if p.endswith(".html")}


#: Words of the example file that the document never prints.
LOCAL_WORDS = ("41 of 60", "Direct Work Hub", "Average caseloads", "sat with my son")


def test_every_site_page_with_local_words_names_the_owner(pages: dict[str, str]) -> None:
    holding = [p for p, html in pages.items() if any(w in html for w in LOCAL_WORDS)]
    assert {"features/3.html", "map.html", "local-example-borough-council.html"} <= set(holding)
    for path in holding:
        shown = pages[path].replace("&#x27;", "'")
        assert f"From {OWNER}'s evidence" in shown, path


def test_the_owners_page_lists_every_record_and_is_linked_from_every_page(
    pages: dict[str, str], example: dict[str, Any]
) -> None:
    page = pages["local-example-borough-council.html"]
    for kind in ("findings", "notes", "projects", "sources"):
        for record in example[kind]:
            assert f'id="local-{kind[:-1]}-{record["id"]}"' in page
    for quote in example["quotes"]:
        assert quote["text"] in page
    assert all('href="' in p and "local-example-borough-council.html" in p for p in pages.values())


def test_the_site_without_local_has_no_owner_page(corpus: Corpus) -> None:
    built = site.build(corpus)
    assert not any(p.startswith("local-") for p in built)
    assert b"local-" not in built["index.html"]


def test_query_map_is_the_cli_json(beside: Corpus, cli: Cli) -> None:
    mine = json.loads(json.dumps(query.evidence_map(beside, "feature")))
    assert mine["local"] == json.loads(cli("map", "--json", *LOCAL).stdout)["local"]
