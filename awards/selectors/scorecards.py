"""Reads for judges: their judgeships and dashboard, My ClassNet's judging panel, their
assignment and what its scorecard shows (blind judging hides the schools), the next one.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from teachers.models import User

from ..models import (
    Assignment,
    AwardCycle,
    Conflict,
    Criterion,
    CycleJudge,
    Entry,
    Evidence,
    Stage,
)
from .judging import conflicts_closed_reason


def stage_is_open(stage: Stage, *, now: datetime.datetime | None = None) -> bool:
    """Judges may write while the stage is open and its closing time has not passed."""
    now = now or timezone.now()
    if stage.status != Stage.Status.OPEN:
        return False
    if stage.opens_at and now < stage.opens_at:
        return False
    return not (stage.closes_at and now >= stage.closes_at)


@dataclass
class StageProgress:
    stage: Stage
    assignments: list[Assignment]
    is_open: bool
    submitted: int = 0
    drafts: int = 0

    @property
    def total(self) -> int:
        return len(self.assignments)

    @property
    def to_do(self) -> int:
        return self.total - self.submitted

    @property
    def percent(self) -> int:
        return round(100 * self.submitted / self.total) if self.total else 0


@dataclass
class CycleProgress:
    judge: CycleJudge
    cycle: AwardCycle
    stages: list[StageProgress] = field(default_factory=list)
    conflicts_closed: str | None = None  # why conflicts can no longer be declared, if so

    @property
    def to_do(self) -> int:
        return sum(stage.to_do for stage in self.stages if stage.is_open)


def active_judgeships(user: User):
    """The cycles in which `user` is an active judge, newest edition first."""
    if not getattr(user, "is_authenticated", False):
        return CycleJudge.objects.none()
    return (
        CycleJudge.objects.filter(user=user, status=CycleJudge.Status.ACTIVE)
        .select_related("cycle__edition__country")
        .order_by("-cycle__edition__number")
    )


def judge_dashboard(user: User) -> list[CycleProgress]:
    """Per cycle the judge is active in, their assignments by stage (open stages first) with
    progress counts, and whether conflicts can still be declared. Three queries whatever the
    number of assignments. The entries of other judges, and any scores, are never read."""
    judgeships = list(active_judgeships(user).prefetch_related("cycle__stages"))
    if not judgeships:
        return []
    assignments = (
        Assignment.objects.filter(judge__in=judgeships, entry__status=Entry.Status.SUBMITTED)
        .select_related("stage", "entry__collaboration", "entry__category")
        .order_by("stage__position", "stage_id", "entry__collaboration__title", "pk")
    )
    now = timezone.now()
    by_judge: dict[int, dict[int, StageProgress]] = {j.pk: {} for j in judgeships}
    for assignment in assignments:
        stages = by_judge[assignment.judge_id]
        progress = stages.get(assignment.stage_id)
        if progress is None:
            progress = stages[assignment.stage_id] = StageProgress(
                stage=assignment.stage,
                assignments=[],
                is_open=stage_is_open(assignment.stage, now=now),
            )
        progress.assignments.append(assignment)
        if assignment.status == Assignment.Status.SUBMITTED:
            progress.submitted += 1
        elif assignment.status == Assignment.Status.DRAFT:
            progress.drafts += 1
    result = []
    for judgeship in judgeships:
        if judgeship.cycle.blind:  # listed by number, as judges call them in blind judging
            for progress in by_judge[judgeship.pk].values():
                progress.assignments.sort(key=lambda a: (a.entry_id, a.pk))
        stages = sorted(
            by_judge[judgeship.pk].values(),
            key=lambda p: (not p.is_open, p.stage.position, p.stage.pk),
        )
        result.append(
            CycleProgress(
                judge=judgeship,
                cycle=judgeship.cycle,
                stages=stages,
                conflicts_closed=conflicts_closed_reason(judgeship.cycle),
            )
        )
    return result


def judge_panel(user: User) -> dict | None:
    """What My ClassNet's judging panel says: per cycle with an open stage, how many entries
    are still to score and the nearest deadline. None when there is nothing to do."""
    judgeships = list(active_judgeships(user))
    if not judgeships:
        return None
    now = timezone.now()
    rows = list(
        Assignment.objects.filter(
            judge__in=judgeships,
            entry__status=Entry.Status.SUBMITTED,
            stage__status=Stage.Status.OPEN,
        )
        .filter(Q(stage__closes_at__isnull=True) | Q(stage__closes_at__gt=now))
        .values("judge_id", "stage__closes_at")
        .annotate(
            total=Count("pk"),
            to_do=Count("pk", filter=~Q(status=Assignment.Status.SUBMITTED)),
        )
        .order_by()
    )
    cycles = []
    for judgeship in judgeships:
        mine = [row for row in rows if row["judge_id"] == judgeship.pk]
        if not mine:
            continue
        deadlines = [
            row["stage__closes_at"] for row in mine if row["to_do"] and row["stage__closes_at"]
        ]
        cycles.append(
            {
                "cycle": judgeship.cycle,
                "to_do": sum(row["to_do"] for row in mine),
                "total": sum(row["total"] for row in mine),
                "deadline": min(deadlines) if deadlines else None,
                "zone": judgeship.cycle.edition.zone,
            }
        )
    return {"cycles": cycles, "judge_of": [j.cycle for j in judgeships]}


def assignment_for_judge(*, pk: int, user: User) -> Assignment | None:
    """The assignment `pk` if `user` is its active judge, else None (a 404 for everyone
    else, staff included: staff read scores on the results pages)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Assignment.objects.filter(pk=pk, judge__user=user, judge__status=CycleJudge.Status.ACTIVE)
        .select_related(
            "judge",
            "stage__cycle__edition__country",
            "entry__collaboration",
            "entry__category",
        )
        .first()
    )


@dataclass
class RubricRow:
    criterion: Criterion
    levels: list[tuple[int, str]]
    value: int | None


def scorecard_view(assignment: Assignment) -> dict:
    """Everything the scorecard page shows, in five queries: this judge's own scores, the
    rubric, the member schools (names only in named judging), the evidence, and whether the
    judge has a conflict with the entry."""
    cycle = assignment.stage.cycle
    entry = assignment.entry
    own = dict(assignment.scores.values_list("criterion_id", "value"))
    rubric = [
        RubricRow(
            criterion=criterion,
            levels=[
                (value, (criterion.descriptors or {}).get(str(value), ""))
                for value in range(criterion.scale_min, criterion.scale_max + 1)
            ],
            value=own.get(criterion.pk),
        )
        for criterion in Criterion.objects.filter(cycle=cycle)
    ]
    memberships = list(
        entry.collaboration.memberships.select_related("school__country").order_by(
            "school__country__name", "school__name"
        )
    )
    countries = []
    for membership in memberships:
        if membership.school.country not in countries:
            countries.append(membership.school.country)
    return {
        "assignment": assignment,
        "cycle": cycle,
        "stage": assignment.stage,
        "entry": entry,
        # Blind judging: never the collaboration (its title finds its public page, its
        # summary and description name schools and towns); the entry's number instead.
        "collaboration": None if cycle.blind else entry.collaboration,
        "entry_name": entry.blind_label if cycle.blind else entry.collaboration.title,
        "rubric": rubric,
        "evidence": list(Evidence.objects.filter(entry=entry)),
        "countries": countries,
        # Named judging only: the blind template never receives them.
        "schools": [] if cycle.blind else [m.school for m in memberships],
        "blind": cycle.blind,
        "is_open": stage_is_open(assignment.stage) and not cycle.is_published,
        "is_final": assignment.status == Assignment.Status.SUBMITTED,
        "is_withdrawn": entry.status != Entry.Status.SUBMITTED,
        "is_conflicted": Conflict.objects.filter(
            judge_id=assignment.judge_id, entry_id=entry.pk
        ).exists(),
        "zone": cycle.edition.zone,
    }


def next_to_score(assignment: Assignment) -> Assignment | None:
    """The judge's next unfinished entry in the same stage (by title), for the button on a
    submitted scorecard; None when all are submitted."""
    return (
        Assignment.objects.filter(
            judge_id=assignment.judge_id,
            stage_id=assignment.stage_id,
            entry__status=Entry.Status.SUBMITTED,
        )
        .exclude(status=Assignment.Status.SUBMITTED)
        .exclude(pk=assignment.pk)
        .order_by("entry__collaboration__title", "pk")
        .first()
    )
