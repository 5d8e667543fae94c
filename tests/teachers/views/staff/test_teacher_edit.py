"""Staff editing a teacher's profile (teachers/views/staff.py: teacher_edit)."""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from teachers.models import TeacherProfile

from ....factories import (
    LanguageFactory,
    SubjectFactory,
    TeacherProfileFactory,
)
from ._helpers import entries_for, messages_of

pytestmark = pytest.mark.django_db


# --- Edit --------------------------------------------------------------------------------------


def png(size=(40, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, format="PNG")
    return SimpleUploadedFile("me.png", buffer.getvalue(), content_type="image/png")


def profile_data(**overrides) -> dict:
    data = {
        "full_name": "Maria Santos-Reyes",
        "subjects": [SubjectFactory(name="Chemistry").pk],
        "languages": [LanguageFactory(code="fi").pk, LanguageFactory(code="en").pk],
        "student_age_min": "13",
        "student_age_max": "17",
        "bio": "I teach chemistry.",
    }
    return data | overrides


def test_edit_form_shows_the_current_profile(client, staff, waiting):
    client.force_login(staff)

    response = client.get(reverse("staff:teacher_edit", args=[waiting.pk]))

    form = response.context["form"]
    assert form["full_name"].value() == "Maria Santos"
    assert form["subjects"].value() == [SubjectFactory(name="Biology").pk]
    assert "remove_photo" not in form.fields


def test_staff_edit_saves_the_profile_and_records_who_did_it(
    client, staff, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    profile = TeacherProfileFactory(rejected=True, user__full_name="Maria Santos")
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("staff:teacher_edit", args=[profile.pk]), profile_data(photo=png())
        )

    assert response.status_code == 302
    assert response.url == reverse("staff:teacher_review", args=[profile.pk])
    assert messages_of(response) == ["The profile of Maria Santos-Reyes is saved."]
    profile.refresh_from_db()
    assert profile.user.full_name == "Maria Santos-Reyes"
    assert [s.name for s in profile.subjects.all()] == ["Chemistry"]
    assert sorted(lang.code for lang in profile.languages.all()) == ["en", "fi"]
    assert (profile.student_age_min, profile.student_age_max) == (13, 17)
    assert profile.bio == "I teach chemistry."
    assert profile.photo
    assert profile.photo_thumbnail
    # Staff's edit is not the teacher's answer: the rejection stands.
    assert profile.verification == TeacherProfile.Verification.REJECTED
    assert entries_for(profile) == [(staff, "teacher.edited", "")]
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("overrides", "field", "error"),
    [
        ({"full_name": ""}, "full_name", "This field is required."),
        (
            {"student_age_min": "17", "student_age_max": "13"},
            "student_age_max",
            "The oldest students cannot be younger than the youngest (17).",
        ),
        (
            {"photo": SimpleUploadedFile("x.png", b"not an image", content_type="image/png")},
            "photo",
            "This file is not an image we can read. Upload a JPEG, PNG or WebP picture.",
        ),
    ],
)
def test_staff_edit_with_bad_input_shows_the_error_and_saves_nothing(
    client, staff, waiting, overrides, field, error
):
    client.force_login(staff)

    response = client.post(
        reverse("staff:teacher_edit", args=[waiting.pk]), profile_data(**overrides)
    )

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [error]
    waiting.refresh_from_db()
    assert waiting.user.full_name == "Maria Santos"
    assert entries_for(waiting) == []


def test_staff_can_remove_a_photo(client, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    profile = TeacherProfileFactory()
    client.force_login(staff)
    client.post(reverse("staff:teacher_edit", args=[profile.pk]), profile_data(photo=png()))

    response = client.post(
        reverse("staff:teacher_edit", args=[profile.pk]), profile_data(remove_photo="on")
    )

    assert response.status_code == 302
    profile.refresh_from_db()
    assert not profile.photo
