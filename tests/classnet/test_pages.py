"""Public pages, the navigation each role sees, and the error pages."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "home",
    "collaborations:index",
    "conferences:index",
    "awards:index",
    "schools:index",
    "account_login",
    "account_signup",
    "account_reset_password",
]


# The school directory also counts its schools and reads its filters' countries and languages
# (tests/schools/test_views.py pins its exact count).
QUERY_BUDGETS = {"schools:index": 5, "collaborations:index": 5}


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_pages_render_for_visitors(client, name, django_assert_max_num_queries):
    with django_assert_max_num_queries(QUERY_BUDGETS.get(name, 2)):
        response = client.get(reverse(name))

    assert response.status_code == 200
    body = response.content.decode()
    assert "/static/vendor/bootstrap/css/bootstrap.min.css" in body
    assert "cdn" not in body.lower()
    assert 'href="/accounts/login/"' in body


def test_home_shows_network_figures_from_the_data(client):
    from schools.models import Country

    Country.objects.filter(code="RU").delete()

    response = client.get(reverse("home"))

    countries = response.context["countries"]
    assert countries == {"asia": 20, "europe": 30, "total": 50}
    assert '<div class="cn-figure">50</div>' in response.content.decode()


@pytest.mark.parametrize(
    ("role", "back_office", "judging"),
    [("teacher", False, False), ("judge", False, True), ("staff", True, False)],
)
def test_menu_shows_what_each_role_allows(client, request, role, back_office, judging):
    client.force_login(request.getfixturevalue(role))

    body = client.get(reverse("home")).content.decode()

    assert (reverse("admin:index") in body) is back_office
    assert ("Judging</a>" in body) is judging
    assert reverse("account_logout") in body
    assert 'href="/accounts/login/"' not in body


def test_menu_of_a_visitor_offers_sign_in_and_sign_up(client):
    body = client.get(reverse("home")).content.decode()

    assert 'href="/accounts/login/"' in body
    assert 'href="/accounts/signup/"' in body
    assert reverse("account_logout") not in body
    assert reverse("admin:index") not in body


def test_dashboard_sends_visitors_to_log_in(client):
    response = client.get(reverse("teachers:dashboard"))

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={reverse('teachers:dashboard')}"


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        ("teacher", ["Your teacher account", "Verified"], ["Judging", "Open the back office"]),
        ("unverified_teacher", ["Awaiting verification", "not yet join"], ["Judging"]),
        ("judge", ["Judging"], ["Your teacher account", "Open the back office"]),
        ("staff", ["Open the back office"], ["Your teacher account", "entries assigned"]),
    ],
)
def test_dashboard_shows_what_each_role_can_do(client, request, role, shown, hidden):
    client.force_login(request.getfixturevalue(role))

    body = client.get(reverse("teachers:dashboard")).content.decode()

    for text in shown:
        assert text in body
    for text in hidden:
        assert text not in body


@pytest.mark.parametrize("role", ["teacher", "judge"])
def test_back_office_is_closed_to_teachers_and_judges(client, request, role):
    client.force_login(request.getfixturevalue(role))

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_back_office_opens_for_staff(client, staff):
    client.force_login(staff)

    assert client.get(reverse("admin:index")).status_code == 200


def test_404_page_is_in_the_portal_look(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    body = response.content.decode()
    assert "We could not find that page" in body
    assert "cn-navbar" in body


@pytest.mark.urls("tests.classnet.urls_failing")
def test_a_failing_view_shows_the_500_page_and_leaks_nothing(client):
    client.raise_request_exception = False

    response = client.get("/boom/")

    body = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in body
    assert "hunter2" not in body
    assert "Traceback" not in body


def test_back_office_lists_what_staff_manage(client, staff):
    client.force_login(staff)

    body = client.get(reverse("admin:index")).content.decode()

    assert "Outgoing e-mails" in body
    assert "Countries" in body
    assert "Teacher profiles" in body
    assert reverse("admin:auth_group_changelist") not in body  # roles stay with superusers


def test_staff_cannot_grant_themselves_privileges_in_the_back_office(client, staff):
    client.force_login(staff)
    url = reverse("admin:teachers_user_change", args=[staff.pk])

    response = client.post(
        url,
        {
            "email": staff.email,
            "full_name": staff.full_name,
            "country": staff.country_id,
            "is_active": "on",
            "is_superuser": "on",
        },
    )

    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.is_superuser is False
    assert staff.is_staff is True


@pytest.mark.parametrize(
    ("role", "sees_directory", "sees_queues"),
    [
        ("teacher", True, False),
        ("unverified_teacher", False, False),
        ("judge", False, False),
        ("staff", True, True),
    ],
)
def test_menu_links_to_directory_and_queues_by_role(
    client, request, role, sees_directory, sees_queues
):
    client.force_login(request.getfixturevalue(role))

    body = client.get(reverse("home")).content.decode()

    assert (f'href="{reverse("teachers:directory")}"' in body) is sees_directory
    assert (f'href="{reverse("staff:index")}"' in body) is sees_queues


def test_visitors_see_no_teacher_directory_link(client):
    body = client.get(reverse("home")).content.decode()

    assert reverse("teachers:directory") not in body
