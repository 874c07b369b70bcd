"""axe-core, run in Chromium, over every page of the site, the search page with a query, the
map on a phone and on a desktop, and an HTML brief: no violation of WCAG 2.2 AA (issue 20).

axe-core comes from npm: it is installed once into a cache folder (`SEVENF_AXE_DIR`, else
sevenf-tests/axe-core in the user's cache) and read from there. Skipped, saying why, where
npm, Chromium or the package cannot be had (.ci/run installs Chromium and npm).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import Cli, chromium, needs_chromium, viewport

from seven_features.corpus.indexed import Corpus
from seven_features.render import site

pytestmark = needs_chromium

#: The rules of WCAG 2.0, 2.1 and 2.2 at levels A and AA, by axe-core's tags.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
#: The axe-core release line the test runs (npm's own range syntax).
AXE = "axe-core@4"

RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: "tag", values: arguments[0]}, resultTypes: ["violations"]})
  .then(found => done(found.violations.map(v => [v.id, v.impact,
    v.nodes.slice(0, 3).map(n => n.target.join(" ") + ": " + n.failureSummary)])))
  .catch(error => done([["axe failed", String(error), []]]));
"""


@pytest.fixture(scope="module")
def axe() -> str:
    """axe-core's script, installed from npm into the cache folder the first time."""
    folder = Path(
        os.environ.get("SEVENF_AXE_DIR")
        or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        / "sevenf-tests"
        / "axe-core"
    )
    script = folder / "node_modules" / "axe-core" / "axe.min.js"
    if not script.is_file():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("npm is not installed: axe-core comes from npm (apt-get install npm)")
        done = subprocess.run(
            [npm, "install", "--prefix", str(folder), "--no-audit", "--no-fund", AXE],
            capture_output=True,
            text=True,
            timeout=600,
        )
        if done.returncode != 0 or not script.is_file():
            last = (done.stderr.strip().splitlines() or ["no message"])[-1]
            pytest.skip(f"axe-core could not be installed from npm into {folder}: {last}")
    return script.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def root(corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("axe") / "site"
    site.write(site.build(corpus), str(folder))
    return folder


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as driver:
        driver.set_script_timeout(120)
        yield driver


def violations(browser: Any, axe: str, url: str) -> list[Any]:
    browser.get(url)
    browser.execute_script(axe)
    found: list[Any] = browser.execute_async_script(RUN, TAGS)
    return found


def test_every_page_of_the_site(browser: Any, axe: str, root: Path) -> None:
    viewport(browser, 1200)
    pages = sorted(str(p.relative_to(root)) for p in root.rglob("*.html"))
    found = {page: violations(browser, axe, (root / page).as_uri()) for page in pages}
    assert {page: v for page, v in found.items() if v} == {}
    assert len(found) > 50


@pytest.mark.parametrize("width", [360, 1200])
@pytest.mark.parametrize(
    "page",
    [
        "map.html",
        "index.html",
        "features/3.html",
        "sources.html",
        "search.html?q=co-location",
        "search.html?q=children",
        "search.html?q=famly",
    ],
)
def test_the_map_search_and_pages_on_a_phone_and_a_desktop(
    browser: Any, axe: str, root: Path, page: str, width: int
) -> None:
    viewport(browser, width)
    path, _, query = page.partition("?")
    url = (root / path).as_uri() + (f"?{query}" if query else "")
    assert violations(browser, axe, url) == []
    if query:  # the results were there to be checked
        status = browser.find_element("id", "search-status").text
        assert status.startswith(("2 matches", "70 matches", "Nothing matches ‘famly’")), status
    viewport(browser, 1200)


@pytest.mark.parametrize("width", [360, 1200])
def test_an_html_brief(browser: Any, axe: str, tmp_path: Path, cli: Cli, width: int) -> None:
    brief = tmp_path / "brief.html"
    code, _, err = cli("brief", "--feature", "4", "--format", "html", "-o", str(brief))
    assert code == 0, err
    viewport(browser, width)
    assert violations(browser, axe, brief.as_uri()) == []
    viewport(browser, 1200)
