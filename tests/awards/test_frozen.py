"""Issue 12: published results are frozen. Every write of the awards on a published cycle is
refused with a clear message, or (disqualifying an entry) goes through the amendment path: a
reason, the audit, a note on the public page. The buttons that would be refused are hidden."""

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.errors import AwardsError
from awards.models import Assignment, Award, Conflict, CycleJudge, Entry, Stage
from awards.selectors.results import AMENDED, amendments, cycle_figures
from awards.services.assignment import assign_stage, assignment_add, assignment_remove
from awards.services.entries import entry_disqualify, entry_withdraw
from awards.services.judges import (
    conflict_add,
    conflicts_declare,
    invitation_accept,
    judge_make_chair,
    judge_reinvite,
    judge_remove,
)
from awards.services.results import cycle_publish
from awards.services.scorecards import scorecard_save
from core.audit.models import AuditEntry
from tests.factories import (
    AssignmentFactory,
    AwardLevelFactory,
    CriterionFactory,
    CycleJudgeFactory,
    EntryFactory,
    StageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def published():
    """A published cycle: a closed final with a Gold winner, another entry, a judge with a
    submitted scorecard and one still in draft, an invited judge who never answered."""
    stage = StageFactory(kind="final", status="closed")
    cycle = stage.cycle
    criterion = CriterionFactory(cycle=cycle)
    gold = AwardLevelFactory(cycle=cycle, name="Gold", rank=1)
    winner, other = EntryFactory(cycle=cycle), EntryFactory(cycle=cycle)
    stage.entries.add(winner, other)
    judge = CycleJudgeFactory(cycle=cycle)
    done = AssignmentFactory(
        stage=stage, entry=winner, judge=judge, status="submitted", submitted_at=timezone.now()
    )
    done.scores.create(criterion=criterion, value=4)
    draft = AssignmentFactory(stage=stage, entry=other, judge=judge, status="draft")
    Award.objects.create(cycle=cycle, entry=winner, level=gold)
    cycle.status, cycle.published_at = "published", timezone.now()
    cycle.save()
    invited = CycleJudgeFactory(cycle=cycle, status="invited")
    return {
        "cycle": cycle,
        "stage": stage,
        "winner": winner,
        "other": other,
        "judge": judge,
        "draft": draft,
        "invited": invited,
        "criterion": criterion,
    }


def test_disqualifying_a_winner_after_publication_is_an_amendment(published, staff):
    cycle, winner = published["cycle"], published["winner"]
    before = cycle_figures(cycle=cycle)

    entry_disqualify(entry=winner, by=staff, reason="The evidence was copied.")

    winner.refresh_from_db()
    assert winner.status == Entry.Status.DISQUALIFIED
    assert not Award.objects.filter(entry=winner).exists()  # no longer listed as Gold
    assert cycle_figures(cycle=cycle).entries == before.entries - 1
    [note] = [change.note for change in amendments(cycle=cycle)]
    assert winner.collaboration.title in note
    assert "Gold award withdrawn" in note
    assert "The evidence was copied." in note
    assert AuditEntry.objects.filter(action=AMENDED, actor=staff).count() == 1


def test_disqualifying_without_a_reason_after_publication_changes_nothing(published, staff):
    with pytest.raises(AwardsError, match="Give the reason"):
        entry_disqualify(entry=published["winner"], by=staff, reason="  ")
    assert Award.objects.filter(entry=published["winner"]).exists()
    assert amendments(cycle=published["cycle"]) == []


def test_a_draft_cannot_be_disqualified_after_publication(published, staff):
    draft = EntryFactory(cycle=published["cycle"], status="draft", submitted_at=None)
    with pytest.raises(AwardsError, match="only a submitted entry"):
        entry_disqualify(entry=draft, by=staff, reason="Late")
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_the_entrant_cannot_withdraw_after_publication(published):
    winner = published["winner"]
    with pytest.raises(AwardsError, match="can no longer change"):
        entry_withdraw(entry=winner, by=winner.submitted_by.user)
    winner.refresh_from_db()
    assert winner.status == "submitted"


@pytest.mark.parametrize(
    "write",
    [
        "assign_stage",
        "assignment_add",
        "assignment_remove",
        "judge_reinvite",
        "judge_remove",
        "judge_make_chair",
    ],
)
def test_panel_and_assignment_writes_are_refused(published, staff, write):
    stage, judge = published["stage"], published["judge"]
    calls = {
        "assign_stage": lambda: assign_stage(stage=stage, by=staff),
        "assignment_add": lambda: assignment_add(
            stage=stage,
            entry=published["other"],
            judge=CycleJudgeFactory(cycle=stage.cycle),
            by=staff,
        ),
        "assignment_remove": lambda: assignment_remove(
            assignment=published["draft"], by=staff, confirm_draft=True
        ),
        "judge_reinvite": lambda: judge_reinvite(judge=published["invited"], by=staff),
        "judge_remove": lambda: judge_remove(judge=judge, by=staff),
        "judge_make_chair": lambda: judge_make_chair(judge=judge, by=staff),
    }
    with pytest.raises(AwardsError, match="published and frozen"):
        calls[write]()
    assert Assignment.objects.filter(stage=stage).count() == 2
    judge.refresh_from_db()
    assert (judge.status, judge.is_chair) == ("active", False)


def test_an_invitation_cannot_be_accepted_after_publication(published):
    invited = published["invited"]
    with pytest.raises(AwardsError, match="published"):
        invitation_accept(judge=invited, by=invited.user)
    invited.refresh_from_db()
    assert invited.status == CycleJudge.Status.INVITED


def test_conflicts_are_refused_after_publication(published, staff):
    judge, other = published["judge"], published["other"]
    with pytest.raises(AwardsError, match="published and frozen"):
        conflicts_declare(judge=judge, declared={other.pk: "A friend"}, by=judge.user)
    with pytest.raises(AwardsError, match="published and frozen"):
        conflict_add(judge=judge, entry=other, reason="Known", by=staff)
    assert not Conflict.objects.exists()
    assert Assignment.objects.filter(pk=published["draft"].pk).exists()


def test_conflicts_are_refused_once_every_stage_is_closed(published):
    cycle, judge = published["cycle"], published["judge"]
    cycle.status = "judging"
    cycle.save()
    with pytest.raises(AwardsError, match="Judging is over"):
        conflicts_declare(judge=judge, declared={published["other"].pk: ""}, by=judge.user)
    assert not Conflict.objects.exists()


def test_scorecards_are_refused_after_publication_even_in_an_open_stage(published):
    stage, draft = published["stage"], published["draft"]
    stage.status = "open"
    stage.save()
    with pytest.raises(AwardsError, match="published and frozen"):
        scorecard_save(
            assignment=draft, by=published["judge"].user, scores={published["criterion"].pk: 5}
        )
    assert not draft.scores.exists()


def test_publishing_closes_a_stage_still_open(staff):
    stage = StageFactory(kind="final", status="open")
    entry = EntryFactory(cycle=stage.cycle)
    Award.objects.create(cycle=stage.cycle, entry=entry, level=AwardLevelFactory(cycle=stage.cycle))
    cycle_publish(cycle=stage.cycle, by=staff)
    stage.refresh_from_db()
    assert stage.status == Stage.Status.CLOSED


def test_stage_changes_are_refused_after_publication(published, staff):
    from awards.errors import CycleError
    from awards.services.cycles import stage_close, stage_open

    pending = StageFactory(cycle=published["cycle"], kind="shortlist", status="pending")
    with pytest.raises(CycleError, match="published and frozen"):
        stage_open(stage=pending, by=staff)
    published["stage"].status = "open"
    published["stage"].save()
    with pytest.raises(CycleError, match="published and frozen"):
        stage_close(stage=published["stage"], by=staff)


# --- the pages hide what would be refused ----------------------------------------------------


def test_entries_page_offers_disqualification_only_as_an_amendment(client, staff, published):
    EntryFactory(cycle=published["cycle"], status="draft", submitted_at=None)
    client.force_login(staff)
    url = reverse("awards_staff:entries", args=[published["cycle"].edition.number])
    page = client.get(url).content.decode()
    assert "Disqualify and amend" in page
    assert page.count('name="entry" value=') == 2  # the two submitted entries, not the draft
    assert "Reason (shown on the public page)" in page

    response = client.post(
        url, {"entry": published["winner"].pk, "reason": "Copied evidence."}, follow=True
    )
    assert "published results are amended" in response.content.decode()
    public = client.get(published["cycle"].get_absolute_url()).content.decode()
    assert "Amended on" in public
    assert "Copied evidence." in public


def test_judges_and_assignments_pages_hide_their_buttons(client, staff, published):
    client.force_login(staff)
    number = published["cycle"].edition.number
    judges = client.get(reverse("awards_staff:judges", args=[number])).content.decode()
    assert 'data-testid="panel-frozen"' in judges
    for hidden in ['value="reinvite"', 'value="remove"', 'value="chair"', 'value="invite"']:
        assert hidden not in judges
    assert 'value="conflict"' not in judges
    board = client.get(reverse("awards_staff:assignments", args=[number, "final"])).content
    board = board.decode()
    assert 'data-testid="assignments-frozen"' in board
    for hidden in ['value="auto"', 'value="add"', 'value="remove"']:
        assert hidden not in board


def test_judge_dashboard_offers_no_conflict_after_publication(client, published):
    judge = published["judge"]
    client.force_login(judge.user)
    number = published["cycle"].edition.number
    conflicts_url = reverse("awards:judge_conflicts", args=[number])
    dashboard = client.get(reverse("awards:judge_dashboard")).content.decode()
    assert conflicts_url not in dashboard
    assert "Declare a conflict" not in dashboard

    page = client.get(conflicts_url).content.decode()
    assert 'data-testid="conflicts-closed"' in page
    assert "Save my conflicts" not in page
    response = client.post(conflicts_url, {f"conflict_{published['other'].pk}": "on"})
    assert response.status_code == 400
    assert "published and frozen" in response.content.decode()
    assert not Conflict.objects.exists()


def test_judge_dashboard_offers_conflicts_while_judging(client, published):
    cycle = published["cycle"]
    cycle.status = "judging"
    cycle.save()
    StageFactory(cycle=cycle, kind="shortlist", status="open")
    client.force_login(published["judge"].user)
    dashboard = client.get(reverse("awards:judge_dashboard")).content.decode()
    assert reverse("awards:judge_conflicts", args=[cycle.edition.number]) in dashboard
