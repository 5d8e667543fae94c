"""The ClassNet Conferences: editions (with their country quotas and region targets), the
programme, teachers' applications and waitlist offers, and what participants do (workshop
sign-ups, check-ins).

A module per aggregate (editions, programme, applications, participants); this package
re-exports every name, so `from conferences.models import Edition` works for the app, Django
and the migrations.
"""

from .applications import Application, WaitlistOffer
from .editions import Edition, EditionCountryQuota, EditionRegionTarget, edition_cover_path
from .participants import CheckIn, WorkshopSignup
from .programme import Session

__all__ = [
    "Application",
    "CheckIn",
    "Edition",
    "EditionCountryQuota",
    "EditionRegionTarget",
    "Session",
    "WaitlistOffer",
    "WorkshopSignup",
    "edition_cover_path",
]
