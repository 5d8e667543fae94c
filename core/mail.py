"""E-mails the portal sends: each is registered by its app (core/emails) and worded by staff or
by default. send_templated_email(template=..., to=..., context=...) is how the apps send one:
`template` is the registered e-mail's name in the app's code ("join_requested") or its key
("collaborations.join_requested"). Sending goes through the default mailer, i.e. the outbox:
the message is recorded now and delivered by Celery after the surrounding transaction commits
(and never if it rolls back).
"""

from django.conf import settings

from core.emails.registry import for_template
from core.emails.sending import send_email


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def absolute_file_url(field, url: str | None = None) -> str | None:
    """The full address of a stored file (S3 gives one already, local storage a path); `url`:
    the address to use instead of the file's own (a private file's permission-checked view)."""
    if not field:
        return None
    url = url or field.url
    return url if url.startswith(("http://", "https://")) else absolute_url(url)


def send_templated_email(*, template: str, to: list[str], context: dict) -> None:
    """Queue the registered e-mail `template` to `to`, filled from `context`."""
    send_email(for_template(template, context), to=to, context=context)
