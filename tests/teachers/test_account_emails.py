"""Every e-mail allauth's account app can send is one staff can edit (teachers/emails/accounts.py),
and the security notices reach the account holder in staff's wording."""

from pathlib import Path

import allauth
import pytest
from django.core import mail
from django.urls import reverse

from core.emails.adapter import AccountAdapter
from core.emails.models import EmailTemplate
from core.emails.registry import for_template
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ALLAUTH_ACCOUNT_EMAILS = sorted(
    path.name.removesuffix("_subject.txt")
    for path in (Path(allauth.__file__).parent / "templates/account/email").glob("*_subject.txt")
)


def test_allauth_still_has_the_emails_we_know_of():
    # A new allauth e-mail shows up here first: register it in teachers/emails/accounts.py.
    assert len(ALLAUTH_ACCOUNT_EMAILS) == 13
    assert "password_changed" in ALLAUTH_ACCOUNT_EMAILS


@pytest.mark.parametrize("name", ALLAUTH_ACCOUNT_EMAILS)
def test_every_allauth_account_email_is_registered(name):
    # With a link, and with a code where allauth sends a code instead.
    assert for_template(f"account.{name}", {}).key.startswith("account.")
    assert for_template(f"account.{name}", {"code": "K7Q2XM"}).key.startswith("account.")


def test_a_confirmation_by_code_goes_in_the_codes_wording():
    assert for_template("account.email_confirmation_signup", {"code": "X"}).key == (
        "account.email_confirmation_signup_code"
    )
    assert for_template("account.email_confirmation_signup", {}).key == (
        "account.email_confirmation_signup"
    )


def test_a_code_reaches_the_teacher_in_staffs_wording(django_capture_on_commit_callbacks):
    UserFactory(email="lee@school.example", full_name="Lee Min")
    EmailTemplate.objects.create(
        key="account.email_confirmation_code", subject="Code for {name}", body="Type {code}"
    )

    with django_capture_on_commit_callbacks(execute=True):
        AccountAdapter().send_mail(
            "account/email/email_confirmation", "lee@school.example", {"code": "K7Q2XM"}
        )

    [message] = mail.outbox
    assert message.subject == "[ClassNet] Code for Lee Min"
    assert message.body.startswith("Type K7Q2XM")


def test_changing_the_password_tells_the_account_holder(client, django_capture_on_commit_callbacks):
    user = UserFactory(email="lee@school.example", full_name="Lee Min")
    client.force_login(user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_change_password"),
            {
                "oldpassword": PASSWORD,
                "password1": "New-secret-2026",
                "password2": "New-secret-2026",
            },
            REMOTE_ADDR="203.0.113.7",
        )

    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["lee@school.example"]
    assert message.subject == "[ClassNet] Your ClassNet password was changed"
    assert "Dear Lee Min," in message.body
    assert "from 203.0.113.7" in message.body
    assert " UTC from " in message.body
    assert "/accounts/password/reset/" in message.body


def test_a_notice_goes_in_staffs_wording(client, django_capture_on_commit_callbacks):
    user = UserFactory(email="lee@school.example", full_name="Lee Min")
    EmailTemplate.objects.create(
        key="account.password_changed", subject="Changed, {name}", body="At {time}; {reset_url}"
    )
    client.force_login(user)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_change_password"),
            {
                "oldpassword": PASSWORD,
                "password1": "New-secret-2026",
                "password2": "New-secret-2026",
            },
        )

    [message] = mail.outbox
    assert message.subject == "[ClassNet] Changed, Lee Min"
    assert message.body.startswith("At ")
    assert "/accounts/password/reset/" in message.body


def test_removing_an_address_tells_the_account_holder(client, django_capture_on_commit_callbacks):
    from allauth.account.models import EmailAddress

    user = UserFactory(email="first@school.example", full_name="Lee Min")
    EmailAddress.objects.create(user=user, email="old@school.example", verified=True)
    client.force_login(user)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_email"), {"action_remove": "", "email": "old@school.example"})

    [message] = mail.outbox
    assert message.to == ["first@school.example"]
    assert "old@school.example was removed from your ClassNet account" in message.body
