"""The public school directory and school pages: who sees what, filters, pages, queries."""

import pytest
from django.urls import resolve, reverse

from schools.models import Country, School, SchoolKind
from tests.factories import (
    CountryFactory,
    LanguageFactory,
    SchoolFactory,
    SubjectFactory,
    TeacherProfileFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "teacher", "unverified_teacher", "other_teacher", "judge", "staff"]


def _sign_in(client, request, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))


def _names(response) -> list[str]:
    return [school.name for school in response.context["page_obj"]]


# --- Directory -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_index_lists_verified_schools_and_never_proposed_ones_for_every_role(client, request, role):
    _sign_in(client, request, role)
    listed = SchoolFactory(name="Alvar Aalto Lyceum")
    SchoolFactory(name="Secret Proposed Academy", proposed=True)

    response = client.get(reverse("schools:index"))

    assert response.status_code == 200
    assert set(response.context["page_obj"]) == set(School.objects.filter(status="verified"))
    assert listed in response.context["page_obj"]
    body = response.content.decode()
    assert "Alvar Aalto Lyceum" in body
    assert "Secret Proposed Academy" not in body


def test_index_card_shows_flag_city_country_kind_languages_and_verified_teachers(client):
    finnish, english = LanguageFactory(code="fi"), LanguageFactory(code="en")
    school = SchoolFactory(
        name="Kallio Upper Secondary",
        city="Tampere",
        kind=SchoolKind.VOCATIONAL,
        languages=[finnish, english],
    )
    TeacherProfileFactory.create_batch(2, school=school)
    TeacherProfileFactory(school=school, pending=True)
    TeacherProfileFactory(school=school, user__is_active=False)

    body = client.get(reverse("schools:index")).content.decode()

    assert "Kallio Upper Secondary" in body
    assert school.get_absolute_url() in body
    assert "Tampere · Vocational school" in body
    assert school.country.flag_url in body
    assert "Finland" in body
    assert ">English</span>" in body
    assert ">Finnish</span>" in body
    assert "2 verified teachers" in body


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ("", "3 schools"),
        ("?q=aalto", "1 school matches your search"),
        ("?kind=secondary", "3 schools match your search"),
    ],
)
def test_index_counts_the_results_in_words(client, query, said):
    SchoolFactory.create_batch(2)
    SchoolFactory(name="Alvar Aalto Lyceum")

    body = client.get(reverse("schools:index") + query).content.decode()

    assert said in " ".join(body.split())


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=lyc", ["Lycée Molière"]),
        ("q=OSAKA", ["Osaka Gakuen"]),
        ("region=asia", ["Osaka Gakuen"]),
        ("region=europe", ["Helsinki Vocational", "Lycée Molière"]),
        ("kind=vocational", ["Helsinki Vocational"]),
        ("language={french}", ["Lycée Molière"]),
        ("country={japan}&kind=high", ["Osaka Gakuen"]),
        ("country={japan}&region=europe", []),
    ],
)
def test_index_filters_by_search_region_country_kind_and_language(client, query, expected):
    japan, france = CountryFactory(code="JP"), Country.objects.get(code="FR")
    french = LanguageFactory(code="fr")
    SchoolFactory(name="Osaka Gakuen", city="Osaka", country=japan, kind=SchoolKind.HIGH)
    SchoolFactory(name="Lycée Molière", city="Paris", country=france, languages=[french])
    SchoolFactory(name="Helsinki Vocational", kind=SchoolKind.VOCATIONAL)

    response = client.get(
        reverse("schools:index") + "?" + query.format(japan=japan.pk, french=french.pk)
    )

    assert _names(response) == expected


@pytest.mark.parametrize(
    ("query", "field", "shown"),
    [
        ("country=99999", "country", "That country is not one of the ASEM partner countries."),
        ("country=abc", "country", "That country is not one of the ASEM partner countries."),
        ("language=99999", "language", "That language is not in our list."),
        ("region=antarctica", "region", "Select a valid choice."),
        ("kind=university", "kind", "Select a valid choice."),
    ],
)
def test_index_shows_an_error_for_an_unknown_filter_value_and_still_lists(
    client, query, field, shown
):
    SchoolFactory(name="Alvar Aalto Lyceum")

    response = client.get(reverse("schools:index") + "?" + query)

    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert _names(response) == ["Alvar Aalto Lyceum"]
    body = response.content.decode()
    assert shown in body
    assert "Some filters could not be used" in body


def test_index_keeps_the_valid_filters_when_another_one_is_invalid(client):
    japan = CountryFactory(code="JP")
    SchoolFactory(name="Osaka Gakuen", country=japan, kind=SchoolKind.HIGH)
    SchoolFactory(name="Helsinki High", kind=SchoolKind.HIGH)
    SchoolFactory(name="Helsinki Secondary")

    response = client.get(reverse("schools:index") + "?kind=high&country=99999")

    assert _names(response) == ["Helsinki High", "Osaka Gakuen"]


def test_index_paginates_by_24_and_page_links_keep_the_filters(client):
    SchoolFactory.create_batch(30, kind=SchoolKind.HIGH)
    SchoolFactory.create_batch(2, kind=SchoolKind.SECONDARY)

    first = client.get(reverse("schools:index") + "?kind=high")
    second = client.get(reverse("schools:index") + "?kind=high&page=2")

    assert len(first.context["page_obj"]) == 24
    assert len(second.context["page_obj"]) == 6
    assert "30 schools" in first.content.decode()
    assert 'href="?kind=high&amp;page=2"' in first.content.decode()
    assert 'href="?kind=high"' in second.content.decode()  # back to page 1, filter kept
    assert "Page 2 of 2" in second.content.decode()


@pytest.mark.parametrize("page", ["99", "abc", "-1"])
def test_index_out_of_range_or_bad_page_shows_a_page_not_an_error(client, page):
    SchoolFactory(name="Alvar Aalto Lyceum")

    response = client.get(reverse("schools:index") + f"?page={page}")

    assert response.status_code == 200
    assert _names(response) == ["Alvar Aalto Lyceum"]


def test_index_empty_after_filters_offers_to_clear_them(client):
    SchoolFactory(name="Alvar Aalto Lyceum")

    body = client.get(reverse("schools:index") + "?q=nowhere").content.decode()

    assert "0 schools" in body
    assert "No school matches these filters" in body
    assert f'href="{reverse("schools:index")}">Clear the filters' in body


def test_index_empty_without_filters_says_schools_come_once_verified(client):
    SchoolFactory(proposed=True)

    body = client.get(reverse("schools:index")).content.decode()

    assert "No schools are listed yet" in body
    assert "Clear the filters" not in body


@pytest.mark.parametrize(
    ("role", "link"),
    [
        ("anonymous", "account_signup"),
        ("teacher", "teachers:school_choose"),
        ("unverified_teacher", "teachers:school_choose"),
    ],
)
def test_index_invites_teachers_to_propose_a_missing_school(client, request, role, link):
    _sign_in(client, request, role)

    body = client.get(reverse("schools:index")).content.decode()

    assert "Can't find your school?" in body
    assert f'href="{reverse(link)}"' in body


def test_index_groups_countries_by_region_in_the_filter(client):
    body = client.get(reverse("schools:index")).content.decode()

    assert '<optgroup label="Asia">' in body
    assert '<optgroup label="Europe">' in body


def test_index_answers_get_only(client):
    assert client.post(reverse("schools:index")).status_code == 405


@pytest.mark.parametrize("rows", [1, 20])
def test_index_runs_the_same_queries_for_1_or_20_schools(client, django_assert_num_queries, rows):
    english = LanguageFactory(code="en")
    for school in SchoolFactory.create_batch(rows, languages=[english, LanguageFactory(code="fi")]):
        TeacherProfileFactory(school=school)

    # count, page of schools, their languages, countries and languages of the filter form
    with django_assert_num_queries(5):
        response = client.get(reverse("schools:index"))

    assert len(response.context["page_obj"]) == rows


@pytest.mark.parametrize("rows", [1, 20])
def test_index_filtered_runs_the_same_queries_for_1_or_20_schools(
    client, django_assert_num_queries, rows
):
    japan, english = CountryFactory(code="JP"), LanguageFactory(code="en")
    SchoolFactory.create_batch(rows, country=japan, kind=SchoolKind.HIGH, languages=[english])
    query = f"?q=school&region=asia&country={japan.pk}&kind=high&language={english.pk}"

    # + looking up the country and the language chosen
    with django_assert_num_queries(7):
        response = client.get(reverse("schools:index") + query)

    assert len(response.context["page_obj"]) == rows


# --- School page -----------------------------------------------------------------------------


def test_detail_shows_the_school(client):
    english, japanese = LanguageFactory(code="en"), LanguageFactory(code="ja")
    school = SchoolFactory(
        name="Osaka Gakuen",
        city="Osaka",
        country=CountryFactory(code="JP"),
        kind=SchoolKind.HIGH,
        student_count="500-999",
        website="https://osaka-gakuen.example/",
        description="A school by the river.",
        languages=[japanese, english],
    )

    response = client.get(school.get_absolute_url())

    assert response.context["school"] == school
    body = response.content.decode()
    assert "<h1" in body
    assert "Osaka Gakuen" in body
    assert "Japan" in body
    assert school.country.flag_url in body
    assert "Asia" in body
    assert "High school" in body
    assert "500–999 students" in body
    assert "English, Japanese" in body
    assert "A school by the river." in body
    assert (
        '<a href="https://osaka-gakuen.example/" rel="nofollow noopener" target="_blank">' in body
    )


def test_detail_shows_the_logo_thumbnail_when_there_is_one(client):
    school = SchoolFactory(logo="schools/logos/logo.png", logo_thumbnail="schools/logos/thumb.png")

    body = client.get(school.get_absolute_url()).content.decode()

    assert school.logo_thumbnail.url in body


def test_detail_states_honestly_that_there_are_no_collaborations_or_conferences_yet(client):
    school = SchoolFactory()

    body = client.get(school.get_absolute_url()).content.decode()

    assert "No collaborations yet." in body
    assert "No conference participations yet." in body
    assert "No verified teachers of this school yet." in body


@pytest.mark.parametrize("role", ROLES)
def test_detail_lists_only_verified_active_teachers_names_and_subjects_never_emails(
    client, request, role
):
    _sign_in(client, request, role)
    school = SchoolFactory()
    shown = TeacherProfileFactory(
        school=school,
        user__full_name="Aino Virtanen",
        user__email="aino@school.example",
        subjects=[SubjectFactory(name="Biology"), SubjectFactory(name="Chemistry")],
    )
    TeacherProfileFactory(
        school=school, pending=True, user__full_name="Pending Person", user__email="p@x.example"
    )
    TeacherProfileFactory(
        school=school, rejected=True, user__full_name="Rejected Person", user__email="r@x.example"
    )
    TeacherProfileFactory(
        school=school, user__is_active=False, user__full_name="Erased Person", user__email="e@x.ex"
    )
    TeacherProfileFactory(user__full_name="Elsewhere Person")

    response = client.get(school.get_absolute_url())

    assert list(response.context["teachers"]) == [shown]
    body = response.content.decode()
    assert "Aino Virtanen" in body
    assert "Biology, Chemistry" in body
    for hidden in ["Pending Person", "Rejected Person", "Erased Person", "Elsewhere Person"]:
        assert hidden not in body
    for email in ["aino@school.example", "p@x.example", "r@x.example", "e@x.ex", "mailto:"]:
        assert email not in body


@pytest.mark.parametrize(
    ("role", "linked"),
    [
        ("anonymous", False),
        ("unverified_teacher", False),
        ("judge", False),
        ("other_teacher", True),
        ("staff", True),
    ],
)
def test_detail_links_teacher_names_to_profiles_only_for_who_may_see_them(
    client, request, role, linked
):
    _sign_in(client, request, role)
    profile = TeacherProfileFactory()

    body = client.get(profile.school.get_absolute_url()).content.decode()

    assert (f'href="{profile.get_absolute_url()}"' in body) is linked
    assert profile.user.full_name in body


@pytest.mark.parametrize(
    ("role", "may_edit"),
    [
        ("anonymous", False),
        ("teacher", True),  # a verified teacher of this school
        ("other_teacher", False),
        ("unverified_teacher", False),
        ("judge", False),
        ("staff", True),
    ],
)
def test_detail_offers_edit_school_to_its_verified_teachers_and_staff(
    client, request, role, may_edit
):
    school = request.getfixturevalue("teacher").teacher_profile.school
    if role == "unverified_teacher":  # waiting for verification at this very school
        client.force_login(TeacherProfileFactory(school=school, pending=True).user)
    else:
        _sign_in(client, request, role)

    body = client.get(school.get_absolute_url()).content.decode()

    assert (reverse("schools:edit", args=[school.pk]) in body) is may_edit
    assert ("Edit school" in body) is may_edit


def test_detail_of_a_proposed_school_is_not_found(client):
    school = SchoolFactory(proposed=True)

    assert client.get(school.get_absolute_url()).status_code == 404


def test_detail_of_an_unknown_school_is_not_found(client):
    assert client.get(reverse("schools:detail", args=[99999, "nowhere"])).status_code == 404


def test_detail_with_a_wrong_slug_redirects_to_the_school_address(client):
    school = SchoolFactory(name="Osaka Gakuen")

    response = client.get(reverse("schools:detail", args=[school.pk, "old-name"]) + "?page=2")

    assert response.status_code == 301
    assert response.url == f"/schools/{school.pk}/osaka-gakuen/?page=2"


def test_detail_paginates_teachers_by_25(client):
    school = SchoolFactory()
    TeacherProfileFactory.create_batch(27, school=school)

    first = client.get(school.get_absolute_url())
    second = client.get(school.get_absolute_url() + "?page=2")

    assert len(first.context["teachers"]) == 25
    assert len(second.context["teachers"]) == 2
    assert 'href="?page=2"' in first.content.decode()


def test_detail_address_does_not_swallow_the_edit_address():
    # <pk>/<slug>/ also matches <pk>/edit/: the edit route must come first in schools/urls.py.
    assert resolve(reverse("schools:edit", args=[7])).url_name == "edit"
    assert resolve(reverse("schools:detail", args=[7, "osaka-gakuen"])).url_name == "detail"


def test_detail_answers_get_only(client):
    school = SchoolFactory()

    assert client.post(school.get_absolute_url()).status_code == 405


@pytest.mark.parametrize("rows", [1, 20])
def test_detail_runs_the_same_queries_for_1_or_20_teachers(client, django_assert_num_queries, rows):
    school = SchoolFactory(languages=[LanguageFactory(code="en"), LanguageFactory(code="fi")])
    biology, physics = SubjectFactory(name="Biology"), SubjectFactory(name="Physics")
    TeacherProfileFactory.create_batch(rows, school=school, subjects=[biology, physics])

    # school, its languages, teacher count, page of teachers, their subjects
    with django_assert_num_queries(5):
        response = client.get(school.get_absolute_url())

    assert len(response.context["teachers"]) == rows


@pytest.mark.parametrize("rows", [1, 20])
def test_detail_for_a_signed_in_teacher_runs_the_same_queries_for_1_or_20_teachers(
    client, django_assert_num_queries, rows, other_teacher
):
    school = SchoolFactory(languages=[LanguageFactory(code="en")])
    TeacherProfileFactory.create_batch(rows, school=school, subjects=[SubjectFactory()])
    client.force_login(other_teacher)

    # + session, user, their profile and groups (rules), their and their groups' model
    # permissions (Django's backend, asked after rules says no to "edit this school")
    with django_assert_num_queries(11):
        response = client.get(school.get_absolute_url())

    assert len(response.context["teachers"]) == rows
