"""A new award cycle (`cycle_create` of awards/views/cycles.py)."""

import datetime

import pytest
from django.urls import reverse

from awards.models import AwardCycle
from tests.factories import (
    EditionFactory,
)

from ._helpers import UTC, _data

pytestmark = pytest.mark.django_db

# --- a new cycle --------------------------------------------------------------------------


def test_new_cycle_asks_for_an_edition_without_awards(client, staff, cycle):
    EditionFactory(number=19, title="Next one")
    client.force_login(staff)

    response = client.get(reverse("awards_staff:cycle_create"))

    choices = [n for n, _label in response.context["chooser"].fields["edition"].choices if n]
    assert [str(n) for n in choices] == ["19"]


def test_new_cycle_form_is_prefilled_with_the_classnet_defaults(client, staff, tokyo):
    client.force_login(staff)

    response = client.get(reverse("awards_staff:cycle_create"), {"edition": 18})

    criteria = response.context["criteria"]
    assert [f.initial["name"] for f in criteria.initial_forms] == [
        "Intercultural understanding",
        "Teamwork",
        "Knowledge-sharing",
        "Use of ICT",
        "Learning outcomes",
    ]
    assert criteria.initial_forms[0].initial["descriptors"].startswith("1: No evidence")
    assert [f.initial["name"] for f in response.context["levels"].initial_forms] == [
        "Gold",
        "Merit",
    ]
    assert "Asia/Tokyo" in response.content.decode()


def test_new_cycle_is_created_with_the_window_in_the_host_time_zone(client, staff, tokyo):
    client.force_login(staff)
    page = client.get(reverse("awards_staff:cycle_create"), {"edition": 18})
    data = _data(page.context) | {
        "edition": "18",
        "title": "Awards 2030",
        "entries_open_at": "2030-03-01T09:00",
        "entries_close_at": "2030-06-30T17:00",
    }

    response = client.post(reverse("awards_staff:cycle_create"), data)

    assert response.status_code == 302, response.context and response.context["form"].errors
    cycle = AwardCycle.objects.get(edition=tokyo)
    assert response["Location"] == reverse("awards_staff:cycle", args=[18])
    assert cycle.entries_open_at == datetime.datetime(2030, 3, 1, 0, 0, tzinfo=UTC)
    assert cycle.entries_close_at == datetime.datetime(2030, 6, 30, 8, 0, tzinfo=UTC)
    assert cycle.criteria.count() == 5
    assert cycle.status == "draft"


def test_new_cycle_with_a_missing_descriptor_keeps_what_was_typed(client, staff, tokyo):
    client.force_login(staff)
    page = client.get(reverse("awards_staff:cycle_create"), {"edition": 18})
    data = _data(page.context) | {
        "edition": "18",
        "title": "My typed title",
        "criteria-0-descriptors": "1: a\n2: b\n3: c\n5: e",
    }

    response = client.post(reverse("awards_staff:cycle_create"), data)

    assert response.status_code == 200
    assert response.context["criteria"].forms[0].errors["descriptors"] == [
        "Describe every level from 1 to 5: 4 missing."
    ]
    page = response.content.decode()
    assert "My typed title" in page
    assert "Nothing is saved yet" in page
    assert not AwardCycle.objects.exists()


def test_new_cycle_refuses_chair_before_another_tie_break(client, staff, tokyo):
    client.force_login(staff)
    page = client.get(reverse("awards_staff:cycle_create"), {"edition": 18})
    data = _data(page.context) | {
        "edition": "18",
        "tie_break_1": "chair",
        "tie_break_2": "median",
        "tie_break_3": "",
    }

    response = client.post(reverse("awards_staff:cycle_create"), data)

    assert response.context["form"].errors["tie_break_1"] == [
        "The chair's decision comes last: it settles what the others leave tied."
    ]
    assert not AwardCycle.objects.exists()


def test_new_cycle_for_an_edition_that_has_one_shows_the_chooser(client, staff, cycle):
    client.force_login(staff)

    response = client.post(reverse("awards_staff:cycle_create"), {"edition": "18"})

    assert response.status_code == 200
    assert response.context["chooser"].errors["edition"]
    assert AwardCycle.objects.count() == 1
