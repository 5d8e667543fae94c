"""Every gallery permission for every role: visitor, a teacher of the collaboration, another
teacher, a judge, staff; on the albums of a published edition, of a draft edition, of an open
collaboration and of a draft one."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.factories import (
    CollaborationFactory,
    EditionFactory,
    JudgeFactory,
    StaffFactory,
    TeacherProfileFactory,
)

from . import collaboration_album, edition_album

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "teacher", "other_teacher", "judge", "staff"]
ALBUMS = ["edition", "draft_edition", "collaboration", "draft_collaboration"]

# (permission, album) -> the roles that have it
ON_ALBUMS = {
    ("gallery.view_album", "edition"): set(ROLES),
    ("gallery.view_album", "draft_edition"): {"staff"},
    ("gallery.view_album", "collaboration"): set(ROLES),
    ("gallery.view_album", "draft_collaboration"): {"teacher", "staff"},
    ("gallery.add_to_album", "edition"): {"staff"},
    ("gallery.add_to_album", "draft_edition"): {"staff"},
    ("gallery.add_to_album", "collaboration"): {"teacher", "staff"},
    ("gallery.add_to_album", "draft_collaboration"): {"teacher", "staff"},
}
WITHOUT_OBJECT = {
    "gallery.create_album": {"teacher", "staff"},
    "gallery.moderate": {"staff"},
}


def setup():
    """The four albums and one user per role; "teacher" teaches in both collaborations."""
    teacher = TeacherProfileFactory()
    albums = {
        "edition": edition_album(edition=EditionFactory(number=14, status="published")),
        "draft_edition": edition_album(edition=EditionFactory(number=15, status="draft")),
        "collaboration": collaboration_album(CollaborationFactory(lead=teacher, status="open")),
        "draft_collaboration": collaboration_album(
            CollaborationFactory(lead=teacher, status="draft")
        ),
    }
    users = {
        "anonymous": AnonymousUser(),
        "teacher": teacher.user,
        "other_teacher": TeacherProfileFactory().user,
        "judge": JudgeFactory(),
        "staff": StaffFactory(),
    }
    return albums, users


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("permission", "album"), sorted(ON_ALBUMS))
def test_album_permission_for_every_role(role, permission, album):
    albums, users = setup()

    assert users[role].has_perm(permission, albums[album]) is (
        role in ON_ALBUMS[(permission, album)]
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("permission", sorted(WITHOUT_OBJECT))
def test_permission_without_an_object_for_every_role(role, permission):
    _albums, users = setup()

    assert users[role].has_perm(permission) is (role in WITHOUT_OBJECT[permission])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("status", ["open", "draft"])
def test_create_collaboration_album_for_every_role(role, status):
    albums, users = setup()
    collaboration = albums[f"{'draft_' if status == 'draft' else ''}collaboration"].collaboration

    assert users[role].has_perm("gallery.create_collaboration_album", collaboration) is (
        role in {"teacher", "staff"}
    )
