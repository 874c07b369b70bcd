"""A brief as a Word file: its Markdown, through pandoc, with sevenf's reference document."""

from __future__ import annotations

import tempfile
from pathlib import Path

from seven_features.errors import SevenfError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from seven_features.render.blocks import Block


#: What to install when no pandoc is found: one line, exactly.
NO_PANDOC = (
    "Word output needs pandoc: install it with pip install 'sevenf[word]' "
    "(or put pandoc from https://pandoc.org on PATH), or write Markdown or HTML instead"
)


def pandoc() -> str:
    """The pandoc to run: the one the `pypandoc_binary` wheel ships, else one on PATH."""
    import importlib
    import shutil

    try:  # the optional extra: pip install "sevenf[word]"
        found = str(importlib.import_module("pypandoc").get_pandoc_path())
    except (ImportError, OSError):
        found = shutil.which("pandoc") or ""
    if not found:
        raise SevenfError(NO_PANDOC)
    return found


def word(blocks: list[Block]) -> bytes:
    """The blocks as a Word file, through pandoc, with sevenf's reference document.

    The Markdown keeps quotes and dots as printed (`-smart`); its footnotes become Word
    footnotes; a leading title block becomes Word's Title and Subtitle; the reference
    document gives the styles, A4 pages and "Page N of M" in the footer.
    """
    import subprocess
    from importlib import resources

    from seven_features.render import markdown

    source = markdown.render(blocks, pandoc=True).encode("utf-8")
    program = pandoc()
    reference = resources.files("seven_features.render").joinpath("reference.docx")
    with (
        tempfile.TemporaryDirectory(prefix="sevenf-") as scratch,
        resources.as_file(reference) as style,
    ):
        target = Path(scratch) / "brief.docx"
        command = [program, "--from=markdown-smart", "--to=docx", f"--reference-doc={style}"]
        try:
            done = subprocess.run(
                [*command, "--output", str(target)], input=source, capture_output=True, timeout=300
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise SevenfError(f"pandoc ({program}) could not run: {error}") from None
        if done.returncode != 0 or not target.is_file():
            said = done.stderr.decode("utf-8", "replace").strip().splitlines()
            why = said[-1] if said else f"exit status {done.returncode}"
            raise SevenfError(f"pandoc ({program}) could not write the Word file: {why}")
        return target.read_bytes()
