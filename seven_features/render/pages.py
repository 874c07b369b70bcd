"""Whole HTML pages of results: a view laid out and drawn, and the evidence map, whose
cells link to their findings and footnotes.

This module sits above both the layouts (`layout/`) and the HTML renderer (`html.py`),
which draws blocks and knows nothing of views: `output.py` asks it for the page of a
result, and the static site (`site.py`) for the map's page.
"""

from __future__ import annotations

from html import escape

from seven_features.render.blocks import Bullets, Heading, Link, Pairs, anchor
from seven_features.render.html import HEAD, Page, chrome, document, render, text, title
from seven_features.render.layout.evidence import (
    FINDINGS_HEADING,
    GAP,
    GAP_MEANS,
    TITLES,
    cell_spans,
    grid,
    label,
    left_out,
    legend,
    local_after,
    local_spans,
    map_columns,
    map_intro,
    map_links,
    mapped_findings,
    names_of,
    numbers,
    side_heading,
)
from seven_features.render.layout.parts import notes
from seven_features.render.layout.views import layout_all

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import TypeAlias

    from seven_features.queries.results import Axis, MapCell, MapView, Ref, Result
    from seven_features.render.blocks import Block, Spans
    from seven_features.render.html import Site

    #: Where a map's cell links to: href(kind, key) for kind "finding" (key its id) or
    #: "footnote" (key its number); None where it has nowhere to go (then it is text).
    Href: TypeAlias = Callable[[str, str | int], str | None]


def page(
    result: Result | list[Result], footer: Sequence[Spans] = (), *, annotated: bool = False
) -> str:
    """A result, or several, as one page ending with `footer`; an evidence map with every
    cell linked. A brief carries its licence in its own text, so it has no footer, and
    prints on A4 as its Word file does (`html.BRIEF_CSS`)."""
    if isinstance(result, list) or result["view"] != "map" or result["by"] == "feature-project":
        brief = not isinstance(result, list) and result["view"] == "brief"
        blocks = layout_all(result, annotated)
        return render(blocks, footer=() if brief else footer, brief=brief)
    return map_page(result, footer=footer)


# --- the evidence map ----------------------------------------------------------------


def local(kind: str, key: str | int) -> str | None:
    """Links within the map's own page: findings listed below it, footnotes at its foot;
    nothing else has a place there."""
    if kind == "footnote":
        return f"#fn-{key}"
    return f"#{anchor(kind, str(key))}" if kind == "finding" else None


def _to(target: str | None, label: str, css: str = "", title: str = "") -> str:
    """A link of class `css` to `target`, or the label alone where it has nowhere to go."""
    if target is None:
        return text(label)
    hover = f' title="{text(title)}"' if title else ""
    kind = f' class="{css}"' if css else ""
    return f'<a{kind} href="{escape(target)}"{hover}>{text(label)}</a>'


def _linked(spans: Spans, href: Href) -> str:
    """Spans with each link drawn through `href` (a map's own links, not a site's pages)."""
    drawer = Page()
    return "".join(
        _to(href(span.kind, span.key), span.text)
        if isinstance(span, Link)
        else drawer.spans([span])
        for span in spans
    )


#: How many of a finding's first words name it in a cell that links to it elsewhere.
OPENING = 6


def opening(statement: str) -> str:
    """A finding's first words as printed, quoted, to name it where it is not numbered."""
    words = statement.split()
    shown = " ".join(words[:OPENING]) + ("…" if len(words) > OPENING else "")
    return f"“{shown}”"


class _Cells:
    """What a map's cells hold, drawn as HTML: the projects (or count), their footnotes and
    links to their findings, through `href`."""

    def __init__(self, result: MapView, href: Href, numbered: bool) -> None:
        self.result, self.href, self.numbered = result, href, numbered
        self.names = names_of(result)
        self.findings = {f["id"]: f for f in result["findings"]}
        self.number = numbers(result)

    def named(self, key: str) -> str:
        if self.numbered:
            return f"finding {self.number[key]}"
        return opening(self.findings[key]["statement"])

    def cell(self, cell: MapCell, row: Axis) -> str:
        links = "".join(
            _to(self.href("finding", f), self.named(f), "finding", self.findings[f]["statement"])
            for f in cell["findings"]
        )
        notes = '<sup class="sep">,</sup>'.join(  # ²³ would read as footnote 23
            f"<sup>{_to(self.href('footnote', n), str(n), 'fnref')}</sup>"
            for n in cell["footnotes"]
        )
        spans = cell_spans(cell, row, self.names, self.result["by"], with_cites=False)
        return f"{_linked(spans, self.href)}{notes}{links}"

    def local(self, row: Axis, column: Ref) -> str:
        """Each owner's local count in the cell, after the document's, named: '' for none."""
        spans = local_spans(self.result, row, column["id"])
        return f'<span class="local">{_linked(spans, self.href)}</span>' if spans else ""

    def row(self, row: Axis) -> str:
        return _linked([Link(row["kind"], row["id"], label(row))], self.href)

    def outcome(self, column: Ref, name: str) -> str:
        return _linked([Link(column["kind"], column["id"], name)], self.href)


def map_table(result: MapView, href: Href = local, *, numbered: bool = True) -> str:
    """The evidence map's table as an HTML fragment: each cell names its projects and links
    to its findings and their footnotes through `href`; an empty cell is marked as a gap.
    A finding's link reads "finding N", its number in the list under the map (`numbered`),
    or else its first words. Each row's feature (or project) and each outcome links to its
    page where `href` has one.

    Reusable on its own (a site passes its own `href`); `map_page` wraps it in a page.
    """
    draw = _Cells(result, href, numbered)
    columns = map_columns(result)
    head = [f'<th scope="col">{text(columns[0])}</th>']
    for name, column in zip(columns[1:], result["columns"], strict=True):
        named = draw.outcome(column, column["name"])
        head.append(f'<th scope="col">{text(name)}<small>{named}</small></th>')
    body = []
    for row, cells in grid(result):
        drawn = [f'<th scope="row">{draw.row(row)}</th>']
        for cell, column in zip(cells, result["columns"], strict=True):
            owned = draw.local(row, column)
            if cell is None:
                drawn.append(f'<td class="gap" title="{text(GAP_MEANS)}">{GAP}{owned}</td>')
            else:
                drawn.append(f'<td class="cell">{draw.cell(cell, row)}{owned}</td>')
        body.append("<tr>" + "".join(drawn) + "</tr>")
    return (
        '<table class="evidence-map">\n<thead><tr>'
        + "".join(head)
        + "</tr></thead>\n<tbody>\n"
        + "\n".join(body)
        + "\n</tbody></table>"
    )


def map_cards(result: MapView, href: Href = local, *, numbered: bool = True) -> str:
    """The same map one row at a time, for a narrow screen: a card per feature (or project)
    listing the outcomes the document reports evidence on, with the cell's projects, notes
    and findings, then the outcomes it leaves a gap on. No cell is left out."""
    draw = _Cells(result, href, numbered)
    cards = []
    for row, cells in grid(result):
        items, gaps = [], []
        for column, cell in zip(result["columns"], cells, strict=True):
            number = f"Outcome {column.get('number')}"
            owned = draw.local(row, column)
            if cell is None and not owned:
                gaps.append(draw.outcome(column, str(column.get("number"))))
                continue
            named = draw.outcome(column, f"{number} {column['name']}")
            held = GAP if cell is None else draw.cell(cell, row)
            items.append(f"<li><strong>{named}</strong>: {held}{owned}</li>")
        listed = f"<ul>\n{''.join(items)}\n</ul>\n" if items else ""
        if gaps:
            which = (
                f"Outcome {gaps[0]}"
                if len(gaps) == 1
                else f"Outcomes {', '.join(gaps[:-1])} and {gaps[-1]}"
            )
            listed += f'<p class="gaps">{which}: {GAP} ({text(GAP_MEANS)})</p>\n'
        cards.append(f'<section class="map-card">\n<h2>{draw.row(row)}</h2>\n{listed}</section>')
    return '<div class="map-cards">\n' + "\n".join(cards) + "\n</div>"


def map_figure(result: MapView, href: Href = local, *, numbered: bool = True) -> str:
    """The map for every screen: the grid, scrolling sideways in a box of its own with its
    first column held where the window is narrower than the grid, and the cards that
    take its place on a narrow screen (the stylesheet shows one of the two)."""
    label = f"Evidence map: {TITLES[result['by']]}, as a grid"
    return (
        f'<div class="map-grid" role="region" aria-label="{text(label)}" tabindex="0">'
        f"{map_table(result, href, numbered=numbered)}</div>\n"
        f"{map_cards(result, href, numbered=numbered)}"
    )


def map_page(result: MapView, site: Site | None = None, footer: Sequence[Spans] = ()) -> str:
    """The evidence map as a page: its caption, the table, its legend and what is left out.

    On its own, one self-contained page that also lists every finding in it (each a cell's
    link target, with its footnotes) and the notes. As a page of `site`, each cell links to
    its findings on the pages that print them in full and to its footnotes' pages.
    """
    drawer = Page(site)
    intro = map_intro(result, "linked", hints=False) if site else map_intro(result)
    body = [drawer.block(b) for b in intro]
    # What each row is linked to stands under the grid, as in every other format, so that
    # the grid fits a 1000px window.
    beside: list[Block] = [
        Pairs(legend(result)),
        Heading(2, side_heading(result)),
        map_links(result),
    ]
    if site is not None:

        def href(kind: str, key: str | int) -> str | None:
            target = site.href(kind, key)
            return site.url(target) if target else None

        body += [map_figure(result, href, numbered=False)]
        body += [drawer.block(b) for b in [*beside, *left_out(result), *local_after(result)]]
        return HEAD + chrome(drawer, site, title(intro), "\n".join(body))
    body += [map_figure(result), *(drawer.block(b) for b in beside)]
    body.append(drawer.block(Heading(2, FINDINGS_HEADING)))
    found = list(mapped_findings(result))
    body.append(
        drawer.block(Bullets([s for _, s in found], [anchor("finding", k) for k, _ in found]))
    )
    # the notes last: every citation of them is drawn
    body += [drawer.block(b) for b in [*left_out(result), *local_after(result), *notes(result)]]
    return document(title(intro), [*body, drawer.footer(footer)], wide=True)
