"""Reads about memberships: the places taken, why a school cannot join now, the leads'
addresses, one membership of a collaboration."""

from django.utils.translation import gettext as _

from teachers.models import TeacherProfile

from ..models import Collaboration, Invitation, JoinRequest, Membership


def partner_count(*, collaboration: Collaboration) -> int:
    """Schools in the collaboration besides the lead's: what counts against the places."""
    return collaboration.memberships.exclude(role=Membership.Role.LEAD).count()


def joining_refusal(*, collaboration: Collaboration, school_id: int, own: bool) -> str:
    """Why a school cannot join the collaboration now, "" when it can: the rules a join request
    and an invitation share. `own`: said to the school's teacher (else to a lead). Call it with
    the collaboration row locked, as the services do."""
    if not collaboration.accepts_requests:
        return _("This collaboration does not take new partners now.")
    if collaboration.memberships.filter(school=school_id).exists():
        if own:
            return _("Your school is already a member of this collaboration.")
        return _("This teacher's school is already a member of this collaboration.")
    if collaboration.join_requests.filter(
        school=school_id, status=JoinRequest.Status.PENDING
    ).exists():
        if own:
            return _("A request for your school is already waiting for the leads' answer.")
        return _(
            "A request from this teacher's school is already waiting for your answer: answer it "
            "on the collaboration's page."
        )
    if Invitation.objects.filter(
        collaboration=collaboration, school=school_id, status=Invitation.Status.PENDING
    ).exists():
        if own:
            return _(
                "Your school is already invited to this collaboration: answer the invitation "
                "from My ClassNet."
            )
        return _("This teacher's school is already invited to this collaboration.")
    if partner_count(collaboration=collaboration) >= collaboration.partner_schools_wanted:
        return _("This collaboration is full: all its places are taken.")
    return ""


def leads_emails(collaboration: Collaboration) -> list[str]:
    return list(
        collaboration.memberships.filter(
            role__in=[Membership.Role.LEAD, Membership.Role.CO_LEAD],
            teacher__user__is_active=True,
        ).values_list("teacher__user__email", flat=True)
    )


def membership_of(*, collaboration: Collaboration, pk: int) -> Membership:
    """One membership of the collaboration with its school and teacher. Raises
    Membership.DoesNotExist."""
    return Membership.objects.select_related("school", "teacher__user").get(
        pk=pk, collaboration=collaboration
    )


def teacher_profile_of(*, user) -> TeacherProfile | None:
    """The person's teacher profile with school and country; None for visitors, staff and
    judges."""
    if not user.is_authenticated:
        return None
    return (
        TeacherProfile.objects.select_related("school__country", "user").filter(user=user).first()
    )
