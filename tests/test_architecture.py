"""Imports flow one way (DESIGN.md): reports -> awards -> collaborations -> conferences ->
teachers -> schools -> classnet's shared pieces, with surveys (on schools, teachers,
conferences) and gallery (on conferences, collaborations) beside them. A lower layer never
imports a higher one. Inside an app too, imports run one way: no circle between our modules."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYERS = [
    "schools",
    "teachers",
    "conferences",
    "collaborations",
    "surveys",
    "gallery",
    "awards",
    "reports",
]
# What each app may import (DESIGN.md's table): everything below it, nothing beside or above.
ALLOWED = {
    "schools": set(),
    "teachers": {"schools"},
    "conferences": {"schools", "teachers"},
    "collaborations": {"schools", "teachers", "conferences"},
    "surveys": {"schools", "teachers", "conferences"},
    "gallery": {"schools", "teachers", "conferences", "collaborations"},
    "awards": {"schools", "teachers", "conferences", "collaborations"},
    "reports": set(LAYERS) - {"reports"},
}
# classnet's shared pieces sit below every app; its root URLs, home view and demo seed on top.
CLASSNET_TOP = {"urls.py", "views.py", "demo"}


def imported_top_level_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def sources(package: str):
    for path in sorted((ROOT / package).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


@pytest.mark.parametrize("app", LAYERS)
def test_apps_import_only_lower_layers(app):
    higher = set(LAYERS) - ALLOWED[app] - {app}

    offending = {
        str(path.relative_to(ROOT)): sorted(imported_top_level_modules(path) & higher)
        for path in sources(app)
        if imported_top_level_modules(path) & higher
    }

    assert offending == {}


def test_classnet_shared_pieces_import_no_app():
    offending = {
        str(path.relative_to(ROOT)): sorted(imported_top_level_modules(path) & set(LAYERS))
        for path in sources("classnet")
        if path.relative_to(ROOT / "classnet").parts[0] not in CLASSNET_TOP
        and imported_top_level_modules(path) & set(LAYERS)
    }

    assert offending == {}


# Inside the apps too, imports run one way (STYLE.md 8): no module may reach, however
# indirectly, back to itself. Function-level imports count: tucking an import into a function
# hides a circle from Python at import time, not from the design.
PACKAGES = ["classnet", *LAYERS]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def our_modules() -> dict[str, Path]:
    return {module_name(path): path for package in PACKAGES for path in sources(package)}


def our_imports(name: str, path: Path, modules) -> list[tuple[str, int, bool]]:
    """(imported module of ours, line, inside a function) for every import in the module."""
    is_package = path.name == "__init__.py"
    found = []

    def resolve(dotted: str) -> str | None:
        # The most specific of our modules that the dotted name runs: `a.b.c` -> a.b.c or a.b.
        while dotted and dotted not in modules:
            dotted = dotted.rpartition(".")[0]
        return dotted or None

    def visit(node: ast.AST, in_function: bool) -> None:
        targets = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                package = name if is_package else name.rpartition(".")[0]
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            else:
                base = node.module
            targets = [f"{base}.{alias.name}" for alias in node.names]
        for module in sorted({resolve(target) for target in targets} - {None, name}):
            found.append((module, node.lineno, in_function))
        inner = in_function or isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        for child in ast.iter_child_nodes(node):
            visit(child, inner)

    visit(ast.parse(path.read_text(), filename=str(path)), False)
    return found


def import_graph() -> dict[str, dict[str, list[str]]]:
    """For each of our modules: the modules of ours it imports, with where ('line 12' or
    'line 40, in a function')."""
    modules = our_modules()
    graph = {name: {} for name in modules}
    for name, path in modules.items():
        for module, line, in_function in our_imports(name, path, modules):
            where = f"line {line}, in a function" if in_function else f"line {line}"
            graph[name].setdefault(module, []).append(where)
    return graph


def strongly_connected(graph) -> list[list[str]]:
    """Tarjan's strongly connected components, each sorted, in a stable order."""
    index, low, on_stack, stack, components = {}, {}, set(), [], []

    def connect(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return sorted(components)


def test_no_import_circles_between_our_modules():
    graph = import_graph()

    circles = {
        " <-> ".join(component): [
            f"{source} imports {target} ({'; '.join(graph[source][target])})"
            for source in component
            for target in sorted(graph[source])
            if target in component
        ]
        for component in strongly_connected(graph)
        if len(component) > 1
    }

    assert circles == {}


def test_circle_finder_names_each_circle_and_ignores_a_chain():
    graph = {"a": {"b": []}, "b": {"c": []}, "c": {"a": []}, "d": {"a": []}, "e": {"e": []}}

    components = [c for c in strongly_connected(graph) if len(c) > 1]

    assert components == [["a", "b", "c"]]


def private_imports_across_apps() -> list[str]:
    """`from other_app.module import _name`: a private name of another app (or of another
    part of classnet) reached from outside. Inside one app the modules may share them."""
    found = []
    for name, path in our_modules().items():
        app = name.split(".")[0] if not name.startswith("classnet.") else name.split(".")[:2]
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if not isinstance(node, ast.ImportFrom) or node.level or not node.module:
                continue
            owner = node.module.split(".")
            owner_app = owner[0] if owner[0] != "classnet" else owner[:2]
            if owner[0] not in PACKAGES or owner_app == app:
                continue
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    found.append(f"{name} line {node.lineno}: {node.module}.{alias.name}")
    return found


def test_no_app_imports_another_apps_private_names():
    assert private_imports_across_apps() == []
