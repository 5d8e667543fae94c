"""Issue 5's key journey in a real browser: a Finnish teacher sees on My ClassNet that the
coming conference takes applications and applies; staff open the edition in the staff area,
approve her application from its page, then try to approve one more teacher past the last
place and are refused, with nothing changed. The teacher sees her place on the edition page,
is told by e-mail, and downloads her own programme as an iCal file; she opens Withdraw, reads
that her place would go for good, and keeps it.

Set SCREENSHOTS_DIR to keep a screenshot of every step, for a visual review:
    SCREENSHOTS_DIR=/tmp/shots .venv/bin/pytest tests/browser/test_conference_journey.py
"""

import datetime
from pathlib import Path

import icalendar
import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from conferences.models import Application, Session
from tests.factories import PASSWORD, TOTP_SECRET, CountryFactory, EditionFactory, StaffFactory
from tests.factories import TeacherProfileFactory as Teacher

from .support import field, log_in
from .support_journey import scrolls_sideways, shot

TEACHER_NAME = "Aino Virtanen"
TEACHER_EMAIL = "aino.virtanen@kallio.example"
LATE_NAME = "Nguyen Thi Lan"
STAFF_EMAIL = "sofia.lim@asef.example"
MOTIVATION = "I lead a robotics exchange with Da Nang and want partners for next year."
CAPACITY_REFUSAL = "No places left: the edition's 2 places are taken."


@pytest.fixture
def conference(app):
    """The 30th edition in Bangkok, open for applications with 2 places: one already given to
    a teacher from Japan; a teacher from Viet Nam applied before our teacher. A programme with
    an opening plenary and a workshop."""
    now = timezone.now()
    starts_on = (now + datetime.timedelta(days=200)).date()
    edition = EditionFactory(
        number=30,
        title="Learning Together in a Connected World",
        city="Bangkok",
        country=CountryFactory(code="TH"),
        venue="Chulalongkorn University",
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=4),
        capacity=2,
        status="applications_open",
        applications_open_at=now - datetime.timedelta(days=1),
        applications_close_at=now + datetime.timedelta(days=60),
    )
    opening = datetime.datetime.combine(starts_on, datetime.time(9), tzinfo=edition.zone)
    Session.objects.create(
        edition=edition,
        kind="plenary",
        title="Opening plenary",
        starts_at=opening,
        ends_at=opening + datetime.timedelta(hours=1),
        room="Main hall",
    )
    for name, code, status in [("Sato Haruto", "JP", "approved"), (LATE_NAME, "VN", "submitted")]:
        profile = Teacher(user__full_name=name, user__country=CountryFactory(code=code))
        Application.objects.create(
            edition=edition,
            teacher=profile,
            school=profile.school,
            motivation="Partners from Europe",
            status=status,
        )
    Teacher(
        user__full_name=TEACHER_NAME,
        user__email=TEACHER_EMAIL,
        user__country=CountryFactory(code="FI"),
        school__name="Kallio Upper Secondary School",
    )
    StaffFactory(email=STAFF_EMAIL, full_name="Sofia Lim")
    return edition


@pytest.fixture
def staff_page(browser, app, request) -> Page:
    """A second browser context, with cookies of its own: staff at their desk."""
    from .conftest import LAPTOP, _open_page

    return _open_page(browser, request, app.url, LAPTOP)


def test_teacher_applies_and_staff_approve_up_to_the_last_place(
    app, conference, page: Page, staff_page: Page
):
    teacher_applies_from_my_classnet(page, app.url)
    staff_approve_her_from_the_staff_area(staff_page)
    staff_are_refused_past_the_last_place(staff_page)
    teacher_sees_her_place_and_downloads_her_programme(page)
    teacher_thinks_of_withdrawing_and_keeps_her_place(page)


def teacher_applies_from_my_classnet(page: Page, base: str) -> None:
    page.goto("/accounts/login/")
    log_in(page, email=TEACHER_EMAIL, password=PASSWORD)
    expect(page).to_have_url(f"{base}/me/")
    panel = page.get_by_test_id("conferences-panel")
    expect(panel).to_contain_text("Applications are open")
    shot(page, "conference-1-my-classnet")
    panel.get_by_role("link", name="Apply").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Apply to")
    field(page, "Why do you want to take part?").fill(MOTIVATION)
    field(page, "Dietary needs").fill("Vegetarian")
    page.get_by_label("Show my name and school in the edition's participant list").check()
    shot(page, "conference-2-apply")
    page.get_by_role("button", name="Send my application").click()

    expect(page.get_by_text("Your application is sent")).to_be_visible()
    expect(page.get_by_role("heading", name="Your application")).to_be_visible()
    application = Application.objects.get(teacher__user__email=TEACHER_EMAIL)
    assert (application.status, application.motivation) == ("submitted", MOTIVATION)
    assert [m.to for m in mail.outbox] == [[TEACHER_EMAIL]]
    shot(page, "conference-3-applied")


def staff_approve_her_from_the_staff_area(page: Page) -> None:
    page.goto("/accounts/login/")
    log_in(page, email=STAFF_EMAIL, password=PASSWORD, totp=TOTP_SECRET)
    page.goto("/staff/")
    page.get_by_role("navigation", name="Staff area").get_by_role(
        "link", name="Conferences"
    ).click()
    page.get_by_role("link", name="Learning Together in a Connected World").first.click()
    page.get_by_role("link", name="Applications", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Applications")
    rows = page.locator("#bulk tbody tr")
    expect(rows).to_have_count(3)
    shot(page, "conference-4-staff-applications")
    page.get_by_role("link", name=TEACHER_NAME).click()

    expect(page.get_by_text(MOTIVATION)).to_be_visible()
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("approved", exact=False).first).to_be_visible()
    assert Application.objects.get(teacher__user__email=TEACHER_EMAIL).status == "approved"
    shot(page, "conference-5-staff-approved")


def staff_are_refused_past_the_last_place(page: Page) -> None:
    page.get_by_role("link", name="All applications to this edition").click()
    page.get_by_role("checkbox", name=f"Choose {LATE_NAME}").check()
    page.get_by_label("Decision").select_option(label="Approve")
    page.get_by_role("button", name="Decide the ticked applications").click()

    expect(page.get_by_text(CAPACITY_REFUSAL).first).to_be_visible()
    late = Application.objects.get(teacher__user__full_name=LATE_NAME)
    assert late.status == "submitted"
    assert Application.objects.filter(status="approved").count() == 2
    shot(page, "conference-6-staff-refused")


def teacher_sees_her_place_and_downloads_her_programme(page: Page) -> None:
    page.reload()
    expect(page.get_by_role("heading", name="Your application")).to_be_visible()
    expect(page.locator("#my-application-title").locator("..")).to_contain_text("Approved")
    approved = [m for m in mail.outbox if m.to == [TEACHER_EMAIL] and "place" in m.subject]
    assert approved, [m.subject for m in mail.outbox]

    page.goto("/me/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="My programme (.ics)").click()
    calendar = icalendar.Calendar.from_ical(Path(download_info.value.path()).read_bytes())
    titles = [str(event["summary"]) for event in calendar.walk("VEVENT")]
    assert titles == ["Opening plenary"]
    assert not scrolls_sideways(page)
    shot(page, "conference-7-my-classnet-approved")


def teacher_thinks_of_withdrawing_and_keeps_her_place(page: Page) -> None:
    page.goto("/conferences/30/")
    page.get_by_role("link", name="Withdraw").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Withdraw your application?")
    expect(page.get_by_test_id("withdraw-consequences")).to_contain_text(
        "the place cannot be given back to you."
    )
    assert not scrolls_sideways(page)
    shot(page, "conference-8-withdraw-confirm")
    assert Application.objects.get(teacher__user__email=TEACHER_EMAIL).status == "approved"
    page.get_by_role("link", name="Keep my application").click()

    expect(page.locator("#my-application-title").locator("..")).to_contain_text("Approved")
    assert Application.objects.get(teacher__user__email=TEACHER_EMAIL).status == "approved"
