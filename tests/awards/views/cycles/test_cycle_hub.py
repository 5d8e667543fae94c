"""One cycle's hub (`cycle_hub` of awards/views/cycles.py)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.models import AwardCycle, Stage
from tests.factories import (
    AssignmentFactory,
    CycleJudgeFactory,
    EntryFactory,
    StageFactory,
)

from ._helpers import UTC, _messages

pytestmark = pytest.mark.django_db

# --- the hub ------------------------------------------------------------------------------


def test_hub_of_a_draft_lists_what_is_missing_and_refuses_to_open(client, staff, cycle):
    client.force_login(staff)

    page = client.get(reverse("awards_staff:cycle", args=[18]))
    assert page.context["next_step"]["label"] == "Open for entries"
    assert "Add at least one category." in page.content.decode()

    response = client.post(reverse("awards_staff:cycle_open", args=[18]))

    assert "Not ready to open" in _messages(response)[0]
    assert AwardCycle.objects.get(pk=cycle.pk).status == "draft"


def test_hub_opens_then_starts_judging(client, staff, cycle):
    cycle.categories.create(name="School collaboration")
    cycle.levels.create(name="Gold", rank=1)
    shortlist = StageFactory(cycle=cycle, status="pending")
    client.force_login(staff)
    url = reverse("awards_staff:cycle", args=[18])

    client.post(reverse("awards_staff:cycle_open", args=[18]))
    assert AwardCycle.objects.get(pk=cycle.pk).status == "open"
    assert client.get(url).context["next_step"]["label"] == "Close entries and start judging"

    entry = EntryFactory(cycle=cycle, category=cycle.categories.get())
    client.post(reverse("awards_staff:cycle_judging", args=[18]), {"confirm": "on"})  # asked first

    shortlist.refresh_from_db()
    assert (AwardCycle.objects.get(pk=cycle.pk).status, shortlist.status) == ("judging", "open")
    assert list(shortlist.entries.all()) == [entry]
    page = client.get(url)
    assert page.context["next_step"] == {
        "action": "stage_close",
        "stage": "shortlist",
        "label": "Close the shortlist stage",
    }
    assert [item["label"] for item in page.context["history"]] == [
        "Opened a judging stage",
        "Closed entries and started judging",
        "Opened for entries",
    ]


def _open_with_drafts(cycle, *, closes_in: datetime.timedelta):
    cycle.categories.create(name="School collaboration")
    cycle.status = "open"
    cycle.entries_open_at = timezone.now() - datetime.timedelta(days=30)
    cycle.entries_close_at = timezone.now() + closes_in
    cycle.save()
    StageFactory(cycle=cycle, status="pending")
    category = cycle.categories.get()
    EntryFactory(cycle=cycle, category=category)
    for _ in range(3):
        EntryFactory(cycle=cycle, category=category, status="draft", submitted_at=None)


def test_closing_entries_before_the_deadline_asks_first(client, staff, cycle):
    # Issue 12: one click closed the call before the advertised deadline, without a word.
    _open_with_drafts(cycle, closes_in=datetime.timedelta(days=10))
    client.force_login(staff)
    url = reverse("awards_staff:cycle_judging", args=[18])

    response = client.post(url)

    assert response.status_code == 200
    assert AwardCycle.objects.get(pk=cycle.pk).status == "open"
    body = response.content.decode()
    deadline = timezone.localtime(cycle.entries_close_at, cycle.edition.zone)
    assert deadline.strftime("%H:%M") in body
    assert f"{deadline.day} {deadline.strftime('%B %Y')}" in body
    assert "3 drafts were never submitted: they will be locked out and not judged." in body
    assert "Yes, close entries before the deadline" in body
    assert 'name="confirm" value="on"' in body

    client.post(url, {"confirm": "on"})
    assert AwardCycle.objects.get(pk=cycle.pk).status == "judging"


def test_closing_entries_after_the_deadline_still_names_the_drafts(client, staff, cycle):
    _open_with_drafts(cycle, closes_in=datetime.timedelta(days=10))
    AwardCycle.objects.filter(pk=cycle.pk).update(
        entries_close_at=timezone.now() - datetime.timedelta(hours=1)
    )
    client.force_login(staff)

    body = client.post(reverse("awards_staff:cycle_judging", args=[18]))
    body = body.content.decode()

    assert "The deadline passed on" in body
    assert "3 drafts were never submitted" in body
    assert AwardCycle.objects.get(pk=cycle.pk).status == "open"


def test_hub_shows_key_numbers_and_links_to_every_part(client, staff, cycle):
    cycle.status = "judging"
    cycle.save()
    stage = StageFactory(cycle=cycle)
    AssignmentFactory(stage=stage, status="submitted", submitted_at=datetime.datetime.now(UTC))
    AssignmentFactory(stage=stage)
    CycleJudgeFactory(cycle=cycle, status="invited")
    client.force_login(staff)

    response = client.get(reverse("awards_staff:cycle", args=[18]))

    assert response.context["judges"]["active"] == 2
    assert response.context["judges"]["invited"] == 1
    assert [(s.submitted_count, s.assignment_count) for s in response.context["stages"]] == [(1, 2)]
    page = response.content.decode()
    for url in (
        reverse("awards_staff:cycle_edit", args=[18]),
        reverse("awards_staff:entries", args=[18]),
        reverse("awards_staff:judges", args=[18]),
        reverse("awards_staff:assignments", args=[18, "shortlist"]),
        reverse("awards_staff:results", args=[18, "shortlist"]),
        reverse("awards_staff:publish", args=[18]),
        reverse("awards:cycle", args=[18]),
    ):
        assert f'href="{url}' in page, url


def test_hub_refuses_closing_a_stage_without_scores(client, staff, cycle):
    cycle.status = "judging"
    cycle.save()
    stage = StageFactory(cycle=cycle)
    client.force_login(staff)

    response = client.post(reverse("awards_staff:stage_close", args=[18, stage.pk]))

    assert "No judge has submitted" in _messages(response)[0]
    assert Stage.objects.get(pk=stage.pk).status == "open"


def test_hub_takes_no_post(client, staff, cycle):
    # Each step posts to its own URL: the hub is a page, and a made-up step has nowhere to go.
    client.force_login(staff)

    response = client.post(reverse("awards_staff:cycle", args=[18]), {"action": "publish"})

    assert response.status_code == 405
    assert AwardCycle.objects.get(pk=cycle.pk).status == "draft"
