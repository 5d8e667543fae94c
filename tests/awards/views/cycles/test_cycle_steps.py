"""The hub's steps, one POST view each (awards/views/cycles.py): `cycle_open`, `cycle_draft`,
`cycle_judging`, `stage_open` and `stage_close`. Staff only; GET is refused; an unknown cycle
or a stage of another cycle is a 404."""

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.models import AwardCycle, Stage
from tests.factories import (
    AssignmentFactory,
    AwardCycleFactory,
    EditionFactory,
    EntryFactory,
    StageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready(cycle):
    """The draft cycle, ready to open: a category, a level and a pending shortlist."""
    cycle.categories.create(name="School collaboration")
    cycle.levels.create(name="Gold", rank=1)
    StageFactory(cycle=cycle, status="pending")
    return cycle


def _status(cycle):
    return AwardCycle.objects.get(pk=cycle.pk).status


def _set(cycle, status):
    AwardCycle.objects.filter(pk=cycle.pk).update(status=status)


def _stage(cycle):
    return cycle.stages.get()


# Each step: its URL for the cycle, the status it starts from, and what it changes.
STEPS = {
    "cycle_open": ("draft", lambda c: _status(c), "open"),
    "cycle_draft": ("open", lambda c: _status(c), "draft"),
    "cycle_judging": ("open", lambda c: _status(c), "judging"),
    "stage_open": ("judging", lambda c: _stage(c).status, "open"),
}


def _url(name, cycle, number=18):
    if name.startswith("stage_"):
        return reverse(f"awards_staff:{name}", args=[number, _stage(cycle).pk])
    return reverse(f"awards_staff:{name}", args=[number])


def _arrange(ready, name):
    start, _read, _after = STEPS[name]
    _set(ready, start)
    if name in ("cycle_judging", "stage_open"):
        EntryFactory(cycle=ready, category=ready.categories.get())
    return {"confirm": "on"} if name == "cycle_judging" else {}


@pytest.mark.parametrize("name", STEPS)
def test_staff_take_each_step(client, staff, ready, name):
    data = _arrange(ready, name)
    client.force_login(staff)

    response = client.post(_url(name, ready), data)

    assert response.status_code == 302
    assert response["Location"] == reverse("awards_staff:cycle", args=[18])
    _start, read, after = STEPS[name]
    assert read(ready) == after


def test_staff_close_a_stage_with_scores(client, staff, ready):
    _set(ready, "judging")
    stage = _stage(ready)
    Stage.objects.filter(pk=stage.pk).update(status="open")
    AssignmentFactory(stage=stage, status="submitted", submitted_at=timezone.now())
    AssignmentFactory(stage=stage)
    client.force_login(staff)

    response = client.post(reverse("awards_staff:stage_close", args=[18, stage.pk]), follow=True)

    assert _stage(ready).status == "closed"
    assert [str(m) for m in response.context["messages"]] == [
        "The stage is closed: its results are ready.",
        "1 scorecards were not submitted and do not count.",
    ]


@pytest.mark.parametrize("name", STEPS)
def test_a_visitor_is_sent_to_log_in_and_nothing_changes(client, ready, name):
    data = _arrange(ready, name)

    response = client.post(_url(name, ready), data)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    _start, read, after = STEPS[name]
    assert read(ready) != after


@pytest.mark.parametrize("role", ["teacher", "judge", "cycle_judge"])
@pytest.mark.parametrize("name", STEPS)
def test_teachers_and_judges_get_403_and_nothing_changes(as_role, role, ready, name):
    data = _arrange(ready, name)
    client = as_role(role)

    response = client.post(_url(name, ready), data)

    assert response.status_code == 403
    _start, read, after = STEPS[name]
    assert read(ready) != after


@pytest.mark.parametrize("name", [*STEPS, "stage_close"])
def test_a_step_refuses_get(client, staff, ready, name):
    client.force_login(staff)

    response = client.get(_url(name, ready))

    assert response.status_code == 405
    assert _status(ready) == "draft"


@pytest.mark.parametrize("name", [*STEPS, "stage_close"])
def test_a_step_of_an_unknown_cycle_is_404(client, staff, ready, name):
    client.force_login(staff)

    response = client.post(_url(name, ready, number=99), {"confirm": "on"})

    assert response.status_code == 404


@pytest.mark.parametrize("name", ["stage_open", "stage_close"])
def test_a_stage_of_another_cycle_is_404(client, staff, ready, name):
    _set(ready, "judging")
    other = StageFactory(cycle=AwardCycleFactory(edition=EditionFactory(number=19)))
    client.force_login(staff)

    response = client.post(reverse(f"awards_staff:{name}", args=[18, other.pk]))

    assert response.status_code == 404
    assert Stage.objects.get(pk=other.pk).status == other.status
    assert _stage(ready).status == "pending"


def test_closing_entries_unconfirmed_asks_again_and_changes_nothing(client, staff, ready):
    _set(ready, "open")
    client.force_login(staff)

    response = client.post(reverse("awards_staff:cycle_judging", args=[18]), {"confirm": ""})

    assert response.status_code == 200
    assert response.context["confirm_close"]["submitted"] == 0
    assert 'name="confirm" value="on"' in response.content.decode()
    assert _status(ready) == "open"


def test_hub_buttons_post_to_the_step_views(client, staff, ready):
    client.force_login(staff)
    hub = reverse("awards_staff:cycle", args=[18])

    draft = client.get(hub).content.decode()
    _set(ready, "open")
    opened = client.get(hub).content.decode()
    _set(ready, "judging")
    judging = client.get(hub).content.decode()

    assert f'action="{reverse("awards_staff:cycle_open", args=[18])}"' in draft
    assert f'action="{reverse("awards_staff:cycle_judging", args=[18])}"' in opened
    assert f'action="{reverse("awards_staff:cycle_draft", args=[18])}"' in opened
    stage = _stage(ready)
    assert f'action="{reverse("awards_staff:stage_open", args=[18, stage.pk])}"' in judging
    assert 'name="action"' not in draft + opened + judging
