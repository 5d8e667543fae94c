"""Every collaboration permission for every role, on an open collaboration and on a draft."""

import pytest
from django.contrib.auth.models import AnonymousUser

from collaborations.models import DiaryPost

from ..factories import (
    CollaborationFactory,
    CountryFactory,
    JudgeFactory,
    MembershipFactory,
    StaffFactory,
    TeacherProfileFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "unverified", "teacher", "member", "co_lead", "lead", "staff", "judge"]
TEACHERS = {"teacher", "member", "co_lead", "lead"}
MEMBERS = {"member", "co_lead", "lead"}

OPEN = {
    "collaborations.view": set(ROLES),
    "collaborations.edit": {"co_lead", "lead", "staff"},
    "collaborations.request_join": {"teacher"},
    "collaborations.answer_requests": {"co_lead", "lead"},
    "collaborations.view_member_contacts": MEMBERS | {"staff"},
    "collaborations.name_co_leads": {"lead", "staff"},
    "collaborations.remove_members": {"co_lead", "lead", "staff"},
    "collaborations.invite": {"co_lead", "lead"},
    "collaborations.post_diary": MEMBERS,
}
DRAFT = OPEN | {
    "collaborations.view": MEMBERS | {"staff"},
    "collaborations.request_join": set(),
    "collaborations.invite": set(),
}


def setup(status: str):
    """A collaboration in `status` and one user per role towards it."""
    lead = TeacherProfileFactory()
    collaboration = CollaborationFactory(lead=lead, status=status)
    japan = CountryFactory(code="JP")
    member = MembershipFactory(
        collaboration=collaboration, teacher=TeacherProfileFactory(user__country=japan)
    )
    co_lead = MembershipFactory(collaboration=collaboration, role="co_lead")
    users = {
        "anonymous": AnonymousUser(),
        "unverified": TeacherProfileFactory(pending=True).user,
        "teacher": TeacherProfileFactory(user__country=japan).user,
        "member": member.teacher.user,
        "co_lead": co_lead.teacher.user,
        "lead": lead.user,
        "staff": StaffFactory(),
        "judge": JudgeFactory(),
    }
    return collaboration, users


@pytest.mark.parametrize("role", ROLES)
def test_propose_is_for_verified_teachers(role):
    _collaboration, users = setup("open")

    assert users[role].has_perm("collaborations.propose") is (role in TEACHERS)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("permission", sorted(OPEN))
def test_permission_on_an_open_collaboration(role, permission):
    collaboration, users = setup("open")

    assert users[role].has_perm(permission, collaboration) is (role in OPEN[permission])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("permission", sorted(DRAFT))
def test_permission_on_a_draft(role, permission):
    collaboration, users = setup("draft")

    assert users[role].has_perm(permission, collaboration) is (role in DRAFT[permission])


@pytest.mark.parametrize("status", ["running", "completed", "archived"])
def test_closed_collaborations_are_public_and_joinable_only_by_rule(status):
    """request_join is about who may ask; whether places or status allow it is the service's."""
    collaboration, users = setup(status)

    assert [
        role for role in ROLES if users[role].has_perm("collaborations.view", collaboration)
    ] == ROLES
    assert [
        role for role in ROLES if users[role].has_perm("collaborations.request_join", collaboration)
    ] == ["teacher"]


def test_a_member_who_loses_verification_may_no_longer_ask_nor_propose():
    collaboration, users = setup("open")
    profile = users["member"].teacher_profile
    profile.verification = "pending"
    profile.save()
    user = type(users["member"]).objects.get(pk=users["member"].pk)

    assert user.has_perm("collaborations.propose") is False
    assert user.has_perm("collaborations.view_member_contacts", collaboration) is True


def test_permissions_without_an_object_are_refused():
    _collaboration, users = setup("open")

    assert users["lead"].has_perm("collaborations.edit") is False
    assert users["staff"].has_perm("collaborations.view") is True
    assert users["lead"].has_perm("collaborations.answer_requests") is False


@pytest.mark.parametrize("status", ["running", "completed", "archived"])
def test_only_collaborations_open_for_partners_invite(status):
    collaboration, users = setup(status)

    assert [r for r in ROLES if users[r].has_perm("collaborations.invite", collaboration)] == []


def test_a_full_collaboration_does_not_invite():
    collaboration, users = setup("open")
    collaboration.partner_schools_wanted = 2  # the member and the co-lead fill it
    collaboration.save()

    assert [r for r in ROLES if users[r].has_perm("collaborations.invite", collaboration)] == []


INVITATION_ROLES = ["anonymous", "invitee", "other_teacher", "member", "co_lead", "lead"]
INVITATION_ROLES += ["staff", "judge"]
INVITATION = {
    "collaborations.view_invitation": {"invitee", "co_lead", "lead", "staff"},
    "collaborations.answer_invitation": {"invitee"},
    "collaborations.withdraw_invitation": {"co_lead", "lead"},
}


@pytest.mark.parametrize("role", INVITATION_ROLES)
@pytest.mark.parametrize("permission", sorted(INVITATION))
def test_invitation_permission_for_every_role(role, permission):
    from ..factories import InvitationFactory

    collaboration, users = setup("open")
    invitation = InvitationFactory(
        collaboration=collaboration,
        invitee=TeacherProfileFactory(user__country=CountryFactory(code="JP")),
    )
    users |= {
        "invitee": invitation.invitee.user,
        "other_teacher": TeacherProfileFactory(user__country=CountryFactory(code="JP")).user,
    }

    assert users[role].has_perm(permission, invitation) is (role in INVITATION[permission])


def test_an_invitee_who_loses_verification_may_no_longer_answer():
    from ..factories import InvitationFactory

    invitation = InvitationFactory(invitee=TeacherProfileFactory(pending=True))

    assert invitation.invitee.user.has_perm("collaborations.view_invitation", invitation)
    assert not invitation.invitee.user.has_perm("collaborations.answer_invitation", invitation)


@pytest.mark.parametrize("role", ROLES)
def test_my_collaborations_page_is_for_everyone_signed_in(role):
    _collaboration, users = setup("open")

    assert users[role].has_perm("collaborations.view_own") is (role != "anonymous")


# On a diary post written by the member: its author and the leads delete it (staff do not).
DIARY_POST = {"collaborations.delete_diary_post": {"member", "co_lead", "lead"}}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("permission", sorted(DIARY_POST))
def test_diary_post_permission_for_every_role(role, permission):
    collaboration, users = setup("open")
    member = users["member"].teacher_profile
    post = DiaryPost.objects.create(
        collaboration=collaboration, author=member, school=member.school, text="Our river"
    )

    assert users[role].has_perm(permission, post) is (role in DIARY_POST[permission])


# On the member's membership: only its teacher leaves for the school.
MEMBERSHIP = {"collaborations.leave": {"member"}}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("permission", sorted(MEMBERSHIP))
def test_membership_permission_for_every_role(role, permission):
    collaboration, users = setup("open")
    membership = collaboration.memberships.get(teacher__user=users["member"])

    assert users[role].has_perm(permission, membership) is (role in MEMBERSHIP[permission])


@pytest.mark.parametrize("role", ROLES)
def test_the_page_asks_the_same_permissions_the_table_gives(role):
    from collaborations.rules import PAGE_PERMISSIONS, collaboration_page_permissions

    collaboration, users = setup("open")

    may = collaboration_page_permissions(users[role], collaboration)

    assert may == {name: role in OPEN[f"collaborations.{name}"] for name in PAGE_PERMISSIONS}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("member", {"leave": True, "remove": False, "co_lead": False, "member": False, None: True}),
        ("lead", {"leave": False, "remove": True, "co_lead": True, "member": True, None: True}),
        (
            "teacher",
            {"leave": False, "remove": False, "co_lead": False, "member": False, None: False},
        ),
        ("staff", {"leave": False, "remove": True, "co_lead": True, "member": True, None: True}),
    ],
)
def test_who_may_change_a_member_by_action(role, expected):
    from collaborations.rules import may_change_member

    collaboration, users = setup("open")
    membership = collaboration.memberships.get(teacher__user=users["member"])

    assert {
        action: may_change_member(users[role], action, membership, collaboration)
        for action in expected
    } == expected
