"""Issue 13's staff hubs in a real browser: staff open a draft cycle for entries from its hub,
close the entries after the hub's question, record a conflict and make a judge chair on the
panel page, assign the shortlist automatically and open the final's page; every button posts
to its own action URL. The hub, the panel, the assignments and the publish page fit a phone
(390px) and a laptop (1280px) without scrolling sideways.

Set SCREENSHOTS_DIR to keep a screenshot of every page at both widths:
    SCREENSHOTS_DIR=/tmp/shots .venv/bin/pytest tests/browser/test_awards_staff_journey.py
"""

import datetime

from django.utils import timezone
from playwright.sync_api import Page, expect

from awards.models import Assignment, AwardCycle, Conflict, CycleJudge
from tests.factories import (
    PASSWORD,
    TOTP_SECRET,
    AwardCycleFactory,
    CountryFactory,
    CriterionFactory,
    CycleJudgeFactory,
    EditionFactory,
    EntryFactory,
    JudgeFactory,
    StaffFactory,
    StageFactory,
)

from .support import log_in
from .support_journey import scrolls_sideways, shot

STAFF_EMAIL = "staff@classnet.example"


def _draft_cycle() -> AwardCycle:
    edition = EditionFactory(
        number=21,
        city="Helsinki",
        country=CountryFactory(code="FI"),
        starts_on=datetime.date(2028, 11, 20),
        ends_on=datetime.date(2028, 11, 24),
    )
    cycle = AwardCycleFactory(
        edition=edition,
        status="draft",
        title="ClassNet Awards 2028",
        entries_close_at=timezone.now() + datetime.timedelta(days=5),
    )
    cycle.categories.create(name="School collaboration")
    cycle.levels.create(name="Gold", rank=1)
    CriterionFactory(cycle=cycle, name="Teamwork", is_primary=True)
    StageFactory(cycle=cycle, kind="shortlist", status="pending", position=1)
    StageFactory(cycle=cycle, kind="final", status="pending", position=2)
    return cycle


def _fits(page: Page, name: str) -> None:
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        assert not scrolls_sideways(page), f"{name} at {width}px"
        shot(page, f"awards-staff-{name}-{width}")


def test_staff_run_the_cycle_from_its_hubs(app, page: Page):
    cycle = _draft_cycle()
    StaffFactory(email=STAFF_EMAIL)
    page.goto("/accounts/login/")
    log_in(page, email=STAFF_EMAIL, password=PASSWORD, totp=TOTP_SECRET)

    # The hub: open for entries.
    page.goto("/staff/awards/21/")
    page.get_by_role("button", name="Open for entries").click()
    expect(page.get_by_text("The cycle is open: lead teachers can enter")).to_be_visible()
    assert page.url.endswith("/staff/awards/21/")
    entry = EntryFactory(cycle=cycle, category=cycle.categories.get())
    EntryFactory(cycle=cycle, category=cycle.categories.get(), status="draft", submitted_at=None)

    # Closing entries before the deadline asks first; the answer closes them.
    page.reload()
    page.get_by_role("button", name="Close entries and start judging").click()
    question = page.get_by_test_id("confirm-close")
    expect(question).to_contain_text("1 draft was never submitted")
    _fits(page, "hub-question")
    question.get_by_role("button", name="Yes, close entries before the deadline").click()
    expect(page.get_by_text("Entries are closed and the first stage is open")).to_be_visible()
    cycle.refresh_from_db()
    assert cycle.status == "judging"
    _fits(page, "hub")

    # The panel: three judges from both regions; one made chair, a conflict recorded.
    judges = [
        CycleJudgeFactory(cycle=cycle, user=JudgeFactory(country=CountryFactory(code=code)))
        for code in ("JP", "DE", "KR", "FR")
    ]
    page.goto("/staff/awards/21/judges/")
    page.locator(f"#judge-{judges[0].pk}").get_by_role("button", name="Make chair").click()
    expect(page.get_by_text("chairs the panel.")).to_be_visible()
    assert CycleJudge.objects.get(pk=judges[0].pk).is_chair
    page.locator("summary", has_text="Record a conflict").click()
    page.locator("#id_judge").select_option(str(judges[3].pk))
    page.locator("#id_entry").select_option(str(entry.pk))
    page.get_by_role("button", name="Record the conflict").click()
    expect(page.get_by_text("The conflict is recorded.")).to_be_visible()
    assert Conflict.objects.get().judge == judges[3]
    _fits(page, "judges")

    # The shortlist's assignments: automatic, never the conflicted judge.
    page.goto("/staff/awards/21/assignments/shortlist/")
    page.get_by_role("button", name="Assign automatically").click()
    expect(page.get_by_text("3 assignments made.")).to_be_visible()
    assigned = set(Assignment.objects.values_list("judge", flat=True))
    assert assigned == {judges[0].pk, judges[1].pk, judges[2].pk}
    _fits(page, "assignments")

    page.goto("/staff/awards/21/publish/")
    _fits(page, "publish")
