"""Build the site and screenshot its pages in headless Chromium, as a reader sees them on a
desktop and on a phone; and two pages `--format html` writes.

    python scripts/screenshot_site.py [OUT_DIR]   (default: docs; needs selenium, chromium
                                                   and chromium-driver from Debian)

Writes site-overview.png, site-feature.png, site-map.png and site-search.png (1200 pixels
wide), site-overview-phone.png and site-map-phone.png (360), and map.png and
query-html-outcome-2-evidence.png (`sevenf map` and `sevenf outcome 2 --evidence` as HTML,
1000). Nothing is downloaded: the driver is Debian's /usr/bin/chromedriver.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from seven_features.corpus import datafiles, load
from seven_features.output import render
from seven_features.queries import query
from seven_features.render import site
from seven_features.render.layout.views import attribution

PAGES = {
    "site-overview.png": ("index.html", 1200, 1400),
    "site-feature.png": ("features/3.html", 1200, 1800),
    "site-map.png": ("map.html", 1200, 1400),
    "site-search.png": ("search.html?q=co-location", 1200, 1000),
    "site-overview-phone.png": ("index.html", 360, 1600),
    "site-map-phone.png": ("map.html", 360, 1600),
}
#: Pages a command writes with --format html: (its words, width, height).
ALONE = {
    "map.png": (["map"], 1000, 1400),
    "query-html-outcome-2-evidence.png": (["outcome", "2", "--evidence"], 1000, 1400),
}


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs")
    with tempfile.TemporaryDirectory() as work:
        root = Path(work) / "site"
        site.write(site.build(load.read_corpus(datafiles.data_dir(None))), str(root))
        options = webdriver.ChromeOptions()
        for flag in (
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={work}/profile",
            "--hide-scrollbars",
        ):
            options.add_argument(flag)
        corpus = load.read_corpus(datafiles.data_dir(None))
        footer = attribution(corpus.document)
        made = {
            "map.png": query.evidence_map(corpus),
            "query-html-outcome-2-evidence.png": query.outcome(corpus, "2", evidence=True),
        }
        urls = {}
        for name, result in made.items():
            page = Path(work) / name.replace(".png", ".html")
            page.write_text(render(result, "html", footer=footer), encoding="utf-8")
            urls[name] = (page.as_uri(), *ALONE[name][1:])
        for name, (page, width, height) in PAGES.items():
            path, _, asked = page.partition("?")
            urls[name] = ((root / path).as_uri() + (f"?{asked}" if asked else ""), width, height)
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        try:
            for name, (url, width, height) in urls.items():
                # the layout viewport exactly this wide, as a phone's or a desktop window's
                driver.execute_cdp_cmd(
                    "Emulation.setDeviceMetricsOverride",
                    {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
                )
                driver.get(url)
                driver.save_screenshot(str(out / name))
                print(out / name)
        finally:
            driver.quit()


if __name__ == "__main__":
    main()
