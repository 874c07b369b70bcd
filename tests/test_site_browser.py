"""The site in a real browser: Debian's Chromium driven through its own chromedriver (nothing
is downloaded), opened from file:// as a colleague would open it from a shared drive."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import DATA, Cli

from seven_features.corpus import load
from seven_features.corpus.indexed import Corpus
from seven_features.render import site

DRIVER = Path("/usr/bin/chromedriver")
LICENCE = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3"

webdriver = pytest.importorskip(
    "selenium.webdriver", reason="selenium is not installed (pip install '.[test]')"
)
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER.is_file()),
    reason="no Chromium and chromedriver (apt-get install chromium chromium-driver; "
    ".ci/run installs them)",
)


@pytest.fixture(scope="module")
def root(corpus: Corpus) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="sevenf-site-") as work:
        folder = Path(work) / "site"
        site.write(site.build(corpus), str(folder))
        yield folder


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with tempfile.TemporaryDirectory(prefix="sevenf-chromium-") as profile:
        options = webdriver.ChromeOptions()
        for flag in (
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--disable-component-update",
            "--disable-sync",
            "--disable-default-apps",
            "--disable-extensions",
            f"--user-data-dir={profile}",
            "--window-size=1200,900",
        ):
            options.add_argument(flag)
        options.binary_location = CHROMIUM or ""
        options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
        try:
            driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
        except Exception as error:  # a driver that cannot start is an environment problem
            pytest.skip(f"Chromium would not start: {str(error).splitlines()[0]}")
        try:
            driver.get("about:blank")
            requests(driver)  # what the browser loaded for itself as it started
            yield driver
        finally:
            driver.quit()


#: The browser's own pages (its new-tab page loads chrome:// resources as it starts).
INTERNAL = ("chrome:", "chrome-untrusted:", "chrome-extension:", "about:", "data:")


def requests(driver: Any) -> list[str]:
    """Every URL the browser asked for since the log was last read, but its own pages'."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            url = message["params"]["request"]["url"]
            if not url.startswith(INTERNAL):
                urls.append(url)
    return urls


def errors(driver: Any) -> list[str]:
    """The page's console errors (a script that failed, a file that was missing)."""
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def results(driver: Any) -> list[tuple[str, str, str]]:
    """Each search result as a person reads it: where it stands, its page, its snippet."""
    return [
        (
            item.find_element(By.CSS_SELECTOR, "a.where").text,
            item.find_element(By.CSS_SELECTOR, "a.where").get_attribute("href"),
            item.find_element(By.CSS_SELECTOR, ".snippet").text,
        )
        for item in driver.find_elements(By.CSS_SELECTOR, "#results li")
    ]


def wait_for_status(driver: Any, starts: str) -> str:
    """The search page's status once it starts with `starts`. The status is looked up
    afresh each time: after a search from another page's box, the browser may still be on
    that page, or be leaving it, when the wait begins."""
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException

    def status(driver: Any) -> str | None:
        text = str(driver.find_element(By.ID, "search-status").text)
        return text if text.startswith(starts) else None

    ignored = (NoSuchElementException, StaleElementReferenceException)
    found = WebDriverWait(driver, 10, ignored_exceptions=ignored).until(status)
    return str(found)


def test_overview_to_a_feature_and_its_source(browser: Any, root: Path) -> None:
    requests(browser)
    browser.get((root / "index.html").as_uri())
    assert browser.title == "Seven features of practice and seven outcomes"
    assert browser.find_element(By.TAG_NAME, "h1").text == (
        "Seven features of practice and seven outcomes"
    )
    rows = browser.find_elements(By.CSS_SELECTOR, "main table tbody tr")
    assert [r.find_element(By.TAG_NAME, "td").text for r in rows] == [str(n) for n in range(1, 8)]
    browser.find_element(By.LINK_TEXT, "Enabling staff to do skilled direct work").click()
    assert browser.current_url == (root / "features" / "3.html").as_uri()
    assert browser.find_element(By.TAG_NAME, "h1").text == (
        "Feature 3: Enabling staff to do skilled direct work"
    )
    quote = browser.find_elements(By.CSS_SELECTOR, "blockquote footer")[0].text
    assert quote.startswith(
        "— Summary of visit observation, Family Safeguarding Hertfordshire evaluation22 (page 46)"
    )
    assert quote.endswith("is not closed before the closing double quotation mark.)")
    # the citation jumps to its footnote, which leads to the footnote's own page
    browser.find_element(By.CSS_SELECTOR, "a.fnref[href='#fn-22']").click()
    assert browser.current_url.endswith("/features/3.html#fn-22")
    note = browser.find_element(By.ID, "fn-22")
    assert "Family Safeguarding Hertfordshire Evaluation Report, 2017, pg. 46." in note.text
    note.find_element(By.CSS_SELECTOR, "a[href='../sources/22.html']").click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "Footnote 22"
    assert "Page\n46" in browser.find_element(By.TAG_NAME, "dl").text
    footer = browser.find_element(By.CSS_SELECTOR, "body > footer").text
    assert (
        "Contains public sector information licensed under the Open Government Licence v3.0."
        in (footer)
    )
    assert errors(browser) == []
    seen = requests(browser)
    assert seen and all(url.startswith(root.as_uri() + "/") for url in seen), seen


def test_search_through_the_page_box(browser: Any, root: Path) -> None:
    requests(browser)
    browser.get((root / "search.html").as_uri())
    box = browser.find_element(By.ID, "q")
    box.send_keys("co-location", Keys.ENTER)
    assert wait_for_status(browser, "2 matches") == "2 matches for ‘co-location’."
    found = results(browser)
    assert [(where, href.rsplit("/", 2)[-2:]) for where, href, _ in found] == [
        ("feature 5 › pitfalls", ["features", "5.html"]),
        ("feature 4 › pitfalls", ["features", "4.html"]),
    ]
    # what the passage is, then its words around the match, as `sevenf search` shows it
    assert found[0][2] == (
        "Co-location is important — as well as meeting for group case discussion, day-to-day "
        "co-location of the multi-disciplinary team was shown to be important in…"
    )
    assert found[1][2] == "Co-location is important"
    marks = browser.find_elements(By.CSS_SELECTOR, "#results mark")
    assert [m.text for m in marks] == ["co-location", "Co-location"]
    browser.find_element(By.LINK_TEXT, found[1][0]).click()
    assert browser.find_element(By.TAG_NAME, "h1").text == (
        "Feature 4: Multi-disciplinary skill sets working together"
    )
    seen = requests(browser)
    assert all(url.startswith(root.as_uri() + "/") for url in seen), seen


def test_a_search_link_shows_its_results_on_load(browser: Any, root: Path) -> None:
    browser.get((root / "search.html").as_uri() + "?q=co-location")
    assert wait_for_status(browser, "2 matches") == "2 matches for ‘co-location’."
    assert browser.find_element(By.ID, "q").get_attribute("value") == "co-location"
    browser.get((root / "search.html").as_uri() + "?q=Ibid")
    assert wait_for_status(browser, "5 matches") == "5 matches for ‘Ibid’."
    assert [w for w, _, _ in results(browser)][:2] == ["footnote 9", "footnote 10"]
    browser.get((root / "search.html").as_uri() + "?q=zzzqqq")
    assert wait_for_status(browser, "Nothing") == "Nothing matches ‘zzzqqq’."
    assert results(browser) == []
    browser.get((root / "search.html").as_uri() + "?q=???")
    assert wait_for_status(browser, "Search needs") == (
        "Search needs a word to find: ‘???’ has no letters or digits."
    )


def test_did_you_mean_leads_to_the_word(browser: Any, root: Path) -> None:
    browser.get((root / "search.html").as_uri() + "?q=famly")
    assert wait_for_status(browser, "Nothing") == (
        "Nothing matches ‘famly’. Did you mean family or family's?"
    )
    browser.find_element(By.LINK_TEXT, "family").click()
    assert wait_for_status(browser, "58 matches") == "58 matches for ‘family’."
    assert browser.find_element(By.ID, "q").get_attribute("value") == "family"


def test_the_header_box_searches_from_any_page(browser: Any, root: Path) -> None:
    browser.get((root / "projects" / "ealing-brighter-futures.html").as_uri())
    browser.find_element(By.ID, "site-q").send_keys("lead worker", Keys.ENTER)
    assert wait_for_status(browser, "3 matches") == "3 matches for ‘lead worker’."
    assert browser.current_url == (root / "search.html").as_uri() + "?q=lead+worker"
    quote = [r for r in results(browser) if r[0].startswith("quote")]
    assert quote[0][0] == "quote (feature 6)"
    assert quote[0][2].startswith("Parent, Ealing Brighter Futures evaluation. — ")
    assert "with [name of lead worker] being positive" in quote[0][2]


@pytest.mark.parametrize(
    "words",
    [
        "co-location",
        "colocation",
        "multidisciplinary",
        "lead worker",
        "social workers",
        "decisions",
        "Hertfordshire",
        "£2.6m",
        "value for money",
        "Munro",
    ],
)
def test_the_page_finds_what_sevenf_search_finds(
    browser: Any, root: Path, words: str, cli: Cli
) -> None:
    """The page itself, in the order `sevenf search --json` gives (tests/test_search_parity.py
    runs the page's script over many more queries)."""
    from urllib.parse import quote

    code, out, _ = cli("search", words, "--json", "--limit", "1000")
    assert code == 0
    expected = json.loads(out)["hits"]
    browser.get((root / "search.html").as_uri() + "?q=" + quote(words))
    wait_for_status(browser, f"{len(expected)} match" if expected else "Nothing")
    addresses = site.Addresses(load.read_corpus(DATA))
    assert [(where, href) for where, href, _ in results(browser)] == [
        (hit["where"], f"{root.as_uri()}/{addresses.of(hit['ref'])}") for hit in expected
    ]


def test_a_map_cell_leads_to_its_finding(browser: Any, root: Path) -> None:
    requests(browser)
    browser.get((root / "index.html").as_uri())
    browser.find_element(By.CSS_SELECTOR, "nav").find_element(By.LINK_TEXT, "Evidence map").click()
    assert browser.current_url == (root / "map.html").as_uri()
    assert browser.find_element(By.TAG_NAME, "h1").text == "Evidence map: features × outcomes"
    caption = browser.find_element(By.CSS_SELECTOR, "main > p.aside").text
    assert "An empty cell (—) is a gap in the document's evidence, not a finding of no effect." in (
        caption
    )
    rows = browser.find_elements(By.CSS_SELECTOR, "table.evidence-map tbody tr")
    assert len(rows) == 7
    first = rows[0].find_elements(By.TAG_NAME, "td")
    assert [td.text.split("\n")[0] for td in first[:3]] == [
        "1: Signs of Safety (quotes alone)9",
        "1: Signs of Safety (quotes alone)5",
        "—",
    ]
    # the cell of feature 1 × outcome 2 leads to its finding, printed in full on outcome 2
    first[1].find_element(By.LINK_TEXT, "“the Signs of Safety authorities saw…”").click()
    assert browser.current_url == (
        (root / "outcomes" / "2.html").as_uri() + "#finding-risk-signs-of-safety"
    )
    assert browser.find_element(By.TAG_NAME, "h1").text == "Outcome 2: Reduced risk for children"
    landed = browser.find_element(By.ID, "finding-risk-signs-of-safety")
    assert landed.text.startswith(
        "the Signs of Safety authorities saw a 22% decrease in the rate of children becoming "
        "subject to a Child Protection Plan.5"
    )
    # the browser scrolled to it and marks it as the target
    assert browser.execute_script(
        "return document.querySelector(':target') === arguments[0]", landed
    )
    top = browser.execute_script("return arguments[0].getBoundingClientRect().top", landed)
    assert -1 < top < 100  # at the top of the window (less a fraction of a pixel)
    background = landed.value_of_css_property("background-color")
    assert background == "rgba(255, 247, 224, 1)"  # li:target, #fff7e0
    # back on the map, a cell's footnote leads to the footnote's page
    browser.back()
    browser.find_element(By.CSS_SELECTOR, "td.cell a.fnref[href='sources/5.html']").click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "Footnote 5"
    assert errors(browser) == []
    seen = requests(browser)
    assert seen and all(url.startswith(root.as_uri() + "/") for url in seen), seen


def test_keyboard_alone_reaches_the_content(browser: Any, root: Path) -> None:
    browser.get((root / "features" / "6.html").as_uri())
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    skip = browser.switch_to.active_element
    assert skip.text == "Skip to main content" and skip.is_displayed()
    skip.send_keys(Keys.ENTER)
    assert browser.current_url.endswith("#main")
    focusable = browser.execute_script(
        "return [...document.querySelectorAll('a[href], input, button')]"
        ".filter(e => e.tabIndex < 0).length"
    )
    assert focusable == 0


def test_readable_on_a_phone(browser: Any, root: Path) -> None:
    browser.set_window_size(390, 844)
    try:
        pages = ("index.html", "features/3.html", "sources.html", "outcomes/2.html", "map.html")
        for page in pages:
            browser.get((root / page).as_uri())
            overflow = browser.execute_script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, page
    finally:
        browser.set_window_size(1200, 900)


def test_the_licence_link_is_the_only_way_out(browser: Any, root: Path) -> None:
    browser.get((root / "index.html").as_uri())
    outside = browser.execute_script(
        "return [...document.querySelectorAll('[href],[src]')]"
        ".map(e => e.href || e.src).filter(u => !u.startsWith('file:'))"
    )
    assert outside == [LICENCE]
