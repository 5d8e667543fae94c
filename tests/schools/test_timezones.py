"""Schools' time zones: every ASEM country has a valid default; a school's own zone wins."""

import pytest
from django.core.exceptions import ValidationError

from schools.asem import ASEM_COUNTRIES
from schools.models import Country, School
from schools.timezones import (
    COUNTRY_TIMEZONES,
    available_timezones,
    country_timezone,
    validate_timezone,
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
