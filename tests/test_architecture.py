"""Imports flow one way (DESIGN.md): reports -> awards -> collaborations -> conferences ->
teachers -> schools -> classnet's shared pieces, with surveys (on schools, teachers,
conferences) and gallery (on conferences, collaborations) beside them. A lower layer never
imports a higher one."""

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
