"""Every conference permission (conferences/rules.py) against every role: visitor, teacher,
other teacher, judge, staff. The objects are the teacher's: their attended application to a
published edition (so they are a participant there), and a draft edition."""

import pytest
from django.contrib.auth.models import AnonymousUser

from conferences.models import Application, Edition

from ..factories import EditionFactory

ROLES = ["anonymous", "teacher", "other_teacher", "unverified_teacher", "judge", "staff"]
EVERYONE = set(ROLES)
STAFF = {"staff"}


@pytest.fixture
def person(request, db):
    role = request.param
    return AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)


@pytest.fixture
def objects(teacher):
    edition = EditionFactory(number=17, status=Edition.Status.CLOSED)
    profile = teacher.teacher_profile
    application = Application.objects.create(
        edition=edition,
        teacher=profile,
        school=profile.school,
        motivation="Hello",
        status=Application.Status.ATTENDED,
    )
    chosen_by_pk = Application.objects.get(pk=application.pk)
    chosen_by_pk.chosen_by_pk = True  # as the certificate view marks ?application=<pk>
    return {
        "edition": edition,
        "draft": EditionFactory(number=18, status=Edition.Status.DRAFT),
        "application": application,
        "chosen_by_pk": chosen_by_pk,
        None: None,
    }


# (permission, the object it is checked on): the roles that hold it.
EXPECTED = {
    ("conferences.see_edition", "edition"): EVERYONE,
    ("conferences.see_edition", "draft"): STAFF,
    ("conferences.apply_to_edition", "edition"): {"teacher", "other_teacher"},
    ("conferences.withdraw_application", "application"): {"teacher"},
    ("conferences.choose_workshops", "edition"): {"teacher"},
    ("conferences.choose_workshops", "draft"): set(),
    ("conferences.view_own_programme", "edition"): {"teacher"},
    ("conferences.download_certificate", "application"): {"teacher", "staff"},
    ("conferences.download_certificate", "chosen_by_pk"): STAFF,
    ("conferences.manage_editions", None): STAFF,
    ("conferences.manage_edition", "edition"): STAFF,
    ("conferences.manage_edition", "draft"): STAFF,
    ("conferences.select_participants", "edition"): STAFF,
    ("conferences.manage_participants", "edition"): STAFF,
}


@pytest.mark.parametrize("person", ROLES, indirect=True)
@pytest.mark.parametrize(("permission", "target"), sorted(EXPECTED, key=str))
def test_permission_for_each_role(person, permission, target, objects, request):
    role = request.node.callspec.params["person"]

    assert person.has_perm(permission, objects[target]) is (role in EXPECTED[permission, target])


def test_a_participant_found_by_the_pages_selector_is_not_looked_up_again(
    teacher, objects, django_assert_num_queries
):
    edition = objects["edition"]
    edition.participant_application = None  # the selector found none

    with django_assert_num_queries(0):
        assert teacher.has_perm("conferences.choose_workshops", edition) is False
