"""Who may do what in the gallery. Staff everywhere; a collaboration's member teachers for
that collaboration's albums."""

import rules

from core.roles import is_asef_staff


def is_collaboration_member(user, collaboration) -> bool:
    if collaboration is None or not user.is_authenticated:
        return False
    return collaboration.memberships.filter(teacher__user=user).exists()


@rules.predicate
def is_album_member(user, album) -> bool:
    return album is not None and is_collaboration_member(user, album.collaboration)


@rules.predicate
def may_create_for(user, collaboration) -> bool:
    return is_collaboration_member(user, collaboration)


rules.add_perm("gallery.add_to_album", is_asef_staff | is_album_member)
rules.add_perm("gallery.create_collaboration_album", is_asef_staff | may_create_for)
rules.add_perm("gallery.moderate", is_asef_staff)
