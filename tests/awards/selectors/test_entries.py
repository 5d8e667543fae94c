"""Entries' reads (awards/selectors/entries.py): eligibility with its reasons, the recheck of a
submitted entry, the collaborations a teacher leads."""

import datetime

import pytest
from django.utils import timezone

from awards.models import Entry
from awards.selectors.entries import led_collaborations, recheck
from awards.services.entries import entry_withdraw
from collaborations.models import Collaboration, Membership
from tests.factories import (
    EntryFactory,
    MembershipFactory,
)

from .._entries import (
    collaboration_led_by,
    draft_of,
    eligibility,
    open_cycle,
)

pytestmark = pytest.mark.django_db


# --- eligibility ----------------------------------------------------------------------------


def test_eligible_lead_of_bi_regional_running_collaboration(teacher):
    cycle = open_cycle()
    collaboration = collaboration_led_by(teacher)

    result = eligibility(cycle, collaboration, teacher)

    assert result.ok
    assert result.reasons == []


def test_non_lead_member_is_not_eligible(teacher, other_teacher):
    cycle = open_cycle()
    collaboration = collaboration_led_by(teacher)
    MembershipFactory(collaboration=collaboration, teacher=other_teacher.teacher_profile)

    result = eligibility(cycle, collaboration, other_teacher)

    assert result.reasons == ["Only the lead teacher of a collaboration can enter it."]


def test_co_lead_is_not_eligible(teacher, other_teacher):
    cycle = open_cycle()
    collaboration = collaboration_led_by(teacher)
    MembershipFactory(
        collaboration=collaboration,
        teacher=other_teacher.teacher_profile,
        school=other_teacher.teacher_profile.school,
        role=Membership.Role.CO_LEAD,
    )

    result = eligibility(cycle, collaboration, other_teacher)

    assert result.reasons == ["Only the lead teacher of a collaboration can enter it."]


@pytest.mark.parametrize("status", ["draft", "open", "archived"])
def test_collaboration_neither_running_nor_completed_is_refused(teacher, status):
    cycle = open_cycle()
    collaboration = collaboration_led_by(teacher, status=status)

    result = eligibility(cycle, collaboration, teacher)

    assert len(result.reasons) == 1
    assert "only running or completed collaborations can enter" in result.reasons[0]


def test_completed_refused_when_cycle_takes_only_running(teacher):
    cycle = open_cycle(accept_completed=False)
    collaboration = collaboration_led_by(teacher, status="completed")

    result = eligibility(cycle, collaboration, teacher)

    assert result.reasons == [
        "This collaboration is “Completed”: only running collaborations can enter."
    ]


def test_europe_only_collaboration_is_refused_with_what_to_do(teacher):
    cycle = open_cycle()
    collaboration = collaboration_led_by(teacher, with_asia=False)

    result = eligibility(cycle, collaboration, teacher)

    assert result.reasons == [
        "This collaboration has member schools only in Europe: the Awards are for "
        "collaborations between Asia and Europe. Invite a partner school from Asia first."
    ]


def test_europe_only_collaboration_is_fine_when_cycle_does_not_require_it(teacher):
    cycle = open_cycle(require_bi_regional=False)
    collaboration = collaboration_led_by(teacher, with_asia=False)

    assert eligibility(cycle, collaboration, teacher).ok


def test_collaboration_entered_already_is_refused(teacher):
    cycle = open_cycle()
    collaboration = collaboration_led_by(teacher)
    draft_of(cycle, teacher, collaboration)

    result = eligibility(cycle, collaboration, teacher)

    assert result.reasons == [f"This collaboration is already entered in the {cycle}."]


def test_withdrawn_entry_does_not_block_entering_again(teacher):
    cycle = open_cycle()
    collaboration = collaboration_led_by(teacher)
    entry_withdraw(entry=draft_of(cycle, teacher, collaboration), by=teacher)

    assert eligibility(cycle, collaboration, teacher).ok


@pytest.mark.parametrize("when", ["before", "after", "not_open"])
def test_outside_the_window_is_refused(teacher, when):
    now = timezone.now()
    kwargs = {
        "before": {"entries_open_at": now + datetime.timedelta(days=2)},
        "after": {
            "entries_open_at": now - datetime.timedelta(days=9),
            "entries_close_at": now - datetime.timedelta(days=1),
        },
        "not_open": {"status": "judging"},
    }[when]
    cycle = open_cycle(**kwargs)
    collaboration = collaboration_led_by(teacher)

    result = eligibility(cycle, collaboration, teacher)

    assert len(result.reasons) == 1
    assert {
        "before": "Entries to the",
        "after": "Entries to the",
        "not_open": "is not accepting entries now",
    }[when] in result.reasons[0]
    assert {"before": "open on", "after": "closed on", "not_open": "not accepting"}[
        when
    ] in result.reasons[0]


def test_unverified_lead_is_refused(unverified_teacher):
    cycle = open_cycle()
    collaboration = collaboration_led_by(unverified_teacher)

    result = eligibility(cycle, collaboration, unverified_teacher)

    assert result.reasons == [
        "Only teachers whose school staff have verified can enter the Awards. "
        "Complete your profile in My ClassNet; staff will verify it."
    ]


def test_every_reason_is_listed(unverified_teacher, other_teacher):
    cycle = open_cycle(status="judging")
    collaboration = collaboration_led_by(other_teacher, status="open", with_asia=False)

    result = eligibility(cycle, collaboration, unverified_teacher)

    assert len(result.reasons) == 5


def test_recheck_flags_an_entry_that_lost_its_asian_partner(teacher):
    cycle = open_cycle()
    collaboration = collaboration_led_by(teacher)
    entry = draft_of(cycle, teacher, collaboration, submit=True)
    collaboration.memberships.exclude(role="lead").delete()

    entry = Entry.objects.prefetch_related("collaboration__memberships__school__country").get(
        pk=entry.pk
    )

    assert recheck(entry) == [
        "This collaboration has member schools only in Europe: the Awards are for "
        "collaborations between Asia and Europe. Invite a partner school from Asia first."
    ]


def test_recheck_is_empty_for_a_sound_entry(teacher):
    entry = EntryFactory(
        submitted_by=teacher.teacher_profile, collaboration=collaboration_led_by(teacher)
    )

    assert recheck(entry) == []


def test_led_collaborations_leaves_out_drafts_and_others(teacher, other_teacher):
    mine = collaboration_led_by(teacher)
    collaboration_led_by(teacher, status="draft")
    collaboration_led_by(other_teacher)

    assert list(led_collaborations(teacher.teacher_profile)) == [mine]
    assert Collaboration.objects.count() == 3
