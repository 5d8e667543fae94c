"""Partner finding: the teacher directory and teacher pages, per role."""

import pytest
from django.urls import reverse

from schools.models import Country
from tests.factories import (
    CountryFactory,
    LanguageFactory,
    SchoolFactory,
    SubjectFactory,
    TeacherProfileFactory,
)

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("teachers:directory")


def _names(response) -> list[str]:
    return [profile.user.full_name for profile in response.context["page_obj"]]


# --- Who may see it --------------------------------------------------------------------------


def test_directory_sends_visitors_to_sign_in(client):
    response = client.get(DIRECTORY)

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={DIRECTORY}"


def test_teacher_page_sends_visitors_to_sign_in(client):
    profile = TeacherProfileFactory()

    response = client.get(profile.get_absolute_url())

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={profile.get_absolute_url()}"


@pytest.mark.parametrize(
    ("role", "explained", "next_step"),
    [
        (
            "unverified_teacher",
            "ClassNet staff are verifying that you teach at",
            "Go to My ClassNet",
        ),
        ("judge", "Your account is not a teacher account", "Browse the schools"),
    ],
)
def test_directory_explains_why_it_is_closed_to_unverified_teachers_and_judges(
    client, request, role, explained, next_step
):
    hidden = TeacherProfileFactory(user__full_name="Hidden Colleague")
    client.force_login(request.getfixturevalue(role))

    response = client.get(DIRECTORY)

    assert response.status_code == 403
    body = response.content.decode()
    assert "The teacher directory is for verified teachers" in body
    assert explained in body
    assert next_step in body
    assert "Hidden Colleague" not in body
    assert hidden.user.email not in body


def test_directory_asks_a_teacher_without_a_school_to_choose_one(client):
    profile = TeacherProfileFactory(pending=True, school=None)
    client.force_login(profile.user)

    response = client.get(DIRECTORY)

    assert response.status_code == 403
    assert f'href="{reverse("teachers:school_choose")}"' in response.content.decode()


def test_directory_tells_a_rejected_teacher_staff_could_not_verify_them(client):
    profile = TeacherProfileFactory(rejected=True)
    client.force_login(profile.user)

    response = client.get(DIRECTORY)

    assert response.status_code == 403
    assert "could not verify your school affiliation" in response.content.decode()


@pytest.mark.parametrize("role", ["unverified_teacher", "judge"])
def test_teacher_page_is_closed_to_unverified_teachers_and_judges(client, request, role):
    profile = TeacherProfileFactory(user__full_name="Hidden Colleague", bio="Secret bio")
    client.force_login(request.getfixturevalue(role))

    response = client.get(profile.get_absolute_url())

    assert response.status_code == 403
    body = response.content.decode()
    assert "The teacher directory is for verified teachers" in body
    assert "Hidden Colleague" not in body
    assert "Secret bio" not in body


@pytest.mark.parametrize("role", ["teacher", "other_teacher", "staff"])
def test_directory_lists_verified_active_teachers_for_teachers_and_staff(client, request, role):
    user = request.getfixturevalue(role)
    shown = TeacherProfileFactory(user__full_name="Aino Virtanen")
    TeacherProfileFactory(pending=True, user__full_name="Pending Person")
    TeacherProfileFactory(rejected=True, user__full_name="Rejected Person")
    TeacherProfileFactory(user__is_active=False, user__full_name="Erased Person")
    client.force_login(user)

    response = client.get(DIRECTORY + "?q=person")
    everyone = client.get(DIRECTORY)

    assert response.status_code == 200
    assert _names(response) == []
    assert shown in everyone.context["page_obj"]
    body = everyone.content.decode()
    assert "Aino Virtanen" in body
    for hidden in ["Pending Person", "Rejected Person", "Erased Person"]:
        assert hidden not in body


@pytest.mark.parametrize("role", ["teacher", "staff"])
def test_directory_never_shows_email_addresses(client, request, role):
    TeacherProfileFactory(user__email="aino@school.example")
    client.force_login(request.getfixturevalue(role))

    body = client.get(DIRECTORY).content.decode()

    assert "aino@school.example" not in body
    assert "mailto:" not in body


def test_directory_row_shows_name_photo_school_country_subjects_languages_and_ages(client, teacher):
    profile = TeacherProfileFactory(
        user__full_name="Kenji Watanabe",
        user__country=CountryFactory(code="JP"),
        school__name="Osaka Gakuen",
        subjects=[SubjectFactory(name="Biology"), SubjectFactory(name="Physics")],
        languages=[LanguageFactory(code="ja"), LanguageFactory(code="en")],
        student_age_min=12,
        student_age_max=15,
        photo="private/teachers/photos/kenji.jpg",
        photo_thumbnail="private/teachers/photos/kenji-thumb.jpg",
    )
    client.force_login(teacher)

    body = client.get(DIRECTORY + "?q=kenji").content.decode()

    assert f'href="{profile.get_absolute_url()}"' in body
    assert "Kenji Watanabe" in body
    assert f'src="{profile.photo_thumbnail_url}"' in body  # the permission-checked view
    assert "Osaka Gakuen" in body
    assert profile.school.country.flag_url in body
    assert "Japan" in body
    assert "Biology, Physics" in body
    assert "English, Japanese" in body
    assert "Students 12–15" in body


# --- Filters ---------------------------------------------------------------------------------


@pytest.fixture
def network(db):
    """Three teachers to filter: Japan (Asia), Finland and France (Europe)."""
    japan, france = CountryFactory(code="JP"), Country.objects.get(code="FR")
    biology, history = SubjectFactory(name="Biology"), SubjectFactory(name="History")
    english, french = LanguageFactory(code="en"), LanguageFactory(code="fr")
    TeacherProfileFactory(
        user__full_name="Kenji Watanabe",
        user__country=japan,
        school__name="Osaka Gakuen",
        subjects=[biology],
        languages=[english],
        student_age_min=12,
        student_age_max=15,
    )
    TeacherProfileFactory(
        user__full_name="Aino Virtanen",
        school__name="Helsinki Lyceum",
        subjects=[history],
        languages=[english],
        student_age_min=15,
        student_age_max=19,
    )
    TeacherProfileFactory(
        user__full_name="Marie Dubois",
        user__country=france,
        school__name="Lycée Molière",
        subjects=[biology, history],
        languages=[french],
        student_age_min=16,
        student_age_max=18,
    )
    return {"japan": japan, "biology": biology, "french": french}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Aino Virtanen", "Kenji Watanabe", "Marie Dubois"]),
        ("q=watanabe", ["Kenji Watanabe"]),
        ("q=lyc", ["Aino Virtanen", "Marie Dubois"]),  # by school name
        ("region=asia", ["Kenji Watanabe"]),
        ("region=europe", ["Aino Virtanen", "Marie Dubois"]),
        ("country={japan}", ["Kenji Watanabe"]),
        ("subject={biology}", ["Kenji Watanabe", "Marie Dubois"]),
        ("language={french}", ["Marie Dubois"]),
        ("age=15", ["Aino Virtanen", "Kenji Watanabe"]),
        ("age=18", ["Aino Virtanen", "Marie Dubois"]),
        ("age=20", []),
        ("region=europe&subject={biology}&age=17", ["Marie Dubois"]),
    ],
)
def test_directory_filters_by_region_country_subject_language_age_and_search(
    client, network, staff, query, expected
):
    client.force_login(staff)
    query = query.format(**{name: obj.pk for name, obj in network.items()})

    response = client.get(f"{DIRECTORY}?{query}")

    assert _names(response) == expected


@pytest.mark.parametrize(
    ("query", "field", "shown"),
    [
        ("age=25", "age", "Give an age from 10 to 21, in whole years."),
        ("age=9", "age", "Give an age from 10 to 21, in whole years."),
        ("age=fifteen", "age", "Give an age from 10 to 21, in whole years."),
        ("country=99999", "country", "That country is not one of the ASEM partner countries."),
        ("subject=99999", "subject", "That subject is not in our list."),
        ("language=x", "language", "That language is not in our list."),
    ],
)
def test_directory_shows_an_error_for_an_invalid_filter_and_still_lists(
    client, network, staff, query, field, shown
):
    client.force_login(staff)

    response = client.get(f"{DIRECTORY}?region=asia&{query}")

    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert _names(response) == ["Kenji Watanabe"]  # the valid region filter still applies
    assert shown in response.content.decode()


def test_directory_paginates_by_25_and_page_links_keep_the_filters(client, staff):
    japan = CountryFactory(code="JP")
    TeacherProfileFactory.create_batch(27, user__country=japan)
    TeacherProfileFactory()
    client.force_login(staff)

    first = client.get(f"{DIRECTORY}?region=asia")
    second = client.get(f"{DIRECTORY}?region=asia&page=2")

    assert len(first.context["page_obj"]) == 25
    assert len(second.context["page_obj"]) == 2
    assert "27 teachers" in first.content.decode()
    assert 'href="?region=asia&amp;page=2"' in first.content.decode()


def test_directory_empty_after_filters_offers_to_clear_them(client, teacher):
    client.force_login(teacher)

    body = client.get(f"{DIRECTORY}?q=nobody-by-this-name").content.decode()

    assert "No teacher matches these filters" in body
    assert f'href="{DIRECTORY}">Clear the filters' in body


def test_directory_marks_the_viewer_themselves(client, teacher):
    client.force_login(teacher)

    body = client.get(DIRECTORY).content.decode()

    assert '<span class="badge text-bg-warning fw-normal">You</span>' in body


def test_directory_answers_get_only(client, teacher):
    client.force_login(teacher)

    assert client.post(DIRECTORY).status_code == 405


@pytest.mark.parametrize("rows", [1, 20])
def test_directory_runs_the_same_queries_for_1_or_20_teachers(
    client, django_assert_num_queries, staff, rows
):
    subjects = [SubjectFactory(name="Biology"), SubjectFactory(name="History")]
    languages = [LanguageFactory(code="en"), LanguageFactory(code="fi")]
    TeacherProfileFactory.create_batch(rows, subjects=subjects, languages=languages)
    client.force_login(staff)

    # session, user, profile and groups (rules), Django's model permissions (user, groups:
    # the menu asks for roles rules deny), count, page, subjects, languages, and the form's
    # countries, subjects and languages
    with django_assert_num_queries(13):
        response = client.get(DIRECTORY)

    assert len(response.context["page_obj"]) == rows


@pytest.mark.parametrize("rows", [1, 20])
def test_directory_for_a_teacher_filtered_runs_the_same_queries_for_1_or_20_teachers(
    client, django_assert_num_queries, teacher, rows
):
    japan, biology, english = CountryFactory(code="JP"), SubjectFactory(), LanguageFactory()
    TeacherProfileFactory.create_batch(
        rows, user__country=japan, subjects=[biology], languages=[english]
    )
    client.force_login(teacher)
    query = (
        f"?q=school&region=asia&country={japan.pk}&subject={biology.pk}"
        f"&language={english.pk}&age=15"
    )

    # the same, plus looking up the country, subject and language chosen
    with django_assert_num_queries(16):
        response = client.get(DIRECTORY + query)

    assert len(response.context["page_obj"]) == rows


# --- Teacher page ----------------------------------------------------------------------------


def test_teacher_page_shows_bio_school_subjects_languages_and_ages(client, teacher):
    profile = TeacherProfileFactory(
        user__full_name="Kenji Watanabe",
        school__name="Osaka Gakuen",
        bio="I teach biology by the sea.",
        subjects=[SubjectFactory(name="Biology")],
        languages=[LanguageFactory(code="ja")],
        student_age_min=12,
        student_age_max=15,
    )
    client.force_login(teacher)

    response = client.get(profile.get_absolute_url())

    assert response.context["profile"] == profile
    body = response.content.decode()
    assert "Kenji Watanabe" in body
    assert "I teach biology by the sea." in body
    assert f'href="{profile.school.get_absolute_url()}"' in body
    assert "Biology" in body
    assert "Japanese" in body
    assert "12 to 15" in body


@pytest.mark.parametrize(
    ("viewer", "email_shown"),
    [("self", True), ("staff", True), ("other_teacher", False)],
)
def test_teacher_page_shows_the_email_only_to_the_person_and_staff(
    client, request, viewer, email_shown
):
    profile = TeacherProfileFactory(user__email="kenji@school.example")
    user = profile.user if viewer == "self" else request.getfixturevalue(viewer)
    client.force_login(user)

    body = client.get(profile.get_absolute_url()).content.decode()

    assert ("kenji@school.example" in body) is email_shown
    assert ("mailto:" in body) is email_shown


def test_teacher_page_of_oneself_links_to_editing_the_profile(client, teacher):
    client.force_login(teacher)

    body = client.get(teacher.teacher_profile.get_absolute_url()).content.decode()

    assert f'href="{reverse("teachers:profile_edit")}"' in body


def test_teacher_page_for_staff_links_to_the_staff_edit(client, staff, teacher):
    profile = teacher.teacher_profile
    client.force_login(staff)

    body = client.get(profile.get_absolute_url()).content.decode()

    assert f'href="{reverse("staff:teacher_edit", args=[profile.pk])}"' in body


def test_teacher_page_of_another_teacher_offers_no_edit_links(client, teacher, other_teacher):
    client.force_login(other_teacher)

    body = client.get(teacher.teacher_profile.get_absolute_url()).content.decode()

    assert "Edit your profile" not in body
    assert reverse("staff:teacher_edit", args=[teacher.teacher_profile.pk]) not in body


@pytest.mark.parametrize(
    "make",
    [
        lambda: TeacherProfileFactory(pending=True),
        lambda: TeacherProfileFactory(rejected=True),
        lambda: TeacherProfileFactory(user__is_active=False),
    ],
    ids=["pending", "rejected", "erased"],
)
@pytest.mark.parametrize("role", ["teacher", "staff"])
def test_teacher_page_of_an_unverified_or_erased_teacher_is_not_found(client, request, make, role):
    profile = make()
    client.force_login(request.getfixturevalue(role))

    assert client.get(profile.get_absolute_url()).status_code == 404


def test_teacher_page_of_an_unknown_teacher_is_not_found(client, teacher):
    client.force_login(teacher)

    assert client.get(reverse("teachers:detail", args=[99999])).status_code == 404


def test_teacher_page_of_a_school_listed_teacher_links_back_to_the_school(client, teacher):
    school = SchoolFactory(name="Osaka Gakuen")
    profile = TeacherProfileFactory(school=school)
    client.force_login(teacher)

    body = client.get(profile.get_absolute_url()).content.decode()

    assert f'<a href="{school.get_absolute_url()}"' in body


@pytest.mark.parametrize("rows", [1, 20])
def test_teacher_page_runs_the_same_queries_whatever_the_subjects_and_languages(
    client, django_assert_num_queries, other_teacher, rows
):
    subjects = [SubjectFactory(name=f"Subject {n}") for n in range(rows)]
    profile = TeacherProfileFactory(subjects=subjects, languages=[LanguageFactory(code="en")])
    client.force_login(other_teacher)

    # session, user, viewer's profile (rules), the teacher with school and country, subjects,
    # languages, then the contact and staff checks: groups and Django's model permissions
    with django_assert_num_queries(9):
        response = client.get(profile.get_absolute_url())

    assert response.context["profile"] == profile
