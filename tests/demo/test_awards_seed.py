"""The Awards demo data: the 14th edition's figures (issue 6), computed from the rows, and the
17th's cycle ready for the walkthrough."""

from collections import Counter
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db.models import Avg, Count, Sum

from awards import scoring
from awards.models import (
    Assignment,
    AssignmentNotice,
    AwardCycle,
    Conflict,
    CycleJudge,
    Entry,
    Evidence,
    Score,
    Stage,
)
from awards.selectors.results import stage_table
from collaborations.models import Collaboration, Membership
from collaborations.selectors.collaborations import bi_regional
from core.audit.models import AuditEntry
from core.roles import JUDGES_GROUP
from teachers.models import TeacherProfile

pytestmark = pytest.mark.django_db

CRITERIA = [
    "Intercultural understanding",
    "Teamwork",
    "Knowledge-sharing",
    "Use of ICT",
    "Learning outcomes",
]


@pytest.fixture
def seeded(demo):
    """The package's demo, seeded twice: idempotent, nothing below doubles."""
    return demo


def test_the_14th_awards_have_the_published_figures(seeded):
    cycle = AwardCycle.objects.get(edition__number=14)
    assert AwardCycle.objects.count() == 2
    assert cycle.status == AwardCycle.Status.PUBLISHED
    assert cycle.published_at.astimezone(ZoneInfo("Europe/Helsinki")).date().isoformat() == (
        "2018-11-29"
    )
    assert (cycle.blind, cycle.judges_per_entry) == (True, 3)
    assert cycle.tie_break == ["median", "primary", "chair"]

    entries = cycle.entries.filter(status=Entry.Status.SUBMITTED)
    assert cycle.entries.count() == entries.count() == 19
    memberships = Membership.objects.filter(collaboration__award_entries__in=entries)
    assert memberships.values("school").distinct().count() == 57
    assert memberships.values("school__country").distinct().count() == 26
    assert memberships.values("teacher").distinct().count() == 78
    assert entries.aggregate(students=Sum("student_count"))["students"] == 1110
    # Each entry's students are its schools' students; every collaboration is bi-regional,
    # completed and led by the teacher who entered it.
    for entry in entries.annotate(members=Sum("collaboration__memberships__student_count")):
        assert entry.student_count == entry.members
    per_collaboration = memberships.values("collaboration").annotate(
        regions=Count("school__country__region", distinct=True)
    )
    assert {row["regions"] for row in per_collaboration} == {2}
    assert set(entries.values_list("collaboration__status", flat=True)) == {"completed"}
    assert memberships.filter(role="lead").count() == 19
    assert all(
        entry.collaboration.memberships.get(role="lead").teacher_id == entry.submitted_by_id
        for entry in entries.select_related("collaboration")
    )


def test_the_14th_awards_were_judged_and_six_won(seeded):
    cycle = AwardCycle.objects.get(edition__number=14)
    # The rubric: five criteria, weight 1, scale 1 to 5, a descriptor for every level.
    criteria = list(cycle.criteria.all())
    assert [c.name for c in criteria] == CRITERIA
    assert {(c.weight, c.scale_min, c.scale_max) for c in criteria} == {(1, 1, 5)}
    assert all(set(c.descriptors) == {"1", "2", "3", "4", "5"} for c in criteria)
    assert [c.name for c in criteria if c.is_primary] == ["Learning outcomes"]
    assert cycle.categories.count() == 2
    assert list(cycle.levels.values_list("name", "rank")) == [("Gold", 1), ("Merit", 2)]
    assert list(cycle.stages.values_list("kind", "status")) == [("final", "closed")]
    stage = cycle.stages.get()
    assert stage.entries.count() == 19

    # Five active judges from both regions, none a teacher at a member school.
    judges = cycle.judges.filter(status=CycleJudge.Status.ACTIVE).select_related("user__country")
    assert judges.count() == cycle.judges.count() == 5
    assert {j.user.country.region for j in judges} == {"asia", "europe"}
    assert all(j.user.groups.filter(name=JUDGES_GROUP).exists() for j in judges)
    assert "judge@classnet.demo" in {j.user.email for j in judges}
    member_schools = Membership.objects.filter(collaboration__award_entries__cycle=cycle).values(
        "school"
    )
    assert not TeacherProfile.objects.filter(
        user__judging__cycle=cycle, school__in=member_schools
    ).exists()

    # 57 submitted scorecards, 3 per entry from both regions, balanced, 5 scores each.
    assignments = Assignment.objects.filter(stage=stage)
    assert assignments.count() == 57
    assert set(assignments.values_list("status", flat=True)) == {"submitted"}
    assert not assignments.filter(submitted_at__isnull=True).exists()
    assert {a.n for a in assignments.annotate(n=Count("scores"))} == {5}
    loads = assignments.values("judge").annotate(n=Count("pk")).values_list("n", flat=True)
    assert sorted(loads) == [11, 11, 11, 12, 12]
    per_entry = assignments.values("entry").annotate(
        judges=Count("judge", distinct=True),
        regions=Count("judge__user__country__region", distinct=True),
    )
    assert {(row["judges"], row["regions"]) for row in per_entry} == {(3, 2)}
    assert not Conflict.objects.filter(judge__cycle=cycle).exists()
    scores = Score.objects.filter(assignment__stage=stage)
    assert scores.count() == 285
    assert set(scores.values_list("value", flat=True)) <= {1, 2, 3, 4, 5}
    assert assignments.exclude(comment_to_entrant="").exists()
    assert assignments.filter(comment_to_entrant="").exists()

    # Six winners, 3 Gold and 3 Merit with citations; Gold above Merit above the rest.
    awards = cycle.awards.select_related("level", "entry")
    assert awards.count() == 6
    assert sorted(awards.values_list("level__name", flat=True)) == ["Gold"] * 3 + ["Merit"] * 3
    assert all(award.citation for award in awards)
    means = dict(scores.values_list("assignment__entry").annotate(m=Avg("value")))
    gold = [means[a.entry_id] for a in awards if a.level.name == "Gold"]
    merit = [means[a.entry_id] for a in awards if a.level.name == "Merit"]
    rest = [m for pk, m in means.items() if pk not in {a.entry_id for a in awards}]
    assert min(gold) > max(merit) > max(rest)
    # Within each category, at most the level's winners.
    for level in cycle.levels.all():
        per_category = awards.filter(level=level).values("entry__category").annotate(n=Count("pk"))
        assert all(row["n"] <= level.winners for row in per_category)


def test_the_14th_flags_only_the_really_split_entries(seeded):
    # The demo's judges are harsh or lenient (JUDGE_BIAS): raw spreads of 25 points or more
    # are common, but once leniency is taken out only an entry or two is really split.
    stage = AwardCycle.objects.get(edition__number=14).stages.get()
    rows = stage_table(stage=stage).rows
    flagged = [row for row in rows if scoring.JUDGES_DISAGREE in row.result.flags]
    assert 1 <= len(flagged) <= 2
    assert sum(row.result.spread >= 25 for row in rows) > len(flagged)


def test_the_14th_was_made_through_the_services_and_dated_2018(seeded):
    """Each step of the 14th's Awards left the audit record its service writes, and the whole
    history (the rows' dates and the audit times) is back in 2018, not on the day of seeding."""
    cycle = AwardCycle.objects.get(edition__number=14)
    stage = cycle.stages.get()
    entries = list(cycle.entries.all())
    judges = list(cycle.judges.select_related("user"))
    assignments = list(Assignment.objects.filter(stage=stage))

    def audit_of(rows):
        model = type(rows[0])
        return AuditEntry.objects.filter(
            target_type=ContentType.objects.get_for_model(model),
            target_id__in=[row.pk for row in rows],
        )

    history = [audit_of([cycle]), audit_of([stage]), audit_of(entries), audit_of(judges)]
    history.append(audit_of(assignments))
    actions = Counter(
        action for rows in history for action in rows.values_list("action", flat=True)
    )
    assert actions == {
        "awardcycle.created": 1,
        "awardcycle.open": 1,
        "award_entry.created": 19,
        "award_entry.evidence_added": 19,
        "award_entry.submitted": 19,
        "judge.invited": 5,
        "judge.accepted": 5,
        "judge.chair": 1,
        "awardcycle.judging": 1,
        "awardcycle.stage_opened": 1,
        "assignment.added": 57,
        "award_scorecard.submitted": 57,
        "awardcycle.stage_closed": 1,
        "awards.chosen": 1,
        "awards.published": 1,
    }
    helsinki = ZoneInfo("Europe/Helsinki")
    years = {row.created_at.astimezone(helsinki).year for rows in history for row in rows}
    assert years == {2018}
    dated = [
        cycle.created_at,
        stage.opens_at,
        *(moment for e in entries for moment in (e.created_at, e.updated_at, e.submitted_at)),
        *(moment for j in judges for moment in (j.invited_at, j.answered_at)),
        *(moment for a in assignments for moment in (a.created_at, a.submitted_at)),
        *Evidence.objects.filter(entry__cycle=cycle).values_list("created_at", flat=True),
        *AssignmentNotice.objects.filter(stage=stage).values_list("notified_at", flat=True),
        *cycle.awards.values_list("created_at", flat=True),
    ]
    assert {moment.astimezone(helsinki).year for moment in dated} == {2018}
    # Each judge accepted after the invitation, scored after judging opened, before it closed.
    assert all(j.invited_at < j.answered_at < stage.opens_at for j in judges)
    assert all(stage.opens_at <= a.submitted_at < stage.closes_at for a in assignments)
    assert all(cycle.entries_open_at < e.submitted_at < cycle.entries_close_at for e in entries)
    assert [j.user.email for j in judges if j.is_chair] == ["judge@classnet.demo"]


def test_the_17th_cycle_is_open_and_the_demo_teacher_can_enter(seeded):
    cycle = AwardCycle.objects.get(edition__number=17)
    assert cycle.status == AwardCycle.Status.OPEN
    assert cycle.accepts_entries
    assert (cycle.judges_per_entry, cycle.require_bi_regional) == (3, True)
    assert [c.name for c in cycle.criteria.all()] == CRITERIA
    assert cycle.levels.count() == cycle.categories.count() == 2
    assert list(cycle.stages.values_list("kind", "status")) == [
        ("shortlist", Stage.Status.PENDING),
        ("final", Stage.Status.PENDING),
    ]
    judges = cycle.judges.filter(status=CycleJudge.Status.ACTIVE)
    assert judges.count() == 5
    assert "judge@classnet.demo" in set(judges.values_list("user__email", flat=True))
    assert not Assignment.objects.filter(stage__cycle=cycle).exists()  # to assign in the demo
    assert Conflict.objects.filter(judge__cycle=cycle, source="declared").count() == 1

    entries = cycle.entries.filter(status=Entry.Status.SUBMITTED).select_related("collaboration")
    assert cycle.entries.count() == entries.count() == 8
    for entry in entries:
        collaboration = entry.collaboration
        assert collaboration.status in {"running", "completed"}
        assert bi_regional(collaboration).ok
        assert collaboration.memberships.get(role="lead").teacher_id == entry.submitted_by_id
        assert entry.student_count == sum(
            collaboration.memberships.values_list("student_count", flat=True)
        )
        assert not collaboration.award_entries.exclude(cycle=cycle).exists()

    # The demo teacher leads a running bi-regional collaboration not entered yet.
    led = Collaboration.objects.get(
        memberships__teacher__user__email="teacher@classnet.demo",
        memberships__role="lead",
        status="running",
    )
    assert led.title == "Arctic and Monsoon Weather Diaries"
    assert bi_regional(led).ok
    assert not led.award_entries.exists()
