"""The conference's e-mails to applicants, one function for all of them.

Every e-mail about an application goes through send_application_email(kind, application): the
services never pick templates themselves. (Staff-editable texts replace the template files
here, behind the same function.)
"""

from classnet.mail import absolute_url, send_templated_email

from .models import Application

KINDS = ("received", "approved", "waitlisted", "offer", "rejected", "withdrawn", "reminder")


def send_application_email(
    kind: str, application: Application, *, extra: dict | None = None
) -> None:
    """Queue the `kind` e-mail to the applicant (through the outbox, after commit)."""
    if kind not in KINDS:
        raise ValueError(f"unknown conference e-mail {kind!r}")
    send_templated_email(
        template=f"application_{kind}",
        to=[application.teacher.user.email],
        context={
            "application": application,
            "edition": application.edition,
            "url": absolute_url(application.edition.get_absolute_url()),
            **(extra or {}),
        },
    )
