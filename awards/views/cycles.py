"""Staff pages for setting up award cycles (under /staff/awards/): the list of cycles, a new
cycle for an edition, one cycle's hub (status and its next step, key numbers, links to each
part, history) and its set-up form. The hub is GET only; each step is a POST view of its own
(open, back to draft, close entries, open or close a stage). Staff only: visitors log in
first, everyone else gets a 403."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from conferences.models import Edition
from core.audit.selectors import audit_history
from core.permissions import permission_required

from ..errors import CycleError
from ..forms.cycles import (
    CloseEntriesForm,
    CycleForm,
    CycleStepForm,
    EditionChoiceForm,
    add_service_error,
    category_formset,
    criterion_formset,
    level_formset,
    stage_forms,
    stage_rows,
)
from ..models import AwardCycle, Entry, Stage, TieBreak
from ..rubrics import FROZEN_MESSAGE, PUBLISHED_MESSAGE, default_setup
from ..selectors.cycles import (
    cycle_with_country,
    cycles_for_staff,
    editions_without_cycle,
    entries_by_status,
    judges_by_status,
    open_requirements,
    scores_exist,
    stage_by_pk,
    stages_with_progress,
)
from ..services.cycles import cycle_create as create_cycle
from ..services.cycles import cycle_set_status, cycle_update
from ..services.cycles import stage_close as close_stage
from ..services.cycles import stage_open as open_stage

Status = AwardCycle.Status

ACTION_LABELS = {
    "awardcycle.created": gettext_lazy("Set up the cycle"),
    "awardcycle.edited": gettext_lazy("Edited the set-up"),
    "awardcycle.open": gettext_lazy("Opened for entries"),
    "awardcycle.draft": gettext_lazy("Back to draft"),
    "awardcycle.judging": gettext_lazy("Closed entries and started judging"),
    "awardcycle.stage_opened": gettext_lazy("Opened a judging stage"),
    "awardcycle.stage_closed": gettext_lazy("Closed a judging stage"),
    "awardcycle.published": gettext_lazy("Published the results"),
}

HINTS = {
    Status.DRAFT: gettext_lazy(
        "Only staff see a draft. Check the categories, levels and rubric, then open the cycle: "
        "lead teachers can enter their collaborations within the entries window."
    ),
    Status.OPEN: gettext_lazy(
        "Lead teachers can enter. Invite the judges meanwhile; when the deadline has passed, "
        "close entries: judging starts with every submitted entry."
    ),
    Status.JUDGING: gettext_lazy(
        "Entries are closed. Assign judges to each stage, follow their progress, then close "
        "the stage and look at its results."
    ),
    Status.PUBLISHED: gettext_lazy(
        "The winners are public. The set-up and the results are frozen."
    ),
}


@permission_required("awards.manage_cycles")
def cycles(request):
    """Every cycle, newest edition first, with its counts and stages."""
    return render(
        request,
        "awards/staff/cycles.html",
        {"cycles": cycles_for_staff(), "can_create": editions_without_cycle().exists()},
    )


def _setup_forms(request, *, edition: Edition, cycle: AwardCycle | None, frozen: bool):
    post = request.method == "POST"
    data = request.POST if post else None
    defaults = default_setup() if cycle is None else {}
    form = CycleForm(
        data, edition=edition, cycle=cycle, tie_break=defaults.get("tie_break"), frozen=frozen
    )
    parts = {
        "categories": category_formset(data, cycle=cycle, defaults=defaults.get("categories")),
        "levels": level_formset(data, cycle=cycle, defaults=defaults.get("levels")),
        "criteria": None
        if frozen
        else criterion_formset(data, cycle=cycle, defaults=defaults.get("criteria")),
        "stages": stage_forms(data, edition=edition, cycle=cycle, defaults=defaults.get("stages")),
    }
    return form, parts


def _valid(form, parts) -> bool:
    checks = [form.is_valid(), parts["categories"].is_valid(), parts["levels"].is_valid()]
    if parts["criteria"] is not None:
        checks.append(parts["criteria"].is_valid())
    checks.extend(stage.is_valid() for stage in parts["stages"])
    return all(checks)


def _service_kwargs(form, parts) -> dict:
    return {
        "fields": form.cycle_fields(),
        "tie_break": form.cleaned_data["tie_break"],
        "categories": parts["categories"].rows(),
        "levels": parts["levels"].rows(),
        "criteria": parts["criteria"].rows() if parts["criteria"] is not None else None,
        "stages": stage_rows(parts["stages"]),
    }


def _render_form(request, *, edition, cycle, form, parts, frozen):
    return render(
        request,
        "awards/staff/cycle_form.html",
        {
            "edition": edition,
            "cycle": cycle,
            "form": form,
            "frozen": frozen,
            "frozen_message": FROZEN_MESSAGE,
            "frozen_criteria": list(cycle.criteria.all()) if frozen else [],
            "has_errors": form.errors
            or any(
                part.total_error_count()
                for part in (parts["categories"], parts["levels"], parts["criteria"])
                if part is not None
            )
            or any(stage.errors for stage in parts["stages"]),
            **parts,
        },
    )


@permission_required("awards.manage_cycles")
@require_http_methods(["GET", "POST"])
def cycle_create(request):
    """A new cycle for an edition without one, prefilled with the ClassNet defaults."""
    chooser = EditionChoiceForm(request.POST or request.GET or None)
    if not chooser.is_valid():
        return render(
            request,
            "awards/staff/cycle_form.html",
            {
                "chooser": chooser if chooser.is_bound else EditionChoiceForm(),
                "editions": list(editions_without_cycle().select_related("country")),
            },
        )
    edition = chooser.cleaned_data["edition"]
    form, parts = _setup_forms(request, edition=edition, cycle=None, frozen=False)
    if request.method == "POST" and _valid(form, parts):
        try:
            create_cycle(edition=edition, by=request.user, **_service_kwargs(form, parts))
        except CycleError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "The awards of the %(edition)s are saved as a draft. Open them for entries "
                    "when the call goes out."
                )
                % {"edition": edition},
            )
            return redirect("awards_staff:cycle", edition.number)
    return _render_form(request, edition=edition, cycle=None, form=form, parts=parts, frozen=False)


@permission_required("awards.manage_cycles")
@require_http_methods(["GET", "POST"])
def cycle_edit(request, number: int):
    """The cycle's set-up; the rubric and tie-break are frozen once scores exist."""
    cycle = cycle_with_country(number)
    if cycle.status == Status.PUBLISHED:
        messages.error(request, str(PUBLISHED_MESSAGE))
        return redirect("awards_staff:cycle", number)
    frozen = scores_exist(cycle)
    form, parts = _setup_forms(request, edition=cycle.edition, cycle=cycle, frozen=frozen)
    if request.method == "POST" and _valid(form, parts):
        try:
            cycle_update(cycle=cycle, by=request.user, **_service_kwargs(form, parts))
        except CycleError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The set-up is saved."))
            return redirect("awards_staff:cycle", number)
    return _render_form(
        request, edition=cycle.edition, cycle=cycle, form=form, parts=parts, frozen=frozen
    )


def _next_step(cycle: AwardCycle, stages: list[Stage]) -> dict | None:
    """The main button of the hub: a POSTed action, or a link."""
    if cycle.status == Status.DRAFT:
        return {"action": "open", "label": _("Open for entries")}
    if cycle.status == Status.OPEN:
        return {"action": "judging", "label": _("Close entries and start judging")}
    if cycle.status == Status.JUDGING:
        for stage in stages:
            name = stage.get_kind_display().lower()
            if stage.status == Stage.Status.OPEN:
                return {
                    "action": "stage_close",
                    "stage": stage.kind,
                    "label": _("Close the %(stage)s stage") % {"stage": name},
                }
            if stage.status == Stage.Status.PENDING:
                return {
                    "action": "stage_open",
                    "stage": stage.kind,
                    "label": _("Open the %(stage)s stage") % {"stage": name},
                }
        return {"url": "awards_staff:publish", "label": _("Review the results and publish")}
    return {"public": True, "label": _("See the winners page")}


SUCCESS = {
    "open": gettext_lazy("The cycle is open: lead teachers can enter their collaborations."),
    "draft": gettext_lazy("The cycle is back to draft: only staff see it."),
    "judging": gettext_lazy(
        "Entries are closed and the first stage is open with every submitted entry. "
        "Assign the judges next."
    ),
    "stage_open": gettext_lazy("The stage is open. Assign the judges next."),
    "stage_close": gettext_lazy("The stage is closed: its results are ready."),
}


def _step_url(cycle: AwardCycle, stages: list[Stage], step: dict | None) -> str | None:
    """Where the button of a POSTed step posts: the cycle's or the stage's own action URL."""
    if not step or "action" not in step:
        return None
    number = cycle.edition.number
    if "stage" not in step:
        return reverse(f"awards_staff:cycle_{step['action']}", args=[number])
    stage = next(stage for stage in stages if stage.kind == step["stage"])
    return reverse(f"awards_staff:{step['action']}", args=[number, stage.pk])


def _close_entries_confirmation(cycle: AwardCycle, by_status) -> dict:
    """What closing the entries now means: the deadline entrants were told, and the drafts
    that will never be judged."""
    deadline = cycle.entries_close_at
    return {
        "deadline": deadline,
        "before_deadline": bool(deadline and deadline > timezone.now()),
        "drafts": {value: count for value, _label, count in by_status}[Entry.Status.DRAFT],
        "submitted": {value: count for value, _label, count in by_status}[Entry.Status.SUBMITTED],
    }


def _hub_page(request, cycle: AwardCycle, *, close_form: CloseEntriesForm | None = None):
    """The hub; with `close_form` bound and unconfirmed, the question closing entries asks."""
    stages = stages_with_progress(cycle)
    judges = judges_by_status(cycle)
    by_status = entries_by_status(cycle)
    next_step = _next_step(cycle, stages)
    return render(
        request,
        "awards/staff/cycle.html",
        {
            "cycle": cycle,
            "edition": cycle.edition,
            "stages": stages,
            "next_step": next_step,
            "next_step_url": _step_url(cycle, stages, next_step),
            "missing": open_requirements(cycle) if cycle.status == Status.DRAFT else [],
            "can_go_back": cycle.status == Status.OPEN
            and not any(count for _value, _label, count in by_status),
            "hint": HINTS[cycle.status],
            "by_status": by_status,
            "submitted": {value: count for value, _label, count in by_status}["submitted"],
            "judges": judges,
            "category_count": cycle.categories.count(),
            "criteria": list(cycle.criteria.all()),
            "levels": list(cycle.levels.all()),
            "tie_break_labels": [
                TieBreak(value).label for value in cycle.tie_break if value in TieBreak.values
            ],
            "history": audit_history(target=cycle, labels=ACTION_LABELS),
            "confirm_close": None
            if close_form is None
            else _close_entries_confirmation(cycle, by_status),
        },
    )


@permission_required("awards.manage_cycles")
@require_GET
def cycle_hub(request, number: int):
    """One cycle's hub: its status and the next step, key numbers, its parts and history.
    Each step posts to a view of its own below."""
    return _hub_page(request, cycle_with_country(number))


def _set_status(request, number: int, to: str):
    cycle = cycle_with_country(number)
    if CycleStepForm(request.POST).is_valid():
        try:
            cycle_set_status(cycle=cycle, by=request.user, to=to)
        except CycleError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, str(SUCCESS[to]))
    return redirect("awards_staff:cycle", number)


@permission_required("awards.manage_cycles")
@require_POST
def cycle_open(request, number: int):
    """Open a draft cycle for entries (refused, with what is missing, while it is not ready)."""
    return _set_status(request, number, "open")


@permission_required("awards.manage_cycles")
@require_POST
def cycle_draft(request, number: int):
    """Take an open cycle back to draft, while nobody has entered."""
    return _set_status(request, number, "draft")


@permission_required("awards.manage_cycles")
@require_POST
def cycle_judging(request, number: int):
    """Close the entries and start judging. Asked first (confirm=on): the hub re-renders with
    the deadline entrants were told and the drafts it locks out."""
    cycle = cycle_with_country(number)
    form = CloseEntriesForm(request.POST)
    if cycle.status == Status.OPEN and not form.is_valid():
        return _hub_page(request, cycle, close_form=form)
    try:
        cycle_set_status(cycle=cycle, by=request.user, to="judging")
    except CycleError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, str(SUCCESS["judging"]))
    return redirect("awards_staff:cycle", number)


@permission_required("awards.manage_cycles")
@require_POST
def stage_open(request, number: int, stage: int):
    """Open a judging stage of the cycle."""
    cycle = cycle_with_country(number)
    found = stage_by_pk(cycle=cycle, pk=stage)
    if CycleStepForm(request.POST).is_valid():
        try:
            open_stage(stage=found, by=request.user)
        except CycleError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, str(SUCCESS["stage_open"]))
    return redirect("awards_staff:cycle", number)


@permission_required("awards.manage_cycles")
@require_POST
def stage_close(request, number: int, stage: int):
    """Close a judging stage of the cycle: its results are ready; unsubmitted scorecards do
    not count (refused while none is submitted)."""
    cycle = cycle_with_country(number)
    found = stage_by_pk(cycle=cycle, pk=stage)
    if CycleStepForm(request.POST).is_valid():
        try:
            _stage, unfinished = close_stage(stage=found, by=request.user)
        except CycleError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, str(SUCCESS["stage_close"]))
            if unfinished:
                messages.warning(
                    request,
                    _("%(n)s scorecards were not submitted and do not count.") % {"n": unfinished},
                )
    return redirect("awards_staff:cycle", number)
