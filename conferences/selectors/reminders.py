"""Reads of the reminder before the conference: which editions are due today (the host's date)
and who of their participants still waits for the reminder."""

import datetime

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from ..models import Application, Edition, Session, WorkshopSignup

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


def participants_to_remind(*, edition: Edition) -> QuerySet[Application]:
    """Approved participants of the edition not reminded yet, with their workshops."""
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


def sessions_for_everyone(*, edition: Edition) -> list[Session]:
    """The sessions everyone attends (no capacity: not workshops), in time order."""
    return list(
        Session.objects.filter(edition=edition, capacity__isnull=True).order_by("starts_at", "pk")
    )
