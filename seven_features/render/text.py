"""Plain text for pipes and files: no escape codes, a paragraph a line, so grep finds sentences."""

from __future__ import annotations

from seven_features.render.blocks import NOTES, Block, Spans, bar, clean, oneline, plain

MISSING_OPEN, MISSING_CLOSE = "[", "]"


def spans(items: Spans) -> str:
    """Spans on one line: data text literal, controls made visible, white space folded once."""
    out = []
    for span in plain(items):
        if isinstance(span, str):
            out.append(span)
            continue
        style, value = span
        if style == "cite":
            out.append(f"[{value}]")
        elif style == "gap":
            out.append(f"{MISSING_OPEN}{value}{MISSING_CLOSE}")
        elif style == "mark":
            out.append(f"«{value}»")
        elif style == "bar":
            out.append(bar(*value))
        else:
            out.append(value)
    return oneline("".join(out))


def block(item: Block) -> str:
    kind = item[0]
    if kind == "title":
        return f"{block(('h1', item[1]))}\n{spans(item[2])}"
    if kind == "h1":
        title = oneline(item[1]).strip()
        return f"{title}\n{'=' * len(title)}"
    if kind == "h2":
        title = oneline(item[1]).strip()
        return f"{title}\n{'-' * len(title)}"
    if kind == "h3":
        return oneline(item[1])
    if kind in ("p", "aside"):
        return spans(item[1])
    if kind == "ul":
        return "\n".join(f"- {spans(x)}" for x in item[1])
    if kind == "dl":
        return "\n".join(f"{clean(label)}: {spans(value)}" for label, value in item[1])
    if kind == "quote":
        return f'"{spans(item[1])}"\n  — {spans(item[2])}'
    if kind == "notes":
        return f"{NOTES}\n{'-' * len(NOTES)}\n\n" + "\n".join(
            f"[{n}] {spans(text)}" for n, text in item[1]
        )
    if kind == "table":
        _, caption, columns, rows = item
        lines = [oneline(caption)] if caption else []
        lines.append(" | ".join(clean(c) for c in columns))
        lines += [" | ".join(spans(cell) for cell in row) for row in rows]
        return "\n".join(lines)
    raise ValueError(f"unknown block {kind!r}")


def render(blocks: list[Block]) -> str:
    """The blocks as plain text, blank lines between blocks."""
    return "\n\n".join(block(b) for b in blocks) + "\n"
