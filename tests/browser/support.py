"""What the browser tests share: a teacher to sign up, and how a person fills the forms."""

import re
import time

from playwright.sync_api import Locator, Page, expect

from tests.factories import totp_code, totp_period

FULL_NAME = "Aino Virtanen"
EMAIL = "aino.virtanen@koulu.example"
PASSWORD = "Saimaa-seal-2031"
COUNTRY = "Finland"
CONFIRM_LINK = re.compile(r"https?://\S+/accounts/confirm-email/[^/\s]+/")


def field(page: Page, label: str) -> Locator:
    """The form control labelled exactly `label` (crispy appends an asterisk when required)."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\*?\s*$"))


def fill_signup(
    page: Page, *, full_name: str = FULL_NAME, email: str = EMAIL, again: str = PASSWORD
) -> None:
    """Fill the sign-up form as a person would, and send it."""
    field(page, "Full name").fill(full_name)
    field(page, "Email").fill(email)
    field(page, "Country of your school").select_option(label=COUNTRY)
    field(page, "Password").fill(PASSWORD)
    field(page, "Password (again)").fill(again)
    page.get_by_role("button", name="Sign Up").click()


def log_in(
    page: Page, *, email: str = EMAIL, password: str = PASSWORD, totp: str | None = None
) -> None:
    """Fill the log-in form and send it; with `totp` (the secret of the person's authenticator
    app: staff and judges have one) also type the code that allauth asks for next."""
    field(page, "Email").fill(email)
    field(page, "Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    if totp is not None:
        enter_totp_code(page, email=email, secret=totp)


# (email, period) of the codes already typed: allauth accepts each code once.
_typed_codes: set[tuple[str, int]] = set()


def enter_totp_code(page: Page, *, email: str, secret: str) -> None:
    """Type a code from the authenticator app on allauth's second step of signing in.

    The previous, current and next period's codes are valid (MFA_TOTP_TOLERANCE = 1), so a person
    signing in again within the same 30 s takes the next code not yet used, as if they waited."""
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/$"))
    now = totp_period()
    period = next((p for p in (now - 1, now, now + 1) if (email, p) not in _typed_codes), None)
    if period is None:  # three sign-ins within one period: wait for the next one
        time.sleep(30 - time.time() % 30 + 0.5)
        period = totp_period() + 1
    _typed_codes.add((email, period))
    page.locator("input[name=code]").fill(totp_code(secret, period=period))
    page.get_by_role("button", name="Sign In").click()
