"""A stage's staff assignments (awards/views/assignments.py): the board and its actions,
run automatically, add a judge by hand, remove an assignment."""

import pytest
from django.urls import reverse

from awards.models import Assignment, Conflict
from tests.awards._panel import build_panel
from tests.factories import (
    AssignmentFactory,
    StageFactory,
)

pytestmark = pytest.mark.django_db


def _assignments_url(stage, action=None):
    name = f"assignments_{action}" if action else "assignments"
    return reverse(f"awards_staff:{name}", args=[stage.cycle.edition.number, stage.kind])


@pytest.mark.parametrize("count", [1, 50])
def test_assignments_page_runs_a_fixed_number_of_queries(
    client, staff, count, django_assert_num_queries
):
    stage, *_ = build_panel(entries=count, asia=3, europe=3, conflict_rate=0.1)
    from awards.services.assignment import assign_stage

    assign_stage(stage=stage, by=staff)
    client.force_login(staff)

    with django_assert_num_queries(18):
        response = client.get(_assignments_url(stage))

    assert response.status_code == 200
    assert len(response.context["board"].rows) == count


def test_assign_automatically_from_the_page(client, staff):
    stage, _entries, *_ = build_panel(entries=4, asia=2, europe=2, conflict_rate=0)
    client.force_login(staff)

    response = client.post(_assignments_url(stage, "auto"), follow=True)

    assert Assignment.objects.filter(stage=stage).count() == 12
    assert "12 assignments made" in response.content.decode()


def test_add_by_hand_refuses_a_conflicted_judge(client, staff):
    stage, entries, judges, _ = build_panel(entries=1, asia=1, europe=1, conflict_rate=0)
    Conflict.objects.create(judge=judges[0], entry=entries[0], source="declared")
    client.force_login(staff)

    response = client.post(
        _assignments_url(stage, "add"),
        {"entry": entries[0].pk, "judge": judges[0].pk},
        follow=True,
    )

    assert not Assignment.objects.exists()
    assert "has a conflict with this entry" in response.content.decode()
    client.post(_assignments_url(stage, "add"), {"entry": entries[0].pk, "judge": judges[1].pk})
    assert Assignment.objects.get().judge == judges[1]


def test_removing_a_draft_asks_first(client, staff):
    draft = AssignmentFactory(status="draft")
    url = _assignments_url(draft.stage, "remove")
    client.force_login(staff)

    response = client.post(url, {"assignment": draft.pk})

    assert response.status_code == 409
    assert "Yes, remove it and its draft" in response.content.decode()
    assert Assignment.objects.filter(pk=draft.pk).exists()
    client.post(url, {"assignment": draft.pk, "confirm": "on"})
    assert not Assignment.objects.exists()


def test_a_submitted_assignment_cannot_be_removed(client, staff):
    done = AssignmentFactory(status="submitted", submitted_at="2026-01-01T00:00Z")
    client.force_login(staff)

    client.post(_assignments_url(done.stage, "remove"), {"assignment": done.pk, "confirm": "on"})

    assert Assignment.objects.filter(pk=done.pk).exists()


@pytest.mark.parametrize(
    ("status", "says", "never"),
    [
        ("pending", "Next: open the stage for judging", "Judging is open"),
        ("open", "Judging is open", "Next: open the stage"),
        ("closed", "This stage is closed", "Next: open the stage"),
    ],
)
def test_assignments_next_step_follows_the_stage_status(client, staff, status, says, never):
    # Issue 12: the page said "Next: open the stage for judging" whatever the stage's status.
    assignment = AssignmentFactory(stage=StageFactory(status=status))
    cycle = assignment.stage.cycle
    cycle.judges_per_entry = 1
    cycle.save()
    assignment.stage.entries.add(assignment.entry)
    client.force_login(staff)

    page = client.get(
        reverse("awards_staff:assignments", args=[cycle.edition.number, assignment.stage.kind])
    ).content.decode()

    assert says in page
    assert never not in page
    stage_open = reverse(
        "awards_staff:stage_open", args=[cycle.edition.number, assignment.stage.pk]
    )
    assert (f'action="{stage_open}"' in page) is (status == "pending")


# --- Each action: who may take it, GET, unknown stage, a refused form -----------------------


@pytest.fixture
def panel():
    """A pending shortlist with two entries and four judges, nobody assigned yet."""
    stage, entries, judges, _ = build_panel(entries=2, asia=2, europe=2, conflict_rate=0)
    return stage, entries, judges


def _post_action(client, panel, action):
    stage, entries, judges = panel
    data = {}
    if action == "add":
        data = {"entry": entries[0].pk, "judge": judges[0].pk}
    if action == "remove":
        data = {"assignment": AssignmentFactory(stage=stage, entry=entries[0]).pk}
    return client.post(_assignments_url(stage, action), data)


def _made(stage) -> int:
    return Assignment.objects.filter(stage=stage).count()


@pytest.mark.parametrize(("action", "after"), [("auto", 6), ("add", 1), ("remove", 0)])
def test_staff_take_each_action(client, staff, panel, action, after):
    client.force_login(staff)

    response = _post_action(client, panel, action)

    assert response.status_code == 302
    assert response["Location"].startswith(_assignments_url(panel[0]))
    assert _made(panel[0]) == after


@pytest.mark.parametrize(("action", "before"), [("auto", 0), ("add", 0), ("remove", 1)])
@pytest.mark.parametrize("role", ["anonymous", "teacher", "judge"])
def test_others_may_not_take_an_action(client, request, panel, role, action, before):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))

    response = _post_action(client, panel, action)

    if role == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == 403
    assert _made(panel[0]) == before


@pytest.mark.parametrize("action", ["auto", "add", "remove"])
def test_an_action_refuses_get(client, staff, panel, action):
    client.force_login(staff)

    assert client.get(_assignments_url(panel[0], action)).status_code == 405
    assert _made(panel[0]) == 0


@pytest.mark.parametrize("action", ["auto", "add", "remove"])
def test_an_action_on_an_unknown_cycle_or_stage_is_404(client, staff, panel, action):
    number = panel[0].cycle.edition.number
    client.force_login(staff)

    for args in ([99, "shortlist"], [number, "final"]):
        response = client.post(reverse(f"awards_staff:assignments_{action}", args=args))

        assert response.status_code == 404, args
    assert _made(panel[0]) == 0


@pytest.mark.parametrize(
    ("action", "data", "says"),
    [
        ("add", {"judge": ""}, "Choose a judge to add."),
        ("add", {"judge": "999999", "entry": "999999"}, "Choose a judge to add."),
        ("remove", {"assignment": "999999"}, "That assignment is no longer there."),
    ],
)
def test_a_refused_form_shows_the_board_with_its_error(client, staff, panel, action, data, says):
    stage, entries, _judges = panel
    kept = AssignmentFactory(stage=stage, entry=entries[1])
    client.force_login(staff)

    response = client.post(_assignments_url(stage, action), data)

    assert response.status_code == 400
    assert response.context["error"] == says
    assert len(response.context["board"].rows) == 2
    assert list(Assignment.objects.filter(stage=stage)) == [kept]


def test_the_board_posts_each_action_to_its_view(client, staff, panel):
    stage, entries, _judges = panel
    AssignmentFactory(stage=stage, entry=entries[0])
    client.force_login(staff)

    page = client.get(_assignments_url(stage)).content.decode()

    for action in ("auto", "add", "remove"):
        assert f'action="{_assignments_url(stage, action)}"' in page
    assert 'name="action"' not in page
