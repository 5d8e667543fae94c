"""What the conferences hold about a person, for their data export and their erasure.

Applications carry personal text (motivation, plans) and needs (dietary, access: possibly
health data). Erasure blanks those and keeps the rest (edition, school, status, days
checked in), so that an edition's counts of teachers and countries stay right.
"""

from django.db import transaction
from django.utils import timezone

from . import waitlist
from .models import Application, WaitlistOffer
from .places import lock_edition

ACTIVE = (
    Application.Status.SUBMITTED,
    Application.Status.UNDER_REVIEW,
    Application.Status.APPROVED,
    Application.Status.WAITLISTED,
)


def export_applications(user) -> list[dict]:
    applications = (
        Application.objects.filter(teacher__user=user)
        .select_related("edition", "school")
        .prefetch_related("checkins", "workshop_signups__session", "offers")
        .order_by("edition__number", "created_at")
    )
    return [
        {
            "edition": str(application.edition),
            "school": application.school.name,
            "status": application.status,
            "applied_at": application.created_at.isoformat(),
            "motivation": application.motivation,
            "collaboration_plan": application.collaboration_plan,
            "dietary_needs": application.needs_dietary,
            "access_needs": application.needs_access,
            "consent_to_participant_list": application.consent_to_list,
            "decision_reason": application.reason,
            "days_checked_in": [c.day.isoformat() for c in application.checkins.all()],
            "workshops": [s.session.title for s in application.workshop_signups.all()],
            "waitlist_offers": [
                {
                    "status": offer.status,
                    "offered_at": offer.offered_at.isoformat(),
                    "expires_at": offer.expires_at.isoformat(),
                }
                for offer in application.offers.all()
            ],
        }
        for application in applications
    ]


def erase_applications(user) -> None:
    """Withdraw the person's active applications (a place they held goes to the waitlist,
    under the edition's lock), then blank the personal text of all of them."""
    active = Application.objects.filter(teacher__user=user, status__in=ACTIVE)
    for edition_id in sorted(set(active.values_list("edition_id", flat=True))):
        with transaction.atomic():
            edition = lock_edition(edition_id)
            mine = Application.objects.filter(
                teacher__user=user, edition=edition, status__in=ACTIVE
            )
            WaitlistOffer.objects.filter(
                application__in=mine, status=WaitlistOffer.Status.OPEN
            ).update(status=WaitlistOffer.Status.CANCELLED, responded_at=timezone.now())
            mine.update(status=Application.Status.WITHDRAWN)
            waitlist.offer_free_places(edition=edition)
    Application.objects.filter(teacher__user=user).update(
        motivation="",
        collaboration_plan="",
        needs_dietary="",
        needs_access="",
        consent_to_list=False,
        reason="",
    )
