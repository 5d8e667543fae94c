"""Outgoing e-mail end to end: the outbox row, a real Celery worker on Redis, a real SMTP server.

Each test sends mail the way the portal does (Django's send_mail through MAILERS["default"],
the outbox, inside a transaction that commits); the worker, started with production-like
settings, delivers it through MAILERS["delivery"]: SMTP to the local aiosmtpd server.
"""

import pytest
from django.core.mail import send_mail
from django.db import transaction

from core.outbox.models import OutgoingEmail
from core.outbox.tasks import deliver_email

from .support import wait_until

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

SENDER = "noreply@classnet.local"  # the address in DEFAULT_FROM_EMAIL


def send_through_outbox(subject: str, recipient: str) -> OutgoingEmail:
    with transaction.atomic():
        send_mail(subject, "Hello from ClassNet.", None, [recipient])
    return OutgoingEmail.objects.get(to=[recipient])


def wait_for_status(email: OutgoingEmail, status: str) -> OutgoingEmail:
    return wait_until(
        lambda: OutgoingEmail.objects.filter(pk=email.pk, status=status).first(),
        what=f"e-mail {email.pk} to become {status}",
    )


def test_outbox_email_delivered_once_through_worker_and_smtp(worker, smtp_server):
    email = send_through_outbox("Welcome to ClassNet", "teacher@school.example")

    email = wait_for_status(email, OutgoingEmail.Status.SENT)

    [delivery] = smtp_server.attempts(email.message_id)
    assert delivery.accepted
    assert delivery.mail_from == SENDER
    assert delivery.rcpt_tos == ("teacher@school.example",)
    assert delivery.message["Subject"] == "Welcome to ClassNet"
    assert delivery.message["To"] == "teacher@school.example"
    assert delivery.message["Message-ID"] == email.message_id
    assert (email.attempts, email.last_error) == (1, "")
    assert email.sent_at is not None
    [task_id] = {event.task_id for event in worker.task_events()}
    assert worker.wait_for_result(task_id) == "True"


def test_deliver_email_redelivered_after_sending_does_not_send_again(worker, smtp_server):
    email = send_through_outbox("Your collaboration was approved", "partner@school.example")
    email = wait_for_status(email, OutgoingEmail.Status.SENT)

    redelivered = [deliver_email.apply_async(kwargs={"email_id": email.pk}) for _ in range(3)]
    results = [worker.wait_for_result(task.id) for task in redelivered]

    assert results == ["False", "False", "False"]
    assert len(smtp_server.attempts(email.message_id)) == 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutgoingEmail.Status.SENT, 1)


def test_deliver_email_transient_smtp_failure_retried_with_backoff_then_sent_once(
    worker, smtp_server
):
    smtp_server.refuse("busy@school.example", "451 4.3.0 Try again later", times=1)

    email = send_through_outbox("Conference programme", "busy@school.example")

    email = wait_for_status(email, OutgoingEmail.Status.SENT)
    refused, accepted = smtp_server.attempts(email.message_id)
    assert (refused.reply, accepted.reply) == ("451 4.3.0 Try again later", "250 OK")
    # The first retry waits 2 s (countdown 2 ** 1); allow for clock granularity.
    assert accepted.at - refused.at >= 1.9
    [task_id] = {event.task_id for event in worker.task_events()}
    assert worker.wait_for_result(task_id) == "True"
    retries = [e.event for e in worker.task_events(task_id) if e.event.startswith("retry:")]
    assert retries == [
        """retry: Retry in 2s: TransientDeliveryError("(451, b'4.3.0 Try again later')")"""
    ]
    assert (email.attempts, email.last_error) == (2, "")
    assert email.sent_at is not None


def test_deliver_email_permanent_smtp_refusal_marks_failed_and_delivers_nothing(
    worker, smtp_server
):
    smtp_server.refuse("gone@school.example", "550 5.1.1 Mailbox unavailable", times=None)

    email = send_through_outbox("Award results", "gone@school.example")

    email = wait_for_status(email, OutgoingEmail.Status.FAILED)
    assert email.last_error == "SMTPDataError: (550, b'5.1.1 Mailbox unavailable')"
    assert (email.attempts, email.sent_at) == (1, None)
    [task_id] = {event.task_id for event in worker.task_events()}
    assert worker.wait_for_result(task_id) == "False"
    [refused] = smtp_server.attempts(email.message_id)
    assert refused.reply == "550 5.1.1 Mailbox unavailable"
    assert smtp_server.delivered(email.message_id) == []
