"""Staff pages for editions (conferences/views/staff.py: editions, edition, edition_create,
edition_edit): the list, the hub, creating and editing."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conferences.models import Edition
from tests.factories import CountryFactory, EditionFactory

from .._helpers import _participant, _png
from ._helpers import UTC, _edition_post

pytestmark = pytest.mark.django_db


# --- list and hub -------------------------------------------------------------------------


def test_editions_list_shows_drafts_places_and_applications(client, staff, tokyo):
    EditionFactory(number=18, title="Secret Plans", status="draft")
    for _ in range(3):
        _participant(tokyo)
    _participant(tokyo, status="submitted")
    client.force_login(staff)

    page = client.get(reverse("conferences_staff:editions")).content.decode()

    assert "Secret Plans" in page
    assert "3 / 10 places held" in page
    assert "4 applications" in page
    assert "1 to decide" in page
    assert reverse("conferences_staff:edition", args=[15]) in page
    assert reverse("conferences_staff:edition_create") in page


def test_editions_list_without_editions_guides_to_the_first(client, staff):
    client.force_login(staff)

    page = client.get(reverse("conferences_staff:editions")).content.decode()

    assert "No edition yet" in page
    assert reverse("conferences_staff:edition_create") in page


@pytest.mark.parametrize("count", [1, 20])
def test_editions_list_runs_a_fixed_number_of_queries(
    client, staff, count, django_assert_num_queries
):
    for number in range(1, count + 1):
        starts_on = datetime.date(2000 + number, 11, 1)
        edition = EditionFactory(number=number, starts_on=starts_on, ends_on=starts_on)
        _participant(edition)
    client.force_login(staff)

    # session, user, groups, the navbar's profile, permissions (2), the editions with counts
    with django_assert_num_queries(7):
        response = client.get(reverse("conferences_staff:editions"))

    assert len(response.context["editions"]) == count


def test_hub_offers_the_next_step_and_key_numbers(client, staff, tokyo):
    _participant(tokyo, status="approved")
    _participant(tokyo, status="submitted")
    _participant(tokyo, status="waitlisted")
    client.force_login(staff)

    response = client.get(reverse("conferences_staff:edition", args=[15]))

    page = response.content.decode()
    assert response.context["next_status"] == "applications_open"
    assert "Open applications" in page
    assert "Back to draft" in page
    assert "9 places left" in page
    assert response.context["to_decide"] == 1
    for name in ("applications", "participants", "programme", "edition_edit"):
        assert reverse(f"conferences_staff:{name}", args=[15]) in page
    assert reverse("emails:list") in page
    assert tokyo.get_absolute_url() in page


def test_hub_post_moves_the_status_on(client, staff, tokyo):
    client.force_login(staff)

    response = client.post(
        reverse("conferences_staff:edition", args=[15]), {"to": "applications_open"}
    )

    assert response.status_code == 302
    tokyo.refresh_from_db()
    assert tokyo.status == "applications_open"
    assert tokyo.applications_open_at is not None
    page = client.get(response["Location"]).content.decode()
    assert "The edition is now “Applications open”." in page
    assert "Close applications" in page
    assert "Opened applications" in page  # the history


def test_hub_post_of_a_refused_step_shows_why_and_changes_nothing(client, staff, tokyo):
    client.force_login(staff)

    response = client.post(reverse("conferences_staff:edition", args=[15]), {"to": "held"})

    tokyo.refresh_from_db()
    assert tokyo.status == "published"
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "An edition that is “Published” cannot become “Held”."
    ]


def test_hub_post_of_an_unknown_status_changes_nothing(client, staff, tokyo):
    client.force_login(staff)

    response = client.post(reverse("conferences_staff:edition", args=[15]), {"to": "party"})

    tokyo.refresh_from_db()
    assert tokyo.status == "published"
    assert response.status_code == 302


# --- create and edit ----------------------------------------------------------------------


def test_create_stores_the_window_typed_in_the_hosts_zone(client, staff):
    client.force_login(staff)

    response = client.post(reverse("conferences_staff:edition_create"), _edition_post())

    assert response.status_code == 302
    edition = Edition.objects.get(number=18)
    assert response["Location"] == reverse("conferences_staff:edition", args=[18])
    assert edition.status == "draft"
    assert edition.time_zone == "Asia/Tokyo"
    # 09:00 in Tokyo is 00:00 UTC; 17:00 is 08:00 UTC.
    assert edition.applications_open_at == datetime.datetime(2030, 3, 1, 0, 0, tzinfo=UTC)
    assert edition.applications_close_at == datetime.datetime(2030, 6, 30, 8, 0, tzinfo=UTC)


def test_create_uses_the_zone_chosen_over_the_countrys(client, staff):
    client.force_login(staff)

    # Hosted in Indonesia (usually Asia/Jakarta, UTC+7), in Bali: Asia/Makassar (UTC+8)
    indonesia = CountryFactory(code="ID")
    client.post(
        reverse("conferences_staff:edition_create"),
        _edition_post(country=str(indonesia.pk), city="Denpasar", time_zone="Asia/Makassar"),
    )

    edition = Edition.objects.get(number=18)
    assert edition.applications_open_at == datetime.datetime(2030, 3, 1, 1, 0, tzinfo=UTC)


def test_a_zone_of_another_country_is_refused_with_a_message(client, staff):
    """The zones offered are the host country's (tzdata's zone1970.tab), grouped by country."""
    client.force_login(staff)
    url = reverse("conferences_staff:edition_create")
    page = client.get(url).content.decode()
    assert '<optgroup label="Japan">' in page
    assert "Asia/Tokyo" in page
    assert "Etc/GMT+5" not in page

    response = client.post(url, _edition_post(time_zone="Europe/Helsinki"))

    assert response.status_code == 200
    assert "Europe/Helsinki is not a time zone of Japan" in response.content.decode()
    assert not Edition.objects.filter(number=18).exists()


def test_create_with_quotas_targets_and_a_cover(client, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(staff)
    japan = CountryFactory(code="JP")
    data = _edition_post(
        **{
            "quotas-0-country": str(japan.pk),
            "quotas-0-max_teachers": "6",
            "targets-0-region": "asia",
            "targets-0-target": "50",
        }
    )
    data["cover"] = SimpleUploadedFile("tokyo.png", _png(), content_type="image/png")

    response = client.post(reverse("conferences_staff:edition_create"), data)

    assert response.status_code == 302
    edition = Edition.objects.get(number=18)
    assert list(edition.country_quotas.values_list("country__code", "max_teachers")) == [("JP", 6)]
    assert list(edition.region_targets.values_list("region", "target")) == [("asia", 50)]
    assert edition.cover
    assert edition.cover_thumbnail


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"ends_on": "2030-11-20"}, "ends_on", "The end cannot be before the start."),
        (
            {"applications_close_at": "2030-02-01T09:00"},
            "applications_close_at",
            "Applications must close after they open.",
        ),
        ({"number": "14"}, "number", "There is already an edition with this number."),
        ({"capacity": "0"}, "capacity", None),
        ({"title": ""}, "title", "This field is required."),
        ({"time_zone": "Mars/Olympus"}, "time_zone", None),
    ],
)
def test_create_with_bad_input_shows_errors_and_saves_nothing(
    client, staff, overrides, field, message
):
    EditionFactory(number=14)
    client.force_login(staff)

    response = client.post(reverse("conferences_staff:edition_create"), _edition_post(**overrides))

    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    if message:
        assert message in form.errors[field]
    assert list(Edition.objects.values_list("number", flat=True)) == [14]
    assert "Nothing is saved yet" in response.content.decode()
    assert response.context["form"]["title"].value() == overrides.get(
        "title", "Climate and Classrooms"
    )


def test_create_with_a_file_that_is_not_an_image_shows_the_error(client, staff):
    client.force_login(staff)
    data = _edition_post()
    data["cover"] = SimpleUploadedFile("cover.jpg", b"not an image", content_type="image/jpeg")

    response = client.post(reverse("conferences_staff:edition_create"), data)

    assert response.status_code == 200
    assert response.context["form"].errors["cover"] == [
        "This file is not an image we can read. Upload a JPEG, PNG or WebP picture."
    ]
    assert not Edition.objects.exists()


def test_create_with_two_quotas_for_one_country_shows_the_error(client, staff):
    client.force_login(staff)
    japan = str(CountryFactory(code="JP").pk)
    data = _edition_post(
        **{
            "quotas-0-country": japan,
            "quotas-0-max_teachers": "3",
            "quotas-1-country": japan,
            "quotas-1-max_teachers": "4",
        }
    )

    response = client.post(reverse("conferences_staff:edition_create"), data)

    assert response.status_code == 200
    assert response.context["quotas"].non_form_errors() == ["Give each country at most one quota."]
    assert not Edition.objects.exists()


def test_edit_form_shows_the_window_on_the_hosts_clock(client, staff, tokyo):
    tokyo.applications_open_at = datetime.datetime(2030, 3, 1, 0, 0, tzinfo=UTC)
    tokyo.save()
    client.force_login(staff)

    page = client.get(reverse("conferences_staff:edition_edit", args=[15])).content.decode()

    assert 'value="2030-03-01T09:00"' in page


def test_edit_saves_and_keeps_the_window_in_the_hosts_zone(client, staff, tokyo):
    client.force_login(staff)

    response = client.post(
        reverse("conferences_staff:edition_edit", args=[15]),
        _edition_post(number="15", title="ESD and AI, revised", capacity="12"),
    )

    assert response.status_code == 302
    tokyo.refresh_from_db()
    assert (tokyo.title, tokyo.capacity) == ("ESD and AI, revised", 12)
    assert tokyo.applications_open_at == datetime.datetime(2030, 3, 1, 0, 0, tzinfo=UTC)


def test_edit_refuses_a_capacity_below_the_places_held(client, staff, tokyo):
    for _ in range(4):
        _participant(tokyo)
    client.force_login(staff)

    response = client.post(
        reverse("conferences_staff:edition_edit", args=[15]),
        _edition_post(number="15", title="Changed", capacity="3"),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["capacity"] == [
        "4 places are already held (approved participants and open offers): "
        "the capacity cannot be below 4."
    ]
    tokyo.refresh_from_db()
    assert (tokyo.capacity, tokyo.title) == (10, "ESD and AI")
    assert "ESD and AI" in response.content.decode()  # the header keeps the saved title


def test_edit_can_remove_the_cover(client, staff, tokyo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(staff)
    data = _edition_post(number="15")
    data["cover"] = SimpleUploadedFile("c.png", _png(), content_type="image/png")
    client.post(reverse("conferences_staff:edition_edit", args=[15]), data)
    tokyo.refresh_from_db()
    assert tokyo.cover

    client.post(
        reverse("conferences_staff:edition_edit", args=[15]),
        _edition_post(number="15", remove_cover="on"),
    )

    tokyo.refresh_from_db()
    assert not tokyo.cover
    assert not tokyo.cover_thumbnail


def test_new_edition_form_suggests_the_next_number(client, staff, tokyo):
    client.force_login(staff)

    response = client.get(reverse("conferences_staff:edition_create"))

    assert response.context["form"]["number"].value() == 16


# --- every time names its zone -----------------------------------------------------------------


def test_edition_history_is_in_host_time_and_says_so(client, staff, tokyo):
    from core.audit.models import AuditEntry

    entry = AuditEntry.objects.create(actor=staff, action="edition.published", target=tokyo)
    moment = datetime.datetime(2019, 6, 1, 0, 30, tzinfo=datetime.UTC)  # 09:30 in Tokyo
    AuditEntry.objects.filter(pk=entry.pk).update(created_at=moment)
    client.force_login(staff)

    page = client.get(reverse("conferences_staff:edition", args=[15])).content.decode()

    assert ">1 Jun 2019, 09:30 (Asia/Tokyo)</time>" in page
