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


#: A Word template's main part, and the document's that pandoc reads.
_TEMPLATE_TYPE = "wordprocessingml.template.main+xml"
_DOCUMENT_TYPE = "wordprocessingml.document.main+xml"


def reference_doc(template: str, scratch: Path) -> Path:
    """The user's Word document or template as pandoc's reference document: a .dotx is
    copied with its main part's type made a document's, which is all that tells the two
    apart. Anything that is not a Word file is one line (a `UsageError`)."""
    import zipfile

    from seven_features.errors import UsageError

    source = Path(template)
    why = "it is not a Word document or template (.docx or .dotx)"
    try:
        with zipfile.ZipFile(source) as archive:
            names = set(archive.namelist())
            if not {"[Content_Types].xml", "word/document.xml"} <= names:
                raise UsageError(f"--template {template}: {why}")
            types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
            if _TEMPLATE_TYPE not in types:
                return source
            copy = scratch / "template.docx"
            with zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as out:
                for item in archive.infolist():
                    data = archive.read(item)
                    if item.filename == "[Content_Types].xml":
                        data = types.replace(_TEMPLATE_TYPE, _DOCUMENT_TYPE).encode("utf-8")
                    out.writestr(item, data)
            return copy
    except FileNotFoundError:
        raise UsageError(f"--template {template}: there is no such file") from None
    except (zipfile.BadZipFile, IsADirectoryError, PermissionError, OSError):
        raise UsageError(f"--template {template}: {why}") from None


def word(blocks: list[Block], template: str | None = None) -> bytes:
    """The blocks as a Word file, through pandoc, with sevenf's reference document, or
    the user's `template` (a .docx or .dotx: its styles, header, footer and logo).

    The Markdown keeps quotes and dots as printed (`-smart`); its footnotes become Word
    footnotes; a leading title block becomes Word's Title and Subtitle; the reference
    document gives the styles, A4 pages and "Page N of M" in the footer.
    """
    import subprocess
    from contextlib import nullcontext
    from importlib import resources

    from seven_features.render import markdown

    source = markdown.render(blocks, pandoc=True).encode("utf-8")
    reference = resources.files("seven_features.render").joinpath("reference.docx")
    with (
        tempfile.TemporaryDirectory(prefix="sevenf-") as scratch,
        resources.as_file(reference) if template is None else nullcontext() as shipped,
    ):
        # the user's file is checked before pandoc is looked for: its error is theirs to fix
        style = shipped if template is None else reference_doc(template, Path(scratch))
        program = pandoc()
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
