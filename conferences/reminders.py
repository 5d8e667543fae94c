"""The reminder before the conference: dates, venue and a calendar file, once per participant.

Celery beat runs send_due_reminders() (conferences.send_reminders) every day. A participant is
due when their edition starts within its reminder_days, counted in the host's time zone, and has
not started yet. Each reminder is claimed first with a conditional UPDATE of reminder_sent_at
(only the run that changes the row sends), in the same transaction that records the e-mail in
the outbox: two runs at once, or a run repeated, send it once.
"""

import datetime

import icalendar
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from core.mail import absolute_url

from .calendars import edition_location, sessions_calendar
from .emails import send_application_email
from .models import Application, Edition, Session, WorkshopSignup

REMINDED_STATUSES = (
    Edition.Status.PUBLISHED,
    Edition.Status.APPLICATIONS_OPEN,
    Edition.Status.CLOSED,
)


def _host_today(edition: Edition, now: datetime.datetime) -> datetime.date:
    return now.astimezone(edition.zone).date()


def editions_due(*, now: datetime.datetime | None = None) -> list[Edition]:
    """Editions whose participants should have their reminder today (host's date)."""
    now = now or timezone.now()
    # Narrow down in the database (a day of slack either side for the time zones), then decide
    # with each host's own date.
    earliest = now.date() - datetime.timedelta(days=1)
    candidates = Edition.objects.filter(
        status__in=REMINDED_STATUSES, starts_on__gte=earliest
    ).select_related("country")
    due = []
    for edition in candidates:
        today = _host_today(edition, now)
        if today < edition.starts_on <= today + datetime.timedelta(days=edition.reminder_days):
            due.append(edition)
    return due


def reminder_calendar(
    *, edition: Edition, sessions: list[Session], now: datetime.datetime | None = None
) -> bytes:
    """An iCalendar file: the edition as one all-day event over its days, then the sessions
    (times in UTC, the same UIDs as the public programme's file)."""
    stamp = (now or timezone.now()).astimezone(datetime.UTC)
    calendar = sessions_calendar(
        edition=edition,
        sessions=sessions,
        now=stamp,
        prodid="-//ClassNet//Conference reminder//EN",
    )
    url = absolute_url(edition.get_absolute_url())
    event = icalendar.Event()
    event.add("uid", f"edition-{edition.number}@classnet")
    event.add("dtstamp", stamp)
    event.add("dtstart", edition.starts_on)  # a date: an all-day event
    event.add("dtend", edition.ends_on + datetime.timedelta(days=1))  # exclusive end
    event.add("summary", str(edition))
    event.add("location", edition_location(edition))
    event.add("url", url)
    event.add("description", f"{edition.title}\n\n{url}")
    event.add("transp", "TRANSPARENT")
    # The whole edition first, then its sessions.
    calendar.subcomponents.insert(0, event)
    return calendar.to_ical()


def _participants(edition: Edition):
    return (
        Application.objects.filter(
            edition=edition, status=Application.Status.APPROVED, reminder_sent_at__isnull=True
        )
        .select_related("teacher__user")
        .prefetch_related(
            Prefetch(
                "workshop_signups",
                queryset=WorkshopSignup.objects.select_related("session"),
            )
        )
        .order_by("pk")
    )


def _claim(application: Application) -> bool:
    """Mark the reminder sent; True only for the one caller whose UPDATE changed the row."""
    return bool(
        Application.objects.filter(
            pk=application.pk,
            status=Application.Status.APPROVED,
            reminder_sent_at__isnull=True,
        ).update(reminder_sent_at=timezone.now())
    )


def send_due_reminders(*, now: datetime.datetime | None = None) -> int:
    """Queue the reminder for every participant of an edition starting within its
    reminder_days who has not had it; returns how many were queued. Safe to run twice."""
    now = now or timezone.now()
    sent = 0
    for edition in editions_due(now=now):
        for_everyone = list(
            Session.objects.filter(edition=edition, capacity__isnull=True).order_by(
                "starts_at", "pk"
            )
        )
        for application in _participants(edition):
            application.edition = edition
            own = [signup.session for signup in application.workshop_signups.all()]
            sessions = sorted(
                {session.pk: session for session in [*for_everyone, *own]}.values(),
                key=lambda session: (session.starts_at, session.pk),
            )
            calendar = reminder_calendar(edition=edition, sessions=sessions, now=now)
            with transaction.atomic():
                if not _claim(application):
                    continue  # another run got there first
                send_application_email(
                    "reminder",
                    application,
                    attachments=[
                        (f"classnet-conference-{edition.number}.ics", calendar, "text/calendar")
                    ],
                )
            sent += 1
    return sent
