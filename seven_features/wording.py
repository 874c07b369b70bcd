"""How things are put into words: a data problem's paths, values and tags as a data editor
reads them, and counts and articles as English has them ("1 match", "an outcome")."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence
    from typing import Any, NoReturn, TypeAlias, TypeVar

    #: Raises a `DataError` at a path with a message.
    Fail: TypeAlias = Callable[..., NoReturn]
    #: An item of a list in words: text, or a span that links it.
    T = TypeVar("T")

#: A path into the data: keys and list positions.
Loc = tuple[str | int, ...]
CORE_TAGS = "tag:yaml.org,2002:"


def render_path(loc: Loc) -> str:
    """A path as a data editor reads it: `features[2].pitfalls[0].headline`."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part.replace("-", "_").isidentifier():
            out += f".{part}" if out else part
        else:
            out += f"[{short(part)}]"
    return out


def short(value: object) -> str:
    """`value` for a message: its repr, cut to about 60 characters."""
    text = repr(value)
    if len(text) <= 60:
        return text
    size = f" ({len(value):,} characters)" if isinstance(value, str) else ""
    return f"{text[:56]}…{text[-1]}{size}"


def written_tag(tag: str) -> str:
    """A tag as written: `!!int`, `!foo`."""
    written = "!!" + tag.removeprefix(CORE_TAGS) if tag.startswith(CORE_TAGS) else tag
    return written if len(written) <= 60 else written[:59] + "…"


def spelled(value: object) -> str:
    """`value` as the YAML would spell it, for a message: 'fourteen' (text is quoted), true,
    null, 1.5, and a list or a mapping by name; one line, cut to about 60 characters."""
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    if isinstance(value, int | float):
        return repr(value)
    if not isinstance(value, str):
        return f"{article(kind_of(value))} {kind_of(value)}"
    if value.isprintable():
        quoted = "'" + value.replace("'", "''") + "'"
    else:  # YAML's double quotes, escapes and all, keep a line break out of the message
        import json

        quoted = json.dumps(value, ensure_ascii=False)
    if len(quoted) <= 60:
        return quoted
    return f"{quoted[:56]}…{quoted[-1]} ({len(value):,} characters)"


def kind_of(value: object) -> str:
    names: dict[type, str] = {list: "list", dict: "mapping", str: "text", bool: "true/false"}
    names |= {int: "number", float: "number"}
    return names.get(type(value), "value")


def article(noun: str) -> str:
    """'a' or 'an' before `noun`, by its first letter (enough for sevenf's own nouns)."""
    return "an" if noun[:1].lower() in "aeiou" else "a"


def possessive(name: str) -> str:
    """A name's possessive: 'Example Borough Council's', 'Children's Services'', and a
    name that is one already kept as it is ('St James's', 'Saints'')."""
    if name.endswith(("'s", "’s", "'", "’")):
        return name
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """`number` with `noun` agreeing: '1 match', '3 matches', '0 quotes'."""
    if number == 1:
        return f"1 {noun}"
    if plural is None:
        plural = noun + ("es" if noun.endswith(("s", "sh", "ch", "x", "z")) else "s")
    return f"{number:,} {plural}"


def series(items: Sequence[T], conjunction: str = "and") -> list[T | str]:
    """`items` as English lists them, separators between: a; a and b; a, b and c."""
    out: list[T | str] = []
    for i, item in enumerate(items):
        if i:
            out.append(f" {conjunction} " if i == len(items) - 1 else ", ")
        out.append(item)
    return out


def listed(items: Sequence[str], conjunction: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    return "".join(series(items, conjunction))


def numbered(noun: str, items: Sequence[T]) -> list[T | str]:
    """Things named by number, the noun agreeing: 'footnote 8', 'footnotes 9 and 8',
    'footnotes 10, 9 and 8'. An item may be a number's text or a span linking it."""
    return [f"{noun if len(items) == 1 else noun + 's'} ", *series(items)]


def numbers(noun: str, values: Sequence[int]) -> str:
    """`numbered` as plain text: 'features 3 and 4'."""
    return "".join(numbered(noun, [str(v) for v in values]))


def resolved_through(chain: Sequence[T]) -> list[T | str]:
    """How an 'Ibid.' was followed back to the note naming its source, in every view and
    format: 'resolved through footnote 8', 'resolved through footnotes 10, 9 and 8'."""
    return ["resolved through ", *numbered("footnote", chain)]


# --- citation keys ---------------------------------------------------------------------

#: The framework's own id, and so the stem of its citation key.
FRAMEWORK_ID = "seven-features-of-practice"


def slug(text: str) -> str:
    """Text as a key or a file's name: lower-case letters and digits joined by '-'."""
    import re

    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def citation_key(source: Mapping[str, Any]) -> str:
    """A source's citation key: its id, then `-` and its year where the document gives one
    (`final-evaluation-report-2017`). `corpus/checks.py` refuses data where two sources,
    or a source and the framework, would share one."""
    year = source["year"]
    ident = source["id"] or ""
    return f"{slug(ident)}-{slug(year)}" if year else slug(ident)


def local_key(owner: str, ident: str) -> str:
    """A local source's citation key: its owner's name, then its id
    (`example-borough-council-supervision-audit-2025`), so that it names whose it is and
    stands apart from the document's keys; 'local' where the name has no ASCII letter."""
    return f"{slug(owner) or 'local'}-{slug(ident)}"
