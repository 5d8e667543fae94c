"""collaborations/services/memberships.py: leave, remove, co-leads (and the places they count)."""

import re

import pytest

from collaborations.errors import CollaborationError
from collaborations.models import Membership
from collaborations.selectors.memberships import partner_count
from collaborations.services.memberships import co_lead_set, membership_leave, membership_remove
from core.audit.models import AuditEntry

from ...factories import (
    MembershipFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db


def test_membership_leave_by_its_teacher(collaboration):
    membership = MembershipFactory(collaboration=collaboration)

    membership_leave(membership=membership, by=membership.teacher.user)

    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEntry.objects.filter(action="membership.left").count() == 1


def test_membership_leave_by_someone_else_changes_nothing(collaboration, lead):
    membership = MembershipFactory(collaboration=collaboration)

    with pytest.raises(CollaborationError, match="Only the member's teacher"):
        membership_leave(membership=membership, by=lead.user)

    assert Membership.objects.filter(pk=membership.pk).exists()


def test_membership_leave_the_lead_cannot(collaboration, lead):
    own = collaboration.memberships.get(role="lead")

    with pytest.raises(CollaborationError, match="The lead cannot leave"):
        membership_leave(membership=own, by=lead.user)

    assert Membership.objects.filter(pk=own.pk).exists()


def test_membership_remove_records_who_and_why(collaboration, lead):
    membership = MembershipFactory(collaboration=collaboration)

    membership_remove(membership=membership, by=lead.user, reason="Silent for months.")

    assert not Membership.objects.filter(pk=membership.pk).exists()
    entry = AuditEntry.objects.get(action="membership.removed")
    assert (entry.actor, entry.note) == (lead.user, "Silent for months.")


def test_membership_remove_the_lead_cannot_be_removed(collaboration, lead):
    own = collaboration.memberships.get(role="lead")

    with pytest.raises(CollaborationError, match=re.escape("The lead's school cannot be removed.")):
        membership_remove(membership=own, by=StaffFactory())

    assert Membership.objects.filter(pk=own.pk).exists()


def test_co_lead_set_and_unset(collaboration, lead):
    membership = MembershipFactory(collaboration=collaboration)

    co_lead_set(membership=membership, by=lead.user, co_lead=True)
    membership.refresh_from_db()
    named = membership.role
    co_lead_set(membership=membership, by=lead.user, co_lead=False)
    membership.refresh_from_db()

    assert (named, membership.role) == ("co_lead", "member")
    assert list(
        AuditEntry.objects.order_by("pk")
        .values_list("action", flat=True)
        .filter(action__startswith="membership.")
    ) == ["membership.co_lead", "membership.member"]


def test_co_lead_set_on_the_lead_changes_nothing(collaboration, lead):
    own = collaboration.memberships.get(role="lead")

    with pytest.raises(CollaborationError, match=re.escape("The lead already leads.")):
        co_lead_set(membership=own, by=lead.user, co_lead=False)

    own.refresh_from_db()
    assert own.role == "lead"


def test_partner_count_leaves_the_lead_out(collaboration):
    MembershipFactory(collaboration=collaboration, role="co_lead")
    MembershipFactory(collaboration=collaboration)

    assert partner_count(collaboration=collaboration) == 2
