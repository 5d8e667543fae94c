"""Who may see and post the staff pages for editions (conferences/views/staff.py)."""

import pytest
from django.urls import reverse

from conferences.models import Edition, Session
from tests.factories import EditionFactory

from ._helpers import ROLES, STATUS_BY_ROLE, _edition_post, _urls

pytestmark = pytest.mark.django_db


# --- who may see the pages ----------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_every_staff_edition_page_is_for_staff_only(as_role, role, tokyo, session):
    client = as_role(role)

    for url in _urls(tokyo, session):
        response = client.get(url)

        assert response.status_code == STATUS_BY_ROLE[role], url
        if role == "anonymous":
            assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ["anonymous", "teacher", "other_teacher", "judge"])
def test_posts_by_anyone_but_staff_change_nothing(as_role, role, tokyo, session):
    client = as_role(role)
    n = tokyo.number

    client.post(reverse("conferences_staff:edition", args=[n]), {"to": "applications_open"})
    client.post(reverse("conferences_staff:edition_create"), _edition_post())
    client.post(reverse("conferences_staff:edition_edit", args=[n]), _edition_post(number="15"))
    client.post(reverse("conferences_staff:session_delete", args=[n, session.pk]))

    tokyo.refresh_from_db()
    assert tokyo.status == "published"
    assert tokyo.title == "ESD and AI"
    assert list(Edition.objects.values_list("number", flat=True)) == [15]
    assert Session.objects.filter(pk=session.pk).exists()


@pytest.mark.parametrize("url_name", ["edition", "edition_edit", "programme", "session_create"])
def test_an_unknown_edition_is_404_for_staff(client, staff, url_name):
    client.force_login(staff)

    assert client.get(reverse(f"conferences_staff:{url_name}", args=[99])).status_code == 404


def test_a_session_of_another_edition_is_404(client, staff, session):
    other = EditionFactory(number=14)
    client.force_login(staff)

    for name in ("session_edit", "session_delete"):
        url = reverse(f"conferences_staff:{name}", args=[other.number, session.pk])
        assert client.get(url).status_code == 404
