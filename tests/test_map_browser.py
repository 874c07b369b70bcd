"""The HTML evidence map as a real browser reads it: headless Chromium parses and draws it.

Skipped, saying why, where Chromium is not installed (CI installs it: see .ci/run).
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import Cli

CHROMIUM = next(
    (found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))), None
)

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium is not installed (apt-get install chromium chromium-driver)",
)


def chromium(tmp_path: Path, *args: str) -> bytes:
    """Run headless Chromium with its own throwaway profile; its stdout."""
    assert CHROMIUM is not None
    profile = tmp_path / "profile"
    done = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            f"--user-data-dir={profile}",
            *args,
        ],
        capture_output=True,
        timeout=180,
        check=True,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    return done.stdout


class Dom(HTMLParser):
    """The parts of the browser's DOM the test reads: ids, local links, the map's rows."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.rows: list[list[str]] = []
        self._in_map = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(found["id"] or "")
        if tag == "a" and (found.get("href") or "").startswith("#"):
            self.links.append((found["href"] or "")[1:])
        if tag == "table" and found.get("class") == "evidence-map":
            self._in_map = True
        if self._in_map and tag == "tr":
            self.rows.append([])
        if self._in_map and tag in ("td", "th") and self.rows:
            self.rows[-1].append(found.get("class") or tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._in_map = False


def png_size_and_pixels(png: bytes) -> tuple[int, int, bytes]:
    """Width, height and the decompressed scanlines of a PNG (no imaging library needed)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    chunks, at = [], 8
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        kind = png[at + 4 : at + 8]
        if kind == b"IDAT":
            chunks.append(png[at + 8 : at + 8 + length])
        at += 12 + length
    return width, height, zlib.decompress(b"".join(chunks))


#: Run in a copy of a page once it is drawn: how wide the page and the map's own box are
#: against the window, written where --dump-dom shows it.
MEASURE = """<script>addEventListener("load", () => {
  const box = document.querySelector("table.evidence-map").parentElement;
  document.body.dataset.fit = [document.documentElement.scrollWidth, innerWidth,
                               box.scrollWidth, box.clientWidth].join(" ");
});</script>"""


def widths(tmp_path: Path, page: Path) -> list[int]:
    """The page's width and the window's, the map's box's content width and its own width,
    drawn at 1000 by 1400 pixels."""
    measured = page.with_name(f"measured-{page.name}")
    markup = page.read_text(encoding="utf-8")
    measured.write_text(markup.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    dom = chromium(tmp_path, "--window-size=1000,1400", "--dump-dom", measured.as_uri())
    found = re.search(r'data-fit="([\d ]+)"', dom.decode("utf-8"))
    assert found, "the page was not measured"
    return [int(n) for n in found[1].split()]


def test_the_html_map_in_headless_chromium(tmp_path: Path, cli: Cli) -> None:
    page = tmp_path / "map.html"
    code, _, err = cli("map", "--format", "html", "-o", str(page))
    assert code == 0, err
    dom = Dom()
    dom.feed(chromium(tmp_path, "--dump-dom", page.as_uri()).decode("utf-8"))
    # The browser sees the whole grid: a header row and seven features, each with its
    # label and seven outcome cells; 10 cells hold evidence, 39 are gaps. What each feature
    # is linked to stands under the grid, so that the grid fits a 1000px window.
    assert len(dom.rows) == 8 and all(len(row) == 8 for row in dom.rows)
    cells = [c for row in dom.rows[1:] for c in row[1:]]
    assert (cells.count("cell"), cells.count("gap")) == (10, 39)
    # Every link in the page, each cell's included, lands on something on the page.
    assert dom.links and set(dom.links) <= dom.ids
    assert {"finding-days-reclaiming-social-work", "fn-11"} <= set(dom.links)

    shot = tmp_path / "map.png"
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1000,1400", page.as_uri())
    width, height, pixels = png_size_and_pixels(shot.read_bytes())
    assert (width, height) == (1000, 1400)
    assert len(set(pixels[: len(pixels) // 2])) > 16  # drawn, not a blank page


def test_the_map_fits_a_1000px_window_with_nothing_to_scroll_sideways(
    tmp_path: Path, cli: Cli
) -> None:
    page = tmp_path / "map.html"
    assert cli("map", "--format", "html", "-o", str(page)).code == 0
    site = tmp_path / "site"
    assert cli("site", "-o", str(site)).code == 0
    for drawn in (page, site / "map.html"):
        page_width, window, content, box = widths(tmp_path, drawn)
        assert page_width <= window == 1000, drawn
        assert content <= box, drawn  # the site's scrolling box around the grid never scrolls
