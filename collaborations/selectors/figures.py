"""Collaboration figures the reports compose (the network statistics): each one aggregate
query over the public collaborations, whatever their number. Reads collaborations' own models
(and the schools' regions below them)."""

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear

from schools.models import Region

from ..models import Collaboration, Membership


def _member_in(region: str) -> Exists:
    return Exists(
        Membership.objects.filter(collaboration=OuterRef("pk"), school__country__region=region)
    )


def public_collaboration_totals() -> dict[str, int]:
    """{collaborations, bi_regional, students}: the public collaborations, those with member
    schools in Asia and in Europe, and the sum of their memberships' student counts (one
    query)."""
    students = (
        Membership.objects.filter(collaboration=OuterRef("pk"))
        .order_by()
        .values("collaboration")
        .annotate(n=Sum("student_count"))
        .values("n")
    )
    return (
        Collaboration.objects.public()
        .annotate(
            in_asia=_member_in(Region.ASIA),
            in_europe=_member_in(Region.EUROPE),
            student_sum=Coalesce(Subquery(students, output_field=IntegerField()), Value(0)),
        )
        .aggregate(
            collaborations=Count("pk"),
            bi_regional=Count("pk", filter=Q(in_asia=True, in_europe=True)),
            students=Coalesce(Sum("student_sum"), Value(0)),
        )
    )


def public_collaborations_by_year():
    """Rows {created_year, initiated_year, n}: the public collaborations grouped by the year
    they were created and the year of the edition they were initiated at (None when none),
    one query."""
    return (
        Collaboration.objects.public()
        .order_by()
        .values(
            created_year=ExtractYear("created_at"),
            initiated_year=ExtractYear("initiated_at__starts_on"),
        )
        .annotate(n=Count("pk"))
    )
