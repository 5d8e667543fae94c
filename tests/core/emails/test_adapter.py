"""allauth's e-mails go through the registry where one is registered (staff's wording used),
and through allauth's templates otherwise."""

import pytest
from django.core import mail
from django.urls import reverse

from core.emails.models import EmailTemplate
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_password_reset_uses_staffs_text(client, django_capture_on_commit_callbacks):
    UserFactory(email="lee@school.example", full_name="Lee Min")
    EmailTemplate.objects.create(
        key="account.password_reset_key", subject="New password, {name}", body="Go: {url}"
    )

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": "lee@school.example"})

    [message] = mail.outbox
    assert message.subject == "[ClassNet] New password, Lee Min"
    assert message.body.startswith("Go: http://testserver/accounts/password/reset/key/")


def test_password_reset_default_text(client, django_capture_on_commit_callbacks):
    UserFactory(email="lee@school.example")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": "lee@school.example"})

    [message] = mail.outbox
    assert message.subject == "[ClassNet] Reset your password"
    assert "ClassNet account of lee@school.example" in message.body
    assert "/accounts/password/reset/key/" in message.alternatives[0][0]


def test_an_unregistered_allauth_email_uses_allauths_template():
    from core.emails.adapter import AccountAdapter

    with pytest.raises(Exception, match=r"account/email/nothing_here_subject\.txt"):
        AccountAdapter().render_mail("account/email/nothing_here", "a@x.example", {})
