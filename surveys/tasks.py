"""Survey jobs: the invitations when a survey opens, the reminder staff send, and forgetting
the drafts of closed surveys (daily). Each calls one service; the sending is safe to run
twice (surveys.services.invitations)."""

from django.db import OperationalError

from core.tasks import task

from .services.answering import drafts_clear
from .services.invitations import invitations_send, reminders_send

MAX_RETRIES = 5
TRANSIENT_ERRORS = (OperationalError, ConnectionError)


def _backoff(retries: int) -> int:
    return min(2 ** (retries + 1), 60)


@task(name="surveys.send_invitations", bind=True, max_retries=MAX_RETRIES)
def send_invitations(self, *, survey_id: int) -> int:
    """E-mail every invitation of the survey not sent yet, once each."""
    try:
        return invitations_send(survey_id=survey_id)
    except TRANSIENT_ERRORS as error:
        raise self.retry(exc=error, countdown=_backoff(self.request.retries)) from error


@task(name="surveys.send_reminders", bind=True, max_retries=MAX_RETRIES)
def send_reminders(self, *, survey_id: int) -> int:
    """Remind everyone invited who has not answered and not been reminded yet, once each."""
    try:
        return reminders_send(survey_id=survey_id)
    except TRANSIENT_ERRORS as error:
        raise self.retry(exc=error, countdown=_backoff(self.request.retries)) from error


@task(name="surveys.clear_stale_drafts")
def clear_stale_drafts() -> int:
    """Daily: drafts of surveys that have closed are forgotten."""
    return drafts_clear()
