from collections import Counter

import pytest
from django.core import mail

from awards.errors import AwardsError
from awards.models import Assignment, AssignmentNotice, Conflict
from awards.selectors.judging import conflicts_for, judge_regions
from awards.services.assignment import assign_stage, assignment_add, assignment_remove
from awards.services.judges import conflicts_declare
from collaborations.models import Collaboration, Membership
from tests.awards._panel import build_panel, country
from tests.factories import (
    AssignmentFactory,
    CycleJudgeFactory,
    EntryFactory,
    JudgeFactory,
    MembershipFactory,
    StageFactory,
    TeacherProfileFactory,
)

pytestmark = pytest.mark.django_db


def _pairs(stage):
    return set(Assignment.objects.filter(stage=stage).values_list("entry_id", "judge_id"))


def _check_properties(stage, entries, judges, conflicts, k):
    pairs = _pairs(stage)
    per_entry = Counter(entry_id for entry_id, _ in pairs)
    assert all(per_entry[entry.pk] == k for entry in entries)
    assert not any((judge_id, entry_id) in conflicts for entry_id, judge_id in pairs)
    loads = Counter(judge_id for _, judge_id in pairs)
    assert max(loads[j.pk] for j in judges) - min(loads[j.pk] for j in judges) <= 1
    regions = judge_regions(cycle=stage.cycle)
    for entry in entries:
        on = {regions[j] for e, j in pairs if e == entry.pk}
        assert on == {"asia", "europe"}, entry


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_assign_stage_gives_k_unconflicted_balanced_bi_regional_judges(seed, staff):
    stage, entries, judges, conflicts = build_panel(seed=seed)
    assert conflicts  # the panel has conflicts to respect

    report = assign_stage(stage=stage, by=staff)

    assert report.assigned == 90
    assert report.short == []
    assert report.one_region == []
    assert report.spread <= 1
    _check_properties(stage, entries, judges, conflicts, 3)


def test_assign_stage_twice_changes_nothing_the_second_time(staff):
    stage, *_ = build_panel(entries=12, seed=4)
    assign_stage(stage=stage, by=staff)
    first = _pairs(stage)

    report = assign_stage(stage=stage, by=staff)

    assert report.assigned == 0
    assert _pairs(stage) == first


def test_assign_stage_is_deterministic(staff):
    stage, *_ = build_panel(entries=12, seed=5)
    assign_stage(stage=stage, by=staff)
    first = _pairs(stage)
    Assignment.objects.filter(stage=stage).delete()

    assign_stage(stage=stage, by=staff)

    assert _pairs(stage) == first


def test_assign_stage_keeps_existing_assignments_and_fills_the_rest(staff):
    stage, entries, judges, _conflicts = build_panel(entries=6, conflict_rate=0, seed=6)
    kept = AssignmentFactory(stage=stage, entry=entries[0], judge=judges[0], by_hand=True)

    assign_stage(stage=stage, by=staff)

    assert Assignment.objects.filter(pk=kept.pk, by_hand=True).exists()
    assert Assignment.objects.filter(stage=stage, entry=entries[0]).count() == 3


def test_assign_stage_reports_an_entry_that_cannot_get_k_judges(staff):
    stage, entries, judges, _ = build_panel(entries=3, asia=2, europe=2, conflict_rate=0)
    for judge in judges[:2]:
        Conflict.objects.create(judge=judge, entry=entries[0], source="staff")

    report = assign_stage(stage=stage, by=staff)

    assert [(entry.pk, n) for entry, n in report.short] == [(entries[0].pk, 2)]
    assert set(Assignment.objects.filter(entry=entries[0]).values_list("judge_id", flat=True)) == {
        judges[2].pk,
        judges[3].pk,
    }


def test_assign_stage_with_one_region_only_still_assigns_and_says_so(staff):
    stage, entries, _judges, _ = build_panel(entries=4, asia=0, europe=4, conflict_rate=0)

    report = assign_stage(stage=stage, by=staff)

    assert report.assigned == 12
    assert {entry.pk for entry in report.one_region} == {entry.pk for entry in entries}


def test_assign_stage_never_uses_invited_declined_or_removed_judges(staff):
    stage, _entries, _judges, _ = build_panel(entries=4, asia=2, europe=2, conflict_rate=0)
    others = [
        CycleJudgeFactory(cycle=stage.cycle, status=s) for s in ("invited", "declined", "removed")
    ]

    assign_stage(stage=stage, by=staff)

    assert not Assignment.objects.filter(judge__in=others).exists()


def test_assign_stage_without_active_judges_is_refused(staff):
    stage = StageFactory()
    stage.entries.add(EntryFactory(cycle=stage.cycle))

    with pytest.raises(AwardsError, match="No judge has accepted"):
        assign_stage(stage=stage, by=staff)

    assert not Assignment.objects.exists()


def test_assign_stage_skips_the_automatic_conflicts(staff):
    stage, entries, judges, _ = build_panel(entries=2, asia=3, europe=3, conflict_rate=0)
    teacher = TeacherProfileFactory(user=judges[0].user)
    MembershipFactory(collaboration=entries[0].collaboration, teacher=teacher)

    assign_stage(stage=stage, by=staff)

    assert not Assignment.objects.filter(judge=judges[0], entry=entries[0]).exists()


def test_a_conflict_declared_after_assignment_removes_the_unsubmitted_one(staff):
    stage, _entries, judges, _ = build_panel(entries=6, conflict_rate=0, seed=7)
    assign_stage(stage=stage, by=staff)
    judge = judges[0]
    mine = list(Assignment.objects.filter(judge=judge).order_by("pk"))
    submitted = mine[1]
    Assignment.objects.filter(pk=submitted.pk).update(
        status="submitted", submitted_at="2026-01-01T00:00Z"
    )

    dropped = conflicts_declare(
        judge=judge,
        declared={mine[0].entry_id: "I advised them", submitted.entry_id: ""},
        by=judge.user,
    )

    assert [a.pk for a in dropped] == [mine[0].pk]
    assert not Assignment.objects.filter(pk=mine[0].pk).exists()
    assert Assignment.objects.filter(pk=submitted.pk).exists()
    assert Assignment.objects.filter(stage=stage, entry_id=mine[0].entry_id).count() == 2
    # the re-run fills the seat with someone else
    assign_stage(stage=stage, by=staff)
    assert Assignment.objects.filter(stage=stage, entry_id=mine[0].entry_id).count() == 3
    assert not Assignment.objects.filter(judge=judge, entry_id=mine[0].entry_id).exists()


def test_conflicts_for_finds_school_teacher_and_country(django_assert_num_queries):
    stage, entries, judges, _ = build_panel(entries=2, asia=1, europe=2, conflict_rate=0)
    cycle = stage.cycle
    entry = entries[0]  # led from a Finnish school by the factory
    lead = Membership.objects.get(collaboration=entry.collaboration, role="lead")
    colleague = TeacherProfileFactory(school=lead.school, user=JudgeFactory(country=country("FI")))
    same_school = CycleJudgeFactory(cycle=cycle, user=colleague.user)
    member = CycleJudgeFactory(cycle=cycle, user=lead.teacher.user)

    with django_assert_num_queries(4):
        found = conflicts_for(cycle)

    assert "school" in found[(same_school.pk, entry.pk)]
    assert "Teaches" in found[(member.pk, entry.pk)]
    finnish = judges[1] if judges[1].user.country.code == "FI" else judges[2]
    assert (finnish.pk, entry.pk) not in found  # country only when the cycle says so
    cycle.conflict_same_country = True
    cycle.save()
    assert "country" in conflicts_for(cycle)[(finnish.pk, entry.pk)]


def test_conflicts_for_runs_the_same_queries_for_many(django_assert_num_queries):
    stage, *_ = build_panel(entries=8, conflict_rate=0.3)

    with django_assert_num_queries(4):
        conflicts_for(stage.cycle)


def test_assignment_add_refuses_a_conflicted_or_inactive_judge(staff):
    stage, entries, judges, _ = build_panel(entries=1, asia=1, europe=1, conflict_rate=0)
    Conflict.objects.create(judge=judges[0], entry=entries[0], source="declared", reason="Friend")
    invited = CycleJudgeFactory(cycle=stage.cycle, status="invited")

    with pytest.raises(AwardsError, match="conflict"):
        assignment_add(stage=stage, entry=entries[0], judge=judges[0], by=staff)
    with pytest.raises(AwardsError, match="accepted"):
        assignment_add(stage=stage, entry=entries[0], judge=invited, by=staff)
    added = assignment_add(stage=stage, entry=entries[0], judge=judges[1], by=staff)

    assert list(Assignment.objects.all()) == [added]
    assert added.by_hand


def test_assignment_remove_keeps_submitted_and_asks_before_a_draft(staff):
    submitted = AssignmentFactory(status="submitted", submitted_at="2026-01-01T00:00Z")
    draft = AssignmentFactory(stage=submitted.stage, status="draft")

    with pytest.raises(AwardsError, match="submitted"):
        assignment_remove(assignment=submitted, by=staff)
    with pytest.raises(AwardsError, match="draft"):
        assignment_remove(assignment=draft, by=staff)
    assert Assignment.objects.count() == 2

    assignment_remove(assignment=draft, by=staff, confirm_draft=True)

    assert list(Assignment.objects.all()) == [submitted]


# --- E-mails to the judges (issue 12) --------------------------------------------------------


def test_automatic_assignment_emails_each_judge_once_per_stage(
    staff, django_capture_on_commit_callbacks
):
    stage, entries, judges, _conflicts = build_panel(entries=6, asia=2, europe=2, k=2)
    Collaboration.objects.filter(pk=entries[0].collaboration_id).update(
        title="Tampere and Dhaka Weather Diaries"
    )

    with django_capture_on_commit_callbacks(execute=True):
        assign_stage(stage=stage, by=staff)
    assigned = Counter(
        Assignment.objects.filter(stage=stage).values_list("judge__user__email", flat=True)
    )
    assert sorted(m.to[0] for m in mail.outbox) == sorted(assigned)
    message = next(m for m in mail.outbox if m.to == [judges[0].user.email])
    n = assigned[judges[0].user.email]
    assert f"{n} entries to judge in the Shortlist" in message.subject
    assert "/awards/judging/" in message.body
    assert "Scoring is open now" in message.body
    assert "Tampere" not in message.body  # no entry is named: blind judging
    assert AssignmentNotice.objects.filter(stage=stage).count() == len(assigned)

    # Running it again, and adding a judge by hand later, send nothing more to those told.
    sent = len(mail.outbox)
    Assignment.objects.filter(stage=stage, judge=judges[0]).first().delete()
    with django_capture_on_commit_callbacks(execute=True):
        assign_stage(stage=stage, by=staff)
    extra = CycleJudgeFactory(cycle=stage.cycle)
    spare = next(
        (entry, judge)
        for entry in entries
        for judge in judges
        if not Assignment.objects.filter(stage=stage, entry=entry, judge=judge).exists()
        and not Conflict.objects.filter(entry=entry, judge=judge).exists()
    )
    with django_capture_on_commit_callbacks(execute=True):
        assignment_add(stage=stage, entry=spare[0], judge=spare[1], by=staff)
    assert len(mail.outbox) == sent

    # A judge assigned for the first time in this stage is told, once.
    with django_capture_on_commit_callbacks(execute=True):
        assignment_add(stage=stage, entry=entries[2], judge=extra, by=staff)
        assignment_add(stage=stage, entry=entries[3], judge=extra, by=staff)
    assert [m.to for m in mail.outbox[sent:]] == [[extra.user.email]]


def test_a_new_stage_is_a_new_email(staff, django_capture_on_commit_callbacks):
    assignment = AssignmentFactory()
    judge = assignment.judge
    final = StageFactory(cycle=assignment.stage.cycle, kind="final", position=2, status="pending")
    final.entries.add(assignment.entry)
    with django_capture_on_commit_callbacks(execute=True):
        assignment_add(stage=final, entry=assignment.entry, judge=judge, by=staff)
    [message] = mail.outbox
    assert message.to == [judge.user.email]
    assert "1 entry to judge in the Final" in message.subject
    assert "scoring starts when the stage opens" in message.body


def test_an_assignment_rolled_back_sends_nothing(staff, django_capture_on_commit_callbacks):
    assignment = AssignmentFactory()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(AwardsError):
        # The judge already judges the entry: refused, nothing recorded, nothing sent.
        assignment_add(
            stage=assignment.stage, entry=assignment.entry, judge=assignment.judge, by=staff
        )
    assert mail.outbox == []
    assert not AssignmentNotice.objects.exists()
