"""Issue 6's scoring journey in a real browser: a judge of the ClassNet Awards (a teacher
herself) sees on My ClassNet that an entry waits for her scores, opens her judging dashboard
and the entry's scorecard, which in blind judging names no school. She tries to submit with a
criterion left empty and is told what is missing, with nothing saved; scores every criterion,
saves a draft, then submits and finds the scorecard locked. On a phone the scorecard fits the
screen.

Set SCREENSHOTS_DIR to keep a screenshot of every step, for a visual review:
    SCREENSHOTS_DIR=/tmp/shots .venv/bin/pytest tests/browser/test_judging_journey.py
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from awards.models import Assignment, Score
from tests.factories import (
    PASSWORD,
    AssignmentFactory,
    AwardCategoryFactory,
    AwardCycleFactory,
    CountryFactory,
    CriterionFactory,
    CycleJudgeFactory,
    EditionFactory,
    EntryFactory,
    JudgeFactory,
    MembershipFactory,
    StageFactory,
    TeacherProfileFactory,
)

from .support import log_in
from .support_journey import scrolls_sideways, shot

JUDGE_EMAIL = "mei.tan@judges.example"
TITLE = "Rivers of two continents"
LEAD_SCHOOL = "Kallio Upper Secondary School"
PARTNER_SCHOOL = "Sakura Koto High School"
RUBRIC = {
    "Intercultural understanding": 5,
    "Teamwork": 4,
    "Knowledge-sharing": 4,
    "Use of ICT": 3,
    "Learning outcomes": 5,
}
DESCRIPTORS = {
    "1": "No evidence",
    "2": "Little evidence",
    "3": "Some evidence",
    "4": "Strong evidence",
    "5": "Exemplary",
}


@pytest.fixture
def judging(app):
    """The 2027 Awards judging its shortlist, closing in two days: one entry of a
    Finnish-Japanese collaboration, assigned to our judge, in blind judging."""
    edition = EditionFactory(
        number=20,
        city="Tokyo",
        country=CountryFactory(code="JP"),
        starts_on=datetime.date(2027, 11, 20),
        ends_on=datetime.date(2027, 11, 24),
        status="applications_open",
    )
    cycle = AwardCycleFactory(edition=edition, title="ClassNet Awards 2027", blind=True)
    for position, name in enumerate(RUBRIC):
        CriterionFactory(
            cycle=cycle,
            name=name,
            position=position,
            guidance=f"What the students' work shows of {name.lower()}.",
            descriptors=DESCRIPTORS,
            weight=2 if position == 0 else 1,
            is_primary=position == 0,
        )
    stage = StageFactory(
        cycle=cycle, status="open", closes_at=timezone.now() + datetime.timedelta(days=2)
    )
    lead = TeacherProfileFactory(user__full_name="Aino Virtanen", school__name=LEAD_SCHOOL)
    entry = EntryFactory(
        cycle=cycle,
        submitted_by=lead,
        category=AwardCategoryFactory(cycle=cycle, name="Sustainability"),
        collaboration__title=TITLE,
    )
    entry.collaboration.title = TITLE
    entry.collaboration.save()
    MembershipFactory(
        collaboration=entry.collaboration,
        teacher=TeacherProfileFactory(
            user__country=CountryFactory(code="JP"), school__name=PARTNER_SCHOOL
        ),
    )
    stage.entries.add(entry)
    judge = TeacherProfileFactory(
        user=JudgeFactory(email=JUDGE_EMAIL, full_name="Mei Tan", country=CountryFactory(code="SG"))
    ).user
    return AssignmentFactory(
        stage=stage, entry=entry, judge=CycleJudgeFactory(cycle=cycle, user=judge)
    )


def test_judge_scores_an_entry_in_blind_judging(app, judging, page: Page, phone_page: Page):
    judge_finds_the_entry(page, app.url)
    judge_is_told_what_is_missing(page, judging)
    judge_saves_a_draft(page, judging)
    judge_submits_and_the_scorecard_locks(page, judging)
    scorecard_fits_a_phone(phone_page, judging)


def judge_finds_the_entry(page: Page, base: str) -> None:
    page.goto("/accounts/login/")
    log_in(page, email=JUDGE_EMAIL, password=PASSWORD)
    expect(page).to_have_url(f"{base}/me/")
    panel = page.get_by_test_id("judging-panel")
    expect(panel).to_contain_text("1 entry to score for the ClassNet Awards 2027")
    expect(panel).to_contain_text("Deadline:")
    shot(page, "judging-1-my-classnet")
    panel.get_by_role("link", name="Open my judging dashboard").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Judging")
    expect(page.get_by_test_id("stage-progress")).to_have_text("0 of 1 submitted")
    shot(page, "judging-2-dashboard")
    page.get_by_role("link", name=TITLE).click()


def criterion(page: Page, name: str):
    return page.get_by_role("group", name=name)


def choose(page: Page, scores: dict[str, int]) -> None:
    for name, value in scores.items():
        criterion(page, name).get_by_role("radio", name=re.compile(rf"^{value}\b")).check()


def judge_is_told_what_is_missing(page: Page, assignment: Assignment) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    content = page.content()
    assert LEAD_SCHOOL not in content
    assert PARTNER_SCHOOL not in content
    assert "Aino Virtanen" not in content
    expect(page.get_by_text("Blind judging")).to_be_visible()
    expect(criterion(page, "Teamwork")).to_contain_text("Strong evidence")
    shot(page, "judging-3-scorecard")

    choose(page, {name: value for name, value in RUBRIC.items() if name != "Use of ICT"})
    page.get_by_label("I understand that submitted scores are final").check()
    page.get_by_role("button", name="Submit final scores").click()

    expect(page.get_by_test_id("scorecard-errors")).to_contain_text("Still missing: Use of ICT.")
    expect(criterion(page, "Use of ICT")).to_contain_text("Score this criterion before you submit.")
    # What she chose is still chosen; nothing was saved.
    expect(
        criterion(page, "Teamwork").get_by_role("radio", name=re.compile(r"^4\b"))
    ).to_be_checked()
    assert not Score.objects.filter(assignment=assignment).exists()
    assert Assignment.objects.get(pk=assignment.pk).status == "assigned"
    shot(page, "judging-4-missing")


def judge_saves_a_draft(page: Page, assignment: Assignment) -> None:
    choose(page, RUBRIC)
    page.get_by_label("Comment to staff").fill("The video evidence is convincing.")
    page.get_by_label("Comment to the entrant (optional)").fill(
        "Your students' river data is a model of careful teamwork."
    )
    page.get_by_role("button", name="Save draft").click()

    expect(page.get_by_text("Draft saved")).to_be_visible()
    assert Assignment.objects.get(pk=assignment.pk).status == "draft"
    saved = dict(
        Score.objects.filter(assignment=assignment).values_list("criterion__name", "value")
    )
    assert saved == RUBRIC
    expect(
        criterion(page, "Use of ICT").get_by_role("radio", name=re.compile(r"^3\b"))
    ).to_be_checked()


def judge_submits_and_the_scorecard_locks(page: Page, assignment: Assignment) -> None:
    page.get_by_label("I understand that submitted scores are final").check()
    page.get_by_role("button", name="Submit final scores").click()

    expect(page.get_by_test_id("scorecard-final")).to_contain_text("Submitted on")
    expect(page.get_by_role("button", name="Submit final scores")).to_have_count(0)
    expect(page.get_by_role("button", name="Save draft")).to_have_count(0)
    expect(criterion(page, "Teamwork").get_by_role("radio").first).to_be_disabled()
    assignment.refresh_from_db()
    assert assignment.status == "submitted"
    assert assignment.submitted_at is not None
    shot(page, "judging-5-submitted")

    page.get_by_role("link", name="Back to your entries").click()
    expect(page.get_by_test_id("stage-progress")).to_have_text("1 of 1 submitted")


def scorecard_fits_a_phone(page: Page, assignment: Assignment) -> None:
    page.goto("/accounts/login/")
    log_in(page, email=JUDGE_EMAIL, password=PASSWORD)
    page.goto(f"/awards/judging/scorecards/{assignment.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert not scrolls_sideways(page)
    shot(page, "judging-6-phone-scorecard")
    page.goto("/awards/judging/")
    assert not scrolls_sideways(page)
    shot(page, "judging-7-phone-dashboard")
