"""The account pages on a phone and on a laptop: styled, and no wider than the screen.

Set SCREENSHOTS_DIR to keep a full-page screenshot of each page, for a visual review:
    SCREENSHOTS_DIR=/tmp/shots .venv/bin/pytest tests/browser/test_pages_fit.py
"""

import os
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from .support import CONFIRM_LINK, EMAIL, FULL_NAME, PASSWORD, field, fill_signup

NAVBAR_TEAL = "rgb(11, 79, 108)"  # --cn-teal: classnet.css, so the static files, got served


def check(page: Page, screen: str, name: str) -> None:
    expect(page.locator("nav.cn-navbar")).to_have_css("background-color", NAVBAR_TEAL)
    scroll_width, client_width = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll_width <= client_width, f"{name} scrolls sideways on a {screen}"
    if shots := os.environ.get("SCREENSHOTS_DIR"):
        Path(shots).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=Path(shots) / f"{name}-{screen}.png", full_page=True)


@pytest.mark.parametrize("screen", ["phone", "laptop"])
def test_account_pages_fit_the_screen(request, app, screen):
    page: Page = request.getfixturevalue("phone_page" if screen == "phone" else "page")

    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check(page, screen, "01-home")

    page.goto("/accounts/signup/")
    fill_signup(page, again="Another-one-77")
    expect(page.locator(".invalid-feedback")).to_have_count(1)
    check(page, screen, "02-signup-error")

    field(page, "Password").fill(PASSWORD)
    field(page, "Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    expect(page).to_have_url(f"{app.url}/accounts/confirm-email/")
    check(page, screen, "04-verification-sent")

    [link] = CONFIRM_LINK.findall(mail.outbox[0].body)
    page.goto(link)
    expect(page.get_by_role("button", name="Confirm")).to_be_visible()
    check(page, screen, "05-email-confirm")

    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(f"{app.url}/me/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Welcome, {FULL_NAME}")
    check(page, screen, "06-dashboard")

    page.goto("/accounts/email/")
    expect(page.get_by_role("main")).to_contain_text(EMAIL)
    check(page, screen, "07-email")

    page.goto("/accounts/password/change/")
    expect(page.get_by_role("button", name="Change Password")).to_be_visible()
    check(page, screen, "08-password-change")

    page.context.clear_cookies()
    page.goto("/accounts/login/")
    expect(page.get_by_role("button", name="Sign In")).to_be_visible()
    check(page, screen, "03-login")

    page.goto("/accounts/password/reset/")
    expect(page.get_by_role("button", name="Reset My Password")).to_be_visible()
    check(page, screen, "09-password-reset")

    response = page.goto("/no-such-page/")
    assert response is not None
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("We could not find that page")
    check(page, screen, "10-not-found")
