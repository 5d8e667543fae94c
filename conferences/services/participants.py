"""Check-in at the door on each day of an edition: keyword-only atomic services raising
ConferenceError with a message for staff. The reads (participants_of, the days of the edition)
are in selectors/participants.py."""

import datetime

from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.audit.services import audit_record
from teachers.models import User

from ..errors import ConferenceError
from ..models import Application, CheckIn, Edition
from ..selectors.participants import PARTICIPANT_STATUSES, day_has_started


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
