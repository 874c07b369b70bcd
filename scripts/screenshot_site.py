"""Build the site and screenshot four of its pages in headless Chromium, as a reader sees them.

    python scripts/screenshot_site.py [OUT_DIR]   (default: docs; needs selenium, chromium
                                                   and chromium-driver from Debian)

Writes site-overview.png, site-feature.png, site-map.png and site-search.png. Nothing is
downloaded: the driver is Debian's /usr/bin/chromedriver.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from seven_features.corpus import datafiles, load
from seven_features.render import site

PAGES = {
    "site-overview.png": ("index.html", 1200, 1500),
    "site-feature.png": ("features/3.html", 1200, 1900),
    "site-map.png": ("map.html", 1200, 1500),
    "site-search.png": ("search.html?q=co-location", 1200, 1300),
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
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        try:
            for name, (page, width, height) in PAGES.items():
                if not (root / page.split("?")[0]).is_file():
                    print(f"skipped {name}: the site has no {page}", file=sys.stderr)
                    continue
                driver.set_window_size(width, height)
                driver.get((root / page.split("?")[0]).as_uri() + page[len(page.split("?")[0]) :])
                driver.save_screenshot(str(out / name))
                print(out / name)
        finally:
            driver.quit()


if __name__ == "__main__":
    main()
