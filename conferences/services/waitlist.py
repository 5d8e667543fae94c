"""The waitlist's writes: offers of places that free up, made, accepted, declined, expired.
Its order, a teacher's position and standing are reads, in selectors/waitlist.py.

Contract used by services/applications.py: offer_free_places(edition=...) is called with the
edition row locked (services.places.lock_edition) after a place was freed; it offers each free
place to the first eligible waitlisted teacher and returns the offers made.

Every step of an offer's life (made, accepted, declined, expired) runs under that same lock, so
an open offer is answered once, and a place is held by exactly one teacher at a time: an open
offer counts as a taken place (selectors.places.places_held) until it is accepted or let go.

Order (selectors.waitlist.WAITLIST_ORDER): waitlisted applications of the edition by
(waitlisted_at, pk), first put on the list, first offered. Eligible for an automatic offer
(selectors.waitlist.eligible_for_offer): no open offer, never an offer expired or declined at
this edition, and the applicant's country has room under its quota (staff can still approve
anyone on the list directly; services.applications.application_approve).
"""

import datetime
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.audit.services import audit_record

from ..emails import send_application_email
from ..errors import ConferenceError
from ..models import Application, Edition, EditionCountryQuota, WaitlistOffer
from ..selectors.places import country_places_held, places_left
from ..selectors.waitlist import eligible_for_offer
from .places import ensure_place_for, lock_edition

OVER = (Edition.Status.DRAFT, Edition.Status.HELD, Edition.Status.ARCHIVED)


def _offers_possible(edition: Edition) -> bool:
    """Places are offered only before the edition starts (in the host's time zone) and while
    it is neither a draft nor over."""
    if edition.status in OVER:
        return False
    return timezone.now().astimezone(edition.zone).date() < edition.starts_on


def offer_free_places(*, edition: Edition) -> list[WaitlistOffer]:
    """Offer the edition's free places to the waitlist, first come first served.

    Call with the edition row locked (services.places.lock_edition) inside the caller's transaction.
    Each offer holds its place until answered or expired; the teacher is e-mailed after commit.
    """
    if not _offers_possible(edition):
        return []
    free = places_left(edition=edition)
    if free <= 0:
        return []
    quotas = dict(
        EditionCountryQuota.objects.filter(edition=edition).values_list(
            "country_id", "max_teachers"
        )
    )
    held_by_country: dict[int, int] = {}
    chosen: list[int] = []
    # Ids and countries only: a long waitlist costs one light query, whatever its length.
    for pk, country_id in eligible_for_offer(edition=edition).values_list(
        "pk", "school__country_id"
    ):
        if len(chosen) == free:
            break
        if country_id in quotas:
            if country_id not in held_by_country:
                held_by_country[country_id] = country_places_held(
                    edition=edition, country_id=country_id
                )
            if held_by_country[country_id] >= quotas[country_id]:
                continue  # their country is full: the next teacher on the list
            held_by_country[country_id] += 1
        chosen.append(pk)
    if not chosen:
        return []
    applications = Application.objects.select_related(
        "teacher__user", "school__country", "edition__country"
    ).in_bulk(chosen)
    now = timezone.now()
    offers = []
    for pk in chosen:
        application = applications[pk]
        offer = WaitlistOffer.objects.create(
            application=application,
            token=secrets.token_urlsafe(32),
            offered_at=now,
            expires_at=now + datetime.timedelta(hours=edition.offer_hours),
        )
        audit_record(
            actor=None,
            action="application.offered",
            target=application,
            note=_("Place offered from the waitlist until %(deadline)s.")
            % {"deadline": _deadline(offer, edition)},
        )
        send_application_email("offer", application, extra={"offer": offer})
        offers.append(offer)
    return offers


def _deadline(offer: WaitlistOffer, edition: Edition) -> str:
    """The offer's deadline in the host's time zone, e.g. "4 March 2099, 18:00 ICT"."""
    return date_format(offer.expires_at.astimezone(edition.zone), "j F Y, H:i T")


def _expire(offer: WaitlistOffer) -> None:
    """Mark an overdue open offer expired (the edition locked): the teacher stays on the
    waitlist, no longer eligible for an automatic offer."""
    offer.status = WaitlistOffer.Status.EXPIRED
    offer.save(update_fields=["status"])
    audit_record(actor=None, action="application.offer_expired", target=offer.application)


def expire_overdue_offers() -> int:
    """Mark open offers past their deadline expired and offer their places on; returns how many
    expired. Safe to run twice: each edition's overdue offers are claimed under its lock."""
    edition_ids = set(
        WaitlistOffer.objects.filter(
            status=WaitlistOffer.Status.OPEN, expires_at__lte=timezone.now()
        ).values_list("application__edition_id", flat=True)
    )
    expired = 0
    for edition_id in sorted(edition_ids):
        with transaction.atomic():
            edition = lock_edition(edition_id)
            now = timezone.now()
            overdue = WaitlistOffer.objects.filter(
                application__edition=edition,
                status=WaitlistOffer.Status.OPEN,
                expires_at__lte=now,
            ).select_related("application")
            for offer in overdue:
                _expire(offer)
                expired += 1
            offer_free_places(edition=edition)
    return expired


# --- the teacher answers ------------------------------------------------------------------


def _offer_key(*, token: str | None, offer: WaitlistOffer | None) -> tuple[int, int]:
    """(offer id, edition id) of the offer named by its token or row."""
    offers = WaitlistOffer.objects.all()
    offers = offers.filter(pk=offer.pk) if offer is not None else offers.filter(token=token or "")
    key = offers.values_list("pk", "application__edition_id").first()
    if key is None:
        raise ConferenceError(_("This offer link is not valid. Check the link in your e-mail."))
    return key


def _locked_offer(offer_id: int) -> WaitlistOffer:
    return (
        WaitlistOffer.objects.select_for_update(of=("self",))
        .select_related("application__teacher__user", "application__school__country")
        .get(pk=offer_id)
    )


def _refusal(offer: WaitlistOffer, edition: Edition) -> ConferenceError | None:
    """Why the (locked) offer cannot be answered now, or None. Does not expire anything."""
    if offer.status == WaitlistOffer.Status.EXPIRED:
        return _expired_error(offer, edition)
    if offer.status == WaitlistOffer.Status.CANCELLED:
        return ConferenceError(
            _("This offer is no longer valid: your application is no longer on the waitlist.")
        )
    if offer.status != WaitlistOffer.Status.OPEN:
        return ConferenceError(_("This offer was already answered."))
    if offer.application.status != Application.Status.WAITLISTED:
        return ConferenceError(
            _("This offer is no longer valid: your application is no longer on the waitlist.")
        )
    if edition.status in OVER:
        return ConferenceError(_("This edition is no longer taking participants."))
    return None


def _expired_error(offer: WaitlistOffer, edition: Edition) -> ConferenceError:
    return ConferenceError(
        _("This offer expired on %(deadline)s; the place went to the next teacher on the waitlist.")
        % {"deadline": _deadline(offer, edition)}
    )


def _answer(offer_id: int, edition_id: int, answer) -> WaitlistOffer:
    """Run `answer(edition, offer)` on the open, live offer under the edition's lock.

    An offer past its deadline that the beat job has not expired yet is expired here (and its
    place offered on), which is kept although the answer is refused."""
    refusal = None
    with transaction.atomic():
        edition = lock_edition(edition_id)
        offer = _locked_offer(offer_id)
        offer.application.edition = edition
        refusal = _refusal(offer, edition)
        if refusal is None and timezone.now() >= offer.expires_at:
            _expire(offer)
            offer_free_places(edition=edition)
            refusal = _expired_error(offer, edition)
        if refusal is None:
            answer(edition, offer)
    if refusal is not None:
        raise refusal
    return offer


def accept_offer_locked(*, edition: Edition, offer: WaitlistOffer) -> None:
    """Give the offer's application the place offered (the edition locked): the offer's own
    place is not counted against it. Raises ConferenceError when the place is gone (staff
    lowered the capacity or a quota). Shared by offer_accept and staff approval of a
    waitlisted teacher holding an open offer."""
    ensure_place_for(edition=edition, application=offer.application, offer=offer)
    offer.status = WaitlistOffer.Status.ACCEPTED
    offer.responded_at = timezone.now()
    offer.save(update_fields=["status", "responded_at"])


def offer_accept(*, token: str | None = None, offer: WaitlistOffer | None = None, by=None):
    """The teacher takes the place offered: their application is approved into it.

    Refused (ConferenceError, nothing changed) when the offer was already answered, is no
    longer valid, or expired; an offer past its deadline is expired here if the beat job has
    not done it yet, and its place goes to the next teacher. `by`: the signed-in teacher, or
    None when the e-mail link (the token) was the only credential."""
    offer_id, edition_id = _offer_key(token=token, offer=offer)

    def accept(edition: Edition, offer: WaitlistOffer) -> None:
        accept_offer_locked(edition=edition, offer=offer)
        application = offer.application
        application.status = Application.Status.APPROVED
        application.reason = ""
        application.decided_by = by if getattr(by, "is_authenticated", False) else None
        application.decided_at = offer.responded_at
        application.save(update_fields=["status", "reason", "decided_by", "decided_at"])
        audit_record(
            actor=by,
            action="application.approved",
            target=application,
            note=_("The teacher accepted the place offered from the waitlist."),
        )
        send_application_email("approved", application)

    return _answer(offer_id, edition_id, accept)


def offer_decline(*, token: str | None = None, offer: WaitlistOffer | None = None, by=None):
    """The teacher turns the place down: their application is withdrawn and the place is
    offered to the next teacher on the waitlist. Refused like offer_accept."""
    offer_id, edition_id = _offer_key(token=token, offer=offer)

    def decline(edition: Edition, offer: WaitlistOffer) -> None:
        offer.status = WaitlistOffer.Status.DECLINED
        offer.responded_at = timezone.now()
        offer.save(update_fields=["status", "responded_at"])
        application = offer.application
        application.status = Application.Status.WITHDRAWN
        application.save(update_fields=["status"])
        audit_record(
            actor=by,
            action="application.offer_declined",
            target=application,
            note=_("The teacher declined the place offered; the application is withdrawn."),
        )
        send_application_email("withdrawn", application)
        offer_free_places(edition=edition)

    return _answer(offer_id, edition_id, decline)
