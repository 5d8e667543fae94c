"""Visitors are sent to log in from every entry page (awards/views/entries.py)."""

import pytest
from django.urls import reverse

from awards.models import Entry
from tests.awards._entries import (
    draft_of,
    open_cycle,
)

from ._helpers import edit_url, enter_url, entry_url, staff_url, withdraw_url

pytestmark = pytest.mark.django_db


# --- anonymous -----------------------------------------------------------------------------------


def test_anonymous_is_sent_to_log_in_everywhere(client, teacher):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher)

    for url, method in [
        (enter_url(cycle), client.get),
        (entry_url(entry), client.get),
        (edit_url(entry), client.get),
        (withdraw_url(entry), client.post),
        (staff_url(cycle), client.get),
    ]:
        response = method(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    entry.refresh_from_db()
    assert entry.status == Entry.Status.DRAFT
