"""Writes for the outbox: record an e-mail, deliver it exactly once, requeue what got stuck."""

import base64
import logging
import smtplib
from datetime import timedelta
from email.message import Message

from django.core.mail import EmailMessage, EmailMultiAlternatives, mailers, make_msgid
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import MAX_ATTACHMENTS_BYTES, OutgoingEmail

logger = logging.getLogger(__name__)


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


def _stored_attachments(message: EmailMessage) -> list[dict]:
    """The message's files as JSON rows (base64 content); ValueError past the size limit."""
    stored, total = [], 0
    for attachment in message.attachments:
        if isinstance(attachment, Message):  # a MIME part built by the sender
            filename = attachment.get_filename() or "attachment"
            mimetype = attachment.get_content_type()
            content = attachment.get_payload(decode=True) or b""
        else:
            filename, content, mimetype = attachment
            mimetype = mimetype or "application/octet-stream"
        if isinstance(content, str):
            content = content.encode()
        total += len(content)
        if total > MAX_ATTACHMENTS_BYTES:
            raise ValueError(
                "The outbox carries attachments of at most 1 MB in all: "
                "link to a stored file instead."
            )
        stored.append(
            {
                "filename": filename,
                "mimetype": mimetype,
                "content": base64.b64encode(content).decode("ascii"),
            }
        )
    return stored


def email_enqueue(*, message: EmailMessage, mailer: str = "delivery") -> OutgoingEmail:
    """Record one message and hand it to Celery after the current transaction commits.

    Attachments travel with the row (base64, at most MAX_ATTACHMENTS_BYTES in all); a larger
    message is refused with ValueError and nothing is recorded.
    """
    from .tasks import deliver_email

    attachments = _stored_attachments(message)
    headers = dict(message.extra_headers)
    message_id = headers.pop("Message-ID", None) or make_msgid(domain="classnet")
    html_body = ""
    for alternative in getattr(message, "alternatives", []):
        if alternative.mimetype == "text/html":
            html_body = alternative.content
    email = OutgoingEmail.objects.create(
        mailer=mailer,
        message_id=message_id,
        from_email=message.from_email,
        to=list(message.to),
        cc=list(message.cc),
        bcc=list(message.bcc),
        reply_to=list(message.reply_to),
        headers=headers,
        recipients=OutgoingEmail.recipients_key(message.recipients()),
        subject=str(message.subject),
        body=message.body,
        html_body=html_body,
        attachments=attachments,
    )
    # A broker outage must not fail the request that sent the mail: the row stays queued and
    # emails_requeue_stale hands it to Celery again.
    transaction.on_commit(lambda: deliver_email.delay(email_id=email.pk), robust=True)
    return email


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


def emails_requeue_stale(
    *, queued_for: timedelta = timedelta(minutes=10), sending_for: timedelta = timedelta(minutes=30)
) -> int:
    """Sweep the outbox (Celery beat runs this every few minutes).

    Queued e-mails whose task never ran (say, the broker was down at commit) are handed to Celery
    again: safe, since a task that finds its e-mail already claimed does nothing. E-mails stuck in
    sending (a worker died mid-delivery) are marked failed rather than resent, because they may
    have reached the server: never twice wins over at least once; staff can requeue them.
    """
    from .tasks import deliver_email

    now = timezone.now()
    OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.SENDING, claimed_at__lt=now - sending_for
    ).update(
        status=OutgoingEmail.Status.FAILED,
        last_error="Delivery outcome unknown: the worker stopped while sending.",
    )
    ids = list(
        OutgoingEmail.objects.filter(
            status=OutgoingEmail.Status.QUEUED, created_at__lt=now - queued_for
        ).values_list("pk", flat=True)[:500]
    )
    for email_id in ids:
        deliver_email.delay(email_id=email_id)
    return len(ids)


def emails_to(*, address: str):
    """Every e-mail the portal sent, or will send, to one address."""
    return OutgoingEmail.objects.filter(recipients__contains=f",{address.strip().lower()},")


def emails_erase_for(*, address: str) -> int:
    """Delete the mail sent to a person who erases their account."""
    deleted, _ = emails_to(address=address).delete()
    return deleted


def email_requeue(*, email_id: int) -> bool:
    """Staff ask for a failed e-mail to be tried again."""
    from .tasks import deliver_email

    updated = OutgoingEmail.objects.filter(pk=email_id, status=OutgoingEmail.Status.FAILED).update(
        status=OutgoingEmail.Status.QUEUED, last_error=""
    )
    if updated:
        transaction.on_commit(lambda: deliver_email.delay(email_id=email_id), robust=True)
    return bool(updated)
