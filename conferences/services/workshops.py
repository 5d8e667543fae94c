"""Workshop sign-up's writes: an edition's participants choose workshops (sessions with a
capacity); the reads are in selectors/workshops.py.

A participant is a teacher whose application to the edition holds a place (approved or
attended). Only their sign-ups count against a workshop's places: a sign-up left behind by an
application withdrawn or rejected later frees its place.

Locks, always taken in this order so that two writers never wait for each other in a circle:
  1. the participant's application row: one teacher's sign-ups run one after another, so the
     clash check sees the teacher's other choices committed (two clashing workshops chosen in
     two tabs at once: one wins);
  2. the workshop's session row: every sign-up to the workshop runs one after another, and
     each counts the places taken from the rows that the one before it committed.
(The edition's own lock, services.places.lock_edition, is taken by the application services
before the application row; nothing here takes it, so the order edition -> application ->
session holds across the app.)
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.audit.services import audit_record
from teachers.models import User

from ..errors import ConferenceError
from ..models import Application, Session, WorkshopSignup

__all__ = ["signup_cancel", "signup_create"]


def _when(session: Session, zone) -> str:
    """The session's day and hours in the host's time zone, e.g. "Tue 26 Nov, 14:00-15:30"."""
    starts_at = session.starts_at.astimezone(zone)
    ends_at = session.ends_at.astimezone(zone)
    return f"{date_format(starts_at, 'D j M')}, {starts_at:%H:%M}–{ends_at:%H:%M}"


def _lock_participant(*, edition_id: int, user: User) -> Application | None:
    """Lock 1: the user's application holding a place at the edition (its own row only)."""
    return (
        Application.objects.select_for_update(of=("self",))
        .filter(edition_id=edition_id, teacher__user=user, status__in=Application.HOLDS_PLACE)
        .first()
    )


def _lock_session(session: Session) -> Session:
    """Lock 2: the session's row (its own row only), with its edition for the time zone."""
    return (
        Session.objects.select_for_update(of=("self",))
        .select_related("edition__country")
        .get(pk=session.pk)
    )


@transaction.atomic
def signup_create(*, session: Session, by: User) -> WorkshopSignup:
    """The participant takes a place in a workshop, unless it is full, has started, or clashes
    with a workshop they chose already."""
    application = _lock_participant(edition_id=session.edition_id, user=by)
    session = _lock_session(session)
    if session.capacity is None:
        raise ConferenceError(
            _("“%(title)s” is not a workshop: everyone can attend it without signing up.")
            % {"title": session.title}
        )
    if application is None:
        raise ConferenceError(_("Only participants of the edition can sign up for workshops."))
    if session.starts_at <= timezone.now():
        raise ConferenceError(_("This workshop has already started: sign-up is closed."))
    mine = WorkshopSignup.objects.filter(application=application)
    if mine.filter(session=session).exists():
        raise ConferenceError(_("You are already signed up."))
    clash = (
        Session.objects.filter(signups__in=mine)
        .exclude(pk=session.pk)
        .filter(starts_at__lt=session.ends_at, ends_at__gt=session.starts_at)
        .order_by("starts_at", "pk")
        .first()
    )
    if clash is not None:
        raise ConferenceError(
            _("It clashes with “%(title)s” (%(when)s), which you chose. Cancel that one first.")
            % {"title": clash.title, "when": _when(clash, session.edition.zone)}
        )
    taken = session.signups.filter(application__status__in=Application.HOLDS_PLACE).count()
    if taken >= session.capacity:
        raise ConferenceError(
            ngettext(
                "This workshop is full (%(capacity)s place).",
                "This workshop is full (%(capacity)s places).",
                session.capacity,
            )
            % {"capacity": session.capacity}
        )
    signup = WorkshopSignup(session=session, application=application)
    try:
        with transaction.atomic():  # the database's own guard against a second sign-up
            signup.save()
    except IntegrityError:
        raise ConferenceError(_("You are already signed up.")) from None
    audit_record(actor=by, action="workshop.signup", target=session)
    return signup


@transaction.atomic
def signup_cancel(*, session: Session, by: User) -> None:
    """The participant gives their place in a workshop back, before it starts."""
    application = _lock_participant(edition_id=session.edition_id, user=by)
    session = _lock_session(session)
    signup = (
        WorkshopSignup.objects.filter(session=session, application=application).first()
        if application is not None
        else None
    )
    if signup is None:
        raise ConferenceError(_("You are not signed up for this workshop."))
    if session.starts_at <= timezone.now():
        raise ConferenceError(_("This workshop has already started: you can no longer cancel."))
    signup.delete()
    audit_record(actor=by, action="workshop.cancel", target=session)
