"""Reads for countries and schools, with their queries decided here."""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery

from core.search.folding import forgiving_filter

from .models import Country, Language, Region, School


def countries_for_choice() -> QuerySet[Country]:
    """Countries as a person picks one: grouped by region, then by name."""
    return Country.objects.order_by("region", "name")


def languages_for_choice() -> QuerySet[Language]:
    """Languages of instruction as a person picks them: by name."""
    return Language.objects.order_by("name")


def country_counts_by_region() -> dict[str, int]:
    """How many partner countries each region has, and in all: {"asia": 21, "europe": 30,
    "total": 51}, from the table, in one query."""
    rows = Country.objects.values("region").annotate(n=Count("pk")).order_by()
    counts = dict.fromkeys(Region.values, 0) | {row["region"]: row["n"] for row in rows}
    return counts | {"total": sum(counts.values())}


VERIFIED_TEACHERS = Q(teachers__verification="verified", teachers__user__is_active=True)


@dataclass(frozen=True)
class SchoolFilters:
    query: str = ""
    region: str = ""
    country: Country | None = None
    kind: str = ""
    language: Language | None = None


def _verified_teacher_count() -> Subquery:
    """A school's verified, active teachers, counted in a correlated subquery: PostgreSQL
    computes it for the rows of the page only, and the paginator's count() leaves it out
    (a joined Count() grouped every school with every teacher on every page)."""
    counts = (
        School.objects.filter(pk=OuterRef("pk"))
        .annotate(n=Count("teachers", filter=VERIFIED_TEACHERS))
        .values("n")
    )
    return Subquery(counts)


def _languages_prefetch() -> Prefetch:
    return Prefetch("languages", queryset=Language.objects.order_by("name"))


def schools_for_directory(*, filters: SchoolFilters) -> QuerySet[School]:
    """Verified schools as the public directory lists them: country, languages and the
    number of verified teachers come with them (a fixed number of queries per page)."""
    schools = School.objects.verified()
    if filters.query:
        schools = forgiving_filter(schools, ["name", "city"], filters.query)
    if filters.region:
        schools = schools.filter(country__region=filters.region)
    if filters.country:
        schools = schools.filter(country=filters.country)
    if filters.kind:
        schools = schools.filter(kind=filters.kind)
    if filters.language:
        schools = schools.filter(languages=filters.language)
    return (
        schools.select_related("country")
        .prefetch_related(_languages_prefetch())
        .annotate(teacher_count=_verified_teacher_count())
        .order_by("name", "pk")
    )


def school_for_page(*, pk: int) -> School:
    """One verified school with its country and languages (raises School.DoesNotExist)."""
    return (
        School.objects.verified()
        .select_related("country")
        .prefetch_related(_languages_prefetch())
        .get(pk=pk)
    )


def school_for_edit(*, pk: int) -> School:
    """A school in any state, with what its edit form shows (raises School.DoesNotExist)."""
    return School.objects.select_related("country").prefetch_related("languages").get(pk=pk)


def school_by_number(*, pk: int) -> School | None:
    """Any school by its number (#pk), with its country; None when there is none."""
    return School.objects.select_related("country").filter(pk=pk).first()


def schools_of_any_country() -> QuerySet[School]:
    """Every school, proposed or verified (a teacher without a country may name any)."""
    return School.objects.all()


def verified_teachers_of(*, school: School) -> QuerySet:
    """A school's verified, active teachers for its public page: names and subjects only.

    Read through the reverse relation by name, so that schools imports nothing from the
    teachers app above it (DESIGN.md: imports flow one way)."""
    return (
        school.teachers.filter(verification="verified", user__is_active=True)
        .select_related("user")
        .prefetch_related("subjects")
        .order_by("user__full_name", "user_id")
    )


def schools_to_choose(*, country: Country | None, query: str) -> QuerySet[School]:
    """Schools a teacher may pick as theirs: verified ones of their country, and proposed ones
    too (a colleague may have proposed it already), matching the name or city typed. No
    country chosen yet: none."""
    if country is None:
        return School.objects.none()
    schools = School.objects.filter(country=country).select_related("country")
    if query:
        schools = forgiving_filter(schools, ["name", "city"], query)
    return schools.order_by("-status", "name", "pk")


def schools_for_review() -> QuerySet[School]:
    """Any school, proposed or verified, with what staff's review page shows."""
    return School.objects.select_related("country", "proposed_by").prefetch_related(
        _languages_prefetch()
    )


def teachers_naming(*, school: School, limit: int) -> QuerySet:
    """The people who named this school as theirs, in any verification state (staff decide
    about them next). Read through the reverse relation: schools do not import teachers."""
    return school.teachers.select_related("user").order_by("verification", "user__full_name")[
        :limit
    ]


def schools_awaiting_verification() -> QuerySet[School]:
    """Proposed schools for the staff queue, oldest first, with who proposed them and how many
    teachers chose them."""
    return (
        School.objects.filter(status=School.Status.PROPOSED)
        .select_related("country", "proposed_by")
        .annotate(teacher_count=Count("teachers", distinct=True))
        .order_by("created_at", "pk")
    )


def possible_duplicates(*, school: School) -> QuerySet[School]:
    """Other schools of the same country whose name or city resembles this one's: what staff
    compare before verifying, and the candidates to merge it into."""
    words = [word for word in school.name.split() if len(word) > 3][:3]
    similar = Q(city__iexact=school.city)
    for word in words:
        similar |= Q(name__icontains=word)
    return (
        School.objects.filter(country=school.country_id)
        .filter(similar)
        .exclude(pk=school.pk)
        .select_related("country")
        .order_by("-status", "name")[:20]
    )


# --- For the reports (network statistics) ---------------------------------------------------


def partner_countries() -> QuerySet[Country]:
    """Every ASEM partner country, by region then name (the statistics annotate their counts)."""
    return Country.objects.order_by("region", "name")


def verified_schools() -> QuerySet[School]:
    """The verified schools (the statistics count them per country, in a subquery)."""
    return School.objects.verified()


def country_codes_and_names() -> list[tuple[str, str]]:
    """(code, name) of every ASEM country by name: the time-zone selects group their zones so."""
    return list(Country.objects.order_by("name").values_list("code", "name"))
