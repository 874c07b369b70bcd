"""`sevenf site`: the framework and its evidence as a folder of linked, searchable pages.

`build(corpus)` is pure: it returns every file of the site, relative path -> bytes,
each page made from the same query result and layout the terminal shows, drawn by
the one HTML renderer. `write(files, directory)` puts the folder in place whole or
not at all. Nothing in the site is fetched from outside the folder: the stylesheet
and scripts sit beside the pages, and the search index is a script (not JSON) so
search works from file:// as well as from any static host.

Page addresses are stable across rebuilds: features/3.html, outcomes/2.html and
enablers/5.html by Table 1's numbers (the evaluations' enablers, which have none, by
id), projects/<id>.html, sources/<n>.html for footnote n (as `sevenf source n`), and
map.html for the evidence map (features × outcomes, as `sevenf map`). A finding has no
page of its own: its address is its entry on the page that prints it in full, e.g.
outcomes/2.html#finding-<id>.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from importlib import resources
from pathlib import Path

from seven_features import __version__, wording
from seven_features.errors import SevenfError
from seven_features.queries import query
from seven_features.queries.local import whole
from seven_features.render import html
from seven_features.render.blocks import Heading, anchor, clean, oneline
from seven_features.render.layout import local, views
from seven_features.render.pages import map_page
from seven_features.wording import possessive

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from seven_features.corpus.indexed import Corpus, Record
    from seven_features.queries.results import Result
    from seven_features.render.blocks import Block

#: The file that marks a folder as a site sevenf built: --force replaces only such a folder.
MARKER = ".sevenf-site"
NAV = (
    ("Overview", "index.html"),
    ("Features", "features.html"),
    ("Outcomes", "outcomes.html"),
    ("Enablers", "enablers.html"),
    ("Projects", "projects.html"),
    ("Evidence map", "map.html"),
    ("Findings", "findings.html"),
    ("Quotes", "quotes.html"),
    ("Sources", "sources.html"),
    ("Search", "search.html"),
    ("About the document", "about.html"),
)
SEARCH_FORM = """<form id="search-form" role="search" action="search.html" method="get">
<label for="q">Words to find</label>
<input id="q" name="q" type="search" autocomplete="off">
<button type="submit">Search</button>
</form>
<p id="search-status" role="status"></p>
<ol id="results" class="results"></ol>
<noscript><p>Search runs in the page and needs JavaScript. Every page can also be reached from
the navigation above.</p></noscript>
"""


#: The kinds of local record an owner's page lists by id (`layout.local.owner_page`).
LISTED = ("local-finding", "local-note", "local-project", "local-source")


def owner_pages(corpus: Corpus) -> list[tuple[str, str]]:
    """Each local evidence file's page and owner: local-<owner's name as a slug>.html."""
    found: list[tuple[str, str]] = []
    for file in corpus.local:
        # at most 60 characters, so that any owner's name makes a name a file system takes
        slug = wording.slug(file["owner"])[:60].strip("-") or "owner"
        path, n = f"local-{slug}.html", 1
        while any(path == p for p, _ in found):
            n += 1
            path = f"local-{slug}-{n}.html"
        found.append((path, file["owner"]))
    return found


def nav(corpus: Corpus) -> tuple[tuple[str, str], ...]:
    """The navigation: NAV, and with local evidence each owner's page, before Search."""
    pages = owner_pages(corpus)
    owners = [owner for _, owner in pages]
    owned = tuple(
        (
            f"{possessive(owner)} evidence"
            + (f" ({local.file_name(file['file'])})" if owners.count(owner) > 1 else ""),
            path,
        )
        for (path, owner), file in zip(pages, corpus.local, strict=True)
    )
    at = next(n for n, (_, path) in enumerate(NAV) if path == "search.html")
    return (*NAV[:at], *owned, *NAV[at:])


class Addresses:
    """Where each record's page is, from the site's root: the one place that knows."""

    def __init__(self, corpus: Corpus) -> None:
        feature = {f["id"]: f"features/{f['number']}.html" for f in corpus.features}
        outcome = {o["id"]: f"outcomes/{o['number']}.html" for o in corpus.outcomes}
        project = {p: f"projects/{p}.html" for p in corpus.projects}
        # A finding is shown on its outcome's page, else its first feature's or project's;
        # each of those pages gives it its id (views.listed), so a link lands on it.
        finding: dict[str, str] = {}
        for f in corpus.findings:
            pages = [
                outcome.get(f["outcome"] or ""),
                *(feature.get(x) for x in f["features"]),
                *(project.get(x) for x in f["projects"]),
            ]
            page = next((p for p in pages if p), None)
            if page:
                finding[f["id"]] = f"{page}#{anchor('finding', f['id'])}"
        #: Each local evidence file's page (`owner_pages`), by the file's name as given.
        self.owners: dict[str, str] = {
            file["file"]: path
            for (path, _), file in zip(owner_pages(corpus), corpus.local, strict=True)
        }
        self.pages: dict[str, dict[Any, str]] = {
            "feature": feature,
            "outcome": outcome,
            "enabler": {
                e["id"]: f"enablers/{e['number'] or e['id']}.html" for e in corpus.enablers
            },
            "project": project,
            "footnote": {n: f"sources/{n}.html" for n in corpus.footnotes},
            "finding": finding,
            "quote": {q["id"]: feature[q["feature"]] for q in corpus.quotes},
        }

    def href(self, kind: str, key: str | int) -> str | None:
        """A record's page from the root; a full address for "web"; None without a page."""
        if kind == "web":
            return str(key) if "://" in str(key) else f"https://{key}"
        if kind == "page":  # a page of the site by its path, as the map's
            return str(key)
        if kind in ("section", "programme"):
            return "about.html"
        if kind == "source":
            return "sources.html"
        return self.pages.get(kind, {}).get(key)

    def of(self, ref: Record) -> str:
        """The page a search hit's `ref` stands on: a local record's, its owner's page
        (at its entry, for a record listed there by id)."""
        key = ref.get("id", ref.get("number"))
        if "owner" in ref:
            page = self.owners.get(ref.get("file", ""), "index.html")
            listed = ref["kind"] in LISTED
            return f"{page}#{anchor(ref['kind'], str(key))}" if listed else page
        return self.href(ref["kind"], key if key is not None else "") or "index.html"


def pages(corpus: Corpus) -> dict[str, list[Block]]:
    """Every page's blocks by path, each from a query result and its layout; a result
    holding local evidence has it after its own blocks, under its owner's name."""

    def titled(title: str, blocks: list[Block]) -> list[Block]:
        return [Heading(1, title), *blocks]

    def shown(result: Result, blocks: list[Block]) -> list[Block]:
        return views.beside_local(result, blocks)

    projects = query.list_projects(corpus)
    findings = query.findings(corpus)
    quotes = query.quotes(corpus)
    found: dict[str, list[Block]] = {
        "index.html": views.overview(query.overview(corpus), hints=False),
        "about.html": views.about(query.about(corpus)),
        "features.html": titled(
            "Features of practice", views.features(query.list_features(corpus))
        ),
        "outcomes.html": titled("Outcomes", views.outcomes(query.list_outcomes(corpus))),
        "enablers.html": titled("Enablers", views.enablers(query.list_enablers(corpus))),
        "projects.html": titled("Projects", shown(projects, views.projects(projects))),
        "sources.html": titled("Sources and footnotes", views.sources(query.list_sources(corpus))),
        "findings.html": shown(findings, views.findings(findings)),
        "quotes.html": shown(quotes, views.quotes(quotes)),
        "search.html": [Heading(1, "Search")],
    }
    for f in corpus.features:
        feature = query.feature(corpus, str(f["number"]))
        found[f"features/{f['number']}.html"] = shown(feature, views.feature(feature))
    for o in corpus.outcomes:
        outcome = query.outcome(corpus, str(o["number"]), evidence=True)
        found[f"outcomes/{o['number']}.html"] = shown(outcome, views.outcome(outcome))
    for e in corpus.enablers:
        found[f"enablers/{e['number'] or e['id']}.html"] = views.enabler(
            query.enabler(corpus, str(e["number"] or e["id"]))
        )
    for p in corpus.projects:
        found[f"projects/{p}.html"] = views.project(query.project(corpus, p))
    for n in corpus.footnotes:
        found[f"sources/{n}.html"] = views.source(query.source(corpus, str(n)))
    for (path, _), file in zip(owner_pages(corpus), corpus.local, strict=True):
        found[path] = local.owner_page(whole(file))
    return found


def search_index(corpus: Corpus, addresses: Addresses) -> str:
    """The index `sevenf search` searches, as a script for the site's search (`site.js`):
    made by the same code from the same index (`queries.search.site_index`), with each
    row's page, and every text cleaned as the pages clean it."""
    from seven_features.queries.search import site_index

    index = site_index(corpus, oneline)
    for row in index["rows"]:
        row["href"] = addresses.of(row["ref"])
        if "file" in row["ref"]:  # a published site names a local file, not where it lay
            row["ref"]["file"] = local.file_name(row["ref"]["file"])
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    # No raw control or bidi character even where no text is shown (clean() writes each as
    # the JSON escape of the same character); "</" would end an inline script early.
    safe = clean(data).replace("</", "<\\/")
    return f"window.SEVENF_INDEX = {safe};\n"


def build(corpus: Corpus) -> dict[str, bytes]:
    """Every file of the site, by its path relative to the site's root."""
    addresses = Addresses(corpus)
    menu = nav(corpus)
    name = corpus.document["title"]
    owners = [f["owner"] for f in corpus.local]
    notes = views.attribution(corpus.document, owners=owners)
    # The page about the document gives its attribution statement in its body.
    about_notes = views.attribution(corpus.document, statement=False, owners=owners)

    def at(path: str, *, search: bool = False, wide: bool = False) -> html.Site:
        return html.Site(
            path=path,
            href=addresses.href,
            name=name,
            nav=menu,
            footer=about_notes if path == "about.html" else notes,
            scripts=("search-index.js", "search.js") if search else (),
            after=SEARCH_FORM if search else "",
            wide=wide,
        )

    files: dict[str, bytes] = {}
    for path, blocks in pages(corpus).items():
        files[path] = html.render(blocks, at(path, search=path == "search.html")).encode("utf-8")
    # The map's cells carry links of their own (pages.map_table), so it is drawn, not laid out.
    evidence = query.evidence_map(corpus, "feature")
    files["map.html"] = map_page(evidence, at("map.html", wide=True)).encode("utf-8")
    files["style.css"] = (html.CSS + html.SITE_CSS).encode("utf-8")
    files["search.js"] = resources.files(__package__).joinpath("site.js").read_bytes()
    files["search-index.js"] = search_index(corpus, addresses).encode("utf-8")
    marker = f"A site built by sevenf {__version__}; `sevenf site -o DIR --force` replaces it.\n"
    files[MARKER] = marker.encode("utf-8")
    return files


# --- writing the folder --------------------------------------------------------------


def write(files: dict[str, bytes], directory: str, *, force: bool = False) -> None:
    """Write the site into `directory` whole or not at all.

    The files go into a new folder beside it, which is then renamed into place. An
    existing empty folder is replaced; a non-empty one only with `force`, and only
    when it is a site sevenf built (it holds MARKER), so a mistyped -o never deletes
    other work.
    """
    try:
        target = Path(os.path.abspath(directory))  # "." and "x/.." name a folder too
        if target.exists() and not target.is_dir():
            raise SevenfError(f"cannot write the site to {directory}: it is a file")
        if not target.parent.is_dir():
            raise SevenfError(
                f"cannot write the site to {directory}: there is no directory {target.parent}"
            )
        replacing = target.is_dir() and any(target.iterdir())
        if replacing and not force:
            raise SevenfError(f"{directory} is not empty; add --force to replace it")
        if replacing and not (target / MARKER).is_file():
            raise SevenfError(
                f"{directory} is not empty and is not a site sevenf built; "
                "choose a new directory or empty it first"
            )
        _swap(files, target, target.parent)
    except OSError as error:
        raise SevenfError(f"cannot write the site to {directory}: {error.strerror}") from None


def _swap(files: dict[str, bytes], target: Path, parent: Path) -> None:
    fresh = Path(tempfile.mkdtemp(dir=parent, prefix=f".{target.name}.new-"))
    old: Path | None = None
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(fresh, 0o777 & ~umask)  # mkdtemp makes it private; a site is for reading
        for path, data in files.items():
            file = fresh / path
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_bytes(data)
        if target.is_dir() and any(target.iterdir()):
            old = Path(tempfile.mkdtemp(dir=parent, prefix=f".{target.name}.old-"))
            os.replace(target, old / "site")
        os.replace(fresh, target)  # replaces an empty folder in one step
    except BaseException:
        if old is not None and not target.exists():
            os.replace(old / "site", target)  # put the previous site back
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    finally:
        if old is not None:
            with contextlib.suppress(OSError):
                shutil.rmtree(old)
