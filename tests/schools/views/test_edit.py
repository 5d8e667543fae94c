"""Editing a school: its verified teachers and staff may; everyone else gets a 404."""

import io

import pytest
from django.contrib.messages import get_messages
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from core.audit.selectors import audit_entries_for
from schools.models import Country, Language, School
from teachers.models import TeacherProfile

from ...factories import CountryFactory, SchoolFactory, TeacherProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def school(teacher):
    """The verified teacher's own (verified) school."""
    return teacher.teacher_profile.school


def edit_url(school: School) -> str:
    return reverse("schools:edit", args=[school.pk])


def logo(name="logo.png", size=(90, 60)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGBA", size, (11, 79, 108, 255)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def school_data(school: School, **overrides) -> dict:
    data = {
        "name": school.name,
        "city": school.city,
        "kind": school.kind,
        "website": school.website,
        "student_count": school.student_count,
        "languages": [language.pk for language in school.languages.all()],
        "description": school.description,
    }
    return data | overrides


def text(response) -> str:
    return response.content.decode().replace("&#x27;", "'")


def test_visitors_are_sent_to_log_in(client, school):
    response = client.get(edit_url(school))

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={edit_url(school)}"


@pytest.mark.parametrize("role", ["other_teacher", "judge"])
def test_people_outside_the_school_get_404(client, request, role, school):
    client.force_login(request.getfixturevalue(role))
    name = school.name

    assert client.get(edit_url(school)).status_code == 404
    assert client.post(edit_url(school), school_data(school, name="Hacked")).status_code == 404

    school.refresh_from_db()
    assert school.name == name


def test_unverified_teacher_of_the_school_gets_404(client, unverified_teacher):
    school = unverified_teacher.teacher_profile.school
    client.force_login(unverified_teacher)

    assert client.get(edit_url(school)).status_code == 404
    assert client.post(edit_url(school), school_data(school, name="Mine")).status_code == 404


def test_teacher_of_a_proposed_school_they_proposed_gets_404_until_verified(client):
    school = SchoolFactory(proposed=True)
    profile = TeacherProfileFactory(pending=True, school=school, user__country=school.country)
    client.force_login(profile.user)

    assert client.get(edit_url(school)).status_code == 404


def test_a_school_that_does_not_exist_is_404(client, staff):
    client.force_login(staff)

    assert client.get(reverse("schools:edit", args=[999999])).status_code == 404


def test_verified_teacher_sees_the_form_filled_without_the_country(client, teacher, school):
    client.force_login(teacher)

    response = client.get(edit_url(school))

    assert response.status_code == 200
    body = text(response)
    assert f'value="{school.name}"' in body
    assert 'name="country"' not in body
    assert 'name="remove_logo"' not in body  # no logo yet


def test_verified_teacher_edits_their_school(client, teacher, school):
    client.force_login(teacher)
    finnish = Language.objects.get(code="fi")

    response = client.post(
        edit_url(school),
        school_data(
            school,
            name="Kallio Upper Secondary",
            website="www.kallio.example",
            languages=[finnish.pk],
            description="By the sea.",
            logo=logo(),
        ),
        follow=True,
    )

    school.refresh_from_db()
    assert response.redirect_chain == [(school.get_absolute_url(), 302)]
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Kallio Upper Secondary, Helsinki is saved."
    ]
    assert (school.name, school.website, school.description) == (
        "Kallio Upper Secondary",
        "https://www.kallio.example",
        "By the sea.",
    )
    assert list(school.languages.all()) == [finnish]
    assert default_storage.exists(school.logo_thumbnail.name)
    assert [(e.action, e.actor) for e in audit_entries_for(target=school)] == [
        ("school.edited", teacher)
    ]


def test_teacher_cannot_move_the_school_to_another_country(client, teacher, school):
    client.force_login(teacher)

    client.post(edit_url(school), school_data(school, country=CountryFactory(code="JP").pk))

    school.refresh_from_db()
    assert school.country.code == "FI"


def test_logo_is_shown_and_removed(client, teacher, school):
    client.force_login(teacher)
    client.post(edit_url(school), school_data(school, logo=logo()))
    school.refresh_from_db()
    thumbnail = school.logo_thumbnail.name

    body = text(client.get(edit_url(school)))
    assert f'src="{school.logo_thumbnail.url}"' in body

    client.post(edit_url(school), school_data(school, remove_logo="on"))

    school.refresh_from_db()
    assert (school.logo.name, default_storage.exists(thumbnail)) == ("", False)


def test_staff_edit_any_school_and_its_country(client, staff, school):
    client.force_login(staff)
    japan = Country.objects.get(code="JP")

    page = text(client.get(edit_url(school)))
    assert 'name="country"' in page

    response = client.post(edit_url(school), school_data(school, country=japan.pk, city="Osaka"))

    school.refresh_from_db()
    assert response.url == school.get_absolute_url()
    assert (school.country, school.city) == (japan, "Osaka")
    assert [(e.action, e.actor) for e in audit_entries_for(target=school)] == [
        ("school.edited", staff)
    ]


def test_staff_editing_a_proposed_school_go_back_to_the_dashboard(client, staff):
    school = SchoolFactory(proposed=True, name="Liceo Galilei", city="Pisa")
    client.force_login(staff)

    response = client.post(
        edit_url(school), school_data(school, country=school.country_id, description="In Pisa.")
    )

    assert response.url == reverse("teachers:dashboard")
    school.refresh_from_db()
    assert (school.description, school.status) == ("In Pisa.", "proposed")


def test_staff_with_an_unknown_country_get_a_field_error(client, staff, school):
    client.force_login(staff)

    response = client.post(edit_url(school), school_data(school, country=999999))

    assert response.context["form"].errors["country"] == [
        "That country is not one of the ASEM partner countries."
    ]


BAD_EDITS = [
    ({"website": "ftp://kallio.example"}, "website", "starts with https:// or http://"),
    ({"website": "mailto:head@kallio.example"}, "website", "starts with https:// or http://"),
    ({"city": ""}, "city", "This field is required."),
    ({"student_count": "lots"}, "student_count", "Select a valid choice."),
    ({"description": "x" * 2001}, "description", "at most 2000 characters"),
    (
        {"logo": lambda: SimpleUploadedFile("logo.png", b"GIF89a-not-really" * 10)},
        "logo",
        "This file is not an image we can read.",
    ),
    ({"logo": lambda: logo(size=(4001, 4))}, "logo", "the limit is 4000 on each side"),
    (
        {"logo": lambda: logo(), "remove_logo": "on"},
        "remove_logo",
        "Either upload a new logo or remove it, not both.",
    ),
]


@pytest.mark.parametrize(("overrides", "field", "message"), BAD_EDITS)
def test_bad_edits_are_refused_on_the_field(client, teacher, school, overrides, field, message):
    client.force_login(teacher)
    if field == "remove_logo":
        client.post(edit_url(school), school_data(school, logo=logo()))
        school.refresh_from_db()
    before = (school.name, school.city, school.website, school.description, school.logo.name)
    overrides = {k: v() if callable(v) else v for k, v in overrides.items()}

    response = client.post(edit_url(school), school_data(school, name="Typed Name") | overrides)

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert message in text(response)
    assert 'value="Typed Name"' in text(response)
    school.refresh_from_db()
    assert (school.name, school.city, school.website, school.description, school.logo.name) == (
        before
    )


def test_renaming_to_a_listed_school_is_refused_on_the_form(client, teacher, school):
    SchoolFactory(name="Kallio Lyceum", city=school.city, country=school.country)
    client.force_login(teacher)

    response = client.post(edit_url(school), school_data(school, name="kallio lyceum"))

    assert response.context["form"].non_field_errors() == [
        f"Another school called kallio lyceum is already listed in {school.city}."
    ]
    school.refresh_from_db()
    assert school.name != "kallio lyceum"


def test_teacher_who_changed_school_can_no_longer_edit_the_old_one(client, teacher, school):
    TeacherProfile.objects.filter(user=teacher).update(
        school=SchoolFactory(country=school.country), verification="pending"
    )
    client.force_login(teacher)

    assert client.get(edit_url(school)).status_code == 404


def test_the_time_zone_lists_the_countrys_zones_and_is_saved(client, teacher):
    indonesia = CountryFactory(code="ID")
    profile = TeacherProfileFactory(
        user__country=indonesia, school=SchoolFactory(city="Denpasar", country=indonesia)
    )
    school = profile.school
    client.force_login(profile.user)

    page = text(client.get(edit_url(school)))
    assert "Usual: Asia/Jakarta" in page
    assert 'value="Asia/Makassar"' in page
    assert 'value="Europe/Helsinki"' not in page  # only Indonesia's zones, not 599

    response = client.post(edit_url(school), school_data(school, timezone="Asia/Makassar"))
    assert response.status_code == 302
    school.refresh_from_db()
    assert school.timezone_name == "Asia/Makassar"


def test_a_school_in_a_country_of_one_zone_has_nothing_to_choose(client, teacher, school):
    client.force_login(teacher)
    assert 'name="timezone"' not in text(client.get(edit_url(school)))  # Finland: one zone


def test_a_zone_of_another_country_is_refused_and_nothing_changes(client, teacher):
    indonesia = CountryFactory(code="ID")
    profile = TeacherProfileFactory(
        user__country=indonesia, school=SchoolFactory(city="Medan", country=indonesia)
    )
    school = profile.school
    client.force_login(profile.user)

    response = client.post(
        edit_url(school), school_data(school, name="Renamed", timezone="Asia/Tokyo")
    )

    assert response.status_code == 200
    assert "Select a valid choice" in text(response)
    school.refresh_from_db()
    assert (school.name, school.timezone) != ("Renamed", "Asia/Tokyo")
