"""Markdown ready to paste into a report: citations become Markdown footnotes."""

from __future__ import annotations

import re

from seven_features.errors import assert_never
from seven_features.render.blocks import (
    Aside,
    Bar,
    Bullets,
    Cite,
    Em,
    Gap,
    Heading,
    Mark,
    NoteMark,
    Notes,
    Pairs,
    Para,
    Quote,
    Small,
    Strong,
    Table,
    Title,
    bar,
    clean,
    oneline,
    plain,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from seven_features.render.blocks import Block, Spans

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
    marked = False  # the last thing written is a mark naming a note on the sources
    for span in plain(items, reader=True):
        if isinstance(span, str):
            run.append(span)
            cited = marked = False
            continue
        if run:
            out.append(escape("".join(run)))
            run = []
        match span:
            case Cite():
                out.append(f"{JOIN[pandoc] if cited else ''}[^{span.key}]")
            case NoteMark():  # a superscript letter: pandoc's own, or HTML's where read as such
                key = escape(span.key)
                sep = ("^,^" if pandoc else "<sup>,</sup>") if marked else ""
                out.append(f"{sep}^{key}^" if pandoc else f"{sep}<sup>{key}</sup>")
            case Gap():
                out.append(_wrap(em, f"\\[{escape(span.text)}\\]"))
            case Bar():
                out.append(f"`{bar(span.count, span.total)}`")
            case Mark() | Strong():
                out.append(_wrap("**", escape(span.text)))
            case Em() | Small():
                out.append(_wrap(em, escape(span.text)))
            case _:
                assert_never(span)
        cited, marked = isinstance(span, Cite), isinstance(span, NoteMark)
    if run:
        out.append(escape("".join(run)))
    return "".join(out)


def block(item: Block, *, pandoc: bool = False) -> str:
    """One block as Markdown; `pandoc` when pandoc reads it (see `spans`)."""

    def inline(items: Spans, *, italic: bool = False) -> str:
        return spans(items, italic=italic, pandoc=pandoc)

    match item:
        case Title():
            return f"# {escape(item.text)}\n\n{paragraph(inline(item.spans))}"
        case Heading():
            return f"{'#' * item.level} {escape(item.text)}"
        case Para():
            return paragraph(inline(item.spans))
        case Aside():
            return _wrap("*", inline(item.spans, italic=True))
        case Bullets():
            return "\n".join(f"- {inline(x)}" for x in item.items)
        case Pairs():
            return "\n".join(
                f"- **{escape(label)}:** {inline(value)}" for label, value in item.items
            )
        case Quote():
            said = f"> {inline(item.spans)}"
            return f"{said}\n>\n> — {inline(item.attribution)}" if item.attribution else said
        case Notes():
            return "\n".join(f"[^{n}]: {inline(text)}" for n, text in item.items)
        case Table():
            lines = [f"**{escape(item.caption)}**", ""] if item.caption else []
            lines.append("| " + " | ".join(escape(c) for c in item.columns) + " |")
            lines.append("|" + "---|" * len(item.columns))
            lines += ["| " + " | ".join(inline(cell) for cell in row) + " |" for row in item.rows]
            return "\n".join(lines)
        case _:
            assert_never(item)


def metadata(item: Title) -> str:
    """A title block as pandoc's YAML metadata: each value Markdown, quoted as a JSON string
    (which YAML reads the same), so no data can end the block or be read as YAML."""
    import json

    fields = {"title": escape(item.text), "subtitle": spans(item.spans, pandoc=True)}
    lines = [f"{name}: {json.dumps(value, ensure_ascii=False)}" for name, value in fields.items()]
    return "\n".join(["---", *lines, "---"])


def render(blocks: list[Block], *, pandoc: bool = False) -> str:
    """The blocks as Markdown; footnote definitions keep their keys. With `pandoc` (for
    Word), a leading title becomes pandoc metadata, which Word shows in its Title and
    Subtitle styles, and adjacent note references are parted by a superscript comma."""
    if pandoc and blocks and isinstance(blocks[0], Title):
        head, blocks = [metadata(blocks[0])], blocks[1:]
    else:
        head = []
    return clean("\n\n".join([*head, *(block(b, pandoc=pandoc) for b in blocks)])) + "\n"
