"""E-mails from templates: one text and one HTML template per message, plus a subject.

templates/emails/<name>_subject.txt, <name>.txt and <name>.html. Sending goes through the
default mailer, i.e. the outbox: the message is recorded now and delivered by Celery after the
surrounding transaction commits (and never if it rolls back).
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def absolute_file_url(field) -> str | None:
    """The full address of a stored file (S3 gives one already, local storage a path)."""
    if not field:
        return None
    url = field.url
    return url if url.startswith(("http://", "https://")) else absolute_url(url)


def send_templated_email(*, template: str, to: list[str], context: dict) -> None:
    context = {"site_url": settings.SITE_URL.rstrip("/"), **context}
    subject = render_to_string(f"emails/{template}_subject.txt", context).strip()
    text = render_to_string(f"emails/{template}.txt", context)
    html = render_to_string(f"emails/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}", body=text, to=to
    )
    message.attach_alternative(html, "text/html")
    message.send()
