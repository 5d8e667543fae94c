"""What the browser tests share: a teacher to sign up, and how a person fills the forms."""

import re

from playwright.sync_api import Locator, Page

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


def log_in(page: Page, *, email: str = EMAIL, password: str = PASSWORD) -> None:
    """Fill the log-in form and send it."""
    field(page, "Email").fill(email)
    field(page, "Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
