"""Every page of the site on a phone and on a desktop, and on paper (issue 20).

In Chromium at 360 and 1200 CSS pixels, no word on any page is split across two lines
(each word's line boxes are measured, Range.getClientRects) and nothing is wider than the
page but in a box that scrolls on its own; the evidence map is a card per feature on a
phone and a grid on a desktop; back-links are at least 24 pixels square; pages print on
A4 with the navigation hidden, the map across the page.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import chromium, needs_chromium, viewport

from seven_features.corpus.indexed import Corpus
from seven_features.render import site

pytestmark = needs_chromium

#: Run in a page: each word split across lines, and what sticks out of the page.
MEASURE = r"""
const split = [];
const word = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  const box = node.parentElement;
  if (!box || !box.getClientRects().length || getComputedStyle(box).visibility !== "visible") {
    continue;
  }
  for (const m of node.data.matchAll(word)) {
    const range = document.createRange();
    range.setStart(node, m.index);
    range.setEnd(node, m.index + m[0].length);
    const rects = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0);
    const tops = rects.map(r => r.top);
    if (rects.length > 1 && Math.max(...tops) - Math.min(...tops) > rects[0].height / 2) {
      split.push(m[0]);
    }
  }
}
// What sticks out of the window on the right: the page itself must not scroll sideways.
const wide = document.documentElement.scrollWidth - document.documentElement.clientWidth;
return [split, wide];
"""


@pytest.fixture(scope="module")
def root(corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("screens") / "site"
    site.write(site.build(corpus), str(folder))
    return folder


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as driver:
        yield driver


def every_page(root: Path) -> list[str]:
    pages = sorted(str(p.relative_to(root)) for p in root.rglob("*.html"))
    return [*pages, "search.html?q=children", "search.html?q=famly"]


def load(browser: Any, root: Path, page: str) -> None:
    path, _, query = page.partition("?")
    browser.get((root / path).as_uri() + (f"?{query}" if query else ""))
    if query:  # the results are drawn by the page's script
        browser.execute_script("return document.getElementById('search-status').textContent")


@pytest.mark.parametrize("width", [360, 1200])
def test_no_word_is_split_and_nothing_overflows(browser: Any, root: Path, width: int) -> None:
    viewport(browser, width)
    problems = {}
    for page in every_page(root):
        load(browser, root, page)
        split, wide = browser.execute_script(MEASURE)
        if split or wide > 0:
            problems[page] = (split[:5], wide)
    assert problems == {}


def test_the_map_is_cards_on_a_phone_and_a_grid_on_a_desktop(browser: Any, root: Path) -> None:
    shown = "return [...document.querySelectorAll(arguments[0])].filter(e => e.offsetParent).length"
    viewport(browser, 360)
    browser.get((root / "map.html").as_uri())
    assert browser.execute_script(shown, "table.evidence-map") == 0
    assert browser.execute_script(shown, ".map-card") == 7
    card = browser.execute_script("return document.querySelector('.map-card').innerText")
    assert card.startswith("1. Using a clear, strengths-based practice framework\n")
    assert "Outcome 2 Reduced risk for children: 1: Signs of Safety (quotes alone)5" in card
    assert card.endswith(
        "Outcomes 3, 4, 5, 6 and 7: — (a gap in the document's evidence, not a finding of no "
        "effect)"
    )
    viewport(browser, 1200)
    browser.get((root / "map.html").as_uri())
    assert browser.execute_script(shown, "table.evidence-map") == 1
    assert browser.execute_script(shown, ".map-card") == 0
    # the grid fits: its box has nothing to scroll
    fits = "const b = document.querySelector('.map-grid'); return b.scrollWidth <= b.clientWidth"
    assert browser.execute_script(fits)


def test_the_grid_scrolls_in_its_own_box_with_the_features_held(browser: Any, root: Path) -> None:
    viewport(browser, 900)
    browser.get((root / "map.html").as_uri())
    before = browser.execute_script(
        "const b = document.querySelector('.map-grid'); b.scrollLeft = 0;"
        "return document.querySelector('tbody th').getBoundingClientRect().left"
    )
    scrolled = browser.execute_script(
        "const b = document.querySelector('.map-grid'); b.scrollLeft = 200;"
        "return [b.scrollLeft, document.querySelector('tbody th').getBoundingClientRect().left]"
    )
    if scrolled[0] > 0:  # where the grid is wider than the window, the feature column stays
        assert abs(scrolled[1] - before) < 1
    viewport(browser, 1200)


def test_back_links_are_at_least_24_pixels_square(browser: Any, root: Path) -> None:
    viewport(browser, 360)
    sizes = set()
    for page in ("features/3.html", "outcomes/2.html", "projects/signs-of-safety.html"):
        browser.get((root / page).as_uri())
        sizes |= {
            tuple(size)
            for size in browser.execute_script(
                "return [...document.querySelectorAll('a.back')]"
                ".map(a => { const r = a.getBoundingClientRect(); return [r.width, r.height]; })"
            )
        }
    assert sizes and all(w >= 24 and h >= 24 for w, h in sizes), sizes
    viewport(browser, 1200)


def pdf_pages(browser: Any, root: Path, page: str) -> list[tuple[float, float]]:
    """The pages of `page` printed as Chromium prints it (its CSS page size), in points."""
    browser.get((root / page).as_uri())
    done = browser.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})
    pdf = base64.b64decode(done["data"])
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    return [(float(w), float(h)) for w, h in boxes]


A4 = (595.92, 842.88)  # 210 × 297 mm in points, as Chromium rounds them


@pytest.mark.parametrize(
    "page", ["index.html", "features/3.html", "outcomes/2.html", "sources.html", "map.html"]
)
def test_pages_print_on_a4_without_the_navigation(browser: Any, root: Path, page: str) -> None:
    sizes = pdf_pages(browser, root, page)
    landscape = page == "map.html"  # the map's grid runs across the page
    want = (A4[1], A4[0]) if landscape else A4
    assert sizes and all(abs(w - want[0]) < 2 and abs(h - want[1]) < 2 for w, h in sizes), sizes
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        hidden = browser.execute_script(
            "return ['body > header', 'nav', 'form[role=search]']"
            ".map(s => document.querySelector(s)).filter(e => e && e.offsetParent !== null)"
            ".length"
        )
        assert hidden == 0
        footer = browser.execute_script("return document.querySelector('body > footer').innerText")
        assert "Open Government Licence v3.0" in footer
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
