"""Participants of an edition: who holds a place (approved or attended), the check-in at the
door on each day, and what the export and the certificate of participation say about them.

Reads (participants_of, participant_counts) decide their queries here; writes (checkin_mark,
checkin_undo) are keyword-only atomic services raising ConferenceError with a message for staff.
"""

import datetime
import io
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.audit.services import audit_record
from core.exports import csv_lines, write_xlsx
from schools.models import Country
from teachers.models import User

from .errors import ConferenceError
from .models import Application, CheckIn, Edition

PARTICIPANT_STATUSES = (Application.Status.APPROVED, Application.Status.ATTENDED)


# --- reads ------------------------------------------------------------------------------------


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


# --- writes -----------------------------------------------------------------------------------


def _locked_participant(application: Application) -> Application:
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("edition")
        .filter(pk=application.pk)
        .first()
    )
    if application is None or application.status not in PARTICIPANT_STATUSES:
        raise ConferenceError(_("Only approved participants can be checked in."))
    return application


def _within_edition(edition: Edition, day: datetime.date) -> None:
    if not (edition.starts_on <= day <= edition.ends_on):
        raise ConferenceError(
            _("%(day)s is not a day of the conference (%(start)s to %(end)s).")
            % {
                "day": date_format(day, "DATE_FORMAT"),
                "start": date_format(edition.starts_on, "DATE_FORMAT"),
                "end": date_format(edition.ends_on, "DATE_FORMAT"),
            }
        )


def _day_started(edition: Edition, day: datetime.date) -> None:
    if not day_has_started(edition, day):
        raise ConferenceError(
            _(
                "Check-in for %(day)s opens when that day starts in %(city)s "
                "(%(zone)s): nobody can be checked in for a day still to come."
            )
            % {
                "day": date_format(day, "DATE_FORMAT"),
                "city": edition.city,
                "zone": edition.zone.key,
            }
        )


@transaction.atomic
def checkin_mark(*, application: Application, day: datetime.date, by: User) -> CheckIn:
    """The participant is at the conference on `day`, a day of the edition that has begun in
    the host's time zone: their first check-in makes the application attended. Marking a day
    twice changes nothing and is not an error."""
    application = _locked_participant(application)
    _within_edition(application.edition, day)
    _day_started(application.edition, day)
    existing = application.checkins.filter(day=day).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():  # two phones at the door at the same moment
            checkin = CheckIn.objects.create(application=application, day=day, checked_in_by=by)
    except IntegrityError:
        return application.checkins.get(day=day)
    if application.status != Application.Status.ATTENDED:
        application.status = Application.Status.ATTENDED
        application.save(update_fields=["status"])
    audit_record(actor=by, action="application.checked_in", target=application, note=f"{day}")
    return checkin


@transaction.atomic
def checkin_undo(*, application: Application, day: datetime.date, by: User) -> Application:
    """Take back a check-in made by mistake; with none left the participant is approved
    again (not attended). Undoing a day that was not checked in changes nothing."""
    application = _locked_participant(application)
    deleted, _rows = application.checkins.filter(day=day).delete()
    if not deleted:
        return application
    if not application.checkins.exists() and application.status == Application.Status.ATTENDED:
        application.status = Application.Status.APPROVED
        application.save(update_fields=["status"])
    audit_record(actor=by, action="application.check_in_undone", target=application, note=f"{day}")
    return application


# --- the certificate --------------------------------------------------------------------------


def certificate_number(application: Application) -> str:
    """The number printed on the certificate, for verification: CN<edition>-<application>."""
    return f"CN{application.edition.number}-{application.pk:06d}"


def date_range(start: datetime.date, end: datetime.date) -> str:
    """'25-29 November 2019', '30 November - 2 December 2019', '30 December 2019 - 2 January
    2020', with an en dash (English: the certificate is in English)."""
    if start == end:
        return f"{start.day} {start:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B} – {end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y} – {end.day} {end:%B %Y}"


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


# --- the export -------------------------------------------------------------------------------

EXPORT_COLUMNS = (
    ("Name", 28),
    ("E-mail", 32),
    ("School", 36),
    ("School kind", 14),
    ("City", 16),
    ("Country", 16),
    ("Region", 10),
    ("Dietary needs", 28),
    ("Access needs", 28),
    ("Consent to participant list", 12),
    ("Status", 12),
    ("Days checked in", 24),
)


def export_rows(applications) -> list[list[str]]:
    """One row of text per participant, in EXPORT_COLUMNS' order (the writers neutralise
    formulas)."""
    rows = []
    for application in applications:
        user = application.teacher.user
        school = application.school
        country = school.country
        rows.append(
            [
                str(value)
                for value in (
                    user.full_name,
                    user.email,
                    school.name,
                    school.get_kind_display(),
                    school.city,
                    country.name,
                    country.get_region_display(),
                    application.needs_dietary,
                    application.needs_access,
                    _("Yes") if application.consent_to_list else _("No"),
                    application.get_status_display(),
                    "; ".join(day.isoformat() for day in days_checked_in(application)),
                )
            ]
        )
    return rows


def export_csv(applications) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel reads the accents right."""
    columns = [title for title, _width in EXPORT_COLUMNS]
    return "".join(csv_lines(columns, export_rows(applications))).encode()


def export_xlsx(applications) -> bytes:
    """One sheet: a bold, frozen header row and columns wide enough to read."""
    buffer = io.BytesIO()
    write_xlsx(
        buffer,
        "Participants",
        [title for title, _width in EXPORT_COLUMNS],
        export_rows(applications),
        widths=[width for _title, width in EXPORT_COLUMNS],
        sheet_title="Participants",
    )
    return buffer.getvalue()
