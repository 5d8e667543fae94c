"""Every kind of page, in a real browser, under the enforced Content-Security-Policy: none of
them breaks a rule of it.

The demo is seeded (through the apps' services), then for each person (a visitor, a teacher
who leads a collaboration, a judge, staff) the browser follows the links of the portal from its
hubs and opens one page of every route it finds: the policy is checked where people really go,
not on a hand list. A violation shows three ways, and each fails the test: the page's
`securitypolicyviolation` event, Chromium's console message, and the report the browser posts to
/csp-report/ (logged by core/csp.py). Last, a gallery video is played: its player's frame is
one of the two hosts the policy allows.

The demo is seeded once (about half a minute), so all of it is one test.
"""

import logging
from collections import deque
from io import StringIO
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve
from playwright.sync_api import BrowserContext, Page, expect
from playwright.sync_api import Error as PlaywrightError

from core.roles import JUDGES_GROUP, STAFF_GROUP
from gallery.models import MediaItem
from tests.conftest import OUTBOX_MAILERS

from .conftest import LAPTOP
from .support_journey import reference_data_sync, serve_media

# Collect the policy's violations before any script of the page runs (Playwright injects this
# through DevTools, which the page's CSP does not govern).
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  const where = `${e.sourceFile}:${e.lineNumber}`;
  window.__csp.push(`${e.effectiveDirective} blocked ${e.blockedURI} (${where})`);
});
"""
HUBS = {
    None: [
        "/",
        "/collaborations/",
        "/conferences/",
        "/awards/",
        "/gallery/",
        "/schools/",
        "/network/",
        "/accounts/login/",
        "/accounts/signup/",
    ],
    "teacher@classnet.demo": ["/me/", "/collaborations/", "/conferences/", "/awards/"],
    "judge@classnet.demo": ["/awards/judging/", "/me/"],
    "staff@classnet.demo": ["/staff/", "/back-office/"],
}
PAGES_PER_PERSON = 70
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# Links that leave the page's kind of work: files to download, signing out.
SKIPPED = ("/accounts/logout/", "/static/", "/media/")


def sign_in(context: BrowserContext, base: str, email: str) -> None:
    """Sign the browser in as this person (a session made by Django's test client): the
    second factor was passed, as the demo's staff and judges have an authenticator app."""
    client = Client()
    client.force_login(get_user_model().objects.get(email=email))
    cookie = client.cookies["sessionid"]
    context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": base}])


def route_of(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def crawl(page: Page, base: str, hubs: list[str]) -> tuple[dict[str, str], list[str]]:
    """Open one page of every route reachable by links from the hubs; return the routes seen
    (view name → URL) and the violations met."""
    seen: dict[str, str] = {}
    violations: list[str] = []
    queue = deque(hubs)
    while queue and len(seen) < PAGES_PER_PERSON:
        url = queue.popleft()
        path = urlparse(url).path
        route = route_of(path)
        if route is None or route in seen or path.startswith(SKIPPED):
            continue
        seen[route] = path
        try:
            response = page.goto(urljoin(base, url))
        except PlaywrightError as error:  # a file download (an export, a calendar)
            if "Download is starting" in str(error):
                continue
            raise
        if response is None or "html" not in response.headers.get("content-type", ""):
            continue
        page.wait_for_load_state("load")
        violations += [f"{path}: {v}" for v in page.evaluate("window.__csp || []")]
        for href in page.eval_on_selector_all(
            "a[href]:not([download])", "links => links.map(a => a.getAttribute('href'))"
        ):
            target = urlparse(urljoin(base + path, href))
            if target.netloc == urlparse(base).netloc and route_of(target.path) not in seen:
                queue.append(target.path + (f"?{target.query}" if target.query else ""))
    return seen, violations


def play_a_video(browser, base: str) -> list[str]:
    """Press "Play video" in the gallery: the player's frame comes from an allowed host."""
    item = MediaItem.objects.filter(kind=MediaItem.Kind.VIDEO).select_related("album").first()
    assert item is not None, "the demo has a gallery video"
    context = browser.new_context(base_url=base, viewport=LAPTOP, locale="en-GB")
    context.add_init_script(RECORD_VIOLATIONS)
    serve_media(context, base)
    page = context.new_page()
    page.goto(item.album.get_absolute_url())
    page.get_by_role("button", name="Play video").first.click()
    frame = page.locator("[data-video-frame] iframe").first
    expect(frame).to_have_count(1)
    assert urlparse(frame.get_attribute("src")).netloc in {
        "www.youtube-nocookie.com",
        "player.vimeo.com",
    }
    page.wait_for_timeout(300)
    found = [f"video: {v}" for v in page.evaluate("window.__csp")]
    context.close()
    return found


@pytest.fixture
def demo(app, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MAILERS = OUTBOX_MAILERS
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    reference_data_sync()  # an earlier browser test's flush emptied the reference tables
    for name in (STAFF_GROUP, JUDGES_GROUP):
        Group.objects.get_or_create(name=name)
    call_command("seed_demo", stdout=StringIO())
    return app


def test_no_page_breaks_the_content_security_policy(browser, demo, caplog):
    console: list[str] = []
    routes: dict[str, str] = {}
    violations: list[str] = []
    caplog.set_level(logging.WARNING, logger="classnet.csp")

    for email, hubs in HUBS.items():
        context = browser.new_context(base_url=demo.url, viewport=LAPTOP, locale="en-GB")
        context.add_init_script(RECORD_VIOLATIONS)
        serve_media(context, demo.url)
        page = context.new_page()
        page.on(
            "console",
            lambda message, who=email: (
                console.append(f"{who}: {message.text}")
                if "Content Security Policy" in message.text
                else None
            ),
        )
        page.goto("/")
        if email:
            sign_in(context, demo.url, email)
        seen, found = crawl(page, demo.url, hubs)
        routes.update({f"{email or 'visitor'} {name}": url for name, url in seen.items()})
        violations += found
        context.close()

    violations += play_a_video(browser, demo.url)

    # What was visited, for a reviewer (test-artifacts/ is gitignored).
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "csp-pages.txt").write_text(
        "".join(f"{key} {url}\n" for key, url in sorted(routes.items()))
    )

    reported = [r.getMessage() for r in caplog.records if r.name == "classnet.csp"]
    assert violations == []
    assert console == []
    assert reported == []
    # The crawl reached the portal's kinds of pages, for each person.
    names = {key.split(" ", 1)[1] for key in routes}
    for expected in (
        "home",
        "collaborations:detail",
        "conferences:detail",
        "gallery:album",
        "teachers:dashboard",
        "awards:judge_dashboard",
        "staff:index",
        "admin:index",
    ):
        assert expected in names, f"{expected} not reached: {sorted(names)}"
    assert len(routes) >= 60, sorted(routes)


def test_a_violation_is_seen_all_three_ways(page: Page, app, caplog):
    """The checks above are not blind: a script slipped into a page is blocked and seen by the
    page's event, in the console and in the report the browser posts."""
    caplog.set_level(logging.WARNING, logger="classnet.csp")
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.context.add_init_script(RECORD_VIOLATIONS)
    page.goto("/")

    page.evaluate(
        """() => {
        const script = document.createElement("script");
        script.textContent = "window.__ran = true";
        document.body.append(script);
        document.body.setAttribute("style", "color: red");
    }"""
    )

    expect(page.locator("body")).to_be_visible()
    assert page.evaluate("window.__ran === undefined")
    found = page.evaluate("window.__csp")
    assert any(v.startswith("script-src-elem blocked inline") for v in found), found
    assert any(v.startswith("style-src-attr blocked inline") for v in found), found
    assert any("Content Security Policy" in text for text in console), console
    for _ in range(50):
        if [r for r in caplog.records if r.name == "classnet.csp"]:
            break
        page.wait_for_timeout(100)
    messages = [r.getMessage() for r in caplog.records if r.name == "classnet.csp"]
    assert any("script-src-elem blocked inline" in m for m in messages), messages
