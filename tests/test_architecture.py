"""The house: layers that import one way down, no circles, no borrowed private names, and
nothing done to the process by importing the package.

The imports are read from the code with `ast`, lazy imports inside functions and
`TYPE_CHECKING` imports included: a type two layers share lives in the lower one.
Run `pytest tests/test_architecture.py -q` to check a change; ARCHITECTURE.md says what
each layer is for.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "seven_features"

#: The layers, lowest first. A module may import from its own layer and the ones below.
LAYERS: list[tuple[str, ...]] = [
    # the base: the package's version, the error family, words, Ctrl-C over an import
    (
        "seven_features",
        "seven_features.errors",
        "seven_features.wording",
        "seven_features.interrupts",
        "seven_features.imports",
    ),
    ("seven_features.store",),  # the cache folder, atomic writes, kept answers
    ("seven_features.corpus",),  # the data: model, reading, validation, the run-time corpus
    ("seven_features.queries",),  # pure queries from the corpus to typed results
    ("seven_features.api",),  # the queries as a Python library, answering as --json does
    ("seven_features.render",),  # results laid out as blocks, drawn in each format
    ("seven_features.export",),  # the whole corpus as a workbook and a database (cold)
    ("seven_features.output",),  # the format chosen, written, the one error boundary
    ("seven_features.cli",),  # the command table, the fast parser, typer
    ("seven_features.__main__",),  # the entry point
]


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = modules()


def layer(module: str) -> int:
    """The layer of `module`: the one whose longest prefix names it."""
    best, depth = -1, -1
    for i, names in enumerate(LAYERS):
        for name in names:
            if (module == name or module.startswith(name + ".")) and len(name) > depth:
                best, depth = i, len(name)
    assert best >= 0, f"{module} is in no layer: add it to LAYERS"
    return best


def absolute(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")[: None if is_package else -1]
    if node.level > 1:
        base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports(module: str) -> Iterator[tuple[str, list[str], int]]:
    """(imported module, names taken from it, line) for every import of the package's own
    modules in `module`, wherever it stands."""
    path = MODULES[module]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("seven_features"):
                    yield _known(alias.name), [], node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = absolute(module, path.name == "__init__.py", node)
            if not base.startswith("seven_features"):
                continue
            for alias in node.names:
                full = f"{base}.{alias.name}"
                if full in MODULES:  # a module imported from its package
                    yield full, [], node.lineno
                else:
                    yield _known(base), [alias.name], node.lineno


def _known(name: str) -> str:
    while name not in MODULES:
        name = name.rpartition(".")[0]
    return name


def graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {m: set() for m in MODULES}
    for module in MODULES:
        for target, _, _ in imports(module):
            if target != module and target != "seven_features":
                edges[module].add(target)
    return edges


def test_every_module_is_in_a_layer() -> None:
    for module in MODULES:
        layer(module)


def test_imports_go_one_way_down() -> None:
    upward = [
        f"{module}:{line} imports {target}"
        for module in MODULES
        for target, _, line in imports(module)
        if layer(target) > layer(module)
    ]
    assert upward == []


def test_no_import_circles() -> None:
    edges = graph()
    state: dict[str, int] = {}  # 1 on the path, 2 done
    circles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in sorted(edges[node]):
            if state.get(target) == 1:
                circles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[node] = 2

    for module in sorted(MODULES):
        if module not in state:
            visit(module, [module])
    assert circles == []


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def test_no_module_uses_another_modules_private_names() -> None:
    borrowed = []
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        aliases: dict[str, str] = {}  # a local name bound to one of the package's modules
        for target, names, line in imports(module):
            borrowed += [
                f"{module}:{line} imports {target}.{n}"
                for n in names
                if _private(n) and target != module
            ]
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    if full in MODULES:
                        aliases[alias.asname or alias.name] = full
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname and alias.name in MODULES:
                        aliases[alias.asname] = alias.name
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and aliases.get(node.value.id, module) != module
                and _private(node.attr)
            ):
                borrowed.append(f"{module}:{node.lineno} uses {node.value.id}.{node.attr}")
    assert borrowed == []


def test_importing_changes_nothing_in_the_process() -> None:
    # Ctrl-C handling belongs to the command's entry point, not to an import: a script
    # that imports a query module keeps its own handler and its own clean-up.
    names = sorted(m for m in MODULES if not m.endswith("__main__"))
    code = (
        "import importlib, signal, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler, name\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
