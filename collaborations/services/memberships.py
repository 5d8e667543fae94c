"""Writes for memberships: a member school leaves, a lead removes one, the lead names co-leads.
Each is audited on the collaboration."""

from django.db import transaction
from django.utils.translation import gettext as _

from core.audit.services import audit_record
from teachers.models import User

from ..errors import CollaborationError
from ..models import Membership


@transaction.atomic
def membership_leave(*, membership: Membership, by: User) -> None:
    """A member school leaves. The lead cannot leave the collaboration they lead."""
    membership = Membership.objects.select_related("teacher").get(pk=membership.pk)
    if membership.role == Membership.Role.LEAD:
        raise CollaborationError(_("The lead cannot leave: archive the collaboration instead."))
    if membership.teacher.user_id != by.pk:
        raise CollaborationError(_("Only the member's teacher can leave for their school."))
    audit_record(actor=by, action="membership.left", target=membership.collaboration)
    membership.delete()


@transaction.atomic
def membership_remove(*, membership: Membership, by: User, reason: str = "") -> None:
    """A lead removes a member school (never the lead's own)."""
    membership = Membership.objects.select_related("collaboration").get(pk=membership.pk)
    if membership.role == Membership.Role.LEAD:
        raise CollaborationError(_("The lead's school cannot be removed."))
    audit_record(
        actor=by, action="membership.removed", target=membership.collaboration, note=reason
    )
    membership.delete()


@transaction.atomic
def co_lead_set(*, membership: Membership, by: User, co_lead: bool) -> Membership:
    """The lead names a member's teacher co-lead (or takes it back)."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.role == Membership.Role.LEAD:
        raise CollaborationError(_("The lead already leads."))
    membership.role = Membership.Role.CO_LEAD if co_lead else Membership.Role.MEMBER
    membership.save(update_fields=["role"])
    audit_record(
        actor=by,
        action="membership.co_lead" if co_lead else "membership.member",
        target=membership.collaboration,
    )
    return membership
