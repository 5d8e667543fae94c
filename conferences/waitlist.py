"""The waitlist: its order, the teacher's position, and offers of places that free up.

Contract used by services.py: offer_free_places(edition=...) is called with the edition row
locked (places.lock_edition) after a place was freed; it offers each free place to the first
eligible waitlisted teacher and returns the offers made.
"""

from .models import Edition, WaitlistOffer


def offer_free_places(*, edition: Edition) -> list[WaitlistOffer]:
    """Offer the edition's free places to the waitlist, first come first served."""
    return []


def expire_overdue_offers() -> int:
    """Mark open offers past their deadline expired and offer their places on; returns how many
    expired. Safe to run twice."""
    return 0


def position_of(application) -> int | None:
    """The application's place in its edition's waitlist (1 = next to be offered), or None
    when it is not waitlisted."""
    return None
