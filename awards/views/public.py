"""Public Awards pages: the index of cycles with their winners, a cycle's page (call, criteria,
categories, timeline, and once published the winners and the figures), and an entrant's
feedback (the judges' comments meant for them, anonymised, after publication)."""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from core.permissions import permission_required, public

from ..models import AwardCycle
from ..selectors.cycles import cycle_for_page, cycles_for_index, stages_in_order
from ..selectors.entries import entry_for_feedback
from ..selectors.results import amendments, cycle_figures, feedback_for, winners_for_cycles


def _feedback_entry(request, pk: int):
    return get_object_or_404(entry_for_feedback(), pk=pk)


@public
@require_GET
def index(request):
    """Published cycles (newest first) with their winners by category and level; the cycle
    open for entries with its call; past cycles. A fixed number of queries."""
    cycles = cycles_for_index()
    published = [c for c in cycles if c.is_published]
    winners = winners_for_cycles(cycle_ids=[c.pk for c in published])
    for c in published:
        c.winners = winners.get(c.pk, [])
    now = timezone.now()
    open_cycles = [c for c in cycles if c.status == AwardCycle.Status.OPEN]
    for c in open_cycles:
        c.opens_later = bool(c.entries_open_at and now < c.entries_open_at)
    return render(
        request,
        "awards/index.html",
        {
            "open_cycles": open_cycles,
            "judging_cycles": [c for c in cycles if c.status == AwardCycle.Status.JUDGING],
            "latest": published[:1],
            "past": published[1:],
        },
    )


@public
@require_GET
def cycle(request, number: int):
    """A cycle's page. Results appear only once published, even for staff (who get a note)."""
    cycle = cycle_for_page(number=number, user=request.user)
    context = {
        "cycle": cycle,
        "categories": list(cycle.categories.all()),
        "criteria": list(cycle.criteria.all()),
        "levels": list(cycle.levels.all()),
        "stages": stages_in_order(cycle),
    }
    if cycle.is_published:
        context["winners"] = winners_for_cycles(cycle_ids=[cycle.pk]).get(cycle.pk, [])
        context["figures"] = cycle_figures(cycle=cycle)
        context["amendments"] = amendments(cycle=cycle)
    return render(request, "awards/cycle.html", context)


@permission_required("awards.view_feedback", obj=_feedback_entry, denied=404)
@require_GET
def entry_feedback(request, pk: int):
    """The judges' comments to the entrant: only for the entry's submitter (and staff), only
    after publication; everyone else, and everything before, is a 404."""
    entry = request.permission_object
    return render(
        request,
        "awards/entry_feedback.html",
        {
            "entry": entry,
            "cycle": entry.cycle,
            "award": getattr(entry, "award", None),
            "comments": feedback_for(entry=entry),
        },
    )
