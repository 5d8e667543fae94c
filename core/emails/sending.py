"""Sending a registered e-mail: staff's wording or the default, filled with the sender's
context, as text and HTML, through the default mailer (the outbox: recorded now, delivered by
Celery after the surrounding transaction commits, and never if it rolls back)."""

from collections.abc import Mapping

from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from .registry import Email, email
from .selectors import current_text
from .text import RenderedEmail, render_email


def render_registered(item: Email, context: Mapping) -> RenderedEmail:
    """The e-mail as it goes out now for this context (staff's text, or the default)."""
    subject, body, _template = current_text(item)
    return render_email(subject=subject, body=body, values=item.placeholder_values(context))


def preview_email(
    *, item: Email, subject: str, body: str, options: Mapping[str, str] | None = None
) -> RenderedEmail:
    """The e-mail as its sample recipient would receive it with this (unsaved) text."""
    context = item.sample(options or {})
    return render_email(subject=subject, body=body, values=item.placeholder_values(context))


def send_email(
    item: Email | str,
    *,
    to: list[str],
    context: Mapping,
    attachments: list[tuple[str, bytes, str]] | None = None,
) -> None:
    """Queue the e-mail to `to` (through the outbox, after commit).

    attachments: (filename, content, mimetype) each, e.g. a calendar file.
    """
    item = email(item) if isinstance(item, str) else item
    rendered = render_registered(item, context)
    message = EmailMultiAlternatives(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{rendered.subject}",
        body=rendered.text,
        to=to,
    )
    message.attach_alternative(rendered.html, "text/html")
    for filename, content, mimetype in attachments or ():
        message.attach(filename, content, mimetype)
    message.send()
