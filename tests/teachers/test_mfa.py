"""Accounts that cannot be taken over (issue 14): the back office signs in through allauth, and
staff, judges and superusers need a second factor (core/mfa.py) before their pages open."""

import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.utils import is_mfa_enabled
from django.urls import reverse

from ..factories import (
    PASSWORD,
    TOTP_SECRET,
    JudgeFactory,
    StaffFactory,
    UserFactory,
    totp_code,
)

pytestmark = pytest.mark.django_db

SETUP = reverse("teachers:mfa_setup")


def log_in(client, email, password=PASSWORD, next_url=""):
    url = reverse("account_login") + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"login": email, "password": password})


# --- The back office signs in through allauth ------------------------------------------------


def test_back_office_login_page_is_allauths(client):
    response = client.get("/back-office/login/?next=/back-office/")

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert "next=%2Fback-office%2F" in response.url


def test_posting_to_the_old_back_office_form_does_not_sign_in(client):
    staff = StaffFactory(email="ops@asef.example", is_superuser=True)

    response = client.post(
        "/back-office/login/?next=/back-office/",
        {"username": staff.email, "password": PASSWORD, "next": "/back-office/"},
    )

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session
    assert client.get("/back-office/").status_code == 302


def test_wrong_passwords_lock_the_back_office_login(client):
    StaffFactory(email="ops@asef.example", is_superuser=True)
    for _ in range(6):
        log_in(client, "ops@asef.example", "wrong-password", next_url="/back-office/")

    response = log_in(client, "ops@asef.example", next_url="/back-office/")

    assert response.status_code in (200, 429)
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/back-office/").status_code == 302


def test_back_office_login_asks_for_the_code_then_opens(client):
    StaffFactory(email="ops@asef.example", is_superuser=True)

    response = log_in(client, "ops@asef.example", next_url="/back-office/")
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response.status_code == 302
    assert response.url == "/back-office/"
    assert client.get("/back-office/").status_code == 200


def test_a_wrong_code_is_refused_on_the_form(client):
    StaffFactory(email="ops@asef.example")
    log_in(client, "ops@asef.example")

    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})

    assert response.status_code == 200
    assert "Incorrect code" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_recovery_code_signs_in_once(client):
    staff = StaffFactory(email="ops@asef.example")
    code = RecoveryCodes.activate(staff).get_unused_codes()[0]
    log_in(client, "ops@asef.example")

    response = client.post(reverse("mfa_authenticate"), {"code": code})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


# --- The requirement ------------------------------------------------------------------------


@pytest.fixture(
    params=[
        pytest.param(lambda: StaffFactory(totp=False), id="staff"),
        pytest.param(lambda: JudgeFactory(totp=False), id="judge"),
        pytest.param(lambda: UserFactory(is_superuser=True, is_staff=True, totp=False), id="su"),
    ]
)
def without_mfa(request):
    return request.param()


@pytest.mark.parametrize(
    "path", ["/staff/", "/me/", "/awards/", "/back-office/", "/accounts/email/"]
)
def test_roles_without_mfa_are_sent_to_set_up(client, without_mfa, path):
    client.force_login(without_mfa)

    response = client.get(path)

    assert response.status_code == 302
    assert response.url == SETUP
    assert client.session["mfa_setup_next"] == path


def test_a_post_without_mfa_is_refused_too(client, without_mfa):
    client.force_login(without_mfa)

    response = client.post(reverse("account_email"), {"email": "x@school.example"})

    assert response.status_code == 302
    assert response.url == SETUP


def test_the_set_up_pages_and_logout_stay_open(client, without_mfa):
    client.force_login(without_mfa)

    page = client.get(SETUP)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Before these pages open" in body
    assert reverse("mfa_activate_totp") in body
    assert "authenticator app" in body
    # A security key or passkey is the other way offered.
    assert reverse("mfa_add_webauthn") in body
    assert client.get(reverse("mfa_add_webauthn")).url.startswith(reverse("account_reauthenticate"))
    # allauth first asks for the password again (a force_login is not a recent log-in).
    assert client.get(reverse("mfa_activate_totp")).url.startswith(
        reverse("account_reauthenticate")
    )
    assert client.get(reverse("mfa_index")).status_code == 200
    assert client.post(reverse("account_logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_teachers_are_not_forced(client, teacher):
    client.force_login(teacher)

    assert client.get("/me/").status_code == 200
    page = client.get(SETUP)
    assert page.status_code == 200
    assert "Before these pages open" not in page.content.decode()


def test_teachers_may_switch_it_on_from_my_classnet(client, teacher):
    client.force_login(teacher)

    assert reverse("mfa_index") in client.get("/me/").content.decode()
    assert reverse("mfa_index") in client.get(reverse("account_email")).content.decode()


@pytest.mark.parametrize("make", [StaffFactory, JudgeFactory], ids=["staff", "judge"])
def test_roles_with_mfa_pass(client, make):
    client.force_login(make())

    assert client.get("/me/").status_code == 200


def test_the_requirement_can_be_switched_off(client, settings):
    settings.MFA_REQUIRED_FOR_ROLES = False
    client.force_login(StaffFactory(totp=False))

    assert client.get("/staff/").status_code == 200


def test_a_role_granted_later_is_caught_on_the_next_page(client, teacher):
    client.force_login(teacher)
    assert client.get("/me/").status_code == 200
    teacher.is_superuser = True
    teacher.save()

    assert client.get("/me/").url == SETUP


def test_removing_the_authenticator_sends_back_to_set_up(client):
    staff = StaffFactory()
    client.force_login(staff)
    assert client.get("/staff/").status_code == 200
    reauth = client.get(reverse("mfa_deactivate_totp"))
    client.post(reauth.url, {"password": PASSWORD})

    response = client.post(reverse("mfa_deactivate_totp"))

    assert response.status_code == 302
    assert not is_mfa_enabled(staff)
    assert client.get("/staff/").url == SETUP


def test_set_up_journey_returns_where_they_were_going(client):
    staff = StaffFactory(email="new@asef.example", totp=False)

    response = log_in(client, "new@asef.example", next_url="/staff/")
    assert response.url == "/staff/"
    assert client.get("/staff/").url == SETUP

    # allauth asks for the password once more before an authenticator is added.
    reauth = client.get(reverse("mfa_activate_totp"))
    assert reauth.url.startswith(reverse("account_reauthenticate"))
    resumed = client.post(reauth.url, {"password": PASSWORD})
    assert resumed.url == reverse("mfa_activate_totp")
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    body = page.content.decode()
    assert 'src="data:image/svg+xml;base64,' in body
    secret = re.search(r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"', body).group(1)

    refused = client.post(reverse("mfa_activate_totp"), {"code": "123456"})
    assert refused.status_code == 200
    assert "Incorrect code" in refused.content.decode()

    done = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert done.url == reverse("mfa_view_recovery_codes")
    assert is_mfa_enabled(staff)
    codes = client.get(done.url)
    assert "I have saved my codes" in codes.content.decode()

    back = client.get(SETUP)
    assert back.url == "/staff/"
    assert client.get("/staff/").status_code == 200


def test_the_totp_secret_of_the_factories_is_the_documented_one():
    staff = StaffFactory()

    assert Authenticator.objects.get(user=staff, type="totp").data["secret"] == TOTP_SECRET
