"""Reads about collaborations: the browse selector's search (PostgreSQL full-text search and
its index; the SQLite fallback) and filters."""

import pytest
from django.db import connection

from collaborations.selectors.collaborations import CollaborationFilters, collaborations_for_browse
from tests.factories import CollaborationFactory, CountryFactory, MembershipFactory

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL full-text search"
)


def _browse(**filters) -> list[str]:
    return [c.title for c in collaborations_for_browse(filters=CollaborationFilters(**filters))]


def test_search_finds_every_word_in_title_summary_or_description():
    CollaborationFactory(title="Haiku", summary="Poems from Japan", description="Short verse")
    CollaborationFactory(title="Rivers", summary="Water quality", description="Volcanic lakes")

    assert _browse(query="haiku") == ["Haiku"]
    assert _browse(query="poems") == ["Haiku"]
    assert _browse(query="volcanic lakes") == ["Rivers"]
    assert _browse(query="haiku lakes") == []


def test_search_never_finds_drafts():
    CollaborationFactory(title="Secret volcano plan", status="draft")
    CollaborationFactory(title="Volcano watch", status="open")

    assert _browse(query="volcano") == ["Volcano watch"]


def test_browse_filters_by_member_country_and_region_of_any_member_school():
    japan = CountryFactory(code="JP")
    led_from_finland = CollaborationFactory(title="Led from Finland")
    MembershipFactory(collaboration=led_from_finland, teacher__user__country=japan)
    CollaborationFactory(title="Finland only")

    assert _browse(country=japan) == ["Led from Finland"]
    assert _browse(region="asia") == ["Led from Finland"]
    assert _browse(region="europe") == ["Finland only", "Led from Finland"]


@on_postgresql
def test_search_on_postgresql_stems_words_and_ranks_title_above_description():
    CollaborationFactory(title="Measuring rivers", description="Samples and charts")
    CollaborationFactory(title="Citizen science", description="We measure rivers monthly")

    assert _browse(query="river", sort="relevance") == ["Measuring rivers", "Citizen science"]
    assert _browse(query="river", sort="newest") == ["Citizen science", "Measuring rivers"]
    assert _browse(query='"rivers monthly"') == ["Citizen science"]
    assert _browse(query="river -charts") == ["Citizen science"]


@on_postgresql
def test_search_on_postgresql_can_use_the_gin_index_on_the_weighted_vector():
    """The migration's expression index matches the expression the query filters on (the
    planner uses it once sequential scans are ruled out; with 20,000 rows it chooses it on its
    own, see tests/performance/test_collaborations_scale.py)."""
    CollaborationFactory(title="Volcano watch")
    queryset = collaborations_for_browse(filters=CollaborationFilters(query="volcano"))
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")

        plan = queryset.explain()

    assert "Bitmap Index Scan on collaboration_search_gin" in plan
    assert [c.title for c in queryset] == ["Volcano watch"]


def test_browse_looking_for_partners_lists_only_what_takes_partners_now():
    for status in ["running", "completed", "archived"]:
        CollaborationFactory(title=f"Asia wanted, {status}", wanted_region="asia", status=status)
    full = CollaborationFactory(
        title="Asia wanted, full", wanted_region="asia", partner_schools_wanted=1
    )
    MembershipFactory(collaboration=full)
    CollaborationFactory(title="Europe wanted", wanted_region="europe")
    CollaborationFactory(title="Anyone wanted", wanted_region="any")
    CollaborationFactory(title="Asia wanted, open", wanted_region="asia")

    assert _browse(wanted_region="asia") == ["Asia wanted, open", "Anyone wanted"]
    assert (
        collaborations_for_browse(filters=CollaborationFilters(wanted_region="asia")).count() == 2
    )
