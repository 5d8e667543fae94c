"""Writes of applications: submitted, withdrawn, approved, waitlisted, rejected, and erased
with the person's personal data (applications_erase).

Places are never oversold: every approval locks the edition's row first, then counts the
places taken from the rows, then writes (application_approve). Two staff approving at the
same moment queue behind one another on that lock.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit.services import audit_record
from teachers.models import TeacherProfile, User

from ..emails import send_application_email
from ..errors import ConferenceError
from ..models import Application, Edition, WaitlistOffer
from ..selectors.places import places_held
from . import waitlist
from .places import ensure_place_for, lock_edition

__all__ = [
    "APPROVABLE",
    "ConferenceError",
    "application_approve",
    "application_reject",
    "application_submit",
    "application_waitlist",
    "application_withdraw",
    "applications_erase",
    "places_taken",
]


def _applicant_profile(user: User) -> TeacherProfile:
    profile = TeacherProfile.objects.select_related("school").filter(user=user).first()
    if profile is None or not profile.is_verified or profile.school is None:
        raise ConferenceError(
            _("Only teachers whose school staff have verified can apply. See My ClassNet.")
        )
    return profile


@transaction.atomic
def application_submit(
    *,
    edition: Edition,
    by: User,
    motivation: str,
    collaboration_plan: str,
    needs_dietary: str,
    needs_access: str,
    consent_to_list: bool,
) -> Application:
    """A verified teacher applies for a place while the edition takes applications."""
    profile = _applicant_profile(by)
    edition = Edition.objects.get(pk=edition.pk)
    if not edition.accepts_applications:
        raise ConferenceError(_("This edition is not taking applications now."))
    if not motivation.strip():
        raise ConferenceError(_("Tell us why you want to take part."))
    active = edition.applications.filter(teacher=profile).exclude(
        status=Application.Status.WITHDRAWN
    )
    if active.exists():
        raise ConferenceError(_("You have already applied to this edition."))
    application = Application(
        edition=edition,
        teacher=profile,
        school=profile.school,
        motivation=motivation.strip(),
        collaboration_plan=collaboration_plan.strip(),
        needs_dietary=needs_dietary.strip(),
        needs_access=needs_access.strip(),
        consent_to_list=consent_to_list,
    )
    application.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():  # the same teacher applying twice at the same moment
            application.save()
    except IntegrityError:
        raise ConferenceError(_("You have already applied to this edition.")) from None
    audit_record(actor=by, action="application.submitted", target=application)
    send_application_email("received", application)
    return application


def _locked(application: Application) -> Application:
    """The application's row, locked (only its own row: not the edition, school or teacher)."""
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("edition", "teacher__user", "school__country")
        .get(pk=application.pk)
    )


def _decide(application: Application, *, status: str, by: User, reason: str = "") -> None:
    application.status = status
    application.reason = reason
    application.decided_by = by
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    audit_record(actor=by, action=f"application.{status}", target=application, note=reason)


@transaction.atomic
def application_withdraw(*, application: Application, by: User) -> Application:
    """The teacher takes their application back; a place they held (or were offered) goes to
    the waitlist, under the edition's lock."""
    lock_edition(application.edition_id)
    application = _locked(application)
    if application.teacher.user_id != by.pk:
        raise ConferenceError(_("Only the teacher who applied can withdraw the application."))
    if application.status in (
        Application.Status.WITHDRAWN,
        Application.Status.REJECTED,
        Application.Status.ATTENDED,
    ):
        raise ConferenceError(_("This application can no longer be withdrawn."))
    application.status = Application.Status.WITHDRAWN
    application.save(update_fields=["status"])
    _close_open_offers(application)
    audit_record(actor=by, action="application.withdrawn", target=application)
    send_application_email("withdrawn", application)
    waitlist.offer_free_places(edition=application.edition)
    return application


def _close_open_offers(application: Application) -> None:
    """An application leaving the waitlist gives up its open offer (if any)."""
    application.offers.filter(status="open").update(status="cancelled", responded_at=timezone.now())


APPROVABLE = (
    Application.Status.SUBMITTED,
    Application.Status.UNDER_REVIEW,
    Application.Status.WAITLISTED,
)


def places_taken(*, edition: Edition) -> int:
    """The edition's places held now (participants and open offers), counted from the rows."""
    return places_held(edition=edition)


@transaction.atomic
def application_approve(*, application: Application, by: User) -> Application:
    """Staff give the teacher a place, unless the edition or their country is full.

    The edition row is locked first, then the places are counted from the rows: every
    approval of the edition waits for the one before it to commit.
    """
    edition = lock_edition(application.edition_id)
    application = _locked(application)
    if application.status not in APPROVABLE:
        raise ConferenceError(
            _("Only a submitted, under-review or waitlisted application can be approved.")
        )
    # A waitlisted teacher holding an open offer is approved into the place offered to them.
    offer = (
        application.offers.select_related("application__school__country")
        .filter(status="open")
        .first()
    )
    if offer is None:
        ensure_place_for(edition=edition, application=application)
    else:
        waitlist.accept_offer_locked(edition=edition, offer=offer)
    _decide(application, status=Application.Status.APPROVED, by=by)
    send_application_email("approved", application)
    return application


@transaction.atomic
def application_waitlist(*, application: Application, by: User) -> Application:
    """Staff put the application on the waitlist."""
    application = _locked(application)
    if application.status not in (Application.Status.SUBMITTED, Application.Status.UNDER_REVIEW):
        raise ConferenceError(_("Only a submitted or under-review application can be waitlisted."))
    application.waitlisted_at = timezone.now()
    application.save(update_fields=["waitlisted_at"])
    _decide(application, status=Application.Status.WAITLISTED, by=by)
    send_application_email("waitlisted", application)
    return application


@transaction.atomic
def application_reject(*, application: Application, by: User, reason: str) -> Application:
    """Staff turn the application down, saying why; the teacher is told."""
    if not reason.strip():
        raise ConferenceError(_("Say why, so that the teacher understands the decision."))
    lock_edition(application.edition_id)
    application = _locked(application)
    if application.status not in (*APPROVABLE, Application.Status.APPROVED):
        raise ConferenceError(_("This application can no longer be rejected."))
    _decide(application, status=Application.Status.REJECTED, by=by, reason=reason.strip())
    _close_open_offers(application)
    send_application_email("rejected", application)
    waitlist.offer_free_places(edition=application.edition)
    return application


ACTIVE = (
    Application.Status.SUBMITTED,
    Application.Status.UNDER_REVIEW,
    Application.Status.APPROVED,
    Application.Status.WAITLISTED,
)


def applications_erase(*, user: User, by: User | None = None) -> None:
    """Withdraw the person's active applications (a place they held goes to the waitlist,
    under the edition's lock), then blank the personal text of all of them (their personal
    data erased: teachers.privacy). Each edition is its own transaction, as before."""
    active = Application.objects.filter(teacher__user=user, status__in=ACTIVE)
    for edition_id in sorted(set(active.values_list("edition_id", flat=True))):
        with transaction.atomic():
            edition = lock_edition(edition_id)
            mine = Application.objects.filter(
                teacher__user=user, edition=edition, status__in=ACTIVE
            )
            WaitlistOffer.objects.filter(
                application__in=mine, status=WaitlistOffer.Status.OPEN
            ).update(status=WaitlistOffer.Status.CANCELLED, responded_at=timezone.now())
            mine.update(status=Application.Status.WITHDRAWN)
            waitlist.offer_free_places(edition=edition)
    Application.objects.filter(teacher__user=user).update(
        motivation="",
        collaboration_plan="",
        needs_dietary="",
        needs_access="",
        consent_to_list=False,
        reason="",
    )
