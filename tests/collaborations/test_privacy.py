"""A teacher's collaboration data is in their export; their writing goes with their erasure,
and the membership (a school with so many students) stays for the network's counts."""

import pytest
from django.core.files.base import ContentFile

from collaborations.models import DiaryPhoto, DiaryPost, JoinRequest, Membership
from teachers.services import teacher_data_export, teacher_erase

from ..factories import CollaborationFactory, MembershipFactory, TeacherProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    membership = MembershipFactory(student_count=24)
    post = DiaryPost.objects.create(
        collaboration=membership.collaboration,
        author=membership.teacher,
        school=membership.school,
        text="Our class measured the river today.",
        visibility="public",
    )
    photo = DiaryPhoto(post=post)
    photo.image.save("river.jpg", ContentFile(b"jpeg"), save=False)
    photo.thumbnail.save("river-thumb.jpg", ContentFile(b"jpeg"), save=False)
    photo.save()
    other = CollaborationFactory(title="Haiku and sagas")
    JoinRequest.objects.create(
        collaboration=other,
        teacher=membership.teacher,
        school=membership.school,
        message="We would love to write haiku with you.",
        student_count=18,
    )
    return membership


def test_the_export_holds_memberships_requests_and_posts(member):
    data = teacher_data_export(user=member.teacher.user)["collaborations"]

    assert data["memberships"][0]["students_taking_part"] == 24
    assert data["join_requests"][0]["message"] == "We would love to write haiku with you."
    assert data["diary_posts"][0]["text"] == "Our class measured the river today."
    assert data["diary_posts"][0]["photos"][0].endswith(".jpg")


def test_erasure_removes_posts_photos_and_messages_and_keeps_the_membership(
    member, django_capture_on_commit_callbacks
):
    photo = DiaryPhoto.objects.get()
    storage, name = photo.image.storage, photo.image.name

    with django_capture_on_commit_callbacks(execute=True):
        teacher_erase(user=member.teacher.user)

    assert not DiaryPost.objects.exists()
    assert not storage.exists(name)
    assert JoinRequest.objects.get().message == ""
    assert Membership.objects.get(pk=member.pk).student_count == 24


def test_someone_elses_writing_stays():
    mine, theirs = TeacherProfileFactory(), MembershipFactory()
    DiaryPost.objects.create(
        collaboration=theirs.collaboration,
        author=theirs.teacher,
        school=theirs.school,
        text="Still here",
    )

    teacher_erase(user=mine.user)

    assert DiaryPost.objects.get().text == "Still here"
