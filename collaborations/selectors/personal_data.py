"""What collaborations hold about a person, for their personal data export."""

from django.db.models import Q

from core.mail import absolute_file_url

from ..models import DiaryPost, Invitation, JoinRequest, Membership


def personal_data_of(*, user) -> dict:
    """Everything collaborations hold about the person, for their data export."""
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
                "photos": [
                    absolute_file_url(photo.image, photo.image_url) for photo in p.photos.all()
                ],
            }
            for p in posts
        ],
    }
