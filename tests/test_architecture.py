"""The server's layout holds: no import cycle, and each package imports only those below it.

Counts every import: at module level, under `TYPE_CHECKING` and inside functions
(docs/architecture.md, "The packages").
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.support.live import ROOT

SERVER = ROOT / "server"
# From the bottom up: a package may import its own modules and those of layers below.
LAYERS: list[set[str]] = [
    {"sync", "i18n"},
    # The store implements sync's storage port (sync/ports.py) and raises its Fenced.
    {"store"},
    # Several processes: rooms owned here or relayed elsewhere (server/cluster).
    {"cluster"},
    {"rules"},
    {"facilitation"},
    {"auth", "settings"},
    {"service"},
    {"afterwards"},
    {"parts"},
    {"web"},
    {"app"},
    {"cli"},
    {"__main__"},
]
MAX_LOOSE_MODULES = 12


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in SERVER.rglob("*.py")}


def imports_of(path: Path, known: set[str]) -> set[str]:
    """Every server module `path` imports, wherever the import stands."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        found |= {name for name in names if name in known}
    return found


def graph() -> dict[str, set[str]]:
    known = modules()
    names = set(known)
    # `from server import auth` names the package's empty `__init__` too: not an edge.
    return {name: imports_of(path, names) - {name, "server"} for name, path in known.items()}


def package_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_no_server_module_imports_one_that_imports_it_back() -> None:
    assert cycles(graph()) == []


def test_the_cycle_finder_sees_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_each_package_imports_only_the_layers_below_it() -> None:
    layer = {package: depth for depth, packages in enumerate(LAYERS) for package in packages}
    upward = [
        f"{source} imports {target}"
        for source, targets in graph().items()
        for target in targets
        if package_of(target) != package_of(source)
        and layer[package_of(target)] >= layer[package_of(source)]
    ]
    assert upward == []


def test_every_package_and_top_module_has_a_layer() -> None:
    packages = {package_of(name) for name in modules()} - {"server"}
    assert packages == set().union(*LAYERS)


def test_few_modules_are_loose_at_the_top() -> None:
    loose = [path.name for path in SERVER.glob("*.py") if path.name != "__init__.py"]
    assert len(loose) <= MAX_LOOSE_MODULES, loose
