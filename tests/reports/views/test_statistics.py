"""The public network statistics page, /network/."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conferences.models import Application
from reports import statistics
from schools.models import Country
from tests.factories import (
    CollaborationFactory,
    CountryFactory,
    EditionFactory,
    MembershipFactory,
    SchoolFactory,
    TeacherProfileFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("network:statistics")
# What the base layout costs a signed-in teacher (session, user, teacher profile, groups, user
# and group permissions for the navbar's menu), as on every page; an anonymous visitor: none.
LAYOUT_QUERIES_SIGNED_IN = 6


def teacher_in(code: str, **kwargs):
    user = UserFactory(country=CountryFactory(code=code), full_name="Zebedee Quartermain")
    return TeacherProfileFactory(user=user, **kwargs)


@pytest.fixture
def network():
    fi = teacher_in("FI")
    jp = teacher_in("JP")
    collaboration = CollaborationFactory(lead=fi, status="running")
    MembershipFactory(collaboration=collaboration, teacher=jp, student_count=37)
    return collaboration


def test_anonymous_visitor_sees_the_figures(client, network):
    response = client.get(URL)

    assert response.status_code == 200
    assert response.templates[0].name == "reports/statistics.html"
    figures = response.context["figures"]
    assert (figures.countries, figures.schools, figures.teachers, figures.students) == (
        2,
        2,
        2,
        57,
    )
    content = response.content.decode()
    assert '<span class="cn-stat-figure d-block mb-1">57</span>' in content
    assert 'aria-labelledby="chart-asia-title chart-asia-desc"' in content
    assert 'aria-labelledby="chart-europe-title chart-europe-desc"' in content


@pytest.mark.parametrize("who", ["teacher", "judge", "staff"])
def test_every_role_sees_the_same_public_page(client, network, who, request):
    client.force_login(request.getfixturevalue(who))

    response = client.get(URL)

    assert response.status_code == 200
    assert response.context["figures"].students == 57


def test_the_page_never_names_a_teacher_or_a_school(client, network):
    content = client.get(URL).content.decode()

    assert "Zebedee" not in content
    assert "Quartermain" not in content
    assert "School number" not in content


def test_countries_without_a_school_are_listed_as_gaps(client, network):
    content = client.get(URL).content.decode()

    # 49 of the 51 countries have no school yet: in the table and in the charts.
    assert content.count('<td class="text-end cn-gap" colspan="2">no school yet</td>') == 49
    assert content.count(">no school yet</text>") == 49
    assert "1 of 21 countries with a school" in content
    assert "1 of 30 countries with a school" in content


def test_empty_network_says_so(client):
    content = client.get(URL).content.decode()

    assert "No public collaboration yet." in content
    assert "No edition has been held yet." in content
    assert 'id="chart-years-title"' not in content


def test_collaborations_per_year_and_editions_have_a_chart_and_a_table(client, network):
    edition = EditionFactory(number=14, status="held")
    CollaborationFactory(initiated_at=edition)
    profile = TeacherProfileFactory()
    Application.objects.create(
        edition=edition,
        teacher=profile,
        school=profile.school,
        motivation="m",
        collaboration_plan="p",
        status="attended",
    )

    response = client.get(URL)

    content = response.content.decode()
    assert 'id="chart-years-title">Collaborations per year</title>' in content
    assert 'id="chart-editions-title">Editions over time</title>' in content
    assert "Helsinki, Finland" in content
    assert (
        f'href="{reverse("conferences:detail", kwargs={"number": 14})}">14th</a>, 2018' in content
    )
    years = [(y.year, y.created, y.initiated) for y in response.context["figures"].years]
    this_year = timezone.localdate().year
    assert [year for year in years if year[1] or year[2]] == [(2018, 0, 1), (this_year, 2, 0)]
    assert len(years) == this_year - 2018 + 1


def test_a_cache_hit_costs_no_query_for_an_anonymous_visitor(
    client, network, django_assert_num_queries
):
    client.get(URL)

    with django_assert_num_queries(0):
        response = client.get(URL)

    assert response.context["figures"].students == 57


def test_a_cache_hit_costs_only_the_layout_for_a_signed_in_visitor(
    client, network, teacher, django_assert_num_queries
):
    client.force_login(teacher)
    client.get(URL)

    with django_assert_num_queries(LAYOUT_QUERIES_SIGNED_IN):
        response = client.get(URL)

    assert response.status_code == 200


def grow(*, countries: int, editions: int):
    codes = list(Country.objects.order_by("code").values_list("code", flat=True))[:countries]
    for code in codes:
        profile = teacher_in(code)
        CollaborationFactory(lead=profile)
    for number in range(1, editions + 1):
        edition = EditionFactory(
            number=number,
            starts_on=datetime.date(2000 + number, 5, 1),
            ends_on=datetime.date(2000 + number, 5, 3),
        )
        Application.objects.create(
            edition=edition,
            teacher=profile,
            school=profile.school,
            motivation="m",
            collaboration_plan="p",
            status="attended",
        )


@pytest.mark.parametrize(("countries", "editions"), [(1, 1), (30, 20)])
def test_a_cache_miss_costs_a_fixed_number_of_queries(
    client, countries, editions, django_assert_num_queries
):
    grow(countries=countries, editions=editions)

    with django_assert_num_queries(statistics.QUERIES):
        response = client.get(URL)

    figures = response.context["figures"]
    assert (figures.countries, figures.editions) == (countries, editions)


def test_saving_a_school_shows_on_the_page(client, network):
    assert response_schools(client) == 2

    SchoolFactory(country=CountryFactory(code="DE"))

    assert response_schools(client) == 3
    assert "2 of 30 countries with a school" in client.get(URL).content.decode()


def test_a_new_membership_shows_in_the_students(client, network):
    client.get(URL)

    MembershipFactory(collaboration=network, student_count=11)

    assert client.get(URL).context["figures"].students == 57 + 11


def response_schools(client) -> int:
    return client.get(URL).context["figures"].schools


def test_post_is_not_allowed(client):
    response = client.post(URL)

    assert response.status_code == 405


def test_navigation_footer_and_home_link_to_the_page(client):
    content = client.get(reverse("home")).content.decode()

    assert content.count(f'href="{URL}"') == 3  # navbar, hero, footer


def test_the_navbar_marks_the_page_current(client):
    content = client.get(URL).content.decode()

    assert f'class="nav-link active" aria-current="page" href="{URL}">Network</a>' in content
