"""Every role predicate against every role."""

import pytest
from django.contrib.auth.models import AnonymousUser

from teachers import rules as teacher_rules

from ..factories import StaffFactory

ROLES = ["anonymous", "teacher", "unverified_teacher", "judge", "staff", "superuser"]


@pytest.fixture
def person(request, db):
    role = request.param
    if role == "anonymous":
        return AnonymousUser()
    if role == "superuser":
        return StaffFactory(is_superuser=True)
    return request.getfixturevalue(role)


EXPECTED = {
    "teachers.view_dashboard": {"teacher", "unverified_teacher", "judge", "staff", "superuser"},
    "teachers.access_staff_area": {"staff", "superuser"},
    "teachers.access_judging": {"judge", "superuser"},
    "teachers.act_as_teacher": {"teacher", "superuser"},
    "teachers.view_directory": {"teacher", "staff", "superuser"},
    "teachers.verify_teacher": {"staff", "superuser"},
}
# A superuser (the technical administrator) holds every permission, as everywhere in Django.


@pytest.mark.parametrize("person", ROLES, indirect=True)
@pytest.mark.parametrize("permission", sorted(EXPECTED))
def test_permission_for_each_role(person, permission, request):
    role = request.node.callspec.params["person"]

    assert person.has_perm(permission) is (role in EXPECTED[permission])


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", False), ("teacher", True), ("unverified_teacher", True), ("judge", False)],
)
def test_is_teacher(request, db, role, expected):
    user = AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)

    assert teacher_rules.is_teacher(user) is expected


@pytest.mark.parametrize("person", ROLES, indirect=True)
def test_own_profile_and_contact_details(person, request, other_teacher):
    role = request.node.callspec.params["person"]
    own = getattr(person, "teacher_profile", None) if role != "anonymous" else None
    others = other_teacher.teacher_profile
    may_see_others = role in {"staff", "superuser"}

    for permission in ("teachers.edit_profile", "teachers.view_contact_details"):
        assert person.has_perm(permission, others) is may_see_others
        if own is not None:
            assert person.has_perm(permission, own) is True


# The permissions of the pages and the staff area, for every role, the other teacher too.
ALL_ROLES = [*ROLES, "other_teacher"]
SIGNED_IN = {"teacher", "other_teacher", "unverified_teacher", "judge", "staff", "superuser"}
WITHOUT_OBJECT = {
    "teachers.view_dashboard": SIGNED_IN,
    "teachers.export_own_data": SIGNED_IN,
    "teachers.delete_own_account": SIGNED_IN,
    "teachers.access_staff_area": {"staff", "superuser"},
    "teachers.access_judging": {"judge", "superuser"},
    "teachers.act_as_teacher": {"teacher", "other_teacher", "superuser"},
    "teachers.view_directory": {"teacher", "other_teacher", "staff", "superuser"},
    "teachers.verify_teacher": {"staff", "superuser"},
    "teachers.edit_any_profile": {"staff", "superuser"},
    # The /me/ profile pages ask it on the person's own profile: none for staff and judges.
    "teachers.edit_own_profile": {"superuser"},
}
# On the profile of the `teacher` fixture: the teacher themself, the other teacher, ...
ON_A_TEACHERS_PROFILE = {
    "teachers.edit_own_profile": {"teacher", "superuser"},
    "teachers.edit_profile": {"teacher", "staff", "superuser"},
    "teachers.view_contact_details": {"teacher", "staff", "superuser"},
}


@pytest.fixture
def anyone(request, db):
    role = request.param
    if role == "anonymous":
        return AnonymousUser()
    if role == "superuser":
        return StaffFactory(is_superuser=True)
    return request.getfixturevalue(role)


@pytest.mark.parametrize("anyone", ALL_ROLES, indirect=True)
@pytest.mark.parametrize("permission", sorted(WITHOUT_OBJECT))
def test_each_permission_without_an_object_for_each_role(anyone, permission, request):
    role = request.node.callspec.params["anyone"]

    assert anyone.has_perm(permission) is (role in WITHOUT_OBJECT[permission])


@pytest.mark.parametrize("anyone", ALL_ROLES, indirect=True)
@pytest.mark.parametrize("permission", sorted(ON_A_TEACHERS_PROFILE))
def test_each_permission_on_a_teachers_profile_for_each_role(anyone, permission, request, teacher):
    role = request.node.callspec.params["anyone"]

    assert anyone.has_perm(permission, teacher.teacher_profile) is (
        role in ON_A_TEACHERS_PROFILE[permission]
    )
