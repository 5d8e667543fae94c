"""Writes for invitations: a lead invites a verified teacher found in the directory, the teacher
accepts or declines, a lead withdraws it.

The rules are a join request's (selectors.memberships.joining_refusal): the collaboration takes
partners, the school is not a member, nothing else waits for it, a place is left.
Accepting locks the collaboration row and counts the members from the rows, as accepting a
join request does: invitations accepted at the same moment never take it past its places.
E-mails go through the outbox, after commit.
"""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit.services import audit_record
from core.mail import absolute_url, send_templated_email
from schools.models import Region
from teachers.models import TeacherProfile, User

from ..errors import CollaborationError
from ..models import Collaboration, Invitation, Membership, WantedRegion
from ..selectors.memberships import joining_refusal, leads_emails, partner_count
from .collaborations import _lead_profile

LEADS = [Membership.Role.LEAD, Membership.Role.CO_LEAD]


def _region_refusal(*, collaboration: Collaboration, school_region: str) -> str:
    """An invitation goes to a school from the region the lead asked partners from; and the last
    place goes to the region still missing, so that the collaboration can be bi-regional."""
    if collaboration.wanted_region not in {WantedRegion.ANY, school_region}:
        return _("This collaboration looks for partners from %(region)s.") % {
            "region": Region(collaboration.wanted_region).label
        }
    places_left = collaboration.partner_schools_wanted - partner_count(collaboration=collaboration)
    present = set(
        collaboration.memberships.values_list("school__country__region", flat=True).distinct()
    )
    missing = {Region.ASIA.value, Region.EUROPE.value} - present
    if places_left == 1 and missing and school_region not in missing:
        return _(
            "The last place is for a school from %(region)s: without one the collaboration "
            "is not bi-regional and cannot enter the Awards."
        ) % {"region": Region(missing.pop()).label}
    return ""


@transaction.atomic
def invitation_create(
    *, collaboration: Collaboration, invitee: TeacherProfile, by: User, message: str
) -> Invitation:
    """A lead or co-lead invites a verified teacher's school; the teacher is told by e-mail."""
    _lead_profile(by)
    collaboration = Collaboration.objects.select_for_update().get(pk=collaboration.pk)
    if not collaboration.memberships.filter(teacher__user=by, role__in=LEADS).exists():
        raise CollaborationError(_("Only the leads of a collaboration can invite teachers to it."))
    if collaboration.status != Collaboration.Status.OPEN:
        raise CollaborationError(
            _("Only a collaboration open for partners can invite teachers. Open it first.")
        )
    invitee = (
        TeacherProfile.objects.verified()
        .select_related("user", "school__country")
        .filter(pk=invitee.pk)
        .first()
    )
    if invitee is None:
        raise CollaborationError(_("Only verified teachers can be invited."))
    refusal = joining_refusal(
        collaboration=collaboration, school_id=invitee.school_id, own=False
    ) or _region_refusal(collaboration=collaboration, school_region=invitee.school.country.region)
    if refusal:
        raise CollaborationError(refusal)
    if not message.strip():
        raise CollaborationError(_("Write a few words to the teacher about your collaboration."))
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                collaboration=collaboration,
                invitee=invitee,
                school=invitee.school,
                invited_by=by,
                message=message.strip(),
            )
    except IntegrityError as error:
        raise CollaborationError(
            _("This teacher's school is already invited to this collaboration.")
        ) from error
    audit_record(actor=by, action="collaborations.invitation.created", target=invitation)
    send_templated_email(
        template="invitation_sent",
        to=[invitee.user.email],
        context={
            "collaboration": collaboration,
            "invitation": invitation,
            "inviter": by,
            "url": absolute_url(invitation.get_absolute_url()),
        },
    )
    return invitation


def _pending(invitation: Invitation) -> Invitation:
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("invitee__user", "school", "collaboration", "invited_by")
        .get(pk=invitation.pk)
    )
    if invitation.status != Invitation.Status.PENDING:
        raise CollaborationError(_("This invitation has been answered or withdrawn already."))
    return invitation


def _tell_leads(invitation: Invitation, *, template: str) -> None:
    to = leads_emails(invitation.collaboration)
    if invitation.invited_by and invitation.invited_by.is_active:
        to = list(dict.fromkeys([invitation.invited_by.email, *to]))
    if to:
        send_templated_email(
            template=template,
            to=to,
            context={
                "collaboration": invitation.collaboration,
                "invitation": invitation,
                "url": absolute_url(invitation.collaboration.get_absolute_url()),
                "directory_url": absolute_url(reverse("teachers:directory")),
            },
        )


@transaction.atomic
def invitation_accept(*, invitation: Invitation, by: User, student_count: int) -> Membership:
    """The invited teacher accepts: their school becomes a member, unless the places ran out.

    The collaboration row is locked first, then the members are counted from the rows (as in
    join_request_accept): two teachers accepting at once cannot take it past its places.
    """
    collaboration = Collaboration.objects.select_for_update().get(pk=invitation.collaboration_id)
    invitation = _pending(invitation)
    invitee = invitation.invitee
    if invitee.user_id != by.pk:
        raise CollaborationError(_("Only the invited teacher can answer the invitation."))
    if not invitee.is_verified or invitee.school_id != invitation.school_id:
        raise CollaborationError(
            _("This invitation is for %(school)s, where you are no longer verified.")
            % {"school": invitation.school}
        )
    if not collaboration.accepts_requests:
        raise CollaborationError(_("This collaboration does not take new partners now."))
    if collaboration.memberships.filter(school=invitation.school_id).exists():
        raise CollaborationError(_("Your school is already a member of this collaboration."))
    if partner_count(collaboration=collaboration) >= collaboration.partner_schools_wanted:
        raise CollaborationError(
            _("All places are taken meanwhile: the invitation can no longer be accepted.")
        )
    if not 1 <= student_count <= 500:
        raise CollaborationError(_("Give the number of your students taking part, 1 to 500."))
    membership = Membership.objects.create(
        collaboration=collaboration,
        school=invitation.school,
        teacher=invitee,
        student_count=student_count,
    )
    invitation.status = Invitation.Status.ACCEPTED
    invitation.decided_at = timezone.now()
    invitation.save(update_fields=["status", "decided_at"])
    audit_record(actor=by, action="collaborations.invitation.accepted", target=invitation)
    _tell_leads(invitation, template="invitation_accepted")
    return membership


@transaction.atomic
def invitation_decline(*, invitation: Invitation, by: User) -> Invitation:
    """The invited teacher declines; the leads are told."""
    invitation = _pending(invitation)
    if invitation.invitee.user_id != by.pk:
        raise CollaborationError(_("Only the invited teacher can answer the invitation."))
    invitation.status = Invitation.Status.DECLINED
    invitation.decided_at = timezone.now()
    invitation.save(update_fields=["status", "decided_at"])
    audit_record(actor=by, action="collaborations.invitation.declined", target=invitation)
    _tell_leads(invitation, template="invitation_declined")
    return invitation


@transaction.atomic
def invitation_withdraw(*, invitation: Invitation, by: User) -> Invitation:
    """A lead or co-lead takes the invitation back before the teacher answers."""
    invitation = _pending(invitation)
    if not invitation.collaboration.memberships.filter(teacher__user=by, role__in=LEADS).exists():
        raise CollaborationError(_("Only the collaboration's leads can withdraw an invitation."))
    invitation.status = Invitation.Status.WITHDRAWN
    invitation.decided_at = timezone.now()
    invitation.save(update_fields=["status", "decided_at"])
    audit_record(actor=by, action="collaborations.invitation.withdrawn", target=invitation)
    return invitation
