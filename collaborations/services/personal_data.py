"""The erasure of a person's collaboration data (teachers.privacy calls it through
collaborations.privacy)."""

from django.db import transaction

from ..models import DiaryPhoto, DiaryPost, Invitation, JoinRequest


@transaction.atomic
def personal_data_erase(*, user, by=None) -> None:
    """Erase what the person wrote (diary posts with their photos' files, the messages of their
    join requests and of the invitations they sent) and withdraw the invitations waiting for
    them; memberships stay, as an anonymous teacher. Called by the account's erasure (by=None:
    the erasure records itself)."""
    photos = list(DiaryPhoto.objects.filter(post__author__user=user))
    DiaryPost.objects.filter(author__user=user).delete()
    JoinRequest.objects.filter(teacher__user=user).update(message="")
    # The messages they wrote go; invitations waiting for them can no longer be answered.
    Invitation.objects.filter(invited_by=user).update(message="")
    Invitation.objects.filter(invitee__user=user, status=Invitation.Status.PENDING).update(
        status=Invitation.Status.WITHDRAWN
    )

    def delete_files() -> None:
        for photo in photos:
            photo.image.delete(save=False)
            photo.thumbnail.delete(save=False)

    # The files go once the rows are gone for good (not if the erasure rolls back).
    transaction.on_commit(delete_files)
