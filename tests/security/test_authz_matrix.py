"""Authorisation matrix, anonymous column (issue 14): every route of the URLconf, as a visitor.

MATRIX maps every route name to what a visitor (not signed in) gets on GET (POST when the view
only takes POST) with objects that do not exist: LOGIN (sent to log in), DENY (403/404) or ALLOW.
A route missing from MATRIX, or a MATRIX entry that no longer resolves, fails the test, so a new
URL has to be added here. Back-office (admin) routes are checked coarsely: never a 200.

The signed-in columns (unverified, teacher, other teacher, member, lead, judge, other judge,
staff) over a scenario world of real objects of another person: test_authz_world.py.
"""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client

from tests.security.matrix import ALLOW, DENY, LOGIN, MATRIX
from tests.security.urls import all_routes


def outcome(client: Client, path: str) -> str:
    try:
        response = client.get(path)
        if response.status_code == 405:
            response = client.post(path)
    except Exception as error:
        return f"ERROR {type(error).__name__}: {error}"
    status = response.status_code
    if status in (403, 404):
        return DENY
    if 300 <= status < 400 and response.get("Location", "").startswith(
        resolve_url(settings.LOGIN_URL)
    ):
        return LOGIN
    if status < 400 or status == 405:
        return ALLOW
    return f"HTTP {status}"


def test_every_route_has_an_entry_and_every_entry_a_route():
    keys = {route.key for route in all_routes() if not route.is_admin}
    missing = sorted(keys - MATRIX.keys())
    stale = sorted(MATRIX.keys() - keys)
    assert (missing, stale) == ([], []), f"missing from MATRIX: {missing}; stale: {stale}"


@pytest.mark.django_db
def test_anonymous_column():
    client = Client()
    mismatches = []
    checked = 0
    for route in all_routes():
        got = outcome(client, route.sample_path)
        checked += 1
        if route.is_admin:
            if got == ALLOW and client.get(route.sample_path).status_code == 200:
                mismatches.append(f"{route.key} {route.sample_path}: admin gave a visitor 200")
            continue
        expected = MATRIX.get(route.key)
        if expected is not None and got != expected:
            mismatches.append(f"{route.key} {route.sample_path}: expected {expected}, got {got}")
    print(f"\nauthz matrix: {checked} routes x 1 role (anonymous) checked")
    assert mismatches == [], "\n".join(mismatches)


@pytest.mark.django_db
def test_a_verified_teacher_never_reaches_a_staff_or_back_office_route():
    """A coarse second column: a verified teacher (no staff role) gets DENY from every route under
    staff/ and never a 200 from the back office."""
    from tests.factories import TeacherProfileFactory

    client = Client()
    client.force_login(TeacherProfileFactory().user)
    leaks = []
    checked = 0
    for route in all_routes():
        if not (route.route.startswith("staff/") or route.is_admin):
            continue
        checked += 1
        got = outcome(client, route.sample_path)
        if route.is_admin:
            if got == ALLOW and client.get(route.sample_path).status_code == 200:
                leaks.append(f"{route.key}: back office gave a teacher 200")
        elif got != DENY:
            leaks.append(f"{route.key} {route.sample_path}: expected DENY, got {got}")
    print(f"\nauthz matrix: {checked} staff/admin routes x 1 role (teacher) checked")
    assert leaks == [], "\n".join(leaks)
