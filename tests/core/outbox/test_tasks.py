import smtplib

import pytest
from celery.exceptions import Retry
from django.core import mail

from core.outbox import services, tasks
from core.outbox.models import OutgoingEmail

from .test_services import FailingBackend


@pytest.fixture
def queued_email(db):
    return services.email_enqueue(
        message=mail.EmailMessage("Task", "Body", "f@classnet.local", ["t@school.example"])
    )


def test_task_delivers_by_id(queued_email):
    assert tasks.deliver_email.apply(kwargs={"email_id": queued_email.pk}).get() is True
    assert len(mail.outbox) == 1


def test_task_retries_a_transient_failure_with_backoff(queued_email, settings, monkeypatch):
    settings.MAILERS = settings.MAILERS | {
        "delivery": {"BACKEND": "tests.core.outbox.test_services.FailingBackend"}
    }
    FailingBackend.error = smtplib.SMTPResponseException(421, b"busy")
    countdowns = []

    def fake_retry(*, exc, countdown):
        countdowns.append(countdown)
        return Retry(exc=exc, when=countdown)

    monkeypatch.setattr(tasks.deliver_email, "retry", fake_retry)

    with pytest.raises(Retry):
        tasks.deliver_email.run(email_id=queued_email.pk)

    assert countdowns == [2]
    queued_email.refresh_from_db()
    assert queued_email.status == OutgoingEmail.Status.QUEUED


def test_task_marks_failed_after_the_last_retry(queued_email, settings):
    settings.MAILERS = settings.MAILERS | {
        "delivery": {"BACKEND": "tests.core.outbox.test_services.FailingBackend"}
    }
    FailingBackend.error = smtplib.SMTPServerDisconnected("gone")
    tasks.deliver_email.push_request(retries=tasks.MAX_RETRIES)
    try:
        result = tasks.deliver_email.run(email_id=queued_email.pk)
    finally:
        tasks.deliver_email.pop_request()

    assert result is False
    queued_email.refresh_from_db()
    assert queued_email.status == OutgoingEmail.Status.FAILED
    assert queued_email.last_error.startswith("Gave up")


def test_task_returns_false_on_permanent_failure(queued_email, settings):
    settings.MAILERS = settings.MAILERS | {
        "delivery": {"BACKEND": "tests.core.outbox.test_services.FailingBackend"}
    }
    FailingBackend.error = smtplib.SMTPResponseException(550, b"no")

    assert tasks.deliver_email.run(email_id=queued_email.pk) is False
    queued_email.refresh_from_db()
    assert queued_email.status == OutgoingEmail.Status.FAILED
