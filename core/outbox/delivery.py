"""Delivering one recorded e-mail, exactly once (the service the outbox.deliver_email task
calls, retried with backoff on a transient failure). services.py records e-mails and sends that
task by name after commit; imports run one way: tasks -> services -> delivery -> models."""

import base64
import smtplib

from django.core.mail import EmailMultiAlternatives, mailers
from django.db.models import F
from django.utils import timezone

from .models import OutgoingEmail

MAX_RETRIES = 8


class TransientDeliveryError(Exception):
    """The mail server could not take the message now; trying again later may work."""


class PermanentDeliveryError(Exception):
    """The mail server refused the message for good (e.g. a 5xx reply)."""


def _is_transient(error: Exception) -> bool:
    """Whether trying again later may succeed: 4xx replies, dropped or refused connections."""
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return True
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPException):
        return False
    return isinstance(error, OSError)  # refused connection, timeout, name resolution


def _build_message(email: OutgoingEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body,
        from_email=email.from_email,
        to=email.to,
        cc=email.cc,
        bcc=email.bcc,
        reply_to=email.reply_to,
        headers={**email.headers, "Message-ID": email.message_id},
    )
    if email.html_body:
        message.attach_alternative(email.html_body, "text/html")
    for attachment in email.attachments:
        message.attach(
            attachment["filename"],
            base64.b64decode(attachment["content"]),
            attachment["mimetype"],
        )
    return message


def email_deliver(*, email_id: int) -> bool:
    """Deliver one recorded e-mail. Returns True when this call sent it.

    Raises TransientDeliveryError when the server should be tried again later (the row goes
    back to queued), and marks the row failed on a permanent refusal.
    """
    claimed = OutgoingEmail.objects.filter(pk=email_id, status=OutgoingEmail.Status.QUEUED).update(
        status=OutgoingEmail.Status.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
    )
    if not claimed:
        # Already sent, being sent by another worker, failed for good, or deleted.
        return False
    email = OutgoingEmail.objects.get(pk=email_id)
    try:
        mailers[email.mailer].send_messages([_build_message(email)])
    except Exception as error:
        transient = _is_transient(error)
        OutgoingEmail.objects.filter(pk=email_id).update(
            status=OutgoingEmail.Status.QUEUED if transient else OutgoingEmail.Status.FAILED,
            last_error=f"{type(error).__name__}: {error}"[:2000],
        )
        if transient:
            raise TransientDeliveryError(str(error)) from error
        raise PermanentDeliveryError(str(error)) from error
    OutgoingEmail.objects.filter(pk=email_id).update(
        status=OutgoingEmail.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    return True


def email_mark_failed(*, email_id: int, reason: str) -> None:
    """Give up on an e-mail after its last retry; staff see it in the back office."""
    OutgoingEmail.objects.filter(pk=email_id, status=OutgoingEmail.Status.QUEUED).update(
        status=OutgoingEmail.Status.FAILED, last_error=reason[:2000]
    )
