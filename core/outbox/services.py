"""Writes for the outbox: record an e-mail and hand it to Celery after commit, requeue what got
stuck, erase a person's mail (selectors.py finds it). Delivering one e-mail, exactly once, is
delivery.py's (the outbox.deliver_email task calls it); this module sends that task by name."""

import base64
from datetime import timedelta
from email.message import Message

from django.core.mail import EmailMessage, make_msgid
from django.utils import timezone

from ..tasks import enqueue
from .delivery import (
    PermanentDeliveryError,
    TransientDeliveryError,
    email_deliver,
    email_mark_failed,
)
from .models import MAX_ATTACHMENTS_BYTES, OutgoingEmail
from .selectors import emails_to

__all__ = [
    "PermanentDeliveryError",
    "TransientDeliveryError",
    "email_deliver",
    "email_enqueue",
    "email_mark_failed",
    "email_requeue",
    "emails_erase_for",
    "emails_requeue_stale",
]


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
    enqueue("outbox.deliver_email", email_id=email.pk)
    return email


def emails_requeue_stale(
    *, queued_for: timedelta = timedelta(minutes=10), sending_for: timedelta = timedelta(minutes=30)
) -> int:
    """Sweep the outbox (Celery beat runs this every few minutes).

    Queued e-mails whose task never ran (say, the broker was down at commit) are handed to Celery
    again: safe, since a task that finds its e-mail already claimed does nothing. E-mails stuck in
    sending (a worker died mid-delivery) are marked failed rather than resent, because they may
    have reached the server: never twice wins over at least once; staff can requeue them.
    """
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
        enqueue("outbox.deliver_email", email_id=email_id)
    return len(ids)


def emails_erase_for(*, address: str) -> int:
    """Delete the mail sent to a person who erases their account."""
    deleted, _ = emails_to(address=address).delete()
    return deleted


def email_requeue(*, email_id: int) -> bool:
    """Staff ask for a failed e-mail to be tried again."""
    updated = OutgoingEmail.objects.filter(pk=email_id, status=OutgoingEmail.Status.FAILED).update(
        status=OutgoingEmail.Status.QUEUED, last_error=""
    )
    if updated:
        enqueue("outbox.deliver_email", email_id=email_id)
    return bool(updated)
