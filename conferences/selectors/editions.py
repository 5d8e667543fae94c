"""Reads about editions: the public list and page, the staff list and hub, the participant
figures every page counts the same way.

Collaborations sit above conferences (DESIGN.md), so this module never imports them: it reaches
the collaborations initiated at an edition through the relation they declare
(Collaboration.initiated_at, related_name "collaborations_initiated").
"""

from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest

from core.roles import is_asef_staff
from schools.models import Region

from ..models import (
    Application,
    Edition,
    EditionCountryQuota,
    EditionRegionTarget,
    Session,
    WaitlistOffer,
)

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
      selectors.places.places_held counts) and places_left_count (never below 0).
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


# --- One edition, for a page -----------------------------------------------------------------


def sees_drafts(user) -> bool:
    """Drafts are for staff only (conferences.see_edition): what the public lists leave out."""
    return bool(is_asef_staff(user))


def edition_for_page_of(*, number: int, user) -> Edition | None:
    """edition_for_page() as the user may see it: drafts only for staff."""
    return edition_for_page(number=number, include_drafts=sees_drafts(user))


def visible_edition(*, number: int, user) -> Edition | None:
    """The edition with its host country, or None; drafts only for staff (one query)."""
    editions = Edition.objects.select_related("country")
    if not sees_drafts(user):
        editions = editions.exclude(status=Edition.Status.DRAFT)
    return editions.filter(number=number).first()


def edition_by_number(*, number: int) -> Edition | None:
    """Any edition, drafts included, with its host country (one query); None when none."""
    return Edition.objects.select_related("country").filter(number=number).first()


def published_edition(*, number: int) -> Edition | None:
    """The edition (not a draft: nobody takes part in one yet) with its host country."""
    return (
        Edition.objects.select_related("country")
        .exclude(status=Edition.Status.DRAFT)
        .filter(number=number)
        .first()
    )


def edition_for_staff(*, number: int) -> Edition | None:
    """editions_for_staff() narrowed to one edition; None when none has the number."""
    return editions_for_staff().filter(number=number).first()


def next_edition_number() -> int:
    """The number a new edition gets by default: one after the highest so far."""
    return (Edition.objects.aggregate(last=Max("number"))["last"] or 0) + 1


def quotas_of(*, edition: Edition) -> list[EditionCountryQuota]:
    """The edition's country quotas with their countries (one query)."""
    return list(edition.country_quotas.select_related("country"))


def targets_of(*, edition: Edition) -> list[EditionRegionTarget]:
    """The edition's region targets (one query)."""
    return list(edition.region_targets.all())


def editions_open_for(*, excluding: set[int]) -> list[Edition]:
    """Editions taking applications now, soonest first, but those in `excluding` (ids)."""
    return [
        edition
        for edition in Edition.objects.filter(status=Edition.Status.APPLICATIONS_OPEN)
        .exclude(pk__in=excluding)
        .order_by("starts_on", "number")
        if edition.accepts_applications
    ]


def saved_edition(*, pk: int) -> Edition:
    """The edition as saved, with its host country (a form checks changes on a copy)."""
    return Edition.objects.select_related("country").get(pk=pk)
