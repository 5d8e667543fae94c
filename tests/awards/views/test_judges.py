import pytest
from django.core import mail
from django.urls import reverse

from awards.models import Assignment, Conflict, CycleJudge
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
    assert client.post(url, {"action": "auto"}).status_code == 403
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


def test_staff_invites_by_email(client, staff, cycle, django_capture_on_commit_callbacks):
    person = UserFactory(email="prof@uni.example")
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _judges_url(cycle),
            {"form": "invite", "emails": "prof@uni.example\nghost@none.example"},
            follow=True,
        )

    judge = CycleJudge.objects.get()
    assert judge.user == person
    assert judge.status == "invited"
    page = response.content.decode()
    assert "Invitation sent to" in page
    assert "ghost@none.example" in page
    assert "sign up" in page


def test_a_bad_address_invites_nobody(client, staff, cycle):
    UserFactory(email="prof@uni.example")
    client.force_login(staff)

    response = client.post(
        _judges_url(cycle), {"form": "invite", "emails": "prof@uni.example\nnot-an-address"}
    )

    assert response.status_code == 400
    assert "Not an e-mail address: not-an-address" in response.content.decode()
    assert not CycleJudge.objects.exists()


def test_staff_remove_and_chair_buttons(client, staff, cycle):
    judge = CycleJudgeFactory(cycle=cycle)
    other = CycleJudgeFactory(cycle=cycle)
    client.force_login(staff)

    client.post(_judges_url(cycle), {"action": "chair", "judge": judge.pk})
    client.post(_judges_url(cycle), {"action": "remove", "judge": other.pk})

    judge.refresh_from_db()
    other.refresh_from_db()
    assert judge.is_chair
    assert other.status == "removed"


def test_judge_action_on_another_cycles_judge_changes_nothing(client, staff, cycle):
    elsewhere = CycleJudgeFactory(cycle=AwardCycleFactory(edition__number=15))
    client.force_login(staff)

    response = client.post(_judges_url(cycle), {"action": "remove", "judge": elsewhere.pk})

    assert response.status_code == 302
    elsewhere.refresh_from_db()
    assert elsewhere.status == "active"


def test_staff_records_a_conflict_and_is_told_about_the_replacement(client, staff):
    assignment = AssignmentFactory()
    client.force_login(staff)

    response = client.post(
        _judges_url(assignment.stage.cycle),
        {"form": "conflict", "judge": assignment.judge.pk, "entry": assignment.entry.pk},
        follow=True,
    )

    assert Conflict.objects.get().source == "staff"
    assert not Assignment.objects.exists()
    assert "needs a replacement" in response.content.decode()


# --- Assignments page ---------------------------------------------------------------------


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

    response = client.post(_assignments_url(stage), {"action": "auto"}, follow=True)

    assert Assignment.objects.filter(stage=stage).count() == 12
    assert "12 assignments made" in response.content.decode()


def test_add_by_hand_refuses_a_conflicted_judge(client, staff):
    stage, entries, judges, _ = build_panel(entries=1, asia=1, europe=1, conflict_rate=0)
    Conflict.objects.create(judge=judges[0], entry=entries[0], source="declared")
    client.force_login(staff)

    response = client.post(
        _assignments_url(stage),
        {"action": "add", "entry": entries[0].pk, "judge": judges[0].pk},
        follow=True,
    )

    assert not Assignment.objects.exists()
    assert "has a conflict with this entry" in response.content.decode()
    client.post(
        _assignments_url(stage), {"action": "add", "entry": entries[0].pk, "judge": judges[1].pk}
    )
    assert Assignment.objects.get().judge == judges[1]


def test_removing_a_draft_asks_first(client, staff):
    draft = AssignmentFactory(status="draft")
    url = _assignments_url(draft.stage)
    client.force_login(staff)

    response = client.post(url, {"action": "remove", "assignment": draft.pk})

    assert response.status_code == 409
    assert "Yes, remove it and its draft" in response.content.decode()
    assert Assignment.objects.filter(pk=draft.pk).exists()
    client.post(url, {"action": "remove", "assignment": draft.pk, "confirm": "on"})
    assert not Assignment.objects.exists()


def test_a_submitted_assignment_cannot_be_removed(client, staff):
    done = AssignmentFactory(status="submitted", submitted_at="2026-01-01T00:00Z")
    client.force_login(staff)

    client.post(
        _assignments_url(done.stage), {"action": "remove", "assignment": done.pk, "confirm": "on"}
    )

    assert Assignment.objects.filter(pk=done.pk).exists()


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
    assert ('name="action" value="stage_open"' in page) is (status == "pending")


def test_inviting_past_the_rate_limit_says_so_and_sends_nothing(
    client, staff, cycle, use_up_rate_limit, django_capture_on_commit_callbacks
):
    UserFactory(email="prof@uni.example")
    use_up_rate_limit("awards_judge_invitation", staff)
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_judges_url(cycle), {"form": "invite", "emails": "prof@uni.example"})

    assert response.status_code == 400  # the page's answer to a refused form
    assert "please wait an hour and try again" in response.content.decode()
    assert not CycleJudge.objects.exists()
    assert mail.outbox == []


def test_inviting_again_past_the_rate_limit_says_so_and_sends_nothing(
    client, staff, cycle, use_up_rate_limit, django_capture_on_commit_callbacks
):
    judge = CycleJudge.objects.create(cycle=cycle, user=UserFactory())
    use_up_rate_limit("awards_judge_invitation", staff)
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _judges_url(cycle), {"action": "reinvite", "judge": judge.pk}, follow=True
        )

    assert "please wait an hour and try again" in response.content.decode()
    assert mail.outbox == []
