"""One self-contained, printable HTML page of blocks: inline CSS, no scripts, nothing fetched.

Every string from the data is HTML-escaped (after control characters are made
visible), so no data can become markup. Citations are superscript links to a
numbered list of footnotes that keeps the document's own numbers; each note links
back to every place that cites it.
"""

from __future__ import annotations

import re
from html import escape

from .blocks import Block, Spans, bar, oneline

CSS = """
:root { color-scheme: light; }
body { font: 16px/1.5 Georgia, "Times New Roman", serif; color: #1b1b1b; background: #fff;
       max-width: 46rem; margin: 2rem auto; padding: 0 1.25rem; }
h1, h2, h3 { font-family: Arial, Helvetica, sans-serif; line-height: 1.25; }
h1 { font-size: 1.9rem; margin: 0 0 .5rem; }
h2 { font-size: 1.4rem; margin: 2.25rem 0 .5rem; padding-top: .5rem;
     border-top: 3px solid #1d70b8; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 .4rem; }
p, li, dd { overflow-wrap: anywhere; }
.aside { color: #505a5f; font-style: italic; }
.subtitle { color: #505a5f; border-bottom: 3px solid #1d70b8; padding-bottom: .5rem; }
.gap { font-style: italic; color: #6b4b00; background: #fff7e0; }
blockquote { margin: 1rem 0; padding: .25rem 1rem; border-left: 5px solid #b1b4b6;
             background: #f6f6f6; }
blockquote footer { margin: 0 0 .5rem; font-size: .95rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dt { font-weight: bold; }
dd { margin: 0; }
table { border-collapse: collapse; margin: 1rem 0; }
caption { text-align: left; font-weight: bold; padding-bottom: .25rem; }
th, td { border: 1px solid #b1b4b6; padding: .25rem .5rem; text-align: left; vertical-align: top; }
sup { line-height: 0; }
a.fnref { text-decoration: none; padding: 0 .1em; }
.footnotes { margin-top: 2.5rem; border-top: 1px solid #b1b4b6; font-size: .9rem; }
.footnotes li:target { background: #fff7e0; }
.bar { font-family: "DejaVu Sans Mono", Consolas, monospace; letter-spacing: .05em; }
@page { margin: 2cm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
  a { color: inherit; }
  a.back { display: none; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  blockquote, li, dl { break-inside: avoid; page-break-inside: avoid; }
  .gap { background: none; }
}
"""


def text(value: str) -> str:
    """Data text as HTML: one line, control characters visible, every special escaped."""
    return escape(oneline(value), quote=True)


def _anchor(key: object) -> str:
    """A footnote key as an id: its number, or a brief's own key (lower-case ASCII)."""
    return re.sub(r"[^a-z0-9-]+", "-", str(key).casefold())


class _Page:
    """Renders blocks, remembering each citation so the footnotes can link back to it.

    Notes are numbered in the order the notes block lists them, as Word numbers them.
    """

    def __init__(self, numbers: dict[str, int]) -> None:
        self.numbers = numbers
        self.refs: dict[str, list[str]] = {}

    def spans(self, items: Spans) -> str:
        out = []
        previous: object = None
        for span in items:
            follows_cite = isinstance(previous, tuple) and previous[0] == "cite"
            previous = span
            if isinstance(span, str):
                out.append(text(span))
                continue
            style, value = span
            if style == "cite":
                if follows_cite:  # ²³ would read as footnote 23
                    out.append('<sup class="sep">,</sup>')
                anchor = _anchor(value)
                number = self.numbers.get(anchor, value)
                ids = self.refs.setdefault(anchor, [])
                ids.append(f"fnref-{anchor}-{len(ids) + 1}")
                out.append(
                    f'<sup><a class="fnref" id="{ids[-1]}" href="#fn-{anchor}" '
                    f'role="doc-noteref">{number}</a></sup>'
                )
            elif style == "gap":
                out.append(f'<span class="gap">[{text(value)}]</span>')
            elif style == "mark":
                out.append(f"<mark>{text(value)}</mark>")
            elif style == "small":
                out.append(f"<small>{text(value)}</small>")
            elif style == "strong":
                out.append(f"<strong>{text(value)}</strong>")
            elif style == "bar":
                count, total = value
                out.append(
                    f'<span class="bar" role="img" aria-label="{count} of {total}">'
                    f"{bar(count, total, '█', '░')}</span>"
                )
            else:
                out.append(f"<em>{text(value)}</em>")
        return "".join(out)

    def block(self, item: Block) -> str:
        kind = item[0]
        if kind == "title":
            return f'<h1>{text(item[1])}</h1>\n<p class="subtitle">{self.spans(item[2])}</p>'
        if kind in ("h1", "h2", "h3"):
            return f"<{kind}>{text(item[1])}</{kind}>"
        if kind == "p":
            return f"<p>{self.spans(item[1])}</p>"
        if kind == "aside":
            return f'<p class="aside">{self.spans(item[1])}</p>'
        if kind == "ul":
            return "<ul>\n" + "".join(f"<li>{self.spans(x)}</li>\n" for x in item[1]) + "</ul>"
        if kind == "dl":
            rows = "".join(
                f"<dt>{text(label)}</dt><dd>{self.spans(value)}</dd>\n" for label, value in item[1]
            )
            return f"<dl>\n{rows}</dl>"
        if kind == "quote":
            return (
                f"<blockquote>\n<p>“{self.spans(item[1])}”</p>\n"
                f"<footer>— {self.spans(item[2])}</footer>\n</blockquote>"
            )
        if kind == "table":
            _, caption, columns, rows = item
            head = f"<caption>{text(caption)}</caption>" if caption else ""
            head += (
                "<thead><tr>" + "".join(f"<th>{text(c)}</th>" for c in columns) + "</tr></thead>"
            )
            body = "".join(
                "<tr>" + "".join(f"<td>{self.spans(cell)}</td>" for cell in row) + "</tr>\n"
                for row in rows
            )
            return f"<table>{head}\n<tbody>\n{body}</tbody></table>"
        raise ValueError(f"unknown block {kind!r}")

    def notes(self, item: Block) -> str:
        entries = []
        for key, spans in item[1]:
            anchor = _anchor(key)
            number = self.numbers[anchor]
            backs = " ".join(
                f'<a class="back" href="#{ref}" role="doc-backlink" '
                f'aria-label="Back to citation {i} of footnote {number}">↩</a>'
                for i, ref in enumerate(self.refs.get(anchor, []), 1)
            )
            entries.append(
                f'<li id="fn-{anchor}" value="{number}">{self.spans(spans)} {backs}</li>\n'
            )
        items = "".join(entries)
        return f'<section class="footnotes" role="doc-endnotes">\n<ol>\n{items}</ol>\n</section>'


def render(blocks: list[Block]) -> str:
    """The blocks as one HTML document; its title is the first heading's text."""
    listed = [key for b in blocks if b[0] == "notes" for key, _ in b[1]]
    page = _Page({_anchor(key): i for i, key in enumerate(listed, 1)})
    # Footnotes are drawn last, once every citation that links to them is known.
    drawn = {i: page.block(b) for i, b in enumerate(blocks) if b[0] != "notes"}
    body = [drawn[i] if i in drawn else page.notes(b) for i, b in enumerate(blocks)]
    title = next((text(b[1]) for b in blocks if b[0] in ("title", "h1", "h2", "h3")), "sevenf")
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
