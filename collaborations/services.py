"""Writes for collaborations: propose, edit, status, co-leads, join requests, membership.

Every function is one action, keyword-only, in one transaction, raising CollaborationError
with a message for the person who tried. E-mails go through the outbox: recorded now, sent by
Celery after commit (and never when the transaction rolls back).
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from conferences.models import Edition
from core.audit.services import audit_record
from core.errors import DomainError
from core.images import process_image
from core.mail import absolute_url, send_templated_email
from schools.models import Language
from teachers.models import MAX_STUDENT_AGE, MIN_STUDENT_AGE, Subject, TeacherProfile, User

from .models import (
    MAX_PHOTOS_PER_POST,
    Collaboration,
    DiaryPhoto,
    DiaryPost,
    Invitation,
    JoinRequest,
    Membership,
    Theme,
)

MAX_MONTHS = 24


class CollaborationError(DomainError):
    """A collaboration action that cannot be done; the message is for the person who tried."""


def _months_between(start: datetime.date, end: datetime.date) -> float:
    return (end - start).days / 30.44


def _check_plan(*, starts_on, ends_on, student_age_min, student_age_max, partner_schools_wanted):
    if ends_on <= starts_on:
        raise CollaborationError(_("The end must come after the start."))
    if _months_between(starts_on, ends_on) > MAX_MONTHS:
        raise CollaborationError(
            _("A collaboration runs for %(months)s months at most (3 to 12 is typical).")
            % {"months": MAX_MONTHS}
        )
    if not (MIN_STUDENT_AGE <= student_age_min <= student_age_max <= MAX_STUDENT_AGE):
        raise CollaborationError(
            _("Students' ages go from %(min)s to %(max)s, the youngest first.")
            % {"min": MIN_STUDENT_AGE, "max": MAX_STUDENT_AGE}
        )
    if not 1 <= partner_schools_wanted <= 20:
        raise CollaborationError(_("Ask for 1 to 20 partner schools."))


def themes_from_names(names: Iterable[str]) -> list[Theme]:
    """Free tags typed by teachers, matched case-insensitively to existing themes."""
    themes = []
    for name in {n.strip()[:60] for n in names if n.strip()}:
        slug = slugify(name)[:60]
        if not slug:
            continue
        theme, _created = Theme.objects.get_or_create(slug=slug, defaults={"name": name})
        themes.append(theme)
    return themes


def _lead_profile(user: User) -> TeacherProfile:
    profile = TeacherProfile.objects.select_related("school").filter(user=user).first()
    if profile is None or not profile.is_verified or profile.school is None:
        raise CollaborationError(
            _("Only teachers whose school staff have verified can do this. See My ClassNet.")
        )
    return profile


@transaction.atomic
def collaboration_propose(
    *,
    by: User,
    title: str,
    summary: str,
    description: str,
    subjects: Iterable[Subject],
    languages: Iterable[Language],
    theme_names: Iterable[str] = (),
    kind: str = Collaboration.Kind.ONLINE,
    student_age_min: int,
    student_age_max: int,
    ict_tools: str = "",
    starts_on: datetime.date,
    ends_on: datetime.date,
    partner_schools_wanted: int,
    wanted_region: str,
    student_count: int,
    publish: bool = False,
    initiated_at: Edition | None = None,
) -> Collaboration:
    """A verified teacher proposes a collaboration and leads it with their own school."""
    lead = _lead_profile(by)
    _check_plan(
        starts_on=starts_on,
        ends_on=ends_on,
        student_age_min=student_age_min,
        student_age_max=student_age_max,
        partner_schools_wanted=partner_schools_wanted,
    )
    collaboration = Collaboration(
        title=title.strip(),
        summary=summary.strip(),
        description=description.strip(),
        kind=kind,
        student_age_min=student_age_min,
        student_age_max=student_age_max,
        ict_tools=ict_tools.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        partner_schools_wanted=partner_schools_wanted,
        wanted_region=wanted_region,
        status=Collaboration.Status.OPEN if publish else Collaboration.Status.DRAFT,
        initiated_at=initiated_at,
        created_by=by,
    )
    collaboration.full_clean(validate_constraints=False)
    collaboration.save()
    collaboration.subjects.set(subjects)
    collaboration.languages.set(languages)
    collaboration.themes.set(themes_from_names(theme_names))
    Membership.objects.create(
        collaboration=collaboration,
        school=lead.school,
        teacher=lead,
        role=Membership.Role.LEAD,
        student_count=student_count,
    )
    audit_record(actor=by, action="collaboration.proposed", target=collaboration)
    return collaboration


@transaction.atomic
def collaboration_update(
    *,
    collaboration: Collaboration,
    by: User,
    title: str,
    summary: str,
    description: str,
    subjects: Iterable[Subject],
    languages: Iterable[Language],
    theme_names: Iterable[str],
    kind: str,
    student_age_min: int,
    student_age_max: int,
    ict_tools: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    partner_schools_wanted: int,
    wanted_region: str,
    initiated_at: Edition | None = None,
) -> Collaboration:
    """A lead edits the plan. Places cannot drop below the partner schools already in."""
    collaboration = Collaboration.objects.select_for_update().get(pk=collaboration.pk)
    _check_plan(
        starts_on=starts_on,
        ends_on=ends_on,
        student_age_min=student_age_min,
        student_age_max=student_age_max,
        partner_schools_wanted=partner_schools_wanted,
    )
    partners = partner_count(collaboration=collaboration)
    if partner_schools_wanted < partners:
        raise CollaborationError(
            _("%(n)s partner schools are already in: ask for at least as many places.")
            % {"n": partners}
        )
    for field, value in {
        "title": title.strip(),
        "summary": summary.strip(),
        "description": description.strip(),
        "kind": kind,
        "student_age_min": student_age_min,
        "student_age_max": student_age_max,
        "ict_tools": ict_tools.strip(),
        "starts_on": starts_on,
        "ends_on": ends_on,
        "partner_schools_wanted": partner_schools_wanted,
        "wanted_region": wanted_region,
        "initiated_at": initiated_at,
    }.items():
        setattr(collaboration, field, value)
    collaboration.full_clean(validate_constraints=False)
    collaboration.save()
    collaboration.subjects.set(subjects)
    collaboration.languages.set(languages)
    collaboration.themes.set(themes_from_names(theme_names))
    audit_record(actor=by, action="collaboration.edited", target=collaboration)
    return collaboration


ALLOWED_TRANSITIONS = {
    Collaboration.Status.DRAFT: {Collaboration.Status.OPEN},
    Collaboration.Status.OPEN: {Collaboration.Status.RUNNING, Collaboration.Status.DRAFT},
    Collaboration.Status.RUNNING: {Collaboration.Status.OPEN, Collaboration.Status.COMPLETED},
    Collaboration.Status.COMPLETED: {Collaboration.Status.ARCHIVED, Collaboration.Status.RUNNING},
    Collaboration.Status.ARCHIVED: set(),
}


@transaction.atomic
def collaboration_set_status(*, collaboration: Collaboration, by: User, status: str):
    """Move a collaboration along draft -> open -> running -> completed -> archived."""
    collaboration = Collaboration.objects.select_for_update().get(pk=collaboration.pk)
    current = Collaboration.Status(collaboration.status)
    if status not in ALLOWED_TRANSITIONS[current]:
        raise CollaborationError(
            _("A collaboration that is %(current)s cannot become %(new)s.")
            % {
                "current": current.label.lower(),
                "new": Collaboration.Status(status).label.lower(),
            }
        )
    collaboration.status = status
    collaboration.save(update_fields=["status", "updated_at"])
    audit_record(actor=by, action=f"collaboration.{status}", target=collaboration)
    return collaboration


def partner_count(*, collaboration: Collaboration) -> int:
    """Schools in the collaboration besides the lead's: what counts against the places."""
    return collaboration.memberships.exclude(role=Membership.Role.LEAD).count()


def joining_refusal(*, collaboration: Collaboration, school_id: int, own: bool) -> str:
    """Why a school cannot join the collaboration now, "" when it can: the rules a join request
    and an invitation share. `own`: said to the school's teacher (else to a lead). Call it with
    the collaboration row locked, as the services do."""
    if not collaboration.accepts_requests:
        return _("This collaboration does not take new partners now.")
    if collaboration.memberships.filter(school=school_id).exists():
        if own:
            return _("Your school is already a member of this collaboration.")
        return _("This teacher's school is already a member of this collaboration.")
    if collaboration.join_requests.filter(
        school=school_id, status=JoinRequest.Status.PENDING
    ).exists():
        if own:
            return _("A request for your school is already waiting for the leads' answer.")
        return _(
            "A request from this teacher's school is already waiting for your answer: answer it "
            "on the collaboration's page."
        )
    if Invitation.objects.filter(
        collaboration=collaboration, school=school_id, status=Invitation.Status.PENDING
    ).exists():
        if own:
            return _(
                "Your school is already invited to this collaboration: answer the invitation "
                "from My ClassNet."
            )
        return _("This teacher's school is already invited to this collaboration.")
    if partner_count(collaboration=collaboration) >= collaboration.partner_schools_wanted:
        return _("This collaboration is full: all its places are taken.")
    return ""


def _leads_emails(collaboration: Collaboration) -> list[str]:
    return list(
        collaboration.memberships.filter(
            role__in=[Membership.Role.LEAD, Membership.Role.CO_LEAD],
            teacher__user__is_active=True,
        ).values_list("teacher__user__email", flat=True)
    )


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
    send_templated_email(
        template="join_requested",
        to=_leads_emails(collaboration),
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
    return join_request


@transaction.atomic
def membership_leave(*, membership: Membership, by: User) -> None:
    """A member school leaves. The lead cannot leave the collaboration they lead."""
    membership = Membership.objects.select_related("teacher").get(pk=membership.pk)
    if membership.role == Membership.Role.LEAD:
        raise CollaborationError(_("The lead cannot leave: archive the collaboration instead."))
    if membership.teacher.user_id != by.pk:
        raise CollaborationError(_("Only the member's teacher can leave for their school."))
    audit_record(actor=by, action="membership.left", target=membership.collaboration)
    membership.delete()


@transaction.atomic
def membership_remove(*, membership: Membership, by: User, reason: str = "") -> None:
    """A lead removes a member school (never the lead's own)."""
    membership = Membership.objects.select_related("collaboration").get(pk=membership.pk)
    if membership.role == Membership.Role.LEAD:
        raise CollaborationError(_("The lead's school cannot be removed."))
    audit_record(
        actor=by, action="membership.removed", target=membership.collaboration, note=reason
    )
    membership.delete()


@transaction.atomic
def co_lead_set(*, membership: Membership, by: User, co_lead: bool) -> Membership:
    """The lead names a member's teacher co-lead (or takes it back)."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.role == Membership.Role.LEAD:
        raise CollaborationError(_("The lead already leads."))
    membership.role = Membership.Role.CO_LEAD if co_lead else Membership.Role.MEMBER
    membership.save(update_fields=["role"])
    audit_record(
        actor=by,
        action="membership.co_lead" if co_lead else "membership.member",
        target=membership.collaboration,
    )
    return membership


REMIND_AFTER = datetime.timedelta(days=7)


def join_requests_remind_unanswered(*, older_than: datetime.timedelta = REMIND_AFTER) -> int:
    """Remind the leads (and co-leads) once of each request waiting longer than `older_than`.

    Each request is claimed in its own transaction with an UPDATE that only succeeds while
    reminded_at is empty, so two sweeps running at once never both send; the e-mail goes
    through the outbox and leaves only if the claim commits. Returns the reminders sent.
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
            to = _leads_emails(join_request.collaboration)
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
            sent += 1
    return sent


# --- diary -----------------------------------------------------------------------------------


@transaction.atomic
def diary_post_create(
    *,
    collaboration: Collaboration,
    by: User,
    text: str,
    visibility: str,
    photos: list[UploadedFile] = (),
    consent: bool = False,
) -> DiaryPost:
    """A member posts an update to the diary, for members only or for everyone. Photos are
    re-encoded (no EXIF, no GPS) before anything is saved: one bad photo saves nothing. The
    uploader confirms that every student in the photos has consent to appear."""
    membership = (
        Membership.objects.select_related("teacher", "school")
        .filter(collaboration=collaboration, teacher__user=by)
        .first()
    )
    if membership is None:
        raise CollaborationError(_("Only the member schools' teachers can post to the diary."))
    text = text.strip()
    if not text:
        raise CollaborationError(_("Write something about your update."))
    photos = list(photos)
    if len(photos) > MAX_PHOTOS_PER_POST:
        raise CollaborationError(
            _("A post has %(max)s photos at most.") % {"max": MAX_PHOTOS_PER_POST}
        )
    if photos and not consent:
        raise CollaborationError(
            _("Confirm that every student in the photos has consent to appear in them.")
        )
    try:
        processed = [process_image(photo) for photo in photos]
    except ValidationError as error:
        raise CollaborationError(" ".join(error.messages)) from None
    post = DiaryPost(
        collaboration=collaboration,
        author=membership.teacher,
        school=membership.school,
        text=text,
        visibility=visibility,
    )
    post.full_clean()
    post.save()
    for image in processed:
        DiaryPhoto.objects.create(post=post, image=image.image, thumbnail=image.thumbnail)
    return post


@transaction.atomic
def diary_post_delete(*, post: DiaryPost, by: User) -> None:
    """The author or a lead of the collaboration deletes a post; its files go after commit."""
    post = DiaryPost.objects.select_related("author").get(pk=post.pk)
    is_author = post.author.user_id == by.pk
    is_lead = Membership.objects.filter(
        collaboration_id=post.collaboration_id,
        teacher__user=by,
        role__in=[Membership.Role.LEAD, Membership.Role.CO_LEAD],
    ).exists()
    if not (is_author or is_lead):
        raise CollaborationError(_("Only the post's author or a lead can delete it."))
    files = [f for photo in post.photos.all() for f in (photo.image, photo.thumbnail)]
    if not is_author:
        audit_record(actor=by, action="diary_post.deleted", target=post.collaboration)
    post.delete()
    transaction.on_commit(lambda: [f.storage.delete(f.name) for f in files if f.name])
