"""A staff member's first sign-in in a real browser: sent to set up two-factor authentication,
they scan (the secret shown on the page), confirm a code, keep their recovery codes and reach the
staff area they were going to; then log out and back in with a code from the app."""

import os
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.factories import PASSWORD, StaffFactory, totp_code

from .conftest import PHONE
from .support import field

EMAIL = "sofia.lim@asef.example"
SHOTS = Path(os.environ.get("SCREENSHOTS_DIR", "test-artifacts"))


def test_staff_sets_up_two_factor_then_signs_in_with_a_code(page: Page, app, settings):
    # The second sign-in uses the next period's code: the first is spent (allauth refuses a
    # code twice), and waiting up to 30 s for a new one would slow the suite.
    settings.MFA_TOTP_TOLERANCE = 1
    StaffFactory(email=EMAIL, full_name="Sofia Lim", totp=False)

    page.goto("/staff/")
    expect(page).to_have_url(f"{app.url}/accounts/login/?next=/staff/")
    field(page, "Email").fill(EMAIL)
    field(page, "Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()

    expect(page).to_have_url(f"{app.url}/me/two-factor/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor authentication")
    expect(page.get_by_role("main")).to_contain_text("Before these pages open")
    expect(page.get_by_role("main")).to_contain_text("Google Authenticator")
    SHOTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=SHOTS / "mfa-setup-1280.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=SHOTS / "mfa-setup-390.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.set_viewport_size({"width": 1280, "height": 900})

    # The staff area stays closed meanwhile.
    page.goto("/staff/")
    expect(page).to_have_url(f"{app.url}/me/two-factor/")

    page.get_by_role("link", name="Set up the authenticator app").click()
    # allauth asks for the password once more before an authenticator is added.
    expect(page).to_have_url(
        f"{app.url}/accounts/reauthenticate/?next=%2Faccounts%2F2fa%2Ftotp%2Factivate%2F"
    )
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()

    expect(page).to_have_url(f"{app.url}/accounts/2fa/totp/activate/")
    qr = page.locator("img.cn-qr")
    expect(qr).to_be_visible()
    assert qr.get_attribute("src").startswith("data:image/svg+xml;base64,")
    page.screenshot(path=SHOTS / "mfa-activate-1280.png", full_page=True)
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("input[name=code]").fill("000000")
    page.get_by_role("button", name="Activate").click()
    expect(page.get_by_role("main")).to_contain_text("Incorrect code")
    page.locator("input[name=code]").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()

    expect(page).to_have_url(f"{app.url}/accounts/2fa/recovery-codes/")
    codes = page.locator("#recovery_codes").input_value().split()
    assert len(codes) == 10
    page.screenshot(path=SHOTS / "mfa-recovery-codes-1280.png", full_page=True)
    page.get_by_role("link", name="I have saved my codes: continue").click()

    expect(page).to_have_url(f"{app.url}/staff/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Staff area")
    expect(page.get_by_role("alert").first).to_contain_text("Two-factor authentication is on")

    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_test_id("user-menu")).to_have_count(0)

    page.goto("/staff/")
    field(page, "Email").fill(EMAIL)
    field(page, "Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(f"{app.url}/accounts/2fa/authenticate/")
    page.locator("input[name=code]").fill(totp_code(secret, step=1))
    page.get_by_role("button", name="Sign In").click()

    expect(page).to_have_url(f"{app.url}/staff/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Staff area")
