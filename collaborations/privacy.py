"""What collaborations hold about a person, for their data export and their erasure.

Memberships stay on erasure (a school took part with so many students: the network's counts),
as an anonymous teacher. What the person wrote goes: their diary posts (with the photos' files)
and the messages of their join requests and of the invitations they sent; invitations waiting
for them are withdrawn.
"""

from django.db import transaction
from django.db.models import Q

from core.mail import absolute_file_url

from .models import DiaryPhoto, DiaryPost, Invitation, JoinRequest, Membership


def export_collaborations(user) -> dict:
    memberships = (
        Membership.objects.filter(teacher__user=user)
        .select_related("collaboration", "school")
        .order_by("joined_at", "pk")
    )
    requests = (
        JoinRequest.objects.filter(teacher__user=user)
        .select_related("collaboration", "school")
        .order_by("pk")
    )
    invitations = (
        Invitation.objects.filter(Q(invitee__user=user) | Q(invited_by=user))
        .select_related("collaboration", "school", "invitee__user", "invited_by")
        .order_by("pk")
    )
    posts = (
        DiaryPost.objects.filter(author__user=user)
        .select_related("collaboration")
        .prefetch_related("photos")
        .order_by("created_at", "pk")
    )
    return {
        "memberships": [
            {
                "collaboration": m.collaboration.title,
                "school": m.school.name,
                "role": m.role,
                "students_taking_part": m.student_count,
                "joined_at": m.joined_at.isoformat(),
            }
            for m in memberships
        ],
        "join_requests": [
            {
                "collaboration": r.collaboration.title,
                "school": r.school.name,
                "message": r.message,
                "status": r.status,
                "reason": r.reason,
            }
            for r in requests
        ],
        "invitations": [
            {
                "collaboration": i.collaboration.title,
                "school": i.school.name,
                "received": i.invitee.user_id == user.pk,
                "message": i.message,
                "status": i.status,
                "sent_at": i.created_at.isoformat(),
            }
            for i in invitations
        ],
        "diary_posts": [
            {
                "collaboration": p.collaboration.title,
                "text": p.text,
                "visibility": p.visibility,
                "posted_at": p.created_at.isoformat(),
                "photos": [absolute_file_url(photo.image) for photo in p.photos.all()],
            }
            for p in posts
        ],
    }


def erase_collaborations(user) -> None:
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
