"""Reads about applications: what the edition page shows the applicant, the applicant's own
application, one application for staff, and a teacher's applications for My ClassNet and for
their personal data export."""

from dataclasses import dataclass

from django.db.models import FilteredRelation, OuterRef, Prefetch, Q, QuerySet, Subquery

from teachers.models import TeacherProfile

from ..models import Application, CheckIn, Edition, WaitlistOffer


@dataclass(frozen=True)
class ApplicantView:
    """What the edition page shows a signed-in user about their own application."""

    is_teacher: bool
    is_verified: bool
    application: Application | None


def applicant_view(*, edition: Edition, user) -> ApplicantView:
    """The user's teacher profile and their active (not withdrawn) application to the edition,
    in one query (a LEFT JOIN; at most one active application per teacher and edition)."""
    row = (
        TeacherProfile.objects.filter(user=user)
        .annotate(
            active=FilteredRelation(
                "conference_applications",
                condition=Q(conference_applications__edition=edition)
                & ~Q(conference_applications__status=Application.Status.WITHDRAWN),
            )
        )
        .values(
            "verification",
            "active__pk",
            "active__status",
            "active__reason",
            "active__created_at",
        )
        .first()
    )
    if row is None:
        return ApplicantView(is_teacher=False, is_verified=False, application=None)
    application = None
    if row["active__pk"] is not None:
        application = Application(
            pk=row["active__pk"],
            edition=edition,
            status=row["active__status"],
            reason=row["active__reason"],
            created_at=row["active__created_at"],
        )
    return ApplicantView(
        is_teacher=True,
        is_verified=row["verification"] == TeacherProfile.Verification.VERIFIED,
        application=application,
    )


def active_application_of(*, number: int, user) -> Application | None:
    """The user's own application to the edition numbered `number` that is not withdrawn,
    with the edition, host country and teacher (one query); None when there is none."""
    if not user.is_authenticated:
        return None
    return (
        Application.objects.exclude(status=Application.Status.WITHDRAWN)
        .select_related("edition__country", "teacher")
        .filter(edition__number=number, teacher__user=user)
        .first()
    )


def waitlist_waiting(*, edition: Edition) -> bool:
    """Whether anyone waits on the edition's waitlist (one query)."""
    return edition.applications.filter(status=Application.Status.WAITLISTED).exists()


def application_for_staff(*, edition: Edition, pk: int) -> Application | None:
    """One application of the edition in full, with teacher, school, country and who decided
    (one query); None when it is not the edition's."""
    return (
        Application.objects.filter(edition=edition, pk=pk)
        .select_related("teacher__user", "school__country", "decided_by")
        .first()
    )


def application_in_edition(*, edition: Edition, pk: int) -> Application | None:
    """One application of the edition with its teacher (one query), for the check-in."""
    return (
        Application.objects.select_related("teacher__user").filter(edition=edition, pk=pk).first()
    )


def applications_for_export(*, user) -> QuerySet[Application]:
    """The person's applications with everything their personal data export lists."""
    return (
        Application.objects.filter(teacher__user=user)
        .select_related("edition", "school")
        .prefetch_related("checkins", "workshop_signups__session", "offers")
        .order_by("edition__number", "created_at")
    )


def applications_for_panel(*, profile) -> list[Application]:
    """The teacher's applications for My ClassNet, newest edition first, with the edition,
    the first day checked in (`first_checkin`) and the open offers (`open_offers`): two
    queries."""
    return list(
        Application.objects.filter(teacher=profile)
        .select_related("edition__country")
        .annotate(
            first_checkin=Subquery(
                CheckIn.objects.filter(application=OuterRef("pk")).order_by("day").values("day")[:1]
            )
        )
        .prefetch_related(
            Prefetch(
                "offers",
                queryset=WaitlistOffer.objects.filter(status=WaitlistOffer.Status.OPEN),
                to_attr="open_offers",
            )
        )
        .order_by("-edition__number", "-created_at", "-pk")
    )
