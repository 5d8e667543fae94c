"""Withdrawing an entry (awards/views/entries.py: entry_withdraw)."""

import pytest

from awards.models import Entry
from tests.awards._entries import (
    close,
    draft_of,
    open_cycle,
)

from ._helpers import withdraw_url

pytestmark = pytest.mark.django_db


def test_withdraw(client, teacher):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher, submit=True)
    client.force_login(teacher)

    response = client.post(withdraw_url(entry), follow=True)

    entry.refresh_from_db()
    assert entry.status == Entry.Status.WITHDRAWN
    assert "Enter the collaboration again" in response.content.decode()


def test_withdraw_after_the_deadline_is_refused(client, teacher):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher, submit=True)
    close(cycle)
    client.force_login(teacher)

    response = client.post(withdraw_url(entry), follow=True)

    entry.refresh_from_db()
    assert entry.status == Entry.Status.SUBMITTED
    assert "closed on" in response.content.decode()


def test_withdraw_by_get_is_not_allowed(client, teacher):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher, submit=True)
    client.force_login(teacher)

    assert client.get(withdraw_url(entry)).status_code == 405
    entry.refresh_from_db()
    assert entry.status == Entry.Status.SUBMITTED
