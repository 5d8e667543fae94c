"""schools.* permissions for every role, against a school and another one."""

import pytest
from django.contrib.auth.models import AnonymousUser

from ..factories import SchoolFactory, TeacherProfileFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "teacher", "unverified_teacher", "other_teacher", "judge", "staff"]


@pytest.fixture
def person(request):
    if request.param == "anonymous":
        return AnonymousUser()
    return request.getfixturevalue(request.param)


@pytest.mark.parametrize("person", ROLES, indirect=True)
def test_edit_school_is_for_its_verified_teachers_and_staff(person, request, teacher):
    role = request.node.callspec.params["person"]
    own_school = teacher.teacher_profile.school

    assert person.has_perm("schools.edit_school", own_school) is (role in {"teacher", "staff"})
    assert person.has_perm("schools.edit_school", SchoolFactory()) is (role == "staff")


def test_an_unverified_teacher_cannot_edit_the_school_they_named(db):
    profile = TeacherProfileFactory(pending=True)

    assert not profile.user.has_perm("schools.edit_school", profile.school)


@pytest.mark.parametrize("person", ROLES, indirect=True)
@pytest.mark.parametrize("permission", ["schools.verify_school", "schools.merge_school"])
def test_only_staff_verify_and_merge_schools(person, permission, request):
    role = request.node.callspec.params["person"]

    assert person.has_perm(permission, SchoolFactory(proposed=True)) is (role == "staff")
