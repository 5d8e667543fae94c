"""Hostile input over every form found from the URLconf (issue 14).

Every route of the scenario world (world.py) is opened by every role that gets it; every form on
it (found in the HTML, not listed by hand: POST forms, and GET forms for searches and filters)
is sent once per set of hostile values that concerns its fields (forms.hostile_sets: 10 kB
strings, NUL bytes, HTML and script, wrong types, negative and huge numbers, impossible dates,
choices not offered, a PNG that is a ZIP, a 50-megapixel image bomb, an SVG with script, a PDF
with JavaScript), each in a rolled-back savepoint, following the redirects. Nothing may give a
server error; no page may show the script unescaped; no file may be stored with the hostile
content (a ZIP, a script, PDF JavaScript); a POST form sent back must say what is wrong.
Every page is also asked for with hostile query strings (page numbers, NUL, script, unknown
parameters). HOSTILE_LOG=1 prints every submission and what came back."""

import os
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests.security.forms import (
    FORBIDDEN_IN_STORED_FILES,
    XSS_RAW,
    fill,
    forms_of,
    hostile_sets,
)
from tests.security.probe import fetch, route_kwargs, submit
from tests.security.urls import all_routes
from tests.security.world import ROLES
from tests.security.world_matrix import WORLD_MATRIX

pytestmark = pytest.mark.django_db

PREFERENCE = ("lead", "member", "judge", "staff", "teacher", "other_teacher", "unverified")


def visitors_of(route) -> list[str]:
    """The roles that get the page, staff first for staff pages, else the lead, a member..."""
    codes = dict(zip(ROLES, WORLD_MATRIX[route.key], strict=True))
    order = ("staff", *PREFERENCE) if route.route.startswith("staff/") else PREFERENCE
    return [role for role in (*order, "anonymous") if codes[role] == "A"]


def pages(world) -> list[tuple[str, str]]:
    """(role, path): every route for every role that gets it, and the world's extra pages."""
    found = []
    for route in all_routes():
        if not route.is_admin:
            path = reverse(route.key, kwargs=route_kwargs(route, world))
            found += [(role, path) for role in visitors_of(route)]
    return found + world.extra_pages


ERROR_SIGNS = ("is-invalid", "invalid-feedback", "errorlist", "alert-danger", "text-danger")


def shows_an_error(html: str) -> bool:
    return any(sign in html for sign in ERROR_SIGNS)


def _files(root: Path) -> set[Path]:
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()


def test_hostile_values_in_every_form(world, private_media):
    clients = {}
    for role in ROLES:
        clients[role] = Client()
        if world.users[role] is not None:
            clients[role].force_login(world.users[role])

    seen_forms, failures = set(), []
    tried = refused = 0
    for role, path in pages(world):
        page = fetch(clients[role], path)
        if "html" not in page.get("Content-Type", ""):
            continue
        for form in forms_of(page.body, "http://testserver" + path):
            if form.signature in seen_forms:
                continue
            seen_forms.add(form.signature)
            for hostile in hostile_sets():
                if not hostile.concerns(form):
                    continue
                before = _files(private_media)
                where = f"{path} ({role}) form -> {form.action} with {hostile.name}"
                tried += 1
                try:
                    response = submit(clients[role], form.action, fill(form, hostile), form.method)
                except Exception as error:  # the client re-raises a view's exception
                    failures.append(f"{where}: {type(error).__name__}: {error}")
                    continue
                if os.environ.get("HOSTILE_LOG"):
                    print(f"{where}: {response.chain} {shows_an_error(response.body)}")
                if any(status >= 500 for status in response.chain):
                    failures.append(f"{where}: HTTP {response.chain}")
                if any(raw in response.body for raw in XSS_RAW):
                    failures.append(f"{where}: the script came back unescaped")
                sent_back = form.method == "post" and response.chain == [200]
                if sent_back and not shows_an_error(response.body):
                    failures.append(f"{where}: the form came back with no message")
                if sent_back or response.status_code in (400, 403, 404, 429):
                    refused += 1
                for stored in _files(private_media) - before:
                    content = stored.read_bytes()
                    bad = [sign for sign in FORBIDDEN_IN_STORED_FILES if sign in content]
                    if bad:
                        failures.append(f"{where}: stored {stored.name} with {bad}")

    print(
        f"\nhostile input: {len(seen_forms)} forms on {len(WORLD_MATRIX)} routes, "
        f"{tried} submissions of {len(hostile_sets())} kinds, {refused} refused on the form, "
        f"{len(failures)} failures"
    )
    assert len(seen_forms) > 50, "the sweep found too few forms to mean anything"
    assert failures == [], "\n".join(failures)


HOSTILE_QUERIES = (
    "page=0",
    "page=-1",
    "page=abc",
    "page=" + "9" * 30,
    "q=zq%00nul",
    "q=" + "x" * 10240,
    "q=%3Cscript%3Ealert(%22zq-xss%22)%3C/script%3E",
    "sort=zz-bogus&order=-zz&status=zz&country=ZZ&edition=-5&format=zz",
    "next=https://evil.example/&region=%00",
)


def test_hostile_query_strings_on_every_page(world):
    clients = {}
    for role in ROLES:
        clients[role] = Client()
        if world.users[role] is not None:
            clients[role].force_login(world.users[role])
    failures, tried = [], 0
    first_visitor = {}
    for role, path in pages(world):
        first_visitor.setdefault(path, role)
    for path, role in first_visitor.items():
        for query in HOSTILE_QUERIES:
            tried += 1
            where = f"{path}?{query[:40]} ({role})"
            try:
                response = fetch(clients[role], f"{path}?{query}")
            except Exception as error:
                failures.append(f"{where}: {type(error).__name__}: {error}")
                continue
            if response.status_code >= 500:
                failures.append(f"{where}: HTTP {response.status_code}")
            elif any(raw in response.body for raw in XSS_RAW):
                failures.append(f"{where}: the script came back unescaped")
            elif "evil.example" in response.get("Location", ""):
                failures.append(f"{where}: redirected off the site")
    print(f"\nhostile query strings: {len(first_visitor)} pages x {len(HOSTILE_QUERIES)} = {tried}")
    assert failures == [], "\n".join(failures)
