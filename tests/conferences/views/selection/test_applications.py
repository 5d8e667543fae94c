"""The list of an edition's applications (conferences/views/selection.py: applications): filters,
counts, waitlist positions, pages and queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conferences.models import Application, EditionCountryQuota, EditionRegionTarget

from ....factories import CountryFactory
from ._helpers import (
    application_for,
    list_url,
    many_applications,
)

pytestmark = pytest.mark.django_db


# --- the list --------------------------------------------------------------------------------


def test_list_filters_by_status_country_region_kind_and_name(staff_client, edition):
    finn = application_for(edition, country="FI", kind="secondary")
    japanese = application_for(edition, country="JP", kind="high", status="waitlisted")
    vocational = application_for(edition, country="FI", kind="vocational", status="approved")
    finn.teacher.user.full_name = "Aino Virtanen"
    finn.teacher.user.save()
    japan = japanese.school.country

    def shown(query):
        response = staff_client.get(list_url(edition, query))
        assert response.status_code == 200
        return [row.pk for row in response.context["rows"]]

    assert shown("") == [finn.pk, japanese.pk, vocational.pk]
    assert shown("status=waitlisted") == [japanese.pk]
    assert shown(f"country={japan.pk}") == [japanese.pk]
    assert shown("region=europe") == [finn.pk, vocational.pk]
    assert shown("school_kind=vocational") == [vocational.pk]
    assert shown("q=virtanen") == [finn.pk]
    assert shown("status=nonsense") == [finn.pk, japanese.pk, vocational.pk]  # shown, ignored


def test_list_with_an_invalid_filter_says_so(staff_client, edition):
    application_for(edition)

    response = staff_client.get(list_url(edition, "status=nonsense"))

    assert "Select a valid choice." in response.content.decode()


def test_list_shows_places_counts_and_waitlist_positions(staff_client, edition):
    edition.capacity = 5
    edition.save()
    japan = CountryFactory(code="JP")
    EditionCountryQuota.objects.create(edition=edition, country=japan, max_teachers=1)
    EditionRegionTarget.objects.create(edition=edition, region="asia", target=3)
    application_for(edition, country="JP", status="approved")
    first = application_for(edition, status="waitlisted")
    second = application_for(edition, status="waitlisted")
    Application.objects.filter(pk=first.pk).update(
        waitlisted_at=timezone.now() - datetime.timedelta(hours=2)
    )
    Application.objects.filter(pk=second.pk).update(waitlisted_at=timezone.now())

    response = staff_client.get(list_url(edition, "status=waitlisted"))

    counts = response.context["counts"]
    assert (counts.capacity, counts.places_held, counts.places_left, counts.open_offers) == (
        5,
        1,
        4,
        0,
    )
    assert [(row.pk, row.waitlist_position) for row in response.context["rows"]] == [
        (first.pk, 1),
        (second.pk, 2),
    ]
    page = response.content.decode()
    assert "No. 2 on the waitlist" in page
    assert "1 / 1" in page  # Japan: one held of a quota of one
    assert "1 / 3" in page  # Asia: one held of a target of three


def test_list_empty_state_guides_to_the_edition(staff_client, edition):
    response = staff_client.get(list_url(edition))

    page = response.content.decode()
    assert "No teacher has applied yet" in page
    assert edition.get_absolute_url() in page


def test_list_is_paginated_by_50(staff_client, edition):
    many_applications(edition, 51)

    first = staff_client.get(list_url(edition))
    second = staff_client.get(list_url(edition, "page=2"))

    assert (len(first.context["rows"]), len(second.context["rows"])) == (50, 1)
    assert second.context["rows"][0].teacher.user.full_name == "Teacher 050"


@pytest.mark.parametrize("count", [1, 200])
def test_list_runs_a_fixed_number_of_queries(
    staff_client, edition, count, django_assert_num_queries
):
    EditionCountryQuota.objects.create(
        edition=edition, country=CountryFactory(code="JP"), max_teachers=3
    )
    EditionRegionTarget.objects.create(edition=edition, region="europe", target=3)
    rows = many_applications(edition, count)
    Application.objects.filter(pk=rows[0].pk).update(
        status="waitlisted", waitlisted_at=timezone.now()
    )

    # session, user, staff group check, edition, page count, page rows, waitlist positions,
    # country counts, quotas, targets, places held, the navbar's profile and permissions (3),
    # countries of the filter
    with django_assert_num_queries(15):
        response = staff_client.get(list_url(edition))

    assert len(response.context["rows"]) == min(count, 50)


def test_list_dates_say_their_zone(staff_client, edition):
    edition.time_zone = "Asia/Bangkok"
    edition.save()
    application = application_for(edition)
    applied = datetime.datetime(2030, 2, 28, 20, 0, tzinfo=datetime.UTC)  # 1 March in Bangkok
    Application.objects.filter(pk=application.pk).update(created_at=applied)

    page = staff_client.get(reverse("conferences_staff:applications", args=[17])).content.decode()

    assert 'title="1 Mar 2030, 03:00 (Asia/Bangkok)">1 Mar 2030</time>' in page
