"""A staff member protects the account with a passkey instead of an app, in a real browser.

Chromium's virtual authenticator (DevTools' WebAuthn domain) stands in for the fingerprint reader
or security key: it holds a resident, user-verifying credential and answers allauth's WebAuthn
ceremonies the way a phone or a YubiKey would."""

import os
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from playwright.sync_api import Page, expect

from tests.factories import PASSWORD, StaffFactory

from .conftest import PHONE
from .support import field

EMAIL = "daniel.ng@asef.example"
SHOTS = Path(os.environ.get("SCREENSHOTS_DIR", "test-artifacts"))


@pytest.fixture
def authenticator(page: Page):
    """A platform authenticator with user verification, as in a laptop with a fingerprint reader."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    found = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    yield cdp, found["authenticatorId"]
    cdp.send("WebAuthn.disable")


def test_staff_adds_a_passkey_then_signs_in_with_it(page: Page, app, authenticator):
    cdp, authenticator_id = authenticator
    staff = StaffFactory(email=EMAIL, full_name="Daniel Ng", totp=False)

    page.goto("/staff/")
    field(page, "Email").fill(EMAIL)
    field(page, "Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()

    expect(page).to_have_url(f"{app.url}/me/two-factor/")
    expect(page.get_by_role("main")).to_contain_text("Or a security key or passkey")
    SHOTS.mkdir(exist_ok=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=SHOTS / "mfa-setup-passkey-390.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("link", name="Add a security key or passkey").click()
    # allauth asks for the password once more before an authenticator is added.
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()

    expect(page).to_have_url(f"{app.url}/accounts/2fa/webauthn/add/")
    page.screenshot(path=SHOTS / "mfa-passkey-add-1280.png", full_page=True)
    page.locator("input[name=name]").fill("Laptop fingerprint")
    page.get_by_role("button", name="Add", exact=True).click()

    # The first authenticator comes with recovery codes, as with the app.
    expect(page).to_have_url(f"{app.url}/accounts/2fa/recovery-codes/")
    page.get_by_role("link", name="I have saved my codes: continue").click()
    expect(page).to_have_url(f"{app.url}/staff/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Staff area")

    key = Authenticator.objects.get(user=staff, type=Authenticator.Type.WEBAUTHN)
    assert key.wrap().name == "Laptop fingerprint"
    credentials = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})
    assert len(credentials["credentials"]) == 1

    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_test_id("user-menu")).to_have_count(0)

    # Signing in again: the password, then the passkey instead of a code.
    page.goto("/staff/")
    field(page, "Email").fill(EMAIL)
    field(page, "Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(f"{app.url}/accounts/2fa/authenticate/")
    page.screenshot(path=SHOTS / "mfa-authenticate-1280.png", full_page=True)
    page.get_by_role("button", name="Use a security key").click()

    expect(page).to_have_url(f"{app.url}/staff/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Staff area")
