"""The entry page (awards/views/entries.py: entry): who sees it and what it offers."""

import pytest
from django.urls import reverse

from awards.models import Entry
from collaborations.models import Membership
from tests.awards._entries import (
    collaboration_led_by,
    draft_of,
    open_cycle,
)
from tests.factories import (
    AwardCycleFactory,
    CycleJudgeFactory,
    EditionFactory,
    EntryFactory,
    MembershipFactory,
    StageFactory,
)

from ._helpers import edit_url, entry_url, withdraw_url

pytestmark = pytest.mark.django_db


# --- the entry page: who sees it ---------------------------------------------------------------


def test_entry_page_for_the_lead_shows_status_and_next_steps(client, teacher):
    cycle = open_cycle()
    StageFactory(cycle=cycle, kind="shortlist", status="pending")
    entry = draft_of(cycle, teacher, submit=True)
    client.force_login(teacher)

    response = client.get(entry_url(entry))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Your entry is in." in body
    assert "What happens next" in body
    assert edit_url(entry) in body
    assert withdraw_url(entry) in body


@pytest.mark.parametrize("who", ["other_teacher", "judge", "unverified_teacher"])
def test_entry_page_is_404_for_others(client, request, teacher, who):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher, submit=True)
    client.force_login(request.getfixturevalue(who))

    assert client.get(entry_url(entry)).status_code == 404
    assert client.get(edit_url(entry)).status_code == 404
    assert client.post(withdraw_url(entry)).status_code == 404
    entry.refresh_from_db()
    assert entry.status == Entry.Status.SUBMITTED


def test_entry_page_is_404_for_a_partner_and_an_assigned_judge(client, teacher, other_teacher):
    cycle = open_cycle()
    collaboration = collaboration_led_by(teacher)
    MembershipFactory(collaboration=collaboration, teacher=other_teacher.teacher_profile)
    entry = draft_of(cycle, teacher, collaboration, submit=True)
    judge = CycleJudgeFactory(cycle=cycle).user

    for user in (other_teacher, judge):
        client.force_login(user)
        assert client.get(entry_url(entry)).status_code == 404


def test_staff_see_the_entry_read_only(client, teacher, staff):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher, submit=True)
    client.force_login(staff)

    response = client.get(entry_url(entry))
    edit = client.get(edit_url(entry))

    assert response.status_code == 200
    assert response.context["can_change"] is False
    assert "lead teacher can change it, until the deadline" in response.content.decode()
    assert "Withdraw the entry" not in response.content.decode()
    assert edit.status_code == 302
    assert edit.url == entry_url(entry)


def test_new_lead_sees_and_may_change_the_entry(client, teacher, other_teacher):
    cycle = open_cycle()
    collaboration = collaboration_led_by(teacher)
    entry = draft_of(cycle, teacher, collaboration, submit=True)
    Membership.objects.filter(collaboration=collaboration, role="lead").update(role="member")
    MembershipFactory(
        collaboration=collaboration,
        teacher=other_teacher.teacher_profile,
        school=other_teacher.teacher_profile.school,
        role="lead",
    )

    client.force_login(other_teacher)
    response = client.get(entry_url(entry))
    client.force_login(teacher)
    former = client.get(entry_url(entry))

    assert response.context["can_change"] is True
    assert former.status_code == 200
    assert former.context["can_change"] is False


def test_published_entry_links_to_the_feedback(client, teacher):
    entry = EntryFactory(
        submitted_by=teacher.teacher_profile,
        collaboration=collaboration_led_by(teacher),
        cycle=AwardCycleFactory(edition=EditionFactory(number=61), status="published"),
    )
    client.force_login(teacher)

    response = client.get(entry_url(entry))

    assert reverse("awards:entry_feedback", args=[entry.pk]) in response.content.decode()
