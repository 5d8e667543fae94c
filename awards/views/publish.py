"""Staff pages for the winners and publication, under /staff/awards/<n>/publish/: the proposed
winners per category and level, adjusted by staff, then published (frozen; entrants told once);
after publication, amendments with a reason.

A page (GET only) and one POST view per action: choosing the winners (publish/winners/),
publishing them (publish/confirm/), amending an award (publish/amend/). A form that does not
validate shows the page again with its errors.

Staff only: visitors log in first, everyone else gets a 403.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.permissions import permission_required

from ..errors import AwardsError
from ..forms.results import AmendForm, PublishForm, WinnersForm
from ..models import AwardCycle
from ..selectors.cycles import cycle_by_number
from ..selectors.results import (
    amendments,
    awards_by_entry,
    levels_of,
    proposed_awards,
    ranking_stage,
    stage_table,
    submitted_entries,
)
from ..services.results import award_amend, awards_choose, cycle_publish
from .results import with_badges


def _page_data(cycle: AwardCycle) -> dict:
    """What the page and its three forms read: the ranking, the levels, the awards so far."""
    stage = ranking_stage(cycle=cycle)
    if stage is not None:
        stage.cycle = cycle
    table = stage_table(stage=stage) if stage else None
    levels = levels_of(cycle)
    awards = awards_by_entry(cycle)
    rows = list(table.rows) if table else []
    legend = with_badges(rows, table.result if table else None)
    proposal = proposed_awards(cycle=cycle, table=table)
    return {
        "stage": stage,
        "table": table,
        "levels": levels,
        "awards": awards,
        "rows": rows,
        "legend": legend,
        "proposal": proposal,
        "chosen": {pk: award.level_id for pk, award in awards.items()},
        "all_entries": submitted_entries(cycle),
    }


def _render(request, cycle: AwardCycle, data: dict, **bound):
    """The page, with the forms the action bound (errors shown) and fresh ones for the rest."""
    awards = data["awards"]
    winners_form = bound.get("winners_form") or WinnersForm(
        rows=data["rows"],
        levels=data["levels"],
        initial_levels=data["chosen"] or data["proposal"],
        citations={pk: award.citation for pk, award in awards.items()},
    )
    publish_form = bound.get("publish_form") or PublishForm()
    amend_form = bound.get("amend_form") or AmendForm(
        entries=data["all_entries"], levels=data["levels"]
    )
    winners = sorted(awards.values(), key=lambda a: (a.level.rank, a.entry.category_id, a.entry_id))
    return render(
        request,
        "awards/staff/publish.html",
        {
            "cycle": cycle,
            "stage": data["stage"],
            "table": data["table"],
            "levels": data["levels"],
            "winners_form": winners_form,
            "publish_form": publish_form,
            "amend_form": amend_form,
            "winners": winners,
            "legend": data["legend"],
            "proposal_used": not data["chosen"] and bool(data["proposal"]),
            "amendments": amendments(cycle=cycle) if cycle.is_published else [],
        },
    )


def _back(cycle: AwardCycle):
    return redirect(reverse("awards_staff:publish", args=[cycle.edition.number]))


@permission_required("awards.manage_cycles")
@require_GET
def staff_publish(request, number: int):
    """Choose the winners (proposed from the ranking), publish them once; after publication,
    amend an award with a reason. Each form posts to its own view below."""
    cycle = cycle_by_number(number)
    return _render(request, cycle, _page_data(cycle))


@permission_required("awards.manage_cycles")
@require_POST
def staff_publish_winners(request, number: int):
    """Save the winners chosen per category and level (with their citations)."""
    cycle = cycle_by_number(number)
    data = _page_data(cycle)
    form = WinnersForm(request.POST, rows=data["rows"], levels=data["levels"])
    if form.is_valid():
        levels_by_entry, citations = form.choices()
        try:
            awards_choose(
                cycle=cycle, choices=levels_by_entry, citations=citations, by=request.user
            )
        except AwardsError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("The winners are saved. Check them, then publish the results.")
            )
            return _back(cycle)
    return _render(request, cycle, data, winners_form=form)


@permission_required("awards.manage_cycles")
@require_POST
def staff_publish_confirm(request, number: int):
    """Publish the results, once confirmed: frozen, and every entrant told by e-mail."""
    cycle = cycle_by_number(number)
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            cycle_publish(cycle=cycle, by=request.user)
        except AwardsError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _(
                    "The results are published and every entrant is being told by "
                    "e-mail. The public page shows the winners."
                ),
            )
            return _back(cycle)
    return _render(request, cycle, _page_data(cycle), publish_form=form)


@permission_required("awards.manage_cycles")
@require_POST
def staff_publish_amend(request, number: int):
    """After publication: change or withdraw one award, with a reason shown publicly."""
    cycle = cycle_by_number(number)
    data = _page_data(cycle)
    form = AmendForm(request.POST, entries=data["all_entries"], levels=data["levels"])
    if form.is_valid():
        cleaned = form.cleaned_data
        entry = next(e for e in data["all_entries"] if e.pk == cleaned["entry"])
        level = next((lv for lv in data["levels"] if lv.pk == cleaned["level"]), None)
        try:
            award_amend(
                cycle=cycle,
                entry=entry,
                level=level,
                citation=cleaned["citation"],
                reason=cleaned["reason"],
                by=request.user,
            )
        except AwardsError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("The change is recorded and shown on the public page with its reason."),
            )
            return _back(cycle)
    return _render(request, cycle, data, amend_form=form)
