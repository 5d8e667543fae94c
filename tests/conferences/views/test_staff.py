"""Staff pages for editions and their programme, and the public pages' figures and covers."""

import datetime
import io

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from conferences.models import Application, Edition, Session, WorkshopSignup
from tests.factories import CountryFactory, EditionFactory, TeacherProfileFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
ROLES = ["anonymous", "teacher", "other_teacher", "judge", "staff"]
STATUS_BY_ROLE = {
    "anonymous": 302,
    "teacher": 403,
    "other_teacher": 403,
    "judge": 403,
    "staff": 200,
}


@pytest.fixture
def as_role(client, request):
    def log_in(role):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return log_in


@pytest.fixture
def tokyo():
    return EditionFactory(
        number=15,
        title="ESD and AI",
        city="Tokyo",
        country=CountryFactory(code="JP"),
        time_zone="Asia/Tokyo",
        starts_on=datetime.date(2030, 11, 25),
        ends_on=datetime.date(2030, 11, 29),
        status="published",
        capacity=10,
    )


@pytest.fixture
def session(tokyo):
    return Session.objects.create(
        edition=tokyo,
        kind="workshop",
        title="Robots that help",
        starts_at=datetime.datetime(2030, 11, 26, 1, 0, tzinfo=UTC),  # 10:00 in Tokyo
        ends_at=datetime.datetime(2030, 11, 26, 3, 0, tzinfo=UTC),
        capacity=12,
    )


def _participant(edition, status="approved", country_code="FI"):
    profile = TeacherProfileFactory(school__country=CountryFactory(code=country_code))
    return Application.objects.create(
        edition=edition, teacher=profile, school=profile.school, motivation="Hi", status=status
    )


def _edition_post(**overrides):
    data = {
        "number": "18",
        "title": "Climate and Classrooms",
        "theme": "Climate",
        "format": "in_person",
        "city": "Tokyo",
        "country": str(CountryFactory(code="JP").pk),
        "venue": "UN University",
        "time_zone": "",
        "starts_on": "2030-11-25",
        "ends_on": "2030-11-29",
        "capacity": "100",
        "offer_hours": "72",
        "reminder_days": "7",
        "applications_open_at": "2030-03-01T09:00",
        "applications_close_at": "2030-06-30T17:00",
        "description": "Five days in Tokyo.",
        "quotas-TOTAL_FORMS": "2",
        "quotas-INITIAL_FORMS": "0",
        "quotas-MIN_NUM_FORMS": "0",
        "quotas-MAX_NUM_FORMS": "60",
        "quotas-0-country": "",
        "quotas-0-max_teachers": "",
        "quotas-1-country": "",
        "quotas-1-max_teachers": "",
        "targets-TOTAL_FORMS": "1",
        "targets-INITIAL_FORMS": "0",
        "targets-MIN_NUM_FORMS": "0",
        "targets-MAX_NUM_FORMS": "2",
        "targets-0-region": "",
        "targets-0-target": "",
    }
    return data | overrides


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 320), (200, 60, 60)).save(buffer, format="PNG")
    return buffer.getvalue()


def _urls(edition, session):
    n = edition.number
    return [
        reverse("conferences_staff:editions"),
        reverse("conferences_staff:edition_create"),
        reverse("conferences_staff:edition", args=[n]),
        reverse("conferences_staff:edition_edit", args=[n]),
        reverse("conferences_staff:programme", args=[n]),
        reverse("conferences_staff:session_create", args=[n]),
        reverse("conferences_staff:session_edit", args=[n, session.pk]),
        reverse("conferences_staff:session_delete", args=[n, session.pk]),
    ]


# --- who may see the pages ----------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_every_staff_edition_page_is_for_staff_only(as_role, role, tokyo, session):
    client = as_role(role)

    for url in _urls(tokyo, session):
        response = client.get(url)

        assert response.status_code == STATUS_BY_ROLE[role], url
        if role == "anonymous":
            assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ["anonymous", "teacher", "other_teacher", "judge"])
def test_posts_by_anyone_but_staff_change_nothing(as_role, role, tokyo, session):
    client = as_role(role)
    n = tokyo.number

    client.post(reverse("conferences_staff:edition", args=[n]), {"to": "applications_open"})
    client.post(reverse("conferences_staff:edition_create"), _edition_post())
    client.post(reverse("conferences_staff:edition_edit", args=[n]), _edition_post(number="15"))
    client.post(reverse("conferences_staff:session_delete", args=[n, session.pk]))

    tokyo.refresh_from_db()
    assert tokyo.status == "published"
    assert tokyo.title == "ESD and AI"
    assert list(Edition.objects.values_list("number", flat=True)) == [15]
    assert Session.objects.filter(pk=session.pk).exists()


@pytest.mark.parametrize("url_name", ["edition", "edition_edit", "programme", "session_create"])
def test_an_unknown_edition_is_404_for_staff(client, staff, url_name):
    client.force_login(staff)

    assert client.get(reverse(f"conferences_staff:{url_name}", args=[99])).status_code == 404


def test_a_session_of_another_edition_is_404(client, staff, session):
    other = EditionFactory(number=14)
    client.force_login(staff)

    for name in ("session_edit", "session_delete"):
        url = reverse(f"conferences_staff:{name}", args=[other.number, session.pk])
        assert client.get(url).status_code == 404


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

    client.post(
        reverse("conferences_staff:edition_create"), _edition_post(time_zone="Europe/Helsinki")
    )

    edition = Edition.objects.get(number=18)
    assert edition.applications_open_at == datetime.datetime(2030, 3, 1, 7, 0, tzinfo=UTC)


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


# --- programme ----------------------------------------------------------------------------


def test_programme_lists_sessions_by_local_day_with_signups(client, staff, tokyo, session):
    WorkshopSignup.objects.create(session=session, application=_participant(tokyo))
    client.force_login(staff)

    page = client.get(reverse("conferences_staff:programme", args=[15])).content.decode()

    assert "Tuesday 26 November" in page
    assert "10:00–12:00" in page
    assert "1 of 12 signed up" in page
    assert reverse("conferences_staff:session_edit", args=[15, session.pk]) in page


def test_programme_without_sessions_guides_to_the_first(client, staff, tokyo):
    client.force_login(staff)

    page = client.get(reverse("conferences_staff:programme", args=[15])).content.decode()

    assert "No session yet" in page
    assert reverse("conferences_staff:session_create", args=[15]) in page


@pytest.mark.parametrize("count", [1, 20])
def test_programme_runs_a_fixed_number_of_queries(
    client, staff, tokyo, count, django_assert_num_queries
):
    start = datetime.datetime(2030, 11, 25, 0, 0, tzinfo=UTC)
    for i in range(count):
        Session.objects.create(
            edition=tokyo,
            kind="workshop",
            title=f"Workshop {i}",
            starts_at=start + datetime.timedelta(hours=4 * i),
            ends_at=start + datetime.timedelta(hours=4 * i + 1),
            capacity=10,
        )
    client.force_login(staff)

    # session, user, groups, the navbar's profile, permissions (2), the edition, the sessions
    # with their sign-ups counted
    with django_assert_num_queries(8):
        response = client.get(reverse("conferences_staff:programme", args=[15]))

    assert sum(len(sessions) for _day, sessions in response.context["days"]) == count


def _session_post(**overrides):
    return {
        "kind": "keynote",
        "title": "Keynote: AI in class",
        "starts_at": "2030-11-25T09:00",
        "ends_at": "2030-11-25T10:00",
        "room": "Main hall",
        "speakers": "A. Sato",
        "description": "",
        "capacity": "",
    } | overrides


def test_session_create_stores_times_typed_in_the_hosts_zone(client, staff, tokyo):
    client.force_login(staff)

    response = client.post(reverse("conferences_staff:session_create", args=[15]), _session_post())

    assert response.status_code == 302
    session = Session.objects.get()
    assert session.starts_at == datetime.datetime(2030, 11, 25, 0, 0, tzinfo=UTC)
    assert session.ends_at == datetime.datetime(2030, 11, 25, 1, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"starts_at": "2030-11-24T09:00", "ends_at": "2030-11-24T10:00"},
            "starts_at",
            "the session must lie within those days",
        ),
        ({"ends_at": "2030-11-25T08:00"}, "ends_at", "A session must end after it starts."),
        ({"capacity": "20"}, "capacity", "Only workshops take sign-ups"),
        ({"starts_at": "yesterday"}, "starts_at", "Enter a valid date/time."),
    ],
)
def test_session_create_with_bad_input_shows_errors_and_saves_nothing(
    client, staff, tokyo, overrides, field, message
):
    client.force_login(staff)

    response = client.post(
        reverse("conferences_staff:session_create", args=[15]), _session_post(**overrides)
    )

    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert not Session.objects.exists()


def test_session_edit_shows_and_saves_host_times(client, staff, tokyo, session):
    client.force_login(staff)
    url = reverse("conferences_staff:session_edit", args=[15, session.pk])

    assert 'value="2030-11-26T10:00"' in client.get(url).content.decode()
    response = client.post(
        url,
        _session_post(
            kind="workshop",
            title="Robots, again",
            starts_at="2030-11-27T14:00",
            ends_at="2030-11-27T16:00",
            capacity="15",
        ),
    )

    assert response.status_code == 302
    session.refresh_from_db()
    assert session.title == "Robots, again"
    assert session.starts_at == datetime.datetime(2030, 11, 27, 5, 0, tzinfo=UTC)


def test_session_edit_refuses_a_capacity_below_the_signups(client, staff, tokyo, session):
    for _ in range(2):
        WorkshopSignup.objects.create(session=session, application=_participant(tokyo))
    client.force_login(staff)

    response = client.post(
        reverse("conferences_staff:session_edit", args=[15, session.pk]),
        _session_post(kind="workshop", capacity="1"),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["capacity"] == [
        "2 participants have signed up: the capacity cannot be below 2."
    ]
    session.refresh_from_db()
    assert session.capacity == 12


def test_session_delete_asks_then_deletes(client, staff, tokyo, session):
    client.force_login(staff)
    url = reverse("conferences_staff:session_delete", args=[15, session.pk])

    page = client.get(url).content.decode()
    assert "Delete the session" in page
    assert "Tuesday 26 November, 10:00" in page
    assert Session.objects.exists()

    response = client.post(url)

    assert response["Location"] == reverse("conferences_staff:programme", args=[15])
    assert not Session.objects.exists()


def test_session_delete_with_signups_is_refused(client, staff, tokyo, session):
    WorkshopSignup.objects.create(session=session, application=_participant(tokyo))
    client.force_login(staff)
    url = reverse("conferences_staff:session_delete", args=[15, session.pk])

    assert "cannot be deleted" in client.get(url).content.decode()
    response = client.post(url)

    assert Session.objects.filter(pk=session.pk).exists()
    assert "cannot be deleted" in str(next(iter(get_messages(response.wsgi_request))))


# --- the public pages: covers, figures, places left ---------------------------------------


@pytest.fixture
def open_edition():
    today = timezone.localdate()
    return EditionFactory(
        number=17,
        title="Digital Citizenship",
        status="applications_open",
        capacity=5,
        starts_on=today + datetime.timedelta(days=200),
        ends_on=today + datetime.timedelta(days=204),
        applications_open_at=timezone.now() - datetime.timedelta(days=1),
    )


def test_index_shows_places_left_and_participant_figures(client, open_edition):
    _participant(open_edition, country_code="JP")
    _participant(open_edition, country_code="FI")
    _participant(open_edition, status="submitted")
    held = EditionFactory(number=14, status="held")
    _participant(held, status="attended", country_code="FI")
    _participant(held, status="approved", country_code="JP")

    page = client.get(reverse("conferences:index")).content.decode()

    assert "3 places left" in page
    assert "2 teachers" in page
    assert "from 2 countries" in page
    assert "1 teacher\n" in page or "1 teacher " in page
    assert "from 1 country" in page


def test_index_says_when_every_place_is_taken(client, open_edition):
    for _ in range(5):
        _participant(open_edition)

    page = client.get(reverse("conferences:index")).content.decode()

    assert "All places taken" in page
    assert "places left" not in page


def test_detail_shows_the_cover_figures_and_places_left(client, open_edition, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    open_edition.cover.save("c.png", SimpleUploadedFile("c.png", _png()), save=True)
    _participant(open_edition, country_code="JP")
    _participant(open_edition, country_code="JP")

    response = client.get(reverse("conferences:detail", args=[17]))

    page = response.content.decode()
    assert open_edition.cover.url in page
    assert "host of the edition" in page  # the cover's alt text
    assert "3 places left." in page
    edition = response.context["edition"]
    assert (edition.participant_count, edition.participant_country_count) == (2, 1)
    assert "teachers taking part" in page


def test_card_shows_the_cover_thumbnail(client, open_edition, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    open_edition.cover_thumbnail.save("t.png", SimpleUploadedFile("t.png", _png()), save=True)

    page = client.get(reverse("conferences:index")).content.decode()

    assert open_edition.cover_thumbnail.url in page


def test_detail_of_a_held_edition_counts_those_who_attended(client):
    held = EditionFactory(number=14, status="held")
    _participant(held, status="attended", country_code="FI")
    _participant(held, status="attended", country_code="JP")
    _participant(held, status="approved", country_code="TH")

    response = client.get(reverse("conferences:detail", args=[14]))

    edition = response.context["edition"]
    assert (edition.participant_count, edition.participant_country_count) == (2, 2)
    assert "teachers took part" in response.content.decode()
    assert "places left" not in response.content.decode()


@pytest.mark.parametrize("count", [1, 20])
def test_index_with_participants_runs_a_fixed_number_of_queries(
    client, count, django_assert_num_queries
):
    today = timezone.localdate()
    for number in range(1, count + 1):
        starts_on = today + datetime.timedelta(days=30 + number)
        edition = EditionFactory(
            number=number,
            status="applications_open",
            starts_on=starts_on,
            ends_on=starts_on,
            capacity=3,
        )
        _participant(edition)

    with django_assert_num_queries(1):
        response = client.get(reverse("conferences:index"))

    assert len(response.context["coming"]) == count
    assert response.content.decode().count("2 places left") == count


@pytest.mark.parametrize("count", [1, 20])
def test_detail_with_participants_runs_a_fixed_number_of_queries(
    client, open_edition, count, django_assert_num_queries
):
    for _ in range(count):
        _participant(open_edition)

    # the edition with its figures, the collaborations' figures, the collaborations shown
    # (none: no prefetch)
    with django_assert_num_queries(3):
        response = client.get(reverse("conferences:detail", args=[17]))

    assert response.context["edition"].participant_count == count


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


def test_staff_programme_names_the_zone_of_its_times(client, staff, tokyo, session):
    client.force_login(staff)

    page = client.get(reverse("conferences_staff:programme", args=[15])).content.decode()

    assert "times in Asia/Tokyo" in " ".join(page.split())
