"""Awards pages for the judges' panel.

Staff (under /staff/awards/<n>/): the panel (invite by e-mail address, invite again, remove,
make chair, add a conflict) and each stage's assignments (automatic, then by hand).
Judges: the invitation link (the token finds the invitation, but only its addressee, signed
in, may answer it; a GET never changes anything) and their declared conflicts.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.audit.selectors import audit_history
from core.permissions import permission_required, public
from core.ratelimit import LIMITED_MESSAGE, limited

from ..errors import AwardsError
from ..forms.judges import (
    AssignmentAddForm,
    AssignmentRemoveForm,
    DeclareConflictsForm,
    InviteForm,
    JudgeActionForm,
    StaffConflictForm,
)
from ..models import AwardCycle, Conflict, CycleJudge, Stage
from ..selectors.cycles import cycle_by_number, stage_of_cycle
from ..selectors.judging import (
    active_judgeship,
    assignment_board,
    conflicts_closed_reason,
    conflicts_for,
    entry_countries,
    judge_by_token,
    judge_country,
    judged_entries,
    judges_for_staff,
    panel_frozen_reason,
)
from ..services.assignment import assign_stage, assignment_add, assignment_remove
from ..services.judges import (
    conflict_add,
    conflicts_declare,
    invitation_accept,
    invitation_decline,
    judge_make_chair,
    judge_reinvite,
    judge_remove,
    judges_invite,
)

ACTION_LABELS = {
    "assignment.automatic": gettext_lazy("Assigned automatically"),
    "assignment.added": gettext_lazy("Judge added by hand"),
    "assignment.removed": gettext_lazy("Assignment removed"),
    "assignment.conflict_removed": gettext_lazy("Assignment removed: conflict declared"),
}
STATUS_BADGES = {
    CycleJudge.Status.INVITED: "text-bg-warning",
    CycleJudge.Status.ACTIVE: "text-bg-success",
    CycleJudge.Status.DECLINED: "text-bg-secondary",
    CycleJudge.Status.REMOVED: "text-bg-light border",
}


def _judgeship(request, number: int) -> CycleJudge:
    return active_judgeship(cycle=cycle_by_number(number), user=request.user)


# --- Staff: the panel ----------------------------------------------------------------------


def _invite_messages(request, result, cycle) -> None:
    if result.invited:
        messages.success(
            request,
            ngettext(
                "Invitation sent to %(names)s.",
                "Invitations sent to %(names)s.",
                len(result.invited),
            )
            % {"names": ", ".join(str(judge.user) for judge in result.invited)},
        )
    if result.already:
        messages.info(
            request,
            _("Already on the panel: %(names)s.")
            % {"names": ", ".join(str(judge.user) for judge in result.already)},
        )
    if result.unknown:
        signup = request.build_absolute_uri(reverse("account_signup"))
        messages.warning(
            request,
            _(
                "No ClassNet account uses %(emails)s. Judges need an account: ask them to sign "
                "up at %(url)s with that address, then invite them again."
            )
            % {"emails": ", ".join(result.unknown), "url": signup},
        )


@permission_required("awards.manage_cycles")
@require_http_methods(["GET", "POST"])
def staff_judges(request, number: int):
    """The cycle's panel: who is invited, active, declined or removed, with their loads and
    conflicts; invite people, invite again, remove, make chair, record a conflict."""
    cycle = cycle_by_number(number)
    invite_form = InviteForm()
    conflict_form = StaffConflictForm(cycle=cycle)
    status = 200
    if request.method == "POST":
        which = request.POST.get("form")
        try:
            if which == "invite":
                invite_form = InviteForm(request.POST)
                if invite_form.is_valid() and not limited(
                    request, "awards_judge_invitation", invite_form
                ):
                    result = judges_invite(
                        cycle=cycle, emails=invite_form.cleaned_data["emails"], by=request.user
                    )
                    _invite_messages(request, result, cycle)
                    return redirect("awards_staff:judges", number=number)
            elif which == "conflict":
                conflict_form = StaffConflictForm(request.POST, cycle=cycle)
                if conflict_form.is_valid():
                    data = conflict_form.cleaned_data
                    dropped = conflict_add(
                        judge=data["judge"], entry=data["entry"], reason=data["reason"],
                        by=request.user,
                    )  # fmt: skip
                    messages.success(request, _("The conflict is recorded."))
                    _dropped_message(request, dropped, cycle)
                    return redirect("awards_staff:judges", number=number)
            else:
                form = JudgeActionForm(request.POST, cycle=cycle)
                if not form.is_valid():
                    messages.error(request, _("That judge or action is not known here."))
                    return redirect("awards_staff:judges", number=number)
                _judge_action(request, form.cleaned_data["action"], form.cleaned_data["judge"])
                return redirect("awards_staff:judges", number=number)
        except AwardsError as error:
            form = invite_form if which == "invite" else conflict_form
            if which in ("invite", "conflict"):
                form.add_error(None, str(error))
            else:
                messages.error(request, str(error))
                return redirect("awards_staff:judges", number=number)
        status = 400
    judges = list(judges_for_staff(cycle=cycle))
    conflicts = conflicts_for(cycle)
    counts: dict[int, int] = {}
    for judge_id, _entry_id in conflicts:
        counts[judge_id] = counts.get(judge_id, 0) + 1
    for judge in judges:
        judge.country = judge_country(judge)
        judge.conflict_count = counts.get(judge.pk, 0)
        judge.badge = STATUS_BADGES[judge.status]
        profile = getattr(judge.user, "teacher_profile", None)
        judge.school = profile.school if profile is not None else None
    stages = list(cycle.stages.all())
    return render(
        request,
        "awards/staff/judges.html",
        {
            "cycle": cycle,
            "judges": judges,
            "stages": stages,
            "frozen": panel_frozen_reason(cycle),
            "conflicts_closed": conflicts_closed_reason(cycle, stages=stages),
            "active": sum(1 for judge in judges if judge.status == CycleJudge.Status.ACTIVE),
            "invite_form": invite_form,
            "conflict_form": conflict_form,
        },
        status=status,
    )


def _judge_action(request, action: str, judge: CycleJudge) -> None:
    name = judge.user.full_name or judge.user.email
    if action == JudgeActionForm.REINVITE:
        if limited(request, "awards_judge_invitation"):
            messages.error(request, LIMITED_MESSAGE)
            return
        judge_reinvite(judge=judge, by=request.user)
        messages.success(request, _("The invitation was sent again to %(name)s.") % {"name": name})
    elif action == JudgeActionForm.REMOVE:
        deleted = judge_remove(judge=judge, by=request.user)
        messages.success(
            request,
            _("%(name)s is off the panel.") % {"name": name}
            + (
                " "
                + ngettext(
                    "%(n)s unsubmitted assignment was deleted: assign a replacement.",
                    "%(n)s unsubmitted assignments were deleted: assign replacements.",
                    deleted,
                )
                % {"n": deleted}
                if deleted
                else ""
            ),
        )
    else:
        judge_make_chair(judge=judge, by=request.user)
        messages.success(request, _("%(name)s chairs the panel.") % {"name": name})


def _dropped_message(request, dropped, cycle) -> None:
    for assignment in dropped:
        messages.warning(
            request,
            _(
                "“%(entry)s” lost its judge in the %(stage)s stage and needs a replacement: "
                "see the assignments."
            )
            % {
                "entry": assignment.entry.collaboration.title,
                "stage": assignment.stage.get_kind_display().lower(),
            },
        )


# --- Staff: assignments --------------------------------------------------------------------


@permission_required("awards.manage_cycles")
@require_http_methods(["GET", "POST"])
def staff_assignments(request, number: int, stage: str):
    """One stage's assignments: run the automatic assignment (idempotent: it fills what is
    missing), add or remove a judge by hand; what is short is shown first."""
    cycle = cycle_by_number(number)
    stage = stage_of_cycle(cycle=cycle, kind=stage)
    url = reverse("awards_staff:assignments", args=[number, stage.kind])
    status, confirm = 200, None
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action not in ("auto", "add", "remove"):
                raise AwardsError(_("Unknown action."))
            if action == "auto":
                report = assign_stage(stage=stage, by=request.user)
                _report_messages(request, report)
                return redirect(url)
            if action == "add":
                form = AssignmentAddForm(request.POST, stage=stage)
                if not form.is_valid():
                    raise AwardsError(_("Choose a judge to add."))
                assignment_add(
                    stage=stage,
                    entry=form.cleaned_data["entry"],
                    judge=form.cleaned_data["judge"],
                    by=request.user,
                )
                messages.success(
                    request,
                    _("%(name)s now judges “%(entry)s”.")
                    % {
                        "name": form.cleaned_data["judge"].user,
                        "entry": form.cleaned_data["entry"].collaboration.title,
                    },
                )
                return redirect(f"{url}#entry-{form.cleaned_data['entry'].pk}")
            if action == "remove":
                form = AssignmentRemoveForm(request.POST, stage=stage)
                if not form.is_valid():
                    raise AwardsError(_("That assignment is no longer there."))
                assignment = form.cleaned_data["assignment"]
                try:
                    assignment_remove(
                        assignment=assignment,
                        by=request.user,
                        confirm_draft=form.cleaned_data["confirm"],
                    )
                except AwardsError:
                    if assignment.status != assignment.Status.DRAFT:
                        raise
                    confirm, status = assignment, 409  # ask first: the draft would be lost
                else:
                    messages.success(request, _("The assignment is removed."))
                    return redirect(f"{url}#entry-{assignment.entry_id}")
        except AwardsError as error:
            messages.error(request, str(error))
            return redirect(url)
    board = assignment_board(stage=stage)
    frozen = panel_frozen_reason(cycle)
    return render(
        request,
        "awards/staff/assignments.html",
        {
            "cycle": cycle,
            "stage": stage,
            "board": board,
            "frozen": frozen,
            "can_change": not frozen and stage.status != Stage.Status.CLOSED,
            "next_step": _assignments_next_step(cycle, stage),
            "confirm": confirm,
            "history": audit_history(target=stage, labels=ACTION_LABELS)[:8],
        },
        status=status,
    )


def _assignments_next_step(cycle: AwardCycle, stage: Stage) -> dict:
    """What comes after the assignments, from the stage's real status."""
    if cycle.is_published:
        return {"text": _("The results are published: the assignments are frozen.")}
    if stage.status == Stage.Status.PENDING:
        return {
            "text": _(
                "Next: open the stage for judging; judges then score their entries on their "
                "judging page."
            ),
            "action": "stage_open",
            "label": _("Open the %(stage)s stage") % {"stage": stage.get_kind_display().lower()},
        }
    if stage.status == Stage.Status.OPEN:
        return {
            "text": _(
                "Judging is open: judges score their entries on their judging page. Follow "
                "their progress on the results page; close the stage when they are done."
            ),
            "url": reverse("awards_staff:results", args=[cycle.edition.number, stage.kind]),
            "label": _("Follow the scores"),
        }
    return {
        "text": _("This stage is closed: its assignments stay as they are."),
        "url": reverse("awards_staff:results", args=[cycle.edition.number, stage.kind]),
        "label": _("See its results"),
    }


def _report_messages(request, report) -> None:
    messages.success(
        request,
        ngettext("%(n)s assignment made.", "%(n)s assignments made.", report.assigned)
        % {"n": report.assigned}
        + " "
        + _("Loads differ by at most %(spread)s.") % {"spread": report.spread},
    )
    if report.short:
        messages.warning(
            request,
            _("Short of judges (too many conflicts or too few judges): %(entries)s.")
            % {
                "entries": "; ".join(
                    f"{entry.collaboration.title} ({n})" for entry, n in report.short
                )
            },
        )
    if report.one_region:
        messages.warning(
            request,
            _("Without a judge from both Asia and Europe: %(entries)s.")
            % {"entries": "; ".join(entry.collaboration.title for entry in report.one_region)},
        )


# --- The invited person and the judge ------------------------------------------------------


@public
@never_cache
@require_http_methods(["GET", "POST"])
def judge_invitation(request, token: str):
    """The link in the invitation e-mail: shows the invitation; its addressee, signed in,
    accepts or declines with a POST. Unknown token: 404."""
    judge = judge_by_token(token=token)
    if judge is None:
        raise Http404
    signed_in = request.user.is_authenticated
    is_addressee = signed_in and request.user.pk == judge.user_id
    error, status = None, 200
    if request.method == "POST":
        answer = request.POST.get("action")
        if not is_addressee:
            error, status = _("Sign in as the person invited to answer this invitation."), 403
        elif answer not in ("accept", "decline"):
            error, status = _("Choose Accept or Decline."), 400
        else:
            try:
                if answer == "accept":
                    invitation_accept(judge=judge, by=request.user)
                    messages.success(
                        request,
                        _("Welcome to the panel! First, tell us about any conflict of interest."),
                    )
                    return redirect("awards:judge_conflicts", number=judge.cycle.edition.number)
                invitation_decline(judge=judge, by=request.user)
                messages.info(request, _("You declined. Thank you for letting us know."))
                return redirect("awards:judge_invitation", token=token)
            except AwardsError as refusal:
                error, status = str(refusal), 409
        judge = judge_by_token(token=token)
    return render(
        request,
        "awards/judge_invitation.html",
        {
            "judge": judge,
            "cycle": judge.cycle,
            "edition": judge.cycle.edition,
            "is_addressee": is_addressee,
            "someone_else": signed_in and not is_addressee,
            "error": error,
            "login_url": f"{reverse('account_login')}?next={request.path}",
        },
        status=status,
    )


@permission_required("awards.declare_conflicts", obj=_judgeship, denied=404)
@require_http_methods(["GET", "POST"])
def judge_conflicts(request, number: int):
    """An active judge's conflicts of interest with the cycle's entries: those found from
    the data (fixed), those staff recorded (fixed), and their own declarations (ticked here).
    In blind judging only titles and countries are shown."""
    judge = request.permission_object
    cycle = judge.cycle
    conflicts = conflicts_for(cycle)
    order = ("pk",) if cycle.blind else ("collaboration__title", "pk")  # by number when blind
    rows = list(judged_entries(cycle=cycle).order_by(*order))
    own = {c.entry_id: c for c in judge.conflicts.all()}
    declared = {pk: c.reason for pk, c in own.items() if c.source == Conflict.Source.DECLARED}
    fixed = {
        entry.pk: conflicts[(judge.pk, entry.pk)]
        for entry in rows
        if (judge.pk, entry.pk) in conflicts and entry.pk not in declared
    }
    closed = conflicts_closed_reason(cycle)
    editable = [] if closed else [entry for entry in rows if entry.pk not in fixed]
    form = DeclareConflictsForm(
        request.POST if request.method == "POST" else None, entries=editable, declared=declared
    )
    if request.method == "POST" and closed:
        form.add_error(None, closed)
    elif request.method == "POST" and form.is_valid():
        try:
            dropped = conflicts_declare(judge=judge, declared=form.declared(), by=request.user)
        except AwardsError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Your conflicts are saved.")
                + (
                    " "
                    + _(
                        "The entries you now declared are taken off your list; staff will find "
                        "another judge."
                    )
                    if dropped
                    else ""
                ),
            )
            return redirect("awards:judge_conflicts", number=number)
    for entry in rows:
        entry.countries = entry_countries(entry)
        entry.fixed_reason = fixed.get(entry.pk, "")
    return render(
        request,
        "awards/judge_conflicts.html",
        {
            "cycle": cycle,
            "judge": judge,
            "form": form,
            "rows": rows,
            "fixed_rows": [entry for entry in rows if entry.fixed_reason],
            "closed": closed,
            "declared_rows": [entry for entry in rows if entry.pk in declared],
        },
        status=400 if form.errors else 200,
    )
