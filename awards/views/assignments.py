"""Staff pages for a stage's assignments (under /staff/awards/<n>/assignments/<stage>/): the
board (what is short first, the loads, the history) and its actions, a POST view each: run the
automatic assignment, add a judge to an entry by hand, remove an assignment. Staff only:
visitors log in first, everyone else gets a 403."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST

from core.audit.selectors import audit_history
from core.permissions import permission_required

from ..errors import AwardsError
from ..forms.judges import AssignAutomaticallyForm, AssignmentAddForm, AssignmentRemoveForm
from ..models import Assignment, AwardCycle, Stage
from ..selectors.cycles import cycle_by_number, stage_of_cycle
from ..selectors.judging import assignment_board, panel_frozen_reason
from ..services.assignment import assign_stage, assignment_add, assignment_remove

ACTION_LABELS = {
    "assignment.automatic": gettext_lazy("Assigned automatically"),
    "assignment.added": gettext_lazy("Judge added by hand"),
    "assignment.removed": gettext_lazy("Assignment removed"),
    "assignment.conflict_removed": gettext_lazy("Assignment removed: conflict declared"),
}


def _stage(number: int, kind: str) -> tuple[AwardCycle, Stage]:
    cycle = cycle_by_number(number)
    return cycle, stage_of_cycle(cycle=cycle, kind=kind)


def _url(stage: Stage) -> str:
    return reverse("awards_staff:assignments", args=[stage.cycle.edition.number, stage.kind])


def _assignments_page(
    request,
    cycle: AwardCycle,
    stage: Stage,
    *,
    confirm: Assignment | None = None,
    error: str | None = None,
    status: int = 200,
):
    """The board; with `confirm`, the question removing a draft asks (409); with `error`, why
    the action's form was refused (400)."""
    frozen = panel_frozen_reason(cycle)
    return render(
        request,
        "awards/staff/assignments.html",
        {
            "cycle": cycle,
            "stage": stage,
            "board": assignment_board(stage=stage),
            "frozen": frozen,
            "can_change": not frozen and stage.status != Stage.Status.CLOSED,
            "next_step": _assignments_next_step(cycle, stage),
            "confirm": confirm,
            "error": error,
            "history": audit_history(target=stage, labels=ACTION_LABELS)[:8],
        },
        status=status,
    )


@permission_required("awards.manage_cycles")
@require_GET
def staff_assignments(request, number: int, stage: str):
    """One stage's assignments: what is short is shown first; each action posts to its own
    view below."""
    cycle, found = _stage(number, stage)
    return _assignments_page(request, cycle, found)


@permission_required("awards.manage_cycles")
@require_POST
def assignments_auto(request, number: int, stage: str):
    """Run the automatic assignment (idempotent: it fills only what is missing)."""
    _cycle, found = _stage(number, stage)
    if AssignAutomaticallyForm(request.POST).is_valid():
        try:
            report = assign_stage(stage=found, by=request.user)
        except AwardsError as error:
            messages.error(request, str(error))
        else:
            _report_messages(request, report)
    return redirect(_url(found))


@permission_required("awards.manage_cycles")
@require_POST
def assignments_add(request, number: int, stage: str):
    """Add a judge to one of the stage's entries by hand."""
    cycle, found = _stage(number, stage)
    form = AssignmentAddForm(request.POST, stage=found)
    if not form.is_valid():
        return _assignments_page(
            request, cycle, found, error=_("Choose a judge to add."), status=400
        )
    entry, judge = form.cleaned_data["entry"], form.cleaned_data["judge"]
    try:
        assignment_add(stage=found, entry=entry, judge=judge, by=request.user)
    except AwardsError as error:
        messages.error(request, str(error))
        return redirect(_url(found))
    messages.success(
        request,
        _("%(name)s now judges “%(entry)s”.")
        % {"name": judge.user, "entry": entry.collaboration.title},
    )
    return redirect(f"{_url(found)}#entry-{entry.pk}")


@permission_required("awards.manage_cycles")
@require_POST
def assignments_remove(request, number: int, stage: str):
    """Remove an unsubmitted assignment; a draft scorecard is asked about first (409), and
    removed once confirmed (confirm=on)."""
    cycle, found = _stage(number, stage)
    form = AssignmentRemoveForm(request.POST, stage=found)
    if not form.is_valid():
        return _assignments_page(
            request, cycle, found, error=_("That assignment is no longer there."), status=400
        )
    assignment = form.cleaned_data["assignment"]
    try:
        assignment_remove(
            assignment=assignment, by=request.user, confirm_draft=form.cleaned_data["confirm"]
        )
    except AwardsError as error:
        if assignment.status == assignment.Status.DRAFT:
            # Ask first: the judge's draft scores would be lost.
            return _assignments_page(request, cycle, found, confirm=assignment, status=409)
        messages.error(request, str(error))
        return redirect(_url(found))
    messages.success(request, _("The assignment is removed."))
    return redirect(f"{_url(found)}#entry-{assignment.entry_id}")


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
