"""The ClassNet Awards panel on My ClassNet: the teacher's entries with the next step, and a
call to enter while a cycle accepts entries and they lead an eligible collaboration."""

import pytest
from django.urls import reverse

from awards.services.entries import entry_withdraw
from tests.awards._entries import close, collaboration_led_by, draft_of, open_cycle
from tests.factories import AwardCycleFactory, EditionFactory, EntryFactory

pytestmark = pytest.mark.django_db


def panel(client, user) -> str:
    client.force_login(user)
    body = client.get(reverse("teachers:dashboard")).content.decode()
    start = body.find('data-testid="awards-panel"')
    if start == -1:
        return ""
    return body[start : body.index("</section>", start)]


def test_no_panel_without_entries_or_a_cycle_to_enter(client, teacher):
    collaboration_led_by(teacher)  # leads one, but no cycle is open

    assert panel(client, teacher) == ""


def test_no_call_when_the_led_collaboration_is_not_eligible(client, teacher):
    open_cycle()
    collaboration_led_by(teacher, with_asia=False)

    assert panel(client, teacher) == ""


def test_no_call_for_a_member_who_does_not_lead(client, teacher, other_teacher):
    from tests.factories import MembershipFactory

    open_cycle()
    collaboration = collaboration_led_by(teacher)
    MembershipFactory(collaboration=collaboration, teacher=other_teacher.teacher_profile)

    assert panel(client, other_teacher) == ""


@pytest.mark.parametrize("who", ["staff", "judge", "unverified_teacher"])
def test_no_call_for_people_who_cannot_enter(client, request, who):
    open_cycle()

    assert panel(client, request.getfixturevalue(who)) == ""


def test_call_to_enter_links_to_the_eligible_collaboration(client, teacher):
    cycle = open_cycle()
    collaboration = collaboration_led_by(teacher)

    html = panel(client, teacher)

    assert "accept entries" in html
    assert f"{reverse('awards:entry_create', args=[cycle.edition.number])}?collaboration=" in html
    assert f"collaboration={collaboration.pk}" in html


def test_draft_shows_finish_and_submit_and_no_call_once_entered(client, teacher):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher)

    html = panel(client, teacher)

    assert entry.collaboration.title in html
    assert reverse("awards:entry_edit", args=[entry.pk]) in html
    assert "Finish and submit" in html
    assert "accept entries" not in html


def test_submitted_entry_after_the_deadline_is_being_judged(client, teacher):
    cycle = open_cycle()
    draft_of(cycle, teacher, submit=True)
    close(cycle)

    html = panel(client, teacher)

    assert "Being judged" in html


def test_published_entry_links_to_results(client, teacher):
    entry = EntryFactory(
        submitted_by=teacher.teacher_profile,
        collaboration=collaboration_led_by(teacher),
        cycle=AwardCycleFactory(edition=EditionFactory(number=70), status="published"),
    )

    html = panel(client, teacher)

    assert reverse("awards:entry_feedback", args=[entry.pk]) in html


def test_withdrawn_entry_is_left_out_and_the_call_comes_back(client, teacher):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher)
    entry_withdraw(entry=entry, by=teacher)

    html = panel(client, teacher)

    assert reverse("awards:entry", args=[entry.pk]) not in html
    assert "accept entries" in html


def test_other_teachers_entries_are_not_shown(client, teacher, other_teacher):
    cycle = open_cycle()
    theirs = draft_of(cycle, other_teacher)
    draft_of(cycle, teacher)

    html = panel(client, teacher)

    assert theirs.collaboration.title not in html


@pytest.mark.parametrize("count", [1, 5])
def test_panel_runs_a_fixed_number_of_queries(client, teacher, count, django_assert_num_queries):
    from awards.dashboard import awards_panel

    cycle = open_cycle()
    for _ in range(count):
        collaboration_led_by(teacher)
    draft_of(cycle, teacher)

    class Request:
        user = teacher

    teacher.teacher_profile  # noqa: B018 - as the dashboard view has it loaded
    # entries, open cycles, led collaborations + memberships, entered ids
    with django_assert_num_queries(5):
        context = awards_panel(Request())

    assert len(context["calls"][0]["collaborations"]) == count
