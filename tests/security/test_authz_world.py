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

import os

import pytest
from django.test import Client
from django.urls import reverse

from tests.security.probe import code_of, fetch, route_kwargs
from tests.security.urls import all_routes
from tests.security.world import MARKERS, ROLES
from tests.security.world_matrix import WORLD_MATRIX

pytestmark = pytest.mark.django_db


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
