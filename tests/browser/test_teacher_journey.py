"""Issue 3's key journey in a real browser: a teacher signs up, proposes the school they cannot
find and completes their profile; staff verify the school and then the teacher; the teacher
is told by e-mail, sees it on My ClassNet and finds themself in the teacher directory.

Set SCREENSHOTS_DIR to keep a screenshot of every step, for a visual review:
    SCREENSHOTS_DIR=/tmp/shots .venv/bin/pytest tests/browser/test_teacher_journey.py
"""

import io
import re

import pytest
from django.core import mail
from PIL import ExifTags, Image
from playwright.sync_api import Page, expect

from schools.models import Country, School
from teachers.models import TeacherProfile, User
from tests.factories import PASSWORD as STAFF_PASSWORD
from tests.factories import TOTP_SECRET, SchoolFactory, StaffFactory, TeacherProfileFactory

from .support import CONFIRM_LINK, field, log_in
from .support_journey import (
    phone_photo,
    reference_data_sync,
    scrolls_sideways,
    serve_media,
    shot,
    sign_up,
    tick,
)

FULL_NAME = "Nguyễn Thị Lan"
EMAIL = "lan.nguyen@lequydon.example"
PASSWORD = "Song-Han-bridge-2031"
COUNTRY = "Viet Nam"
SCHOOL = "Le Quy Don High School for the Gifted"
CITY = "Da Nang"
WEBSITE = "https://lequydon.example"
BIO = "I teach biology and history to teenagers in Da Nang and would love a partner in Europe."

LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def staff_page(phone_page: Page) -> Page:
    """A second browser context, with cookies of its own: staff work on a laptop."""
    phone_page.set_viewport_size(LAPTOP)
    return phone_page


@pytest.fixture
def journey(app, settings, tmp_path, page: Page, staff_page: Page):
    """The network before the teacher arrives: reference data, a listed school, a verified
    partner and a staff member; uploads go to a temporary folder that both browsers can see."""
    settings.MEDIA_ROOT = tmp_path / "media"
    reference_data_sync()
    for browser_page in (page, staff_page):
        serve_media(browser_page.context, app.url)
    viet_nam = Country.objects.get(name=COUNTRY)
    # A school of Viet Nam is listed already, so the search has something not to find; and a
    # verified partner in Europe is in the directory before the teacher.
    SchoolFactory(name="Hanoi-Amsterdam High School", city="Ha Noi", country=viet_nam)
    partner = TeacherProfileFactory(
        user__full_name="Anna Schmidt", user__country=Country.objects.get(code="DE")
    )
    staff = StaffFactory(full_name="Mai Tran", email="mai.tran@asef.example")
    return {"partner": partner, "staff": staff}


def test_teacher_signs_up_proposes_school_completes_profile_and_is_verified_by_staff(
    app, journey, page: Page, staff_page: Page
):
    sign_up_and_confirm(page, app.url)
    propose_school(page, app.url)
    complete_profile(page, app.url)

    staff_verify_school_then_teacher(staff_page, app.url, staff=journey["staff"])

    teacher_sees_verification(page, app.url, partner=journey["partner"])
    photo_stored_without_location()


def sign_up_and_confirm(page: Page, base: str) -> None:
    page.goto("/accounts/signup/")
    sign_up(page, full_name=FULL_NAME, email=EMAIL, country=COUNTRY, password=PASSWORD)
    expect(page).to_have_url(f"{base}/accounts/confirm-email/")

    assert [(message.to, message.subject) for message in mail.outbox] == [
        ([EMAIL], "[ClassNet] Confirm your e-mail address")
    ]
    [link] = CONFIRM_LINK.findall(mail.outbox[0].body)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()

    expect(page).to_have_url(f"{base}/me/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Welcome, {FULL_NAME}")
    verification = page.get_by_test_id("verification")
    expect(verification.locator(".badge")).to_have_text("Awaiting verification")
    expect(verification).to_contain_text("Next step: choose your school.")
    expect(page.get_by_test_id("school")).to_contain_text("You have not named your school yet.")
    expect(page.get_by_test_id("completeness")).to_contain_text("0%")
    shot(page, "01-dashboard-new-laptop")


def propose_school(page: Page, base: str) -> None:
    page.get_by_test_id("verification").get_by_role("link", name="Choose your school").click()
    expect(page).to_have_url(f"{base}/me/school/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose your school")
    expect(page.get_by_test_id("school-results")).to_contain_text("Hanoi-Amsterdam High School")

    field(page, "School name or city").fill("Le Quy Don")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page).to_have_url(f"{base}/me/school/?q=Le+Quy+Don")
    expect(
        page.get_by_role("heading", level=2, name="No school matches “Le Quy Don”")
    ).to_be_visible()
    expect(page.get_by_test_id("school-results")).to_have_count(0)
    shot(page, "02-school-not-found-laptop")

    page.get_by_role("main").get_by_role("link", name="Propose my school").click()
    expect(page).to_have_url(f"{base}/me/school/propose/")
    expect(page.get_by_test_id("country")).to_contain_text(COUNTRY)
    field(page, "Name of the school").fill(SCHOOL)
    field(page, "City or town").fill(CITY)
    field(page, "Kind of school").select_option(label="High school")
    field(page, "Website").fill(WEBSITE)
    tick(page, "languages", "Vietnamese", "English")
    shot(page, "03-school-propose-laptop")
    page.get_by_role("button", name="Propose this school").click()

    expect(page).to_have_url(f"{base}/me/")
    expect(page.get_by_role("alert")).to_contain_text(
        f"Thank you: {SCHOOL}, {CITY} is proposed and named as your school."
    )
    school_card = page.get_by_test_id("school")
    expect(school_card).to_contain_text(SCHOOL)
    expect(school_card).to_contain_text(f"{CITY}, {COUNTRY} · High school")
    expect(school_card).to_contain_text(
        "Proposed: ClassNet staff have not verified this school yet."
    )
    verification = page.get_by_test_id("verification")
    expect(verification.locator(".badge")).to_have_text("Awaiting verification")
    expect(verification).to_contain_text(
        f"ClassNet staff will check the school you proposed, {SCHOOL}, and that you teach there."
    )
    school = School.objects.get(name=SCHOOL)
    assert (school.status, school.city, school.country.name, school.website, school.kind) == (
        School.Status.PROPOSED,
        CITY,
        COUNTRY,
        WEBSITE,
        "high",
    )
    assert sorted(school.languages.values_list("name", flat=True)) == ["English", "Vietnamese"]
    assert school.proposed_by.email == EMAIL


def complete_profile(page: Page, base: str) -> None:
    completeness = page.get_by_test_id("completeness")
    expect(completeness).to_contain_text("17%")
    completeness.get_by_role("link", name="Edit my profile").click()
    expect(page).to_have_url(f"{base}/me/profile/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My profile")

    tick(page, "subjects", "Biology", "History")
    tick(page, "languages", "Vietnamese", "English")
    field(page, "Youngest students").fill("15")
    field(page, "Oldest students").fill("18")
    field(page, "Short bio in English").fill(BIO)
    photo = phone_photo()
    with Image.open(io.BytesIO(photo)) as original:  # what must not survive the upload
        assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert b"GPS" in photo
    field(page, "New photo").set_input_files(
        {"name": "lan-on-the-beach.jpg", "mimeType": "image/jpeg", "buffer": photo}
    )
    shot(page, "04-profile-filled-laptop")
    page.get_by_role("button", name="Save my profile").click()

    expect(page).to_have_url(f"{base}/me/")
    expect(page.get_by_role("alert")).to_contain_text("Your profile is saved.")
    expect(completeness).to_contain_text("100%")
    expect(completeness.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "100")
    expect(completeness).to_contain_text("Your profile is complete.")
    expect(completeness).not_to_contain_text("Still to add")
    thumbnail = completeness.locator("img")
    expect(thumbnail).to_be_visible()
    assert thumbnail.evaluate("image => image.complete && image.naturalWidth") == 256
    dashboards(page, "05-dashboard-pending")

    # Not verified yet: the directory stays closed, and says why.
    response = page.goto("/teachers/")
    assert response is not None
    assert response.status == 403
    expect(page.get_by_test_id("directory-closed")).to_contain_text(
        f"ClassNet staff are verifying that you teach at {SCHOOL}."
    )
    page.goto("/me/")


def staff_verify_school_then_teacher(page: Page, base: str, *, staff: User) -> None:
    page.goto("/accounts/login/")
    log_in(page, email=staff.email, password=STAFF_PASSWORD, totp=TOTP_SECRET)
    expect(page).to_have_url(f"{base}/me/")
    page.get_by_role("main").get_by_role("link", name="Open the staff area").click()

    expect(page).to_have_url(f"{base}/staff/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Staff area")
    expect(page.get_by_test_id("teachers-waiting")).to_have_text("1")
    expect(page.get_by_test_id("schools-waiting")).to_have_text("1")
    expect(page.get_by_role("heading", name="Recent activity")).to_be_visible()
    shot(page, "06-staff-home-laptop")

    page.get_by_role("main").get_by_role("link", name="Review schools").click()
    expect(page).to_have_url(f"{base}/staff/schools/")
    expect(page.get_by_role("main")).to_contain_text("1 school waiting")
    expect(page.get_by_role("main")).to_contain_text(f"Proposed by {FULL_NAME}")
    shot(page, "07-school-queue-laptop")
    page.get_by_role("main").get_by_role("link", name=f"Review {SCHOOL}").click()

    school = School.objects.get(name=SCHOOL)
    expect(page).to_have_url(f"{base}/staff/schools/{school.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(SCHOOL)
    expect(page.get_by_role("main")).to_contain_text(WEBSITE)
    expect(page.get_by_role("main")).to_contain_text("English, Vietnamese")
    shot(page, "08-school-review-laptop")
    page.get_by_role("button", name="Verify this school").click()

    expect(page).to_have_url(queue(base, "schools"))
    expect(page.get_by_role("alert")).to_contain_text(
        f"{SCHOOL}, {CITY} is verified and listed in the school directory. "
        f"{FULL_NAME}, who proposed it, has been told by e-mail."
    )
    expect(page.get_by_role("heading", name="No proposed school is waiting")).to_be_visible()
    page.get_by_role("main").get_by_role("link", name="See teachers to verify").click()

    expect(page).to_have_url(f"{base}/staff/teachers/")
    expect(page.get_by_role("main")).to_contain_text("1 teacher waiting")
    expect(page.get_by_role("main")).to_contain_text(EMAIL)
    expect(page.get_by_role("main")).not_to_contain_text("School still proposed")
    shot(page, "09-teacher-queue-laptop")
    page.get_by_role("main").get_by_role("link", name=f"Review {FULL_NAME}").click()

    profile = TeacherProfile.objects.get(user__email=EMAIL)
    expect(page).to_have_url(f"{base}/staff/teachers/{profile.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(FULL_NAME)
    expect(page.get_by_role("main")).to_contain_text("Biology, History")
    expect(page.get_by_role("main")).to_contain_text("15 to 18")
    expect(page.get_by_role("main")).to_contain_text("Verified school")
    shot(page, "10-teacher-review-laptop")
    page.get_by_role("button", name="Verify this teacher").click()

    expect(page).to_have_url(queue(base, "teachers"))
    expect(page.get_by_role("alert")).to_contain_text(
        f"{FULL_NAME} is verified and has been told by e-mail."
    )
    expect(page.get_by_role("heading", name="Nobody is waiting for verification")).to_be_visible()
    page.get_by_role("main").get_by_role("link", name="Staff home").click()
    expect(page.get_by_test_id("teachers-waiting")).to_have_text("0")
    expect(page.get_by_test_id("schools-waiting")).to_have_text("0")
    recent = page.get_by_role("region", name="Recent activity")
    expect(recent).to_contain_text(f"{staff.full_name} · verified the teacher: {FULL_NAME}")
    expect(recent).to_contain_text(f"{staff.full_name} · verified the school: {SCHOOL}, {CITY}")
    shot(page, "13-staff-home-after-laptop")


def teacher_sees_verification(page: Page, base: str, *, partner: TeacherProfile) -> None:
    to_teacher = [message for message in mail.outbox if message.to == [EMAIL]]
    assert [message.subject for message in to_teacher] == [
        "[ClassNet] Confirm your e-mail address",
        f"[ClassNet] {SCHOOL} is now in the ClassNet directory",
        f"[ClassNet] You are verified at {SCHOOL}: welcome to the ClassNet network",
    ]
    assert len(mail.outbox) == 3  # staff were sent nothing
    school_mail, verified_mail = to_teacher[1], to_teacher[2]
    assert f"The school you proposed, {SCHOOL}, {CITY}, has been verified" in school_mail.body
    assert f"Dear {FULL_NAME}," in verified_mail.body
    assert f"ClassNet staff have verified that you teach at {SCHOOL}, {CITY}." in (
        verified_mail.body
    )

    page.reload()
    expect(page).to_have_url(f"{base}/me/")
    verification = page.get_by_test_id("verification")
    expect(verification.locator(".badge")).to_have_text("Verified")
    expect(verification).to_contain_text(
        f"ClassNet staff have verified that you teach at {SCHOOL}."
    )
    expect(page.get_by_test_id("completeness")).to_contain_text("Your profile is complete.")
    school_card = page.get_by_test_id("school")
    expect(school_card.get_by_role("link", name=SCHOOL)).to_be_visible()
    expect(school_card).not_to_contain_text("Proposed")
    expect(school_card.get_by_role("link", name="Edit school details")).to_be_visible()
    dashboards(page, "11-dashboard-verified")

    verification.get_by_role("link", name="Find partner teachers").click()
    expect(page).to_have_url(f"{base}/teachers/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Find partner teachers")
    expect(page.locator("#results-title")).to_have_text("2 teachers")
    rows = page.locator("ul[aria-labelledby=results-title] > li")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text(partner.user.full_name)
    expect(rows.nth(1)).to_contain_text(f"{FULL_NAME} You")
    expect(rows.nth(1)).to_contain_text(SCHOOL)
    expect(rows.nth(1)).to_contain_text("Teaches: Biology, History")
    expect(rows.nth(1)).to_contain_text("Speaks: English, Vietnamese")
    expect(rows.nth(1)).to_contain_text("Students 15–18")
    expect(page.get_by_role("main")).not_to_contain_text(EMAIL)
    shot(page, "12-directory-laptop")


def photo_stored_without_location() -> None:
    profile = TeacherProfile.objects.get(user__email=EMAIL)
    assert profile.is_verified
    for stored in (profile.photo, profile.photo_thumbnail):
        with stored.open("rb") as file:
            data = file.read()
        assert b"GPS" not in data
        assert b"PhoneMaker" not in data
        with Image.open(io.BytesIO(data)) as image:
            assert dict(image.getexif()) == {}
            assert image.getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}
    assert "lan-on-the-beach" not in profile.photo.name


def queue(base: str, name: str) -> re.Pattern:
    """A staff queue's address. After a decision the browser keeps the fragment the form was
    posted to (#verify, #decision): the redirect names none."""
    return re.compile(rf"^{re.escape(base)}/staff/{name}/(#\w+)?$")


def dashboards(page: Page, name: str) -> None:
    """My ClassNet on a phone and on a laptop: no sideways scrolling, and a screenshot each."""
    page.set_viewport_size(PHONE)
    assert not scrolls_sideways(page), f"{name} scrolls sideways on a phone"
    shot(page, f"{name}-phone")
    page.set_viewport_size(LAPTOP)
    assert not scrolls_sideways(page), f"{name} scrolls sideways on a laptop"
    shot(page, f"{name}-laptop")
