"""Reads about an edition's participants: who holds a place (approved or attended), their
check-ins and counts, the days of the edition in the host's time zone, and who has a
certificate of participation. Every read decides its queries here."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from schools.models import Country
from teachers.models import User

from ..models import Application, CheckIn, Edition

PARTICIPANT_STATUSES = (Application.Status.APPROVED, Application.Status.ATTENDED)


def participants_of(
    *, edition: Edition, country: str = "", region: str = "", search: str = ""
) -> QuerySet[Application]:
    """The edition's participants (approved or attended) by name, with teacher, school and
    country joined and their check-ins prefetched: two queries whatever the number of rows.

    country is an ISO code, region a schools.Region value, search part of a name, e-mail or
    school name; blank means no filter."""
    applications = (
        Application.objects.filter(edition=edition, status__in=PARTICIPANT_STATUSES)
        .select_related("teacher__user", "school__country")
        .prefetch_related(
            Prefetch("checkins", queryset=CheckIn.objects.order_by("day"), to_attr="days")
        )
        .order_by("teacher__user__full_name", "teacher__user__email", "pk")
    )
    if country:
        applications = applications.filter(school__country__code=country)
    if region:
        applications = applications.filter(school__country__region=region)
    search = search.strip()
    if search:
        applications = applications.filter(
            Q(teacher__user__full_name__icontains=search)
            | Q(teacher__user__email__icontains=search)
            | Q(school__name__icontains=search)
        )
    return applications


@dataclass(frozen=True)
class CountryCount:
    code: str
    name: str
    region: str
    flag_url: str
    participants: int


def participant_counts(*, edition: Edition) -> list[CountryCount]:
    """How many participants come from each country (most first), in one query."""
    rows = (
        Application.objects.filter(edition=edition, status__in=PARTICIPANT_STATUSES)
        .values("school__country__code", "school__country__name", "school__country__region")
        .annotate(n=Count("pk"))
        .order_by("-n", "school__country__name")
    )
    return [
        CountryCount(
            code=row["school__country__code"],
            name=row["school__country__name"],
            region=row["school__country__region"],
            flag_url=Country(code=row["school__country__code"]).flag_url,
            participants=row["n"],
        )
        for row in rows
    ]


def checkin_totals(*, edition: Edition, day: datetime.date) -> tuple[int, int]:
    """(participants checked in on the day, participants in all), in one query."""
    totals = Application.objects.filter(edition=edition, status__in=PARTICIPANT_STATUSES).aggregate(
        checked_in=Count("pk", filter=Q(checkins__day=day), distinct=True),
        total=Count("pk", distinct=True),
    )
    return totals["checked_in"], totals["total"]


def edition_days(edition: Edition) -> list[datetime.date]:
    """Every day of the edition, first to last."""
    span = (edition.ends_on - edition.starts_on).days
    return [edition.starts_on + datetime.timedelta(days=n) for n in range(span + 1)]


def host_today(edition: Edition) -> datetime.date:
    """Today's date in the host's time zone."""
    return timezone.localtime(timezone.now(), edition.zone).date()


def day_has_started(edition: Edition, day: datetime.date) -> bool:
    """Whether `day` has begun in the host's time zone (check-in is only for such days)."""
    return day <= host_today(edition)


def default_checkin_day(edition: Edition) -> datetime.date:
    """Today in the host's time zone when the edition runs today, else its first day."""
    today = host_today(edition)
    if edition.starts_on <= today <= edition.ends_on:
        return today
    return edition.starts_on


def days_checked_in(application: Application) -> list[datetime.date]:
    """The days the participant was checked in (prefetched by participants_of as `days`)."""
    checkins = getattr(application, "days", None)
    if checkins is None:
        checkins = application.checkins.order_by("day")
    return [checkin.day for checkin in checkins]


def days_attended(
    application: Application, *, today: datetime.date | None = None
) -> list[datetime.date]:
    """The days checked in that have begun in the host's time zone (`today` there, looked up
    from the application's edition when not given): the days the participant can be said to
    have taken part; a check-in for a day still to come counts for nothing."""
    today = today or host_today(application.edition)
    return [day for day in days_checked_in(application) if day <= today]


def attended_application(*, edition: Edition, user: User) -> Application | None:
    """The user's own attended application to the edition (with what the certificate needs),
    once the first day they were checked in has begun in the host's time zone."""
    return _for_certificate(edition).filter(teacher__user=user).first()


def attended_application_by_pk(*, edition: Edition, pk: int) -> Application | None:
    """Any attended application to the edition (staff download a teacher's certificate),
    on the same terms."""
    return _for_certificate(edition).filter(pk=pk).first()


def certificate_available(application: Application, *, today: datetime.date) -> bool:
    """Whether the participant has a certificate: attended, and the first day they were
    checked in has begun by `today` (the host's date; uses the prefetched `days`)."""
    return application.status == Application.Status.ATTENDED and bool(
        days_attended(application, today=today)
    )


def _for_certificate(edition: Edition) -> QuerySet[Application]:
    return (
        Application.objects.filter(
            Exists(
                CheckIn.objects.filter(application=OuterRef("pk"), day__lte=host_today(edition))
            ),
            edition=edition,
            status=Application.Status.ATTENDED,
        )
        .select_related("edition__country", "teacher__user", "school__country")
        .prefetch_related(
            Prefetch("checkins", queryset=CheckIn.objects.order_by("day"), to_attr="days")
        )
    )
