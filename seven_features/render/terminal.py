"""A view drawn for a terminal with plain ANSI escape codes: stdlib only, nothing but `re`
and `unicodedata` imported at run time. Importing rich's console alone takes about four
times a bare interpreter's start, more than a whole view may take, so a terminal view is
drawn without it.

No text is ever cut: lines wrap at spaces, a word wider than its column is folded, never
ended with "…", and a table too wide for the terminal even with every column as narrow
as its longest word is drawn row by row instead. Prose keeps to a readable measure of
`MEASURE` columns on a wide terminal, and a page number stays beside its "page". Widths
are counted in terminal cells: a wide or fullwidth character takes two, a combining mark
none. Every string from the data is printed literally, each style closed before the end
of its line, and no line ends with a space.
"""

from __future__ import annotations

import re
import unicodedata

from seven_features.errors import assert_never
from seven_features.render.blocks import (
    NOTES,
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
    oneline,
    plain,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TypeAlias

    from seven_features.render.blocks import Block, Spans

    #: A styled stretch of a text: its start, its end and its SGR parameters ("1;4").
    Run: TypeAlias = tuple[int, int, str]
    #: Text and its styled runs (in order, never overlapping): what is wrapped.
    Styled: TypeAlias = tuple[str, list[Run]]
    #: A stretch of a text that makes one line: start, end, width in cells.
    Cut: TypeAlias = tuple[int, int, int]
    #: One drawn line, escape codes included, and its width in cells.
    Line: TypeAlias = tuple[str, int]

#: The longest label a definition list sets beside its text; longer ones stand above it.
LABEL = 24
#: The widest a paragraph is set, in columns: lines much longer are hard to read.
MEASURE = 100
#: The narrowest text column a label may stand beside; narrower, the label goes above.
_BESIDE = 16

# SGR parameters of each style.
CITE = "36"  # cyan
GAP = "3;33"  # italic yellow
MARK = "1;7"  # bold reverse
EM = SMALL = "2"  # dim
STRONG = BOLD = "1"
ITALIC = "3"
ASIDE = "2;3"  # dim italic
H2 = "1;4"  # bold underline
RULE = "34"  # blue
BORDER = "32"  # green
FILLED, EMPTY = CITE, EM

_NBSP = "\u00a0"
# "page 12", "p. 12", "pg. 12", "pages 3": the number is kept beside its word.
_PAGE = re.compile(r"\b(pages?|pg\.|p\.) (?=\d)", re.IGNORECASE)
# A word: what lies between the spaces a line may break at (a no-break space holds).
_WORD = re.compile(r"[^ ]+")
# A space of sevenf's own words that holds them together, drawn as a plain space:
# "[not given (a)]" is one mark, never split over two lines of a cell.
_HELD = "\U0010fffd"


def render(blocks: list[Block], *, width: int, colour: bool) -> str:
    """The whole view as text for a terminal `width` cells wide, a blank line between
    blocks; with `colour`, styled with SGR escape codes, else none at all."""
    width = max(width, 1)
    return "\n\n".join("\n".join(block(item, width, colour)) for item in blocks) + "\n"


def block(item: Block, width: int, colour: bool) -> list[str]:
    """One block as the lines it takes, none wider than `width` (but a lone wide character
    on a terminal one cell wide)."""
    prose = min(width, MEASURE)
    match item:
        case Title():
            lines = _rule(item.text, width, colour)
            if item.spans:
                lines += _lines(spans(item.spans), prose, colour)
            return lines
        case Heading():
            match item.level:
                case 1:
                    return _rule(item.text, width, colour)
                case 2:
                    return _lines(_heading(item.text, H2), width, colour)
                case 3:
                    return _lines(_heading(item.text, BOLD), width, colour)
                case _:
                    assert_never(item.level)
        case Para():
            return _lines(spans(item.spans), prose, colour)
        case Aside():
            return _lines(spans(item.spans, ASIDE), prose, colour)
        case Bullets():
            bullet = _style("•", "")
            return _grid([(bullet, spans(entry)) for entry in item.items], prose, colour, gap=1)
        case Pairs():
            return _pairs([(_label(lab), spans(value)) for lab, value in item.items], prose, colour)
        case Quote():
            return _quote(item, prose, colour)
        case Notes():
            numbers = [(_style(f"[{_key(key)}]", CITE), spans(text)) for key, text in item.items]
            notes = _grid(numbers, prose, colour, gap=1, right=True)
            return [*_lines(_heading(NOTES, H2), width, colour), "", *notes]
        case Table():
            return _table(item, width, colour)
        case _:
            assert_never(item)


# --- spans into styled text ----------------------------------------------------------


def _text(value: str) -> str:
    """Data text on one line, a page number held to its word by a no-break space."""
    value = oneline(value)
    return _PAGE.sub(_hold, value) if "p" in value or "P" in value else value


def _hold(match: re.Match[str]) -> str:
    return match.group(1) + _NBSP


def _key(key: int | str) -> str:
    return str(key) if isinstance(key, int) else oneline(key)


def _style(text: str, sgr: str) -> Styled:
    return text, [(0, len(text), sgr)] if sgr and text else []


def _heading(text: str, sgr: str) -> Styled:
    return _style(oneline(text).strip(), sgr)


def _label(text: str) -> Styled:
    return _style(oneline(text).strip(), BOLD)


def spans(items: Spans, base: str = "") -> Styled:
    """Spans as one styled text, every string literal; `base` styles all of it."""
    parts: list[str] = []
    runs: list[Run] = []
    at = 0
    for span in plain(items):
        match span:
            case str():
                text, sgr = _text(span), ""
            case Cite():
                text, sgr = f"[{_key(span.key)}]", CITE
            case NoteMark():
                text, sgr = f"[{_key(span.key)}]", CITE
            case Gap():
                text, sgr = f"[{_text(span.text)}]", GAP
            case Mark():
                text, sgr = _text(span.text), MARK
            case Small():
                text, sgr = _text(span.text), SMALL
            case Em():
                text, sgr = _text(span.text), EM
            case Strong():
                text, sgr = _text(span.text), STRONG
            case Bar():
                filled, rest = max(span.count, 0), max(span.total - span.count, 0)
                _add(runs, at, at + filled, _join(base, FILLED))
                _add(runs, at + filled, at + filled + rest, _join(base, EMPTY))
                parts.append("█" * filled + "░" * rest)
                at += filled + rest
                continue
            case _:
                assert_never(span)
        if text:
            if sgr or base:
                _add(runs, at, at + len(text), _join(base, sgr))
            parts.append(text)
            at += len(text)
    return "".join(parts), runs


def _add(runs: list[Run], start: int, end: int, sgr: str) -> None:
    """A styled run added, joined to the one before where it goes on in the same style."""
    if runs and runs[-1][1] == start and runs[-1][2] == sgr:
        runs[-1] = (runs[-1][0], end, sgr)
    elif end > start:
        runs.append((start, end, sgr))


def _join(base: str, sgr: str) -> str:
    return f"{base};{sgr}" if base and sgr else base or sgr


# --- widths and wrapping -------------------------------------------------------------

_WIDTHS: dict[str, int] = {}
# Text all of whose characters take one cell each, as nearly all of the document's does:
# ASCII, Latin letters, general punctuation (curly quotes, dashes, bullets), arrows,
# box drawing and blocks, and the held space; its width is its length.
_ONE_CELL = re.compile(
    "[ -~\u00a0-\u00ac\u00ae-\u02ff\u2010-\u2027\u2030-\u205e\u20a0-\u20bf"
    "\u2100-\u214f\u2190-\u21ff\u2500-\u259f\U0010fffd]*"
)


def _char(char: str) -> int:
    """The cells one character takes: 2 wide or fullwidth, 0 a combining mark or an
    invisible format character (but the soft hyphen, which terminals show), else 1."""
    cells = _WIDTHS.get(char)
    if cells is None:
        if unicodedata.east_asian_width(char) in ("W", "F"):
            cells = 2
        elif unicodedata.combining(char) or (
            unicodedata.category(char) in ("Mn", "Me", "Cf") and char != "\u00ad"
        ):
            cells = 0
        else:
            cells = 1
        _WIDTHS[char] = cells
    return cells


def _narrow(text: str) -> bool:
    """Whether every character of `text` takes one cell (checked at C speed)."""
    return text.isascii() or _ONE_CELL.fullmatch(text) is not None


def cells(text: str) -> int:
    """The width of `text` on a terminal, in cells."""
    return len(text) if _narrow(text) else sum(map(_char, text))


def _longest(text: str, limit: int = 1 << 30) -> int:
    """The width of the widest word in `text` (of those no wider than `limit`): the
    narrowest it can be set with no word broken that need be."""
    if _narrow(text):
        return max((len(word) for word in text.split(" ") if len(word) <= limit), default=0)
    widths = (cells(word) for word in _WORD.findall(text))
    return max((w for w in widths if w <= limit), default=0)


def wrap(text: str, width: int) -> list[Cut]:
    """Where `text` breaks into lines of at most `width` cells: at spaces (dropped at a break),
    and inside a word only where the word alone is wider than the line."""
    return _wrap_narrow(text, width) if _narrow(text) else _wrap_cells(text, width)


def _wrap_cells(text: str, width: int) -> list[Cut]:
    """`wrap` for any text: word by word, each measured in cells."""
    cuts: list[Cut] = []
    start = end = used = 0
    open_line = False
    for match in _WORD.finditer(text):
        a, b = match.span()
        w = cells(match.group())
        if open_line:
            if used + (a - end) + w <= width:  # the spaces between are one cell each
                used += a - end + w
                end = b
                continue
            cuts.append((start, end, used))
        if w > width:
            a, w = _fold(text, a, b, width, cuts)
        start, end, used, open_line = a, b, w, True
    if open_line:
        cuts.append((start, end, used))
    return cuts or [(0, 0, 0)]


def _wrap_narrow(text: str, width: int) -> list[Cut]:
    """`wrap` for text of one cell a character: each break found by `rfind`, at C speed."""
    cuts: list[Cut] = []
    size, start = len(text), 0
    while True:
        while start < size and text[start] == " ":
            start += 1
        if size - start <= width:
            end = len(text.rstrip(" "))
            if end > start:
                cuts.append((start, end, end - start))
            return cuts or [(0, 0, 0)]
        space = text.rfind(" ", start, start + width + 1)
        if space > start:  # the last space within reach: the line ends at the word before it
            end = space
            while text[end - 1] == " ":
                end -= 1
            cuts.append((start, end, end - start))
            start = space + 1
            continue
        # the first word is wider than the line: whole lines of it, the rest begins the next
        word_end = text.find(" ", start)
        word_end = size if word_end < 0 else word_end
        while word_end - start > width:
            cuts.append((start, start + width, width))
            start += width


def _fold(text: str, a: int, b: int, width: int, cuts: list[Cut]) -> tuple[int, int]:
    """Whole lines of the word text[a:b] added to `cuts`; the start and width of the rest."""
    used = 0
    for at in range(a, b):
        w = _char(text[at])
        if used + w > width and at > a:
            cuts.append((a, at, used))
            a, used = at, 0
        used += w
    return a, used


def _draw(styled: Styled, width: int, colour: bool) -> list[Line]:
    """Styled text wrapped to `width`, each line with its escape codes and its width."""
    text, runs = styled
    cuts = wrap(text, width)
    if _HELD in text:
        text = text.replace(_HELD, " ")
    if not colour or not runs:
        return [(text[a:b], w) for a, b, w in cuts]
    lines: list[Line] = []
    first = 0  # the first run that may reach this line: lines and runs both go forward
    for a, b, w in cuts:
        while first < len(runs) and runs[first][1] <= a:
            first += 1
        pieces: list[str] = []
        at = a
        for start, end, sgr in runs[first:]:
            if start >= b:
                break
            low, high = max(start, at), min(end, b)
            if low > at:
                pieces.append(text[at:low])
            if high > low:
                pieces.append(f"\x1b[{sgr}m{text[low:high]}\x1b[0m")
                at = high
        pieces.append(text[at:b])
        lines.append(("".join(pieces), w))
    return lines


def _lines(styled: Styled, width: int, colour: bool) -> list[str]:
    return [line for line, _ in _draw(styled, width, colour)]


def _paint(text: str, sgr: str, colour: bool) -> str:
    return f"\x1b[{sgr}m{text}\x1b[0m" if colour and text else text


# --- columns -------------------------------------------------------------------------


def _beside(
    columns: list[list[Line]], widths: list[int], gap: int, right: bool = False
) -> list[str]:
    """Columns of lines side by side, `gap` spaces apart (the first right-justified where
    `right`), padded only where a later column on the row has text."""
    rows: list[str] = []
    space = " " * gap
    for row in range(max((len(column) for column in columns), default=0)):
        cells_ = [column[row] if row < len(column) else ("", 0) for column in columns]
        last = max((n for n, (line, _) in enumerate(cells_) if line), default=-1)
        pieces: list[str] = []
        for n in range(last + 1):
            line, w = cells_[n]
            pad = " " * (widths[n] - w)
            if right and n == 0:
                pieces.append(pad + line)
            else:
                pieces.append(line + pad if n < last else line)
        rows.append(space.join(pieces))
    return rows


def _grid(
    items: list[tuple[Styled, Styled]],
    width: int,
    colour: bool,
    *,
    gap: int,
    right: bool = False,
    labels: int | None = None,
) -> list[str]:
    """Labels in a column as wide as the widest (or `labels`), each item's text beside its
    label wrapped in the rest of the width: a hanging indent."""
    if not items:
        return []
    side = labels if labels is not None else max(cells(label[0]) for label, _ in items)
    side = min(side, max(width // 2, 1))
    rest = max(width - side - gap, 1)
    rows: list[str] = []
    for label, text in items:
        columns = [_draw(label, side, colour), _draw(text, rest, colour)]
        rows += _beside(columns, [side, rest], gap, right)
    return rows


def _pairs(items: list[tuple[Styled, Styled]], width: int, colour: bool) -> list[str]:
    """A definition list: labels in a column beside their text where the labels are short
    and the text column holds every word that would fit under a label; else each label
    above its text."""
    if not items:
        return []
    side = max(cells(label[0]) for label, _ in items)
    rest = width - side - 2
    # a word wider than the text under a label (a web address) is folded either way
    longest = max(_longest(text[0], width - 2) for _, text in items)
    if side <= LABEL and rest >= _BESIDE and rest >= longest:
        return _grid(items, width, colour, gap=2, labels=side)
    # Labels as long as a title (a source's name), or a terminal too narrow for the text
    # beside them: the text would be squeezed to a few letters a line, or break words.
    rows: list[str] = []
    for label, text in items:
        rows += _lines(label, width, colour)
        rows += ["  " + line if line else "" for line in _lines(text, max(width - 2, 1), colour)]
    return rows


# --- boxes, rules and tables ---------------------------------------------------------


def _rule(title: str, width: int, colour: bool) -> list[str]:
    """A bold title on a blue rule the width of the terminal; where the line is too short
    for it, the title on lines of its own with the rule below (never cut)."""
    text = oneline(title).strip()
    w = cells(text)
    if w + 6 <= width:
        return [f"{_paint(text, BOLD, colour)} {_paint('─' * (width - w - 1), RULE, colour)}"]
    return [*_lines(_style(text, BOLD), width, colour), _paint("─" * width, RULE, colour)]


def _quote(item: Quote, width: int, colour: bool) -> list[str]:
    """The quoted words in “quotation marks” in a rounded green box, who said them below."""
    inner = max(width - 4, 1)
    body = _draw(spans(["“", *item.spans, "”"]), inner, colour)
    if item.attribution:
        body += _draw(spans(["— ", *item.attribution], ITALIC), inner, colour)
    side = _paint("│", BORDER, colour)
    rows = [_paint("╭" + "─" * (inner + 2) + "╮", BORDER, colour)]
    rows += [f"{side} {line}{' ' * (inner - w)} {side}" for line, w in body]
    rows.append(_paint("╰" + "─" * (inner + 2) + "╯", BORDER, colour))
    return rows


def letter(n: int) -> str:
    """The letter of the nth (from 0) note under a table: a…z, then aa, ab… and on."""
    name = ""
    n += 1
    while n:
        n, digit = divmod(n - 1, 26)
        name = chr(ord("a") + digit) + name
    return name


def _short_gaps(cell: Spans, notes: list[Styled]) -> Styled:
    """The cell with each explained gap shortened to "not given" and the letter of its note,
    the note kept in `notes` to stand in full below the table."""
    kept: Spans = []
    for span in plain(cell):
        if isinstance(span, Gap) and ": " in span.text:
            kept.append(Gap(f"not given ({letter(len(notes))})".replace(" ", _HELD)))
            notes.append(spans([span]))
        else:
            kept.append(span)
    return spans(kept)


def _table(item: Table, width: int, colour: bool) -> list[str]:
    """A table whose gaps' explanations stand below it, keyed by letter, so its columns stay
    wide enough to read; drawn row by row where even that does not fit."""
    notes: list[Styled] = []
    rows = [[_short_gaps(cell, notes) for cell in row] for row in item.rows]
    head = [_label(column) for column in item.columns]
    lines = _lines((oneline(item.caption), []), width, colour) if item.caption else []
    widths = _widths([head, *rows], width)
    if widths is None:
        for n, row in enumerate(rows):
            if n:
                lines.append("")
            lines += _pairs(list(zip(head, row, strict=False)), width, colour)
    elif widths:
        for n, row in enumerate([head, *rows]):
            drawn = [_draw(cell, w, colour) for cell, w in zip(row, widths, strict=False)]
            if n == 0:  # the header's names stand on the rule, each at its column's start
                tall = max(len(name) for name in drawn)
                drawn = [[("", 0)] * (tall - len(name)) + name for name in drawn]
            lines += _beside(drawn, widths, 2)
            if n == 0:
                lines.append("━" * (sum(widths) + 2 * (len(widths) - 1)))
    if notes:
        keys = [_style(f"({letter(n)})", GAP) for n in range(len(notes))]
        lines += [
            "",
            *_grid(list(zip(keys, notes, strict=True)), min(width, MEASURE), colour, gap=1),
        ]
    return lines


def _widths(rows: list[list[Styled]], width: int) -> list[int] | None:
    """Each column's width: as wide as its widest cell where all fit. Else the narrow
    columns (each wanting no more than an even share of what is left) stay whole, and the
    wide ones share the rest in proportion to their content, none below its longest word.
    None where the columns cannot stand side by side without breaking a word."""
    count = max((len(row) for row in rows), default=0)
    if not count:
        return []
    wants, words = [1] * count, [1] * count
    for row in rows:
        for n, (text, _) in enumerate(row):
            wants[n] = max(wants[n], cells(text.strip(" ")))
            words[n] = max(words[n], _longest(text))
    room = width - 2 * (count - 1)
    if sum(wants) <= room:
        return wants
    if sum(words) > room:
        return None
    widths = list(wants)
    shared = sorted(range(count), key=wants.__getitem__)
    left, slack = room, room - sum(words)  # slack: what is left beyond every longest word
    while shared:  # from the narrowest: whole where no wider than an even share of the rest
        n = shared[0]
        if wants[n] * len(shared) > left or wants[n] - words[n] > slack:
            break
        left, slack = left - wants[n], slack - (wants[n] - words[n])
        shared.pop(0)
    # The wide columns: a column whose share would break a word takes its longest word,
    # and the others share again what that leaves.
    while True:
        content = sum(wants[n] for n in shared)
        pinned = [n for n in shared if left * wants[n] < words[n] * content]
        if not pinned:
            break
        for n in pinned:
            widths[n] = words[n]
            left -= words[n]
            shared.remove(n)
    shares = {n: left * wants[n] / content for n in shared}
    for n, share in shares.items():
        widths[n] = min(int(share), wants[n])
    # Whole cells left over go first to the columns that lost most to rounding down.
    order = sorted(shares, key=lambda n: int(shares[n]) - shares[n])
    order += [n for n in range(count) if n not in shares]
    spare = room - sum(widths)
    while spare > 0:
        growing = [n for n in order if widths[n] < wants[n]][:spare]
        if not growing:
            break
        for n in growing:
            widths[n] += 1
        spare -= len(growing)
    return widths
