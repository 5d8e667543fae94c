"""The "Conferences" panel of My ClassNet (registered in ConferencesConfig.ready): the
teacher's applications with what to do next, and a call to apply while an edition is open."""

from django.utils import timezone

from .models import Application
from .selectors.applications import applications_for_panel
from .selectors.editions import editions_open_for
from .selectors.waitlist import positions_for


def conferences_panel(request) -> dict | None:
    """The teacher's applications, newest edition first (withdrawn ones only when there is
    nothing else), and the editions open now that they have not applied to. Three queries
    whatever the number of applications, and a fourth for the waitlist positions when any
    application waits on the list of an edition still to come.
    None for people without a teacher profile, and when there is nothing to show."""
    profile = getattr(request.user, "teacher_profile", None)
    if profile is None:
        return None
    applications = applications_for_panel(profile=profile)
    active = [a for a in applications if a.status != Application.Status.WITHDRAWN]
    shown = active or applications[:1]
    today = timezone.localdate()
    for application in shown:
        application.offer = next((o for o in application.open_offers if o.is_live), None)
        # A waitlist moves only until its edition starts: past editions' positions are moot.
        application.waitlist_moves = (
            application.status == Application.Status.WAITLISTED
            and application.edition.starts_on > today
        )
        # Approved or checked in: a participant, with workshops and their own programme.
        application.takes_part = application.status in Application.HOLDS_PLACE
        # The certificate exists from the first day they were checked in (host time).
        application.has_certificate = (
            application.status == Application.Status.ATTENDED
            and application.first_checkin is not None
            and application.first_checkin
            <= timezone.localtime(timezone.now(), application.edition.zone).date()
        )
    positions = positions_for(a for a in shown if a.waitlist_moves)
    for application in shown:
        application.position = positions.get(application.pk)
    open_editions = []
    if profile.is_verified:
        applied = {a.edition_id for a in active}
        open_editions = editions_open_for(excluding=applied)
    if not shown and not open_editions:
        return None
    return {"applications": shown, "open_editions": open_editions}
