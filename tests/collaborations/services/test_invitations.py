"""Invitations: a lead invites a verified teacher, the teacher accepts or declines, a lead
withdraws. The rules are a join request's; e-mails leave once, after commit."""

import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from collaborations.errors import CollaborationError
from collaborations.models import Invitation, JoinRequest, Membership
from collaborations.services.invitations import (
    invitation_accept,
    invitation_create,
    invitation_decline,
    invitation_withdraw,
)
from collaborations.services.join_requests import join_request_create

from ...factories import (
    CollaborationFactory,
    CountryFactory,
    InvitationFactory,
    MembershipFactory,
    TeacherProfileFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead():
    return TeacherProfileFactory(user__email="lead@school.example", user__full_name="Liisa Lead")


@pytest.fixture
def collaboration(lead):
    """Open, led from Finland, 3 places, none taken."""
    return CollaborationFactory(lead=lead, title="Rivers of two continents")


@pytest.fixture
def invitee():
    return TeacherProfileFactory(
        user__email="kenji@school.example",
        user__full_name="Kenji Tanaka",
        user__country=CountryFactory(code="JP"),
    )


def invite(collaboration, invitee, by, message="Your class would fit our river project."):
    return invitation_create(collaboration=collaboration, invitee=invitee, by=by, message=message)


def test_invitation_create_e_mails_the_invitee_once_after_commit_with_a_link(
    collaboration, invitee, lead, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invitation = invite(collaboration, invitee, lead.user, message="  Join us!  ")
        assert mail.outbox == []
    for callback in callbacks:
        callback()

    assert (invitation.status, invitation.message, invitation.school, invitation.invited_by) == (
        "pending",
        "Join us!",
        invitee.school,
        lead.user,
    )
    [message] = mail.outbox
    assert message.to == ["kenji@school.example"]
    assert message.subject == (
        f'[ClassNet] Liisa Lead invites {invitee.school.name} to "Rivers of two continents"'
    )
    assert f"/collaborations/invitations/{invitation.pk}/" in message.body
    assert "Join us!" in message.body


def test_invitation_create_rolled_back_sends_nothing(
    collaboration, invitee, lead, django_capture_on_commit_callbacks
):
    def invite_then_fail():
        with transaction.atomic():
            invite(collaboration, invitee, lead.user)
            raise RuntimeError

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        invite_then_fail()

    assert mail.outbox == []
    assert not Invitation.objects.exists()


def test_a_co_lead_may_invite(collaboration, invitee):
    co_lead = MembershipFactory(
        collaboration=collaboration,
        role="co_lead",
        teacher__user__country=CountryFactory(code="JP"),
    )

    assert invite(collaboration, invitee, co_lead.teacher.user).status == "pending"


@pytest.mark.parametrize("who", ["member", "other_teacher", "unverified_lead"])
def test_only_verified_leads_may_invite(collaboration, invitee, lead, who):
    if who == "member":
        by = MembershipFactory(collaboration=collaboration).teacher.user
        message = "Only the leads of a collaboration can invite teachers to it."
    elif who == "other_teacher":
        by = TeacherProfileFactory().user
        message = "Only the leads of a collaboration can invite teachers to it."
    else:
        lead.verification = "pending"
        lead.save()
        by = lead.user
        message = "Only teachers whose school staff have verified can do this. See My ClassNet."

    with pytest.raises(CollaborationError, match=message):
        invite(collaboration, invitee, by)
    assert not Invitation.objects.exists()


def _fill(collaboration):
    for _ in range(collaboration.partner_schools_wanted):
        MembershipFactory(collaboration=collaboration)


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("running", "Only a collaboration open for partners can invite teachers. Open it first."),
        ("full", "This collaboration is full: all its places are taken."),
        ("unverified", "Only verified teachers can be invited."),
        ("member", "This teacher's school is already a member of this collaboration."),
        ("requested", "A request from this teacher's school is already waiting for your answer"),
        ("invited", "This teacher's school is already invited to this collaboration."),
        ("colleague_invited", "This teacher's school is already invited to this collaboration."),
        ("wrong_region", "This collaboration looks for partners from Europe."),
        ("last_place", "The last place is for a school from Asia"),
        ("no_message", "Write a few words to the teacher about your collaboration."),
    ],
)
def test_invitation_create_follows_the_join_rules(collaboration, invitee, lead, setup, message):
    text = "Hello"
    if setup == "running":
        collaboration.status = "running"
        collaboration.save()
    elif setup == "full":
        _fill(collaboration)
    elif setup == "unverified":
        invitee.verification = "pending"
        invitee.save()
    elif setup == "member":
        MembershipFactory(collaboration=collaboration, teacher=invitee)
    elif setup == "requested":
        colleague = TeacherProfileFactory(
            school=invitee.school, user__country=invitee.school.country
        )
        join_request_create(
            collaboration=collaboration, by=colleague.user, student_count=20, message="Hi"
        )
    elif setup == "invited":
        invite(collaboration, invitee, lead.user)
    elif setup == "colleague_invited":
        colleague = TeacherProfileFactory(
            school=invitee.school, user__country=invitee.school.country
        )
        invite(collaboration, colleague, lead.user)
    elif setup == "wrong_region":
        collaboration.wanted_region = "europe"
        collaboration.save()
    elif setup == "last_place":
        # two European partners in: the last place must go to Asia for the Awards
        MembershipFactory(collaboration=collaboration)
        MembershipFactory(collaboration=collaboration)
        invitee = TeacherProfileFactory()
    else:
        text = "   "
    before = Invitation.objects.count()

    with pytest.raises(CollaborationError, match=message):
        invite(collaboration, invitee, lead.user, message=text)
    assert Invitation.objects.count() == before


def test_the_database_keeps_one_pending_invitation_per_school_and_per_teacher(
    collaboration, invitee
):
    InvitationFactory(collaboration=collaboration, invitee=invitee)
    colleague = TeacherProfileFactory(school=invitee.school)

    with pytest.raises(IntegrityError), transaction.atomic():
        InvitationFactory(collaboration=collaboration, invitee=colleague)
    with pytest.raises(IntegrityError), transaction.atomic():
        InvitationFactory(
            collaboration=collaboration, invitee=invitee, school=TeacherProfileFactory().school
        )
    Invitation.objects.update(status="declined")
    assert InvitationFactory(collaboration=collaboration, invitee=invitee).is_pending


def test_a_teacher_whose_school_is_invited_cannot_also_ask_to_join(collaboration, invitee, lead):
    invite(collaboration, invitee, lead.user)

    with pytest.raises(CollaborationError, match="Your school is already invited"):
        join_request_create(
            collaboration=collaboration, by=invitee.user, student_count=20, message="Hi"
        )
    assert not JoinRequest.objects.exists()


def test_invitation_accept_makes_the_school_a_member_and_tells_the_leads(
    collaboration, invitee, lead, django_capture_on_commit_callbacks
):
    co_lead = MembershipFactory(collaboration=collaboration, role="co_lead")
    invitation = invite(collaboration, invitee, lead.user)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        membership = invitation_accept(invitation=invitation, by=invitee.user, student_count=24)

    assert (membership.school, membership.teacher, membership.role, membership.student_count) == (
        invitee.school,
        invitee,
        "member",
        24,
    )
    invitation.refresh_from_db()
    assert invitation.status == "accepted"
    assert invitation.decided_at is not None
    [message] = mail.outbox
    assert sorted(message.to) == sorted(["lead@school.example", co_lead.teacher.user.email])
    assert message.subject == (
        f'[ClassNet] {invitee.school.name} accepted your invitation to "Rivers of two continents"'
    )


def test_invitation_accept_refuses_when_the_places_ran_out_meanwhile(collaboration, invitee, lead):
    invitation = invite(collaboration, invitee, lead.user)
    _fill(collaboration)

    with pytest.raises(CollaborationError, match="All places are taken meanwhile"):
        invitation_accept(invitation=invitation, by=invitee.user, student_count=24)
    assert not Membership.objects.filter(school=invitee.school).exists()
    invitation.refresh_from_db()
    assert invitation.status == "pending"


@pytest.mark.parametrize("who", ["lead", "colleague"])
def test_only_the_invitee_answers(collaboration, invitee, lead, who):
    invitation = invite(collaboration, invitee, lead.user)
    by = lead.user if who == "lead" else TeacherProfileFactory(school=invitee.school).user

    with pytest.raises(CollaborationError, match="Only the invited teacher"):
        invitation_accept(invitation=invitation, by=by, student_count=20)
    with pytest.raises(CollaborationError, match="Only the invited teacher"):
        invitation_decline(invitation=invitation, by=by)
    invitation.refresh_from_db()
    assert invitation.status == "pending"


def test_an_invitee_who_changed_school_cannot_accept_for_the_old_one(collaboration, invitee, lead):
    invitation = invite(collaboration, invitee, lead.user)
    invitee.school = TeacherProfileFactory().school
    invitee.save()

    with pytest.raises(CollaborationError, match="where you are no longer verified"):
        invitation_accept(invitation=invitation, by=invitee.user, student_count=20)


def test_invitation_decline_tells_the_leads_and_frees_nothing(
    collaboration, invitee, lead, django_capture_on_commit_callbacks
):
    invitation = invite(collaboration, invitee, lead.user)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        invitation_decline(invitation=invitation, by=invitee.user)

    invitation.refresh_from_db()
    assert invitation.status == "declined"
    [message] = mail.outbox
    assert message.to == ["lead@school.example"]
    assert message.subject == (
        f'[ClassNet] {invitee.school.name} declined your invitation to "Rivers of two continents"'
    )
    assert not Membership.objects.filter(school=invitee.school).exists()


def test_an_answered_invitation_cannot_be_answered_again(collaboration, invitee, lead):
    invitation = invite(collaboration, invitee, lead.user)
    invitation_decline(invitation=invitation, by=invitee.user)

    with pytest.raises(CollaborationError, match="answered or withdrawn already"):
        invitation_accept(invitation=invitation, by=invitee.user, student_count=20)
    with pytest.raises(CollaborationError, match="answered or withdrawn already"):
        invitation_withdraw(invitation=invitation, by=lead.user)


def test_invitation_withdraw_is_for_the_leads(collaboration, invitee, lead):
    invitation = invite(collaboration, invitee, lead.user)
    member = MembershipFactory(collaboration=collaboration).teacher.user

    with pytest.raises(CollaborationError, match="Only the collaboration's leads"):
        invitation_withdraw(invitation=invitation, by=member)
    with pytest.raises(CollaborationError, match="Only the collaboration's leads"):
        invitation_withdraw(invitation=invitation, by=invitee.user)
    invitation_withdraw(invitation=invitation, by=lead.user)

    invitation.refresh_from_db()
    assert invitation.status == "withdrawn"
    with pytest.raises(CollaborationError, match="answered or withdrawn already"):
        invitation_accept(invitation=invitation, by=invitee.user, student_count=20)
