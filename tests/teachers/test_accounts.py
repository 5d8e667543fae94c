"""Account journeys through real HTTP: sign-up, verification, log-in, reset, changes."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from core.outbox.models import OutgoingEmail
from schools.models import Country
from teachers.models import TeacherProfile, User

from ..factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def signup_data(**overrides):
    data = {
        "full_name": "Maria Santos",
        "email": "maria@school.example",
        "country": Country.objects.get(code="PH").pk,
        "password1": "Sunny-classroom-42",
        "password2": "Sunny-classroom-42",
    }
    return data | overrides


def link_in(message, pattern: str) -> str:
    match = re.search(rf"https?://testserver(\S*{pattern}\S*)", message.body)
    assert match, message.body
    return match.group(1)


def test_signup_verification_login_journey(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_signup"), signup_data())

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    user = User.objects.get(email="maria@school.example")
    assert (user.full_name, user.country.code) == ("Maria Santos", "PH")
    assert user.teacher_profile.verification == TeacherProfile.Verification.PENDING
    [message] = mail.outbox
    assert message.to == ["maria@school.example"]
    assert "Confirm" in message.subject
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.SENT

    # Not verified yet: the log-in leads back to the verification page, not in.
    response = client.post(
        reverse("account_login"),
        {"login": "maria@school.example", "password": "Sunny-classroom-42"},
    )
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")

    confirm_url = link_in(message, "/accounts/confirm-email/")
    page = client.get(confirm_url)
    assert page.status_code == 200
    assert b"maria@school.example" in page.content
    response = client.post(confirm_url, follow=True)

    assert response.redirect_chain[-1][0] == reverse("teachers:dashboard")
    assert response.context["user"] == user
    assert EmailAddress.objects.get(user=user).verified is True
    assert "Welcome, Maria Santos" in response.content.decode()
    assert "Awaiting verification" in response.content.decode()

    client.post(reverse("account_logout"))
    response = client.post(
        reverse("account_login"),
        {"login": "MARIA@school.example", "password": "Sunny-classroom-42"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("teachers:dashboard")
    assert response.context["user"] == user


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"password2": "Other-password-42"}, "password2", "You must type the same password"),
        ({"password1": "12345678", "password2": "12345678"}, "password1", "too common"),
        ({"password1": "short", "password2": "short"}, "password1", "too short"),
        ({"email": "not-an-address"}, "email", "Enter a valid email address"),
        ({"full_name": ""}, "full_name", "This field is required"),
        ({"country": ""}, "country", "This field is required"),
    ],
)
def test_bad_signup_shows_the_message_on_the_form(client, overrides, field, message):
    response = client.post(reverse("account_signup"), signup_data(**overrides))

    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors[field])
    assert message in errors
    assert message in response.content.decode().replace("&#x27;", "'")
    assert User.objects.count() == 0
    assert OutgoingEmail.objects.count() == 0


def test_signup_with_a_taken_email_is_refused_on_the_form(client):
    UserFactory(email="maria@school.example")

    response = client.post(reverse("account_signup"), signup_data(email="Maria@School.example"))

    assert response.status_code == 200
    assert "already registered" in " ".join(response.context["form"].errors["email"])
    assert User.objects.count() == 1
    # What was typed is kept.
    assert 'value="Maria Santos"' in response.content.decode()


def test_login_with_a_wrong_password_says_so(client):
    UserFactory(email="kim@school.example")

    response = client.post(
        reverse("account_login"), {"login": "kim@school.example", "password": "wrong-one"}
    )

    assert response.status_code == 200
    assert "not correct" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failed_logins_are_rate_limited(client):
    UserFactory(email="kim@school.example")
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "kim@school.example", "password": "x"})

    response = client.post(
        reverse("account_login"), {"login": "kim@school.example", "password": PASSWORD}
    )

    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_journey(client, django_capture_on_commit_callbacks):
    user = UserFactory(email="lee@school.example")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": "lee@school.example"})
    assert response.url == reverse("account_reset_password_done")
    [message] = mail.outbox
    assert message.to == ["lee@school.example"]

    reset_url = link_in(message, "/accounts/password/reset/key/")
    form_url = client.get(reset_url).url  # allauth moves the key into the session
    response = client.post(
        form_url, {"password1": "Brand-new-secret-77", "password2": "Brand-new-secret-77"}
    )

    assert response.url == reverse("account_reset_password_from_key_done")
    user.refresh_from_db()
    assert user.check_password("Brand-new-secret-77")


def test_password_change(client):
    user = UserFactory()
    client.force_login(user)

    bad = client.post(
        reverse("account_change_password"),
        {"oldpassword": "wrong", "password1": "New-secret-2026", "password2": "New-secret-2026"},
    )
    assert "Please type your current password" in bad.content.decode()
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "New-secret-2026", "password2": "New-secret-2026"},
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("New-secret-2026")


def test_adding_an_email_address_sends_a_verification_mail(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(email="first@school.example")
    client.force_login(user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_email"), {"action_add": "", "email": "second@school.example"}
        )

    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["second@school.example"]]
    assert set(EmailAddress.objects.filter(user=user).values_list("email", "verified")) == {
        ("first@school.example", True),
        ("second@school.example", False),
    }


def test_logout_needs_a_post(client):
    user = UserFactory()
    client.force_login(user)

    client.post(reverse("account_logout"))

    assert "_auth_user_id" not in client.session
