"""One self-contained, printable HTML page of blocks: inline CSS, no scripts, nothing fetched.

Every string from the data is HTML-escaped (after control characters are made
visible), so no data can become markup. Citations are superscript links to a
numbered list of footnotes that keeps the document's own numbers; each note links
back to every place that cites it.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from .blocks import NOTES, Block, Spans, bar, oneline

if TYPE_CHECKING:
    from ..results import MapView, Result

#: Where a map's cell links to: href(kind, key) for kind "finding" or "footnote".
Href = Callable[[str, str], str]

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
body.wide { max-width: 90rem; }
table.evidence-map { font-size: .9rem; }
table.evidence-map th { font-family: Arial, Helvetica, sans-serif; }
table.evidence-map thead th { vertical-align: bottom; }
table.evidence-map th small { display: block; font-weight: normal; }
table.evidence-map td.cell { background: #e8f1f8; min-width: 7rem; }
table.evidence-map td.gap { color: #6f777b; text-align: center; background: none; }
table.evidence-map a.finding { font-size: .8rem; display: block; overflow-wrap: anywhere; }
li:target { background: #fff7e0; }
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


class _Page:
    """Renders blocks, remembering each citation so the footnotes can link back to it."""

    def __init__(self) -> None:
        self.refs: dict[int, list[str]] = {}

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
                number = int(value)
                ids = self.refs.setdefault(number, [])
                ids.append(f"fnref-{number}-{len(ids) + 1}")
                out.append(
                    f'<sup><a class="fnref" id="{ids[-1]}" href="#fn-{number}" '
                    f'role="doc-noteref">{number}</a></sup>'
                )
            elif style == "gap":
                out.append(f'<span class="gap">[{text(value)}]</span>')
            elif style == "mark":
                out.append(f"<mark>{text(value)}</mark>")
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
        for number, spans in item[1]:
            backs = " ".join(
                f'<a class="back" href="#{ref}" role="doc-backlink" '
                f'aria-label="Back to citation {i} of footnote {number}">↩</a>'
                for i, ref in enumerate(self.refs.get(number, []), 1)
            )
            entries.append(
                f'<li id="fn-{number}" value="{number}">{self.spans(spans)} {backs}</li>\n'
            )
        items = "".join(entries)
        return (
            f'<section class="footnotes" role="doc-endnotes">\n<h2>{NOTES}</h2>\n'
            f"<ol>\n{items}</ol>\n</section>"
        )


def render(blocks: list[Block]) -> str:
    """The blocks as one HTML document; its title is the first heading's text."""
    page = _Page()
    # Footnotes are drawn last, once every citation that links to them is known.
    drawn = {i: page.block(b) for i, b in enumerate(blocks) if b[0] != "notes"}
    body = [drawn[i] if i in drawn else page.notes(b) for i, b in enumerate(blocks)]
    return document(_title(blocks), body)


def _title(blocks: list[Block]) -> str:
    return next((text(b[1]) for b in blocks if b[0] in ("h1", "h2", "h3")), "sevenf")


def document(title: str, body: list[str], *, wide: bool = False) -> str:
    """One self-contained HTML document around `body`; `title` is already escaped."""
    opening = '<body class="wide">' if wide else "<body>"
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{CSS}</style>\n</head>\n{opening}\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def page(result: Result | list[Result]) -> str:
    """A result, or several, as one page; an evidence map with every cell linked."""
    from .views import layout_all

    if isinstance(result, list) or result["view"] != "map" or result["by"] == "feature-project":
        return render(layout_all(result))
    return map_page(result)


# --- the evidence map ----------------------------------------------------------------


def local(kind: str, key: str) -> str:
    """Links within the map's own page: findings listed below it, footnotes at its foot."""
    return f"#fn-{key}" if kind == "footnote" else f"#{kind}-{key}"


def map_table(result: MapView, href: Href = local) -> str:
    """The evidence map's table as an HTML fragment: each cell names its projects and links
    to its findings and their footnotes through `href`; an empty cell is marked as a gap.

    Reusable on its own (a site passes its own `href`); `map_page` wraps it in a page.
    """
    from .paths import GAP, GAP_MEANS, cell_spans, grid, label, linked, map_columns, names_of

    by = result["by"]
    columns = map_columns(result)
    names = names_of(result)
    head = [f'<th scope="col">{text(columns[0])}</th>']
    for name, column in zip(columns[1:], result["columns"], strict=True):
        head.append(f'<th scope="col">{text(name)}<small>{text(column["name"])}</small></th>')
    head.append('<th scope="col">Linked</th>')
    findings = {f["id"]: f for f in result["findings"]}
    page = _Page()
    body = []
    for row, cells in grid(result):
        drawn = [f'<th scope="row">{text(label(row))}</th>']
        for cell in cells:
            if cell is None:
                drawn.append(f'<td class="gap" title="{text(GAP_MEANS)}">{GAP}</td>')
                continue
            links = "".join(
                f'<a class="finding" href="{escape(href("finding", f))}" '
                f'title="{text(findings[f]["statement"])}">{text(f)}</a>'
                for f in cell["findings"]
            )
            notes = '<sup class="sep">,</sup>'.join(  # ²³ would read as footnote 23
                f'<sup><a class="fnref" href="{escape(href("footnote", str(n)))}">{n}</a></sup>'
                for n in cell["footnotes"]
            )
            shown = page.spans(cell_spans(cell, names, by))
            drawn.append(f'<td class="cell">{shown}{notes}{links}</td>')
        drawn.append(f"<td>{page.spans(linked(row))}</td>")
        body.append("<tr>" + "".join(drawn) + "</tr>")
    return (
        '<table class="evidence-map">\n<thead><tr>'
        + "".join(head)
        + "</tr></thead>\n<tbody>\n"
        + "\n".join(body)
        + "\n</tbody></table>"
    )


def map_page(result: MapView) -> str:
    """The evidence map as one self-contained page: the table, its legend, every finding in
    it (each a cell's link target, with its footnotes), what is left out, and the notes."""
    from .paths import FINDINGS_HEADING, left_out, legend, map_intro, mapped_findings
    from .views import notes

    page = _Page()
    intro = map_intro(result)
    body = [page.block(b) for b in intro]
    body += [map_table(result), page.block(("dl", legend(result)))]
    body.append(page.block(("h2", FINDINGS_HEADING)))
    items = "".join(
        f'<li id="finding-{text(key)}">{page.spans(spans)}</li>\n'
        for key, spans in mapped_findings(result)
    )
    body.append(f"<ul>\n{items}</ul>")
    body += [page.block(b) for b in left_out(result)]
    body += [page.notes(b) if b[0] == "notes" else page.block(b) for b in notes(result)]
    return document(_title(intro), body, wide=True)
