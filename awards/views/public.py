"""Public Awards pages: the index of cycles with their winners, a cycle's page (call, criteria,
categories, timeline, and once published the winners and the figures), and an entrant's
feedback (the judges' comments meant for them, anonymised, after publication)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from ..models import AwardCycle, Entry, Stage
from ..selectors.results import amendments, cycle_figures, feedback_for, winners_for_cycles


def _is_staff(user) -> bool:
    return user.is_authenticated and user.has_perm("awards.manage_cycles")


def _can_enter(user) -> bool:
    return user.is_authenticated and hasattr(user, "teacher_profile")


@require_GET
def index(request):
    """Published cycles (newest first) with their winners by category and level; the cycle
    open for entries with its call; past cycles. A fixed number of queries."""
    cycles = list(
        AwardCycle.objects.exclude(status=AwardCycle.Status.DRAFT)
        .select_related("edition__country")
        .order_by("-edition__number")
    )
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
            "can_enter": _can_enter(request.user),
        },
    )


@require_GET
def cycle(request, number: int):
    """A cycle's page. Results appear only once published, even for staff (who get a note)."""
    is_staff = _is_staff(request.user)
    cycle = get_object_or_404(
        AwardCycle.objects.select_related("edition__country"), edition__number=number
    )
    if cycle.status == AwardCycle.Status.DRAFT and not is_staff:
        raise Http404
    context = {
        "cycle": cycle,
        "categories": list(cycle.categories.all()),
        "criteria": list(cycle.criteria.all()),
        "levels": list(cycle.levels.all()),
        "stages": list(Stage.objects.filter(cycle=cycle).order_by("position", "pk")),
        "is_staff": is_staff,
        "can_enter": _can_enter(request.user),
    }
    if cycle.is_published:
        context["winners"] = winners_for_cycles(cycle_ids=[cycle.pk]).get(cycle.pk, [])
        context["figures"] = cycle_figures(cycle=cycle)
        context["amendments"] = amendments(cycle=cycle)
    return render(request, "awards/cycle.html", context)


@login_required
@require_GET
def entry_feedback(request, pk: int):
    """The judges' comments to the entrant: only for the entry's submitter (and staff), only
    after publication; everyone else, and everything before, is a 404."""
    entry = get_object_or_404(
        Entry.objects.select_related(
            "cycle__edition", "collaboration", "category", "submitted_by", "award__level"
        ),
        pk=pk,
    )
    is_own = entry.submitted_by.user_id == request.user.pk
    if not (is_own or _is_staff(request.user)) or not entry.cycle.is_published:
        raise Http404
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
