"""Reads about conference editions, with their queries decided here.

Collaborations sit above conferences (DESIGN.md), so this module never imports them: it reaches
the collaborations initiated at an edition through the relation they declare
(Collaboration.initiated_at, related_name "collaborations_initiated").
"""

import datetime
from dataclasses import dataclass

from django.db.models import (
    Count,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from teachers.models import TeacherProfile

from .models import Application, Edition, Session

PUBLIC_COLLABORATIONS_SHOWN = 12


def _initiated_collaborations() -> QuerySet:
    """Public collaborations (drafts left out), whatever edition they were initiated at."""
    collaboration_model = Edition.collaborations_initiated.rel.related_model
    return collaboration_model.objects.public()


def _membership_model():
    return Edition.collaborations_initiated.rel.related_model.memberships.rel.related_model


def editions_for_public() -> QuerySet[Edition]:
    """Every edition but drafts, newest first, with the host country and collaboration_count
    (public collaborations initiated there), in one query."""
    counts = (
        _initiated_collaborations()
        .filter(initiated_at=OuterRef("pk"))
        .order_by()
        .values("initiated_at")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Edition.objects.exclude(status=Edition.Status.DRAFT)
        .select_related("country")
        .annotate(
            collaboration_count=Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))
        )
        .order_by("-starts_on", "-number")
    )


@dataclass(frozen=True)
class EditionFigures:
    """What the data says about an edition so far (participants come with applications)."""

    collaborations: int
    schools: int
    countries: int


def edition_figures(*, edition: Edition) -> EditionFigures:
    """Public collaborations initiated at the edition, their distinct member schools and the
    countries of those schools, in one query."""
    totals = (
        _initiated_collaborations()
        .filter(initiated_at=edition)
        .aggregate(
            collaborations=Count("pk", distinct=True),
            schools=Count("memberships__school", distinct=True),
            countries=Count("memberships__school__country", distinct=True),
        )
    )
    return EditionFigures(**totals)


def edition_for_page(*, number: int, include_drafts: bool = False) -> Edition | None:
    """The edition with its figures and at most PUBLIC_COLLABORATIONS_SHOWN public
    collaborations initiated there (newest first, member schools' countries prefetched) set as
    `figures` and `collaborations_shown`; None when there is none the reader may see."""
    editions = Edition.objects.select_related("country")
    if not include_drafts:
        editions = editions.exclude(status=Edition.Status.DRAFT)
    edition = editions.filter(number=number).first()
    if edition is None:
        return None
    edition.figures = edition_figures(edition=edition)
    edition.collaborations_shown = list(
        _initiated_collaborations()
        .filter(initiated_at=edition)
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=_membership_model()
                .objects.select_related("school__country")
                .order_by("joined_at", "pk"),
            )
        )
        .order_by("-created_at", "-pk")[:PUBLIC_COLLABORATIONS_SHOWN]
    )
    for collaboration in edition.collaborations_shown:
        countries = {m.school.country: None for m in collaboration.memberships.all()}
        collaboration.member_countries = list(countries)
    return edition


def programme_by_day(*, edition: Edition) -> list[tuple[datetime.date, list[Session]]]:
    """The edition's sessions grouped by their local date in the host's time zone, days and
    sessions in time order, in one query. Each session gets `local_starts_at` and
    `local_ends_at` (aware, in the host's zone)."""
    zone = edition.zone
    days: dict[datetime.date, list[Session]] = {}
    for session in Session.objects.filter(edition=edition).order_by("starts_at", "pk"):
        session.local_starts_at = session.starts_at.astimezone(zone)
        session.local_ends_at = session.ends_at.astimezone(zone)
        days.setdefault(session.local_starts_at.date(), []).append(session)
    return list(days.items())


def sessions_for_calendar(*, edition: Edition) -> QuerySet[Session]:
    """Every session of the edition in time order (one query when iterated)."""
    return Session.objects.filter(edition=edition).order_by("starts_at", "pk")


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
