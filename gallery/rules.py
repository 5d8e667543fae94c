"""Who may do what in the gallery. Staff everywhere; a collaboration's member teachers for
that collaboration's albums. Students are minors: an album of a draft edition or a draft
collaboration is for staff and the collaboration's teachers only."""

import rules

from collaborations.models import Collaboration
from core.roles import is_asef_staff

from .models import Album


def is_collaboration_member(user, collaboration) -> bool:
    if collaboration is None or not user.is_authenticated:
        return False
    return collaboration.memberships.filter(teacher__user=user).exists()


@rules.predicate
def is_album_member(user, album) -> bool:
    return album is not None and is_collaboration_member(user, album.collaboration)


@rules.predicate
def is_public_album(user, album) -> bool:
    """The album of a published edition, or of a collaboration that is not a draft."""
    return album is not None and album.is_public


@rules.predicate
def may_create_for(user, collaboration) -> bool:
    return is_collaboration_member(user, collaboration)


@rules.predicate
def has_a_collaboration(user) -> bool:
    """A teacher of at least one collaboration (whose albums they may make)."""
    return (
        user.is_authenticated
        and Collaboration.objects.filter(memberships__teacher__user=user).exists()
    )


rules.add_perm("gallery.view_album", is_public_album | is_asef_staff | is_album_member)
# The "new album" page: staff (editions, any collaboration) and collaborations' teachers.
rules.add_perm("gallery.create_album", is_asef_staff | has_a_collaboration)
rules.add_perm("gallery.add_to_album", is_asef_staff | is_album_member)
rules.add_perm("gallery.create_collaboration_album", is_asef_staff | may_create_for)
rules.add_perm("gallery.moderate", is_asef_staff)


@rules.predicate
def may_see_item(user, item) -> bool:
    """What the album page shows the person: an item shown to all, or their own photo still
    being prepared; in an album they may see. Hidden items: staff only."""
    if item is None or item.hidden:
        return False
    album = item.album
    if not (album.is_public or is_album_member(user, album)):
        return False
    return item.is_shown or (user.is_authenticated and item.uploaded_by_id == user.pk)


# An item's files (photo, thumbnails, a video's thumbnail), through gallery:item_file.
rules.add_perm("gallery.view_item", is_asef_staff | may_see_item)


def album_page_permissions(user, album: Album) -> dict[str, bool]:
    """What an album's page offers the user: adding to it, and staff's moderation (hidden
    items shown, hide and unhide)."""
    return {
        "add": user.is_authenticated and user.has_perm("gallery.add_to_album", album),
        "moderate": user.has_perm("teachers.access_staff_area"),
    }
