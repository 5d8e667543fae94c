"""Reads of an award cycle's set-up: the staff list and hub, what is missing before it opens,
whether judging has started (the rubric is then frozen).
"""

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from conferences.models import Edition

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
