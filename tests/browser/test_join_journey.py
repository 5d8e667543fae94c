"""Issue 4's key journey in a real browser: a teacher in Japan finds a Finnish collaboration
that looks for partners from Asia among the "Collaborations for you" on My ClassNet, sees that
it is not yet bi-regional and asks to join; the lead is told by e-mail, answers on her phone
and accepts; the teacher is welcomed by e-mail and the collaboration is now bi-regional, with
one partner place fewer. The teacher then posts a public diary update with a phone's photo:
a visitor sees it, and the stored photo keeps no EXIF or GPS.

Set SCREENSHOTS_DIR to keep a screenshot of every step, for a visual review:
    SCREENSHOTS_DIR=/tmp/shots .venv/bin/pytest tests/browser/test_join_journey.py
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from collaborations.models import Collaboration, DiaryPhoto, DiaryPost, JoinRequest, Membership
from schools.models import Language
from teachers.models import Subject
from tests.factories import PASSWORD, CollaborationFactory, CountryFactory, TeacherProfileFactory

from .support import field, log_in
from .support_diary import (
    assert_stored_without_location,
    loaded_width,
    open_visitor,
    post_to_diary,
)
from .support_journey import phone_photo, reference_data_sync, scrolls_sideways, serve_media, shot

TITLE = "Rivers of two continents"
LEAD_NAME = "Aino Virtanen"
LEAD_EMAIL = "aino.virtanen@kallio.example"
LEAD_SCHOOL = "Kallio Upper Secondary School"
TEACHER_NAME = "Haruto Sato"
TEACHER_EMAIL = "haruto.sato@sakura.example"
TEACHER_SCHOOL = "Sakura High School"
TEACHER_CITY = "Osaka"
STUDENTS = 24
MESSAGE = "My class of 15-year-olds measures the Yodo river every month; English B1."
REASON = "Shares Geography and English; from Asia, which this project needs"
UPDATE = "First samples from the Yodo: pH 7.4 at Hirakata, clearer than we expected."
PHOTO_NAME = "yodo-river-hirakata.jpg"


@pytest.fixture
def lead_page(phone_page: Page) -> Page:
    """A second browser context, with cookies of its own: the lead answers on her phone."""
    return phone_page


@pytest.fixture
def visitor_page(browser, app, request) -> Page:
    """A third browser context, not signed in: anyone who visits the collaboration."""
    return open_visitor(browser, request, app.url)


@pytest.fixture
def network(app, settings, tmp_path, page: Page, lead_page: Page):
    """A Finnish lead whose open collaboration wants a partner from Asia, a verified teacher in
    Japan who teaches its subject in its language, and a collaboration that wants Europe (for
    the suggestions to leave out); uploads go to a temporary folder the browsers can see."""
    settings.MEDIA_ROOT = tmp_path / "media"
    for browser_page in (page, lead_page):
        serve_media(browser_page.context, app.url)
    reference_data_sync()
    geography = Subject.objects.get(name="Geography")
    english = Language.objects.get(code="en")
    lead = TeacherProfileFactory(
        user__full_name=LEAD_NAME,
        user__email=LEAD_EMAIL,
        user__country=CountryFactory(code="FI"),
        school__name=LEAD_SCHOOL,
        school__city="Helsinki",
    )
    collaboration = CollaborationFactory(
        lead=lead,
        title=TITLE,
        status="open",
        wanted_region="asia",
        partner_schools_wanted=2,
        subjects=[geography],
    )
    collaboration.languages.set([english])
    teacher = TeacherProfileFactory(
        user__full_name=TEACHER_NAME,
        user__email=TEACHER_EMAIL,
        user__country=CountryFactory(code="JP"),
        school__name=TEACHER_SCHOOL,
        school__city=TEACHER_CITY,
        subjects=[geography],
        languages=[english],
    )
    CollaborationFactory(
        title="Haiku and sagas",
        status="open",
        wanted_region="europe",
        lead=TeacherProfileFactory(user__country=CountryFactory(code="JP")),
        subjects=[geography],
    )
    return {"lead": lead, "teacher": teacher, "collaboration": collaboration}


def test_teacher_in_japan_asks_to_join_and_the_finnish_lead_accepts(
    app, network, page: Page, lead_page: Page, visitor_page: Page
):
    collaboration = network["collaboration"]
    detail_url = f"{app.url}{collaboration.get_absolute_url()}"

    teacher_finds_collaboration_and_asks_to_join(page, app.url, detail_url)
    lead_is_told_by_email(collaboration)
    lead_accepts_on_her_phone(lead_page, app.url, detail_url)
    teacher_is_welcomed_and_the_collaboration_is_bi_regional(page, detail_url)
    teacher_posts_a_public_photo_to_the_diary(page, detail_url)
    visitor_sees_the_post_and_the_photo_keeps_no_location(visitor_page, detail_url)


def teacher_finds_collaboration_and_asks_to_join(page: Page, base: str, detail_url: str) -> None:
    page.goto("/accounts/login/")
    log_in(page, email=TEACHER_EMAIL, password=PASSWORD)
    expect(page).to_have_url(f"{base}/me/")

    # My ClassNet suggests it, and says why; the one that wants Europe is left out.
    panel = page.get_by_test_id("suggestions-panel")
    expect(panel.get_by_role("heading", level=2)).to_have_text("Collaborations for you")
    suggestions = panel.get_by_role("listitem")
    expect(suggestions).to_have_count(1)
    expect(suggestions.get_by_role("link")).to_have_text(TITLE)
    expect(suggestions).to_contain_text(REASON)
    expect(panel).not_to_contain_text("Haiku and sagas")
    shot(page, "01-suggested-on-my-classnet-laptop")

    suggestions.get_by_role("link", name=TITLE).click()
    expect(page).to_have_url(detail_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    awards = page.get_by_role("status").filter(has_text="bi-regional")
    expect(awards).to_contain_text("Not yet bi-regional")
    expect(awards).to_contain_text("Needs a school from Asia to enter the ClassNet Awards.")
    join_panel = page.get_by_test_id("join-panel")
    expect(join_panel).to_contain_text("2 places left for partner schools.")
    expect(at_a_glance(page)).to_contain_text("2 of 2 partner places left")
    shot(page, "02-collaboration-not-bi-regional-laptop")

    join_panel.get_by_role("link", name="Ask to join").click()
    expect(page).to_have_url(re.compile(rf"/collaborations/{_pk(detail_url)}/join/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Ask to join “{TITLE}”")
    expect(page.get_by_role("main")).to_contain_text(
        f"You ask for {TEACHER_SCHOOL}, {TEACHER_CITY} to join."
    )
    field(page, "Your students taking part").fill(str(STUDENTS))
    field(page, "Message to the leads").fill(MESSAGE)
    shot(page, "03-ask-to-join-laptop")
    page.get_by_role("button", name="Send my request").click()

    expect(page).to_have_url(detail_url)
    expect(page.get_by_role("alert")).to_contain_text(
        f"Your request is sent. The leads of {TITLE} are told by e-mail"
    )
    expect(page.get_by_test_id("join-panel")).to_contain_text(
        "Your request is waiting for the leads' answer"
    )
    expect(page.get_by_role("button", name="Withdraw my request")).to_be_visible()


def lead_is_told_by_email(collaboration: Collaboration) -> None:
    assert [(message.to, message.subject) for message in mail.outbox] == [
        ([LEAD_EMAIL], f'[ClassNet] {TEACHER_SCHOOL} asks to join "{TITLE}"')
    ]
    body = mail.outbox[0].body
    assert f"{TEACHER_NAME} of {TEACHER_SCHOOL}, {TEACHER_CITY} (Japan)" in body
    assert f"with {STUDENTS} students" in body
    assert MESSAGE in body
    assert collaboration.get_absolute_url() in body
    [join_request] = JoinRequest.objects.filter(collaboration=collaboration)
    assert (join_request.status, join_request.student_count, join_request.message) == (
        JoinRequest.Status.PENDING,
        STUDENTS,
        MESSAGE,
    )


def lead_accepts_on_her_phone(page: Page, base: str, detail_url: str) -> None:
    page.goto("/accounts/login/")
    log_in(page, email=LEAD_EMAIL, password=PASSWORD)
    expect(page).to_have_url(f"{base}/me/")
    page.get_by_role("link", name="1 request waiting").click()

    expect(page).to_have_url(f"{detail_url}#requests")
    lead_panel = page.get_by_test_id("lead-panel")
    request = lead_panel.get_by_test_id("pending-requests").get_by_role("listitem")
    expect(request).to_have_count(1)
    expect(request).to_contain_text(f"{TEACHER_SCHOOL}, {TEACHER_CITY}")
    expect(request).to_contain_text(f"Japan · {TEACHER_NAME} · {TEACHER_EMAIL}")
    expect(request).to_contain_text(f"{STUDENTS} students")
    expect(request).to_contain_text(MESSAGE)
    assert not scrolls_sideways(page)
    shot(page, "04-lead-sees-request-phone")

    request.get_by_role("button", name="Accept").click()

    expect(page).to_have_url(detail_url)
    expect(page.get_by_role("alert")).to_contain_text(
        f"{TEACHER_SCHOOL}, {TEACHER_CITY} is now a member; its teacher is told by e-mail."
    )
    expect(page.get_by_test_id("lead-panel")).to_contain_text(
        "No request is waiting. You get an e-mail when a teacher asks to join."
    )
    expect(page.get_by_test_id("pending-requests")).to_have_count(0)
    expect(page.get_by_test_id("member-management")).to_contain_text(
        f"{TEACHER_SCHOOL}, {TEACHER_CITY} · {TEACHER_NAME}"
    )
    shot(page, "05-lead-accepted-phone")


def teacher_is_welcomed_and_the_collaboration_is_bi_regional(page: Page, detail_url: str) -> None:
    assert [(message.to, message.subject) for message in mail.outbox[1:]] == [
        ([TEACHER_EMAIL], f'[ClassNet] Welcome to "{TITLE}"')
    ]
    body = mail.outbox[1].body
    assert f"Dear {TEACHER_NAME}," in body
    assert f"{TEACHER_SCHOOL}, {TEACHER_CITY} is now a member school." in body
    assert _path(detail_url) in body

    page.reload()
    expect(page).to_have_url(detail_url)
    awards = page.get_by_role("status").filter(has_text="ClassNet Awards")
    expect(awards).to_contain_text("Eligible for the ClassNet Awards")
    expect(awards).to_contain_text("Schools from Asia and Europe in 2 countries.")
    expect(page.get_by_text("Not yet bi-regional")).to_have_count(0)
    expect(page.get_by_test_id("join-panel")).to_contain_text(
        f"Your school, {TEACHER_SCHOOL}, is a member."
    )
    members = page.get_by_role("region", name=re.compile(r"^Member schools"))
    expect(members.get_by_role("heading", level=2)).to_have_text(re.compile(r"Member schools\s+2"))
    rows = members.locator("tbody").get_by_role("row")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text(LEAD_SCHOOL)
    expect(rows.nth(0)).to_contain_text("Helsinki, Finland")
    expect(rows.nth(1)).to_contain_text(TEACHER_SCHOOL)
    expect(rows.nth(1)).to_contain_text(f"{TEACHER_CITY}, Japan")
    expect(rows.nth(1)).to_contain_text(TEACHER_NAME)
    expect(rows.nth(1).get_by_role("cell").last).to_have_text(str(STUDENTS))
    # Members see each other's addresses now.
    expect(rows.nth(0).get_by_role("link", name=LEAD_EMAIL)).to_be_visible()
    expect(members.locator("tfoot")).to_contain_text(f"Students taking part {20 + STUDENTS}")
    expect(at_a_glance(page)).to_contain_text("1 of 2 partner places left")
    shot(page, "06-teacher-member-bi-regional-laptop")

    membership = Membership.objects.get(school__name=TEACHER_SCHOOL)
    assert (membership.role, membership.student_count, membership.teacher.user.email) == (
        Membership.Role.MEMBER,
        STUDENTS,
        TEACHER_EMAIL,
    )


def teacher_posts_a_public_photo_to_the_diary(page: Page, detail_url: str) -> None:
    photo = phone_photo()
    assert b"GPS" in photo  # what must not survive the upload
    diary = page.get_by_role("region", name="Diary")
    expect(diary).to_contain_text("No updates yet. Post the first one")
    post_to_diary(page, text=UPDATE, photo_name=PHOTO_NAME, photo=photo)

    expect(page).to_have_url(f"{detail_url}#diary")
    expect(page.get_by_role("alert")).to_contain_text("Your update is in the diary.")
    post = page.get_by_test_id("diary-post")
    expect(post).to_have_count(1)
    expect(post).to_contain_text(UPDATE)
    expect(post).to_contain_text(f"{TEACHER_NAME} · {TEACHER_SCHOOL}")
    expect(post).to_contain_text("Public")
    thumbnail = post.get_by_role("img", name="Photo of the update")
    expect(thumbnail).to_be_visible()
    assert loaded_width(thumbnail) == 256
    shot(page, "07-teacher-posted-to-diary-laptop")


def visitor_sees_the_post_and_the_photo_keeps_no_location(page: Page, detail_url: str) -> None:
    page.goto(detail_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_test_id("diary-form")).to_have_count(0)
    post = page.get_by_test_id("diary-post")
    expect(post).to_have_count(1)
    expect(post).to_contain_text(UPDATE)
    expect(post).to_contain_text(TEACHER_SCHOOL)
    thumbnail = post.get_by_role("img", name="Photo of the update")
    expect(thumbnail).to_be_visible()
    assert loaded_width(thumbnail) == 256
    assert not scrolls_sideways(page)
    shot(page, "08-visitor-sees-diary-phone")

    [diary_post] = DiaryPost.objects.filter(collaboration__title=TITLE)
    assert (diary_post.visibility, diary_post.text, diary_post.author.user.email) == (
        DiaryPost.Visibility.PUBLIC,
        UPDATE,
        TEACHER_EMAIL,
    )
    [photo] = DiaryPhoto.objects.filter(post=diary_post)
    assert "yodo-river" not in photo.image.name
    assert_stored_without_location(photo)


def at_a_glance(page: Page):
    """The "At a glance" card's place count."""
    return page.locator("dt", has_text="Places").locator("xpath=following-sibling::dd[1]")


def _path(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def _pk(detail_url: str) -> str:
    return _path(detail_url).split("/")[2]


INVITATION = "Your Osaka class would fit our river project: we sample the Vantaa every month."


def test_the_finnish_lead_finds_a_teacher_in_japan_in_the_directory_and_invites_him(
    app, network, page: Page, lead_page: Page
):
    """Issue 12: the teacher directory is no dead end. The lead filters the directory by Asia,
    opens the teacher's profile and invites him; he gets an e-mail with a link, opens the
    invitation on his laptop and accepts; the lead is told and his school is a member."""
    collaboration = network["collaboration"]
    lead_page.goto("/accounts/login/")
    log_in(lead_page, email=LEAD_EMAIL, password=PASSWORD)
    lead_page.goto("/teachers/?region=asia")
    lead_page.get_by_role("link", name=TEACHER_NAME).click()
    shot(lead_page, "invite-1-profile")
    lead_page.get_by_role("link", name="Invite to my collaboration").click()
    expect(lead_page.get_by_role("heading", level=1)).to_have_text(
        f"Invite {TEACHER_NAME} to your collaboration"
    )
    field(lead_page, "Collaboration").select_option(label=TITLE)
    field(lead_page, "Message to the teacher").fill(INVITATION)
    shot(lead_page, "invite-2-form")
    lead_page.get_by_role("button", name="Send the invitation").click()
    expect(lead_page.get_by_text(f"is sent to {TEACHER_NAME} by e-mail")).to_be_visible()
    expect(lead_page.get_by_test_id("invitation-status")).to_have_text("Waiting for an answer")
    assert not scrolls_sideways(lead_page)

    [message] = mail.outbox
    assert message.to == [TEACHER_EMAIL]
    # the e-mail's link, on the live server (SITE_URL names the real one)
    link = re.search(r"/collaborations/invitations/\d+/", message.body).group(0)
    page.goto("/accounts/login/")
    log_in(page, email=TEACHER_EMAIL, password=PASSWORD)
    expect(page.get_by_test_id("invitations")).to_contain_text(TITLE)
    page.goto(link)
    expect(page.get_by_test_id("invitation")).to_contain_text(INVITATION)
    field(page, "Your students taking part").fill(str(STUDENTS))
    shot(page, "invite-3-answer")
    page.get_by_role("button", name="Accept the invitation").click()

    expect(page).to_have_url(re.compile(re.escape(collaboration.get_absolute_url())))
    expect(page.get_by_test_id("join-panel")).to_contain_text(f"Your school, {TEACHER_SCHOOL}")
    membership = Membership.objects.get(collaboration=collaboration, school__name=TEACHER_SCHOOL)
    assert (membership.teacher.user.email, membership.student_count) == (TEACHER_EMAIL, STUDENTS)
    assert [(m.to, m.subject) for m in mail.outbox[1:]] == [
        (
            [LEAD_EMAIL],
            f'[ClassNet] {TEACHER_SCHOOL} accepted your invitation to "{TITLE}"',
        )
    ]
