"""Who may enter the staff area for people (teachers/views/staff.py), for every role."""

import pytest
from django.core import mail
from django.urls import reverse

from teachers.models import TeacherProfile

from ....factories import TeacherProfileFactory
from ._helpers import OTHER_ROLES, entries_for, pages

pytestmark = pytest.mark.django_db


# --- Who may enter ------------------------------------------------------------------------------


def test_staff_pages_send_visitors_to_log_in(client, waiting):
    for url in pages(waiting):
        response = client.get(url)

        assert response.status_code == 302
        assert response.url == f"{reverse('account_login')}?next={url}"


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_staff_pages_are_closed_to_everyone_but_staff(client, request, role, waiting):
    client.force_login(request.getfixturevalue(role))

    for url in pages(waiting):
        response = client.get(url)

        assert response.status_code == 403
        assert "maria@school.example" not in response.content.decode()


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_only_staff_verify_or_reject(
    client, request, role, waiting, django_capture_on_commit_callbacks
):
    client.force_login(request.getfixturevalue(role))
    url = reverse("staff:teacher_verify", args=[waiting.pk])

    with django_capture_on_commit_callbacks(execute=True):
        verify = client.post(url)
        reject = client.post(
            reverse("staff:teacher_reject", args=[waiting.pk]), {"reason": "Not a teacher"}
        )

    assert (verify.status_code, reject.status_code) == (403, 403)
    waiting.refresh_from_db()
    assert waiting.verification == TeacherProfile.Verification.PENDING
    assert entries_for(waiting) == []
    assert mail.outbox == []


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_only_staff_edit_a_profile_here(client, request, role):
    person = request.getfixturevalue(role)
    client.force_login(person)
    # Even a teacher's own profile: they have their own page for it.
    profile = getattr(person, "teacher_profile", None) or TeacherProfileFactory()

    response = client.post(
        reverse("staff:teacher_edit", args=[profile.pk]), {"full_name": "Changed"}
    )

    assert response.status_code == 403
    profile.user.refresh_from_db()
    assert profile.user.full_name != "Changed"


def test_staff_pages_open_for_staff(client, staff, waiting):
    client.force_login(staff)

    for url in pages(waiting):
        assert client.get(url).status_code == 200


def test_a_missing_teacher_is_404_for_staff(client, staff):
    client.force_login(staff)

    assert client.get(reverse("staff:teacher_review", args=[999999])).status_code == 404
    assert client.get(reverse("staff:teacher_edit", args=[999999])).status_code == 404
