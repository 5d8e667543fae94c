"""Leaving, removing and naming co-leads over HTTP (collaborations/views/members.py), for every
role."""

import pytest
from django.urls import reverse

from collaborations.models import Membership
from core.audit.models import AuditEntry

from ...factories import MembershipFactory
from ._helpers import client_as, member_of, messages_of, person

pytestmark = pytest.mark.django_db


# --- members --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "action", "status", "still_member", "role_after"),
    [
        ("anonymous", "remove", 302, True, "member"),
        ("unverified", "remove", 404, True, "member"),
        ("teacher", "remove", 404, True, "member"),
        ("teacher", "leave", 404, True, "member"),
        ("judge", "remove", 404, True, "member"),
        ("member", "leave", 302, False, None),
        ("member", "co_lead", 404, True, "member"),
        ("lead", "remove", 302, False, None),
        ("lead", "leave", 404, True, "member"),
        ("lead", "co_lead", 302, True, "co_lead"),
        ("staff", "remove", 302, False, None),
        ("staff", "co_lead", 302, True, "co_lead"),
        ("staff", "leave", 404, True, "member"),
    ],
)
def test_member_actions_for_every_role(
    client, collaboration, role, action, status, still_member, role_after
):
    membership = member_of(collaboration)
    client = client_as(client, person(role, collaboration))

    response = client.post(
        reverse("collaborations:member", args=[collaboration.pk, membership.pk]),
        {"action": action, "reason": "Did not answer for months."},
    )

    assert response.status_code == status
    after = Membership.objects.filter(pk=membership.pk).first()
    assert (after is not None) is still_member
    assert (after.role if after else None) == role_after


def test_leave_by_the_member(client, collaboration):
    membership = member_of(collaboration)
    client.force_login(membership.teacher.user)

    response = client.post(
        reverse("collaborations:member", args=[collaboration.pk, membership.pk]),
        {"action": "leave"},
    )

    assert response["Location"] == collaboration.get_absolute_url()
    assert messages_of(response) == ["Your school has left Rivers of two continents."]
    assert list(collaboration.memberships.values_list("role", flat=True)) == ["lead"]


def test_the_lead_cannot_leave_nor_be_removed(client, collaboration, lead):
    own = member_of(collaboration, Membership.Role.LEAD)
    client.force_login(lead.user)
    url = reverse("collaborations:member", args=[collaboration.pk, own.pk])

    left = client.post(url, {"action": "leave"})
    removed = client.post(url, {"action": "remove"})

    assert messages_of(left) == ["The lead cannot leave: archive the collaboration instead."]
    assert messages_of(removed)[-1:] == ["The lead's school cannot be removed."]
    assert Membership.objects.filter(pk=own.pk).exists()


def test_remove_by_the_lead_records_the_reason(client, collaboration, lead):
    membership = member_of(collaboration)
    client.force_login(lead.user)

    response = client.post(
        reverse("collaborations:member", args=[collaboration.pk, membership.pk]),
        {"action": "remove", "reason": "Never came to a session."},
    )

    assert messages_of(response) == [
        f"{membership.school} is no longer a member of Rivers of two continents."
    ]
    assert not Membership.objects.filter(pk=membership.pk).exists()
    entry = AuditEntry.objects.filter(action="membership.removed").get()
    assert (entry.actor, entry.note) == (lead.user, "Never came to a session.")


def test_a_co_lead_answers_requests_and_removes_but_does_not_name_co_leads(
    client, collaboration, join_request
):
    co_lead = member_of(collaboration)
    Membership.objects.filter(pk=co_lead.pk).update(role="co_lead")
    third = MembershipFactory(collaboration=collaboration)
    client.force_login(co_lead.teacher.user)
    member_url = reverse("collaborations:member", args=[collaboration.pk, third.pk])

    named = client.post(member_url, {"action": "co_lead"})
    accepted = client.post(
        reverse("collaborations:answer", args=[collaboration.pk, join_request.pk]),
        {"action": "accept"},
    )
    removed = client.post(member_url, {"action": "remove"})

    assert named.status_code == 404
    assert accepted.status_code == 302
    join_request.refresh_from_db()
    assert join_request.status == "accepted"
    assert removed.status_code == 302
    assert not Membership.objects.filter(pk=third.pk).exists()


def test_the_lead_names_and_unnames_a_co_lead(client, collaboration, lead):
    membership = member_of(collaboration)
    client.force_login(lead.user)
    url = reverse("collaborations:member", args=[collaboration.pk, membership.pk])

    named = client.post(url, {"action": "co_lead"})
    membership.refresh_from_db()
    role_named = membership.role
    client.post(url, {"action": "member"})
    membership.refresh_from_db()

    assert (role_named, membership.role) == ("co_lead", "member")
    assert messages_of(named) == [
        f"Mika Member of {membership.school} is now a co-lead: they can answer join requests."
    ]


def test_member_action_with_a_bad_action_changes_nothing(client, collaboration, lead):
    membership = member_of(collaboration)
    client.force_login(lead.user)

    response = client.post(
        reverse("collaborations:member", args=[collaboration.pk, membership.pk]),
        {"action": "promote"},
    )

    assert response["Location"] == collaboration.get_absolute_url()
    assert messages_of(response) == [
        "Select a valid choice. promote is not one of the available choices."
    ]
    membership.refresh_from_db()
    assert membership.role == "member"
