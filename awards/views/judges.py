"""Awards pages for the judges' panel.

Staff (under /staff/awards/<n>/judges/): the panel, and its actions, a POST view each: invite
by e-mail address, record a conflict, and per judge invite again, make chair, remove. (Each
stage's assignments are in assignments.py.)
Judges: the invitation link (the token finds the invitation, but only its addressee, signed
in, may answer it; a GET never changes anything) and their declared conflicts.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.permissions import permission_required, public
from core.ratelimit import LIMITED_MESSAGE, limited

from ..errors import AwardsError
from ..forms.judges import (
    DeclareConflictsForm,
    InviteForm,
    JudgeActionForm,
    StaffConflictForm,
)
from ..models import AwardCycle, Conflict, CycleJudge
from ..selectors.cycles import cycle_by_number
from ..selectors.judging import (
    active_judgeship,
    conflicts_closed_reason,
    conflicts_for,
    entry_countries,
    judge_by_token,
    judge_country,
    judge_of_cycle,
    judged_entries,
    judges_for_staff,
    panel_frozen_reason,
)
from ..services.judges import (
    conflict_add,
    conflicts_declare,
    invitation_accept,
    invitation_decline,
    judge_make_chair,
)
from ..services.judges import judge_reinvite as reinvite_judge
from ..services.judges import judge_remove as remove_judge
from ..services.judges import judges_invite as invite_judges

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


def _judges_page(
    request,
    cycle: AwardCycle,
    *,
    invite_form: InviteForm | None = None,
    conflict_form: StaffConflictForm | None = None,
):
    """The panel; with a bound form, that form's errors (400) and the other one empty."""
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
            "invite_form": invite_form or InviteForm(),
            "conflict_form": conflict_form or StaffConflictForm(cycle=cycle),
        },
        status=400 if invite_form is not None or conflict_form is not None else 200,
    )


@permission_required("awards.manage_cycles")
@require_GET
def staff_judges(request, number: int):
    """The cycle's panel: who is invited, active, declined or removed, with their loads and
    conflicts; each action posts to its own view below."""
    return _judges_page(request, cycle_by_number(number))


@permission_required("awards.manage_cycles")
@require_POST
def judges_invite(request, number: int):
    """Invite people to the panel by their e-mail addresses (each needs an account)."""
    cycle = cycle_by_number(number)
    form = InviteForm(request.POST)
    if form.is_valid() and not limited(request, "awards_judge_invitation", form):
        try:
            result = invite_judges(cycle=cycle, emails=form.cleaned_data["emails"], by=request.user)
        except AwardsError as error:
            form.add_error(None, str(error))
        else:
            _invite_messages(request, result, cycle)
            return redirect("awards_staff:judges", number=number)
    return _judges_page(request, cycle, invite_form=form)


@permission_required("awards.manage_cycles")
@require_POST
def judges_conflict(request, number: int):
    """Record a conflict of a judge with an entry; an unsubmitted assignment on it goes."""
    cycle = cycle_by_number(number)
    form = StaffConflictForm(request.POST, cycle=cycle)
    if form.is_valid():
        data = form.cleaned_data
        try:
            dropped = conflict_add(
                judge=data["judge"], entry=data["entry"], reason=data["reason"], by=request.user
            )
        except AwardsError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The conflict is recorded."))
            _dropped_message(request, dropped, cycle)
            return redirect("awards_staff:judges", number=number)
    return _judges_page(request, cycle, conflict_form=form)


def _on_judge(request, number: int, pk: int, act) -> HttpResponse:
    """A button beside a judge: `act(judge)` calls the service and returns the message."""
    judge = judge_of_cycle(cycle=cycle_by_number(number), pk=pk)
    if JudgeActionForm(request.POST).is_valid():
        try:
            messages.success(request, act(judge, judge.user.full_name or judge.user.email))
        except AwardsError as error:
            messages.error(request, str(error))
    return redirect("awards_staff:judges", number=number)


@permission_required("awards.manage_cycles")
@require_POST
def judge_reinvite(request, number: int, judge: int):
    """Send the invitation again (to an invited, declined or removed judge)."""
    if limited(request, "awards_judge_invitation"):
        messages.error(request, LIMITED_MESSAGE)
        return redirect("awards_staff:judges", number=number)

    def act(found, name):
        reinvite_judge(judge=found, by=request.user)
        return _("The invitation was sent again to %(name)s.") % {"name": name}

    return _on_judge(request, number, judge, act)


@permission_required("awards.manage_cycles")
@require_POST
def judge_chair(request, number: int, judge: int):
    """Make the judge the panel's chair."""

    def act(found, name):
        judge_make_chair(judge=found, by=request.user)
        return _("%(name)s chairs the panel.") % {"name": name}

    return _on_judge(request, number, judge, act)


@permission_required("awards.manage_cycles")
@require_POST
def judge_remove(request, number: int, judge: int):
    """Take the judge off the panel: their unsubmitted assignments are deleted."""

    def act(found, name):
        deleted = remove_judge(judge=found, by=request.user)
        text = _("%(name)s is off the panel.") % {"name": name}
        if deleted:
            text += " " + ngettext(
                "%(n)s unsubmitted assignment was deleted: assign a replacement.",
                "%(n)s unsubmitted assignments were deleted: assign replacements.",
                deleted,
            ) % {"n": deleted}
        return text

    return _on_judge(request, number, judge, act)


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
