"""HTML pages of blocks: one self-contained printable page, or a page of a static site.

Every string from the data is HTML-escaped (after control characters are made
visible), so no data can become markup. Citations are superscript links to a
numbered list of footnotes that keeps the document's own numbers; each note links
back to every place that cites it.

On its own (the brief) a page has inline CSS, no scripts and no links out; a link
span is its text. As a page of a site (`Site`), it gains the site's chrome (header,
navigation, footer, a shared stylesheet), and each link span whose record has a page
becomes a link to it, relative to the page, so the folder works from file:// too.
"""

from __future__ import annotations

import re
from html import escape

from seven_features.errors import assert_never
from seven_features.render.blocks import (
    NOTES,
    Aside,
    Bar,
    Bullets,
    Cite,
    Command,
    Em,
    Gap,
    Heading,
    Link,
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
    note_id,
    oneline,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from seven_features.render.blocks import Block, Span, Spans

CSS = """
:root { color-scheme: light; }
body { font: 16px/1.5 Georgia, "Times New Roman", serif; color: #1b1b1b; background: #fff;
       max-width: 46rem; margin: 2rem auto; padding: 0 1.25rem; }
h1, h2, h3 { font-family: Arial, Helvetica, sans-serif; line-height: 1.25; }
h1 { font-size: 1.9rem; margin: 0 0 .5rem; }
h2 { font-size: 1.4rem; margin: 2.25rem 0 .5rem; padding-top: .5rem;
     border-top: 3px solid #1d70b8; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 .4rem; }
p, li, dd { overflow-wrap: break-word; }
.aside { color: #505a5f; font-style: italic; }
.subtitle { color: #505a5f; border-bottom: 3px solid #1d70b8; padding-bottom: .5rem; }
.gap { font-style: italic; color: #6b4b00; background: #fff7e0; }
blockquote { margin: 1rem 0; padding: .25rem 1rem; border-left: 5px solid #b1b4b6;
             background: #f6f6f6; }
blockquote footer { margin: 0 0 .5rem; font-size: .95rem; }
body > footer { margin-top: 3rem; padding-top: 1rem; border-top: 2px solid #1d70b8;
                font-size: .9rem; color: #1b1b1b; }
dl { display: grid; grid-template-columns: fit-content(16rem) minmax(0, 1fr); gap: .25rem 1rem; }
dt { font-weight: bold; }
@media (max-width: 40rem) {
  dl { grid-template-columns: minmax(0, 1fr); }
  dd { margin-left: 1rem; }
}
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
.map-grid { overflow-x: auto; }
table.evidence-map { font-size: .85rem; width: 100%; }
table.evidence-map th, table.evidence-map td { padding: .25rem .35rem; }
table.evidence-map th { font-family: Arial, Helvetica, sans-serif; }
table.evidence-map thead th { vertical-align: bottom; }
table.evidence-map th[scope=row] { position: sticky; left: 0; z-index: 1; background: #fff;
                                   min-width: 8rem; }
table.evidence-map th small { display: block; font-weight: normal; }
table.evidence-map td.cell { background: #e8f1f8; }
table.evidence-map td.gap { color: #505a5f; text-align: center; background: none; }
table.evidence-map a.finding, .map-card a.finding { font-size: .8rem; display: block; }
.map-cards { display: none; }
.map-card h2 { font-size: 1.15rem; }
.map-card ul { padding-left: 1.25rem; }
.map-card .gaps { color: #505a5f; }
@media screen and (max-width: 50rem) {
  .map-grid { display: none; }
  .map-cards { display: block; }
}
a.back { display: inline-block; min-width: 24px; min-height: 24px; line-height: 24px;
         text-align: center; text-decoration: none; }
li:target { background: #fff7e0; }
@page { size: A4; margin: 2cm; }
body.wide { page: wide; }
@page wide { size: A4 landscape; margin: 1.5cm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
  a { color: inherit; }
  a.back { display: none; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  blockquote, li, dl, tr { break-inside: avoid; page-break-inside: avoid; }
  .gap { background: none; }
}
"""

#: What a brief adds: printed on A4 as its Word file is (the reference document's page,
#: margins, Arial 10.5 pt, headings 13 and 11 pt, notes 8 pt), so the two run to as many
#: pages; its notes on the sources are lettered, its marks and addresses links.
BRIEF_CSS = """
body.brief { font-family: Arial, Helvetica, sans-serif; }
.source-notes { list-style: none; padding-left: 0; }
a.noteref { text-decoration: none; padding: 0 .1em; }
@page { size: A4; margin: 1.5cm 2cm 1.7cm; }
@media print {
  body.brief { font: 10.5pt/1.3 Arial, Helvetica, sans-serif; }
  body.brief h1 { font-size: 20pt; margin: 0 0 4pt; }
  body.brief .subtitle { font-size: 11pt; padding-bottom: 4pt; margin: 0 0 8pt; }
  body.brief h2 { font-size: 13pt; margin: 12pt 0 3pt; padding-top: 0; border-top: 0;
                  color: #1d70b8; }
  body.brief h3 { font-size: 11pt; margin: 6pt 0 3pt; }
  body.brief p { margin: 0 0 5pt; }
  body.brief ul { margin: 0 0 5pt; padding-left: 1.6em; }
  body.brief li { margin: 0 0 2pt; }
  body.brief blockquote { margin: 4pt 0 6pt; padding: 2pt 8pt; background: none; }
  body.brief blockquote p, body.brief blockquote footer { margin: 0 0 2pt; }
  body.brief .footnotes { font-size: 8pt; margin-top: 10pt; padding-top: 2pt; }
  body.brief .footnotes h2 { font-size: 9pt; margin: 4pt 0 2pt; color: inherit; }
  body.brief .footnotes li { margin: 0; }
  body.brief a { text-decoration: underline; }
}
"""

#: What a page of a site adds: the header, navigation, search form, footer and focus.
SITE_CSS = """
a { color: #1d4f91; }
a:visited { color: #4c2c92; }
a:focus-visible, button:focus-visible, input:focus-visible {
  outline: 3px solid #0b0c0c; outline-offset: 0; background: #ffdd00; color: #0b0c0c; }
.skip { position: absolute; left: -9999px; }
.skip:focus { position: static; }
body > header { border-bottom: 8px solid #1d70b8; padding-bottom: .5rem; margin-bottom: 1rem; }
.site-name { font: bold 1.1rem Arial, Helvetica, sans-serif; margin: 0 0 .5rem; }
.site-name a { color: #0b0c0c; text-decoration: none; }
form[role=search] { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
form[role=search] input { font: inherit; padding: .3rem .4rem; border: 2px solid #0b0c0c;
                         min-width: 0; flex: 1 1 12rem; }
form[role=search] button { font: inherit; padding: .3rem .9rem; border: 0; color: #fff;
                          background: #00703c; cursor: pointer; }
nav ul { list-style: none; margin: .5rem 0 1.5rem; padding: 0; display: flex; flex-wrap: wrap;
         gap: .25rem 1rem; font-family: Arial, Helvetica, sans-serif; }
nav a[aria-current=page] { font-weight: bold; color: #0b0c0c; text-decoration: none; }
.results li { margin-bottom: .9rem; }
.results .where { display: block; font-family: Arial, Helvetica, sans-serif; }
.cells { overflow-x: auto; }
h2 + .footnotes { margin-top: 0; border-top: 0; }
@media print {
  body > header, nav, .skip, form[role=search] { display: none; }
  a, a:visited { color: inherit; }
  body > footer { break-inside: avoid; }
}
"""


class Site:
    """A page's place in a static site: where it is, how records link, its chrome.

    A plain class with slots, not a dataclass: `--format html` draws a page with this
    module, and `dataclasses` takes longer to import than a page to draw.
    """

    __slots__ = (
        "after",
        "footer",
        "href",
        "name",
        "nav",
        "path",
        "scripts",
        "search",
        "stylesheet",
        "up",
        "wide",
    )

    def __init__(
        self,
        *,
        path: str,
        href: Callable[[str, str | int], str | None],
        name: str,
        nav: Sequence[tuple[str, str]],
        footer: Sequence[Spans],
        stylesheet: str = "style.css",
        scripts: Sequence[str] = (),
        after: str = "",
        search: str = "search.html",
        wide: bool = False,
    ) -> None:
        #: This page's path from the site's root, e.g. "features/3.html".
        self.path = path
        #: A record's page from the site's root ("projects/herts.html#quotes"), a full
        #: address for a page outside ("https://..."), or None when the record has no page.
        self.href = href
        #: The site's name, shown in the header and each page's title.
        self.name = name
        #: (label, path from the root) for each entry of the navigation.
        self.nav = nav
        #: The footer's paragraphs (the licence and attribution).
        self.footer = footer
        #: Scripts and stylesheet, as paths from the root.
        self.stylesheet, self.scripts = stylesheet, scripts
        #: Markup that follows the blocks in <main> (the search page's form), made by the site.
        self.after = after
        #: Search form target, from the root.
        self.search = search
        #: A page whose content is wider than prose (the evidence map) gets the width it needs.
        self.wide = wide
        #: The way from this page up to the site's root.
        self.up = "../" * path.count("/")

    def url(self, target: str) -> str:
        """A path from the root, or a full address, as a link from this page."""
        return target if "://" in target else self.up + target


def text(value: str) -> str:
    """Data text as HTML: one line, control characters visible, every special escaped."""
    return escape(oneline(value), quote=True)


#: A web address in running text: "https://", "http://" or "www." and what follows.
_ADDRESS = re.compile(r"(?:https?://|www\.)[^\s<>\"']+")


def prose(value: str) -> str:
    """Data text as HTML content (`text`), a web address free to break after each slash
    (`<wbr>`): one too long for a narrow screen then breaks between its parts, never inside
    a word and never out of the page."""
    shown = text(value)
    if "://" not in shown and "www." not in shown:
        return shown
    return _ADDRESS.sub(lambda m: m.group().replace("/", "/<wbr>"), shown)


def _id(key: str | None) -> str:
    """An element's id attribute, or nothing."""
    return f' id="{text(key)}"' if key else ""


def _anchor(key: object) -> str:
    """A footnote key as an id: its number, or a brief's own key (lower-case ASCII)."""
    return re.sub(r"[^a-z0-9-]+", "-", str(key).casefold())


class Page:
    """Renders blocks, remembering each citation so the footnotes can link back to it.

    A note shows the document's own number, except in a brief, whose notes are numbered
    in the order it lists them, as Word numbers them (its `Notes` are `by_use`).
    """

    def __init__(
        self,
        site: Site | None = None,
        noted: frozenset[int | str] = frozenset(),
        numbers: dict[str, int] | None = None,
    ) -> None:
        #: Citations so far, by note anchor: the ids that notes link back to.
        self.refs: dict[str, list[str]] = {}
        self.site, self.noted = site, noted
        #: The number a note shows, by anchor, where it is not the document's own (a brief).
        self.numbers = numbers or {}

    def link(self, kind: str, key: str | int, label: str) -> str:
        if kind == "web":  # an address outside: a link on every page
            where = str(key) if "://" in str(key) else f"https://{key}"
            return f'<a href="{text(where)}">{text(label)}</a>'
        target = self.site.href(kind, key) if self.site else None
        if self.site is None or target is None:
            return text(label)
        here = ' aria-current="page"' if target == self.site.path else ""
        return f'<a href="{escape(self.site.url(target))}"{here}>{text(label)}</a>'

    def spans(self, items: Sequence[Span]) -> str:
        out = []
        previous: Span | None = None
        for span in items:
            follows_cite = isinstance(previous, Cite)
            follows_mark = isinstance(previous, NoteMark)
            previous = span
            match span:
                case str():
                    out.append(prose(span))
                case Link():
                    out.append(self.link(span.kind, span.key, span.text))
                case Command():  # a page is read, not typed at
                    out.append(self.spans(span.said))
                case Cite():
                    if follows_cite:  # ²³ would read as footnote 23
                        out.append('<sup class="sep">,</sup>')
                    out.append(self.cite(span.key))
                case NoteMark():
                    key = text(span.key)
                    if follows_mark:  # ᵃᵇ would read as one mark
                        out.append('<sup class="sep">,</sup>')
                    out.append(
                        f'<sup><a class="noteref" href="#{text(note_id(span.key))}" '
                        f'aria-label="note on the sources {key}">{key}</a></sup>'
                    )
                case Gap():
                    out.append(f'<span class="gap">[{prose(span.text)}]</span>')
                case Mark():
                    out.append(f"<mark>{text(span.text)}</mark>")
                case Small():
                    out.append(f"<small>{text(span.text)}</small>")
                case Em() | Strong():
                    # a styled run may have links inside it
                    tag = "strong" if isinstance(span, Strong) else "em"
                    value = span.value
                    inner = prose(value) if isinstance(value, str) else self.spans(value)
                    out.append(f"<{tag}>{inner}</{tag}>")
                case Bar():
                    out.append(
                        f'<span class="bar" role="img" aria-label="{span.count} of {span.total}">'
                        f"{bar(span.count, span.total, '█', '░')}</span>"
                    )
                case _:
                    assert_never(span)
        return "".join(out)

    def cite(self, key: int | str) -> str:
        """A superscript link to the page's note, or, on a site page without the note,
        to the footnote's own page."""
        site, anchor = self.site, _anchor(key)
        number = self.numbers.get(anchor, key)
        target = None
        if site is not None and isinstance(key, int) and key not in self.noted:
            target = site.href("footnote", key)
        if site is not None and target is not None:
            return (
                f'<sup><a class="fnref" href="{escape(site.url(target))}" '
                f'aria-label="footnote {number}">{number}</a></sup>'
            )
        ids = self.refs.setdefault(anchor, [])
        ids.append(f"fnref-{anchor}-{len(ids) + 1}")
        return (
            f'<sup><a class="fnref" id="{ids[-1]}" href="#fn-{anchor}" '
            f'role="doc-noteref">{number}</a></sup>'
        )

    def block(self, item: Block) -> str:
        match item:
            case Title():
                return (
                    f'<h1>{text(item.text)}</h1>\n<p class="subtitle">{self.spans(item.spans)}</p>'
                )
            case Heading():
                return f"<h{item.level}>{text(item.text)}</h{item.level}>"
            case Para():
                return f"<p>{self.spans(item.spans)}</p>"
            case Aside():
                return f'<p class="aside">{self.spans(item.spans)}</p>'
            case Bullets():
                ids = item.ids if item.ids is not None else [None] * len(item.items)
                return (
                    "<ul>\n"
                    + "".join(
                        f"<li{_id(key)}>{self.spans(x)}</li>\n"
                        for x, key in zip(item.items, ids, strict=True)
                    )
                    + "</ul>"
                )
            case Pairs():
                rows = "".join(
                    f"<dt>{text(label)}</dt><dd>{self.spans(value)}</dd>\n"
                    for label, value in item.items
                )
                return f"<dl>\n{rows}</dl>"
            case Quote():
                said = f"<blockquote>\n<p>“{self.spans(item.spans)}”</p>\n"
                if not item.attribution:  # a paragraph of a quote whose last one says whose
                    return f"{said}</blockquote>"
                return f"{said}<footer>— {self.spans(item.attribution)}</footer>\n</blockquote>"
            case Table():
                head = f"<caption>{text(item.caption)}</caption>" if item.caption else ""
                # on a site, a table wider than the window scrolls in a box of its own
                named = text(item.caption or (item.columns[0] if item.columns else "Table"))
                wrap = (
                    f'<div class="cells" role="region" aria-label="{named}" tabindex="0">{{}}</div>'
                    if self.site
                    else "{}"
                )
                head += (
                    "<thead><tr>"
                    + "".join(f"<th>{text(c)}</th>" for c in item.columns)
                    + "</tr></thead>"
                )
                body = "".join(
                    "<tr>" + "".join(f"<td>{self.spans(cell)}</td>" for cell in row) + "</tr>\n"
                    for row in item.rows
                )
                return wrap.format(f"<table>{head}\n<tbody>\n{body}</tbody></table>")
            case Notes():
                return self.notes(item)
            case _:
                assert_never(item)

    def footer(self, paragraphs: Sequence[Spans]) -> str:
        """A page's footer: its paragraphs (the licence and attribution); none without them."""
        if not paragraphs:
            return ""
        return (
            "<footer>\n"
            + "\n".join(f"<p>{self.spans(p)}</p>" for p in paragraphs)
            + "\n</footer>\n"
        )

    def notes(self, item: Notes) -> str:
        """The notes, each linking back to every citation of it drawn so far: a page draws
        them after everything else (`render`)."""
        entries = []
        for key, spans in item.items:
            anchor = _anchor(key)
            number = self.numbers.get(anchor, key)
            backs = " ".join(
                f'<a class="back" href="#{ref}" role="doc-backlink" '
                f'aria-label="Back to citation {i} of footnote {number}">↩</a>'
                for i, ref in enumerate(self.refs.get(anchor, []), 1)
            )
            entries.append(
                f'<li id="fn-{anchor}" value="{number}">{self.spans(spans)} {backs}</li>\n'
            )
        items = "".join(entries)
        return (
            f'<section class="footnotes" role="doc-endnotes">\n<h2>{NOTES}</h2>\n'
            f"<ol>\n{items}</ol>\n</section>"
        )


def render(
    blocks: list[Block],
    site: Site | None = None,
    footer: Sequence[Spans] = (),
    *,
    brief: bool = False,
) -> str:
    """The blocks as one HTML document; its title is the first heading's text.

    Without `site`, one self-contained page, ending with `footer` (the document's licence
    and attribution); with it, a page of that site, whose chrome has its own footer.
    A `brief` is one page in <main>, printed on A4 (`BRIEF_CSS`).
    """
    notes = [b for b in blocks if isinstance(b, Notes)]
    noted = frozenset(key for b in notes for key, _ in b.items)
    by_use = [key for b in notes if b.by_use for key, _ in b.items]
    page = Page(site, noted, {_anchor(key): i for i, key in enumerate(by_use, 1)})
    # Footnotes are drawn last, once every citation that links to them is known.
    drawn = {i: page.block(b) for i, b in enumerate(blocks) if not isinstance(b, Notes)}
    body = [drawn[i] if i in drawn else page.block(b) for i, b in enumerate(blocks)]
    if brief:
        return document(title(blocks), ["<main>", *body, "</main>"], brief=True)
    if site is None:
        return document(title(blocks), [*body, page.footer(footer)])
    return HEAD + chrome(page, site, title(blocks), "\n".join(body))


def title(blocks: list[Block]) -> str:
    """A page's title, escaped: the first heading's text, or a list's caption where the list
    comes first."""
    return next((text(name) for name in map(_named, blocks) if name), "sevenf")


def _named(block: Block) -> str | None:
    """What names a block, where it can name a page."""
    match block:
        case Title() | Heading():
            return block.text
        case Table():
            return block.caption
        case Para() | Aside() | Bullets() | Pairs() | Quote() | Notes():
            return None
        case _:
            assert_never(block)


HEAD = (
    '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
)


def document(title: str, body: list[str], *, wide: bool = False, brief: bool = False) -> str:
    """One self-contained HTML document around `body`; `title` is already escaped."""
    opening = '<body class="wide">' if wide else '<body class="brief">' if brief else "<body>"
    style = CSS + BRIEF_CSS if brief else CSS
    return (
        f"{HEAD}<title>{title}</title>\n<style>{style}</style>\n</head>\n{opening}\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def chrome(page: Page, site: Site, title: str, body: str) -> str:
    """A site page around `body`: skip link, header with search, navigation, main, footer."""
    name = text(site.name)
    nav = "".join(
        f'<li><a href="{escape(site.url(path))}"'
        + (' aria-current="page"' if path == site.path else "")
        + f">{text(label)}</a></li>"
        for label, path in site.nav
    )
    footer = page.footer(site.footer)
    scripts = "".join(f'<script src="{escape(site.url(s))}"></script>\n' for s in site.scripts)
    shown = title if title == name else f"{title} · {name}"
    form = (
        ""  # the search page has its own box
        if site.path == site.search
        else f'<form role="search" action="{escape(site.url(site.search))}" method="get">'
        '<label for="site-q">Search the framework</label> '
        '<input id="site-q" name="q" type="search"> <button type="submit">Search</button></form>\n'
    )
    home, css = escape(site.url("index.html")), escape(site.url(site.stylesheet))
    opening = '<body class="wide">' if site.wide else "<body>"
    return (
        f'<title>{shown}</title>\n<link rel="stylesheet" href="{css}">\n'
        f"</head>\n{opening}\n"
        '<a class="skip" href="#main">Skip to main content</a>\n'
        f'<header>\n<p class="site-name"><a href="{home}">{name}</a></p>\n'
        f"{form}"
        "</header>\n"
        f'<nav aria-label="Site">\n<ul>{nav}</ul>\n</nav>\n'
        f'<main id="main">\n{body}\n{site.after}</main>\n'
        f"{footer}{scripts}</body>\n</html>\n"
    )
