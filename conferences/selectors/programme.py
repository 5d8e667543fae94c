"""Reads of an edition's programme: by day for the public and staff pages, for calendars."""

import datetime

from django.db.models import (
    Count,
    QuerySet,
)

from ..models import Edition, Session


def programme_by_day(*, edition: Edition) -> list[tuple[datetime.date, list[Session]]]:
    """The edition's sessions grouped by their local date in the host's time zone, days and
    sessions in time order, in one query. Each session gets `local_starts_at` and
    `local_ends_at` (aware, in the host's zone)."""
    zone = edition.zone
    days: dict[datetime.date, list[Session]] = {}
    for session in Session.objects.filter(edition=edition).order_by("starts_at", "pk"):
        session.local_starts_at = session.starts_at.astimezone(zone)
        session.local_ends_at = session.ends_at.astimezone(zone)
        days.setdefault(session.local_starts_at.date(), []).append(session)
    return list(days.items())


def sessions_for_calendar(*, edition: Edition) -> QuerySet[Session]:
    """Every session of the edition in time order (one query when iterated)."""
    return Session.objects.filter(edition=edition).order_by("starts_at", "pk")


def programme_for_staff(*, edition: Edition) -> list[tuple[datetime.date, list[Session]]]:
    """programme_by_day(), each session with signup_count, in one query."""
    zone = edition.zone
    days: dict[datetime.date, list[Session]] = {}
    sessions = (
        Session.objects.filter(edition=edition)
        .annotate(signup_count=Count("signups"))
        .order_by("starts_at", "pk")
    )
    for session in sessions:
        session.local_starts_at = session.starts_at.astimezone(zone)
        session.local_ends_at = session.ends_at.astimezone(zone)
        days.setdefault(session.local_starts_at.date(), []).append(session)
    return list(days.items())


def sessions_of(*, edition: Edition) -> QuerySet[Session]:
    """The edition's sessions (the choices of a form naming one)."""
    return Session.objects.filter(edition=edition)


def session_of(*, edition: Edition, pk: int) -> Session | None:
    """One session of the edition, or None (one query)."""
    return Session.objects.filter(edition=edition, pk=pk).first()


def signup_count(*, session: Session) -> int:
    """How many participants signed up for the session (one query)."""
    return session.signups.count()


def saved_session(*, pk: int) -> Session:
    """The session as saved (a form checks changes on a copy)."""
    return Session.objects.get(pk=pk)
