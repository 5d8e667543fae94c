"""Who gets into a person's own pages under /me/ (teachers/views/me.py), for every role."""

import pytest
from django.urls import reverse

from teachers.models import TeacherProfile

from ._helpers import OWN_PAGES, TEACHER_ONLY_PAGES, login, messages_of

pytestmark = pytest.mark.django_db


# --- every page: who gets in ------------------------------------------------------------------


@pytest.mark.parametrize("name", OWN_PAGES)
def test_own_pages_send_visitors_to_log_in(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={reverse(name)}"


@pytest.mark.parametrize("role", ["staff", "judge"])
@pytest.mark.parametrize("name", TEACHER_ONLY_PAGES)
def test_teacher_pages_tell_staff_and_judges_they_are_for_teachers(client, request, role, name):
    login(client, request.getfixturevalue(role))

    response = client.get(reverse(name), follow=True)

    assert response.redirect_chain == [(reverse("teachers:dashboard"), 302)]
    assert messages_of(response) == [
        "Profiles and schools are for teacher accounts, and yours is not one: there is nothing "
        "to fill in here."
    ]


@pytest.mark.parametrize("role", ["staff", "judge"])
def test_staff_and_judges_cannot_post_a_teacher_profile(client, request, role):
    person = login(client, request.getfixturevalue(role))

    response = client.post(reverse("teachers:profile_edit"), {"full_name": "Changed"})

    assert response.url == reverse("teachers:dashboard")
    person.refresh_from_db()
    assert person.full_name != "Changed"
    assert not TeacherProfile.objects.filter(user=person).exists()


@pytest.mark.parametrize("role", ["teacher", "unverified_teacher", "staff", "judge"])
@pytest.mark.parametrize("name", ["teachers:dashboard", "teachers:account_delete"])
def test_own_pages_open_for_every_signed_in_role(client, request, role, name):
    login(client, request.getfixturevalue(role))

    assert client.get(reverse(name)).status_code == 200
