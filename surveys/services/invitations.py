"""Survey e-mails: the invitations when a survey opens and the reminder staff send (the
`surveys.send_invitations` and `surveys.send_reminders` tasks call these). Each is safe to run
twice: every invitation is claimed by a conditional UPDATE before its e-mail is written, so no
one gets the same e-mail twice. System work: no acting user, and the outbox records each
e-mail (no activity record per invitation)."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core.mail import absolute_url, send_templated_email

from ..models import Invitation, Survey

BATCH = 200

INVITATIONS_PENDING = {"invited_at__isnull": True}
REMINDERS_PENDING = {
    "invited_at__isnull": False,
    "answered_at__isnull": True,
    "reminded_at__isnull": True,
}


def _send(*, survey_id: int, template: str, pending: dict, stamp: str) -> int:
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


def invitations_send(*, survey_id: int) -> int:
    """E-mail every invitation of the survey not sent yet, once each; how many went."""
    return _send(
        survey_id=survey_id,
        template="survey_invitation",
        pending=INVITATIONS_PENDING,
        stamp="invited_at",
    )


def reminders_send(*, survey_id: int) -> int:
    """Remind everyone invited who has not answered and not been reminded yet, once each."""
    return _send(
        survey_id=survey_id,
        template="survey_reminder",
        pending=REMINDERS_PENDING,
        stamp="reminded_at",
    )
