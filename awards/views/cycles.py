"""Staff pages for setting up award cycles (under /staff/awards/): the list of cycles, a new
cycle for an edition, one cycle's hub (status and its next step, key numbers, links to each
part, history) and its set-up form. Staff only: visitors log in first, everyone else gets a
403."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from conferences.models import Edition
from core.audit.selectors import audit_history
from core.permissions import permission_required

from ..errors import CycleError
from ..forms.cycles import (
    CycleForm,
    EditionChoiceForm,
    HubActionForm,
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
    stages_with_progress,
)
from ..services.cycles import cycle_create as create_cycle
from ..services.cycles import cycle_set_status, cycle_update, stage_close, stage_open

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


def _act(request, cycle: AwardCycle) -> None:
    form = HubActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That step is not possible here."))
        return
    action = form.cleaned_data["action"]
    try:
        if action in ("open", "draft", "judging"):
            cycle_set_status(cycle=cycle, by=request.user, to=action)
            messages.success(request, str(SUCCESS[action]))
            return
        stage = cycle.stages.filter(kind=form.cleaned_data["stage"]).first()
        if stage is None:
            messages.error(request, _("This cycle has no such stage."))
            return
        if action == "stage_open":
            stage_open(stage=stage, by=request.user)
            messages.success(request, str(SUCCESS[action]))
        else:
            _stage, unfinished = stage_close(stage=stage, by=request.user)
            messages.success(request, str(SUCCESS[action]))
            if unfinished:
                messages.warning(
                    request,
                    _("%(n)s scorecards were not submitted and do not count.") % {"n": unfinished},
                )
    except CycleError as error:
        messages.error(request, str(error))


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


@permission_required("awards.manage_cycles")
@require_http_methods(["GET", "POST"])
def cycle_hub(request, number: int):
    """One cycle's hub: its status and the next step, key numbers, its parts and history.
    POST takes a step (action= open, draft, judging, stage_open, stage_close; stage=).
    Closing the entries ("judging") is asked first, naming the deadline and the drafts it
    locks out; it is done when POSTed again with confirm=on."""
    cycle = cycle_with_country(number)
    confirm_close = None
    if request.method == "POST":
        asks_to_close = request.POST.get("action") == "judging" and cycle.status == Status.OPEN
        if not (asks_to_close and request.POST.get("confirm") != "on"):
            _act(request, cycle)
            return redirect("awards_staff:cycle", number)
        confirm_close = _close_entries_confirmation(cycle, entries_by_status(cycle))
    stages = stages_with_progress(cycle)
    judges = judges_by_status(cycle)
    by_status = entries_by_status(cycle)
    return render(
        request,
        "awards/staff/cycle.html",
        {
            "cycle": cycle,
            "edition": cycle.edition,
            "stages": stages,
            "next_step": _next_step(cycle, stages),
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
            "confirm_close": confirm_close,
        },
    )
