"""Reads of award cycles: one by its edition's number (for a page), the public index, the
staff list and hub, what is missing before it opens, whether judging has started (the rubric
is then frozen).
"""

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from conferences.models import Edition
from core.roles import is_asef_staff

from ..models import (
    Assignment,
    AwardCycle,
    CycleJudge,
    Entry,
    Score,
    Stage,
)


def scores_exist(cycle: AwardCycle) -> bool:
    """Judging has started: the rubric and the tie-break are frozen."""
    return Score.objects.filter(assignment__stage__cycle=cycle).exists()


def open_requirements(cycle: AwardCycle) -> list[str]:
    """What is missing before the cycle can open for entries (empty: nothing)."""
    missing = []
    if not cycle.categories.exists():
        missing.append(_("Add at least one category."))
    if not cycle.levels.exists():
        missing.append(_("Add at least one award level (e.g. Gold)."))
    if not cycle.criteria.exists():
        missing.append(_("Add at least one rubric criterion."))
    if not cycle.stages.exists():
        missing.append(_("Choose at least one judging stage (shortlist or final)."))
    if cycle.entries_close_at and cycle.entries_close_at <= timezone.now():
        missing.append(_("The entries window has already closed: move the deadline."))
    return missing


def _count(queryset: QuerySet):
    """A subquery counting `queryset`'s rows of the outer cycle (0 when none): no join
    between entries and judges multiplies the rows."""
    counts = (
        queryset.filter(cycle=OuterRef("pk"))
        .order_by()
        .values("cycle")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def cycles_for_staff() -> QuerySet[AwardCycle]:
    """Every cycle, newest edition first, with its counts and stages, in two queries."""
    return (
        AwardCycle.objects.select_related("edition", "edition__country")
        .annotate(
            entry_count=_count(Entry.objects.filter(status=Entry.Status.SUBMITTED)),
            draft_entry_count=_count(Entry.objects.filter(status=Entry.Status.DRAFT)),
            judge_count=_count(CycleJudge.objects.filter(status=CycleJudge.Status.ACTIVE)),
        )
        .prefetch_related("stages")
        .order_by("-edition__number")
    )


def editions_without_cycle() -> QuerySet[Edition]:
    return Edition.objects.filter(award_cycle__isnull=True).order_by("-number")


def entries_by_status(cycle: AwardCycle) -> list[tuple[str, str, int]]:
    counts = dict(
        cycle.entries.order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return [(value, label, counts.get(value, 0)) for value, label in Entry.Status.choices]


def judges_by_status(cycle: AwardCycle) -> dict[str, int]:
    counts = dict(
        cycle.judges.order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return {value: counts.get(value, 0) for value in CycleJudge.Status.values}


def stages_with_progress(cycle: AwardCycle) -> list[Stage]:
    """The cycle's stages, each with entry_count, assignment_count and submitted_count."""
    return list(
        cycle.stages.annotate(
            entry_count=Count("entries", distinct=True),
            assignment_count=Count("assignments", distinct=True),
            submitted_count=Count(
                "assignments",
                filter=Q(assignments__status=Assignment.Status.SUBMITTED),
                distinct=True,
            ),
        ).order_by("position")
    )


def cycle_by_number(number: int) -> AwardCycle:
    """The cycle of edition `number`, with its edition (a 404 when there is none)."""
    return get_object_or_404(AwardCycle.objects.select_related("edition"), edition__number=number)


def cycle_for_page(*, number: int, user) -> AwardCycle:
    """The public page's cycle: a draft is known to staff only (a 404 for everyone else)."""
    cycle = get_object_or_404(
        AwardCycle.objects.select_related("edition__country"), edition__number=number
    )
    if cycle.status == AwardCycle.Status.DRAFT and not is_asef_staff(user):
        raise Http404
    return cycle


def cycles_for_index() -> list[AwardCycle]:
    """Every cycle past its draft, newest edition first, with its edition and country."""
    return list(
        AwardCycle.objects.exclude(status=AwardCycle.Status.DRAFT)
        .select_related("edition__country")
        .order_by("-edition__number")
    )


def stages_in_order(cycle: AwardCycle) -> list[Stage]:
    return list(Stage.objects.filter(cycle=cycle).order_by("position", "pk"))


def stage_of_cycle(*, cycle: AwardCycle, kind: str) -> Stage:
    """The cycle's stage of `kind` ("shortlist" or "final"), with its cycle; a 404 if none."""
    return get_object_or_404(Stage.objects.select_related("cycle"), cycle=cycle, kind=kind)


def cycle_with_country(number: int) -> AwardCycle:
    """The cycle of edition `number` with its edition's country (the hub, the set-up)."""
    cycle = (
        AwardCycle.objects.select_related("edition", "edition__country")
        .filter(edition__number=number)
        .first()
    )
    if cycle is None:
        raise Http404
    return cycle


def cycle_copy(pk: int) -> AwardCycle:
    """A fresh copy of the cycle's row (the set-up form checks the model on it)."""
    return AwardCycle.objects.get(pk=pk)


def stage_by_pk(*, cycle: AwardCycle, pk: int) -> Stage:
    """The cycle's stage number `pk`, with its cycle; a 404 for a stage of another cycle."""
    return get_object_or_404(Stage.objects.select_related("cycle"), cycle=cycle, pk=pk)
