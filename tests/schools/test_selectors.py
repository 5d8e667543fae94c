from schools.selectors import countries_for_choice, country_counts_by_region
from schools.services import countries_sync


def test_country_counts_by_region_counts_the_51_asem_partners(db, django_assert_num_queries):
    with django_assert_num_queries(1):
        counts = country_counts_by_region()

    assert counts == {"europe": 30, "asia": 21, "total": 51}


def test_countries_for_choice_orders_by_region_then_name(db):
    names = [c.name for c in countries_for_choice()]

    assert names[:2] == ["Australia", "Bangladesh"]
    assert names[21:23] == ["Austria", "Belgium"]


def test_countries_sync_is_idempotent_and_repairs_rows(db):
    from schools.models import Country

    Country.objects.filter(code="RU").update(region="europe", name="Russia")

    assert countries_sync() == 1
    assert countries_sync() == 0
    russia = Country.objects.get(code="RU")
    assert (russia.name, russia.region) == ("Russian Federation", "asia")
