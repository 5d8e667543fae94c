"""The two staff actions on a teacher's review page, each its own POST-only view: verify
(staff:teacher_verify) and reject with a reason (staff:teacher_reject). Who may post, that a GET
is refused, and that a refused action shows the review page again with its error, the other
form empty and the queue's filters kept."""

import pytest
from django.core import mail
from django.urls import reverse

from core.audit.models import AuditEntry
from teachers.models import TeacherProfile

from ...factories import SchoolFactory, TeacherProfileFactory

pytestmark = pytest.mark.django_db

ACTIONS = ["teacher_verify", "teacher_reject"]


@pytest.fixture
def waiting(db):
    """A teacher of a verified school, waiting for staff."""
    return TeacherProfileFactory(pending=True, user__full_name="Maria Santos")


def post(client, action, profile, query=""):
    url = reverse(f"staff:{action}", args=[profile.pk])
    return client.post(f"{url}?{query}" if query else url, {"reason": "Not a teacher"})


def unchanged(profile) -> bool:
    profile.refresh_from_db()
    return (
        profile.verification == TeacherProfile.Verification.PENDING
        and not AuditEntry.objects.filter(action__startswith="teacher.").exists()
        and mail.outbox == []
    )


@pytest.mark.parametrize("action", ACTIONS)
def test_an_action_sends_visitors_to_log_in(client, action, waiting):
    url = reverse(f"staff:{action}", args=[waiting.pk])

    response = post(client, action, waiting)

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={url}"
    assert unchanged(waiting)


@pytest.mark.parametrize("role", ["teacher", "judge"])
@pytest.mark.parametrize("action", ACTIONS)
def test_an_action_is_forbidden_to_teachers_and_judges(
    client, request, role, action, waiting, django_capture_on_commit_callbacks
):
    client.force_login(request.getfixturevalue(role))

    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, action, waiting)

    assert response.status_code == 403
    assert unchanged(waiting)


@pytest.mark.parametrize("action", ACTIONS)
def test_an_action_takes_no_get(client, staff, action, waiting):
    client.force_login(staff)

    response = client.get(reverse(f"staff:{action}", args=[waiting.pk]))

    assert response.status_code == 405
    assert unchanged(waiting)


@pytest.mark.parametrize("action", ACTIONS)
def test_an_action_on_a_missing_teacher_is_404_for_staff(client, staff, action):
    client.force_login(staff)

    response = client.post(reverse(f"staff:{action}", args=[999999]), {"reason": "No"})

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("action", "verification", "note"),
    [("teacher_verify", "verified", ""), ("teacher_reject", "rejected", "Not a teacher")],
)
def test_staff_decide(client, staff, waiting, action, verification, note):
    client.force_login(staff)

    response = post(client, action, waiting, query="region=asia")

    assert response.status_code == 302
    assert response.url == f"{reverse('staff:teacher_queue')}?region=asia"
    waiting.refresh_from_db()
    assert (waiting.verification, waiting.verification_note) == (verification, note)
    assert list(AuditEntry.objects.values_list("actor", "action", "note")) == [
        (staff.pk, f"teacher.{verification}", note)
    ]


def test_verifying_a_teacher_of_a_proposed_school_shows_the_review_with_the_error(client, staff):
    school = SchoolFactory(proposed=True, name="Hue Gifted High School", city="Hue")
    profile = TeacherProfileFactory(pending=True, school=school)
    client.force_login(staff)

    response = post(client, "teacher_verify", profile, query="region=asia")

    message = (
        "Hue Gifted High School, Hue is still a proposed school. Verify it, or merge it into "
        "the school it repeats, before verifying its teachers."
    )
    assert response.status_code == 200
    assert response.templates[0].name == "staff/teacher_review.html"
    assert response.context["verify_form"].non_field_errors() == [message]
    assert not response.context["reject_form"].is_bound
    assert response.context["queue_query"] == "region=asia"
    body = response.content.decode()
    assert message in body
    assert "Say why, so that the teacher knows what to change." not in body
    reject = reverse("staff:teacher_reject", args=[profile.pk])
    assert f'action="{reject}?region=asia#decision"' in body
    assert unchanged(profile)


def test_rejecting_without_a_reason_shows_the_review_with_the_error(client, staff, waiting):
    client.force_login(staff)
    url = reverse("staff:teacher_reject", args=[waiting.pk])

    response = client.post(f"{url}?region=asia", {"reason": "  "})

    assert response.status_code == 200
    assert response.templates[0].name == "staff/teacher_review.html"
    assert response.context["reject_form"].errors == {
        "reason": ["Say why, so that the teacher knows what to change."]
    }
    assert not response.context["verify_form"].is_bound
    body = response.content.decode()
    assert "Say why, so that the teacher knows what to change." in body
    verify = reverse("staff:teacher_verify", args=[waiting.pk])
    assert f'action="{verify}?region=asia#decision"' in body
    assert f'action="{url}?region=asia#decision"' in body
    assert unchanged(waiting)


def test_verifying_twice_shows_the_review_with_the_services_error(client, staff, teacher):
    profile = teacher.teacher_profile
    verified_at = profile.verified_at
    client.force_login(staff)

    response = client.post(reverse("staff:teacher_verify", args=[profile.pk]))

    assert response.status_code == 200
    assert response.context["verify_form"].non_field_errors() == [
        f"{teacher.full_name} is already verified."
    ]
    assert not response.context["reject_form"].is_bound
    assert f"{teacher.full_name} is already verified." in response.content.decode()
    profile.refresh_from_db()
    assert profile.verified_at == verified_at
    assert not AuditEntry.objects.exists()
    assert mail.outbox == []
