"""Paths, markers and plain helpers the test files share; the fixtures are in conftest.py.

Imported as `helpers` (pytest puts this folder on sys.path, as mypy does when it checks it).
"""

from __future__ import annotations

import contextlib
import os
import pty
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, Protocol, TypeVar, cast

import pytest
from typer.testing import CliRunner
from typer.testing import Result as ClickResult

from seven_features.cli.app import app
from seven_features.errors import SevenfError
from seven_features.render import word as export

if TYPE_CHECKING:
    from seven_features.corpus import records
    from seven_features.corpus.model import Evidence, Framework
    from seven_features.output import Format, Output, Settings

ROOT = Path(__file__).resolve().parent.parent
#: The shipped data, as the package installs it.
DATA = ROOT / "data"
#: The document itself, as text: beside the checkout, not inside it.
SOURCE_FILE = ROOT.parent / "shared" / "source" / "seven-features-of-practice.txt"
FIXTURES = ROOT / "tests" / "fixtures"
#: The smallest valid pair of data files: one feature, one outcome, a few records.
MINIMAL = FIXTURES / "load" / "minimal"

needs_source = pytest.mark.skipif(
    not SOURCE_FILE.exists(), reason="the source text is not beside the checkout"
)


def pandoc() -> str | None:
    """The pandoc sevenf would run (the test extra's wheel, else one on PATH), or None."""
    try:
        return export.pandoc()
    except SevenfError:
        return None


needs_pandoc = pytest.mark.skipif(
    pandoc() is None, reason="no pandoc: pip install 'sevenf[word]' (the test extra brings it)"
)


def source_text() -> str:
    """The document as printed (tests that need it are marked `needs_source`)."""
    return SOURCE_FILE.read_text(encoding="utf-8")


def as_data(framework: Framework, evidence: Evidence) -> records.Data:
    """Validated models as the plain data a `Corpus` holds: the step load.py takes."""
    return {
        "framework": cast("records.Framework", framework.model_dump(mode="json")),
        "evidence": cast("records.Evidence", evidence.model_dump(mode="json")),
    }


class OnTerminal(Protocol):
    """The `on_terminal` fixture: emit `out` to a stdout that is a terminal; what it shows."""

    def __call__(self, out: Output, fmt: Format = ..., settings: Settings | None = None) -> str: ...


Out = TypeVar("Out", str, bytes)


class CliResult(NamedTuple, Generic[Out]):
    """What one command line did: `code, out, err = cli(...)` or `cli(...) == (0, out, "")`."""

    code: int
    stdout: Out
    stderr: str


class Cli:
    """sevenf's command line run in-process, on the shipped data unless `data` says otherwise
    (None: no --data option, so SEVENF_DATA or the packaged data is used).

    An exception that gets past sevenf's own error boundary is raised in the test, with its
    traceback, instead of being turned into exit code 1: no test passes over one.
    """

    def __init__(self) -> None:
        self._runner = CliRunner()

    def _invoke(
        self, args: tuple[str, ...], data: Path | None, env: Mapping[str, str] | None
    ) -> ClickResult:
        argv = [*(("--data", str(data)) if data is not None else ()), *args]
        return self._runner.invoke(app, argv, env=env, prog_name="sevenf", catch_exceptions=False)

    def __call__(
        self, *args: str, data: Path | None = DATA, env: Mapping[str, str] | None = None
    ) -> CliResult[str]:
        """Run `sevenf [--data DATA] *args`; stdout as text."""
        done = self._invoke(args, data, env)
        return CliResult(done.exit_code, done.stdout, done.stderr)

    def raw(
        self, *args: str, data: Path | None = DATA, env: Mapping[str, str] | None = None
    ) -> CliResult[bytes]:
        """The same, with stdout as the bytes written (a Word file, or bytes to compare)."""
        done = self._invoke(args, data, env)
        return CliResult(done.exit_code, done.stdout_bytes, done.stderr)


def on_a_terminal(argv: list[str], env: Mapping[str, str]) -> tuple[int, bytes, bytes]:
    """`python -m seven_features *argv` with stdout a pseudo-terminal: its exit status, what
    it drew and what it said on stderr."""
    command = [sys.executable, "-m", "seven_features", *argv]
    leader, follower = pty.openpty()
    child = subprocess.Popen(command, env=dict(env), stdout=follower, stderr=subprocess.PIPE)
    os.close(follower)
    out = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    err = child.stderr.read() if child.stderr else b""
    os.close(leader)
    return child.wait(timeout=60), out, err


#: npm packages some tests run in node or a browser, installed once into a folder outside
#: the repository (SEVENF_NPM_DIR, else the user's cache): citeproc-js through citation-js,
#: the engine Zotero and Mendeley use, and axe-core, the accessibility checker.
NPM_PACKAGES = ("citation-js@0.7", "axe-core@4")


def npm_folder() -> Path:
    """A folder holding NPM_PACKAGES' node_modules; skips, saying why, where npm cannot."""
    import shutil

    folder = Path(
        os.environ.get("SEVENF_NPM_DIR")
        or Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "sevenf-tests" / "npm"
    )
    wanted = [folder / "node_modules" / name.split("@")[0] for name in NPM_PACKAGES]
    if all(p.is_dir() for p in wanted):
        return folder
    if shutil.which("npm") is None or shutil.which("node") is None:
        pytest.skip("no node and npm: install Node.js to check with citeproc-js and axe-core")
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(folder), *NPM_PACKAGES],
        capture_output=True,
        timeout=600,
    )
    if done.returncode != 0 or not all(p.is_dir() for p in wanted):
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        pytest.skip(f"npm could not install {', '.join(NPM_PACKAGES)}: {said[-1] if said else ''}")
    return folder


# --- a real browser ------------------------------------------------------------------------

#: Debian's Chromium and its own driver: nothing is downloaded (.ci/run installs them).
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER.is_file()),
    reason="no Chromium and chromedriver (apt-get install chromium chromium-driver; "
    ".ci/run installs them)",
)


@contextlib.contextmanager
def chromium(width: int = 1200, height: int = 900) -> Iterator[Any]:
    """Headless Chromium through Selenium, with a throwaway profile; skips the test where
    selenium is missing or the browser will not start."""
    webdriver = pytest.importorskip(
        "selenium.webdriver", reason="selenium is not installed (pip install '.[test]')"
    )
    from selenium.webdriver.chrome.service import Service

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
            "--disable-extensions",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            f"--window-size={width},{height}",
        ):
            options.add_argument(flag)
        options.binary_location = CHROMIUM or ""
        try:
            driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
        except Exception as error:  # a driver that cannot start is an environment problem
            pytest.skip(f"Chromium would not start: {str(error).splitlines()[0]}")
        try:
            yield driver
        finally:
            driver.quit()


def viewport(driver: Any, width: int) -> None:
    """Make the page's layout viewport exactly `width` CSS pixels wide (a window's size
    includes its frame, so a 360-pixel window would lay the page out narrower)."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False},
    )
