"""Reads about collaborations themselves: the browse list, one collaboration's page, a
teacher's own, the places left and the bi-regional check."""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import (
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Greatest

from conferences.models import Edition
from core.search.folding import Folded, forgiving_filter
from schools.models import Country, Language, Region
from teachers.models import Subject

from ..models import Collaboration, Membership


@dataclass(frozen=True)
class CollaborationFilters:
    query: str = ""
    subject: Subject | None = None
    region: str = ""  # a member school's region
    country: Country | None = None  # a member school's country
    student_age: int | None = None
    language: Language | None = None
    status: str = ""
    kind: str = ""
    wanted_region: str = ""  # "looking for partners from"
    edition: Edition | None = None  # initiated at
    sort: str = "newest"  # or "relevance" (with a query)


# English stems of unaccented words (core.search's migration): "lycee" finds "Lycée"
SEARCH_CONFIG = "classnet"


def _partner_count() -> Subquery:
    counts = (
        Membership.objects.filter(collaboration=OuterRef("pk"))
        .exclude(role=Membership.Role.LEAD)
        .order_by()
        .values("collaboration")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def with_places(collaborations: QuerySet[Collaboration]) -> QuerySet[Collaboration]:
    """Annotate partner_count and places_left (never below zero)."""
    return collaborations.annotate(partner_count=_partner_count()).annotate(
        places_left=Greatest(F("partner_schools_wanted") - F("partner_count"), Value(0))
    )


def _members_prefetch() -> Prefetch:
    return Prefetch(
        "memberships",
        queryset=Membership.objects.select_related("school__country", "teacher__user").order_by(
            "joined_at", "pk"
        ),
    )


def _search(collaborations: QuerySet[Collaboration], query: str, *, rank: bool):
    if connection.vendor == "postgresql":
        vector = (
            SearchVector("title", weight="A", config=SEARCH_CONFIG)
            + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
            + SearchVector("description", weight="C", config=SEARCH_CONFIG)
        )
        search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
        # the words, or a title like the query (a typo in a title: "Climte Sensor")
        collaborations = (
            collaborations.alias(title_folded=Folded(F("title")))
            .annotate(search=vector)
            .filter(Q(search=search_query) | Q(title_folded__word_similar=Folded(Value(query))))
        )
        if rank:
            collaborations = collaborations.annotate(rank=SearchRank(vector, search_query))
        return collaborations
    # SQLite (development): every word must appear in the title, summary or description,
    # forgiving accents and case.
    return forgiving_filter(collaborations, ["title", "summary", "description"], query)


def collaborations_for_browse(*, filters: CollaborationFilters) -> QuerySet[Collaboration]:
    """Public collaborations as the browse page lists them: member schools with their
    countries, subjects, languages and the places left, in a fixed number of queries."""
    collaborations = Collaboration.objects.public()
    if filters.status:
        collaborations = collaborations.filter(status=filters.status)
    if filters.kind:
        collaborations = collaborations.filter(kind=filters.kind)
    if filters.subject:
        collaborations = collaborations.filter(subjects=filters.subject)
    if filters.language:
        collaborations = collaborations.filter(languages=filters.language)
    if filters.student_age is not None:
        collaborations = collaborations.filter(
            student_age_min__lte=filters.student_age, student_age_max__gte=filters.student_age
        )
    if filters.country:
        collaborations = collaborations.filter(
            pk__in=Membership.objects.filter(school__country=filters.country).values(
                "collaboration"
            )
        )
    if filters.region:
        collaborations = collaborations.filter(
            pk__in=Membership.objects.filter(school__country__region=filters.region).values(
                "collaboration"
            )
        )
    if filters.edition:
        collaborations = collaborations.filter(initiated_at=filters.edition)
    ranked = bool(filters.query) and filters.sort == "relevance"
    if filters.query:
        collaborations = _search(collaborations, filters.query, rank=ranked)
    collaborations = with_places(collaborations)
    if filters.wanted_region:
        # "Looking for partners from": only what takes a school from there now (open, places left)
        collaborations = collaborations.filter(
            wanted_region__in=[filters.wanted_region, "any"],
            status=Collaboration.Status.OPEN,
            places_left__gt=0,
        )
    collaborations = collaborations.prefetch_related(
        _members_prefetch(),
        Prefetch("subjects", queryset=Subject.objects.order_by("name")),
        Prefetch("languages", queryset=Language.objects.order_by("name")),
    )
    if ranked and connection.vendor == "postgresql":
        return collaborations.order_by("-rank", "-created_at", "-pk")
    return collaborations.order_by("-created_at", "-pk")


def collaboration_for_page(*, pk: int) -> Collaboration:
    """One collaboration with members (schools, countries, teachers), subjects, languages and
    themes. Visibility is the view's business (drafts are for members and staff)."""
    return (
        with_places(Collaboration.objects.select_related("initiated_at"))
        .prefetch_related(
            _members_prefetch(),
            Prefetch("subjects", queryset=Subject.objects.order_by("name")),
            Prefetch("languages", queryset=Language.objects.order_by("name")),
            "themes",
        )
        .get(pk=pk)
    )


def collaborations_of(*, user) -> QuerySet[Collaboration]:
    """The collaborations a teacher takes part in (any role, any status)."""
    return (
        with_places(Collaboration.objects.filter(memberships__teacher__user=user))
        .prefetch_related(_members_prefetch())
        .order_by("-created_at", "-pk")
    )


def collaborations_to_invite_into(*, user) -> QuerySet[Collaboration]:
    """The collaborations a teacher leads (or co-leads) that take partners now: open, with a
    place left. What "Invite to my collaboration" offers."""
    led = Membership.objects.filter(
        teacher__user=user, role__in=[Membership.Role.LEAD, Membership.Role.CO_LEAD]
    ).values("collaboration")
    return (
        with_places(Collaboration.objects.filter(pk__in=led, status=Collaboration.Status.OPEN))
        .filter(places_left__gt=0)
        .order_by("title", "pk")
    )


@dataclass(frozen=True)
class BiRegional:
    """Whether a collaboration may enter the Awards: a school from Asia and one from Europe,
    and at least two countries."""

    regions: frozenset[str]
    countries: int

    @property
    def ok(self) -> bool:
        return {Region.ASIA, Region.EUROPE} <= self.regions and self.countries >= 2

    @property
    def missing(self) -> str:
        if Region.ASIA not in self.regions:
            return str(Region.ASIA.label)
        if Region.EUROPE not in self.regions:
            return str(Region.EUROPE.label)
        return ""


def bi_regional(collaboration: Collaboration) -> BiRegional:
    """From the prefetched memberships (no query when collaboration_for_page fetched it)."""
    countries = {m.school.country for m in collaboration.memberships.all()}
    return BiRegional(
        regions=frozenset(country.region for country in countries), countries=len(countries)
    )


def collaboration_with_places(*, pk: int) -> Collaboration:
    """One collaboration with partner_count and places_left (for the action pages)."""
    return with_places(Collaboration.objects.all()).get(pk=pk)


def collaboration_by_pk(*, pk: int) -> Collaboration:
    """One collaboration row, nothing more. Raises Collaboration.DoesNotExist."""
    return Collaboration.objects.get(pk=pk)


def collaborations_with_diary_photos():
    """Every collaboration whose diary has a photo, one at a time (for a maintenance command)."""
    return Collaboration.objects.filter(posts__photos__isnull=False).distinct().iterator()
