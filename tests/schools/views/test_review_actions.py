"""The two staff actions on a school's review page, each its own POST-only view: verify
(staff:school_verify) and merge (staff:school_merge). Who may post, that a GET is refused, and
that a refused action shows the review page again with its error, the other form empty."""

import pytest
from django.core import mail
from django.urls import reverse

from core.audit.models import AuditEntry
from schools.models import School

from ...factories import SchoolFactory, TeacherProfileFactory

pytestmark = pytest.mark.django_db

ACTIONS = ["school_verify", "school_merge"]


@pytest.fixture
def proposed(db):
    """A proposed school, with the teacher who named it waiting."""
    school = SchoolFactory(proposed=True, name="Liceo Galilei", city="Pisa")
    TeacherProfileFactory(pending=True, school=school)
    return school


@pytest.fixture
def listed(proposed):
    """The verified school the proposed one repeats."""
    return SchoolFactory(name="Liceo Galileo Galilei", city="Pisa", country=proposed.country)


def post(client, action, school, into):
    data = {"into": into.pk, "confirm": "on"} if action == "school_merge" else {}
    return client.post(reverse(f"staff:{action}", args=[school.pk]), data)


def unchanged(proposed) -> bool:
    return (
        School.objects.filter(pk=proposed.pk, status=School.Status.PROPOSED).exists()
        and not AuditEntry.objects.filter(action__startswith="school.").exists()
        and mail.outbox == []
    )


@pytest.mark.parametrize("action", ACTIONS)
def test_an_action_sends_visitors_to_log_in(client, action, proposed, listed):
    url = reverse(f"staff:{action}", args=[proposed.pk])

    response = post(client, action, proposed, listed)

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={url}"
    assert unchanged(proposed)


@pytest.mark.parametrize("role", ["teacher", "judge"])
@pytest.mark.parametrize("action", ACTIONS)
def test_an_action_is_forbidden_to_teachers_and_judges(
    client, request, role, action, proposed, listed, django_capture_on_commit_callbacks
):
    client.force_login(request.getfixturevalue(role))

    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, action, proposed, listed)

    assert response.status_code == 403
    assert unchanged(proposed)


@pytest.mark.parametrize("action", ACTIONS)
def test_an_action_takes_no_get(client, staff, action, proposed):
    client.force_login(staff)

    response = client.get(reverse(f"staff:{action}", args=[proposed.pk]))

    assert response.status_code == 405
    assert unchanged(proposed)


@pytest.mark.parametrize("action", ACTIONS)
def test_an_action_on_a_missing_school_is_404_for_staff(client, staff, action, listed):
    client.force_login(staff)

    response = client.post(reverse(f"staff:{action}", args=[999999]), {"confirm": "on"})

    assert response.status_code == 404


def test_staff_verify_a_school(client, staff, proposed, django_capture_on_commit_callbacks):
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("staff:school_verify", args=[proposed.pk]))

    assert response.status_code == 302
    assert response.url == reverse("staff:school_queue")
    proposed.refresh_from_db()
    assert proposed.status == School.Status.VERIFIED
    assert list(AuditEntry.objects.values_list("actor", "action", "target_id")) == [
        (staff.pk, "school.verified", proposed.pk)
    ]


def test_staff_merge_a_school(client, staff, proposed, listed):
    teacher = proposed.teachers.get()
    client.force_login(staff)

    response = post(client, "school_merge", proposed, listed)

    assert response.status_code == 302
    assert response.url == reverse("staff:school_review", args=[listed.pk]) + "#main"
    assert not School.objects.filter(pk=proposed.pk).exists()
    teacher.refresh_from_db()
    assert teacher.school == listed


def test_verifying_a_verified_school_shows_the_review_with_the_error(client, staff, listed):
    """The verify form has no field: its only refusal is the service's."""
    verified_at = listed.verified_at
    client.force_login(staff)

    response = client.post(reverse("staff:school_verify", args=[listed.pk]))

    assert response.status_code == 200
    assert response.templates[0].name == "staff/school_review.html"
    assert response.context["verify_form"].non_field_errors() == [
        "Liceo Galileo Galilei, Pisa is already verified."
    ]
    assert not response.context["merge_form"].is_bound
    body = response.content.decode()
    assert "Liceo Galileo Galilei, Pisa is already verified." in body
    assert "Tick the box to confirm the merge." not in body
    listed.refresh_from_db()
    assert listed.verified_at == verified_at
    assert not AuditEntry.objects.exists()


def test_merging_without_confirming_shows_the_review_with_the_error(
    client, staff, proposed, listed
):
    client.force_login(staff)

    response = client.post(reverse("staff:school_merge", args=[proposed.pk]), {"into": listed.pk})

    assert response.status_code == 200
    assert response.templates[0].name == "staff/school_review.html"
    assert response.context["merge_form"].errors == {
        "confirm": ["Tick the box to confirm the merge."]
    }
    assert response.context["candidates"] == [listed]
    assert not response.context["verify_form"].is_bound
    body = response.content.decode()
    assert "Tick the box to confirm the merge." in body
    assert f'value="{listed.pk}" checked' in body  # the choice is kept
    assert f'action="{reverse("staff:school_merge", args=[proposed.pk])}#merge"' in body
    assert f'action="{reverse("staff:school_verify", args=[proposed.pk])}#verify"' in body
    assert unchanged(proposed)


def test_merging_into_itself_shows_the_review_with_the_services_error(client, staff, proposed):
    client.force_login(staff)

    response = client.post(
        reverse("staff:school_merge", args=[proposed.pk]),
        {"into_number": proposed.pk, "confirm": "on"},
    )

    assert response.status_code == 200
    assert response.context["merge_form"].non_field_errors() == [
        "A school cannot be merged into itself."
    ]
    assert not response.context["verify_form"].is_bound
    assert "A school cannot be merged into itself." in response.content.decode()
    assert unchanged(proposed)
