"""Who may do what with collaborations. Membership is read from the rows, per object.

Every page declares one of these permissions (core.permissions.permission_required); the
object is a collaboration unless the permission says otherwise (an invitation, a diary post,
a membership)."""

import rules
from django.utils.translation import gettext as _

from core.roles import is_asef_staff
from teachers.models import TeacherProfile
from teachers.rules import is_verified_teacher

from .models import Collaboration, Membership
from .selectors.memberships import joining_refusal

LEADS = {Membership.Role.LEAD, Membership.Role.CO_LEAD}


def _roles(user, collaboration) -> set[str]:
    """The user's roles in the collaboration. A page that prefetched the memberships (as
    collaboration_for_page does) answers every check from them, without a query."""
    if collaboration is None or not user.is_authenticated:
        return set()
    prefetched = getattr(collaboration, "_prefetched_objects_cache", {}).get("memberships")
    if prefetched is not None:
        return {m.role for m in prefetched if m.teacher.user_id == user.pk}
    return set(collaboration.memberships.filter(teacher__user=user).values_list("role", flat=True))


@rules.predicate
def is_member(user, collaboration) -> bool:
    return bool(_roles(user, collaboration))


@rules.predicate
def is_lead(user, collaboration) -> bool:
    return bool(_roles(user, collaboration) & LEADS)


@rules.predicate
def is_main_lead(user, collaboration) -> bool:
    return Membership.Role.LEAD in _roles(user, collaboration)


@rules.predicate
def is_public(user, collaboration) -> bool:
    return collaboration is not None and collaboration.status != collaboration.Status.DRAFT


@rules.predicate
def takes_partners(user, collaboration) -> bool:
    """Open for partners with a place left (from the selectors' places_left when annotated)."""
    if collaboration is None or collaboration.status != collaboration.Status.OPEN:
        return False
    places_left = getattr(collaboration, "places_left", None)
    if places_left is None:
        members = collaboration.memberships.exclude(role=Membership.Role.LEAD).count()
        places_left = collaboration.partner_schools_wanted - members
    return places_left > 0


@rules.predicate
def is_invitee(user, invitation) -> bool:
    return (
        invitation is not None and user.is_authenticated and (invitation.invitee.user_id == user.pk)
    )


@rules.predicate
def leads_the_invitation(user, invitation) -> bool:
    return invitation is not None and is_lead(user, invitation.collaboration)


@rules.predicate
def is_post_author(user, post) -> bool:
    return post is not None and user.is_authenticated and post.author.user_id == user.pk


@rules.predicate
def leads_the_post_collaboration(user, post) -> bool:
    return post is not None and is_lead(user, post.collaboration)


@rules.predicate
def photo_is_public(user, photo) -> bool:
    return photo is not None and photo.post.files_are_public


@rules.predicate
def is_photo_collaboration_member(user, photo) -> bool:
    return photo is not None and bool(_roles(user, photo.post.collaboration))


@rules.predicate
def is_membership_teacher(user, membership) -> bool:
    return (
        membership is not None and user.is_authenticated and membership.teacher.user_id == user.pk
    )


# "My collaborations": every signed-in person has the page (a list of their own, maybe empty).
rules.add_perm("collaborations.view_own", rules.is_authenticated)
rules.add_perm("collaborations.propose", is_verified_teacher)
rules.add_perm("collaborations.view", is_public | is_member | is_asef_staff)
rules.add_perm("collaborations.edit", is_lead | is_asef_staff)
rules.add_perm("collaborations.request_join", is_verified_teacher & ~is_member & is_public)
rules.add_perm("collaborations.answer_requests", is_lead)
rules.add_perm("collaborations.view_member_contacts", is_member | is_asef_staff)
rules.add_perm("collaborations.name_co_leads", is_main_lead | is_asef_staff)
rules.add_perm("collaborations.remove_members", is_lead | is_asef_staff)
rules.add_perm("collaborations.post_diary", is_member)
# On a diary post: its author, or a lead (or co-lead) of its collaboration.
rules.add_perm("collaborations.delete_diary_post", is_post_author | leads_the_post_collaboration)
rules.add_perm("collaborations.change_diary_post", is_post_author | leads_the_post_collaboration)
# On a diary photo: anyone while its post is public (in a collaboration that is not a draft),
# otherwise the collaboration's members and staff, as for the post itself.
rules.add_perm(
    "collaborations.view_diary_photo",
    photo_is_public | is_photo_collaboration_member | is_asef_staff,
)
# On a membership: its school's teacher leaves for the school.
rules.add_perm("collaborations.leave", is_membership_teacher)
# Invitations: leads of a collaboration that takes partners invite verified teachers; the
# invited teacher answers; the leads withdraw; staff may look.
rules.add_perm("collaborations.invite", is_verified_teacher & is_lead & takes_partners)
rules.add_perm("collaborations.view_invitation", is_invitee | leads_the_invitation | is_asef_staff)
rules.add_perm("collaborations.answer_invitation", is_verified_teacher & is_invitee)
rules.add_perm("collaborations.withdraw_invitation", leads_the_invitation)


def why_not_join(user, collaboration: Collaboration, profile: TeacherProfile | None) -> str:
    """Why the person cannot ask to join, in words; "" when they can: not a teacher, not
    verified, already a member (collaborations.request_join), or what joining_refusal says."""
    if profile is None:
        return _(
            "Only teachers can ask to join a collaboration, for their school; your account is "
            "not a teacher's."
        )
    if not user.has_perm("collaborations.request_join", collaboration):
        if not profile.is_verified:
            return _(
                "Your account must be verified before you can join: ClassNet staff check that "
                "you teach at your school. See My ClassNet."
            )
        return _("Your school is already a member of this collaboration.")
    return joining_refusal(collaboration=collaboration, school_id=profile.school_id, own=True)


# --- What a page offers the user (its buttons and sections), from the permissions above -------
# Views ask these instead of calling has_perm themselves: every decision stays in this file.

PAGE_PERMISSIONS = ("edit", "request_join", "answer_requests", "view_member_contacts")


def collaboration_page_permissions(user, collaboration: Collaboration) -> dict[str, bool]:
    """{"edit": ..., "request_join": ..., "answer_requests": ..., "view_member_contacts": ...}
    for the collaboration's page."""
    return {
        name: user.has_perm(f"collaborations.{name}", collaboration) for name in PAGE_PERMISSIONS
    }


def may_propose(user) -> bool:
    return user.has_perm("collaborations.propose")


def may_invite_into(user, collaboration: Collaboration) -> bool:
    """For the invitation form: the collaboration the lead chose takes their invitation."""
    return user.has_perm("collaborations.invite", collaboration)


def invitation_page_permissions(user, invitation) -> dict[str, bool]:
    """What the invitation's page offers: answering (the invitee), withdrawing (the leads)."""
    return {
        "answer": invitation.is_pending
        and user.has_perm("collaborations.answer_invitation", invitation),
        "withdraw": invitation.is_pending
        and user.has_perm("collaborations.withdraw_invitation", invitation),
    }


def may_change_member(
    user, action: str | None, membership: Membership, collaboration: Collaboration
) -> bool:
    """Whether the user may take `action` on a member of the collaboration ("leave",
    "remove", "co_lead", "member"); with no valid action, whether they may act on that member
    at all (so that a bad form is an error message for them and a 404 for anyone else)."""
    allowed = {
        "leave": user.has_perm("collaborations.leave", membership),
        "remove": user.has_perm("collaborations.remove_members", collaboration),
        Membership.Role.CO_LEAD: user.has_perm("collaborations.name_co_leads", collaboration),
        "member": user.has_perm("collaborations.name_co_leads", collaboration),
    }
    if action is None:
        return allowed["leave"] or user.has_perm("collaborations.edit", collaboration)
    return allowed[action]
