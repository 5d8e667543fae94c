import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from conferences.models import EditionCountryQuota, EditionRegionTarget
from tests.factories import CountryFactory, EditionFactory

pytestmark = pytest.mark.django_db


def test_edition_ending_before_it_starts_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        EditionFactory(starts_on=datetime.date(2027, 11, 20), ends_on=datetime.date(2027, 11, 19))


def test_edition_ending_before_it_starts_is_refused_by_clean():
    edition = EditionFactory.build(
        country=CountryFactory(),
        starts_on=datetime.date(2027, 11, 20),
        ends_on=datetime.date(2027, 11, 19),
    )

    with pytest.raises(ValidationError) as error:
        edition.full_clean()

    assert "ends_on" in error.value.message_dict


def test_edition_applications_closing_before_they_open_are_refused_by_the_database():
    now = timezone.now()

    with pytest.raises(IntegrityError), transaction.atomic():
        EditionFactory(
            applications_open_at=now, applications_close_at=now - datetime.timedelta(hours=1)
        )


def test_edition_applications_closing_before_they_open_are_refused_by_clean():
    now = timezone.now()
    edition = EditionFactory.build(
        country=CountryFactory(),
        applications_open_at=now,
        applications_close_at=now,
    )

    with pytest.raises(ValidationError) as error:
        edition.full_clean()

    assert list(error.value.message_dict) == ["applications_close_at"]


@pytest.mark.parametrize(
    "field", [{"status": "cancelled"}, {"format": "radio"}, {"capacity": 0}], ids=str
)
def test_edition_invalid_status_format_or_capacity_is_refused_by_the_database(field):
    with pytest.raises(IntegrityError), transaction.atomic():
        EditionFactory(**field)


def test_edition_time_zone_defaults_to_the_host_country_zone_on_clean():
    edition = EditionFactory.build(country=CountryFactory(code="JP"), time_zone="")

    edition.full_clean(exclude=["number"])

    assert edition.time_zone == "Asia/Tokyo"
    assert str(edition.zone) == "Asia/Tokyo"


def test_edition_unknown_time_zone_is_refused():
    edition = EditionFactory.build(country=CountryFactory(), time_zone="Europe/Atlantis")

    with pytest.raises(ValidationError) as error:
        edition.full_clean(exclude=["number"])

    assert list(error.value.message_dict) == ["time_zone"]


def test_edition_keeps_its_str_and_url():
    edition = EditionFactory(number=14, city="Helsinki")

    assert str(edition) == "14th ClassNet Conference, Helsinki 2018"
    assert edition.get_absolute_url() == "/conferences/14/"


def test_country_quota_is_unique_per_edition_and_country():
    edition = EditionFactory()
    country = CountryFactory(code="JP")
    EditionCountryQuota.objects.create(edition=edition, country=country, max_teachers=5)

    with pytest.raises(IntegrityError), transaction.atomic():
        EditionCountryQuota.objects.create(edition=edition, country=country, max_teachers=3)


def test_country_quota_of_zero_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        EditionCountryQuota.objects.create(
            edition=EditionFactory(), country=CountryFactory(), max_teachers=0
        )


def test_region_target_is_unique_per_edition_and_region():
    edition = EditionFactory()
    EditionRegionTarget.objects.create(edition=edition, region="asia", target=50)

    with pytest.raises(IntegrityError), transaction.atomic():
        EditionRegionTarget.objects.create(edition=edition, region="asia", target=40)
