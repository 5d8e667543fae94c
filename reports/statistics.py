"""The public network statistics (/network/): aggregate figures only, computed in a fixed
number of queries, cached, and refreshed when the data they count changes.

What each figure counts (the page's notes repeat it):

- countries in the network: ASEM partner countries with at least one verified school;
- verified schools; verified teachers (verified and active, as the directory counts them);
- collaborations: public ones (every status but draft); bi-regional: with a member school in
  Asia and one in Europe (so from two countries at least); students reached: the sum of the
  public collaborations' membership student counts (a count, never who they are);
- collaborations per year: by the year a collaboration was created, and by the year of the
  conference edition it was initiated at (where one is recorded);
- editions held: status held or archived; their participants and countries as the conference
  pages count them (conferences.selectors.with_participant_figures: attended, or approved +
  attended where nobody was checked in); conference teachers: the distinct teachers among
  those participants over every edition held;
- award entries: entries submitted (drafts, withdrawn and disqualified left out).

Cost: QUERIES aggregate queries on a miss, whatever the size of the network (each is one
GROUP BY or one aggregate; 51 country rows and one row per year or edition come back), none on
a hit. The result is cached under a key carrying SCHEMA (bumped when the dataclasses change, so
that a deploy never unpickles an old shape) and a generation: the time of the last change to
any counted model, set by a post_save/post_delete receiver (one Redis SET per row written,
no on_commit callback). The receiver runs before the writer commits, so a page computed in
between may miss the change: figures computed within SETTLE seconds of a change are kept for
SETTLE seconds only, then counted again. The hourly beat task reports.refresh_statistics
recomputes them anyway: it catches changes made by queryset.update(), which sends no signal.
"""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass, field

from django.apps import apps
from django.core.cache import cache
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from awards.selectors.figures import submitted_entry_count
from collaborations.selectors.figures import (
    public_collaboration_totals,
    public_collaborations_by_year,
)
from conferences.selectors.editions import with_participant_figures
from conferences.selectors.figures import conference_teacher_count, held_editions
from schools.models import Country, Region
from schools.selectors import partner_countries, verified_schools
from teachers.selectors import verified_teachers

SCHEMA = 1
GENERATION_KEY = "reports:network-statistics:generation"
TIMEOUT = 2 * 60 * 60  # the beat task refreshes it every hour; a miss recomputes it anyway
SETTLE = 60  # seconds after a change during which figures are kept only briefly (_timeout)
QUERIES = 6


@dataclass(frozen=True)
class CountryFigures:
    code: str
    name: str
    region: str
    flag_url: str
    schools: int
    teachers: int


@dataclass(frozen=True)
class RegionFigures:
    region: str
    label: str
    countries: list[CountryFigures]

    @property
    def countries_with_schools(self) -> int:
        return sum(1 for country in self.countries if country.schools)

    @property
    def schools(self) -> int:
        return sum(country.schools for country in self.countries)

    @property
    def teachers(self) -> int:
        return sum(country.teachers for country in self.countries)


@dataclass(frozen=True)
class YearFigures:
    year: int
    created: int
    initiated: int


@dataclass(frozen=True)
class EditionRow:
    number: int
    year: int
    city: str
    country: str
    participants: int
    countries: int


@dataclass(frozen=True)
class NetworkStatistics:
    partner_countries: int
    countries: int
    schools: int
    teachers: int
    collaborations: int
    bi_regional: int
    students: int
    editions: int
    conference_teachers: int
    award_entries: int
    regions: list[RegionFigures] = field(default_factory=list)
    years: list[YearFigures] = field(default_factory=list)
    edition_rows: list[EditionRow] = field(default_factory=list)
    computed_at: datetime.datetime | None = None

    @property
    def collaborations_initiated(self) -> int:
        """Public collaborations recorded as initiated at an edition."""
        return sum(year.initiated for year in self.years)


# --- Computing (QUERIES queries) -----------------------------------------------------------


def _count(queryset, group: str) -> Coalesce:
    """A correlated count of queryset's rows whose `group` is the outer row (0 when none)."""
    counts = (
        queryset.filter(**{group: OuterRef("pk")})
        .order_by()
        .values(group)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def _regions() -> list[RegionFigures]:
    """Query 1: every partner country with its verified schools and teachers."""
    rows = (
        partner_countries()
        .annotate(
            school_count=_count(verified_schools(), "country"),
            teacher_count=_count(verified_teachers(), "school__country"),
        )
        .values("code", "name", "region", "school_count", "teacher_count")
    )
    by_region: dict[str, list[CountryFigures]] = {region: [] for region in Region.values}
    for row in rows:
        code = str(row["code"])
        by_region.setdefault(row["region"], []).append(
            CountryFigures(
                code=code,
                name=row["name"],
                region=row["region"],
                flag_url=Country(code=code).flag_url,
                schools=row["school_count"],
                teachers=row["teacher_count"],
            )
        )
    labels = dict(Region.choices)
    return [
        RegionFigures(region=region, label=str(labels.get(region, region)), countries=countries)
        for region, countries in by_region.items()
    ]


def _collaborations() -> dict[str, int]:
    """Query 2: public collaborations, the bi-regional ones, and their students."""
    return public_collaboration_totals()


def _years() -> list[YearFigures]:
    """Query 3: public collaborations grouped by created year and by initiated edition year
    (the year the edition started)."""
    rows = public_collaborations_by_year()
    created: dict[int, int] = {}
    initiated: dict[int, int] = {}
    for row in rows:
        created[row["created_year"]] = created.get(row["created_year"], 0) + row["n"]
        if row["initiated_year"] is not None:
            year = row["initiated_year"]
            initiated[year] = initiated.get(year, 0) + row["n"]
    years = created.keys() | initiated.keys()
    if not years:
        return []
    # Every year from the first to the last, quiet ones as zeros: the axis is time.
    return [
        YearFigures(year=year, created=created.get(year, 0), initiated=initiated.get(year, 0))
        for year in range(min(years), max(years) + 1)
    ]


def _editions() -> list[EditionRow]:
    """Query 4: the editions held, oldest first, with their participants and countries."""
    editions = with_participant_figures(held_editions()).values(
        "number",
        "starts_on",
        "city",
        "country__name",
        "participant_count",
        "participant_country_count",
    )
    return [
        EditionRow(
            number=row["number"],
            year=row["starts_on"].year,
            city=row["city"],
            country=row["country__name"],
            participants=row["participant_count"],
            countries=row["participant_country_count"],
        )
        for row in editions
    ]


def _conference_teachers() -> int:
    """Query 5: distinct teachers who took part in an edition held (attended; approved or
    attended at an edition where nobody was checked in on ClassNet)."""
    return conference_teacher_count()


def _award_entries() -> int:
    """Query 6: award entries submitted."""
    return submitted_entry_count()


def compute() -> NetworkStatistics:
    """Everything the page shows, from the database (QUERIES queries)."""
    regions = _regions()
    collaborations = _collaborations()
    edition_rows = _editions()
    countries = [country for region in regions for country in region.countries]
    return NetworkStatistics(
        partner_countries=len(countries),
        countries=sum(1 for country in countries if country.schools),
        schools=sum(country.schools for country in countries),
        teachers=sum(country.teachers for country in countries),
        collaborations=collaborations["collaborations"],
        bi_regional=collaborations["bi_regional"],
        students=collaborations["students"],
        editions=len(edition_rows),
        conference_teachers=_conference_teachers(),
        award_entries=_award_entries(),
        regions=regions,
        years=_years(),
        edition_rows=edition_rows,
        computed_at=timezone.now(),
    )


# --- Cache ---------------------------------------------------------------------------------


def _generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:  # never set, or evicted: a new one, never an old page's key again
        generation = time.time_ns()
        if not cache.add(GENERATION_KEY, generation, timeout=None):
            generation = cache.get(GENERATION_KEY, generation)
    return generation


def _key(generation: int) -> str:
    return f"reports:network-statistics:v{SCHEMA}:{generation}"


def _timeout(generation: int) -> int:
    """How long to keep figures computed under this generation. The generation is the time of
    the last change (ns); within SETTLE of it the writer's transaction may not have committed
    yet, so figures computed then may miss it: kept SETTLE seconds only, then counted again."""
    if time.time_ns() - generation < SETTLE * 1_000_000_000:
        return SETTLE
    return TIMEOUT


def _store(generation: int, statistics: NetworkStatistics) -> None:
    cache.set(_key(generation), statistics, timeout=_timeout(generation))


def network_statistics() -> NetworkStatistics:
    """The figures from the cache (no query), or computed and stored."""
    generation = _generation()
    statistics = cache.get(_key(generation))
    if statistics is None:
        statistics = compute()
        _store(generation, statistics)
    return statistics


def refresh() -> NetworkStatistics:
    """Recompute and store the figures (the hourly beat task)."""
    statistics = compute()
    _store(_generation(), statistics)
    return statistics


def invalidate() -> None:
    """Make the next page compute the figures again: a new generation, the time of this
    change (one Redis SET; the old figures stay under a key nobody reads and expire)."""
    cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def data_changed(sender, **kwargs) -> None:
    """post_save / post_delete receiver of the counted models."""
    invalidate()


COUNTED_MODELS = (
    "schools.School",
    "teachers.TeacherProfile",
    "collaborations.Collaboration",
    "collaborations.Membership",
    "conferences.Application",
    "conferences.Edition",
    "awards.Entry",
)


def connect_signals() -> None:
    """Called from ReportsConfig.ready()."""
    for label in COUNTED_MODELS:
        model = apps.get_model(label)
        uid = f"reports.statistics:{label}"
        post_save.connect(data_changed, sender=model, dispatch_uid=f"{uid}:save")
        post_delete.connect(data_changed, sender=model, dispatch_uid=f"{uid}:delete")
