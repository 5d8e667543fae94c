"""Staff's wording of an e-mail: saved over the default after checking, or reset to it."""

from django.db import transaction
from django.utils.translation import gettext as _

from core.audit.services import audit_record

from .errors import EmailTextError
from .models import EmailTemplate
from .registry import Email
from .text import placeholder_problems


def _check(email: Email, subject: str, body: str) -> None:
    if not subject.strip():
        raise EmailTextError(_("Write a subject."), field="subject")
    if "\n" in subject or "\r" in subject:
        raise EmailTextError(_("The subject must fit on one line."), field="subject")
    if not body.strip():
        raise EmailTextError(_("Write the text of the e-mail."), field="body")
    for field, text in (("subject", subject), ("body", body)):
        problems = placeholder_problems(text, email)
        if problems:
            raise EmailTextError(problems[0], field=field)


@transaction.atomic
def email_text_save(*, email: Email, subject: str, body: str, by) -> EmailTemplate:
    """Staff's own wording of one e-mail; checked, saved over the default, and recorded."""
    subject, body = subject.strip(), body.strip()
    _check(email, subject, body)
    EmailTemplate(key=email.key, subject=subject, body=body).full_clean(validate_unique=False)
    template, _created = EmailTemplate.objects.update_or_create(
        key=email.key, defaults={"subject": subject, "body": body, "updated_by": by}
    )
    audit_record(actor=by, action="email_text.edited", target=template, note=email.key)
    return template


@transaction.atomic
def email_text_reset(*, email: Email, by) -> bool:
    """Back to the default wording: staff's row goes. Returns whether there was one."""
    template = EmailTemplate.objects.select_for_update().filter(key=email.key).first()
    if template is None:
        return False
    audit_record(actor=by, action="email_text.reset", target=template, note=email.key)
    template.delete()
    return True
