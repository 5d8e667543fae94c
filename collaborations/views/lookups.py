"""The objects the collaboration pages' permissions are about, fetched through the selectors:
`permission_required(perm, obj=...)` calls them and the view reads the object back as
`request.permission_object`. What does not exist is a 404; so is what a person may not see,
through the permissions' `denied=404`."""

from django.http import Http404

from ..models import Collaboration, DiaryPhoto, DiaryPost, Invitation
from ..selectors.collaborations import (
    collaboration_by_pk,
    collaboration_for_page,
    collaboration_with_places,
)
from ..selectors.diary import diary_photo_of, diary_post_of
from ..selectors.invitations import invitation_for_page
from ..selectors.memberships import teacher_profile_of


def cache_teacher_profile(user):
    """The person's teacher profile (with school), cached on the user for the permission checks;
    None for visitors, staff and judges."""
    profile = teacher_profile_of(user=user)
    if profile is not None:
        user.teacher_profile = profile
    return profile


def collaboration(request, pk: int, **kwargs) -> Collaboration:
    """The collaboration with its places left (for the action pages)."""
    try:
        return collaboration_with_places(pk=pk)
    except Collaboration.DoesNotExist:
        raise Http404 from None


def collaboration_page(request, pk: int, **kwargs) -> Collaboration:
    """The collaboration with members, subjects, languages and themes (for its pages)."""
    try:
        return collaboration_for_page(pk=pk)
    except Collaboration.DoesNotExist:
        raise Http404 from None


def diary_photo(request, photo_pk: int, **kwargs) -> DiaryPhoto:
    try:
        return diary_photo_of(pk=photo_pk)
    except DiaryPhoto.DoesNotExist:
        raise Http404 from None


def plain_collaboration(request, pk: int, **kwargs) -> Collaboration:
    try:
        return collaboration_by_pk(pk=pk)
    except Collaboration.DoesNotExist:
        raise Http404 from None


def diary_post(request, pk: int, post_pk: int) -> DiaryPost:
    try:
        return diary_post_of(collaboration_id=pk, pk=post_pk)
    except DiaryPost.DoesNotExist:
        raise Http404 from None


def invitation(request, pk: int) -> Invitation:
    """The invitation, once the person's teacher profile is cached for the checks."""
    try:
        found = invitation_for_page(pk=pk)
    except Invitation.DoesNotExist:
        raise Http404 from None
    cache_teacher_profile(request.user)
    return found
