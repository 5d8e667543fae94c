"""Scorecards: a judge's draft, the final submission and its lock, and what is refused."""

import datetime

import pytest
from django.utils import timezone

from awards.errors import AwardsError
from awards.models import Assignment, Score
from awards.selectors.scorecards import judge_dashboard, judge_panel, scorecard_view
from awards.services.scorecards import scorecard_save, scorecard_submit
from core.audit.models import AuditEntry
from tests.factories import (
    AssignmentFactory,
    AwardCycleFactory,
    CountryFactory,
    CriterionFactory,
    CycleJudgeFactory,
    EditionFactory,
    EntryFactory,
    MembershipFactory,
    StageFactory,
    TeacherProfileFactory,
)

pytestmark = pytest.mark.django_db

LEAD_NAME = "Aino Virtanen"
LEAD_SCHOOL = "Kallio Upper Secondary School"
PARTNER_SCHOOL = "Sakura Koto High School"


def scoring_setup(*, number=14, blind=True, criteria=3, stage_status="open", judge=None):
    """A cycle (edition `number`) with `criteria` 1-5 criteria, an open shortlist closing in
    ten days, and an entry of a Finnish-Japanese collaboration assigned to a judge."""
    cycle = AwardCycleFactory(edition=EditionFactory(number=number), blind=blind)
    rubric = [
        CriterionFactory(
            cycle=cycle,
            name=name,
            guidance=f"How well the entry shows {name.lower()}.",
            descriptors={"1": "No evidence", "3": "Some evidence", "5": "Exemplary"},
        )
        for name in ["Intercultural understanding", "Teamwork", "Use of ICT"][:criteria]
    ]
    stage = StageFactory(
        cycle=cycle,
        status=stage_status,
        closes_at=timezone.now() + datetime.timedelta(days=10),
    )
    suffix = "" if number == 14 else f" {number}"  # school names are unique per city
    lead = TeacherProfileFactory(user__full_name=LEAD_NAME, school__name=LEAD_SCHOOL + suffix)
    entry = EntryFactory(cycle=cycle, submitted_by=lead)
    MembershipFactory(
        collaboration=entry.collaboration,
        teacher=TeacherProfileFactory(
            user__full_name="Sato Haruto",
            user__country=CountryFactory(code="JP"),
            school__name=PARTNER_SCHOOL + suffix,
        ),
    )
    stage.entries.add(entry)
    judge_kwargs = {"cycle": cycle} | ({"user": judge} if judge is not None else {})
    assignment = AssignmentFactory(
        stage=stage, entry=entry, judge=CycleJudgeFactory(**judge_kwargs)
    )
    return assignment, rubric


def all_scores(rubric, value=4):
    return {criterion.pk: value for criterion in rubric}


def stored(assignment):
    return dict(Score.objects.filter(assignment=assignment).values_list("criterion_id", "value"))


def test_save_draft_with_a_criterion_missing():
    assignment, rubric = scoring_setup()
    scores = {rubric[0].pk: 5, rubric[1].pk: None}

    saved = scorecard_save(
        assignment=assignment,
        by=assignment.judge.user,
        scores=scores,
        comment_to_staff="Strong data.",
        comment_to_entrant="Lovely work.",
    )

    saved.refresh_from_db()
    assert (saved.status, saved.submitted_at) == ("draft", None)
    assert (saved.comment_to_staff, saved.comment_to_entrant) == ("Strong data.", "Lovely work.")
    assert stored(assignment) == {rubric[0].pk: 5}


def test_saving_again_replaces_the_draft():
    assignment, rubric = scoring_setup()
    judge = assignment.judge.user
    scorecard_save(assignment=assignment, by=judge, scores={rubric[0].pk: 5, rubric[1].pk: 2})

    scorecard_save(assignment=assignment, by=judge, scores={rubric[0].pk: 3, rubric[1].pk: None})

    assert stored(assignment) == {rubric[0].pk: 3}


def test_submit_locks_the_scorecard():
    assignment, rubric = scoring_setup()

    scorecard_submit(assignment=assignment, by=assignment.judge.user, scores=all_scores(rubric))

    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.SUBMITTED
    assert assignment.submitted_at is not None
    assert stored(assignment) == all_scores(rubric)
    assert AuditEntry.objects.filter(action="award_scorecard.submitted").count() == 1


def test_submit_with_a_criterion_missing_is_refused_and_saves_nothing():
    assignment, rubric = scoring_setup()
    scores = all_scores(rubric) | {rubric[2].pk: None}

    with pytest.raises(AwardsError, match="Still missing: Use of ICT"):
        scorecard_submit(
            assignment=assignment,
            by=assignment.judge.user,
            scores=scores,
            comment_to_staff="Unsaved",
        )

    assignment.refresh_from_db()
    assert (assignment.status, assignment.comment_to_staff) == ("assigned", "")
    assert stored(assignment) == {}


@pytest.mark.parametrize("value", [0, 6, -1, True, "4", 3.5])
def test_a_value_off_the_scale_is_refused(value):
    assignment, rubric = scoring_setup()
    scorecard_save(assignment=assignment, by=assignment.judge.user, scores={rubric[1].pk: 2})

    with pytest.raises(
        AwardsError, match="Intercultural understanding: choose a score from 1 to 5"
    ):
        scorecard_save(
            assignment=assignment,
            by=assignment.judge.user,
            scores={rubric[0].pk: value, rubric[1].pk: 5},
        )

    assert stored(assignment) == {rubric[1].pk: 2}


def test_a_criterion_of_another_cycle_is_refused():
    assignment, rubric = scoring_setup()
    other = CriterionFactory(cycle=AwardCycleFactory(edition=EditionFactory(number=15)))

    with pytest.raises(AwardsError, match="not in this cycle's rubric"):
        scorecard_save(
            assignment=assignment,
            by=assignment.judge.user,
            scores={rubric[0].pk: 3, other.pk: 3},
        )

    assert stored(assignment) == {}
    assert Assignment.objects.get(pk=assignment.pk).status == "assigned"


@pytest.mark.parametrize("service", [scorecard_save, scorecard_submit])
def test_editing_after_submit_is_refused(service):
    assignment, rubric = scoring_setup()
    judge = assignment.judge.user
    scorecard_submit(assignment=assignment, by=judge, scores=all_scores(rubric, 4))

    with pytest.raises(AwardsError, match=r"Your scores for this entry are final\."):
        service(assignment=assignment, by=judge, scores=all_scores(rubric, 1))

    assert stored(assignment) == all_scores(rubric, 4)


def test_a_stale_copy_cannot_write_past_the_lock():
    """The lock is read from the row: an instance loaded before the submit cannot reopen it."""
    assignment, rubric = scoring_setup()
    stale = Assignment.objects.get(pk=assignment.pk)
    scorecard_submit(assignment=assignment, by=assignment.judge.user, scores=all_scores(rubric))

    with pytest.raises(AwardsError, match="final"):
        scorecard_save(assignment=stale, by=assignment.judge.user, scores=all_scores(rubric, 1))

    assert Assignment.objects.get(pk=assignment.pk).status == "submitted"


@pytest.mark.parametrize("status", ["pending", "closed"])
def test_a_stage_not_open_refuses_scores(status):
    assignment, rubric = scoring_setup(stage_status=status)

    with pytest.raises(AwardsError, match="closed"):
        scorecard_save(assignment=assignment, by=assignment.judge.user, scores=all_scores(rubric))

    assert stored(assignment) == {}


def test_a_stage_past_its_closing_time_refuses_scores():
    assignment, rubric = scoring_setup()
    assignment.stage.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    assignment.stage.save()

    with pytest.raises(AwardsError, match="closed"):
        scorecard_submit(assignment=assignment, by=assignment.judge.user, scores=all_scores(rubric))

    assert Assignment.objects.get(pk=assignment.pk).status == "assigned"


def test_another_judge_cannot_score_the_assignment():
    assignment, rubric = scoring_setup()
    other = CycleJudgeFactory(cycle=assignment.stage.cycle).user

    with pytest.raises(AwardsError, match="not assigned to you"):
        scorecard_save(assignment=assignment, by=other, scores=all_scores(rubric))

    assert stored(assignment) == {}


def test_a_removed_judge_cannot_score():
    assignment, rubric = scoring_setup()
    assignment.judge.status = "removed"
    assignment.judge.save()

    with pytest.raises(AwardsError, match="not assigned to you"):
        scorecard_save(assignment=assignment, by=assignment.judge.user, scores=all_scores(rubric))


def test_a_conflicted_entry_cannot_be_scored():
    from awards.models import Conflict

    assignment, rubric = scoring_setup()
    Conflict.objects.create(judge=assignment.judge, entry=assignment.entry, source="declared")

    with pytest.raises(AwardsError, match="conflict of interest"):
        scorecard_save(assignment=assignment, by=assignment.judge.user, scores=all_scores(rubric))

    assert stored(assignment) == {}


def test_a_withdrawn_entry_cannot_be_scored():
    assignment, rubric = scoring_setup()
    assignment.entry.status = "withdrawn"
    assignment.entry.save()

    with pytest.raises(AwardsError, match="no longer in the competition"):
        scorecard_save(assignment=assignment, by=assignment.judge.user, scores=all_scores(rubric))


def test_view_in_blind_mode_has_no_school_names():
    assignment, _rubric = scoring_setup(blind=True)

    view = scorecard_view(assignment)

    assert view["schools"] == []
    assert sorted(str(c.code) for c in view["countries"]) == ["FI", "JP"]


def test_view_in_named_mode_lists_the_schools():
    assignment, _rubric = scoring_setup(blind=False)

    view = scorecard_view(assignment)

    assert sorted(s.name for s in view["schools"]) == [LEAD_SCHOOL, PARTNER_SCHOOL]


def test_view_shows_only_the_judges_own_scores():
    assignment, rubric = scoring_setup()
    colleague = AssignmentFactory(stage=assignment.stage, entry=assignment.entry)
    scorecard_save(assignment=colleague, by=colleague.judge.user, scores=all_scores(rubric, 1))
    scorecard_save(assignment=assignment, by=assignment.judge.user, scores={rubric[0].pk: 5})

    view = scorecard_view(assignment)

    assert [row.value for row in view["rubric"]] == [5, None, None]
    assert view["rubric"][0].levels == [
        (1, "No evidence"),
        (2, ""),
        (3, "Some evidence"),
        (4, ""),
        (5, "Exemplary"),
    ]


def test_dashboard_counts_progress_per_stage_open_first(judge):
    assignment, rubric = scoring_setup(judge=judge)
    stage = assignment.stage
    drafted = AssignmentFactory(stage=stage, judge=assignment.judge)
    AssignmentFactory(stage=stage, judge=assignment.judge)
    scorecard_submit(assignment=assignment, by=judge, scores=all_scores(rubric))
    scorecard_save(assignment=drafted, by=judge, scores={rubric[0].pk: 2})
    closed = StageFactory(cycle=stage.cycle, kind="final", position=0, status="closed")
    AssignmentFactory(stage=closed, judge=assignment.judge)
    AssignmentFactory(stage=stage)  # another judge's

    [cycle] = judge_dashboard(judge)

    assert [(p.stage.kind, p.total, p.submitted, p.drafts) for p in cycle.stages] == [
        ("shortlist", 3, 1, 1),
        ("final", 1, 0, 0),
    ]
    assert cycle.to_do == 2


def test_dashboard_is_empty_for_invited_and_removed_judges(judge):
    assignment, _rubric = scoring_setup(judge=judge)
    for status in ["invited", "declined", "removed"]:
        assignment.judge.status = status
        assignment.judge.save()

        assert judge_dashboard(judge) == []
        assert judge_panel(judge) is None


def test_panel_counts_entries_to_score_with_the_deadline(judge):
    assignment, rubric = scoring_setup(judge=judge)
    AssignmentFactory(stage=assignment.stage, judge=assignment.judge)
    scorecard_submit(assignment=assignment, by=judge, scores=all_scores(rubric))

    panel = judge_panel(judge)

    [item] = panel["cycles"]
    assert (item["to_do"], item["total"]) == (1, 2)
    assert item["deadline"] == assignment.stage.closes_at


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_two_submits_at_once_lock_one_scorecard():
    """On PostgreSQL, two submissions released together: the row lock lets one through and
    the other finds the scorecard final; the scores are the winner's, whole."""
    import threading

    from django.db import connection

    assignment, rubric = scoring_setup()
    judge = assignment.judge.user
    barrier = threading.Barrier(2)
    outcomes: dict[int, object] = {}

    def submit(value: int):
        try:
            barrier.wait(timeout=30)
            try:
                outcomes[value] = scorecard_submit(
                    assignment=Assignment.objects.get(pk=assignment.pk),
                    by=judge,
                    scores=all_scores(rubric, value),
                )
            except AwardsError as error:
                outcomes[value] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(value,)) for value in (2, 5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    errors = [o for o in outcomes.values() if isinstance(o, AwardsError)]
    winners = [v for v, o in outcomes.items() if not isinstance(o, AwardsError)]
    assert [str(e) for e in errors] == ["Your scores for this entry are final."]
    assert stored(assignment) == all_scores(rubric, winners[0])
