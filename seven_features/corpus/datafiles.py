"""Where the data is and how its files are read: the one place a data file is opened.

`load.py` (the hot path) and `validation.py` (the cold path) both read the data files
through `read_file`, so a file is refused for the same reasons, in the same words,
whichever path reads it.
"""

from __future__ import annotations

import os
import stat

from seven_features.errors import DataError

FILES = ("framework.yaml", "evidence.yaml")
#: Bytes per file. The real data is well under 1 MB; a synthetic 100x copy is about 5 MB.
MAX_BYTES = 16 * 1024 * 1024


# --- finding the data ------------------------------------------------------------------


def data_dir(option: str | None = None) -> str:
    """The data directory: `option`, else $SEVENF_DATA, else the data installed with sevenf."""
    if option is not None:
        return _checked_dir(option, "given on the command line")
    chosen = os.environ.get("SEVENF_DATA")
    if chosen:
        return _checked_dir(chosen, "from $SEVENF_DATA")
    return _checked_dir(_packaged_dir(), "installed with sevenf")


def packaged_file(name: str) -> str:
    """The path of a file installed with sevenf's data (the local evidence template)."""
    return os.path.join(_packaged_dir(), name)


def _packaged_dir() -> str:
    """The data installed inside the package, or in a source checkout its data/ directory.

    A wheel puts data/ at seven_features/data/. An editable install cannot map a
    subpackage that lives outside its parent's folder, so there the checkout's own
    data/ (beside seven_features/) is used.
    """
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    for place in (os.path.join(package, "data"), os.path.join(os.path.dirname(package), "data")):
        if os.path.isfile(os.path.join(place, FILES[0])):
            return place
    raise DataError("the data installed with sevenf cannot be found: reinstall sevenf")


def _checked_dir(text: str, how: str) -> str:
    what = f"the data directory {how}"
    if not text:
        raise DataError(f"{what} is an empty path")
    try:
        mode = os.stat(text).st_mode
    except FileNotFoundError:
        raise DataError(f"{what} does not exist", text) from None
    except OSError as error:
        raise DataError(f"{what} cannot be read: {reason(error)}", text) from None
    if not stat.S_ISDIR(mode):
        raise DataError(f"{what} is not a directory", text)
    if not os.access(text, os.R_OK | os.X_OK):
        raise DataError(f"{what} cannot be read: permission denied", text)
    return plain(text)


def plain(path: str) -> str:
    """`path` written as pathlib writes it (no '.' parts, no doubled or trailing '/'),
    without importing pathlib, which costs a command more than a millisecond."""
    root = "/" if path.startswith("/") else ""
    if path.startswith("//") and not path.startswith("///"):
        root = "//"
    parts = [part for part in path.split("/") if part not in ("", ".")]
    return root + "/".join(parts) if root or parts else "."


# --- reading -----------------------------------------------------------------------------


def read_file(directory: str | os.PathLike[str], name: str, absent: str = "") -> tuple[str, bytes]:
    """The file `name` in `directory`: the name it is shown by, and its bytes. `absent`
    says what is wrong when there is no such file (by default: a data directory's)."""
    shown = os.path.join(directory, name) if directory else name
    try:
        info = os.stat(shown)
        if stat.S_ISDIR(info.st_mode):
            raise DataError("is a directory, not a file", shown)
        if not stat.S_ISREG(info.st_mode):
            raise DataError("is not a regular file", shown)
        if info.st_size > MAX_BYTES:
            raise DataError(_too_big(info.st_size), shown)
        with open(shown, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        absent = absent or f"no such file: a data directory holds {' and '.join(FILES)}"
        raise DataError(absent, shown) from None
    except OSError as error:
        raise DataError(f"cannot be read: {reason(error)}", shown) from None
    if len(data) > MAX_BYTES:  # it grew after the size was checked
        raise DataError(_too_big(len(data)), shown)
    return shown, data


def _too_big(size: int) -> str:
    return f"the file is {size:,} bytes, over the limit of {MAX_BYTES:,} ({MAX_BYTES >> 20} MiB)"


def reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    return (error.strerror or type(error).__name__).lower()
