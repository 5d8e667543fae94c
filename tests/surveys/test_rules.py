"""Every surveys permission for every role: visitor, teacher, other teacher, judge, staff."""

import pytest
from django.contrib.auth.models import AnonymousUser

from ..factories import SurveyFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "teacher", "other_teacher", "judge", "staff"]


def _user(request, role):
    return AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)


@pytest.mark.parametrize(
    ("perm", "expected"),
    [
        ("surveys.manage_surveys", [False, False, False, False, True]),
        ("surveys.view_own_invitations", [False, True, True, True, True]),
    ],
)
def test_permissions_without_an_object(request, perm, expected):
    assert [_user(request, role).has_perm(perm) for role in ROLES] == expected


@pytest.mark.parametrize(
    ("perm", "status", "expected"),
    [
        ("surveys.manage_survey", "draft", [False, False, False, False, True]),
        ("surveys.manage_survey", "open", [False, False, False, False, True]),
        ("surveys.view_results", "closed", [False, False, False, False, True]),
        # A published survey's page: anyone signed in (the page says whether they were invited).
        ("surveys.view_survey", "open", [False, True, True, True, True]),
        ("surveys.view_survey", "closed", [False, True, True, True, True]),
        # A draft is nobody's to see there, staff included (they have the hub).
        ("surveys.view_survey", "draft", [False, False, False, False, False]),
    ],
)
def test_permissions_on_a_survey(request, perm, status, expected):
    survey = SurveyFactory(status=status)
    assert [_user(request, role).has_perm(perm, survey) for role in ROLES] == expected


def test_no_survey_is_no_survey_page(request):
    assert not request.getfixturevalue("teacher").has_perm("surveys.view_survey", None)
