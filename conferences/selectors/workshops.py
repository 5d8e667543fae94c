"""Reads of workshop sign-up: a participant's application, the edition's workshops by day with
their places and the participant's choices, and the participant's own programme. A
participant is a teacher whose application holds a place (approved or attended); only their
sign-ups count against a workshop's places."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from ..models import Application, Edition, Session, WorkshopSignup

# Sign-ups of these applications take a workshop's places.
_COUNTED = Q(signups__application__status__in=Application.HOLDS_PLACE)


def participant_application(*, edition: Edition, user) -> Application | None:
    """The user's application holding a place at the edition (approved or attended), or None
    (anonymous users, staff and judges without one, applicants still waiting). One query."""
    if not user.is_authenticated:
        return None
    return Application.objects.filter(
        edition=edition, teacher__user=user, status__in=Application.HOLDS_PLACE
    ).first()


def _workshops(edition: Edition) -> QuerySet[Session]:
    return Session.objects.filter(edition=edition, capacity__isnull=False)


@dataclass(frozen=True)
class WorkshopDay:
    day: datetime.date
    workshops: list[Session]


def workshops_by_day(*, edition: Edition, application: Application) -> list[WorkshopDay]:
    """The edition's workshops by local day in the host's zone, in time order, in one query.

    Each workshop gets `taken` (places taken), `places_left`, `is_full`, `is_chosen` (the
    participant signed up), `has_started`, `clashes_with` (the participant's chosen workshop
    whose time overlaps this one, or None), `local_starts_at` and `local_ends_at`.
    """
    zone = edition.zone
    now = timezone.now()
    chosen = WorkshopSignup.objects.filter(session=OuterRef("pk"), application=application)
    workshops = list(
        _workshops(edition)
        .annotate(taken=Count("signups", filter=_COUNTED), is_chosen=Exists(chosen))
        .order_by("starts_at", "pk")
    )
    choices = [w for w in workshops if w.is_chosen]
    days: dict[datetime.date, list[Session]] = {}
    for workshop in workshops:
        workshop.places_left = max(workshop.capacity - workshop.taken, 0)
        workshop.is_full = workshop.places_left == 0
        workshop.has_started = workshop.starts_at <= now
        workshop.clashes_with = None
        if not workshop.is_chosen:
            workshop.clashes_with = next((c for c in choices if _overlap(c, workshop)), None)
        workshop.local_starts_at = workshop.starts_at.astimezone(zone)
        workshop.local_ends_at = workshop.ends_at.astimezone(zone)
        days.setdefault(workshop.local_starts_at.date(), []).append(workshop)
    return [WorkshopDay(day=day, workshops=items) for day, items in days.items()]


def sessions_for_participant(*, application: Application) -> QuerySet[Session]:
    """The participant's own programme: every session without a capacity (plenaries, keynotes
    and the like, which everyone attends) and the workshops they signed up for, in time order
    (one query when iterated)."""
    chosen = WorkshopSignup.objects.filter(session=OuterRef("pk"), application=application)
    return (
        Session.objects.filter(edition_id=application.edition_id)
        .filter(Q(capacity__isnull=True) | Exists(chosen))
        .order_by("starts_at", "pk")
    )


def _overlap(a: Session, b: Session) -> bool:
    """Half-open intervals [starts_at, ends_at): one ending as the other starts is no clash."""
    return a.starts_at < b.ends_at and b.starts_at < a.ends_at


def edition_for_participant(*, number: int, user) -> Edition | None:
    """The edition (not a draft) with its host country, and the user's application holding a
    place there as `participant_application` (None when they hold none): two queries, which
    the rule conferences.choose_workshops and the page share."""
    edition = (
        Edition.objects.select_related("country")
        .exclude(status=Edition.Status.DRAFT)
        .filter(number=number)
        .first()
    )
    if edition is not None:
        edition.participant_application = participant_application(edition=edition, user=user)
    return edition
