"""Reads about invitations: one for its page, a teacher's received ones, a collaboration's
waiting ones."""

from django.db.models import QuerySet

from ..models import Collaboration, Invitation
from .collaborations import collaboration_for_page


def invitation_for_page(*, pk: int) -> Invitation:
    """One invitation with its collaboration (and places left), school, teacher and inviter."""
    invitation = Invitation.objects.select_related(
        "invitee__user", "school__country", "invited_by"
    ).get(pk=pk)
    invitation.collaboration = collaboration_for_page(pk=invitation.collaboration_id)
    return invitation


def invitations_of(*, user) -> QuerySet[Invitation]:
    """The invitations a teacher received, newest first."""
    return (
        Invitation.objects.filter(invitee__user=user)
        .select_related("collaboration", "school", "invited_by")
        .order_by("-created_at", "-pk")
    )


def pending_invitations(*, collaboration: Collaboration) -> QuerySet[Invitation]:
    """The invitations of a collaboration waiting for the teachers' answer, oldest first."""
    return (
        collaboration.invitations.filter(status=Invitation.Status.PENDING)
        .select_related("invitee__user", "school__country")
        .order_by("created_at", "pk")
    )
