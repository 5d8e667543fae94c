"""Reminders to judges: once per judge and stage closing within 72 hours, for what is left."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from awards.models import Assignment
from awards.services.scorecards import remind_judges_due, scorecard_submit
from awards.tasks import remind_judges
from tests.awards.services.test_scorecards import all_scores, scoring_setup
from tests.factories import AssignmentFactory, CycleJudgeFactory

pytestmark = pytest.mark.django_db


def closing_in(assignment, delta: datetime.timedelta) -> None:
    assignment.stage.closes_at = timezone.now() + delta
    assignment.stage.save()


def test_one_reminder_per_judge_listing_what_remains(django_capture_on_commit_callbacks):
    assignment, rubric = scoring_setup()
    closing_in(assignment, datetime.timedelta(hours=48))
    AssignmentFactory(stage=assignment.stage, judge=assignment.judge)
    AssignmentFactory(stage=assignment.stage, judge=assignment.judge, status="draft")
    done = AssignmentFactory(stage=assignment.stage, judge=assignment.judge)
    scorecard_submit(assignment=done, by=done.judge.user, scores=all_scores(rubric))

    with django_capture_on_commit_callbacks(execute=True):
        sent = remind_judges_due()

    assert sent == 1
    [message] = mail.outbox
    assert message.to == [assignment.judge.user.email]
    assert "3 entries still to score" in message.subject
    assert "You still have 3 entries to score and submit." in message.body
    assert "/awards/judging/" in message.body
    assert "Asia" in message.body or "Europe" in message.body  # the deadline's zone
    assert "Open my judging dashboard" in message.alternatives[0][0]
    reminded = Assignment.objects.filter(reminded_at__isnull=False)
    assert set(reminded) == set(Assignment.objects.exclude(pk=done.pk))


def test_running_twice_sends_one_mail(django_capture_on_commit_callbacks):
    assignment, _rubric = scoring_setup()
    closing_in(assignment, datetime.timedelta(hours=10))

    with django_capture_on_commit_callbacks(execute=True):
        first = remind_judges_due()
        second = remind_judges_due()

    assert (first, second) == (1, 0)
    assert len(mail.outbox) == 1


def test_each_judge_gets_their_own_reminder(django_capture_on_commit_callbacks):
    assignment, _rubric = scoring_setup()
    closing_in(assignment, datetime.timedelta(hours=71))
    colleague = CycleJudgeFactory(cycle=assignment.stage.cycle)
    AssignmentFactory(stage=assignment.stage, entry=assignment.entry, judge=colleague)

    with django_capture_on_commit_callbacks(execute=True):
        assert remind_judges_due() == 2

    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [assignment.judge.user.email, colleague.user.email]
    )
    assert all("1 entry still to score" in m.subject for m in mail.outbox)


@pytest.mark.parametrize(
    ("status", "hours"),
    [
        ("open", 80),  # not yet within 72 hours
        ("open", -1),  # already closed by its deadline
        ("closed", 10),
        ("pending", 10),
    ],
)
def test_no_reminder_outside_an_open_stage_closing_soon(
    django_capture_on_commit_callbacks, status, hours
):
    assignment, _rubric = scoring_setup(stage_status=status)
    closing_in(assignment, datetime.timedelta(hours=hours))

    with django_capture_on_commit_callbacks(execute=True):
        assert remind_judges_due() == 0

    assert mail.outbox == []
    assert not Assignment.objects.filter(reminded_at__isnull=False).exists()


def test_no_reminder_for_a_judge_who_is_done_or_gone(django_capture_on_commit_callbacks):
    assignment, rubric = scoring_setup()
    closing_in(assignment, datetime.timedelta(hours=10))
    scorecard_submit(assignment=assignment, by=assignment.judge.user, scores=all_scores(rubric))
    removed = AssignmentFactory(
        stage=assignment.stage,
        judge=CycleJudgeFactory(cycle=assignment.stage.cycle, status="removed"),
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert remind_judges_due() == 0

    assert mail.outbox == []
    removed.refresh_from_db()
    assert removed.reminded_at is None


def test_a_new_assignment_after_the_reminder_is_reminded_once(django_capture_on_commit_callbacks):
    assignment, _rubric = scoring_setup()
    closing_in(assignment, datetime.timedelta(hours=10))
    with django_capture_on_commit_callbacks(execute=True):
        remind_judges_due()
    AssignmentFactory(stage=assignment.stage, judge=assignment.judge)

    with django_capture_on_commit_callbacks(execute=True):
        assert remind_judges_due() == 1
        assert remind_judges_due() == 0

    assert len(mail.outbox) == 2
    assert "2 entries still to score" in mail.outbox[1].subject


def test_the_task_sends_the_reminders(celery_eager, django_capture_on_commit_callbacks):
    assignment, _rubric = scoring_setup()
    closing_in(assignment, datetime.timedelta(hours=10))

    # The task base sends on commit and returns no result: run it here to read its count.
    with django_capture_on_commit_callbacks(execute=True):
        result = remind_judges.apply()

    assert result.get() == 1
    assert [m.to for m in mail.outbox] == [[assignment.judge.user.email]]
