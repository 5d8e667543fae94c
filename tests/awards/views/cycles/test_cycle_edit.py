"""A cycle's set-up form (`cycle_edit` of awards/views/cycles.py)."""

import datetime

import pytest
from django.urls import reverse

from awards.models import Criterion
from core.audit.models import AuditEntry
from tests.factories import (
    AssignmentFactory,
    EntryFactory,
    StageFactory,
)

from ._helpers import UTC, _data, _messages

pytestmark = pytest.mark.django_db

# --- editing ------------------------------------------------------------------------------


def test_edit_shows_the_window_on_the_host_clock_and_saves_changes(client, staff, cycle):
    cycle.entries_close_at = datetime.datetime(2030, 6, 30, 8, 0, tzinfo=UTC)
    cycle.save()
    client.force_login(staff)
    page = client.get(reverse("awards_staff:cycle_edit", args=[18]))
    data = _data(page.context)
    assert data["entries_close_at"] == "2030-06-30T17:00"
    data |= {"judges_per_entry": "4", "levels-0-name": "Gold", "levels-0-rank": "1"}

    response = client.post(reverse("awards_staff:cycle_edit", args=[18]), data)

    assert response.status_code == 302
    cycle.refresh_from_db()
    assert cycle.judges_per_entry == 4
    assert [lv.name for lv in cycle.levels.all()] == ["Gold"]
    assert cycle.entries_close_at == datetime.datetime(2030, 6, 30, 8, 0, tzinfo=UTC)
    assert AuditEntry.objects.filter(action="awardcycle.edited").count() == 1


def test_edit_with_bad_weight_changes_nothing(client, staff, cycle):
    client.force_login(staff)
    page = client.get(reverse("awards_staff:cycle_edit", args=[18]))
    data = _data(page.context) | {"criteria-0-weight": "0", "title": "Typed"}

    response = client.post(reverse("awards_staff:cycle_edit", args=[18]), data)

    assert response.status_code == 200
    assert response.context["criteria"].forms[0].errors["weight"]
    assert "Typed" in response.content.decode()
    cycle.refresh_from_db()
    assert cycle.title == "Awards 2030"


def test_edit_once_scores_exist_freezes_the_rubric_and_tie_break(client, staff, cycle):
    criterion = cycle.criteria.get()
    assignment = AssignmentFactory(stage=StageFactory(cycle=cycle))
    assignment.scores.create(criterion=criterion, value=4)
    client.force_login(staff)
    page = client.get(reverse("awards_staff:cycle_edit", args=[18]))
    assert "Scores exist: the rubric can no longer change." in page.content.decode()
    assert page.context["criteria"] is None
    data = _data(page.context) | {
        "tie_break_1": "raw_mean",
        "title": "Renamed",
        "levels-0-name": "Gold",
        "levels-0-rank": "1",
    }

    response = client.post(reverse("awards_staff:cycle_edit", args=[18]), data)

    assert response.status_code == 302
    cycle.refresh_from_db()
    assert cycle.title == "Renamed"
    assert cycle.tie_break == ["median", "primary", "chair"]
    assert list(Criterion.objects.filter(cycle=cycle)) == [criterion]


def test_edit_after_publication_goes_back_to_the_hub(client, staff, cycle):
    cycle.status = "published"
    cycle.save()
    client.force_login(staff)

    response = client.post(reverse("awards_staff:cycle_edit", args=[18]), {"title": "x"})

    assert response["Location"] == reverse("awards_staff:cycle", args=[18])
    assert "published" in _messages(response)[0]
    cycle.refresh_from_db()
    assert cycle.title == "Awards 2030"


def test_edit_removing_a_category_in_use_shows_why_and_keeps_it(client, staff, cycle):
    entry = EntryFactory(cycle=cycle)
    client.force_login(staff)
    page = client.get(reverse("awards_staff:cycle_edit", args=[18]))
    data = _data(page.context) | {
        "categories-0-DELETE": "on",
        "categories-1-name": "Student-led",
        "categories-1-position": "2",
    }

    response = client.post(reverse("awards_staff:cycle_edit", args=[18]), data)

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        f"“{entry.category.name}” is in use and cannot be removed."
    ]
    assert list(cycle.categories.all()) == [entry.category]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("entries_close_at", "2030-02-01T09:00", "Entries must close after they open."),
        ("judges_per_entry", "0", "Ensure this value is greater than or equal to 1."),
        ("judges_per_entry", "50", "Ensure this value is less than or equal to 20."),
    ],
)
def test_edit_refuses_bad_details_with_a_message(client, staff, cycle, field, value, message):
    client.force_login(staff)
    page = client.get(reverse("awards_staff:cycle_edit", args=[18]))
    data = _data(page.context) | {"entries_open_at": "2030-03-01T09:00", field: value}

    response = client.post(reverse("awards_staff:cycle_edit", args=[18]), data)

    assert response.context["form"].errors[field] == [message]
    cycle.refresh_from_db()
    assert (cycle.entries_open_at, cycle.judges_per_entry) == (None, 3)


def test_stage_window_is_typed_in_the_host_time_zone(client, staff, cycle):
    client.force_login(staff)
    page = client.get(reverse("awards_staff:cycle_edit", args=[18]))
    data = _data(page.context) | {
        "stage-shortlist-used": "on",
        "stage-shortlist-opens_at": "2030-07-01T09:00",
        "stage-shortlist-closes_at": "2030-07-31T18:00",
    }

    response = client.post(reverse("awards_staff:cycle_edit", args=[18]), data)

    assert response.status_code == 302
    stage = cycle.stages.get()
    assert (stage.kind, stage.opens_at, stage.closes_at) == (
        "shortlist",
        datetime.datetime(2030, 7, 1, 0, 0, tzinfo=UTC),
        datetime.datetime(2030, 7, 31, 9, 0, tzinfo=UTC),
    )
    again = client.get(reverse("awards_staff:cycle_edit", args=[18]))
    assert _data(again.context)["stage-shortlist-closes_at"] == "2030-07-31T18:00"
