"""An edition's places: the one lock, and the count taken from the rows under it.

Every write that takes or frees a place (approval, bulk approval, withdrawal, rejection, a
waitlist offer made, accepted, declined or expired) starts with lock_edition(): a row lock on
the edition, inside the caller's transaction. Writers of one edition therefore run one after
another, and each counts from the rows what the previous one committed. The count never comes
from a cached column, so it cannot drift (selectors/places.py counts).
"""

from django.utils.translation import ngettext

from ..errors import ConferenceError
from ..models import Application, Edition, EditionCountryQuota, WaitlistOffer
from ..selectors.places import country_places_held, places_held


def lock_edition(edition_id: int) -> Edition:
    """The edition's row, locked until the caller's transaction ends (call inside atomic)."""
    return (
        Edition.objects.select_for_update(of=("self",)).select_related("country").get(pk=edition_id)
    )


def ensure_place_for(
    *, edition: Edition, application: Application, offer: WaitlistOffer | None = None
) -> None:
    """Raise ConferenceError unless the edition, and the applicant's country under its quota,
    have a place for the application. `offer`: the open offer being accepted, whose place is
    the applicant's own and is not counted against them. Call with the edition locked."""
    if places_held(edition=edition, exclude_offer=offer) >= edition.capacity:
        raise ConferenceError(
            ngettext(
                "No places left: the edition's %(capacity)s place is taken.",
                "No places left: the edition's %(capacity)s places are taken.",
                edition.capacity,
            )
            % {"capacity": edition.capacity}
        )
    country = application.school.country
    quota = EditionCountryQuota.objects.filter(edition=edition, country=country).first()
    if quota is not None:
        taken = country_places_held(edition=edition, country_id=country.pk, exclude_offer=offer)
        if taken >= quota.max_teachers:
            raise ConferenceError(
                ngettext(
                    "No places left for teachers from %(country)s: "
                    "its quota of %(quota)s place is taken.",
                    "No places left for teachers from %(country)s: "
                    "its quota of %(quota)s places is taken.",
                    quota.max_teachers,
                )
                % {"country": country.name, "quota": quota.max_teachers}
            )
