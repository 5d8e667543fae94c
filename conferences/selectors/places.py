"""An edition's places, counted from the rows: participants (approved, attended) plus open
waitlist offers. Never from a cached column, so the count cannot drift. Writers count under
the edition's lock (services/places.py); pages count as they are."""

from django.db.models import Q

from ..models import Application, Edition, WaitlistOffer


def _held(edition: Edition, *, exclude_offer: WaitlistOffer | None = None):
    """Applications holding a place: approved or attended, or with an open offer."""
    open_offer = Q(offers__status=WaitlistOffer.Status.OPEN)
    if exclude_offer is not None:
        open_offer &= ~Q(offers__pk=exclude_offer.pk)
    return (
        Application.objects.filter(edition=edition)
        .filter(Q(status__in=Application.HOLDS_PLACE) | open_offer)
        .distinct()
    )


def places_held(*, edition: Edition, exclude_offer: WaitlistOffer | None = None) -> int:
    """Places taken now: participants (approved, attended) plus open waitlist offers."""
    return _held(edition, exclude_offer=exclude_offer).count()


def places_left(*, edition: Edition) -> int:
    return max(edition.capacity - places_held(edition=edition), 0)


def country_places_held(
    *, edition: Edition, country_id: int, exclude_offer: WaitlistOffer | None = None
) -> int:
    return _held(edition, exclude_offer=exclude_offer).filter(school__country_id=country_id).count()
