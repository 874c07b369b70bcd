"""Plain text for pipes and files: no escape codes, a paragraph a line, so grep finds sentences."""

from __future__ import annotations

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
    bar,
    clean,
    oneline,
    plain,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from seven_features.render.blocks import Block, Spans

MISSING_OPEN, MISSING_CLOSE = "[", "]"


def spans(items: Spans) -> str:
    """Spans on one line: data text literal, controls made visible, white space folded once."""
    out = []
    for span in plain(items):
        match span:
            case str():
                out.append(span)
            case Cite():
                out.append(f"[{span.key}]")
            case NoteMark():
                out.append(f"[{span.key}]")
            case Gap():
                out.append(f"{MISSING_OPEN}{span.text}{MISSING_CLOSE}")
            case Mark():
                out.append(f"«{span.text}»")
            case Bar():
                out.append(bar(span.count, span.total))
            case Em() | Strong() | Small():
                out.append(span.text)
            case _:
                assert_never(span)
    return oneline("".join(out))


def block(item: Block) -> str:
    match item:
        case Title():
            return f"{block(Heading(1, item.text))}\n{spans(item.spans)}"
        case Heading(level=3):
            return oneline(item.text)
        case Heading():
            title = oneline(item.text).strip()
            rule = "=" if item.level == 1 else "-"
            return f"{title}\n{rule * len(title)}"
        case Para() | Aside():
            return spans(item.spans)
        case Bullets():
            return "\n".join(f"- {spans(x)}" for x in item.items)
        case Pairs():
            return "\n".join(f"{clean(label)}: {spans(value)}" for label, value in item.items)
        case Quote():
            said = f'"{spans(item.spans)}"'
            return f"{said}\n  — {spans(item.attribution)}" if item.attribution else said
        case Notes():
            return f"{NOTES}\n{'-' * len(NOTES)}\n\n" + "\n".join(
                f"[{n}] {spans(text)}" for n, text in item.items
            )
        case Table():
            lines = [oneline(item.caption)] if item.caption else []
            lines.append(" | ".join(clean(c) for c in item.columns))
            lines += [" | ".join(spans(cell) for cell in row) for row in item.rows]
            return "\n".join(lines)
        case _:
            assert_never(item)


def render(blocks: list[Block]) -> str:
    """The blocks as plain text, blank lines between blocks."""
    return "\n\n".join(block(b) for b in blocks) + "\n"
