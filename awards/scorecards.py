"""A judge's scorecards: save as draft, submit as final (then locked), and reminders.

A scorecard is an Assignment row plus its Score rows. The judge saves it as a draft as often
as they like (criteria may be missing), then submits it: every criterion scored, the row
marked submitted, and nothing about it can change afterwards. Both writes lock the assignment
row first, so that a double click on "Submit" cannot interleave two writes.

What a judge sees of an entry (scorecard_view) depends on the cycle: in blind judging never
the schools, the teachers or the lead, nor the collaboration's title, summary or description
(the title finds its public page; the summary names towns): the entry's number ("Entry 7"),
its category, countries, evidence and the statement the entrant wrote for the judges.

Reminders: once per judge and stage, for the assignments not yet submitted, when the stage
closes within REMIND_BEFORE. Each judge's assignments are claimed with one conditional UPDATE
(reminded_at is empty), so two sweeps running at once send one e-mail.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit.services import audit_record
from core.mail import absolute_url, send_templated_email
from teachers.models import User

from .errors import AwardsError
from .judging.selectors import conflicts_closed_reason
from .models import (
    Assignment,
    AwardCycle,
    Conflict,
    Criterion,
    CycleJudge,
    Entry,
    Evidence,
    Score,
    Stage,
)

REMIND_BEFORE = datetime.timedelta(hours=72)


# --- reads -----------------------------------------------------------------------------------


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


# --- writes ----------------------------------------------------------------------------------


def _locked_assignment(assignment: Assignment, by: User) -> Assignment:
    """The assignment row, locked, checked to be `by`'s and still writable."""
    locked = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("judge", "stage__cycle", "entry")
        .filter(pk=assignment.pk)
        .first()
    )
    if (
        locked is None
        or locked.judge.user_id != by.pk
        or locked.judge.status != CycleJudge.Status.ACTIVE
    ):
        raise AwardsError(_("This entry is not assigned to you."))
    if locked.stage.cycle.is_published:
        raise AwardsError(_("The results are published and frozen: scores can no longer change."))
    if locked.status == Assignment.Status.SUBMITTED:
        raise AwardsError(_("Your scores for this entry are final."))
    if not stage_is_open(locked.stage):
        raise AwardsError(
            _("Judging for this stage is closed: scores can no longer be saved or submitted.")
        )
    if locked.entry.status != Entry.Status.SUBMITTED:
        raise AwardsError(
            _("This entry is no longer in the competition: there is nothing to score.")
        )
    if Conflict.objects.filter(judge_id=locked.judge_id, entry_id=locked.entry_id).exists():
        raise AwardsError(
            _("You have a conflict of interest with this entry, so you cannot score it.")
        )
    return locked


def _write(
    *,
    assignment: Assignment,
    by: User,
    scores: dict[int, int | None],
    comment_to_staff: str,
    comment_to_entrant: str,
    final: bool,
) -> Assignment:
    locked = _locked_assignment(assignment, by)
    criteria = {c.pk: c for c in Criterion.objects.filter(cycle_id=locked.stage.cycle_id)}
    values: dict[int, int] = {}
    for criterion_id, value in scores.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            raise AwardsError(
                _("A score was given for a criterion that is not in this cycle's rubric.")
            )
        if value is None or value == "":
            continue
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not criterion.scale_min <= value <= criterion.scale_max
        ):
            raise AwardsError(
                _("%(criterion)s: choose a score from %(min)s to %(max)s.")
                % {
                    "criterion": criterion.name,
                    "min": criterion.scale_min,
                    "max": criterion.scale_max,
                }
            )
        values[criterion_id] = value
    if final:
        missing = [c.name for pk, c in criteria.items() if pk not in values]
        if missing:
            raise AwardsError(
                _("Score every criterion before you submit. Still missing: %(missing)s.")
                % {"missing": ", ".join(missing)}
            )
        if not criteria:
            raise AwardsError(_("This cycle's rubric has no criteria yet: ask the ClassNet team."))
    locked.comment_to_staff = (comment_to_staff or "").strip()
    locked.comment_to_entrant = (comment_to_entrant or "").strip()
    if final:
        locked.status = Assignment.Status.SUBMITTED
        locked.submitted_at = timezone.now()
    else:
        locked.status = Assignment.Status.DRAFT
    locked.full_clean(exclude=["stage", "entry", "judge"], validate_unique=False)
    Score.objects.filter(assignment=locked).exclude(criterion_id__in=values).delete()
    existing = {s.criterion_id: s for s in Score.objects.filter(assignment=locked)}
    changed = []
    for criterion_id, value in values.items():
        score = existing.get(criterion_id)
        if score is None:
            Score.objects.create(assignment=locked, criterion_id=criterion_id, value=value)
        elif score.value != value:
            score.value = value
            changed.append(score)
    if changed:
        Score.objects.bulk_update(changed, ["value"])
    locked.save(update_fields=["comment_to_staff", "comment_to_entrant", "status", "submitted_at"])
    if final:
        audit_record(actor=by, action="award_scorecard.submitted", target=locked)
    return locked


@transaction.atomic
def scorecard_save(
    *,
    assignment: Assignment,
    by: User,
    scores: dict[int, int | None],
    comment_to_staff: str = "",
    comment_to_entrant: str = "",
) -> Assignment:
    """Save the judge's scorecard as a draft: criteria may be missing (a None clears one);
    every given value must be on its criterion's scale. `scores` is the whole scorecard."""
    return _write(
        assignment=assignment,
        by=by,
        scores=scores,
        comment_to_staff=comment_to_staff,
        comment_to_entrant=comment_to_entrant,
        final=False,
    )


@transaction.atomic
def scorecard_submit(
    *,
    assignment: Assignment,
    by: User,
    scores: dict[int, int | None],
    comment_to_staff: str = "",
    comment_to_entrant: str = "",
) -> Assignment:
    """Submit the scorecard as final: every criterion scored; then it is locked for good."""
    return _write(
        assignment=assignment,
        by=by,
        scores=scores,
        comment_to_staff=comment_to_staff,
        comment_to_entrant=comment_to_entrant,
        final=True,
    )


# --- reminders -------------------------------------------------------------------------------


def remind_judges_due(*, now: datetime.datetime | None = None) -> int:
    """One e-mail per active judge and open stage closing within REMIND_BEFORE, listing how
    many of their entries remain; sent once (the claim on reminded_at). Returns e-mails sent."""
    now = now or timezone.now()
    stages = Stage.objects.filter(
        status=Stage.Status.OPEN, closes_at__gt=now, closes_at__lte=now + REMIND_BEFORE
    ).select_related("cycle__edition__country")
    sent = 0
    for stage in stages:
        unfinished = Assignment.objects.filter(
            stage=stage,
            judge__status=CycleJudge.Status.ACTIVE,
            entry__status=Entry.Status.SUBMITTED,
        ).exclude(status=Assignment.Status.SUBMITTED)
        judge_ids = sorted(
            set(unfinished.filter(reminded_at__isnull=True).values_list("judge_id", flat=True))
        )
        for judge_id in judge_ids:
            with transaction.atomic():
                claimed = unfinished.filter(judge_id=judge_id, reminded_at__isnull=True).update(
                    reminded_at=now
                )
                if not claimed:
                    continue
                judge = CycleJudge.objects.select_related("user").get(pk=judge_id)
                remaining = unfinished.filter(judge_id=judge_id).count()
                send_templated_email(
                    template="award_judge_reminder",
                    to=[judge.user.email],
                    context={
                        "name": judge.user.full_name or judge.user.email,
                        "cycle": str(stage.cycle),
                        "stage": stage.get_kind_display(),
                        "remaining": remaining,
                        "deadline": stage.closes_at.astimezone(stage.cycle.edition.zone),
                        "zone": stage.cycle.edition.zone.key,
                        "url": absolute_url(reverse("awards:judge_dashboard")),
                    },
                )
                sent += 1
    return sent
