"""Imports flow one way (DESIGN.md): reports -> awards -> collaborations -> conferences ->
teachers -> schools -> core, with surveys (on schools, teachers,
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
# core sits below every app; classnet (settings, root URLs, Celery app) and demo sit on top.
TOP = ["classnet", "demo"]


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


def test_core_imports_no_app_and_nothing_above_it():
    ours = {*LAYERS, *TOP}
    offending = {
        str(path.relative_to(ROOT)): sorted(imported_top_level_modules(path) & ours)
        for path in sources("core")
        if imported_top_level_modules(path) & ours
    }

    assert offending == {}


@pytest.mark.parametrize("app", LAYERS)
def test_apps_import_neither_the_project_nor_the_demo(app):
    offending = {
        str(path.relative_to(ROOT)): sorted(imported_top_level_modules(path) & set(TOP))
        for path in sources(app)
        if imported_top_level_modules(path) & set(TOP)
    }

    assert offending == {}


# Inside the apps too, imports run one way (STYLE.md 8): no module may reach, however
# indirectly, back to itself. Function-level imports count: tucking an import into a function
# hides a circle from Python at import time, not from the design.
PACKAGES = ["core", *LAYERS, *TOP]


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
    part of core) reached from outside. Inside one app the modules may share them."""
    found = []
    for name, path in our_modules().items():
        app = name.split(".")[0] if not name.startswith("core.") else name.split(".")[:2]
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if not isinstance(node, ast.ImportFrom) or node.level or not node.module:
                continue
            owner = node.module.split(".")
            owner_app = owner[0] if owner[0] != "core" else owner[:2]
            if owner[0] not in PACKAGES or owner_app == app:
                continue
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    found.append(f"{name} line {node.lineno}: {node.module}.{alias.name}")
    return found


def test_no_app_imports_another_apps_private_names():
    assert private_imports_across_apps() == []


# Inside each app, imports run models -> selectors -> rules -> services -> forms -> views ->
# urls/admin, and tasks are leaves (the Celery app finds them; nothing of ours imports them).
# A module's kind is the first part of its name inside the app (`awards.services.entries` is
# a service); modules of no kind (pure helpers such as `awards.scoring`) are free, the circle
# test above still covers them. docs/architecture.md explains the order.
KIND_ORDER = ["models", "selectors", "rules", "services", "forms", "views", "urls", "admin"]
KIND_RANK = {kind: rank for rank, kind in enumerate(KIND_ORDER)} | {"urls": 6, "admin": 6}
# Apps already laid out in the house shape; every app is, once issue 13 is done.
LAYERED_APPS: set[str] = {
    "awards",
    "collaborations",
    "conferences",
    "gallery",
    "reports",
    "schools",
    "surveys",
    "teachers",
}


def kind_of(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) < 2:
        return None
    return parts[1] if parts[1] in KIND_RANK or parts[1] == "tasks" else None


def layering_problems(app: str, modules: dict[str, Path] | None = None) -> list[str]:
    modules = our_modules() if modules is None else modules
    problems = []
    for name, path in modules.items():
        if name.split(".")[0] != app:
            continue
        kind = kind_of(name)
        for imported, line, _ in our_imports(name, path, modules):
            if imported.split(".")[0] != app:
                continue
            target = kind_of(imported)
            if target == "tasks":
                problems.append(f"{name} line {line} imports {imported}: tasks are leaves")
            elif kind in KIND_RANK and target in KIND_RANK and KIND_RANK[target] > KIND_RANK[kind]:
                problems.append(f"{name} line {line}: a {kind} module imports {imported}")
    return problems


@pytest.mark.parametrize("app", sorted(LAYERED_APPS))
def test_imports_inside_an_app_run_one_way(app):
    assert layering_problems(app) == []


def test_layering_check_names_an_upward_import_and_an_imported_task(tmp_path):
    files = {
        "app.services.entries": "from app.views import page\nfrom app.models import Entry\n",
        "app.views": "from app.services.entries import submit\nfrom app.tasks import send\n",
        "app.models": "",
        "app.tasks": "from app.services.entries import submit\n",
        "app.scoring": "from app.views import page\n",
    }
    modules = {}
    for name, text in files.items():
        path = tmp_path / f"{name}.py"
        path.write_text(text)
        modules[name] = path

    assert layering_problems("app", modules) == [
        "app.services.entries line 1: a services module imports app.views",
        "app.views line 2 imports app.tasks: tasks are leaves",
    ]
    assert kind_of("awards.scoring") is None
    # A module of a models package is of the models layer, like the package itself.
    assert kind_of("awards.models.cycles") == "models"
    assert kind_of("conferences.models") == "models"


def url_views() -> list[tuple[str, object]]:
    """(route, view) for every view of our URLconf; allauth's and the admin's are theirs."""
    from django.urls import get_resolver  # needs Django set up, which pytest-django does later
    from django.urls.resolvers import URLResolver

    found = []

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                found.append((prefix + str(pattern.pattern), pattern.callback))

    walk(get_resolver().url_patterns)
    return found


@pytest.mark.parametrize("app", sorted(LAYERED_APPS))
def test_every_view_of_an_app_declares_who_may_reach_it(app):
    from core.permissions import declared_access

    undeclared = [
        f"{route} ({view.__module__}.{view.__name__})"
        for route, view in url_views()
        if view.__module__.split(".")[0] == app and declared_access(view) is None
    ]

    assert undeclared == []
