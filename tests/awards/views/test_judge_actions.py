"""The staff panel's actions (awards/views/judges.py): invite, record a conflict, and per
judge invite again, make chair, remove."""

import pytest
from django.core import mail
from django.urls import reverse

from awards.models import Assignment, Conflict, CycleJudge
from tests.factories import (
    AssignmentFactory,
    AwardCycleFactory,
    CycleJudgeFactory,
    EntryFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle():
    return AwardCycleFactory()


def _judge_url(judge, action):
    return reverse(f"awards_staff:judge_{action}", args=[judge.cycle.edition.number, judge.pk])


def test_staff_invites_by_email(client, staff, cycle, django_capture_on_commit_callbacks):
    person = UserFactory(email="prof@uni.example")
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("awards_staff:judges_invite", args=[cycle.edition.number]),
            {"emails": "prof@uni.example\nghost@none.example"},
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
        reverse("awards_staff:judges_invite", args=[cycle.edition.number]),
        {"emails": "prof@uni.example\nnot-an-address"},
    )

    assert response.status_code == 400
    assert "Not an e-mail address: not-an-address" in response.content.decode()
    assert not CycleJudge.objects.exists()


def test_staff_remove_and_chair_buttons(client, staff, cycle):
    judge = CycleJudgeFactory(cycle=cycle)
    other = CycleJudgeFactory(cycle=cycle)
    client.force_login(staff)

    client.post(_judge_url(judge, "chair"))
    client.post(_judge_url(other, "remove"))

    judge.refresh_from_db()
    other.refresh_from_db()
    assert judge.is_chair
    assert other.status == "removed"


def test_judge_action_on_another_cycles_judge_changes_nothing(client, staff, cycle):
    elsewhere = CycleJudgeFactory(cycle=AwardCycleFactory(edition__number=15))
    client.force_login(staff)

    response = client.post(
        reverse("awards_staff:judge_remove", args=[cycle.edition.number, elsewhere.pk])
    )

    assert response.status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.status == "active"


def test_staff_records_a_conflict_and_is_told_about_the_replacement(client, staff):
    assignment = AssignmentFactory()
    client.force_login(staff)

    response = client.post(
        reverse("awards_staff:judges_conflict", args=[assignment.stage.cycle.edition.number]),
        {"judge": assignment.judge.pk, "entry": assignment.entry.pk},
        follow=True,
    )

    assert Conflict.objects.get().source == "staff"
    assert not Assignment.objects.exists()
    assert "needs a replacement" in response.content.decode()


# --- Each action: who may take it, GET, unknown cycle or judge, a refused form ---------------

PER_JUDGE = ["reinvite", "chair", "remove"]


def _state(judge):
    judge.refresh_from_db()
    return (judge.status, judge.is_chair, judge.invited_at)


def _panel_post(client, cycle, action, judge):
    number = cycle.edition.number
    if action == "invite":
        url, data = (
            reverse("awards_staff:judges_invite", args=[number]),
            {"emails": "new@x.example"},
        )
    elif action == "conflict":
        url = reverse("awards_staff:judges_conflict", args=[number])
        data = {"judge": judge.pk, "entry": EntryFactory(cycle=cycle).pk, "reason": "Friend"}
    else:
        url, data = _judge_url(judge, action), {}
    return client.post(url, data)


def _nothing_changed(judge, before):
    assert _state(judge) == before
    assert CycleJudge.objects.count() == 1
    assert not Conflict.objects.exists()


@pytest.fixture
def invited(cycle):
    UserFactory(email="new@x.example")
    return CycleJudgeFactory(cycle=cycle, status="invited")


@pytest.mark.parametrize(
    ("action", "check"),
    [
        ("invite", lambda j: CycleJudge.objects.filter(user__email="new@x.example").exists()),
        ("conflict", lambda j: Conflict.objects.filter(judge=j, source="staff").exists()),
        ("reinvite", lambda j: j.invited_at != CycleJudge.objects.get(pk=j.pk).invited_at),
        ("chair", lambda j: CycleJudge.objects.get(pk=j.pk).is_chair),
        ("remove", lambda j: CycleJudge.objects.get(pk=j.pk).status == "removed"),
    ],
)
def test_staff_take_each_action(client, staff, cycle, invited, action, check):
    client.force_login(staff)

    response = _panel_post(client, cycle, action, invited)

    assert response.status_code == 302
    assert response["Location"] == reverse("awards_staff:judges", args=[cycle.edition.number])
    assert check(invited)


@pytest.mark.parametrize("action", ["invite", "conflict", *PER_JUDGE])
@pytest.mark.parametrize("role", ["anonymous", "teacher", "judge"])
def test_others_may_not_take_an_action(client, request, cycle, invited, role, action):
    before = _state(invited)
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))

    response = _panel_post(client, cycle, action, invited)

    if role == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == 403
    _nothing_changed(invited, before)


@pytest.mark.parametrize("action", ["invite", "conflict"])
def test_a_panel_action_refuses_get_and_an_unknown_cycle(client, staff, cycle, action):
    client.force_login(staff)

    assert client.get(reverse(f"awards_staff:judges_{action}", args=[cycle.edition.number])) \
        .status_code == 405  # fmt: skip
    assert client.post(reverse(f"awards_staff:judges_{action}", args=[99])).status_code == 404


@pytest.mark.parametrize("action", PER_JUDGE)
def test_a_judge_action_refuses_get_and_an_unknown_cycle_or_judge(client, staff, invited, action):
    before = _state(invited)
    number = invited.cycle.edition.number
    client.force_login(staff)

    assert client.get(_judge_url(invited, action)).status_code == 405
    for args in ([99, invited.pk], [number, 999999]):
        response = client.post(reverse(f"awards_staff:judge_{action}", args=args))

        assert response.status_code == 404, args
    _nothing_changed(invited, before)


@pytest.mark.parametrize(
    ("action", "data", "field", "says"),
    [
        ("invite", {"emails": ""}, "emails", "This field is required."),
        ("conflict", {"judge": "", "entry": ""}, "judge", "This field is required."),
    ],
)
def test_a_refused_form_shows_the_panel_with_its_error(
    client, staff, cycle, invited, action, data, field, says
):
    before = _state(invited)
    client.force_login(staff)

    response = client.post(
        reverse(f"awards_staff:judges_{action}", args=[cycle.edition.number]), data
    )

    assert response.status_code == 400
    assert response.context[f"{action}_form"].errors[field] == [says]
    assert not response.context["conflict_form" if action == "invite" else "invite_form"].is_bound
    _nothing_changed(invited, before)


def test_a_refused_judge_action_says_why(client, staff, cycle):
    active = CycleJudgeFactory(cycle=cycle, status="active")
    client.force_login(staff)

    response = client.post(_judge_url(active, "reinvite"), follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        f"{active.user.full_name} already accepted: no invitation to send."
    ]
    assert CycleJudge.objects.get(pk=active.pk).status == "active"


def test_the_panel_posts_each_action_to_its_view(client, staff, cycle, invited):
    client.force_login(staff)

    page = client.get(reverse("awards_staff:judges", args=[cycle.edition.number])).content
    page = page.decode()

    for name in ("judges_invite", "judges_conflict"):
        assert f'action="{reverse(f"awards_staff:{name}", args=[cycle.edition.number])}"' in page
    for action in PER_JUDGE:
        assert f'action="{_judge_url(invited, action)}"' in page
    assert 'name="action"' not in page
    assert 'name="form"' not in page


def test_inviting_past_the_rate_limit_says_so_and_sends_nothing(
    client, staff, cycle, use_up_rate_limit, django_capture_on_commit_callbacks
):
    UserFactory(email="prof@uni.example")
    use_up_rate_limit("awards_judge_invitation", staff)
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("awards_staff:judges_invite", args=[cycle.edition.number]),
            {"emails": "prof@uni.example"},
        )

    assert response.status_code == 400  # the panel's answer to a refused form
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
        response = client.post(_judge_url(judge, "reinvite"), follow=True)

    assert "please wait an hour and try again" in response.content.decode()
    assert mail.outbox == []
