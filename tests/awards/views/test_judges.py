"""The judges' pages (awards/views/judges.py): the staff panel page, the invitation link and
a judge's conflicts."""

import pytest
from django.urls import reverse

from awards.models import Assignment, Conflict
from core.roles import JUDGES_GROUP
from tests.awards._panel import build_panel
from tests.factories import (
    AssignmentFactory,
    AwardCycleFactory,
    CycleJudgeFactory,
    EntryFactory,
    StageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle():
    return AwardCycleFactory()


def _judges_url(cycle):
    return reverse("awards_staff:judges", args=[cycle.edition.number])


def _assignments_url(stage):
    return reverse("awards_staff:assignments", args=[stage.cycle.edition.number, stage.kind])


# --- Staff pages: who may see them ---------------------------------------------------------


@pytest.mark.parametrize("page", ["judges", "assignments"])
def test_staff_pages_send_visitors_to_log_in(client, page):
    stage = StageFactory()
    url = _judges_url(stage.cycle) if page == "judges" else _assignments_url(stage)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={url}"


@pytest.mark.parametrize("role", ["teacher", "other_teacher", "judge"])
@pytest.mark.parametrize("page", ["judges", "assignments"])
def test_staff_pages_are_forbidden_to_others(client, request, role, page):
    stage = StageFactory()
    CycleJudgeFactory(cycle=stage.cycle, user=request.getfixturevalue("judge"))
    client.force_login(request.getfixturevalue(role))
    url = _judges_url(stage.cycle) if page == "judges" else _assignments_url(stage)

    assert client.get(url).status_code == 403
    auto = reverse("awards_staff:assignments_auto", args=[stage.cycle.edition.number, stage.kind])
    assert client.post(auto).status_code == 403
    assert not Assignment.objects.exists()


def test_unknown_cycle_or_stage_is_404(client, staff, cycle):
    client.force_login(staff)

    assert client.get(reverse("awards_staff:judges", args=[99])).status_code == 404
    assert client.get(reverse("awards_staff:assignments", args=[14, "final"])).status_code == 404


@pytest.mark.parametrize("count", [1, 12])
def test_judges_page_runs_a_fixed_number_of_queries(
    client, staff, count, django_assert_num_queries
):
    stage, _entries, judges, _ = build_panel(entries=2, asia=count, europe=0, conflict_rate=0.5)
    client.force_login(staff)

    with django_assert_num_queries(15):
        response = client.get(_judges_url(stage.cycle))

    assert response.status_code == 200
    assert len(response.context["judges"]) == count
    assert judges[0].user.email in response.content.decode()


def test_judges_page_empty_state_guides_to_invite(client, staff, cycle):
    client.force_login(staff)

    response = client.get(_judges_url(cycle))

    assert "Invite the first judges" in response.content.decode()


# --- The invitation link -------------------------------------------------------------------


def _invitation_url(judge):
    return reverse("awards:judge_invitation", args=[judge.token])


def test_unknown_token_is_404(client):
    assert client.get(reverse("awards:judge_invitation", args=["nope"])).status_code == 404


def test_visitor_sees_sign_in_and_cannot_answer(client):
    judge = CycleJudgeFactory(status="invited")
    url = _invitation_url(judge)

    page = client.get(url).content.decode()
    response = client.post(url, {"action": "accept"})

    assert f"{reverse('account_login')}?next={url}" in page
    assert response.status_code == 403
    judge.refresh_from_db()
    assert judge.status == "invited"


def test_someone_else_is_told_and_cannot_answer(client, other_teacher):
    judge = CycleJudgeFactory(status="invited")
    client.force_login(other_teacher)

    page = client.get(_invitation_url(judge)).content.decode()
    response = client.post(_invitation_url(judge), {"action": "accept"})

    assert "but you are signed in as" in page
    assert "Sign out" in page
    assert response.status_code == 403
    judge.refresh_from_db()
    assert judge.status == "invited"


def test_addressee_get_changes_nothing_then_accepts(client):
    judge = CycleJudgeFactory(status="invited", user=UserFactory())
    client.force_login(judge.user)

    client.get(_invitation_url(judge))
    judge.refresh_from_db()
    assert judge.status == "invited"
    response = client.post(_invitation_url(judge), {"action": "accept"})

    judge.refresh_from_db()
    assert judge.status == "active"
    assert response.url == reverse("awards:judge_conflicts", args=[14])
    assert judge.user.groups.filter(name=JUDGES_GROUP).exists()


def test_addressee_declines(client):
    judge = CycleJudgeFactory(status="invited")
    client.force_login(judge.user)

    client.post(_invitation_url(judge), {"action": "decline"})

    judge.refresh_from_db()
    assert judge.status == "declined"


# --- The judge's conflicts -----------------------------------------------------------------


def _conflicts_url(cycle):
    return reverse("awards:judge_conflicts", args=[cycle.edition.number])


def test_conflicts_page_sends_visitors_to_log_in(client, cycle):
    response = client.get(_conflicts_url(cycle))

    assert response.status_code == 302
    assert reverse("account_login") in response.url


@pytest.mark.parametrize("role", ["teacher", "staff", "judge"])
def test_conflicts_page_is_404_for_anyone_not_on_this_panel(client, request, role, cycle):
    user = request.getfixturevalue(role)
    if role == "judge":  # a judge of another cycle
        CycleJudgeFactory(user=user, cycle=AwardCycleFactory(edition__number=15))
    client.force_login(user)

    assert client.get(_conflicts_url(cycle)).status_code == 404


def test_invited_judge_cannot_declare_yet(client, cycle):
    judge = CycleJudgeFactory(cycle=cycle, status="invited")
    client.force_login(judge.user)

    assert client.get(_conflicts_url(cycle)).status_code == 404


def test_blind_conflicts_page_shows_numbers_statements_and_countries_only(client, cycle):
    # Issue 12: the title finds the collaboration's public page (and its schools), the
    # summary names towns: in blind judging the page shows "Entry N" and the statement.
    entry = EntryFactory(cycle=cycle, statement="Our classes compared winter darkness.")
    collaboration = entry.collaboration
    collaboration.title = "Helsinki and Dhaka weather diaries"
    collaboration.summary = "Students in Helsinki and Dhaka keep weather diaries."
    collaboration.save()
    judge = CycleJudgeFactory(cycle=cycle)
    school = entry.collaboration.memberships.get().school
    client.force_login(judge.user)

    page = client.get(_conflicts_url(cycle)).content.decode()

    assert f"Entry {entry.pk}" in page
    assert "Our classes compared winter darkness." in page
    assert school.country.name in page
    for leak in ("Helsinki", "Dhaka", collaboration.title, school.name, school.city):
        assert leak not in page
    assert entry.submitted_by.user.full_name not in page


def test_named_conflicts_page_shows_schools(client, cycle):
    cycle.blind = False
    cycle.save()
    entry = EntryFactory(cycle=cycle)
    judge = CycleJudgeFactory(cycle=cycle)
    client.force_login(judge.user)

    page = client.get(_conflicts_url(cycle)).content.decode()

    assert entry.collaboration.memberships.get().school.name in page


def test_declaring_removes_an_assignment_and_unticking_removes_the_declaration(client):
    assignment = AssignmentFactory()
    judge, entry = assignment.judge, assignment.entry
    client.force_login(judge.user)
    url = _conflicts_url(judge.cycle)

    client.post(
        url, {f"conflict_{entry.pk}": "on", f"reason_{entry.pk}": "My sister teaches there"}
    )

    assert Conflict.objects.get().reason == "My sister teaches there"
    assert not Assignment.objects.exists()
    client.post(url, {})
    assert not Conflict.objects.exists()


def test_declared_reason_too_long_is_refused_and_nothing_changes(client):
    judge = CycleJudgeFactory()
    entry = EntryFactory(cycle=judge.cycle)
    client.force_login(judge.user)

    response = client.post(
        _conflicts_url(judge.cycle), {f"conflict_{entry.pk}": "on", f"reason_{entry.pk}": "x" * 501}
    )

    assert response.status_code == 400
    assert not Conflict.objects.exists()


def test_staff_conflicts_are_shown_fixed_to_the_judge_and_stay(client):
    judge = CycleJudgeFactory()
    entry = EntryFactory(cycle=judge.cycle)
    Conflict.objects.create(judge=judge, entry=entry, source="staff", reason="Former colleague")
    client.force_login(judge.user)
    url = _conflicts_url(judge.cycle)

    page = client.get(url).content.decode()
    client.post(url, {})

    assert "Added by staff: Former colleague" in page
    assert f'name="conflict_{entry.pk}"' not in page
    assert Conflict.objects.get().source == "staff"


def test_a_declared_conflict_shows_on_the_assignments_page_as_needing_a_replacement(client, staff):
    assignment = AssignmentFactory()
    judge, entry = assignment.judge, assignment.entry
    assignment.stage.entries.add(entry)
    client.force_login(judge.user)
    client.post(_conflicts_url(judge.cycle), {f"conflict_{entry.pk}": "on"})
    client.force_login(staff)

    page = client.get(_assignments_url(assignment.stage)).content.decode()

    assert "Assignment removed: conflict declared" in page
    assert "needs 3 more judges" in page
