"""The render package's modules import one another one way only: no circle (lazy imports
included), the HTML renderer knows nothing of views, and the layouts of the brief and of
evidence build on the shared pieces, not on each other or on the dispatcher."""

from __future__ import annotations

import ast
from pathlib import Path

import seven_features.render

RENDER = Path(seven_features.render.__file__).parent
PACKAGE = "seven_features.render"


def module_name(path: Path) -> str:
    parts = path.relative_to(RENDER).with_suffix("").parts
    return ".".join([PACKAGE, *(p for p in parts if p != "__init__")])


def imports() -> dict[str, set[str]]:
    """Each render module and the render modules it imports, anywhere in it."""
    names = {module_name(p): p for p in RENDER.rglob("*.py")}
    found: dict[str, set[str]] = {}
    for name, path in names.items():
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                named = {f"{node.module}.{a.name}" for a in node.names}
                deps |= {m for m in {node.module, *named} if m in names}
            elif isinstance(node, ast.Import):
                deps |= {a.name for a in node.names if a.name in names}
        found[name] = deps - {name, PACKAGE, f"{PACKAGE}.layout"}
    return found


def test_no_render_module_imports_itself_through_others() -> None:
    graph = imports()
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, " -> ".join([*path, name])
        if name in done:
            return
        for dep in sorted(graph[name]):
            visit(dep, (*path, name))
        done.add(name)

    for name in sorted(graph):
        visit(name, ())


def test_each_layer_imports_only_what_is_below_it() -> None:
    graph = imports()
    layout = {m for m in graph if m.startswith(f"{PACKAGE}.layout.")}
    assert not graph[f"{PACKAGE}.html"] & layout
    parts, local = f"{PACKAGE}.layout.parts", f"{PACKAGE}.layout.local"
    brief_local = f"{PACKAGE}.layout.brief_local"
    # the map lays out each owner's local evidence itself, through layout.local
    assert graph[f"{PACKAGE}.layout.evidence"] & layout == {parts, local}
    # the brief lays out local evidence through brief_local: the shared layout, its citations
    assert graph[f"{PACKAGE}.layout.brief"] & layout == {parts, brief_local}
    assert graph[brief_local] & layout == {local}
    assert graph[local] & layout == set()
    assert graph[parts] & layout == set()
