"""Reads of the collaboration diary."""

from django.db.models import QuerySet

from ..models import Collaboration, DiaryPhoto, DiaryPost


def diary_posts_for(
    *, collaboration: Collaboration, user_can_see_members_only: bool
) -> QuerySet[DiaryPost]:
    """A collaboration's diary, newest first: every post for members and staff, the public
    ones for everyone else. Authors, schools and photos are fetched with the page."""
    posts = collaboration.posts.all()
    if not user_can_see_members_only:
        posts = posts.filter(visibility=DiaryPost.Visibility.PUBLIC)
    return (
        posts.select_related("author__user", "school__country")
        .prefetch_related("photos")
        .order_by("-created_at", "-pk")
    )


def diary_photo_of(*, pk: int) -> DiaryPhoto:
    """One diary photo with its post and collaboration (what deciding who may see it needs).
    Raises DiaryPhoto.DoesNotExist."""
    return DiaryPhoto.objects.select_related("post__collaboration").get(pk=pk)


def diary_post_of(*, collaboration_id: int, pk: int) -> DiaryPost:
    """One post of the collaboration, with its collaboration and author. Raises
    DiaryPost.DoesNotExist."""
    return DiaryPost.objects.select_related("collaboration", "author").get(
        pk=pk, collaboration_id=collaboration_id
    )
