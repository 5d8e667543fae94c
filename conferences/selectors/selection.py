"""Reads of the staff's selection of an edition's participants: the filtered list of
applications, waitlist positions, and the counts against capacity, quotas and targets.

Every figure here is counted from the rows in a fixed number of queries, whatever the number
of applications: a list query, one GROUP BY for the per-country counts (the regions are summed
from it), and one query each for quotas, targets and places held.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django_countries.fields import Country as FlagCountry

from schools.models import Region

from ..models import Application, Edition, EditionCountryQuota, EditionRegionTarget, WaitlistOffer
from .places import places_held


def applications_for_staff(
    *,
    edition: Edition,
    status: str = "",
    region: str = "",
    country_id: int | None = None,
    school_kind: str = "",
    q: str = "",
) -> QuerySet[Application]:
    """The edition's applications in the order they came in, narrowed by the filters, with the
    teacher, school and country joined (one query per page)."""
    applications = Application.objects.filter(edition=edition).select_related(
        "teacher__user", "school__country"
    )
    if status:
        applications = applications.filter(status=status)
    if region:
        applications = applications.filter(school__country__region=region)
    if country_id:
        applications = applications.filter(school__country_id=country_id)
    if school_kind:
        applications = applications.filter(school__kind=school_kind)
    if q:
        applications = applications.filter(
            Q(teacher__user__full_name__icontains=q)
            | Q(teacher__user__email__icontains=q)
            | Q(school__name__icontains=q)
        )
    return applications.order_by("created_at", "pk")


def waitlist_positions(*, edition: Edition, application_ids: Iterable[int]) -> dict[int, int]:
    """{application id: place on the edition's waitlist (1 = next offered)} for those of
    `application_ids` that are waitlisted, in one query.

    The position is a ROW_NUMBER over the whole waitlist (waitlisted_at, then id). Narrowing to
    the ids asked for must happen after the window is computed, or every row would be first:
    Django puts conditions on window expressions in an outer query (its QUALIFY emulation), so
    the ids are compared against a window over the id itself (one row per partition), which
    keeps the condition outside.
    """
    ids = list(application_ids)
    if not ids:
        return {}
    ranked = (
        Application.objects.filter(edition=edition, status=Application.Status.WAITLISTED)
        .annotate(
            position=Window(
                RowNumber(), order_by=[F("waitlisted_at").asc(nulls_last=True), F("pk").asc()]
            ),
            row_id=Window(Max("pk"), partition_by=[F("pk")]),
        )
        .filter(row_id__in=ids)
        .order_by()
        .values_list("pk", "position")
    )
    return dict(ranked)


@dataclass
class CountryCount:
    country_id: int
    name: str
    code: str
    region: str
    participants: int = 0  # approved or attended
    offers: int = 0  # open waitlist offers
    submitted: int = 0  # submitted or under review
    waitlisted: int = 0
    quota: int | None = None

    @property
    def held(self) -> int:
        return self.participants + self.offers

    @property
    def over_quota(self) -> bool:
        return self.quota is not None and self.held > self.quota

    @property
    def quota_full(self) -> bool:
        return self.quota is not None and self.held >= self.quota

    @property
    def flag_url(self) -> str:
        return FlagCountry(code=self.code).flag


@dataclass
class RegionCount:
    region: str
    label: str
    participants: int = 0
    offers: int = 0
    submitted: int = 0
    waitlisted: int = 0
    target: int | None = None

    @property
    def held(self) -> int:
        return self.participants + self.offers

    @property
    def short_of_target(self) -> int:
        return max((self.target or 0) - self.held, 0)


@dataclass
class SelectionCounts:
    capacity: int
    places_held: int
    open_offers: int
    regions: list[RegionCount] = field(default_factory=list)
    countries: list[CountryCount] = field(default_factory=list)

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.places_held, 0)

    @property
    def waiting(self) -> int:
        """Applications submitted or under review: waiting for a decision."""
        return sum(row.submitted for row in self.regions)

    @property
    def waitlisted(self) -> int:
        return sum(row.waitlisted for row in self.regions)


def selection_counts(*, edition: Edition) -> SelectionCounts:
    """Places, and per country and per region: participants, open offers, applications waiting
    and on the waitlist, against the edition's quotas and targets. Four queries, whatever the
    number of applications or countries."""
    open_offer = Exists(
        WaitlistOffer.objects.filter(application=OuterRef("pk"), status=WaitlistOffer.Status.OPEN)
    )
    rows = (
        Application.objects.filter(edition=edition)
        .order_by()
        .values(
            "school__country_id",
            "school__country__name",
            "school__country__code",
            "school__country__region",
        )
        .annotate(
            participants=Count("pk", filter=Q(status__in=Application.HOLDS_PLACE)),
            offers=Count("pk", filter=Q(open_offer) & ~Q(status__in=Application.HOLDS_PLACE)),
            submitted=Count(
                "pk",
                filter=Q(
                    status__in=[Application.Status.SUBMITTED, Application.Status.UNDER_REVIEW]
                ),
            ),
            waitlisted=Count("pk", filter=Q(status=Application.Status.WAITLISTED)),
        )
    )
    countries: dict[int, CountryCount] = {
        row["school__country_id"]: CountryCount(
            country_id=row["school__country_id"],
            name=row["school__country__name"],
            code=row["school__country__code"],
            region=row["school__country__region"],
            participants=row["participants"],
            offers=row["offers"],
            submitted=row["submitted"],
            waitlisted=row["waitlisted"],
        )
        for row in rows
    }
    quotas = EditionCountryQuota.objects.filter(edition=edition).select_related("country")
    for quota in quotas:
        country = quota.country
        row = countries.setdefault(
            country.pk,
            CountryCount(
                country_id=country.pk, name=country.name, code=country.code, region=country.region
            ),
        )
        row.quota = quota.max_teachers

    regions = {value: RegionCount(region=value, label=label) for value, label in Region.choices}
    for row in countries.values():
        region = regions[row.region]
        region.participants += row.participants
        region.offers += row.offers
        region.submitted += row.submitted
        region.waitlisted += row.waitlisted
    for target in EditionRegionTarget.objects.filter(edition=edition):
        regions[target.region].target = target.target

    return SelectionCounts(
        capacity=edition.capacity,
        places_held=places_held(edition=edition),
        open_offers=sum(row.offers for row in countries.values()),
        regions=list(regions.values()),
        countries=sorted(countries.values(), key=lambda row: (row.region, row.name)),
    )
