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

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit.services import audit_record
from core.mail import absolute_url, send_templated_email
from teachers.models import User

from ..errors import AwardsError
from ..models import (
    Assignment,
    Conflict,
    Criterion,
    CycleJudge,
    Entry,
    Score,
    Stage,
)
from ..selectors.scorecards import stage_is_open

REMIND_BEFORE = datetime.timedelta(hours=72)


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


def remind_judges_due(*, by: User | None = None, now: datetime.datetime | None = None) -> int:
    """One e-mail per active judge and open stage closing within REMIND_BEFORE, listing how
    many of their entries remain; sent once (the claim on reminded_at). Returns e-mails sent.
    Beat work: `by` is None (no person acts); the reminded_at claim is the record."""
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
