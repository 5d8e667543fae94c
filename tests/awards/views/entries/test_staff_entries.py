"""The staff list of a cycle's entries (awards/views/entries.py: staff_entries): filters,
flags, disqualification and pinned query counts."""

import pytest
from django.core import mail

from awards.models import Entry
from core.audit.models import AuditEntry
from tests.awards._entries import (
    collaboration_led_by,
    draft_of,
    open_cycle,
)
from tests.factories import (
    EntryFactory,
    TeacherProfileFactory,
)

from ._helpers import staff_url

pytestmark = pytest.mark.django_db


# --- staff list ----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["teacher", "other_teacher", "judge"])
def test_staff_list_is_403_for_others(client, request, who):
    cycle = open_cycle()
    client.force_login(request.getfixturevalue(who))

    assert client.get(staff_url(cycle)).status_code == 403


def test_staff_list_shows_entries_countries_and_flags(client, staff, teacher, other_teacher):
    cycle = open_cycle()
    sound = draft_of(cycle, teacher, submit=True)
    lost_partner = collaboration_led_by(other_teacher)
    flagged = draft_of(cycle, other_teacher, lost_partner, submit=True)
    lost_partner.memberships.exclude(role="lead").delete()
    client.force_login(staff)

    response = client.get(staff_url(cycle))

    rows = {row.pk: row for row in response.context["rows"]}
    assert set(rows) == {sound.pk, flagged.pk}
    assert [c.code for c in rows[sound.pk].countries] == ["JP", "FI"]
    assert rows[sound.pk].recheck == []
    assert "Invite a partner school from Asia first." in rows[flagged.pk].recheck[0]
    assert 'data-testid="recheck"' in response.content.decode()


def test_staff_list_filters_by_status_and_category(client, staff, teacher, other_teacher):
    cycle = open_cycle()
    submitted = draft_of(cycle, teacher, submit=True)
    draft_of(cycle, other_teacher)
    client.force_login(staff)

    by_status = client.get(staff_url(cycle), {"status": "submitted"})
    by_category = client.get(staff_url(cycle), {"category": cycle.categories.get().pk})

    assert [row.pk for row in by_status.context["rows"]] == [submitted.pk]
    assert len(by_category.context["rows"]) == 2


def test_staff_list_empty_state(client, staff):
    cycle = open_cycle()
    client.force_login(staff)

    assert "No entries yet" in client.get(staff_url(cycle)).content.decode()


@pytest.mark.parametrize("count", [1, 50])
def test_staff_list_runs_a_fixed_number_of_queries(client, staff, count, django_assert_num_queries):
    cycle = open_cycle()
    category = cycle.categories.get()
    for _ in range(count):
        lead = TeacherProfileFactory()
        EntryFactory(
            cycle=cycle,
            category=category,
            submitted_by=lead,
            collaboration=collaboration_led_by(lead.user),
        )
    client.force_login(staff)

    # session, user, staff check, cycle, categories (filter), page count, page rows,
    # memberships, 2 totals, the navbar's profile and permissions (3)
    with django_assert_num_queries(13):
        response = client.get(staff_url(cycle))

    assert len(response.context["rows"]) == count


def test_staff_disqualify_with_reason(client, staff, teacher, django_capture_on_commit_callbacks):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher, submit=True)
    mail.outbox.clear()
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            staff_url(cycle) + "?status=submitted",
            {"entry": entry.pk, "reason": "Not bi-regional in fact.", "notify": "on"},
        )

    entry.refresh_from_db()
    assert response.url == staff_url(cycle) + "?status=submitted"
    assert entry.status == Entry.Status.DISQUALIFIED
    assert AuditEntry.objects.get(action="award_entry.disqualified").note == (
        "Not bi-regional in fact."
    )
    assert len(mail.outbox) == 1


def test_staff_disqualify_without_reason_changes_nothing(client, staff, teacher):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher, submit=True)
    client.force_login(staff)

    response = client.post(staff_url(cycle), {"entry": entry.pk, "reason": ""})

    entry.refresh_from_db()
    assert response.status_code == 400
    assert entry.status == Entry.Status.SUBMITTED


def test_staff_disqualify_entry_of_another_cycle_is_404(client, staff, teacher):
    cycle = open_cycle()
    other = open_cycle()
    entry = draft_of(other, teacher, submit=True)
    client.force_login(staff)

    response = client.post(staff_url(cycle), {"entry": entry.pk, "reason": "x"})

    entry.refresh_from_db()
    assert response.status_code == 404
    assert entry.status == Entry.Status.SUBMITTED


def test_teacher_cannot_disqualify(client, teacher):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher, submit=True)
    client.force_login(teacher)

    response = client.post(staff_url(cycle), {"entry": entry.pk, "reason": "x"})

    entry.refresh_from_db()
    assert response.status_code == 403
    assert entry.status == Entry.Status.SUBMITTED


def test_staff_list_ignores_bad_filters(client, staff, teacher):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher)
    client.force_login(staff)

    response = client.get(staff_url(cycle), {"status": "bogus", "category": "abc"})

    assert response.status_code == 200
    assert [row.pk for row in response.context["rows"]] == [entry.pk]
