"""Writes for running an edition: its details, quotas and targets, its status, its programme.

Every function is keyword-only and atomic, validates before it writes, records who did what
(core.audit) and raises EditionError with a message a form can show; `field` names the form
field the message belongs to (None: the whole form).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.audit.services import audit_record
from core.images import process_image
from schools.models import Country
from teachers.models import User

from ..errors import ConferenceError
from ..models import Edition, EditionCountryQuota, EditionRegionTarget, Session
from ..selectors.places import country_places_held, places_held
from ..signals import edition_status_changed
from .places import lock_edition

Status = Edition.Status

# The way forward, one step at a time, and the steps back that make sense.
NEXT_STATUS = {
    Status.DRAFT: Status.PUBLISHED,
    Status.PUBLISHED: Status.APPLICATIONS_OPEN,
    Status.APPLICATIONS_OPEN: Status.CLOSED,
    Status.CLOSED: Status.HELD,
    Status.HELD: Status.ARCHIVED,
}
PREVIOUS_STATUS = {
    Status.PUBLISHED: Status.DRAFT,  # unpublish, while nobody has applied
    Status.CLOSED: Status.APPLICATIONS_OPEN,  # reopen applications
    Status.ARCHIVED: Status.HELD,
}

# The fields of the edition form that are copied onto the row as they are.
EDITION_FIELDS = (
    "number",
    "title",
    "theme",
    "city",
    "country",
    "venue",
    "time_zone",
    "starts_on",
    "ends_on",
    "format",
    "capacity",
    "applications_open_at",
    "applications_close_at",
    "description",
    "offer_hours",
    "reminder_days",
)

SESSION_FIELDS = (
    "kind",
    "title",
    "starts_at",
    "ends_at",
    "room",
    "speakers",
    "description",
    "capacity",
)


class EditionError(ConferenceError):
    """An edition or session write that cannot be done; `field` is where the form shows it."""


@dataclass(frozen=True)
class QuotaRow:
    country: Country
    max_teachers: int


@dataclass(frozen=True)
class TargetRow:
    region: str
    target: int


def _validation_to_error(error: ValidationError) -> EditionError:
    """The first message of a model's ValidationError, on its field."""
    if hasattr(error, "error_dict"):
        field, errors = next(iter(error.error_dict.items()))
        message = errors[0].messages[0]
        return EditionError(message, field=None if field == "__all__" else field)
    return EditionError(error.messages[0])


def _number_taken_error(number: int) -> EditionError:
    return EditionError(
        _("There is already a %(number)sth edition: choose another number.") % {"number": number},
        field="number",
    )


def _save_cover(edition: Edition, cover) -> None:
    processed = process_image(cover, thumbnail_side=480)
    edition.cover.save(processed.image.name, processed.image, save=False)
    edition.cover_thumbnail.save(processed.thumbnail.name, processed.thumbnail, save=False)


def _check(edition: Edition) -> None:
    if Edition.objects.filter(number=edition.number).exclude(pk=edition.pk).exists():
        raise _number_taken_error(edition.number)
    try:
        edition.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise _validation_to_error(error) from None


def _save(edition: Edition) -> None:
    try:
        with transaction.atomic():
            edition.save()
    except IntegrityError:  # two staff created the same number at the same moment
        raise _number_taken_error(edition.number) from None


def _check_rows(edition: Edition, quotas: list[QuotaRow], targets: list[TargetRow]) -> None:
    countries = [row.country.pk for row in quotas]
    if len(set(countries)) != len(countries):
        raise EditionError(_("Give each country at most one quota."), field="quotas")
    regions = [row.region for row in targets]
    if len(set(regions)) != len(regions):
        raise EditionError(_("Give each region at most one target."), field="targets")
    for row in quotas:
        if row.max_teachers < 1:
            raise EditionError(_("A quota is at least 1 teacher."), field="quotas")
        if (
            edition.pk
            and (held := country_places_held(edition=edition, country_id=row.country.pk))
            > row.max_teachers
        ):
            raise EditionError(
                _(
                    "Teachers from %(country)s already hold %(held)s places: "
                    "its quota cannot be below %(held)s."
                )
                % {"country": row.country.name, "held": held},
                field="quotas",
            )
    for row in targets:
        if row.target < 1:
            raise EditionError(_("A target is at least 1 teacher."), field="targets")


def _write_rows(edition: Edition, quotas: list[QuotaRow], targets: list[TargetRow]) -> None:
    EditionCountryQuota.objects.filter(edition=edition).exclude(
        country__in=[row.country.pk for row in quotas]
    ).delete()
    for row in quotas:
        EditionCountryQuota.objects.update_or_create(
            edition=edition, country=row.country, defaults={"max_teachers": row.max_teachers}
        )
    EditionRegionTarget.objects.filter(edition=edition).exclude(
        region__in=[row.region for row in targets]
    ).delete()
    for row in targets:
        EditionRegionTarget.objects.update_or_create(
            edition=edition, region=row.region, defaults={"target": row.target}
        )


@transaction.atomic
def edition_create(
    *,
    by: User,
    fields: dict,
    cover=None,
    quotas: Iterable[QuotaRow] = (),
    targets: Iterable[TargetRow] = (),
) -> Edition:
    """Staff add an edition, as a draft. `fields`: values for EDITION_FIELDS (times aware)."""
    edition = Edition(status=Status.DRAFT)
    for name in EDITION_FIELDS:
        if name in fields:
            setattr(edition, name, fields[name])
    quotas, targets = list(quotas), list(targets)
    _check(edition)  # everything checked before the cover is written to storage
    _check_rows(edition, quotas, targets)
    if cover:
        _save_cover(edition, cover)
    _save(edition)
    _write_rows(edition, quotas, targets)
    audit_record(actor=by, action="edition.created", target=edition)
    return edition


@transaction.atomic
def edition_update(
    *,
    edition: Edition,
    by: User,
    fields: dict,
    cover=None,
    remove_cover: bool = False,
    quotas: Iterable[QuotaRow] | None = None,
    targets: Iterable[TargetRow] | None = None,
) -> Edition:
    """Staff change an edition's details. The capacity never drops below the places already
    held (counted under the edition's lock, as approvals count them)."""
    edition = lock_edition(edition.pk)
    for name in EDITION_FIELDS:
        if name in fields:
            setattr(edition, name, fields[name])
    held = places_held(edition=edition)
    if edition.capacity < held:
        raise EditionError(
            _(
                "%(held)s places are already held (approved participants and open offers): "
                "the capacity cannot be below %(held)s."
            )
            % {"held": held},
            field="capacity",
        )
    quotas = list(quotas) if quotas is not None else _current_quotas(edition)
    targets = list(targets) if targets is not None else _current_targets(edition)
    _check(edition)  # everything checked before the cover is written to (or removed from) storage
    _check_rows(edition, quotas, targets)
    if remove_cover or cover:  # a replaced cover must not stay on storage either
        edition.cover.delete(save=False)
        edition.cover_thumbnail.delete(save=False)
    if cover:
        _save_cover(edition, cover)
    _save(edition)
    _write_rows(edition, quotas, targets)
    audit_record(actor=by, action="edition.edited", target=edition)
    return edition


def _current_quotas(edition: Edition) -> list[QuotaRow]:
    return [
        QuotaRow(country=q.country, max_teachers=q.max_teachers)
        for q in edition.country_quotas.select_related("country")
    ]


def _current_targets(edition: Edition) -> list[TargetRow]:
    return [TargetRow(region=t.region, target=t.target) for t in edition.region_targets.all()]


def _check_transition(edition: Edition, to: str) -> None:
    """Raise EditionError unless the edition may move to `to` now."""
    if NEXT_STATUS.get(edition.status) != to and PREVIOUS_STATUS.get(edition.status) != to:
        raise EditionError(
            _("An edition that is “%(now)s” cannot become “%(to)s”.")
            % {"now": edition.get_status_display(), "to": Status(to).label}
        )
    now = timezone.now()
    if to == Status.DRAFT and edition.applications.exists():
        raise EditionError(
            _("Teachers have applied to this edition: it cannot go back to being a draft.")
        )
    close_at = edition.applications_close_at
    if to == Status.APPLICATIONS_OPEN and close_at and close_at <= now:
        closed = timezone.localtime(close_at, edition.zone)
        raise EditionError(
            _(
                "The application window closed on %(when)s: set a later closing time in "
                "the edition's details first."
            )
            % {"when": f"{closed:%d %b %Y, %H:%M}"}
        )
    if to == Status.HELD:
        today = timezone.localdate(now, edition.zone)
        if today < edition.starts_on:
            raise EditionError(
                _("The edition starts on %(date)s: mark it as held once it has begun.")
                % {"date": f"{edition.starts_on:%d %B %Y}"}
            )


@transaction.atomic
def edition_set_status(*, edition: Edition, by: User, to: str) -> Edition:
    """Move the edition one step on (or one step back where that makes sense).

    Opening applications without an opening time opens them now.
    """
    edition = lock_edition(edition.pk)
    previous = edition.status
    _check_transition(edition, to)
    edition.status = to
    update_fields = ["status"]
    if to == Status.APPLICATIONS_OPEN and edition.applications_open_at is None:
        edition.applications_open_at = timezone.now()
        update_fields.append("applications_open_at")
    edition.save(update_fields=update_fields)
    edition_status_changed.send(sender=Edition, edition=edition, previous=previous, status=to)
    audit_record(
        actor=by,
        action=f"edition.{to}",
        target=edition,
        note=f"{Status(previous).label} → {Status(to).label}",
    )
    return edition


def _check_session(session: Session) -> None:
    if session.starts_at and session.ends_at and session.ends_at <= session.starts_at:
        raise EditionError(_("A session must end after it starts."), field="ends_at")
    edition = session.edition
    zone = edition.zone
    first = datetime.datetime.combine(edition.starts_on, datetime.time.min, tzinfo=zone)
    after_last = datetime.datetime.combine(
        edition.ends_on + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    if not (first <= session.starts_at and session.ends_at <= after_last):
        raise EditionError(
            _(
                "The edition runs from %(start)s to %(end)s (%(zone)s time): "
                "the session must lie within those days."
            )
            % {
                "start": f"{edition.starts_on:%d %B %Y}",
                "end": f"{edition.ends_on:%d %B %Y}",
                "zone": zone.key,
            },
            field="starts_at",
        )
    if session.capacity is not None and session.kind != Session.Kind.WORKSHOP:
        raise EditionError(
            _("Only workshops take sign-ups: leave the capacity blank for this kind of session."),
            field="capacity",
        )
    if session.capacity is not None and session.pk:
        signed_up = session.signups.count()
        if session.capacity < signed_up:
            raise EditionError(
                ngettext(
                    "%(n)s participant has signed up: the capacity cannot be below %(n)s.",
                    "%(n)s participants have signed up: the capacity cannot be below %(n)s.",
                    signed_up,
                )
                % {"n": signed_up},
                field="capacity",
            )
    try:
        session.full_clean(validate_constraints=False)
    except ValidationError as error:
        raise _validation_to_error(error) from None


@transaction.atomic
def session_create(*, edition: Edition, by: User, fields: dict) -> Session:
    """Staff add a session to the programme. Times are aware (entered in the host's zone)."""
    session = Session(edition=edition, **{k: fields[k] for k in SESSION_FIELDS if k in fields})
    _check_session(session)
    session.save()
    audit_record(actor=by, action="session.created", target=edition, note=session.title)
    return session


@transaction.atomic
def session_update(*, session: Session, by: User, fields: dict) -> Session:
    """Staff change a session; a workshop's capacity stays at or above its sign-ups."""
    session = (
        Session.objects.select_for_update(of=("self",))
        .select_related("edition__country")
        .get(pk=session.pk)
    )
    for name in SESSION_FIELDS:
        if name in fields:
            setattr(session, name, fields[name])
    _check_session(session)
    session.save()
    audit_record(actor=by, action="session.edited", target=session.edition, note=session.title)
    return session


@transaction.atomic
def session_delete(*, session: Session, by: User) -> None:
    """Staff remove a session, unless participants have signed up for it."""
    session = (
        Session.objects.select_for_update(of=("self",))
        .select_related("edition__country")
        .get(pk=session.pk)
    )
    signed_up = session.signups.count()
    if signed_up:
        raise EditionError(
            ngettext(
                "%(n)s participant has signed up for “%(title)s”: it cannot be deleted. "
                "Change its time or room instead, or ask them to choose another workshop.",
                "%(n)s participants have signed up for “%(title)s”: it cannot be deleted. "
                "Change its time or room instead, or ask them to choose another workshop.",
                signed_up,
            )
            % {"n": signed_up, "title": session.title}
        )
    edition, title = session.edition, session.title
    session.delete()
    audit_record(actor=by, action="session.deleted", target=edition, note=title)
