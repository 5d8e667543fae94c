"""The panel: invitations and their answers, removal, the chair, declared conflicts."""

from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit.services import audit_record
from core.mail import absolute_url, send_templated_email
from core.roles import JUDGES_GROUP
from teachers.models import User

from ..errors import AwardsError
from ..models import Assignment, AwardCycle, Conflict, CycleJudge, Entry, Stage
from ..selectors.judging import conflicts_closed_reason, judge_name, panel_frozen_reason

OPEN_INVITATION = (CycleJudge.Status.INVITED, CycleJudge.Status.DECLINED)


@dataclass
class InviteResult:
    invited: list[CycleJudge] = field(default_factory=list)
    already: list[CycleJudge] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


def _send_invitation(judge: CycleJudge) -> None:
    send_templated_email(
        template="award_judge_invited",
        to=[judge.user.email],
        context={
            "judge": judge,
            "cycle": judge.cycle,
            "inviter": judge.invited_by,
            "url": absolute_url(reverse("awards:judge_invitation", args=[judge.token])),
        },
    )


@transaction.atomic
def judges_invite(*, cycle: AwardCycle, emails: list[str], by: User) -> InviteResult:
    """Invite people with an account, by e-mail address, to judge the cycle; each gets an
    e-mail with their link. Someone invited before (declined, removed) is invited again; an
    active judge is left as is; an address without an account is reported, not created."""
    if cycle.status == AwardCycle.Status.PUBLISHED:
        raise AwardsError(_("The results are published: the panel is closed."))
    result = InviteResult()
    wanted = list(dict.fromkeys(email.strip().lower() for email in emails if email.strip()))
    matches = reduce(or_, (Q(email__iexact=email) for email in wanted), Q(pk__in=[]))
    users = {user.email.lower(): user for user in User.objects.filter(matches)}
    existing = {
        judge.user_id: judge
        for judge in CycleJudge.objects.select_for_update(of=("self",)).filter(
            cycle=cycle, user__in=users.values()
        )
    }
    now = timezone.now()
    for email in wanted:
        user = users.get(email)
        if user is None:
            result.unknown.append(email)
            continue
        judge = existing.get(user.pk)
        if judge is not None and judge.status == CycleJudge.Status.ACTIVE:
            result.already.append(judge)
            continue
        if judge is None:
            judge = CycleJudge.objects.create(cycle=cycle, user=user, invited_by=by, invited_at=now)
        else:
            judge.status = CycleJudge.Status.INVITED
            judge.invited_by, judge.invited_at, judge.answered_at = by, now, None
            judge.save(update_fields=["status", "invited_by", "invited_at", "answered_at"])
        judge.user, judge.cycle = user, cycle
        audit_record(actor=by, action="judge.invited", target=judge)
        _send_invitation(judge)
        result.invited.append(judge)
    return result


def _locked(judge: CycleJudge) -> CycleJudge:
    return (
        CycleJudge.objects.select_for_update(of=("self",))
        .select_related("user", "cycle", "invited_by")
        .get(pk=judge.pk)
    )


def _refuse_if_frozen(judge: CycleJudge) -> None:
    reason = panel_frozen_reason(judge.cycle)
    if reason:
        raise AwardsError(reason)


@transaction.atomic
def judge_reinvite(*, judge: CycleJudge, by: User) -> CycleJudge:
    """Send the invitation again (a judge who declined or was removed is invited again)."""
    judge = _locked(judge)
    _refuse_if_frozen(judge)
    if judge.status == CycleJudge.Status.ACTIVE:
        raise AwardsError(
            _("%(name)s already accepted: no invitation to send.") % judge_name(judge)
        )
    judge.status, judge.invited_by, judge.invited_at = CycleJudge.Status.INVITED, by, timezone.now()
    judge.answered_at = None
    judge.save(update_fields=["status", "invited_by", "invited_at", "answered_at"])
    audit_record(actor=by, action="judge.reinvited", target=judge)
    _send_invitation(judge)
    return judge


def _sync_group(user: User) -> None:
    """A user is in the Judges group while they are an active judge of some cycle."""
    group, _created = Group.objects.get_or_create(name=JUDGES_GROUP)
    if CycleJudge.objects.filter(user=user, status=CycleJudge.Status.ACTIVE).exists():
        user.groups.add(group)
    else:
        user.groups.remove(group)


@transaction.atomic
def judge_remove(*, judge: CycleJudge, by: User) -> int:
    """Take a judge off the panel: their unsubmitted assignments are deleted (their entries
    then need a replacement); submitted scores stay. Returns how many were deleted."""
    judge = _locked(judge)
    _refuse_if_frozen(judge)
    if judge.status == CycleJudge.Status.REMOVED:
        raise AwardsError(_("%(name)s is already off the panel.") % judge_name(judge))
    deleted, _rows = judge.assignments.exclude(status=Assignment.Status.SUBMITTED).delete()
    judge.status, judge.is_chair = CycleJudge.Status.REMOVED, False
    judge.save(update_fields=["status", "is_chair"])
    _sync_group(judge.user)
    audit_record(
        actor=by,
        action="judge.removed",
        target=judge,
        note=_("%(n)s unsubmitted assignments deleted.") % {"n": deleted} if deleted else "",
    )
    return deleted


@transaction.atomic
def judge_make_chair(*, judge: CycleJudge, by: User) -> CycleJudge:
    """Make this judge the cycle's chair (one per cycle: the previous chair steps down)."""
    judge = _locked(judge)
    _refuse_if_frozen(judge)
    if judge.status not in (CycleJudge.Status.ACTIVE, CycleJudge.Status.INVITED):
        raise AwardsError(_("Only a judge on the panel can chair it."))
    CycleJudge.objects.filter(cycle_id=judge.cycle_id, is_chair=True).exclude(pk=judge.pk).update(
        is_chair=False
    )
    judge.is_chair = True
    judge.save(update_fields=["is_chair"])
    audit_record(actor=by, action="judge.chair", target=judge)
    return judge


@transaction.atomic
def invitation_accept(*, judge: CycleJudge, by: User) -> CycleJudge:
    """The invited person accepts: they join the panel and the judges' area opens to them."""
    judge = _locked(judge)
    if by.pk == judge.user_id and judge.cycle.status == AwardCycle.Status.PUBLISHED:
        raise AwardsError(
            _("The results of the %(cycle)s are published: this invitation is closed.")
            % {"cycle": judge.cycle}
        )
    if by.pk != judge.user_id:
        raise AwardsError(_("This invitation is for someone else."))
    if judge.status == CycleJudge.Status.ACTIVE:
        return judge
    if judge.status not in OPEN_INVITATION:
        raise AwardsError(_("This invitation is no longer valid. Ask ClassNet staff."))
    judge.status, judge.answered_at = CycleJudge.Status.ACTIVE, timezone.now()
    judge.save(update_fields=["status", "answered_at"])
    _sync_group(judge.user)
    audit_record(actor=by, action="judge.accepted", target=judge)
    return judge


@transaction.atomic
def invitation_decline(*, judge: CycleJudge, by: User) -> CycleJudge:
    judge = _locked(judge)
    if by.pk == judge.user_id and judge.cycle.status == AwardCycle.Status.PUBLISHED:
        raise AwardsError(
            _("The results of the %(cycle)s are published: this invitation is closed.")
            % {"cycle": judge.cycle}
        )
    if by.pk != judge.user_id:
        raise AwardsError(_("This invitation is for someone else."))
    if judge.status == CycleJudge.Status.DECLINED:
        return judge
    if judge.status != CycleJudge.Status.INVITED:
        raise AwardsError(
            _("You already accepted: to leave the panel, write to ClassNet staff.")
            if judge.status == CycleJudge.Status.ACTIVE
            else _("This invitation is no longer valid. Ask ClassNet staff.")
        )
    judge.status, judge.answered_at = CycleJudge.Status.DECLINED, timezone.now()
    judge.save(update_fields=["status", "answered_at"])
    audit_record(actor=by, action="judge.declined", target=judge)
    return judge


def _drop_assignments(*, judge: CycleJudge, entry_ids: list[int], by: User) -> list[Assignment]:
    """Delete the judge's unsubmitted assignments on these entries (in every stage not yet
    closed: a closed stage's assignments stay as they were); recorded on each stage so that
    staff see which entry needs a replacement."""
    doomed = list(
        Assignment.objects.filter(judge=judge, entry_id__in=entry_ids)
        .exclude(status=Assignment.Status.SUBMITTED)
        .exclude(stage__status=Stage.Status.CLOSED)
        .select_related("stage", "entry__collaboration")
    )
    for assignment in doomed:
        audit_record(
            actor=by,
            action="assignment.conflict_removed",
            target=assignment.stage,
            note=_("%(judge)s declared a conflict with “%(entry)s”: the entry needs a replacement.")
            % {"judge": judge.user, "entry": assignment.entry.collaboration.title},
        )
    Assignment.objects.filter(pk__in=[a.pk for a in doomed]).delete()
    return doomed


@transaction.atomic
def conflicts_declare(*, judge: CycleJudge, declared: dict[int, str], by: User) -> list[Assignment]:
    """A judge's whole list of declared conflicts: {entry pk: reason}. Entries newly ticked
    get a row (and the judge's unsubmitted assignments on them are deleted); entries unticked
    lose theirs (conflicts staff added stay). Returns the deleted assignments."""
    judge = _locked(judge)
    if judge.status != CycleJudge.Status.ACTIVE or by.pk != judge.user_id:
        raise AwardsError(_("Only the judge can declare their conflicts."))
    closed = conflicts_closed_reason(judge.cycle)
    if closed:
        raise AwardsError(closed)
    valid = set(
        Entry.objects.filter(cycle_id=judge.cycle_id, pk__in=list(declared)).values_list(
            "pk", flat=True
        )
    )
    if valid != set(declared):
        raise AwardsError(_("One of those entries is not in this cycle."))
    current = {c.entry_id: c for c in judge.conflicts.all()}
    judge.conflicts.filter(source=Conflict.Source.DECLARED).exclude(
        entry_id__in=list(declared)
    ).delete()
    new = []
    for entry_id, reason in declared.items():
        reason = reason.strip()[:500]
        conflict = current.get(entry_id)
        if conflict is None:
            Conflict.objects.create(
                judge=judge, entry_id=entry_id, source=Conflict.Source.DECLARED, reason=reason
            )
            new.append(entry_id)
        elif conflict.source == Conflict.Source.DECLARED and conflict.reason != reason:
            conflict.reason = reason
            conflict.save(update_fields=["reason"])
    if new:
        audit_record(
            actor=by,
            action="judge.conflicts_declared",
            target=judge,
            note=_("%(n)s new conflicts declared.") % {"n": len(new)},
        )
    return _drop_assignments(judge=judge, entry_ids=new, by=by)


@transaction.atomic
def conflict_add(*, judge: CycleJudge, entry: Entry, reason: str, by: User) -> list[Assignment]:
    """Staff record a conflict for a judge; the judge's unsubmitted assignments on the entry
    are deleted (returned) and the entry then needs a replacement."""
    judge = _locked(judge)
    closed = conflicts_closed_reason(judge.cycle)
    if closed:
        raise AwardsError(closed)
    if entry.cycle_id != judge.cycle_id:
        raise AwardsError(_("That entry is not in this judge's cycle."))
    if Conflict.objects.filter(judge=judge, entry=entry).exists():
        raise AwardsError(_("This conflict is already recorded."))
    Conflict.objects.create(
        judge=judge, entry=entry, source=Conflict.Source.STAFF, reason=reason.strip()[:500]
    )
    audit_record(
        actor=by,
        action="judge.conflict_added",
        target=judge,
        note=_("Conflict with “%(entry)s”. %(reason)s")
        % {"entry": entry.collaboration.title, "reason": reason.strip()},
    )
    return _drop_assignments(judge=judge, entry_ids=[entry.pk], by=by)
