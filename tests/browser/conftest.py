"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Playwright cannot download browsers here, so it always launches /usr/bin/chromium (or the
binary named by CHROMIUM); without it every browser test is skipped, saying how to install it.
"""

import contextlib
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from schools.services import countries_sync

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
# Without these Chromium phones home (updates, sync, QUIC probes) and the closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
# Expectations wait this long for the page to catch up: enough for a slow CI runner, short
# enough that a broken page fails in seconds rather than Playwright's 30 s default.
EXPECT_TIMEOUT_MS = 5_000
ACTION_TIMEOUT_MS = 10_000

HERE = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # Keep each phase's report on the test item so that the page fixture can tell, while it
    # tears down, whether the test failed.
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """One Chromium for all the browser tests.

    Playwright's sync API keeps an asyncio loop running in this thread for as long as it is
    started, and Django refuses database queries from a thread with a running loop. The
    queries here (the tests' own, and the flush after each test, which pytest-django tears
    down after any fixture of ours) are synchronous and safe, so Django is told to allow them
    while the browser runs. Package scope, not session scope, so that Playwright stops, and
    Django's check is back, when the browser tests are done: the rest of the run is unaffected.
    """
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not installed: apt-get install chromium (no {CHROMIUM})")
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def app(live_server, transactional_db):
    """The live server, with the reference data that a flush of an earlier test removed."""
    countries_sync()
    return live_server


def _open_page(browser: Browser, request, base_url: str, viewport: dict) -> Page:
    context = browser.new_context(base_url=base_url, viewport=viewport, locale="en-GB")
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    page = context.new_page()
    request.addfinalizer(lambda: _close(context, page, request))
    return page


def _close(context: BrowserContext, page: Page, request) -> None:
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        # test-artifacts/ is gitignored; CI can upload it. A page too broken to photograph
        # must not hide the test's own failure behind a teardown error.
        artifacts = request.config.rootpath / "test-artifacts"
        artifacts.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid).strip("_")
        with contextlib.suppress(PlaywrightError):
            page.screenshot(path=artifacts / f"{name}.png", full_page=True)
    context.close()


@pytest.fixture
def page(browser, app, request) -> Page:
    """A fresh browser context (no cookies) on a laptop-sized screen, at the live server."""
    return _open_page(browser, request, app.url, LAPTOP)


@pytest.fixture
def phone_page(browser, app, request) -> Page:
    """The same on a phone-sized screen."""
    return _open_page(browser, request, app.url, PHONE)
