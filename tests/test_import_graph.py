"""The import graph of the package: no circles, and no stage reaching for a later one.

Every import counts, wherever it stands: at the top of a module, inside a function (a lazy
import) or under `if TYPE_CHECKING:`. A lazy import hides a circle from Python at run time but
not from a reader, so it closes a circle here just the same. Lazy imports that close no circle
are fine.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent / "thucydides"

# The pipeline order (thucydides/coder.py): a stage may import an earlier one, never a later one.
STAGE_ORDER = ("actors", "events", "times", "places", "quotes")
# What the syntax layer may import: spaCy and these neutral modules, nothing of any stage.
SYNTAX_MAY_IMPORT = ("thucydides.syntax", "thucydides.nlp", "thucydides.models", "thucydides.wordlists")

Edge = tuple[str, str, int]  # importer, imported, line


def module_names(package_dir: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every module of the package ("pkg.sub" for pkg/sub/__init__.py)."""
    root = package_dir.parent
    names: dict[str, Path] = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def imports_of(name: str, source: str, is_package: bool, known: set[str] | dict[str, Path]) -> list[Edge]:
    """The package modules one module's source imports, anywhere in it, with line numbers.

    `from pkg import name` counts as importing `pkg.name` when that is a module, else `pkg`.
    """
    package = name if is_package else name.rpartition(".")[0]
    edges: list[Edge] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in known:
                    edges.append((name, alias.name, node.lineno))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                full = f"{target}.{alias.name}"
                if full in known:
                    edges.append((name, full, node.lineno))
                elif target in known:
                    edges.append((name, target, node.lineno))
    return edges


def package_edges(package_dir: Path = PACKAGE_DIR) -> list[Edge]:
    modules = module_names(package_dir)
    edges: list[Edge] = []
    for name, path in modules.items():
        edges.extend(imports_of(name, path.read_text(encoding="utf-8"), path.name == "__init__.py", modules))
    return edges


def cycles(edges: list[Edge]) -> list[list[Edge]]:
    """One circle of imports for each group of modules that import each other (Tarjan's SCCs)."""
    graph: dict[str, dict[str, int]] = {}
    for src, dst, line in edges:
        graph.setdefault(src, {}).setdefault(dst, line)
        graph.setdefault(dst, {})
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1 or v in graph[v]:
                groups.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return [_circle(graph, group) for group in groups]


def _circle(graph: dict[str, dict[str, int]], group: list[str]) -> list[Edge]:
    """A shortest path from the group's first module back to itself, inside the group."""
    start = group[0]
    members = set(group)
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for v in frontier:
            for w in sorted(graph[v]):
                if w not in members or w in came_from:
                    continue
                came_from[w] = v
                following.append(w)
        if start in came_from:
            break
        frontier = following
    path = [start]
    while True:
        prev = came_from[path[-1]]
        path.append(prev)
        if prev == start:
            break
    path.reverse()
    return [(a, b, graph[a][b]) for a, b in zip(path, path[1:], strict=False)]


def describe(circle: list[Edge]) -> str:
    return " -> ".join(f"{src} (line {line})" for src, _, line in circle) + f" -> {circle[-1][1]}"


# -- the package -------------------------------------------------------------


def test_the_package_has_no_import_cycle() -> None:
    found = cycles(package_edges())
    assert not found, "import cycles:\n" + "\n".join(describe(c) for c in found)


def test_no_stage_imports_a_later_stage() -> None:
    stage_of = {f"thucydides.{s}": k for k, s in enumerate(STAGE_ORDER)}

    def stage(module: str) -> int | None:
        for prefix, k in stage_of.items():
            if module == prefix or module.startswith(prefix + "."):
                return k
        return None

    wrong = [(src, dst, line) for src, dst, line in package_edges()
             if stage(src) is not None and stage(dst) is not None and stage(dst) > stage(src)]
    assert not wrong, "\n".join(f"{src} (line {line}) imports the later stage {dst}"
                                for src, dst, line in wrong)


def test_the_syntax_layer_imports_no_stage() -> None:
    wrong = [(src, dst, line) for src, dst, line in package_edges()
             if src.startswith("thucydides.syntax")
             and not any(dst == ok or dst.startswith(ok + ".") for ok in SYNTAX_MAY_IMPORT)]
    assert not wrong, "\n".join(f"{src} (line {line}) imports {dst}" for src, dst, line in wrong)


# -- the checker itself --------------------------------------------------------


def test_lazy_and_type_checking_imports_are_edges() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from pkg.b import Thing\n"
        "def late():\n"
        "    from . import c\n"
        "    import pkg.d\n"
    )
    known = {"pkg", "pkg.a", "pkg.b", "pkg.c", "pkg.d"}
    edges = imports_of("pkg.a", source, False, known)
    assert [(dst, line) for _, dst, line in edges] == [("pkg.b", 3), ("pkg.c", 5), ("pkg.d", 6)]


def test_a_circle_is_found_and_printed() -> None:
    edges = [("p.a", "p.b", 3), ("p.b", "p.c", 7), ("p.c", "p.a", 12), ("p.c", "p.d", 2)]
    found = cycles(edges)
    assert len(found) == 1
    assert describe(found[0]) == "p.a (line 3) -> p.b (line 7) -> p.c (line 12) -> p.a"
    assert cycles([("p.a", "p.b", 1), ("p.b", "p.c", 1)]) == []


def test_the_package_root_counts_as_a_module() -> None:
    # "from thucydides import __version__" in a module the root loads lazily closes a circle
    known = {"thucydides", "thucydides.coder", "thucydides.ontology"}
    lazy_root = "def __getattr__(n):\n    from thucydides.coder import Coder\n"
    root = imports_of("thucydides", lazy_root, True, known)
    coder = imports_of("thucydides.coder", "from thucydides import __version__, ontology\n", False, known)
    assert [dst for _, dst, _ in coder] == ["thucydides", "thucydides.ontology"]
    assert len(cycles(root + coder)) == 1
