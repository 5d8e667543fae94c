"""One application (conferences/views/selection.py: application): its page and the decisions
taken on it through the locked services."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from conferences.models import Application
from core.audit.models import AuditEntry
from core.outbox.models import OutgoingEmail

from ._helpers import (
    CAPACITY_MESSAGE,
    application_for,
    detail_url,
    messages_of,
    statuses,
)

pytestmark = pytest.mark.django_db


# --- one application -------------------------------------------------------------------------


def test_detail_shows_the_whole_application_and_its_history(staff_client, edition, staff):
    application = application_for(edition, status="waitlisted")
    staff_client.post(detail_url(application), {"action": "reject", "reason": "Too late"})

    response = staff_client.get(detail_url(application))

    page = response.content.decode()
    for text in (
        "I teach robotics and want partners in Asia.",
        "Rivers of two continents",
        "Vegetarian",
        "Does not want to appear in the participant list",
        application.school.name,
        "Reason given to the teacher:",
        "Too late",
    ):
        assert text in page
    assert [item["label"] for item in response.context["history"]] == ["Rejected"]
    assert response.context["history"][0]["entry"].actor == staff


@pytest.mark.parametrize(
    ("data", "status", "subject_part"),
    [
        ({"action": "approve"}, "approved", "You have a place at the"),
        ({"action": "waitlist"}, "waitlisted", "You are on the waitlist for the"),
        ({"action": "reject", "reason": "Places went to leads."}, "rejected", "Your application"),
    ],
)
def test_detail_decides_through_the_service_and_mails(
    staff_client, edition, staff, data, status, subject_part, django_capture_on_commit_callbacks
):
    application = application_for(edition)

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(detail_url(application), data, follow=True)

    assert response.redirect_chain == [(detail_url(application), 302)]
    application.refresh_from_db()
    assert (application.status, application.decided_by) == (status, staff)
    assert [m.to for m in mail.outbox] == [[application.teacher.user.email]]
    assert subject_part in mail.outbox[0].subject
    assert "has been told" in messages_of(response)[0]
    assert AuditEntry.objects.filter(action=f"application.{status}").count() == 1


def test_detail_approve_past_capacity_is_refused_on_the_page(
    staff_client, edition, django_capture_on_commit_callbacks
):
    application_for(edition, status="approved")
    application_for(edition, status="approved")
    application = application_for(edition)

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(detail_url(application), {"action": "approve"})

    assert response.status_code == 200
    page = response.content.decode()
    assert CAPACITY_MESSAGE in page
    assert "Nothing was changed." in page
    assert statuses(application) == ["submitted"]
    assert mail.outbox == []
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("reason", ["", "   "])
def test_detail_reject_without_a_reason_is_refused(staff_client, edition, reason):
    application = application_for(edition)

    response = staff_client.post(detail_url(application), {"action": "reject", "reason": reason})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "reason": ["Say why, so that the teacher understands the decision."]
    }
    assert statuses(application) == ["submitted"]
    assert not OutgoingEmail.objects.exists()


def test_detail_unknown_action_is_refused(staff_client, edition):
    application = application_for(edition)

    response = staff_client.post(detail_url(application), {"action": "delete"})

    assert response.status_code == 200
    assert "action" in response.context["form"].errors
    assert statuses(application) == ["submitted"]


def test_detail_of_a_decided_application_offers_no_decision(staff_client, edition):
    application = application_for(edition, status="withdrawn")

    response = staff_client.get(detail_url(application))

    assert "This application is decided and cannot be changed here." in response.content.decode()
    assert (
        response.context["can_approve"],
        response.context["can_waitlist"],
        response.context["can_reject"],
    ) == (False, False, False)


def test_detail_runs_a_fixed_number_of_queries(staff_client, edition, django_assert_num_queries):
    application = application_for(edition, status="waitlisted")

    # session, user, staff check, edition, application, 4 counts, position, history (content
    # type and entries), the navbar's profile and permissions (3)
    with django_assert_num_queries(14):
        staff_client.get(detail_url(application))


# --- every time names its zone -----------------------------------------------------------------


def test_detail_times_are_in_host_time_and_say_so(staff_client, edition, staff):
    from core.audit.models import AuditEntry

    edition.time_zone = "Asia/Bangkok"
    edition.save()
    application = application_for(edition, status="approved")
    decided = datetime.datetime(2030, 3, 1, 2, 5, tzinfo=datetime.UTC)  # 09:05 in Bangkok
    Application.objects.filter(pk=application.pk).update(decided_at=decided, decided_by=staff)
    entry = AuditEntry.objects.create(
        actor=staff, action="application.approved", target=application, note=""
    )
    AuditEntry.objects.filter(pk=entry.pk).update(created_at=decided)

    page = " ".join(
        staff_client.get(reverse("conferences_staff:application", args=[17, application.pk]))
        .content.decode()
        .split()
    )

    assert f"Approved on 1 Mar 2030, 09:05 (Asia/Bangkok) by {staff}." in page
    assert ">1 Mar 2030, 09:05 (Asia/Bangkok)</time>" in page
    assert "02:05" not in page
