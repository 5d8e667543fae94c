"""Survey e-mails: the invitations when a survey opens and the reminder staff send. Each task
takes a survey id and is safe to run twice: every invitation is claimed by a conditional UPDATE
before its e-mail is written, so no one gets the same e-mail twice."""

from celery import shared_task

from .answering import drafts_clear

BATCH = 200
MAX_RETRIES = 5


def _send(*, survey_id: int, template: str, pending: dict, stamp: str) -> int:
    from django.db import transaction
    from django.urls import reverse
    from django.utils import timezone

    from core.mail import absolute_url, send_templated_email

    from .models import Invitation, Survey

    survey = Survey.objects.filter(pk=survey_id).first()
    if survey is None or survey.status != Survey.Status.OPEN:
        return 0
    link = absolute_url(reverse("surveys:answer", args=[survey.pk]))
    sent = 0
    while True:
        ids = list(
            Invitation.objects.filter(survey=survey, **pending)
            .order_by("pk")
            .values_list("pk", flat=True)[:BATCH]
        )
        if not ids:
            return sent
        for invitation_id in ids:
            with transaction.atomic():
                claimed = Invitation.objects.filter(pk=invitation_id, **pending).update(
                    **{stamp: timezone.now()}
                )
                if not claimed:
                    continue  # another run took it
                invitation = Invitation.objects.select_related("user").get(pk=invitation_id)
                send_templated_email(
                    template=template,
                    to=[invitation.user.email],
                    context={"survey": survey, "person": invitation.user, "link": link},
                )
                sent += 1


@shared_task(name="surveys.send_invitations", bind=True, max_retries=MAX_RETRIES)
def send_invitations(self, survey_id: int) -> int:
    """E-mail every invitation of the survey not sent yet, once each."""
    from django.db import OperationalError

    try:
        return _send(
            survey_id=survey_id,
            template="survey_invitation",
            pending={"invited_at__isnull": True},
            stamp="invited_at",
        )
    except (OperationalError, ConnectionError) as error:
        raise self.retry(exc=error, countdown=min(2 ** (self.request.retries + 1), 60)) from error


@shared_task(name="surveys.send_reminders", bind=True, max_retries=MAX_RETRIES)
def send_reminders(self, survey_id: int) -> int:
    """Remind everyone invited who has not answered and not been reminded yet, once each."""
    from django.db import OperationalError

    try:
        return _send(
            survey_id=survey_id,
            template="survey_reminder",
            pending={
                "invited_at__isnull": False,
                "answered_at__isnull": True,
                "reminded_at__isnull": True,
            },
            stamp="reminded_at",
        )
    except (OperationalError, ConnectionError) as error:
        raise self.retry(exc=error, countdown=min(2 ** (self.request.retries + 1), 60)) from error


@shared_task(name="surveys.clear_stale_drafts")
def clear_stale_drafts() -> int:
    """Daily: drafts of surveys that have closed are forgotten."""
    return drafts_clear()
