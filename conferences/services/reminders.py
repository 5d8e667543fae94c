"""The reminder before the conference: dates, venue and a calendar file, once per participant.

Celery beat runs send_due_reminders() (conferences.send_reminders) every day. A participant is
due when their edition starts within its reminder_days, counted in the host's time zone, and has
not started yet. Each reminder is claimed first with a conditional UPDATE of reminder_sent_at
(only the run that changes the row sends), in the same transaction that records the e-mail in
the outbox: two runs at once, or a run repeated, send it once.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from ..calendars import reminder_calendar
from ..emails import send_application_email
from ..models import Application
from ..selectors.reminders import editions_due, participants_to_remind, sessions_for_everyone


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
        for_everyone = sessions_for_everyone(edition=edition)
        for application in participants_to_remind(edition=edition):
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
