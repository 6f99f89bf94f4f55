"""No import cycles anywhere in the packages, and the stages import downwards only.

The graph is read from the source (``ast``), so imports inside functions count too: a cycle
hidden in a function is still a cycle (it only fails later, and in a different order).
Imports under ``if TYPE_CHECKING:`` are left out: they never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("analyzer", "food_db", "app_pages")


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


class _Imports(ast.NodeVisitor):
    """The modules one file imports, absolute names, skipping ``if TYPE_CHECKING:`` blocks."""

    def __init__(self, package: str) -> None:
        self.package = package
        self.names: list[str] = []

    def visit_If(self, node: ast.If) -> None:
        test = node.test
        if isinstance(test, ast.Name | ast.Attribute) and "TYPE_CHECKING" in ast.unparse(test):
            for child in node.orelse:
                self.visit(child)
            return
        self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        self.names += [alias.name for alias in node.names]

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            base = self.package.split(".")[: len(self.package.split(".")) - (node.level - 1)]
            module = ".".join(base + ([node.module] if node.module else []))
        else:
            module = node.module or ""
        # "from package import submodule" imports the submodule; "from module import name", the module.
        self.names += [f"{module}.{alias.name}" for alias in node.names] + [module]


def import_graph() -> dict[str, set[str]]:
    """Each module of the packages to the modules of the packages it imports."""
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        visitor = _Imports(package)
        visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
        targets = set()
        for imported in visitor.names:
            if imported in modules:
                targets.add(imported)
        # "from x import y" where y is a submodule: drop the edge to x itself (only y was asked for).
        for imported in list(targets):
            if any(other.startswith(imported + ".") for other in targets):
                targets.discard(imported)
        graph[name] = targets - {name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
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

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for target in graph.get(todo.pop(), ()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def test_the_finder_sees_a_cycle_hidden_in_a_function():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycles():
    assert cycles(import_graph()) == []


def test_the_graph_sees_the_packages():
    graph = import_graph()
    assert "analyzer.resolve._import" in graph and "food_db" in graph["analyzer.resolve._import"]


@pytest.mark.parametrize(("importer", "imported"), [
    ("analyzer.ingest._read", "analyzer.report._export"),      # the reader does not import the exporter
    ("analyzer.ingest._formats", "analyzer.report._export"),
    ("analyzer.match._match", "analyzer.match._match_cache"),
    ("analyzer.resolve._import", "analyzer.resolve._diary_edit"),
])
def test_lower_stages_do_not_import_higher_ones(importer, imported):
    assert imported not in reachable(import_graph(), importer)


def test_food_db_never_imports_analyzer():
    graph = import_graph()
    assert not any(target.startswith("analyzer") for name in graph if name.startswith("food_db")
                   for target in graph[name])


#: analyzer's stages, lowest first (docs/ARCHITECTURE.md); the store sits beside the others, above them.
STAGES = ("ingest", "amounts", "match", "resolve", "analysis", "report", "store")


def _stage(module: str) -> int | None:
    parts = module.split(".")
    return STAGES.index(parts[1]) if len(parts) > 2 and parts[0] == "analyzer" and parts[1] in STAGES else None


def test_stages_import_downwards_only():
    """A stage imports itself, lower stages and the shared modules (errors, messages, _nutrients), never a higher one.

    Before the modules are moved into their stage folders there is nothing to check.
    """
    graph = import_graph()
    upward = [(name, target) for name, targets in graph.items() for target in targets
              if _stage(name) is not None and _stage(target) is not None and _stage(target) > _stage(name)]
    assert upward == []
