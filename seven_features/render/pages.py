"""Whole HTML pages of results: a view laid out and drawn, and the evidence map, whose
cells link to their findings and footnotes.

This module sits above both the layouts (`layout/`) and the HTML renderer (`html.py`),
which draws blocks and knows nothing of views: `output.py` asks it for the page of a
result, and the static site (`site.py`) for the map's page.
"""

from __future__ import annotations

from html import escape

from seven_features.render.blocks import Bullets, Heading, Pairs, anchor
from seven_features.render.html import HEAD, Page, chrome, document, render, text, title
from seven_features.render.layout.evidence import (
    FINDINGS_HEADING,
    GAP,
    GAP_MEANS,
    cell_spans,
    grid,
    label,
    left_out,
    legend,
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

    from seven_features.queries.results import MapView, Result
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


def local(kind: str, key: str | int) -> str:
    """Links within the map's own page: findings listed below it, footnotes at its foot."""
    return f"#fn-{key}" if kind == "footnote" else f"#{anchor(kind, str(key))}"


def _to(target: str | None, label: str, css: str, title: str = "") -> str:
    """A link of class `css` to `target`, or the label alone where it has nowhere to go."""
    if target is None:
        return text(label)
    hover = f' title="{text(title)}"' if title else ""
    return f'<a class="{css}" href="{escape(target)}"{hover}>{text(label)}</a>'


#: How many of a finding's first words name it in a cell that links to it elsewhere.
OPENING = 6


def opening(statement: str) -> str:
    """A finding's first words as printed, quoted, to name it where it is not numbered."""
    words = statement.split()
    shown = " ".join(words[:OPENING]) + ("…" if len(words) > OPENING else "")
    return f"“{shown}”"


def map_table(result: MapView, href: Href = local, *, numbered: bool = True) -> str:
    """The evidence map's table as an HTML fragment: each cell names its projects and links
    to its findings and their footnotes through `href`; an empty cell is marked as a gap.
    A finding's link reads "finding N", its number in the list under the map (`numbered`),
    or else its first words.

    Reusable on its own (a site passes its own `href`); `map_page` wraps it in a page.
    """
    by = result["by"]
    columns = map_columns(result)
    names = names_of(result)
    head = [f'<th scope="col">{text(columns[0])}</th>']
    for name, column in zip(columns[1:], result["columns"], strict=True):
        head.append(f'<th scope="col">{text(name)}<small>{text(column["name"])}</small></th>')
    findings = {f["id"]: f for f in result["findings"]}
    number = numbers(result)

    def named(key: str) -> str:
        return f"finding {number[key]}" if numbered else opening(findings[key]["statement"])

    drawer = Page()
    body = []
    for row, cells in grid(result):
        drawn = [f'<th scope="row">{text(label(row))}</th>']
        for cell in cells:
            if cell is None:
                drawn.append(f'<td class="gap" title="{text(GAP_MEANS)}">{GAP}</td>')
                continue
            links = "".join(
                _to(href("finding", f), named(f), "finding", findings[f]["statement"])
                for f in cell["findings"]
            )
            notes = '<sup class="sep">,</sup>'.join(  # ²³ would read as footnote 23
                f"<sup>{_to(href('footnote', n), str(n), 'fnref')}</sup>" for n in cell["footnotes"]
            )
            shown = drawer.spans(cell_spans(cell, row, names, by, with_cites=False))
            drawn.append(f'<td class="cell">{shown}{notes}{links}</td>')
        body.append("<tr>" + "".join(drawn) + "</tr>")
    return (
        '<table class="evidence-map">\n<thead><tr>'
        + "".join(head)
        + "</tr></thead>\n<tbody>\n"
        + "\n".join(body)
        + "\n</tbody></table>"
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

        body += [f'<div class="cells">{map_table(result, href, numbered=False)}</div>']
        body += [drawer.block(b) for b in [*beside, *left_out(result)]]
        return HEAD + chrome(drawer, site, title(intro), "\n".join(body))
    body += [map_table(result), *(drawer.block(b) for b in beside)]
    body.append(drawer.block(Heading(2, FINDINGS_HEADING)))
    found = list(mapped_findings(result))
    body.append(
        drawer.block(Bullets([s for _, s in found], [anchor("finding", k) for k, _ in found]))
    )
    # the notes last: every citation of them is drawn
    body += [drawer.block(b) for b in [*left_out(result), *notes(result)]]
    return document(title(intro), [*body, drawer.footer(footer)], wide=True)
