"""A teacher's photo is personal data on a page only signed-in verified teachers and staff see:
it is stored privately and served by teachers:photo after teachers.view_photo, never from
MEDIA_URL; teacher_photos_privatise moves the photos of before."""

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from PIL import Image

from core.files import is_private_name
from teachers.models import TeacherProfile
from teachers.services import teacher_profile_update
from tests.factories import JudgeFactory, StaffFactory, TeacherProfileFactory

pytestmark = pytest.mark.django_db


def _jpeg() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 300), "navy").save(buffer, format="JPEG")
    return SimpleUploadedFile("me.jpg", buffer.getvalue(), content_type="image/jpeg")


def _with_photo(profile: TeacherProfile) -> TeacherProfile:
    teacher_profile_update(
        profile=profile,
        full_name=profile.user.full_name,
        subjects=[],
        languages=[],
        student_age_min=14,
        student_age_max=18,
        bio="",
        photo=_jpeg(),
        by=profile.user,
    )
    profile.refresh_from_db()
    return profile


def _get(user, url):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get(url)


def test_the_photo_is_private_and_served_to_who_may_see_the_page(private_media):
    profile = _with_photo(TeacherProfileFactory())
    assert is_private_name(profile.photo.name)
    assert is_private_name(profile.photo_thumbnail.name)
    assert list((private_media / "media").rglob("*.*")) == []

    for role, user, expected in (
        ("visitor", None, 404),
        ("unverified teacher", TeacherProfileFactory(pending=True).user, 404),
        ("judge", JudgeFactory(), 404),
        ("verified teacher", TeacherProfileFactory().user, 200),
        ("the teacher", profile.user, 200),
        ("staff", StaffFactory(), 200),
    ):
        for url in (profile.photo_url, profile.photo_thumbnail_url):
            response = _get(user, url)
            assert response.status_code == expected, (role, url)
            if expected == 200:
                assert response["Cache-Control"] == "private, no-store"
                assert response["Content-Type"] == "image/jpeg"


def test_an_unverified_teachers_photo_is_for_them_and_staff_only(private_media):
    profile = _with_photo(TeacherProfileFactory(pending=True))
    assert _get(TeacherProfileFactory().user, profile.photo_url).status_code == 404
    assert _get(profile.user, profile.photo_url).status_code == 200
    assert _get(StaffFactory(), profile.photo_url).status_code == 200


def test_no_photo_no_address():
    profile = TeacherProfileFactory()
    assert (profile.photo_url, profile.photo_thumbnail_url) == ("", "")
    assert _get(StaffFactory(), f"/teachers/{profile.pk}/photo/").status_code == 404


def test_teacher_photos_privatise_moves_the_photos_of_before_without_loss(
    private_media, django_capture_on_commit_callbacks
):
    public = private_media / "media" / "teachers" / "photos"
    public.mkdir(parents=True)
    (public / "old.jpg").write_bytes(b"old photo")
    (public / "old-thumb.jpg").write_bytes(b"old thumbnail")
    profile = TeacherProfileFactory(
        photo="teachers/photos/old.jpg", photo_thumbnail="teachers/photos/old-thumb.jpg"
    )
    digests = {hashlib.sha256(p.read_bytes()).hexdigest() for p in public.iterdir()}

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("teacher_photos_privatise", stdout=out)

    profile.refresh_from_db()
    assert out.getvalue() == "2 files moved.\n"
    assert is_private_name(profile.photo.name)
    assert is_private_name(profile.photo_thumbnail.name)
    assert list(public.iterdir()) == []
    moved = [p for p in (private_media / "private").rglob("*") if p.is_file()]
    assert {hashlib.sha256(p.read_bytes()).hexdigest() for p in moved} == digests
    out = io.StringIO()
    call_command("teacher_photos_privatise", stdout=out)
    assert out.getvalue() == "0 files moved.\n"
