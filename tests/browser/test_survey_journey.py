"""Issue 8's answering journey in a real browser: a teacher invited to an anonymous network
survey opens it from My ClassNet, answers some questions, saves and leaves; comes back to find
her answers kept; submits with a required answer missing and is told which; answers it,
submits and is thanked. Her answers are stored with nothing that leads back to her. On a phone
the answer page fits without sideways scrolling.

Set SCREENSHOTS_DIR to keep a screenshot of every step:
    SCREENSHOTS_DIR=/tmp/shots .venv/bin/pytest tests/browser/test_survey_journey.py
"""

import pytest
from playwright.sync_api import Page, expect

from surveys.models import Answer, Invitation, Response
from tests.factories import PASSWORD, CountryFactory, SurveyInvitationFactory
from tests.factories import TeacherProfileFactory as Teacher
from tests.surveys.services.test_answering import build_survey

from .support import field, log_in
from .support_journey import scrolls_sideways, shot

EMAIL = "aino.virtanen@kallio.example"
TITLE = "Teaching across borders 2026"


@pytest.fixture
def invited(app):
    """An open anonymous survey (two sections, a question of every kind) and Aino, invited."""
    s = build_survey(
        title=TITLE,
        introduction="Ten minutes about your collaborations. Your answers are anonymous.",
    )
    aino = Teacher(
        user__full_name="Aino Virtanen",
        user__email=EMAIL,
        user__country=CountryFactory(code="FI"),
        school__name="Kallio Upper Secondary School",
    ).user
    SurveyInvitationFactory(survey=s.survey, user=aino)
    return s


def test_teacher_answers_a_survey_in_two_sittings(app, invited, page: Page):
    s = invited
    page.goto("/accounts/login/")
    log_in(page, email=EMAIL, password=PASSWORD)
    expect(page).to_have_url(f"{app.url}/me/")
    panel = page.get_by_test_id("surveys-panel")
    expect(panel).to_contain_text("Surveys for you")
    expect(panel).to_contain_text(TITLE)
    shot(page, "survey-1-my-classnet")
    panel.get_by_role("link", name="Answer").click()

    # First sitting: some answers, then "Save and come back".
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    page.get_by_label("Upper secondary").check()
    page.get_by_label("Video").check()
    field(page, "How many students took part?").fill("42")
    field(page, "One idea for us").fill("Twin classes with Da Nang")
    shot(page, "survey-2-answering")
    page.get_by_role("button", name="Save and come back").click()
    expect(page.get_by_text("Your answers are saved.")).to_be_visible()

    # Later: back through My ClassNet, where the survey now says "Continue".
    page.goto("/me/")
    page.get_by_test_id("surveys-panel").get_by_role("link", name="Continue").click()
    expect(page.get_by_label("Upper secondary")).to_be_checked()
    expect(page.get_by_label("Video")).to_be_checked()
    expect(field(page, "How many students took part?")).to_have_value("42")
    expect(field(page, "One idea for us")).to_have_value("Twin classes with Da Nang")

    # Submit without the required Likert answer: told which, nothing typed lost.
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.get_by_test_id("survey-errors")).to_contain_text(
        "Nothing was submitted: please answer the questions marked below."
    )
    likert = page.get_by_test_id(f"question-{s.useful.pk}")
    expect(likert).to_contain_text("Answer this question before you submit.")
    expect(field(page, "One idea for us")).to_have_value("Twin classes with Da Nang")
    shot(page, "survey-3-missing")
    assert Response.objects.count() == 0

    likert.get_by_label("4", exact=True).check()
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.get_by_test_id("survey-thanks")).to_contain_text("Thank you for your answers!")
    shot(page, "survey-4-thanks")

    response = Response.objects.get()
    invitation = Invitation.objects.get()
    assert (response.respondent, invitation.draft_answers) == (None, {})
    assert invitation.answered_at is not None
    assert dict(
        Answer.objects.filter(number__isnull=False).values_list("question_id", "number")
    ) == {
        s.useful.pk: 4,
        s.students.pk: 42,
    }


def test_answer_page_fits_a_phone(app, invited, phone_page: Page):
    phone_page.goto("/accounts/login/")
    log_in(phone_page, email=EMAIL, password=PASSWORD)
    phone_page.goto(f"/surveys/{invited.survey.pk}/")
    expect(phone_page.get_by_test_id("survey-form")).to_be_visible()
    shot(phone_page, "survey-5-phone")
    assert not scrolls_sideways(phone_page)
    phone_page.goto("/surveys/")
    expect(phone_page.get_by_test_id("my-surveys")).to_contain_text(TITLE)
    shot(phone_page, "survey-6-mine-phone")
    assert not scrolls_sideways(phone_page)
