"""The "My collaborations" panel of My ClassNet (registered in CollaborationsConfig.ready)."""

from django.db.models import Count, Q

from .models import Invitation, JoinRequest
from .selectors.collaborations import collaborations_of
from .selectors.invitations import invitations_of
from .selectors.join_requests import requests_of
from .selectors.matching import collaborations_suggested_for

SHOWN = 5


def my_collaborations_panel(request) -> dict | None:
    user = request.user
    if not hasattr(user, "teacher_profile"):
        return None
    collaborations = list(
        collaborations_of(user=user).annotate(
            waiting=Count(
                "join_requests",
                filter=Q(join_requests__status=JoinRequest.Status.PENDING),
                distinct=True,
            )
        )[:SHOWN]
    )
    my_role = {
        m.collaboration_id: m.role
        for c in collaborations
        for m in c.memberships.all()
        if m.teacher.user_id == user.pk
    }
    return {
        "collaborations": [(c, my_role.get(c.pk)) for c in collaborations],
        "requests": list(requests_of(user=user).filter(status=JoinRequest.Status.PENDING)[:SHOWN]),
        "invitations": list(
            invitations_of(user=user).filter(status=Invitation.Status.PENDING)[:SHOWN]
        ),
    }


def suggestions_panel(request) -> dict | None:
    """Collaborations a verified teacher could join, each with why (collaborations.matching)."""
    profile = getattr(request.user, "teacher_profile", None)
    if profile is None or not profile.is_verified:
        return None
    return {"suggestions": collaborations_suggested_for(profile=profile, limit=SHOWN)}
