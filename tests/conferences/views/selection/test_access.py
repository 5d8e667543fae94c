"""Who may use the staff's selection pages (conferences/views/selection.py), and that only a
post with the CSRF token decides."""

import pytest
from django.test import Client
from django.urls import reverse

from core.outbox.models import OutgoingEmail

from ....factories import EditionFactory
from ._helpers import NOT_STAFF, application_for, bulk_url, detail_url, list_url, statuses

pytestmark = pytest.mark.django_db


# --- permissions -----------------------------------------------------------------------------


@pytest.fixture
def pages(edition, teacher):
    """Every page of the selection, with the teacher's own application as the one shown."""
    own = application_for(edition, teacher.teacher_profile)
    return {
        "list": ("get", list_url(edition), {}),
        "detail": ("get", detail_url(own), {}),
        "decide": ("post", detail_url(own), {"action": "approve"}),
        "bulk": ("post", bulk_url(edition), {"applications": [own.pk], "action": "approve"}),
    }, own


@pytest.mark.parametrize("page", ["list", "detail", "decide", "bulk"])
def test_anonymous_is_sent_to_log_in(client, pages, page):
    (method, url, data), own = pages[0][page], pages[1]

    response = getattr(client, method)(url, data)

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={url}"
    assert statuses(own) == ["submitted"]


@pytest.mark.parametrize("role", NOT_STAFF)
@pytest.mark.parametrize("page", ["list", "detail", "decide", "bulk"])
def test_everyone_but_staff_is_refused(client, request, pages, page, role):
    (method, url, data), own = pages[0][page], pages[1]
    client.force_login(request.getfixturevalue(role))

    response = getattr(client, method)(url, data)

    assert response.status_code == 403
    assert statuses(own) == ["submitted"]
    assert not OutgoingEmail.objects.exists()


@pytest.mark.parametrize("page", ["list", "detail"])
def test_staff_see_the_pages(staff_client, pages, page):
    (_, url, _), own = pages[0][page], pages[1]

    response = staff_client.get(url)

    assert response.status_code == 200
    assert own.teacher.user.email in response.content.decode()


def test_unknown_edition_is_404(staff_client, edition):
    assert staff_client.get(reverse("conferences_staff:applications", args=[99])).status_code == 404


def test_application_of_another_edition_under_this_number_is_404(staff_client, edition):
    other = application_for(EditionFactory(number=18))

    url = reverse("conferences_staff:application", args=[edition.number, other.pk])
    get = staff_client.get(url)
    post = staff_client.post(url, {"action": "approve"})

    assert (get.status_code, post.status_code) == (404, 404)
    assert statuses(other) == ["submitted"]


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_bulk_takes_only_post(staff_client, edition, method):
    application = application_for(edition)

    response = getattr(staff_client, method)(
        bulk_url(edition) + f"?applications={application.pk}&action=approve"
    )

    assert response.status_code == 405
    assert statuses(application) == ["submitted"]


def test_a_get_never_decides(staff_client, edition):
    application = application_for(edition)

    response = staff_client.get(detail_url(application) + "?action=approve")

    assert response.status_code == 200
    assert statuses(application) == ["submitted"]


@pytest.mark.parametrize("page", ["decide", "bulk"])
def test_decisions_need_the_csrf_token(staff, pages, page):
    (_, url, data), own = pages[0][page], pages[1]
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)

    response = client.post(url, data)

    assert response.status_code == 403
    assert statuses(own) == ["submitted"]


def test_the_decision_forms_carry_the_csrf_token(staff_client, edition):
    application = application_for(edition)

    listing = staff_client.get(list_url(edition)).content.decode()
    detail = staff_client.get(detail_url(application)).content.decode()

    def forms_posting_to(page, url):
        parts = page.split(f'<form method="post" action="{url}')[1:]
        return [part.split("</form>")[0] for part in parts]

    bulk = forms_posting_to(listing, bulk_url(edition))
    decisions = forms_posting_to(detail, detail_url(application))
    assert (len(bulk), len(decisions)) == (1, 3)  # bulk; approve, waitlist, reject
    assert all('name="csrfmiddlewaretoken"' in form for form in bulk + decisions)
