"""Schools' time zones: every ASEM country has a valid default; a school's own zone wins."""

import pytest
from django.core.exceptions import ValidationError

from schools.asem import ASEM_COUNTRIES
from schools.models import Country, School
from schools.timezones import (
    COUNTRY_TIMEZONES,
    available_timezones,
    country_timezone,
    country_zone_choices,
    timezone_choices,
    validate_timezone,
    zone_is_of_country,
)


def test_every_asem_country_has_a_valid_default_zone():
    assert set(COUNTRY_TIMEZONES) == {code for code, _name, _region in ASEM_COUNTRIES}
    assert [zone for zone in COUNTRY_TIMEZONES.values() if zone not in available_timezones()] == []


@pytest.mark.parametrize(
    ("code", "zone"),
    [
        ("FI", "Europe/Helsinki"),
        ("JP", "Asia/Tokyo"),
        ("AU", "Australia/Sydney"),
        ("RU", "Europe/Moscow"),
        ("IN", "Asia/Kolkata"),
        ("fi", "Europe/Helsinki"),
        ("US", "UTC"),
    ],
)
def test_country_timezone_maps_codes(code, zone):
    assert country_timezone(code) == zone


def test_validate_timezone_accepts_iana_names_and_blank():
    validate_timezone("Asia/Jakarta")
    validate_timezone("")


@pytest.mark.parametrize("value", ["Mars/Olympus", "helsinki", "UTC+2"])
def test_validate_timezone_rejects_other_text(value):
    with pytest.raises(ValidationError) as error:
        validate_timezone(value)

    assert error.value.messages == [
        f"{value} is not a time zone. Use a name like Europe/Helsinki or Asia/Tokyo."
    ]


def test_school_zone_is_its_own_or_the_country_default():
    finland = Country(code="FI")

    assert School(country=finland).timezone_name == "Europe/Helsinki"
    assert School(country=Country(code="ID"), timezone="Asia/Makassar").zone.key == "Asia/Makassar"


@pytest.mark.django_db
def test_school_full_clean_rejects_an_unknown_zone():
    from tests.factories import SchoolFactory

    school = SchoolFactory()
    school.timezone = "Europe/Atlantis"

    with pytest.raises(ValidationError) as error:
        school.full_clean()

    assert list(error.value.message_dict) == ["timezone"]


@pytest.mark.parametrize(
    ("code", "first", "others"),
    [
        ("ID", "Asia/Jakarta", {"Asia/Pontianak", "Asia/Makassar", "Asia/Jayapura"}),
        ("AU", "Australia/Sydney", {"Australia/Perth", "Australia/Darwin"}),
        ("RU", "Europe/Moscow", {"Asia/Vladivostok", "Europe/Kaliningrad"}),
        ("JP", "Asia/Tokyo", set()),
        # zone1970.tab lists Bangkok for Cambodia and Belgrade for Croatia: the same zones as
        # the links Asia/Phnom_Penh and Europe/Zagreb, offered once, by the country's name
        ("KH", "Asia/Phnom_Penh", set()),
        ("HR", "Europe/Zagreb", set()),
    ],
)
def test_a_country_offers_its_own_zones_usual_first(code, first, others):
    zones = [zone for zone, _where in country_zone_choices(code)]
    assert zones[0] == first
    assert others <= set(zones)
    assert len(zones) == 1 + len(others) or code in {"AU", "RU"}
    assert len(zones) == len(set(zones))
    assert not any(zone.startswith("Etc/") for zone in zones)


def test_every_asem_country_offers_few_zones_not_six_hundred():
    counts = {code: len(country_zone_choices(code)) for code, _name, _region in ASEM_COUNTRIES}
    assert max(counts.values()) == counts["RU"] < 30
    assert counts["FI"] == 1
    assert sum(counts.values()) < 120


def test_zones_are_labelled_with_where_they_apply():
    (group,) = timezone_choices([("ID", "Indonesia")])
    assert group[0] == "Indonesia"
    assert (
        "Asia/Makassar",
        "Asia/Makassar (Borneo (east, south), Sulawesi/Celebes, Bali, Nusa Tengarra, Timor (west))",
    ) in group[1]
    assert zone_is_of_country("Asia/Makassar", "ID")
    assert not zone_is_of_country("Europe/Helsinki", "ID")
