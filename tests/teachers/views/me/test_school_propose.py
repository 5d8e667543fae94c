"""A teacher proposing their school (teachers/views/me.py: school_propose)."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from schools.models import Country, Language, School
from teachers.models import TeacherProfile

from ....factories import (
    CountryFactory,
    SchoolFactory,
    TeacherProfileFactory,
)
from ._helpers import image_upload, login, messages_of, text

pytestmark = pytest.mark.django_db


# --- proposing a school -----------------------------------------------------------------------


def school_data(**overrides) -> dict:
    data = {
        "name": "Espoo Lyceum",
        "city": "Espoo",
        "kind": "high",
        "website": "https://lyceum.example",
        "student_count": "500-999",
        "languages": [Language.objects.get(code="fi").pk],
        "description": "A school by the sea.",
    }
    return data | overrides


def test_propose_page_shows_the_country_from_the_account(client, unverified_teacher):
    login(client, unverified_teacher)

    response = client.get(reverse("teachers:school_propose"))

    body = text(response)
    assert "Finland</strong>" in body
    assert "from your account" in body
    assert 'name="country"' not in body
    assert "Proposing another one makes it your school" not in body


def test_teacher_proposes_their_school(client):
    profile = TeacherProfileFactory(pending=True, school=None)
    login(client, profile.user)

    response = client.post(
        reverse("teachers:school_propose"),
        school_data(logo=image_upload("logo.png", image_format="PNG")),
        follow=True,
    )

    assert response.redirect_chain == [(reverse("teachers:dashboard"), 302)]
    school = School.objects.get(name="Espoo Lyceum")
    assert messages_of(response) == [
        "Thank you: Espoo Lyceum, Espoo is proposed and named as your school. ClassNet staff "
        "will check it and your affiliation; you will get an e-mail."
    ]
    assert (school.country.code, school.status, school.proposed_by) == (
        "FI",
        "proposed",
        profile.user,
    )
    assert (school.website, school.student_count) == ("https://lyceum.example", "500-999")
    assert [lang.code for lang in school.languages.all()] == ["fi"]
    assert default_storage.exists(school.logo_thumbnail.name)
    profile.refresh_from_db()
    assert profile.school == school


def test_verified_teacher_proposing_is_warned_and_verified_again(client, teacher):
    login(client, teacher)

    page = text(client.get(reverse("teachers:school_propose")))
    assert "Proposing another one makes it your school, and staff verify you again" in page

    client.post(reverse("teachers:school_propose"), school_data())

    profile = TeacherProfile.objects.get(user=teacher)
    assert (profile.school.name, profile.verification) == ("Espoo Lyceum", "pending")


BAD_SCHOOLS = [
    ({"website": "ftp://lyceum.example"}, "website", "starts with https:// or http://"),
    ({"website": "javascript:alert(1)"}, "website", "starts with https:// or http://"),
    ({"website": "https://not a site"}, "website", "Enter the school's web address"),
    ({"name": ""}, "name", "This field is required."),
    ({"kind": "university"}, "kind", "Select a valid choice."),
    (
        {"logo": lambda: SimpleUploadedFile("logo.jpg", b"<svg></svg>" * 30)},
        "logo",
        "This file is not an image we can read.",
    ),
    (
        {"logo": lambda: image_upload("logo.png", (20, 4001), "PNG")},
        "logo",
        "the limit is 4000 on each side",
    ),
]


@pytest.mark.parametrize(("overrides", "field", "message"), BAD_SCHOOLS)
def test_bad_school_proposal_is_refused_on_the_field(client, overrides, field, message):
    profile = TeacherProfileFactory(pending=True, school=None)
    login(client, profile.user)
    overrides = {k: v() if callable(v) else v for k, v in overrides.items()}

    response = client.post(
        reverse("teachers:school_propose"), school_data(description="Typed.") | overrides
    )

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert message in text(response)
    assert "Typed." in text(response)
    assert School.objects.filter(proposed_by=profile.user).count() == 0


def test_proposing_a_listed_school_links_back_to_choose_it(client, unverified_teacher):
    SchoolFactory(name="Espoo Lyceum", city="Espoo")
    login(client, unverified_teacher)

    response = client.post(reverse("teachers:school_propose"), school_data(name="espoo LYCEUM"))

    assert response.context["form"].non_field_errors() == [
        "Espoo Lyceum, Espoo is already listed. Pick it from the list instead."
    ]
    body = text(response)
    assert f'href="{reverse("teachers:school_choose")}?q=espoo%20LYCEUM"' in body
    assert School.objects.filter(name__iexact="espoo lyceum").count() == 1


def test_teacher_without_a_country_chooses_a_partner_country(client):
    profile = TeacherProfileFactory(pending=True, school=None, user__country=None)
    login(client, profile.user)
    assert 'name="country"' in text(client.get(reverse("teachers:school_propose")))

    unknown = client.post(reverse("teachers:school_propose"), school_data(country=999999))
    assert unknown.context["form"].errors["country"] == [
        "That country is not one of the ASEM partner countries."
    ]
    assert not School.objects.filter(name="Espoo Lyceum").exists()

    client.post(
        reverse("teachers:school_propose"),
        school_data(country=Country.objects.get(code="EE").pk, city="Tallinn"),
    )
    profile.refresh_from_db()
    assert (profile.school.name, profile.school.country.code) == ("Espoo Lyceum", "EE")


def test_country_field_is_ignored_for_a_teacher_with_a_country(client, unverified_teacher):
    login(client, unverified_teacher)

    client.post(
        reverse("teachers:school_propose"),
        school_data(country=CountryFactory(code="JP").pk),
    )

    assert School.objects.get(name="Espoo Lyceum").country.code == "FI"
