"""Every reports permission for every role: visitor, teacher, other teacher, judge, staff."""

import pytest
from django.contrib.auth.models import AnonymousUser

from core.exports import Exporter

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "teacher", "other_teacher", "judge", "staff"]
STAFF_ONLY = [False, False, False, False, True]


def _user(request, role):
    return AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)


def _exporter(permission: str) -> Exporter:
    return Exporter(
        name="test.list",
        title="A list",
        columns=("A",),
        rows=lambda params, user: ("A list", []),
        count=lambda params, user: 0,
        permission=permission,
    )


@pytest.mark.parametrize(
    "perm",
    ["reports.view_runs", "reports.request_report", "reports.view_run", "reports.download_file"],
)
def test_report_runs_are_for_staff(request, perm):
    assert [_user(request, role).has_perm(perm) for role in ROLES] == STAFF_ONLY


@pytest.mark.parametrize(
    ("exporter_permission", "expected"),
    [
        ("teachers.access_staff_area", STAFF_ONLY),
        # An exporter may ask for more than being staff: a permission nobody here holds.
        ("reports.nobody_holds_this", [False, False, False, False, False]),
    ],
)
def test_an_export_needs_staff_and_the_exporters_permission(request, exporter_permission, expected):
    exporter = _exporter(exporter_permission)
    users = [_user(request, role) for role in ROLES]
    assert [user.has_perm("reports.export_list", exporter) for user in users] == expected


def test_an_unknown_export_is_left_to_the_page_for_staff(request):
    """No exporter: staff pass (the page answers 404), others do not (403)."""
    users = [_user(request, role) for role in ROLES]
    assert [user.has_perm("reports.export_list", None) for user in users] == STAFF_ONLY
