"""Markdown ready to paste into a report: citations become Markdown footnotes."""

from __future__ import annotations

import re

from seven_features.render.blocks import Block, Spans, bar, clean, oneline, plain

# Inline syntax characters, each escaped with a backslash (str.translate: one C pass).
_SYNTAX = "\\`*_{}[]<>|~^$&"
_INLINE = str.maketrans({c: f"\\{c}" for c in _SYNTAX})
_ANY = re.compile(f"[{re.escape(_SYNTAX)}]")
_LEADING = re.compile(r"^(\s*\d*)([#+>.)-])")


def escape(text: str) -> str:
    """Data text that Markdown prints literally: inline syntax characters escaped."""
    text = oneline(text)
    return text.translate(_INLINE) if _ANY.search(text) else text


def paragraph(text: str) -> str:
    """A line that cannot start a heading, list or quote, whatever the data begins with."""
    match = _LEADING.match(text)
    if not match or (match.group(1).strip() == "") == (match.group(2) in ".)"):
        return text
    return f"{match.group(1)}\\{text[match.end(1) :]}"


def _wrap(marker: str, text: str) -> str:
    """Emphasis around the words only: `* (page 29)*` would print its asterisks."""
    if text and not text[0].isspace() and not text[-1].isspace():
        return f"{marker}{text}{marker}"
    words = text.strip()
    if not words:
        return text
    head, tail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    return f"{head}{marker}{words}{marker}{tail}"


#: Between two note references, which would otherwise read as one number ("Plans²³" as
#: note 23): a comma any Markdown prints, and for pandoc a superscript one, as Word sets it.
JOIN = {False: ",", True: "^,^"}


def spans(items: Spans, *, italic: bool = False, pandoc: bool = False) -> str:
    """Spans as Markdown; `italic` when they are already in italics (an aside), where a
    gap or an em needs no asterisks of its own: `**` would print them in bold. `pandoc`
    when pandoc reads them (Word): see `JOIN`."""
    em = "" if italic else "*"
    out: list[str] = []
    run: list[str] = []  # data text between styled spans, escaped as one string
    cited = False  # the last thing written is a note reference
    for span in plain(items, reader=True):
        if isinstance(span, str):
            run.append(span)
            cited = False
            continue
        if run:
            out.append(escape("".join(run)))
            run = []
        style, value = span
        if style == "cite":
            out.append(f"{JOIN[pandoc] if cited else ''}[^{value}]")
        elif style == "gap":
            out.append(_wrap(em, f"\\[{escape(value)}\\]"))
        elif style == "bar":
            out.append(f"`{bar(*value)}`")
        elif style in ("mark", "strong"):
            out.append(_wrap("**", escape(value)))
        else:
            out.append(_wrap(em, escape(value)))
        cited = style == "cite"
    if run:
        out.append(escape("".join(run)))
    return "".join(out)


def block(item: Block, *, pandoc: bool = False) -> str:
    """One block as Markdown; `pandoc` when pandoc reads it (see `spans`)."""
    kind = item[0]

    def inline(items: Spans, *, italic: bool = False) -> str:
        return spans(items, italic=italic, pandoc=pandoc)

    if kind == "title":
        return f"# {escape(item[1])}\n\n{paragraph(inline(item[2]))}"
    if kind in ("h1", "h2", "h3"):
        return f"{'#' * int(kind[1])} {escape(item[1])}"
    if kind == "p":
        return paragraph(inline(item[1]))
    if kind == "aside":
        return _wrap("*", inline(item[1], italic=True))
    if kind == "ul":
        return "\n".join(f"- {inline(x)}" for x in item[1])
    if kind == "dl":
        return "\n".join(f"- **{escape(label)}:** {inline(value)}" for label, value in item[1])
    if kind == "quote":
        return f"> {inline(item[1])}\n>\n> — {inline(item[2])}"
    if kind == "notes":
        return "\n".join(f"[^{n}]: {inline(text)}" for n, text in item[1])
    if kind == "table":
        _, caption, columns, rows = item
        lines = [f"**{escape(caption)}**", ""] if caption else []
        lines.append("| " + " | ".join(escape(c) for c in columns) + " |")
        lines.append("|" + "---|" * len(columns))
        lines += ["| " + " | ".join(inline(cell) for cell in row) + " |" for row in rows]
        return "\n".join(lines)
    raise ValueError(f"unknown block {kind!r}")


def metadata(item: Block) -> str:
    """A title block as pandoc's YAML metadata: each value Markdown, quoted as a JSON string
    (which YAML reads the same), so no data can end the block or be read as YAML."""
    import json

    fields = {"title": escape(item[1]), "subtitle": spans(item[2], pandoc=True)}
    lines = [f"{name}: {json.dumps(value, ensure_ascii=False)}" for name, value in fields.items()]
    return "\n".join(["---", *lines, "---"])


def render(blocks: list[Block], *, pandoc: bool = False) -> str:
    """The blocks as Markdown; footnote definitions keep their keys. With `pandoc` (for
    Word), a leading title becomes pandoc metadata, which Word shows in its Title and
    Subtitle styles, and adjacent note references are parted by a superscript comma."""
    if pandoc and blocks and blocks[0][0] == "title":
        head, blocks = [metadata(blocks[0])], blocks[1:]
    else:
        head = []
    return clean("\n\n".join([*head, *(block(b, pandoc=pandoc) for b in blocks)])) + "\n"
