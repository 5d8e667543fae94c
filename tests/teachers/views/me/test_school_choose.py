"""A teacher choosing their school (teachers/views/me.py: school_choose)."""

import pytest
from django.urls import reverse

from teachers.models import TeacherProfile

from ....factories import (
    CountryFactory,
    SchoolFactory,
    TeacherProfileFactory,
)
from ._helpers import login, messages_of, text

pytestmark = pytest.mark.django_db


# --- choosing a school ------------------------------------------------------------------------


def test_school_choice_lists_schools_of_the_teachers_country_only(client):
    profile = TeacherProfileFactory(pending=True, school=None)
    verified = SchoolFactory(name="Espoo Lyceum", city="Espoo")
    proposed = SchoolFactory(name="Aalto Upper Secondary", city="Espoo", proposed=True)
    SchoolFactory(name="Tokyo Gakuen", city="Tokyo", country=CountryFactory(code="JP"))
    login(client, profile.user)

    response = client.get(reverse("teachers:school_choose"))

    assert list(response.context["page"].object_list) == [verified, proposed]
    body = text(response)
    assert "Tokyo Gakuen" not in body
    assert "Proposed, not yet verified" in body
    assert body.count("This is my school") == 2
    assert f'href="{reverse("teachers:school_propose")}"' in body


@pytest.mark.parametrize(("query", "found"), [("lyceum", ["Espoo Lyceum"]), ("oulu", ["Oulu"])])
def test_school_choice_searches_names_and_cities(client, query, found):
    profile = TeacherProfileFactory(pending=True, school=None)
    SchoolFactory(name="Espoo Lyceum", city="Espoo")
    SchoolFactory(name="Oulu", city="Oulu")
    SchoolFactory(name="Kallio", city="Helsinki")
    login(client, profile.user)

    response = client.get(reverse("teachers:school_choose"), {"q": query})

    assert [s.name for s in response.context["page"].object_list] == found


def test_school_choice_with_no_match_says_what_to_do(client, unverified_teacher):
    login(client, unverified_teacher)

    body = text(client.get(reverse("teachers:school_choose"), {"q": "Nowhere High"}))

    assert "No school matches “Nowhere High”" in body
    assert "propose your school" in body


@pytest.mark.parametrize("rows", [1, 20])
def test_school_choice_queries_do_not_grow_with_the_page(client, rows, django_assert_num_queries):
    profile = TeacherProfileFactory(pending=True, school=None)
    SchoolFactory.create_batch(rows)
    login(client, profile.user)

    # session, user, profile with school, the user's country, count, page of schools with their
    # country, groups and two of permissions (the menu)
    with django_assert_num_queries(9):
        response = client.get(reverse("teachers:school_choose"))

    assert len(response.context["page"].object_list) == rows


def test_school_choice_pages_by_20(client, unverified_teacher):
    SchoolFactory.create_batch(21)
    login(client, unverified_teacher)

    response = client.get(reverse("teachers:school_choose"), {"page": 2})

    assert len(response.context["page"].object_list) == 21 + 1 - 20  # own school is listed too
    assert "Page 2 of 2" in text(response)


def test_waiting_teacher_chooses_a_school(client):
    profile = TeacherProfileFactory(pending=True, school=None)
    school = SchoolFactory(name="Espoo Lyceum", city="Espoo")
    login(client, profile.user)

    response = client.post(reverse("teachers:school_choose"), {"school": school.pk}, follow=True)

    assert response.redirect_chain == [(reverse("teachers:dashboard"), 302)]
    assert messages_of(response) == [
        "Espoo Lyceum, Espoo is now your school. ClassNet staff will verify that you teach "
        "there; you will get an e-mail."
    ]
    profile.refresh_from_db()
    assert (profile.school, profile.verification) == (school, "pending")


def test_verified_teacher_is_warned_and_verified_again_after_a_change(client, teacher):
    login(client, teacher)
    other_school = SchoolFactory(country=teacher.country, name="Kallio", city="Helsinki")

    page = text(client.get(reverse("teachers:school_choose")))
    assert "If you choose another one, staff verify you again" in page
    assert "Your school</span>" in page

    response = client.post(
        reverse("teachers:school_choose"), {"school": other_school.pk}, follow=True
    )

    assert messages_of(response) == [
        "Kallio, Helsinki is now your school. Staff will verify your affiliation again; until "
        "then you can browse but not join, propose or apply."
    ]
    profile = TeacherProfile.objects.get(user=teacher)
    assert (profile.school, profile.verification) == (other_school, "pending")


@pytest.mark.parametrize("school", ["japanese", "missing"])
def test_school_choice_refuses_a_school_not_on_offer(client, unverified_teacher, school):
    login(client, unverified_teacher)
    before = unverified_teacher.teacher_profile.school
    pk = SchoolFactory(country=CountryFactory(code="JP")).pk if school == "japanese" else 999999

    response = client.post(f"{reverse('teachers:school_choose')}?q=x", {"school": pk}, follow=True)

    assert response.redirect_chain == [(f"{reverse('teachers:school_choose')}?q=x", 302)]
    assert messages_of(response) == ["That school is not one you can choose. Search again."]
    assert TeacherProfile.objects.get(user=unverified_teacher).school == before


def test_teacher_without_a_country_picks_one_to_search(client):
    profile = TeacherProfileFactory(pending=True, school=None, user__country=None)
    japan = CountryFactory(code="JP")
    tokyo = SchoolFactory(name="Tokyo Gakuen", city="Tokyo", country=japan)
    login(client, profile.user)

    first = client.get(reverse("teachers:school_choose"))
    assert 'name="country"' in text(first)
    assert "Pick the country of your school" in text(first)
    assert list(first.context["page"].object_list) == []

    found = client.get(reverse("teachers:school_choose"), {"country": japan.pk})
    assert list(found.context["page"].object_list) == [tokyo]

    unknown = client.get(reverse("teachers:school_choose"), {"country": 999999})
    assert unknown.context["search"].errors["country"] == [
        "That country is not one of the ASEM partners."
    ]

    client.post(reverse("teachers:school_choose"), {"school": tokyo.pk})
    profile.refresh_from_db()
    assert profile.school == tokyo
