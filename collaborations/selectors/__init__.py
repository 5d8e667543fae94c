"""Reads about collaborations, with their queries decided here."""

import datetime
import math
from collections.abc import Iterable
from dataclasses import dataclass

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
    Window,
)
from django.db.models.functions import Coalesce, Greatest, RowNumber

from conferences.models import Edition
from schools.models import Country, Language, Region
from teachers.models import Subject

from ..models import Collaboration, DiaryPost, Invitation, JoinRequest, Membership


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


SEARCH_CONFIG = "english"


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
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = (
            SearchVector("title", weight="A", config=SEARCH_CONFIG)
            + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
            + SearchVector("description", weight="C", config=SEARCH_CONFIG)
        )
        search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
        collaborations = collaborations.annotate(search=vector).filter(search=search_query)
        if rank:
            collaborations = collaborations.annotate(rank=SearchRank(vector, search_query))
        return collaborations
    # SQLite (development): every word must appear in the title, summary or description.
    for word in query.split():
        collaborations = collaborations.filter(
            Q(title__icontains=word) | Q(summary__icontains=word) | Q(description__icontains=word)
        )
    return collaborations


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


def pending_requests(*, collaboration: Collaboration) -> QuerySet[JoinRequest]:
    return (
        collaboration.join_requests.filter(status=JoinRequest.Status.PENDING)
        .select_related("teacher__user", "school__country")
        .order_by("created_at", "pk")
    )


def requests_of(*, user) -> QuerySet[JoinRequest]:
    """A teacher's own join requests, newest first."""
    return (
        JoinRequest.objects.filter(teacher__user=user)
        .select_related("collaboration", "school")
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


def invitation_for_page(*, pk: int) -> Invitation:
    """One invitation with its collaboration (and places left), school, teacher and inviter."""
    invitation = Invitation.objects.select_related(
        "invitee__user", "school__country", "invited_by"
    ).get(pk=pk)
    invitation.collaboration = collaboration_for_page(pk=invitation.collaboration_id)
    return invitation


def invitations_of(*, user) -> QuerySet[Invitation]:
    """The invitations a teacher received, newest first."""
    return (
        Invitation.objects.filter(invitee__user=user)
        .select_related("collaboration", "school", "invited_by")
        .order_by("-created_at", "-pk")
    )


def pending_invitations(*, collaboration: Collaboration) -> QuerySet[Invitation]:
    """The invitations of a collaboration waiting for the teachers' answer, oldest first."""
    return (
        collaboration.invitations.filter(status=Invitation.Status.PENDING)
        .select_related("invitee__user", "school__country")
        .order_by("created_at", "pk")
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


RESPONSE_SAMPLE = 20  # the last answers a lead's typical response time is taken from


def lead_response_times(*, teacher_ids: Iterable[int]) -> dict[int, datetime.timedelta | None]:
    """How fast each lead usually answers join requests: the median of (answered - sent)
    over the last RESPONSE_SAMPLE requests they accepted or declined in the collaborations
    they lead (withdrawn requests are not answers). None for a lead with no answers yet.

    The median, not the mean: one request left for a month during the holidays should not
    hide that a lead usually answers in two days. One query for all the leads (the last 20
    per lead picked with a window function), the medians computed here.
    """
    teacher_ids = set(teacher_ids)
    if not teacher_ids:
        return {}
    times: dict[int, list[datetime.timedelta]] = {pk: [] for pk in teacher_ids}
    lead = F("collaboration__memberships__teacher_id")
    rows = (
        JoinRequest.objects.filter(
            collaboration__memberships__role=Membership.Role.LEAD,
            collaboration__memberships__teacher_id__in=teacher_ids,
            status__in=[JoinRequest.Status.ACCEPTED, JoinRequest.Status.DECLINED],
            decided_at__isnull=False,
        )
        .annotate(
            lead_id=lead,
            recent=Window(
                RowNumber(), partition_by=[lead], order_by=[F("decided_at").desc(), F("pk").desc()]
            ),
        )
        .filter(recent__lte=RESPONSE_SAMPLE)
        .order_by()
        .values_list("lead_id", "created_at", "decided_at")
    )
    for lead_id, created_at, decided_at in rows:
        times[lead_id].append(max(decided_at - created_at, datetime.timedelta(0)))
    return {pk: median_duration(durations) for pk, durations in times.items()}


def median_duration(durations: list[datetime.timedelta]) -> datetime.timedelta | None:
    """The middle value (the mean of the two middle ones for an even count); None if empty."""
    if not durations:
        return None
    ordered = sorted(durations)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def response_days(duration: datetime.timedelta | None) -> int | None:
    """Whole days to promise ("usually answers within 2 days"): rounded up, at least 1."""
    if duration is None:
        return None
    return max(1, math.ceil(duration / datetime.timedelta(days=1)))


def diary_posts_for(
    *, collaboration: Collaboration, user_can_see_members_only: bool
) -> QuerySet[DiaryPost]:
    """A collaboration's diary, newest first: every post for members and staff, the public
    ones for everyone else. Authors, schools and photos are fetched with the page."""
    posts = collaboration.posts.all()
    if not user_can_see_members_only:
        posts = posts.filter(visibility=DiaryPost.Visibility.PUBLIC)
    return (
        posts.select_related("author__user", "school__country")
        .prefetch_related("photos")
        .order_by("-created_at", "-pk")
    )
