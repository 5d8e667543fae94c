"""The invitation and reminder e-mails: each goes once, even when the task runs twice; the
reminder only to those who have not answered."""

import pytest
from django.core import mail
from django.utils import timezone

from surveys import tasks
from surveys.models import Invitation

from ...factories import SurveyFactory, SurveyInvitationFactory

pytestmark = pytest.mark.django_db


def _run(django_capture_on_commit_callbacks, task, survey):
    with django_capture_on_commit_callbacks(execute=True):
        return task(survey_id=survey.pk)


def test_invitations_go_once_each_with_the_answer_link(
    django_capture_on_commit_callbacks, celery_eager
):
    survey = SurveyFactory(title="Robots in class")
    waiting = [SurveyInvitationFactory(survey=survey, invited_at=None) for _ in range(3)]
    SurveyInvitationFactory(survey=survey)  # already e-mailed
    assert _run(django_capture_on_commit_callbacks, tasks.send_invitations, survey) == 3
    assert _run(django_capture_on_commit_callbacks, tasks.send_invitations, survey) == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted(i.user.email for i in waiting)
    message = mail.outbox[0]
    assert "Robots in class" in message.subject
    assert "http://" in message.body or "https://" in message.body
    assert f"/surveys/{survey.pk}/" in message.body
    assert f"/surveys/{survey.pk}/" in message.alternatives[0][0]
    assert not Invitation.objects.filter(invited_at__isnull=True).exists()


def test_reminders_skip_answered_and_already_reminded(
    django_capture_on_commit_callbacks, celery_eager
):
    survey = SurveyFactory()
    due = SurveyInvitationFactory(survey=survey)
    SurveyInvitationFactory(survey=survey, answered_at=timezone.now())
    SurveyInvitationFactory(survey=survey, reminded_at=timezone.now())
    SurveyInvitationFactory(survey=survey, invited_at=None)
    assert _run(django_capture_on_commit_callbacks, tasks.send_reminders, survey) == 1
    assert _run(django_capture_on_commit_callbacks, tasks.send_reminders, survey) == 0
    assert [m.to[0] for m in mail.outbox] == [due.user.email]
    assert "Reminder" in mail.outbox[0].subject
    due.refresh_from_db()
    assert due.reminded_at is not None


def test_nothing_goes_for_a_closed_or_missing_survey(
    django_capture_on_commit_callbacks, celery_eager
):
    survey = SurveyFactory(status="closed")
    SurveyInvitationFactory(survey=survey, invited_at=None)
    assert _run(django_capture_on_commit_callbacks, tasks.send_invitations, survey) == 0
    assert tasks.send_reminders(survey_id=999999) == 0
    assert mail.outbox == []


def test_a_database_outage_is_retried(monkeypatch):
    from django.db import OperationalError

    def away(**kwargs):
        raise OperationalError("gone")

    retried = []
    monkeypatch.setattr(tasks, "invitations_send", away)
    monkeypatch.setattr(
        tasks.send_invitations, "retry", lambda **kw: retried.append(kw) or RuntimeError("retry")
    )
    with pytest.raises(RuntimeError):
        tasks.send_invitations.run(survey_id=1)
    assert retried
    assert isinstance(retried[0]["exc"], OperationalError)
