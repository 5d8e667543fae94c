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
    TOTP_SECRET,
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
    log_in(page, email=JUDGE_EMAIL, password=PASSWORD, totp=TOTP_SECRET)
    expect(page).to_have_url(f"{base}/me/")
    panel = page.get_by_test_id("judging-panel")
    expect(panel).to_contain_text("1 entry to score for the ClassNet Awards 2027")
    expect(panel).to_contain_text("Deadline:")
    shot(page, "judging-1-my-classnet")
    panel.get_by_role("link", name="Open my judging dashboard").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Judging")
    expect(page.get_by_test_id("stage-progress")).to_have_text("0 of 1 submitted")
    assert TITLE not in page.content()  # blind judging: the entry's number, not its title
    shot(page, "judging-2-dashboard")
    page.get_by_role("link", name=re.compile(r"^Entry \d+$")).click()


def criterion(page: Page, name: str):
    return page.get_by_role("group", name=name)


def choose(page: Page, scores: dict[str, int]) -> None:
    for name, value in scores.items():
        criterion(page, name).get_by_role("radio", name=re.compile(rf"^{value}\b")).check()


def judge_is_told_what_is_missing(page: Page, assignment: Assignment) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Entry {assignment.entry_id}")
    content = page.content()
    assert TITLE not in content
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
    log_in(page, email=JUDGE_EMAIL, password=PASSWORD, totp=TOTP_SECRET)
    page.goto(f"/awards/judging/scorecards/{assignment.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Entry {assignment.entry_id}")
    assert not scrolls_sideways(page)
    shot(page, "judging-6-phone-scorecard")
    page.goto("/awards/judging/")
    assert not scrolls_sideways(page)
    shot(page, "judging-7-phone-dashboard")


# --- Issue 12: the staff results table at laptop width ----------------------------------------


@pytest.fixture
def seven_judges(app):
    """A closed shortlist of 8 entries, each scored by all 7 judges (long names); the judges
    split on one entry."""
    edition = EditionFactory(number=14)
    cycle = AwardCycleFactory(edition=edition, title="ClassNet Awards 2027")
    criterion = CriterionFactory(cycle=cycle, scale_min=0, scale_max=10, is_primary=True)
    stage = StageFactory(cycle=cycle, status="closed")
    category = AwardCategoryFactory(cycle=cycle, name="Sustainability")
    names = [
        "Kenji Watanabe",
        "Elena Moreno Fernández",
        "Priya Raman",
        "Lars Nyberg",
        "Nguyen Thi Lan",
        "Marguerite Dubois-Laurent",
        "Aleksandra Wiśniewska",
    ]
    judges = [CycleJudgeFactory(cycle=cycle, user__full_name=name) for name in names]
    for i in range(8):
        entry = EntryFactory(cycle=cycle, category=category)
        stage.entries.add(entry)
        for j, judge in enumerate(judges):
            assignment = AssignmentFactory(
                stage=stage,
                entry=entry,
                judge=judge,
                status="submitted",
                submitted_at=timezone.now(),
            )
            # The judges mostly agree (within a point); on the fourth entry they split.
            value = (2, 9)[j % 2] if i == 3 else max(0, min(10, 9 - i + j % 3 - 1))
            assignment.scores.create(criterion=criterion, value=value)
    return stage


def test_results_at_laptop_width_show_the_decisive_columns_first(app, seven_judges, page: Page):
    from tests.factories import StaffFactory

    StaffFactory(email="staff@classnet.example")
    page.goto("/accounts/login/")
    log_in(page, email="staff@classnet.example", password=PASSWORD, totp=TOTP_SECRET)
    page.goto("/staff/awards/14/results/shortlist/")
    table = page.locator("table.cn-results")
    headers = table.locator("thead th")
    expect(headers.nth(0)).to_have_text("Rank")
    expect(headers.nth(1)).to_have_text("Entry")
    expect(headers.nth(2)).to_have_text("Normalised")
    for name in ("Normalised", "Raw mean", "Median", "Flags"):
        box = table.get_by_role("columnheader", name=name, exact=True).bounding_box()
        assert box["x"] + box["width"] <= 1366, name  # on screen without scrolling
    expect(page.get_by_test_id("flag-legend")).to_contain_text("Judges disagree")
    expect(table.locator("tbody .badge", has_text="Judges disagree")).to_have_count(1)
    # The page itself never scrolls sideways: the per-judge columns scroll inside the table.
    assert not scrolls_sideways(page)
    last_judge = table.locator("thead th").last
    assert last_judge.bounding_box()["x"] > 1366
    shot(page, "results-1-laptop-7-judges")
