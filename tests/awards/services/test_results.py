"""awards.results: a stage's table from the database, advancing to the final, the chair's
decisions, choosing, publishing (entrants told once) and amending the winners."""

import pytest
from django.core import mail
from django.utils import timezone

from awards import scoring
from awards.errors import AwardsError
from awards.models import Assignment, Award, AwardCycle, ChairDecision, Score, Stage
from awards.selectors.results import (
    AMENDED,
    amendments,
    cycle_figures,
    feedback_for,
    proposed_awards,
    stage_table,
)
from awards.services.results import (
    award_amend,
    awards_choose,
    chair_decide,
    cycle_publish,
    stage_advance,
)
from core.audit.models import AuditEntry
from tests.factories import (
    AssignmentFactory,
    AwardCategoryFactory,
    AwardLevelFactory,
    CriterionFactory,
    CycleJudgeFactory,
    EntryFactory,
    MembershipFactory,
    StageFactory,
)

pytestmark = pytest.mark.django_db


def score(assignment: Assignment, values: dict, *, submit: bool = True) -> Assignment:
    """Write a scorecard's values ({criterion: value}) and submit it (or leave it a draft)."""
    for criterion, value in values.items():
        Score.objects.create(assignment=assignment, criterion=criterion, value=value)
    assignment.status = "submitted" if submit else "draft"
    assignment.submitted_at = timezone.now() if submit else None
    assignment.save()
    return assignment


def scored_stage(values_per_entry: list[list[int]], *, stage=None, kind="shortlist"):
    """A stage whose entries are scored on one 0-10 criterion: values_per_entry[i][j] is judge
    j's value for entry i (None: assigned, not scored). Weighted score = 10 x value."""
    stage = stage or StageFactory(kind=kind)
    cycle = stage.cycle
    criterion = CriterionFactory(cycle=cycle, scale_min=0, scale_max=10, is_primary=True)
    category = AwardCategoryFactory(cycle=cycle)
    judges = [CycleJudgeFactory(cycle=cycle) for _ in range(max(map(len, values_per_entry)))]
    entries = []
    for values in values_per_entry:
        entry = EntryFactory(cycle=cycle, category=category)
        stage.entries.add(entry)
        entries.append(entry)
        for judge, value in zip(judges, values, strict=False):
            assignment = AssignmentFactory(stage=stage, entry=entry, judge=judge)
            if value is not None:
                score(assignment, {criterion: value})
    return stage, entries, judges, criterion


def test_stage_table_computes_from_submitted_scorecards_only():
    stage, (a, b), judges, criterion = scored_stage([[8, 6], [4, None]])
    draft = AssignmentFactory(stage=stage, entry=b, judge=CycleJudgeFactory(cycle=stage.cycle))
    score(draft, {criterion: 10}, submit=False)
    table = stage_table(stage=stage)
    assert [row.entry for row in table.rows] == [a, b]
    row_a, row_b = table.rows
    # A: 80 and 60 -> mean 70, median 70, spread 20; B: 40 only (the draft's 100 is ignored).
    assert (row_a.result.raw_mean, row_a.result.median, row_a.result.spread) == (70, 70, 20)
    assert row_b.result.judge_scores == {judges[0].pk: 40}
    assert (row_b.assigned, row_b.submitted) == (3, 1)
    assert (table.assigned, table.submitted) == (5, 3)
    assert [column.judge for column in table.judges] == sorted(
        [*judges, draft.judge], key=lambda j: (j.user.full_name, j.pk)
    )


def test_stage_table_keeps_each_stage_its_own_scores():
    shortlist, (a, b), judges, criterion = scored_stage([[9], [2]])
    final = StageFactory(cycle=shortlist.cycle, kind="final", position=2)
    final.entries.add(a, b)
    # In the final, the same judge reverses the order: B 90, A 20.
    score(AssignmentFactory(stage=final, entry=a, judge=judges[0]), {criterion: 2})
    score(AssignmentFactory(stage=final, entry=b, judge=judges[0]), {criterion: 9})
    assert [row.entry for row in stage_table(stage=shortlist).rows] == [a, b]
    assert [row.entry for row in stage_table(stage=final).rows] == [b, a]
    assert stage_table(stage=final).rows[0].result.raw_mean == 90


def test_stage_table_leaves_out_withdrawn_entries():
    stage, (a, b), _judges, _criterion = scored_stage([[9], [2]])
    b.status = "withdrawn"
    b.save()
    assert [row.entry for row in stage_table(stage=stage).rows] == [a]


def closed_shortlist():
    return StageFactory(kind="shortlist", status="closed")


def test_stage_advance_top_n_puts_them_in_a_new_final(staff):
    stage, (a, b, c), _judges, _criterion = scored_stage([[5], [9], [7]], stage=closed_shortlist())
    final = stage_advance(stage=stage, count=2, by=staff)
    assert final.kind == Stage.Kind.FINAL
    assert set(final.entries.all()) == {b, c}
    assert set(stage.entries.all()) == {a, b, c}  # the shortlist keeps its entries
    assert AuditEntry.objects.filter(action="stage.advanced").count() == 1


def test_stage_advance_ticked_entries_into_the_existing_final(staff):
    stage, (a, _b, _c), _judges, _criterion = scored_stage(
        [[5], [9], [7]], stage=closed_shortlist()
    )
    existing = StageFactory(cycle=stage.cycle, kind="final", position=2, status="pending")
    final = stage_advance(stage=stage, entry_ids=[a.pk], by=staff)
    assert final == existing
    assert list(final.entries.all()) == [a]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"count": 5}, "Only 2 entries have scores"),
        ({}, "Give a number of entries"),
        ({"entry_ids": [999999]}, "Only entries of the shortlist"),
    ],
)
def test_stage_advance_refused_changes_nothing(staff, kwargs, message):
    stage, _entries, _judges, _criterion = scored_stage([[5], [9]], stage=closed_shortlist())
    with pytest.raises(AwardsError, match=message):
        stage_advance(stage=stage, by=staff, **kwargs)
    assert not Stage.objects.filter(kind="final").exists()


@pytest.mark.parametrize(
    ("status", "message"), [("open", "still open"), ("pending", "has not started")]
)
def test_stage_advance_refused_until_the_shortlist_is_closed(staff, status, message):
    stage, _entries, _judges, _criterion = scored_stage(
        [[5], [9]], stage=StageFactory(kind="shortlist", status=status)
    )
    with pytest.raises(AwardsError, match=message):
        stage_advance(stage=stage, count=1, by=staff)
    assert not Stage.objects.filter(kind="final").exists()


def test_stage_advance_refused_from_the_final(staff):
    stage, _entries, _judges, _criterion = scored_stage([[5]], kind="final")
    with pytest.raises(AwardsError, match="Only the shortlist"):
        stage_advance(stage=stage, count=1, by=staff)


def test_chair_decision_breaks_the_tie_in_the_table(staff):
    stage, (a, b), _judges, _criterion = scored_stage([[6], [6]])
    before = stage_table(stage=stage)
    assert [row.result.rank for row in before.rows] == [1, 1]
    assert [row.entry for row in before.tied_rows] == [a, b]
    chair_decide(stage=stage, entry=b, order=1, reason="Stronger student voice.", by=staff)
    chair_decide(stage=stage, entry=a, order=2, reason="Close second.", by=staff)
    after = stage_table(stage=stage)
    assert [(row.entry, row.result.rank) for row in after.rows] == [(b, 1), (a, 2)]
    assert after.tied_rows == []
    assert after.rows[0].chair.reason == "Stronger student voice."


def test_chair_decision_changed_not_duplicated(staff):
    stage, (a, _b), _judges, _criterion = scored_stage([[6], [6]])
    chair_decide(stage=stage, entry=a, order=1, reason="First", by=staff)
    chair_decide(stage=stage, entry=a, order=2, reason="On reflection", by=staff)
    assert list(ChairDecision.objects.values_list("order", "reason")) == [(2, "On reflection")]


def test_chair_decision_without_reason_refused(staff):
    stage, (a, _b), _judges, _criterion = scored_stage([[6], [6]])
    with pytest.raises(AwardsError, match="reason"):
        chair_decide(stage=stage, entry=a, order=1, reason="  ", by=staff)
    assert not ChairDecision.objects.exists()


def _levels(cycle):
    gold = AwardLevelFactory(cycle=cycle, name="Gold", rank=1, winners=1)
    merit = AwardLevelFactory(cycle=cycle, name="Merit", rank=2, winners=1)
    return gold, merit


def test_proposed_awards_follow_the_ranking_per_category():
    stage, (a, b, c), _judges, _criterion = scored_stage([[5], [9], [7]])
    gold, merit = _levels(stage.cycle)
    other = AwardCategoryFactory(cycle=stage.cycle)
    a.category = other
    a.save()
    proposal = proposed_awards(cycle=stage.cycle, table=stage_table(stage=stage))
    # First category: b (90) Gold, c (70) Merit; the other category: a alone, Gold.
    assert proposal == {b.pk: gold.pk, c.pk: merit.pk, a.pk: gold.pk}


def test_awards_choose_replaces_the_previous_choice(staff):
    stage, (a, b, c), _judges, _criterion = scored_stage([[5], [9], [7]])
    gold, merit = _levels(stage.cycle)
    awards_choose(cycle=stage.cycle, choices={a.pk: gold.pk}, citations={}, by=staff)
    awards_choose(
        cycle=stage.cycle,
        choices={b.pk: gold.pk, c.pk: merit.pk},
        citations={b.pk: " Rivers that teach. "},
        by=staff,
    )
    assert sorted(Award.objects.values_list("entry", "level", "citation")) == sorted(
        [(b.pk, gold.pk, "Rivers that teach."), (c.pk, merit.pk, "")]
    )


def test_awards_choose_more_than_the_level_allows_refused(staff):
    stage, (a, b), _judges, _criterion = scored_stage([[5], [9]])
    gold, _merit = _levels(stage.cycle)
    with pytest.raises(AwardsError, match="at most 1"):
        awards_choose(
            cycle=stage.cycle, choices={a.pk: gold.pk, b.pk: gold.pk}, citations={}, by=staff
        )
    assert not Award.objects.exists()


def test_awards_choose_entry_of_another_cycle_refused(staff):
    stage, (_a,), _judges, _criterion = scored_stage([[5]])
    gold, _merit = _levels(stage.cycle)
    stranger = EntryFactory(cycle__edition__number=15)
    with pytest.raises(AwardsError, match="Only submitted entries of this cycle"):
        awards_choose(cycle=stage.cycle, choices={stranger.pk: gold.pk}, citations={}, by=staff)
    assert not Award.objects.exists()


def _published(staff, django_capture_on_commit_callbacks):
    stage, (a, b, c), _judges, _criterion = scored_stage([[5], [9], [7]])
    gold, merit = _levels(stage.cycle)
    awards_choose(
        cycle=stage.cycle, choices={b.pk: gold.pk, c.pk: merit.pk}, citations={}, by=staff
    )
    with django_capture_on_commit_callbacks(execute=True):
        cycle_publish(cycle=stage.cycle, by=staff)
    stage.cycle.refresh_from_db()
    return stage, (a, b, c), (gold, merit)


def test_cycle_publish_freezes_and_tells_every_entrant_once(
    staff, django_capture_on_commit_callbacks
):
    stage, (a, b, c), _ = _published(staff, django_capture_on_commit_callbacks)
    cycle = stage.cycle
    assert cycle.status == AwardCycle.Status.PUBLISHED
    assert cycle.published_by == staff
    assert cycle.published_at is not None
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        e.submitted_by.user.email for e in (a, b, c)
    )
    to_b = next(m for m in mail.outbox if m.to == [b.submitted_by.user.email])
    assert "won Gold" in to_b.subject
    assert f"/awards/entries/{b.pk}/feedback/" in to_b.body
    to_a = next(m for m in mail.outbox if m.to == [a.submitted_by.user.email])
    assert "not among the winners" in to_a.body
    # Publishing again is refused and sends nothing more.
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(AwardsError, match="already published"),
    ):
        cycle_publish(cycle=cycle, by=staff)
    assert len(mail.outbox) == 3


def test_cycle_publish_without_winners_refused(staff):
    stage, _entries, _judges, _criterion = scored_stage([[5]])
    with pytest.raises(AwardsError, match="at least one winner"):
        cycle_publish(cycle=stage.cycle, by=staff)
    stage.cycle.refresh_from_db()
    assert stage.cycle.status == "judging"
    assert mail.outbox == []


def test_published_results_are_frozen(staff, django_capture_on_commit_callbacks):
    stage, (a, b, _c), (gold, _merit) = _published(staff, django_capture_on_commit_callbacks)
    with pytest.raises(AwardsError, match="frozen"):
        awards_choose(cycle=stage.cycle, choices={a.pk: gold.pk}, citations={}, by=staff)
    with pytest.raises(AwardsError, match="frozen"):
        chair_decide(stage=stage, entry=a, order=1, reason="Late", by=staff)
    with pytest.raises(AwardsError, match="frozen"):
        stage_advance(stage=stage, count=1, by=staff)
    assert Award.objects.get(entry=b).level == gold
    assert not Award.objects.filter(entry=a).exists()


def test_award_amend_without_reason_refused(staff, django_capture_on_commit_callbacks):
    stage, (_a, _b, c), (gold, merit) = _published(staff, django_capture_on_commit_callbacks)
    with pytest.raises(AwardsError, match="needs a reason"):
        award_amend(cycle=stage.cycle, entry=c, level=gold, reason=" ", by=staff)
    assert Award.objects.get(entry=c).level == merit
    assert amendments(cycle=stage.cycle) == []


def test_award_amend_changes_and_records_with_reason(staff, django_capture_on_commit_callbacks):
    stage, (a, b, c), (_gold, merit) = _published(staff, django_capture_on_commit_callbacks)
    sent = len(mail.outbox)
    award_amend(
        cycle=stage.cycle,
        entry=b,
        level=None,
        reason="Entry b broke the rules on evidence.",
        by=staff,
    )
    award_amend(cycle=stage.cycle, entry=a, level=merit, reason="Re-scored.", by=staff)
    assert sorted(Award.objects.values_list("entry", "level")) == sorted(
        [(a.pk, merit.pk), (c.pk, merit.pk)]
    )
    assert [entry.note for entry in amendments(cycle=stage.cycle)] == [
        "Re-scored.",
        "Entry b broke the rules on evidence.",
    ]
    assert AuditEntry.objects.filter(action=AMENDED, actor=staff).count() == 2
    assert len(mail.outbox) == sent  # no second e-mail


def test_award_amend_before_publication_refused(staff):
    stage, (a,), _judges, _criterion = scored_stage([[5]])
    gold, _merit = _levels(stage.cycle)
    with pytest.raises(AwardsError, match="not published"):
        award_amend(cycle=stage.cycle, entry=a, level=gold, reason="Why", by=staff)
    assert not Award.objects.exists()


def test_cycle_figures_count_entries_schools_countries_teachers_students():
    stage, (a, b), _judges, _criterion = scored_stage([[5], [9]])
    # a: its lead's school + one partner from another country; b: its lead's school only.
    partner = MembershipFactory(collaboration=a.collaboration)
    withdrawn = EntryFactory(cycle=stage.cycle, status="withdrawn", student_count=500)
    MembershipFactory(collaboration=withdrawn.collaboration)
    figures = cycle_figures(cycle=stage.cycle)
    schools = {a.submitted_by.school, b.submitted_by.school, partner.school}
    assert figures.entries == 2
    assert figures.schools == 3
    assert figures.countries == len({school.country_id for school in schools})
    assert figures.teachers == 3
    assert figures.students == 120  # 60 + 60; the withdrawn entry does not count


def test_feedback_is_anonymised_in_a_stable_order():
    stage, (a,), _judges, _criterion = scored_stage([[5, 7]])
    first, second = Assignment.objects.filter(entry=a).order_by("judge_id")
    second.comment_to_entrant = "Lovely diary."
    second.comment_to_staff = "Secret for staff."
    second.save()
    first.comment_to_entrant = "Show more student work."
    first.save()
    draft = AssignmentFactory(
        stage=stage, entry=a, judge=CycleJudgeFactory(cycle=stage.cycle), status="draft"
    )
    draft.comment_to_entrant = "Not submitted yet"
    draft.save()
    feedback = feedback_for(entry=a)
    assert feedback == [
        {"judge": "Judge 1", "stage": "Shortlist", "comment": "Show more student work."},
        {"judge": "Judge 2", "stage": "Shortlist", "comment": "Lovely diary."},
    ]


def test_scoring_flags_reach_the_table():
    # Entry a: 10 and 90 -> spread 80: the judges disagree.
    stage, (a, _b), _judges, _criterion = scored_stage([[1, 9], [5, 5]])
    row = next(row for row in stage_table(stage=stage).rows if row.entry == a)
    assert scoring.JUDGES_DISAGREE in row.result.flags
