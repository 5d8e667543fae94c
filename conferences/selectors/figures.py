"""Conference figures the reports compose (the network statistics, the edition report, the
staff area's counts): each one query, an aggregate or a short list, whatever the network's
size. Reads conferences' own models only."""

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)

from ..models import Application, CheckIn, Edition, Session
from .editions import HELD_STATUSES, TO_DECIDE


def held_editions() -> QuerySet[Edition]:
    """The editions held (or archived), oldest first."""
    return Edition.objects.filter(status__in=HELD_STATUSES).order_by("number")


def conference_teacher_count() -> int:
    """Distinct teachers who took part in an edition held (attended; approved or attended at
    an edition where nobody was checked in on ClassNet): one query."""
    attended_there = Application.objects.filter(
        edition=OuterRef("edition"), status=Application.Status.ATTENDED
    )
    return (
        Application.objects.filter(edition__status__in=HELD_STATUSES)
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
        Edition.objects.filter(status__in=HELD_STATUSES, number__lt=edition.number)
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


# --- For the edition report (reports composes these; each is one GROUP BY query) -------------


def participants_of_edition(*, edition: Edition) -> QuerySet[Application]:
    """The edition's participants: applications attended (checked in); when nobody was checked
    in on ClassNet, approved + attended (as with_participant_figures counts them). Lazy: the
    choice is made inside the query that uses it."""
    anyone_attended = Application.objects.filter(
        edition=OuterRef("edition"), status=Application.Status.ATTENDED
    )
    return Application.objects.filter(edition=edition).filter(
        Q(status=Application.Status.ATTENDED)
        | Q(status__in=Application.HOLDS_PLACE) & ~Exists(anyone_attended)
    )


def participants_by_country(*, edition: Edition) -> list[dict]:
    """[{country, region, teachers}] by the participants' schools' countries, most first."""
    return list(
        participants_of_edition(edition=edition)
        .order_by()
        .values(country=F("school__country__name"), region=F("school__country__region"))
        .annotate(teachers=Count("pk"))
        .order_by("-teachers", "country")
    )


def participants_by_region(*, edition: Edition) -> list[dict]:
    """[{region, teachers, countries}], most first."""
    return list(
        participants_of_edition(edition=edition)
        .order_by()
        .values(region=F("school__country__region"))
        .annotate(teachers=Count("pk"), countries=Count("school__country", distinct=True))
        .order_by("-teachers", "region")
    )


def participants_by_school_kind(*, edition: Edition) -> list[dict]:
    """[{kind, teachers}] by the kind of the participants' schools, most first."""
    return list(
        participants_of_edition(edition=edition)
        .order_by()
        .values(kind=F("school__kind"))
        .annotate(teachers=Count("pk"))
        .order_by("-teachers", "kind")
    )


def returning_participants(*, edition: Edition) -> int:
    """How many participants took part in an earlier edition (a lower number, held or
    archived) — an application there approved or attended."""
    earlier = Application.objects.filter(
        teacher=OuterRef("teacher"),
        edition__number__lt=edition.number,
        edition__status__in=HELD_STATUSES,
        status__in=Application.HOLDS_PLACE,
    )
    return participants_of_edition(edition=edition).filter(Exists(earlier)).count()


def workshop_signups_per_session(*, edition: Edition) -> list[dict]:
    """[{title, kind, starts_at, signups}] for the sessions with sign-ups, in programme order."""
    return list(
        Session.objects.filter(edition=edition)
        .order_by()
        .values("pk", "title", "kind", "starts_at")
        .annotate(signups=Count("signups"))
        .filter(signups__gt=0)
        .order_by("starts_at", "pk")
    )


def checkins_per_day(*, edition: Edition) -> list[dict]:
    """[{day, checkins}] for each day someone was checked in, in order."""
    return list(
        CheckIn.objects.filter(application__edition=edition)
        .order_by()
        .values("day")
        .annotate(checkins=Count("pk"))
        .order_by("day")
    )


def editions_held_up_to(*, edition: Edition) -> int:
    """Editions organised up to and including this one: held or archived, number ≤ its."""
    return Edition.objects.filter(status__in=HELD_STATUSES, number__lte=edition.number).count()
