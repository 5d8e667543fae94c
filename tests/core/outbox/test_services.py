import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail
from django.utils import timezone

from core.outbox import services
from core.outbox.models import OutgoingEmail


class FailingBackend:
    """A delivery mailer that raises the given error; stands in for an SMTP server."""

    error: Exception | None = None

    def __init__(self, **kwargs):
        pass

    def send_messages(self, messages):
        raise type(self).error


@pytest.fixture
def failing_delivery(settings):
    settings.MAILERS = settings.MAILERS | {
        "delivery": {"BACKEND": "tests.core.outbox.test_services.FailingBackend"}
    }
    return FailingBackend


def test_send_mail_records_the_message_and_delivers_after_commit(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        send_mail("Hello", "Body text", "from@classnet.local", ["to@school.example"])
        email = OutgoingEmail.objects.get()
        assert email.status == OutgoingEmail.Status.QUEUED
        assert mail.outbox == []

    assert len(callbacks) == 1
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT
    assert email.sent_at is not None
    assert email.attempts == 1
    [delivered] = mail.outbox
    assert (delivered.subject, delivered.to) == ("Hello", ["to@school.example"])
    assert delivered.extra_headers["Message-ID"] == email.message_id


def test_html_alternative_and_headers_survive_the_outbox(db, django_capture_on_commit_callbacks):
    message = EmailMultiAlternatives(
        "Hi",
        "text",
        "from@classnet.local",
        ["a@school.example"],
        cc=["b@school.example"],
        reply_to=["staff@classnet.local"],
        headers={"X-Tag": "test"},
    )
    message.attach_alternative("<p>html</p>", "text/html")

    with django_capture_on_commit_callbacks(execute=True):
        message.send()

    [delivered] = mail.outbox
    assert delivered.alternatives[0].content == "<p>html</p>"
    assert delivered.cc == ["b@school.example"]
    assert delivered.reply_to == ["staff@classnet.local"]
    assert delivered.extra_headers["X-Tag"] == "test"


def test_nothing_is_sent_when_the_transaction_rolls_back(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send_mail("Hello", "Body", "from@classnet.local", ["to@school.example"])

    assert len(callbacks) == 1  # would run only on commit
    assert mail.outbox == []


def test_deliver_twice_sends_once(db):
    email = services.email_enqueue(
        message=mail.EmailMessage("Once", "Body", "f@classnet.local", ["t@school.example"])
    )

    assert services.email_deliver(email_id=email.pk) is True
    assert services.email_deliver(email_id=email.pk) is False

    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutgoingEmail.Status.SENT, 1)


def test_deliver_does_nothing_for_a_row_another_worker_claimed(db):
    email = services.email_enqueue(
        message=mail.EmailMessage("Claimed", "Body", "f@classnet.local", ["t@school.example"])
    )
    OutgoingEmail.objects.filter(pk=email.pk).update(status=OutgoingEmail.Status.SENDING)

    assert services.email_deliver(email_id=email.pk) is False
    assert mail.outbox == []


def test_deliver_of_a_deleted_row_returns_quietly(db):
    assert services.email_deliver(email_id=987654) is False


@pytest.mark.parametrize(
    "error",
    [
        smtplib.SMTPServerDisconnected("gone"),
        smtplib.SMTPResponseException(421, b"try later"),
        smtplib.SMTPRecipientsRefused({"t@school.example": (450, b"greylisted")}),
        ConnectionRefusedError("refused"),
        TimeoutError("slow"),
    ],
)
def test_transient_failure_requeues_and_raises(db, failing_delivery, error):
    failing_delivery.error = error
    email = services.email_enqueue(
        message=mail.EmailMessage("T", "Body", "f@classnet.local", ["t@school.example"])
    )

    with pytest.raises(services.TransientDeliveryError):
        services.email_deliver(email_id=email.pk)

    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.QUEUED
    assert email.attempts == 1
    assert type(error).__name__ in email.last_error


@pytest.mark.parametrize(
    "error",
    [
        smtplib.SMTPResponseException(550, b"no such user"),
        smtplib.SMTPRecipientsRefused({"t@school.example": (550, b"unknown")}),
        smtplib.SMTPAuthenticationError(535, b"bad credentials"),
    ],
)
def test_permanent_failure_marks_failed(db, failing_delivery, error):
    failing_delivery.error = error
    email = services.email_enqueue(
        message=mail.EmailMessage("P", "Body", "f@classnet.local", ["t@school.example"])
    )

    with pytest.raises(services.PermanentDeliveryError):
        services.email_deliver(email_id=email.pk)

    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.FAILED


def test_requeue_stale_redispatches_old_queued_and_fails_stuck_sending(
    db, celery_eager, django_capture_on_commit_callbacks
):
    old = timezone.now() - timedelta(hours=1)
    stale = services.email_enqueue(
        message=mail.EmailMessage("Stale", "B", "f@classnet.local", ["t@school.example"])
    )
    fresh = services.email_enqueue(
        message=mail.EmailMessage("Fresh", "B", "f@classnet.local", ["t@school.example"])
    )
    stuck = services.email_enqueue(
        message=mail.EmailMessage("Stuck", "B", "f@classnet.local", ["t@school.example"])
    )
    OutgoingEmail.objects.filter(pk=stale.pk).update(created_at=old)
    OutgoingEmail.objects.filter(pk=stuck.pk).update(
        status=OutgoingEmail.Status.SENDING, claimed_at=old
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert services.emails_requeue_stale() == 1

    statuses = dict(OutgoingEmail.objects.values_list("subject", "status"))
    assert statuses == {"Stale": "sent", "Fresh": "queued", "Stuck": "failed"}
    assert [m.subject for m in mail.outbox] == ["Stale"]
    assert fresh.pk != stale.pk


def test_requeue_sends_a_failed_email_again(db, django_capture_on_commit_callbacks):
    email = services.email_enqueue(
        message=mail.EmailMessage("Again", "B", "f@classnet.local", ["t@school.example"])
    )
    OutgoingEmail.objects.filter(pk=email.pk).update(status=OutgoingEmail.Status.FAILED)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.email_requeue(email_id=email.pk) is True

    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT
    assert len(mail.outbox) == 1
    assert services.email_requeue(email_id=email.pk) is False


def test_a_broker_outage_does_not_fail_the_sender(
    db, django_capture_on_commit_callbacks, monkeypatch
):
    from celery import Task
    from kombu.exceptions import OperationalError

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    # The send that the transaction-aware task makes once the transaction has committed.
    monkeypatch.setattr(Task, "apply_async", broker_down)

    with django_capture_on_commit_callbacks(execute=True):
        sent = send_mail("Hello", "Body", "from@classnet.local", ["to@school.example"])

    assert sent == 1
    # Still queued: the beat sweep (emails_requeue_stale) hands it to Celery again.
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.QUEUED
