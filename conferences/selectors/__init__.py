"""Reads about conference editions, with their queries decided here.

Collaborations sit above conferences (DESIGN.md), so this module never imports them: it reaches
the collaborations initiated at an edition through the relation they declare
(Collaboration.initiated_at, related_name "collaborations_initiated").
"""

import datetime
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest

from schools.models import Region
from teachers.models import TeacherProfile

from ..models import Application, CheckIn, Edition, Session, WaitlistOffer

PUBLIC_COLLABORATIONS_SHOWN = 12


def _initiated_collaborations() -> QuerySet:
    """Public collaborations (drafts left out), whatever edition they were initiated at."""
    collaboration_model = Edition.collaborations_initiated.rel.related_model
    return collaboration_model.objects.public()


def _membership_model():
    return Edition.collaborations_initiated.rel.related_model.memberships.rel.related_model


def _count_of(applications: QuerySet, *, field: str = "pk", distinct: bool = False):
    """A subquery counting the given applications of the outer edition (0 when none)."""
    counts = (
        applications.filter(edition=OuterRef("pk"))
        .order_by()
        .values("edition")
        .annotate(n=Count(field, distinct=distinct))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


HELD_STATUSES = (Edition.Status.HELD, Edition.Status.ARCHIVED)


def with_participant_figures(editions: QuerySet[Edition]) -> QuerySet[Edition]:
    """Annotate each edition, in the same query, with:

    - participant_count and participant_country_count: the teachers taking part and their
      schools' countries. For an edition held (or archived) those checked in (attended); for
      one to come, or a held one where nobody was checked in on ClassNet, approved + attended;
    - places_held_count (approved or attended, or holding an open waitlist offer: as
      places.places_held counts) and places_left_count (never below 0).
    """
    attended = Application.objects.filter(status=Application.Status.ATTENDED)
    holding = Application.objects.filter(status__in=Application.HOLDS_PLACE)
    open_offer = WaitlistOffer.objects.filter(
        application=OuterRef("pk"), status=WaitlistOffer.Status.OPEN
    )
    held = Application.objects.filter(Q(status__in=Application.HOLDS_PLACE) | Exists(open_offer))
    use_attended = Q(status__in=HELD_STATUSES, attended_count__gt=0)
    return editions.annotate(
        attended_count=_count_of(attended),
        attended_country_count=_count_of(attended, field="school__country", distinct=True),
        holding_count=_count_of(holding),
        holding_country_count=_count_of(holding, field="school__country", distinct=True),
        places_held_count=_count_of(held),
    ).annotate(
        participant_count=Case(
            When(use_attended, then=F("attended_count")), default=F("holding_count")
        ),
        participant_country_count=Case(
            When(use_attended, then=F("attended_country_count")),
            default=F("holding_country_count"),
        ),
        places_left_count=Greatest(F("capacity") - F("places_held_count"), Value(0)),
    )


def editions_for_public() -> QuerySet[Edition]:
    """Every edition but drafts, newest first, with the host country, collaboration_count
    (public collaborations initiated there) and the participant figures and places of
    with_participant_figures(), in one query."""
    counts = (
        _initiated_collaborations()
        .filter(initiated_at=OuterRef("pk"))
        .order_by()
        .values("initiated_at")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return with_participant_figures(
        Edition.objects.exclude(status=Edition.Status.DRAFT)
        .select_related("country")
        .annotate(
            collaboration_count=Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))
        )
        .order_by("-starts_on", "-number")
    )


@dataclass(frozen=True)
class EditionFigures:
    """What the collaborations recorded say about an edition (its participant figures are
    the edition's own annotations: see with_participant_figures)."""

    collaborations: int
    schools: int
    countries: int
    # Of the collaborations, those with member schools in Asia and in Europe.
    bi_regional: int = 0


def edition_figures(*, edition: Edition) -> EditionFigures:
    """Public collaborations initiated at the edition, how many of them have member schools in
    both regions, their distinct member schools and the countries of those schools, in one
    query."""
    members = _membership_model().objects.filter(collaboration=OuterRef("pk"))
    in_asia = Exists(members.filter(school__country__region=Region.ASIA))
    in_europe = Exists(members.filter(school__country__region=Region.EUROPE))
    totals = (
        _initiated_collaborations()
        .filter(initiated_at=edition)
        .aggregate(
            collaborations=Count("pk", distinct=True),
            bi_regional=Count("pk", distinct=True, filter=Q(in_asia, in_europe)),
            schools=Count("memberships__school", distinct=True),
            countries=Count("memberships__school__country", distinct=True),
        )
    )
    return EditionFigures(**totals)


def edition_for_page(*, number: int, include_drafts: bool = False) -> Edition | None:
    """The edition (annotated by with_participant_figures) with its figures and at most
    PUBLIC_COLLABORATIONS_SHOWN public collaborations initiated there (newest first, member
    schools' countries prefetched) set as `figures` and `collaborations_shown`; None when
    there is none the reader may see."""
    editions = with_participant_figures(Edition.objects.select_related("country"))
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


# --- Staff pages ---------------------------------------------------------------------------

TO_DECIDE = (Application.Status.SUBMITTED, Application.Status.UNDER_REVIEW)


def editions_for_staff() -> QuerySet[Edition]:
    """Every edition, drafts included, newest first, with the host country, the places of
    with_participant_figures(), application_count (not withdrawn), to_decide_count and
    session_count, in one query."""
    active = Application.objects.exclude(status=Application.Status.WITHDRAWN)
    sessions = (
        Session.objects.filter(edition=OuterRef("pk"))
        .order_by()
        .values("edition")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return with_participant_figures(
        Edition.objects.select_related("country")
        .annotate(
            application_count=_count_of(active),
            to_decide_count=_count_of(Application.objects.filter(status__in=TO_DECIDE)),
            session_count=Coalesce(Subquery(sessions, output_field=IntegerField()), Value(0)),
        )
        .order_by("-number")
    )


def applications_by_status(*, edition: Edition) -> dict[str, int]:
    """How many of the edition's applications are in each status (every status, 0 where
    none), in one query."""
    counts = dict(
        Application.objects.filter(edition=edition)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    return {status: counts.get(status, 0) for status in Application.Status.values}


def open_offer_count(*, edition: Edition) -> int:
    """Waitlist offers of the edition still waiting for the teacher's answer (one query)."""
    return WaitlistOffer.objects.filter(
        application__edition=edition, status=WaitlistOffer.Status.OPEN
    ).count()


def programme_for_staff(*, edition: Edition) -> list[tuple[datetime.date, list[Session]]]:
    """programme_by_day(), each session with signup_count, in one query."""
    zone = edition.zone
    days: dict[datetime.date, list[Session]] = {}
    sessions = (
        Session.objects.filter(edition=edition)
        .annotate(signup_count=Count("signups"))
        .order_by("starts_at", "pk")
    )
    for session in sessions:
        session.local_starts_at = session.starts_at.astimezone(zone)
        session.local_ends_at = session.ends_at.astimezone(zone)
        days.setdefault(session.local_starts_at.date(), []).append(session)
    return list(days.items())


# --- For the edition report (reports composes these; each is one GROUP BY query) -------------


def participants_of_edition(*, edition: Edition) -> QuerySet[Application]:
    """The edition's participants: applications attended (checked in); when nobody was checked
    in on ClassNet, approved + attended (as with_participant_figures counts them). Lazy: the
    choice is made inside the query that uses it."""
    anyone_attended = Application.objects.filter(
        edition=OuterRef("edition"), status=Application.Status.ATTENDED
    )
    return Application.objects.filter(edition=edition).filter(
        Q(status=Application.Status.ATTENDED)
        | Q(status__in=Application.HOLDS_PLACE) & ~Exists(anyone_attended)
    )


def participants_by_country(*, edition: Edition) -> list[dict]:
    """[{country, region, teachers}] by the participants' schools' countries, most first."""
    return list(
        participants_of_edition(edition=edition)
        .order_by()
        .values(country=F("school__country__name"), region=F("school__country__region"))
        .annotate(teachers=Count("pk"))
        .order_by("-teachers", "country")
    )


def participants_by_region(*, edition: Edition) -> list[dict]:
    """[{region, teachers, countries}], most first."""
    return list(
        participants_of_edition(edition=edition)
        .order_by()
        .values(region=F("school__country__region"))
        .annotate(teachers=Count("pk"), countries=Count("school__country", distinct=True))
        .order_by("-teachers", "region")
    )


def participants_by_school_kind(*, edition: Edition) -> list[dict]:
    """[{kind, teachers}] by the kind of the participants' schools, most first."""
    return list(
        participants_of_edition(edition=edition)
        .order_by()
        .values(kind=F("school__kind"))
        .annotate(teachers=Count("pk"))
        .order_by("-teachers", "kind")
    )


def returning_participants(*, edition: Edition) -> int:
    """How many participants took part in an earlier edition (a lower number, held or
    archived) — an application there approved or attended."""
    earlier = Application.objects.filter(
        teacher=OuterRef("teacher"),
        edition__number__lt=edition.number,
        edition__status__in=HELD_STATUSES,
        status__in=Application.HOLDS_PLACE,
    )
    return participants_of_edition(edition=edition).filter(Exists(earlier)).count()


def workshop_signups_per_session(*, edition: Edition) -> list[dict]:
    """[{title, kind, starts_at, signups}] for the sessions with sign-ups, in programme order."""
    return list(
        Session.objects.filter(edition=edition)
        .order_by()
        .values("pk", "title", "kind", "starts_at")
        .annotate(signups=Count("signups"))
        .filter(signups__gt=0)
        .order_by("starts_at", "pk")
    )


def checkins_per_day(*, edition: Edition) -> list[dict]:
    """[{day, checkins}] for each day someone was checked in, in order."""
    return list(
        CheckIn.objects.filter(application__edition=edition)
        .order_by()
        .values("day")
        .annotate(checkins=Count("pk"))
        .order_by("day")
    )


def editions_held_up_to(*, edition: Edition) -> int:
    """Editions organised up to and including this one: held or archived, number ≤ its."""
    return Edition.objects.filter(status__in=HELD_STATUSES, number__lte=edition.number).count()


# --- The waitlist's order -------------------------------------------------------------------

# NULLS LAST on both databases (SQLite sorts NULL first by default): a waitlisted row without
# a date (not written by application_waitlist) goes to the back, never to the front.
WAITLIST_ORDER = (F("waitlisted_at").asc(nulls_last=True), F("pk").asc())


def waitlist_of(*, edition: Edition) -> QuerySet[Application]:
    """The edition's waitlisted applications in waitlist order."""
    return Application.objects.filter(
        edition=edition, status=Application.Status.WAITLISTED
    ).order_by(*WAITLIST_ORDER)


def position_of(application: Application) -> int | None:
    """The application's place in its edition's waitlist (1 = next to be offered), or None
    when it is not waitlisted. One query."""
    if application.status != Application.Status.WAITLISTED:
        return None
    ahead = Application.objects.filter(
        edition_id=application.edition_id, status=Application.Status.WAITLISTED
    )
    if application.waitlisted_at is None:
        ahead = ahead.filter(Q(waitlisted_at__isnull=False) | Q(pk__lt=application.pk))
    else:
        ahead = ahead.filter(
            Q(waitlisted_at__lt=application.waitlisted_at)
            | Q(waitlisted_at=application.waitlisted_at, pk__lt=application.pk)
        )
    return ahead.count() + 1


def positions_for(applications) -> dict[int, int]:
    """Waitlist positions of several waitlisted applications (any editions) in one query,
    by application pk, in the order of position_of; the others are left out."""
    waiting = [a.pk for a in applications if a.status == Application.Status.WAITLISTED]
    if not waiting:
        return {}

    def ahead(condition: Q) -> Subquery:
        return Subquery(
            Application.objects.filter(
                condition, edition_id=OuterRef("edition_id"), status=Application.Status.WAITLISTED
            )
            .order_by()
            .values("edition_id")
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        )

    dated = Q(waitlisted_at__lt=OuterRef("waitlisted_at")) | Q(
        waitlisted_at=OuterRef("waitlisted_at"), pk__lt=OuterRef("pk")
    )
    # Without a date, behind every dated row (WAITLIST_ORDER: nulls last).
    undated = Q(waitlisted_at__isnull=False) | Q(waitlisted_at__isnull=True, pk__lt=OuterRef("pk"))
    rows = (
        Application.objects.filter(pk__in=waiting)
        .annotate(
            ahead=Case(
                When(waitlisted_at__isnull=True, then=Coalesce(ahead(undated), Value(0))),
                default=Coalesce(ahead(dated), Value(0)),
            )
        )
        .values_list("pk", "ahead")
    )
    return {pk: n + 1 for pk, n in rows}
