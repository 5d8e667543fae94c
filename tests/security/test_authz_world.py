"""Authorisation matrix over a scenario world (issue 14): every route of the URLconf x nine roles,
with real objects that belong to another person (tests/security/world.py).

WORLD_MATRIX (world_matrix.py) gives, per route, one code per role in the order of ROLES. A
route without an entry fails, so does an entry without a route. Independently of the codes, no
response to anyone may carry a marker of Olga's private things outside its audience (MARKERS):
that is the leak check, over every page, file and redirect.

Each request runs inside a savepoint that is rolled back, so a POST by a role that may act (an
empty form, mostly refused) changes nothing for the next one; the client's cookies are put back.

Set AUTHZ_RECORD=1 to print the observed codes as a new WORLD_MATRIX (to review, never to paste
blindly: each code is a claim about who may do what)."""

import copy
import os
import re

import pytest
from django.conf import settings
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import reverse

from tests.security.urls import all_routes
from tests.security.world import MARKERS, ROLES, build_world
from tests.security.world_matrix import WORLD_MATRIX

pytestmark = pytest.mark.django_db

_PARAM_NAMES = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>")


def route_kwargs(route, world) -> dict:
    namespace, _, name = route.key.rpartition(":")
    found = {}
    for match in _PARAM_NAMES.finditer(route.route):
        param = match[1] or match[2]
        prefixed = [
            value
            for (scope, key), value in world.kwargs.items()
            if key == param
            and scope
            and scope.startswith(f"{namespace}:")
            and name.startswith(scope.split(":", 1)[1])
        ]
        if prefixed:
            found[param] = prefixed[0]
        elif (namespace or None, param) in world.kwargs:
            found[param] = world.kwargs[(namespace or None, param)]
        else:
            found[param] = world.kwargs[(None, param)]
    return found


def code_of(response) -> str:
    status = response.status_code
    if 300 <= status < 400:
        login = resolve_url(settings.LOGIN_URL)
        return "L" if response.get("Location", "").startswith(login) else "R"
    return {403: "D", 404: "D", 400: "4", 405: "M", 429: "T"}.get(
        status, "A" if status < 300 else "X"
    )


def body_of(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("latin-1") + response.get("Location", "")


class _Rollback(Exception):
    def __init__(self, response):
        self.response = response


def fetch(client: Client, path: str):
    """GET the path (POST when the view takes only POST) in a savepoint that is rolled back."""
    cookies = copy.deepcopy(client.cookies)
    try:
        with transaction.atomic():
            response = client.get(path)
            if response.status_code == 405:
                response = client.post(path)
            response.body = body_of(response)
            raise _Rollback(response)
    except _Rollback as done:
        return done.response
    finally:
        client.cookies = cookies


@pytest.fixture
def world(private_media, settings):
    settings.RATELIMIT_ENABLED = True
    return build_world()


def test_every_route_times_every_role(world):
    routes = [route for route in all_routes() if not route.is_admin]
    clients = {}
    for role in ROLES:
        clients[role] = Client()
        if world.users[role] is not None:
            clients[role].force_login(world.users[role])

    observed, errors, leaks, seen = {}, [], [], set()
    for route in routes:
        path = reverse(route.key, kwargs=route_kwargs(route, world))
        codes = []
        for role in ROLES:
            try:
                response = fetch(clients[role], path)
            except Exception as error:  # a server error is a finding, not a crash of the test
                errors.append(f"{route.key} as {role}: {type(error).__name__}: {error}")
                codes.append("X")
                continue
            codes.append(code_of(response))
            for marker, audience in MARKERS.items():
                if marker not in response.body:
                    continue
                if role in audience:
                    seen.add(marker)
                else:
                    leaks.append(f"{route.key} {path} as {role}: {marker!r} shown")
        observed[route.key] = "".join(codes)

    if os.environ.get("AUTHZ_RECORD"):
        print("\nWORLD_MATRIX = {")
        for key, codes in observed.items():
            print(f'    "{key}": "{codes}",')
        print("}")
    print(f"\nauthz world matrix: {len(routes)} routes x {len(ROLES)} roles checked")

    assert errors == [], "\n".join(errors)
    assert leaks == [], "\n".join(leaks)
    # The check is not vacuous: each marker reaches its own audience somewhere.
    assert seen == MARKERS.keys(), f"markers never shown to anyone: {MARKERS.keys() - seen}"
    missing = sorted(observed.keys() - WORLD_MATRIX.keys())
    stale = sorted(WORLD_MATRIX.keys() - observed.keys())
    assert (missing, stale) == ([], []), f"missing from WORLD_MATRIX: {missing}; stale: {stale}"
    wrong = [
        f"{key}: expected {WORLD_MATRIX[key]}, got {codes}  ({' '.join(ROLES)})"
        for key, codes in observed.items()
        if WORLD_MATRIX[key] != codes
    ]
    assert wrong == [], "\n".join(wrong)
