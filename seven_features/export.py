"""Report writing's outputs: citation and brief formats as text, and where that text goes.

Exports go to stdout through `output.write` (UTF-8 bytes, so RIS keeps its CRLF and
a file redirected from a pipe is the same as one written with `-o`). A file is
written by `files.write_output`: whole or not at all, through a symlink, straight into
a device or a pipe, and an existing file replaced only when asked.
"""

from __future__ import annotations

from enum import StrEnum
from typing import assert_never

from .render.cite import Citations


class CiteFormat(StrEnum):
    text = "text"
    bibtex = "bibtex"
    ris = "ris"
    csl_json = "csl-json"


def citations(result: Citations, fmt: CiteFormat) -> str:
    """The gathered citations in `fmt`."""
    from .render import cite

    if fmt is CiteFormat.text:
        return cite.to_text(result)
    if fmt is CiteFormat.bibtex:
        return cite.to_bibtex(result)
    if fmt is CiteFormat.ris:
        return cite.to_ris(result)
    if fmt is CiteFormat.csl_json:
        return cite.to_csl_json(result)
    assert_never(fmt)


def unsourced(result: Citations) -> list[str]:
    """One sentence per chosen footnote that reaches no source (footnote 6: a marker, no note)."""
    lines = []
    for note in result["unsourced"]:
        why = note["missing"].get("text") or "The document does not identify its source."
        lines.append(
            f"footnote {note['number']} names no source, so no source is exported for it: {why}"
        )
    return lines


def to_file(path: str, text: str, *, force: bool = False) -> None:
    """Write `text` to `path` (`-` is stdout) whole or not at all; see `files.write_output`."""
    if path == "-":
        from .output import write

        write(text)
        return
    from .files import write_output

    write_output(path, text.encode("utf-8"), force=force)
