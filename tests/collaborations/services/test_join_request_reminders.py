"""The reliability signal: a lead's usual time to answer join requests, and the one reminder
leads get about a request left unanswered for 7 days."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from collaborations.models import JoinRequest
from collaborations.selectors.join_requests import (
    lead_response_times,
    median_duration,
    response_days,
)
from collaborations.services.join_requests import join_requests_remind_unanswered
from collaborations.tasks import remind_unanswered_requests

from ...factories import (
    CollaborationFactory,
    CountryFactory,
    MembershipFactory,
    TeacherProfileFactory,
)

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def lead():
    return TeacherProfileFactory(user__email="lead@school.example", user__full_name="Aino Lead")


@pytest.fixture
def collaboration(lead):
    return CollaborationFactory(lead=lead, title="Rivers of two continents")


@pytest.fixture
def asker():
    return TeacherProfileFactory(
        user__email="asker@school.example", user__country=CountryFactory(code="JP")
    )


def _request(collaboration, asker, *, sent_ago, took=None, status=None) -> JoinRequest:
    """A join request sent `sent_ago`, answered `took` later (accepted unless `status`)."""
    now = timezone.now()
    if status is None:
        status = JoinRequest.Status.PENDING if took is None else JoinRequest.Status.ACCEPTED
    join_request = JoinRequest.objects.create(
        collaboration=collaboration,
        teacher=asker,
        school=asker.school,
        student_count=20,
        message="We would love to join.",
        status=status,
    )
    created_at = now - sent_ago
    decided_at = None if took is None else created_at + took
    JoinRequest.objects.filter(pk=join_request.pk).update(
        created_at=created_at, decided_at=decided_at
    )
    join_request.refresh_from_db()
    return join_request


# --- the median -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("durations", "expected"),
    [
        ([], None),
        ([3 * DAY], 3 * DAY),
        ([30 * DAY, HOUR, 2 * DAY], 2 * DAY),
        ([DAY, 4 * DAY, 2 * DAY, 90 * DAY], 3 * DAY),
        ([HOUR, 2 * HOUR], 90 * datetime.timedelta(minutes=1)),
    ],
)
def test_median_duration_is_the_middle_value(durations, expected):
    assert median_duration(durations) == expected


@pytest.mark.parametrize(
    ("duration", "days"),
    [(None, None), (datetime.timedelta(0), 1), (HOUR, 1), (DAY, 1), (DAY + HOUR, 2), (2 * DAY, 2)],
)
def test_response_days_rounds_up_to_whole_days(duration, days):
    assert response_days(duration) == days


def test_lead_response_times_is_the_median_of_answers(collaboration, lead, asker):
    _request(collaboration, asker, sent_ago=40 * DAY, took=HOUR)
    _request(collaboration, asker, sent_ago=35 * DAY, took=30 * DAY, status="declined")
    _request(collaboration, asker, sent_ago=10 * DAY, took=2 * DAY)
    # not answers by the lead: withdrawn by the teacher, still waiting
    _request(collaboration, asker, sent_ago=9 * DAY, took=DAY / 24 / 60, status="withdrawn")
    _request(collaboration, asker, sent_ago=20 * DAY)

    assert lead_response_times(teacher_ids=[lead.pk]) == {lead.pk: 2 * DAY}


def test_lead_response_times_counts_the_last_20_answers_only(collaboration, lead, asker):
    for _ in range(5):  # answered long ago and slowly: left out
        _request(collaboration, asker, sent_ago=400 * DAY, took=100 * DAY)
    for _ in range(10):
        _request(collaboration, asker, sent_ago=30 * DAY, took=DAY)
    for _ in range(10):
        _request(collaboration, asker, sent_ago=20 * DAY, took=3 * DAY)

    assert lead_response_times(teacher_ids=[lead.pk]) == {lead.pk: 2 * DAY}


def test_lead_response_times_for_many_leads_in_one_query(
    collaboration, lead, asker, django_assert_num_queries
):
    other_lead = TeacherProfileFactory()
    other = CollaborationFactory(lead=other_lead)
    new_lead = TeacherProfileFactory()
    CollaborationFactory(lead=new_lead)
    _request(collaboration, asker, sent_ago=10 * DAY, took=DAY)
    _request(other, asker, sent_ago=10 * DAY, took=5 * DAY)
    _request(other, asker, sent_ago=9 * DAY, took=7 * DAY)

    with django_assert_num_queries(1):
        times = lead_response_times(teacher_ids=[lead.pk, other_lead.pk, new_lead.pk])

    assert times == {lead.pk: DAY, other_lead.pk: 6 * DAY, new_lead.pk: None}


def test_lead_response_times_counts_only_collaborations_the_teacher_leads(collaboration, asker):
    co_lead = MembershipFactory(collaboration=collaboration, role="co_lead").teacher
    _request(collaboration, asker, sent_ago=10 * DAY, took=DAY)

    assert lead_response_times(teacher_ids=[co_lead.pk]) == {co_lead.pk: None}


def test_lead_response_times_of_nobody_asks_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert lead_response_times(teacher_ids=[]) == {}


def test_detail_shows_how_fast_the_lead_usually_answers(client, collaboration, asker):
    _request(collaboration, asker, sent_ago=10 * DAY, took=DAY + HOUR)

    response = client.get(collaboration.get_absolute_url())

    assert response.context["lead_response_days"] == 2
    assert "Usually answers within 2 days" in response.text
    assert "New lead: no answers yet" not in response.text


def test_detail_says_a_new_lead_has_no_answers_yet(client, collaboration):
    response = client.get(collaboration.get_absolute_url())

    assert response.context["lead_response_days"] is None
    assert "New lead: no answers yet" in response.text
    assert "Usually answers within" not in response.text


# --- reminders ------------------------------------------------------------------------------


def test_reminder_goes_once_to_the_leads_and_co_leads(
    collaboration, asker, django_capture_on_commit_callbacks
):
    co_lead = MembershipFactory(collaboration=collaboration, role="co_lead").teacher
    MembershipFactory(collaboration=collaboration)  # a member: not told
    waiting = _request(collaboration, asker, sent_ago=8 * DAY)

    with django_capture_on_commit_callbacks(execute=True):
        sent = join_requests_remind_unanswered()

    waiting.refresh_from_db()
    assert sent == 1
    assert waiting.reminded_at is not None
    assert waiting.status == "pending"
    assert [sorted(m.to) for m in mail.outbox] == [
        sorted(["lead@school.example", co_lead.user.email])
    ]
    assert "Rivers of two continents" in mail.outbox[0].subject
    assert "asked 8 days ago" in mail.outbox[0].body
    assert collaboration.get_absolute_url() in mail.outbox[0].body

    with django_capture_on_commit_callbacks(execute=True):
        again = join_requests_remind_unanswered()

    assert again == 0
    assert len(mail.outbox) == 1


def test_reminder_skips_answered_recent_and_reminded_requests(
    collaboration, asker, django_capture_on_commit_callbacks
):
    _request(collaboration, asker, sent_ago=10 * DAY, took=9 * DAY)  # answered before the sweep
    _request(collaboration, asker, sent_ago=10 * DAY, took=DAY, status="declined")
    _request(collaboration, asker, sent_ago=10 * DAY, took=DAY, status="withdrawn")
    younger = _request(collaboration, asker, sent_ago=6 * DAY)
    other_asker = TeacherProfileFactory()
    reminded = _request(collaboration, other_asker, sent_ago=20 * DAY)
    JoinRequest.objects.filter(pk=reminded.pk).update(reminded_at=timezone.now() - 5 * DAY)

    with django_capture_on_commit_callbacks(execute=True):
        sent = join_requests_remind_unanswered()

    younger.refresh_from_db()
    assert sent == 0
    assert mail.outbox == []
    assert younger.reminded_at is None


def test_reminder_rolled_back_is_neither_recorded_nor_sent(
    collaboration, asker, django_capture_on_commit_callbacks, monkeypatch
):
    waiting = _request(collaboration, asker, sent_ago=8 * DAY)

    def broken(**kwargs):
        raise RuntimeError

    monkeypatch.setattr("collaborations.services.join_requests.send_templated_email", broken)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        join_requests_remind_unanswered()

    waiting.refresh_from_db()
    assert waiting.reminded_at is None
    assert mail.outbox == []


def test_reminder_task_runs_the_sweep(
    collaboration, asker, celery_eager, django_capture_on_commit_callbacks
):
    _request(collaboration, asker, sent_ago=8 * DAY)

    # The task base sends after commit, so .delay() returns nothing: run it where it is.
    with django_capture_on_commit_callbacks(execute=True):
        result = remind_unanswered_requests.apply()

    assert result.get() == 1
    assert remind_unanswered_requests.name == "collaborations.remind_unanswered_requests"
    assert [m.to for m in mail.outbox] == [["lead@school.example"]]
