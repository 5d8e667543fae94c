"""Writes for join requests: a verified teacher asks for their school to join, a lead accepts
or declines, the teacher withdraws; the daily sweep reminds the leads of unanswered ones.

Accepting locks the collaboration row and counts the members from the rows: two leads
accepting at the same moment cannot take the collaboration past its places. E-mails go
through the outbox: recorded now, sent by Celery after commit (never on a rollback).
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit.services import audit_record
from core.mail import absolute_url, send_templated_email
from teachers.models import User

from ..errors import CollaborationError
from ..models import Collaboration, JoinRequest, Membership
from ..selectors.memberships import joining_refusal, leads_emails, partner_count
from .collaborations import _lead_profile


@transaction.atomic
def join_request_create(
    *, collaboration: Collaboration, by: User, student_count: int, message: str
) -> JoinRequest:
    """A verified teacher asks for their school to join; the leads are told by e-mail."""
    teacher = _lead_profile(by)
    collaboration = Collaboration.objects.select_for_update().get(pk=collaboration.pk)
    refusal = joining_refusal(collaboration=collaboration, school_id=teacher.school_id, own=True)
    if refusal:
        raise CollaborationError(refusal)
    if not message.strip():
        raise CollaborationError(_("Write a few words to the leads about your class."))
    try:
        with transaction.atomic():
            join_request = JoinRequest.objects.create(
                collaboration=collaboration,
                teacher=teacher,
                school=teacher.school,
                student_count=student_count,
                message=message.strip(),
            )
    except IntegrityError as error:
        raise CollaborationError(
            _("A request for your school is already waiting for the leads' answer.")
        ) from error
    audit_record(actor=by, action="collaborations.join_request.created", target=join_request)
    send_templated_email(
        template="join_requested",
        to=leads_emails(collaboration),
        context={
            "collaboration": collaboration,
            "join_request": join_request,
            "url": absolute_url(collaboration.get_absolute_url()),
        },
    )
    return join_request


def _pending(join_request: JoinRequest) -> JoinRequest:
    join_request = (
        JoinRequest.objects.select_for_update(of=("self",))
        .select_related("teacher__user", "school", "collaboration")
        .get(pk=join_request.pk)
    )
    if join_request.status != JoinRequest.Status.PENDING:
        raise CollaborationError(_("This request has been answered already."))
    return join_request


@transaction.atomic
def join_request_accept(*, join_request: JoinRequest, by: User) -> Membership:
    """A lead accepts: the school becomes a member, unless the places ran out meanwhile.

    The collaboration row is locked first, then the members are counted from the rows: two
    leads accepting at the same moment cannot take the collaboration past its places.
    """
    collaboration = Collaboration.objects.select_for_update().get(pk=join_request.collaboration_id)
    join_request = _pending(join_request)
    if partner_count(collaboration=collaboration) >= collaboration.partner_schools_wanted:
        raise CollaborationError(
            _("All places are taken. Raise the number of partner schools to accept more.")
        )
    if collaboration.memberships.filter(school=join_request.school_id).exists():
        raise CollaborationError(_("This school is already a member."))
    membership = Membership.objects.create(
        collaboration=collaboration,
        school=join_request.school,
        teacher=join_request.teacher,
        student_count=join_request.student_count,
    )
    join_request.status = JoinRequest.Status.ACCEPTED
    join_request.decided_by = by
    join_request.decided_at = timezone.now()
    join_request.save(update_fields=["status", "decided_by", "decided_at"])
    audit_record(actor=by, action="collaborations.join_request.accepted", target=join_request)
    send_templated_email(
        template="join_accepted",
        to=[join_request.teacher.user.email],
        context={
            "collaboration": collaboration,
            "join_request": join_request,
            "url": absolute_url(collaboration.get_absolute_url()),
        },
    )
    return membership


@transaction.atomic
def join_request_decline(*, join_request: JoinRequest, by: User, reason: str) -> JoinRequest:
    """A lead declines, saying why; the teacher is told."""
    if not reason.strip():
        raise CollaborationError(_("Say why, so that the teacher can look elsewhere."))
    join_request = _pending(join_request)
    join_request.status = JoinRequest.Status.DECLINED
    join_request.reason = reason.strip()
    join_request.decided_by = by
    join_request.decided_at = timezone.now()
    join_request.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    audit_record(
        actor=by,
        action="collaborations.join_request.declined",
        target=join_request,
        note=join_request.reason,
    )
    send_templated_email(
        template="join_declined",
        to=[join_request.teacher.user.email],
        context={
            "collaboration": join_request.collaboration,
            "join_request": join_request,
            "url": absolute_url(join_request.collaboration.get_absolute_url()),
        },
    )
    return join_request


@transaction.atomic
def join_request_withdraw(*, join_request: JoinRequest, by: User) -> JoinRequest:
    """The teacher takes their request back before the leads answer."""
    join_request = _pending(join_request)
    if join_request.teacher.user_id != by.pk:
        raise CollaborationError(_("Only the teacher who sent a request can withdraw it."))
    join_request.status = JoinRequest.Status.WITHDRAWN
    join_request.decided_at = timezone.now()
    join_request.save(update_fields=["status", "decided_at"])
    audit_record(actor=by, action="collaborations.join_request.withdrawn", target=join_request)
    return join_request


REMIND_AFTER = datetime.timedelta(days=7)


def join_requests_remind_unanswered(
    *, by: User | None = None, older_than: datetime.timedelta = REMIND_AFTER
) -> int:
    """Remind the leads (and co-leads) once of each request waiting longer than `older_than`.

    Each request is claimed in its own transaction with an UPDATE that only succeeds while
    reminded_at is empty, so two sweeps running at once never both send; the e-mail goes
    through the outbox and leaves only if the claim commits. Returns the reminders sent.
    `by` is None for the daily sweep (Celery beat).
    """
    now = timezone.now()
    due = JoinRequest.objects.filter(
        status=JoinRequest.Status.PENDING,
        reminded_at__isnull=True,
        created_at__lte=now - older_than,
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(due.order_by("created_at", "pk")):
        with transaction.atomic():
            claimed = JoinRequest.objects.filter(
                pk=pk, status=JoinRequest.Status.PENDING, reminded_at__isnull=True
            ).update(reminded_at=now)
            if not claimed:
                continue
            join_request = JoinRequest.objects.select_related(
                "collaboration", "teacher__user", "school__country"
            ).get(pk=pk)
            to = leads_emails(join_request.collaboration)
            if not to:
                continue
            send_templated_email(
                template="join_reminder",
                to=to,
                context={
                    "collaboration": join_request.collaboration,
                    "join_request": join_request,
                    "days": (now - join_request.created_at).days,
                    "url": absolute_url(join_request.collaboration.get_absolute_url()),
                },
            )
            audit_record(
                actor=by, action="collaborations.join_request.reminded", target=join_request
            )
            sent += 1
    return sent
