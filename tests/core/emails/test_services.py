"""core/emails/services.py: staff's wording saved over the default (checked, recorded) and
reset to it (moved from the conference e-mail tests, every assertion kept; the audit's actions
are now email_text.edited and email_text.reset, and the note is the e-mail's key)."""

import pytest

from core.audit.models import AuditEntry
from core.emails.errors import EmailTextError
from core.emails.models import EmailTemplate
from core.emails.registry import email
from core.emails.services import email_text_reset, email_text_save

pytestmark = pytest.mark.django_db


def test_email_text_save_creates_then_updates_and_records(staff):
    email_text_save(
        email=email("conferences.approved"), subject=" Yes, {name} ", body="Welcome", by=staff
    )
    template = email_text_save(
        email=email("conferences.approved"),
        subject="Welcome, {name}",
        body="See {programme_url}",
        by=staff,
    )

    assert list(EmailTemplate.objects.values_list("key", "subject", "body", "updated_by")) == [
        ("conferences.approved", "Welcome, {name}", "See {programme_url}", staff.pk)
    ]
    assert list(
        AuditEntry.objects.order_by("pk").values_list("actor", "action", "target_id", "note")
    ) == [
        (staff.pk, "email_text.edited", template.pk, "conferences.approved"),
        (staff.pk, "email_text.edited", template.pk, "conferences.approved"),
    ]


@pytest.mark.parametrize(
    ("subject", "body", "message"),
    [
        ("Hi {nope}", "Body", "Unknown placeholder {nope}."),
        ("Hi", "Until {deadline}", "{deadline} cannot be used"),
        ("Hi", "Dear {name", "A lone “{”"),
        ("Hi\nthere", "Body", "The subject must fit on one line."),
        ("  ", "Body", "Write a subject."),
        ("Hi", " ", "Write the text of the e-mail."),
    ],
)
def test_email_text_save_refuses_bad_text_and_changes_nothing(staff, subject, body, message):
    with pytest.raises(EmailTextError, match=message.replace("{", r"\{").replace("}", r"\}")):
        email_text_save(email=email("conferences.received"), subject=subject, body=body, by=staff)

    assert EmailTemplate.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_email_text_reset_deletes_the_row_and_records(staff):
    template = email_text_save(
        email=email("conferences.reminder"), subject="Soon", body="Body", by=staff
    )

    assert email_text_reset(email=email("conferences.reminder"), by=staff) is True
    assert email_text_reset(email=email("conferences.reminder"), by=staff) is False

    assert EmailTemplate.objects.count() == 0
    assert list(AuditEntry.objects.order_by("pk").values_list("action", "target_id")) == [
        ("email_text.edited", template.pk),
        ("email_text.reset", template.pk),
    ]


def test_a_refusal_names_the_field_it_is_about(staff):
    with pytest.raises(EmailTextError) as refused:
        email_text_save(
            email=email("collaborations.join_requested"), subject="Hi", body="{x}", by=staff
        )

    assert refused.value.field == "body"
