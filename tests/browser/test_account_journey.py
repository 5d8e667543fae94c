"""A teacher's first visit, in a real browser: sign up, confirm the e-mail, log out, log in."""

import re

from django.core import mail
from playwright.sync_api import Page, expect

from core.outbox.models import OutgoingEmail
from teachers.models import TeacherProfile, User
from tests.factories import UserFactory

from .support import CONFIRM_LINK, COUNTRY, EMAIL, FULL_NAME, PASSWORD, field, fill_signup, log_in

INVALID = re.compile(r"\bis-invalid\b")


def test_teacher_signs_up_confirms_email_logs_out_and_in_again(page: Page, app):
    page.goto("/")
    page.get_by_role("main").get_by_role("link", name="Join as a teacher").click()
    expect(page).to_have_url(f"{app.url}/accounts/signup/")

    fill_signup(page)

    expect(page).to_have_url(f"{app.url}/accounts/confirm-email/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify your email address")
    expect(page.get_by_role("alert")).to_contain_text(f"Confirmation email sent to {EMAIL}.")

    assert [message.to for message in mail.outbox] == [[EMAIL]]
    message = mail.outbox[0]
    assert message.subject.startswith("[ClassNet] ")
    assert "Confirm" in message.subject
    outgoing = OutgoingEmail.objects.get(message_id=message.extra_headers["Message-ID"])
    assert (outgoing.to, outgoing.status) == ([EMAIL], OutgoingEmail.Status.SENT)
    links = CONFIRM_LINK.findall(message.body)
    assert len(links) == 1
    assert links[0].startswith(f"{app.url}/accounts/confirm-email/")

    page.goto(links[0])
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm email address")
    expect(page.get_by_role("main")).to_contain_text(f"Please confirm that {EMAIL}")
    page.get_by_role("button", name="Confirm").click()

    expect(page).to_have_url(f"{app.url}/me/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Welcome, {FULL_NAME}")
    expect(page.locator("#teacher-title + p .badge")).to_have_text("Awaiting verification")
    expect(page.get_by_test_id("user-menu")).to_have_text(FULL_NAME)
    user = User.objects.get(email=EMAIL)
    assert (user.full_name, user.country.name) == (FULL_NAME, COUNTRY)
    assert user.teacher_profile.verification == TeacherProfile.Verification.PENDING

    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(f"{app.url}/")
    expect(page.get_by_test_id("user-menu")).to_have_count(0)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign in").click()
    expect(page).to_have_url(f"{app.url}/accounts/login/")
    log_in(page)

    expect(page).to_have_url(f"{app.url}/me/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Welcome, {FULL_NAME}")
    expect(page.get_by_test_id("user-menu")).to_have_text(FULL_NAME)
    assert len(mail.outbox) == 1


def test_signup_with_mismatched_passwords_shows_the_error_and_keeps_the_entries(page: Page, app):
    page.goto("/accounts/signup/")

    fill_signup(page, again=f"{PASSWORD}x")

    expect(page).to_have_url(f"{app.url}/accounts/signup/")
    expect(page.locator("#div_id_password2 .invalid-feedback")).to_have_text(
        "You must type the same password each time."
    )
    expect(field(page, "Password (again)")).to_have_class(INVALID)
    expect(page.locator(".invalid-feedback")).to_have_count(1)
    expect(field(page, "Full name")).to_have_value(FULL_NAME)
    expect(field(page, "Email")).to_have_value(EMAIL)
    expect(field(page, "Country of your school").locator("option:checked")).to_have_text(COUNTRY)
    assert not User.objects.filter(email=EMAIL).exists()
    assert mail.outbox == []


def test_signup_with_a_taken_email_says_so_on_the_form_and_keeps_the_entries(page: Page, app):
    # ACCOUNT_PREVENT_ENUMERATION is off on purpose: a teacher who already has an account is
    # told so on the form rather than by e-mail.
    owner = UserFactory(email=EMAIL, full_name="Aino Original")
    page.goto("/accounts/signup/")

    fill_signup(page, full_name="Aino Newcomer")

    expect(page).to_have_url(f"{app.url}/accounts/signup/")
    expect(page.locator("#div_id_email .invalid-feedback")).to_have_text(
        "A user is already registered with this email address."
    )
    expect(field(page, "Email")).to_have_class(INVALID)
    expect(page.locator(".invalid-feedback")).to_have_count(1)
    expect(field(page, "Email")).to_have_value(EMAIL)
    expect(field(page, "Full name")).to_have_value("Aino Newcomer")
    expect(field(page, "Country of your school").locator("option:checked")).to_have_text(COUNTRY)
    assert list(User.objects.filter(email__iexact=EMAIL)) == [owner]
    owner.refresh_from_db()
    assert owner.full_name == "Aino Original"
    assert mail.outbox == []
