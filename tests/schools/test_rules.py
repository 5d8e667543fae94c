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


# Every permission of schools for every role, as one table: (permission, on which school, the
# roles that hold it). "teachers_school" is the school of the `teacher` fixture; the other
# teacher is verified at another school.
TABLE = [
    ("schools.edit_school", "teachers_school", {"teacher", "staff"}),
    ("schools.edit_school", "another_school", {"staff"}),
    ("schools.edit_school", "proposed_school", {"staff"}),
    ("schools.move_school", "teachers_school", {"staff"}),
    ("schools.move_school", "another_school", {"staff"}),
    ("schools.verify_school", "proposed_school", {"staff"}),
    ("schools.merge_school", "proposed_school", {"staff"}),
]


@pytest.mark.parametrize("person", ROLES, indirect=True)
@pytest.mark.parametrize(("permission", "on", "holders"), TABLE)
def test_each_schools_permission_for_each_role(person, permission, on, holders, request, teacher):
    role = request.node.callspec.params["person"]
    school = {
        "teachers_school": lambda: teacher.teacher_profile.school,
        "another_school": SchoolFactory,
        "proposed_school": lambda: SchoolFactory(proposed=True),
    }[on]()

    assert person.has_perm(permission, school) is (role in holders)
