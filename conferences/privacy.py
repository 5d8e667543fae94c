"""What the conferences hold about a person, for their data export and their erasure.

Applications carry personal text (motivation, plans) and needs (dietary, access: possibly
health data). Erasure blanks those and keeps the rest (edition, school, status, days
checked in), so that an edition's counts of teachers and countries stay right.
"""

from .selectors.applications import applications_for_export
from .services.applications import applications_erase


def export_applications(user) -> list[dict]:
    applications = applications_for_export(user=user)
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
    """Withdraw the person's active applications, then blank their personal text."""
    applications_erase(user=user, by=None)
