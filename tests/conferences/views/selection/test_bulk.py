"""Bulk decisions (conferences/views/selection.py: applications_bulk): what was done, what was
refused and why, and the cost of 200 at once."""

import time

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conferences.models import Application
from core.outbox.models import OutgoingEmail

from ....factories import EditionFactory
from ._helpers import application_for, bulk_url, list_url, many_applications, messages_of, statuses

pytestmark = pytest.mark.django_db


# --- bulk ------------------------------------------------------------------------------------


def test_bulk_mixed_results_say_what_was_done_and_what_was_refused(
    staff_client, edition, django_capture_on_commit_callbacks
):
    first, second, third = (application_for(edition) for _ in range(3))
    rejected = application_for(edition, status="rejected")
    other = application_for(EditionFactory(number=18))

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            bulk_url(edition) + "?status=submitted",
            {
                "applications": [first.pk, second.pk, third.pk, rejected.pk, other.pk],
                "action": "approve",
            },
            follow=True,
        )

    assert response.redirect_chain == [(list_url(edition, "status=submitted"), 302)]
    assert statuses(first, second, third, rejected, other) == [
        "approved",
        "approved",
        "submitted",
        "rejected",
        "submitted",
    ]
    assert len(mail.outbox) == 2
    summary, *details = messages_of(response)
    assert summary == (
        "2 applications approved. The 2 approved teachers are told by e-mail. "
        "3 could not be approved; the reasons are below."
    )
    third_name = f"{third.teacher.user} ({third.school.name})"
    assert details == [
        f"Not an application to this edition. Not done for: application #{other.pk}.",
        f"No places left: the edition's 2 places are taken. Not done for: {third_name}.",
        "A rejected application cannot be approved; the teacher may apply again. "
        f"Not done for: {rejected.teacher.user} ({rejected.school.name}).",
    ]
    assert not any(".;" in message or ".." in message for message in [summary, *details])


def test_bulk_lists_at_most_ten_refused_names_per_reason(staff_client, edition):
    withdrawn = [application_for(edition, status="withdrawn") for _ in range(12)]

    response = staff_client.post(
        bulk_url(edition),
        {"applications": [a.pk for a in withdrawn], "action": "approve"},
        follow=True,
    )

    summary, detail = messages_of(response)
    assert summary == ("No application approved. 12 could not be approved; the reasons are below.")
    assert detail.startswith("A withdrawn application cannot be approved: the teacher took it")
    assert detail.endswith(" and 2 more.")
    assert detail.count("(") == 10


def test_bulk_rows_already_approved_are_not_refused(
    staff_client, edition, django_capture_on_commit_callbacks
):
    edition.capacity = 10
    edition.save()
    waiting = application_for(edition)
    approved = application_for(edition, status="approved")
    attended = application_for(edition, status="attended")

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            bulk_url(edition),
            {"applications": [waiting.pk, approved.pk, attended.pk], "action": "approve"},
            follow=True,
        )

    summary, detail = messages_of(response)
    assert summary == (
        "1 application approved. The approved teacher is told by e-mail. "
        "2 were already approved: nothing changed for them."
    )
    assert "refused" not in summary
    assert "could not" not in summary
    assert detail == (
        f"Already approved: {approved.teacher.user} ({approved.school.name}), "
        f"{attended.teacher.user} ({attended.school.name})."
    )
    assert statuses(waiting, approved, attended) == ["approved", "approved", "attended"]
    assert [message.to for message in mail.outbox] == [[waiting.teacher.user.email]]
    levels = [m.level_tag for m in response.context["messages"]]
    assert levels == ["success", "info"]


def test_bulk_partial_success_says_the_approved_teachers_are_emailed(staff_client, edition):
    edition.capacity = 3
    edition.save()
    application_for(edition, status="approved")
    application_for(edition, status="approved")
    first, second = application_for(edition), application_for(edition)

    response = staff_client.post(
        bulk_url(edition),
        {"applications": [first.pk, second.pk], "action": "approve"},
        follow=True,
    )

    summary, detail = messages_of(response)
    assert summary == (
        "1 application approved. The approved teacher is told by e-mail. "
        "1 could not be approved; the reason is below."
    )
    assert detail == (
        "No places left: the edition's 3 places are taken. "
        f"Not done for: {second.teacher.user} ({second.school.name})."
    )
    assert [m.level_tag for m in response.context["messages"]] == ["warning", "info"]


def test_bulk_all_done_says_so(staff_client, edition):
    one, two = application_for(edition), application_for(edition)

    response = staff_client.post(
        bulk_url(edition),
        {"applications": [one.pk, two.pk], "action": "waitlist"},
        follow=True,
    )

    assert messages_of(response) == [
        "2 applications put on the waitlist. The 2 teachers are told by e-mail."
    ]
    assert statuses(one, two) == ["waitlisted", "waitlisted"]


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"action": "approve"}, "Tick at least one application."),
        ({"applications": ["x"], "action": "approve"}, "The applications chosen are not valid"),
        ({"applications": ["MINE"]}, "Choose a decision."),
        ({"applications": ["MINE"], "action": "reject", "reason": " "}, "Say why"),
    ],
)
def test_bulk_bad_input_is_shown_and_changes_nothing(staff_client, edition, data, error):
    application = application_for(edition)
    data = {
        key: [application.pk if v == "MINE" else v for v in value]
        if isinstance(value, list)
        else value
        for key, value in data.items()
    }

    response = staff_client.post(bulk_url(edition), data)

    assert response.status_code == 200
    assert error in response.content.decode()
    assert statuses(application) == ["submitted"]
    assert not OutgoingEmail.objects.exists()


def test_bulk_reject_needs_and_sends_the_reason(
    staff_client, edition, django_capture_on_commit_callbacks
):
    one, two = application_for(edition), application_for(edition)

    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            bulk_url(edition),
            {"applications": [one.pk, two.pk], "action": "reject", "reason": "Full this year."},
        )

    assert set(
        Application.objects.filter(pk__in=[one.pk, two.pk]).values_list("status", "reason")
    ) == {("rejected", "Full this year.")}
    assert len(mail.outbox) == 2
    assert all("Full this year." in message.body for message in mail.outbox)


def test_bulk_approve_of_200_is_one_quick_request_that_queues_200_mails(
    staff_client, edition, django_capture_on_commit_callbacks
):
    edition.capacity = 250
    edition.save()
    to_approve = many_applications(edition, 200)

    started = time.monotonic()
    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks(execute=False) as callbacks,
    ):
        response = staff_client.post(
            bulk_url(edition),
            {"applications": [a.pk for a in to_approve], "action": "approve"},
        )
    elapsed = time.monotonic() - started

    assert response.status_code == 302
    assert edition.applications.filter(status="approved").count() == 200
    assert OutgoingEmail.objects.count() == 200
    assert OutgoingEmail.objects.filter(sent_at__isnull=True).count() == 200  # queued, not sent
    # One delivery task per mail, handed to Celery after commit (not run here: the request
    # never waits for delivery).
    assert len(callbacks) == 200
    # Measured: 2,405, i.e. 12 per approval (the lock, the recount, the write, the audit, the
    # outbox row) and a few for the request. The bound catches any extra query per approval.
    assert len(queries) <= 200 * 14 + 20, len(queries)
    assert elapsed < 30, elapsed
    print(f"\nbulk approve of 200: {len(queries)} queries, {elapsed:.2f}s")
