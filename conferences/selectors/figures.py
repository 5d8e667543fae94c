"""Conference figures the reports compose (the network statistics, the edition report, the
staff area's counts): each one query, an aggregate or a short list, whatever the network's
size. Reads conferences' own models only."""

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)

from ..models import Application, Edition

# The editions held, and the applications waiting for a decision, as the rest of conferences
# counts them (conferences.selectors HELD_STATUSES and TO_DECIDE).
HELD = (Edition.Status.HELD, Edition.Status.ARCHIVED)
TO_DECIDE = (Application.Status.SUBMITTED, Application.Status.UNDER_REVIEW)


def held_editions() -> QuerySet[Edition]:
    """The editions held (or archived), oldest first."""
    return Edition.objects.filter(status__in=HELD).order_by("number")


def conference_teacher_count() -> int:
    """Distinct teachers who took part in an edition held (attended; approved or attended at
    an edition where nobody was checked in on ClassNet): one query."""
    attended_there = Application.objects.filter(
        edition=OuterRef("edition"), status=Application.Status.ATTENDED
    )
    return (
        Application.objects.filter(edition__status__in=HELD)
        .filter(
            Q(status=Application.Status.ATTENDED)
            | Q(status__in=Application.HOLDS_PLACE) & ~Exists(attended_there)
        )
        .aggregate(n=Count("teacher", distinct=True))["n"]
    )


def earlier_edition_records(*, edition: Edition) -> dict:
    """{earlier, recorded, first}: the editions held before this one, how many of them have
    participant records (any application) on ClassNet, and the number of the first that has.
    One aggregate query over the editions (a few dozen rows)."""
    return (
        Edition.objects.filter(status__in=HELD, number__lt=edition.number)
        .annotate(has_records=Exists(Application.objects.filter(edition=OuterRef("pk"))))
        .aggregate(
            earlier=Count("pk"),
            recorded=Count("pk", filter=Q(has_records=True)),
            first=Min("number", filter=Q(has_records=True)),
        )
    )


def editions_for_reports() -> QuerySet[Edition]:
    """Editions a report can be made for (not drafts): held ones first, newest first."""
    return (
        Edition.objects.exclude(status=Edition.Status.DRAFT)
        .annotate(
            held_first=Case(
                When(status=Edition.Status.HELD, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("held_first", "-number")
    )


def edition_for_report(*, number: int) -> Edition | None:
    """The published (not draft) edition of that number, or None."""
    return Edition.objects.exclude(status=Edition.Status.DRAFT).filter(number=number).first()


def applications_to_decide_count() -> int:
    """Applications waiting for staff's decision, over every edition (one COUNT)."""
    return Application.objects.filter(status__in=TO_DECIDE).count()
