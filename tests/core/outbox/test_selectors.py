import uuid

import pytest
from django.utils import timezone

from core.outbox.models import OutgoingEmail
from core.outbox.selectors import emails_to, failed_email_count

pytestmark = pytest.mark.django_db


def _email(to: list[str], status: str = "queued") -> OutgoingEmail:
    return OutgoingEmail.objects.create(
        message_id=f"<{uuid.uuid4()}@x>",
        from_email="f@x.org",
        to=to,
        recipients=OutgoingEmail.recipients_key(to),
        status=status,
        sent_at=timezone.now() if status == "sent" else None,
    )


def test_emails_to_finds_a_persons_mail_whatever_the_case_and_nobody_elses():
    mine = _email(["Ana@Example.org"])
    _email(["bo@example.org"])
    _email(["xana@example.org"])  # a longer address that contains hers is not hers
    assert list(emails_to(address=" ana@example.ORG ")) == [mine]


def test_failed_email_count_counts_only_failed_mail():
    _email(["a@x.org"], status="failed")
    _email(["b@x.org"], status="failed")
    _email(["c@x.org"], status="sent")
    _email(["d@x.org"])
    assert failed_email_count() == 2
