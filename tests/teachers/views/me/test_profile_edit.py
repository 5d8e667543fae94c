"""A teacher editing their profile (teachers/views/me.py: profile_edit)."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from schools.models import Language
from teachers.models import Subject, TeacherProfile, User
from teachers.services import teacher_data_export, teacher_erase

from ....factories import TeacherProfileFactory
from ._helpers import image_upload, login, messages_of, text

pytestmark = pytest.mark.django_db


# --- profile ----------------------------------------------------------------------------------


def profile_data(profile: TeacherProfile, **overrides) -> dict:
    data = {
        "full_name": profile.user.full_name,
        "subjects": [s.pk for s in profile.subjects.all()],
        "languages": [language.pk for language in profile.languages.all()],
        "student_age_min": profile.student_age_min or "",
        "student_age_max": profile.student_age_max or "",
        "bio": profile.bio,
    }
    return data | overrides


def test_profile_form_shows_what_is_saved(client):
    physics = Subject.objects.get(name="Physics")
    profile = TeacherProfileFactory(user__full_name="Aino Virtanen", subjects=[physics])
    login(client, profile.user)

    response = client.get(reverse("teachers:profile_edit"))

    body = text(response)
    assert 'value="Aino Virtanen"' in body
    assert f'name="subjects" value="{physics.pk}"  id="id_subjects_' in body
    assert response.context["form"].initial["subjects"] == [physics.pk]
    assert 'value="14"' in body
    assert "No photo" in body
    assert "remove_photo" not in body


@pytest.mark.parametrize("role", ["teacher", "unverified_teacher"])
def test_teacher_saves_their_profile(client, request, role):
    user = login(client, request.getfixturevalue(role))
    profile = user.teacher_profile
    physics, arts = Subject.objects.get(name="Physics"), Subject.objects.get(name="Arts")
    finnish = Language.objects.get(code="fi")

    response = client.post(
        reverse("teachers:profile_edit"),
        {
            "full_name": "Aino Virtanen",
            "subjects": [physics.pk, arts.pk],
            "languages": [finnish.pk],
            "student_age_min": "12",
            "student_age_max": "15",
            "bio": "Robots and rivers.",
            "photo": image_upload(),
        },
        follow=True,
    )

    assert response.redirect_chain == [(reverse("teachers:dashboard"), 302)]
    assert messages_of(response) == ["Your profile is saved."]
    profile = TeacherProfile.objects.get(pk=profile.pk)
    assert profile.user.full_name == "Aino Virtanen"
    assert list(profile.subjects.order_by("name")) == [arts, physics]
    assert list(profile.languages.all()) == [finnish]
    assert (profile.student_age_min, profile.student_age_max, profile.bio) == (
        12,
        15,
        "Robots and rivers.",
    )
    assert profile.photo_thumbnail.storage.exists(profile.photo_thumbnail.name)  # private
    assert profile.verification == user.teacher_profile.verification  # unchanged


def test_profile_shows_the_photo_and_removes_it(client, teacher):
    login(client, teacher)
    profile = teacher.teacher_profile
    client.post(reverse("teachers:profile_edit"), profile_data(profile, photo=image_upload()))
    profile.refresh_from_db()
    thumbnail = profile.photo_thumbnail

    body = text(client.get(reverse("teachers:profile_edit")))
    assert f'src="{profile.photo_thumbnail_url}"' in body  # the view: the file is private
    assert client.get(profile.photo_thumbnail_url).status_code == 200
    assert 'name="remove_photo"' in body

    client.post(reverse("teachers:profile_edit"), profile_data(profile, remove_photo="on"))

    profile.refresh_from_db()
    assert (profile.photo.name, thumbnail.storage.exists(thumbnail.name)) == ("", False)


def test_rejected_teacher_saving_the_profile_goes_back_to_staff(client):
    profile = TeacherProfileFactory(rejected=True)
    login(client, profile.user)

    response = client.post(
        reverse("teachers:profile_edit"), profile_data(profile, bio="I teach here."), follow=True
    )

    assert messages_of(response) == [
        "Your profile is saved and back with ClassNet staff, who will look at it again."
    ]
    profile.refresh_from_db()
    assert profile.verification == TeacherProfile.Verification.PENDING


def noise_png(side: int) -> SimpleUploadedFile:
    image = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return SimpleUploadedFile("big.png", buffer.getvalue(), content_type="image/png")


BAD_PROFILES = [
    ({"student_age_min": "9"}, "student_age_min", "Students' ages go from 10 to 21."),
    ({"student_age_max": "22"}, "student_age_max", "Students' ages go from 10 to 21."),
    (
        {"student_age_min": "17", "student_age_max": "12"},
        "student_age_max",
        "The oldest students cannot be younger than the youngest (17).",
    ),
    (
        {"student_age_min": "12", "student_age_max": ""},
        "student_age_max",
        "Give both ages, or neither.",
    ),
    ({"bio": "x" * 1001}, "bio", "Ensure this value has at most 1000 characters"),
    ({"full_name": ""}, "full_name", "This field is required."),
    (
        {"photo": lambda: SimpleUploadedFile("me.jpg", b"Dear colleagues " * 50)},
        "photo",
        "This file is not an image we can read.",
    ),
    ({"photo": lambda: noise_png(1400)}, "photo", "the limit is 5 MB"),
    (
        {"photo": lambda: image_upload("wide.png", (4001, 20), "PNG")},
        "photo",
        "The image is 4001 × 20 pixels; the limit is 4000 on each side.",
    ),
    (
        {"subjects": ["999999"]},
        "subjects",
        "Select a valid choice. 999999 is not one of the available choices.",
    ),
]


@pytest.mark.parametrize(("overrides", "field", "message"), BAD_PROFILES)
def test_bad_profile_input_is_refused_on_the_field_and_nothing_is_saved(
    client, overrides, field, message
):
    profile = TeacherProfileFactory(user__full_name="Aino Virtanen")
    login(client, profile.user)
    overrides = {k: v() if callable(v) else v for k, v in overrides.items()}
    # What else was typed must come back on the page.
    data = profile_data(profile, bio="Typed, not saved yet.") | overrides

    response = client.post(reverse("teachers:profile_edit"), data)

    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors[field])
    assert message in errors
    body = text(response)
    assert message in body
    assert "Nothing has been saved yet." in body
    if "bio" not in overrides:
        assert "Typed, not saved yet." in body
    profile = TeacherProfile.objects.get(pk=profile.pk)
    assert (profile.user.full_name, profile.bio, profile.photo.name) == ("Aino Virtanen", "", "")
    assert (profile.student_age_min, profile.student_age_max) == (14, 18)


def test_a_refused_photo_asks_to_choose_it_again(client, teacher):
    login(client, teacher)

    response = client.post(
        reverse("teachers:profile_edit"),
        profile_data(teacher.teacher_profile, photo=image_upload(), student_age_min="30"),
    )

    assert "choose your photo again before saving" in text(response)


def test_a_teacher_edits_only_their_own_profile(client, teacher, other_teacher):
    login(client, teacher)
    others = other_teacher.teacher_profile
    name = other_teacher.full_name

    # There is no profile id to tamper with: whatever is posted lands on one's own profile.
    client.post(
        f"{reverse('teachers:profile_edit')}?pk={others.pk}",
        profile_data(teacher.teacher_profile, full_name="Changed", pk=others.pk),
    )

    other_teacher.refresh_from_db()
    teacher.refresh_from_db()
    assert (other_teacher.full_name, teacher.full_name) == (name, "Changed")


def test_the_latin_letters_of_a_name_are_saved_shown_exported_and_erased(client):
    profile = TeacherProfileFactory(user__full_name="田中さくら")
    login(client, profile.user)

    client.post(
        reverse("teachers:profile_edit"),
        profile_data(profile, full_name="田中さくら", name_latin="  Tanaka Sakura "),
    )

    user = User.objects.get(pk=profile.user_id)
    assert (user.full_name, user.name_latin) == ("田中さくら", "Tanaka Sakura")
    assert user.display_name == "田中さくら (Tanaka Sakura)"
    page = text(client.get(reverse("teachers:detail", args=[profile.pk])))
    assert "田中さくら" in page
    assert "(Tanaka Sakura)" in page
    assert teacher_data_export(user=user)["account"]["name_latin"] == "Tanaka Sakura"
    teacher_erase(user=user)
    user.refresh_from_db()
    assert user.name_latin == ""
