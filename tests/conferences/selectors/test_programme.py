"""The programme: sessions, their grouping by the host's local day, the page and the iCal."""

import datetime

import icalendar
import pytest
from django.db import IntegrityError
from django.urls import reverse

from conferences.models import Session
from conferences.selectors.programme import programme_by_day
from tests.factories import EditionFactory, UserFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
ROLES = ["anonymous", "unverified_teacher", "teacher", "judge", "staff"]


@pytest.fixture
def as_role(client, request):
    def log_in(role):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return log_in


@pytest.fixture
def edition():
    return EditionFactory(
        number=17,
        title="Digital Citizenship",
        city="Bangkok",
        venue="Chulalongkorn University",
        time_zone="Asia/Bangkok",
        starts_on=datetime.date(2030, 11, 25),
        ends_on=datetime.date(2030, 11, 29),
        status="applications_open",
    )


def _session(edition, starts_at, minutes=60, **kwargs):
    kwargs.setdefault("kind", Session.Kind.PLENARY)
    kwargs.setdefault("title", f"Session at {starts_at:%H:%M}")
    return Session.objects.create(
        edition=edition,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(minutes=minutes),
        **kwargs,
    )


def test_programme_by_day_groups_by_the_hosts_local_day(edition, django_assert_num_queries):
    # 23:30 UTC on the 25th is 06:30 on the 26th in Bangkok (UTC+7).
    early = _session(edition, datetime.datetime(2030, 11, 25, 2, 0, tzinfo=UTC), title="Opening")
    late = _session(edition, datetime.datetime(2030, 11, 25, 23, 30, tzinfo=UTC), title="Dawn")
    next_day = _session(edition, datetime.datetime(2030, 11, 26, 3, 0, tzinfo=UTC), title="Fair")
    _session(EditionFactory(number=16), datetime.datetime(2030, 11, 25, 3, 0, tzinfo=UTC))

    with django_assert_num_queries(1):
        days = programme_by_day(edition=edition)

    assert days == [
        (datetime.date(2030, 11, 25), [early]),
        (datetime.date(2030, 11, 26), [late, next_day]),
    ]
    assert days[1][1][0].local_starts_at.strftime("%H:%M") == "06:30"


def test_programme_by_day_without_sessions_is_empty(edition):
    assert programme_by_day(edition=edition) == []


def test_session_must_end_after_it_starts(edition):
    starts_at = datetime.datetime(2030, 11, 25, 2, 0, tzinfo=UTC)

    with pytest.raises(IntegrityError):
        Session.objects.create(
            edition=edition,
            kind="plenary",
            title="Backwards",
            starts_at=starts_at,
            ends_at=starts_at,
        )


def test_session_capacity_must_be_positive(edition):
    with pytest.raises(IntegrityError):
        _session(edition, datetime.datetime(2030, 11, 25, 2, 0, tzinfo=UTC), capacity=0)


@pytest.mark.parametrize("role", ROLES)
def test_programme_page_shows_sessions_in_host_time(as_role, role, edition):
    _session(
        edition,
        datetime.datetime(2030, 11, 25, 23, 30, tzinfo=UTC),
        minutes=90,
        kind=Session.Kind.WORKSHOP,
        title="Mekong Rivers Workshop",
        room="Room B",
        speakers="Ana Novak, Kenji Sato",
        description="Bring a laptop.",
        capacity=25,
    )

    response = as_role(role).get(reverse("conferences:programme", args=[17]))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Times in Asia/Bangkok" in content
    assert "Tuesday 26 November 2030" in content
    assert "06:30" in content
    assert "08:00" in content
    assert "23:30" not in content
    assert "Mekong Rivers Workshop" in content
    assert "Workshop</span>" in content
    assert "Room B" in content
    assert "Ana Novak, Kenji Sato" in content
    assert "Bring a laptop." in content
    assert "25 places" in content
    assert reverse("conferences:programme_ics", args=[17]) in content


def test_programme_page_without_sessions_shows_the_empty_state(client, edition):
    response = client.get(reverse("conferences:programme", args=[17]))

    content = response.content.decode()
    assert "The programme has not been published yet" in content
    assert reverse("conferences:programme_ics", args=[17]) not in content


def test_detail_links_to_the_programme(client, edition):
    response = client.get(reverse("conferences:detail", args=[17]))

    assert reverse("conferences:programme", args=[17]) in response.content.decode()


@pytest.mark.parametrize(
    ("role", "status_code"),
    [
        ("anonymous", 404),
        ("unverified_teacher", 404),
        ("teacher", 404),
        ("judge", 404),
        ("staff", 200),
    ],
)
@pytest.mark.parametrize("url_name", ["conferences:programme", "conferences:programme_ics"])
def test_programme_of_a_draft_is_only_for_staff(as_role, role, status_code, url_name):
    draft = EditionFactory(number=18, status="draft")
    _session(draft, datetime.datetime(2030, 11, 25, 2, 0, tzinfo=UTC), title="Secret Session")

    response = as_role(role).get(reverse(url_name, args=[18]))

    assert response.status_code == status_code
    assert (b"Secret Session" in response.content) is (status_code == 200)


@pytest.mark.parametrize("url_name", ["conferences:programme", "conferences:programme_ics"])
def test_programme_of_an_unknown_edition_is_404(client, url_name):
    assert client.get(reverse(url_name, args=[99])).status_code == 404


@pytest.mark.parametrize("count", [1, 20])
def test_programme_page_runs_a_fixed_number_of_queries(
    client, edition, count, django_assert_num_queries
):
    start = datetime.datetime(2030, 11, 25, 1, 0, tzinfo=UTC)
    for i in range(count):
        _session(edition, start + datetime.timedelta(hours=5 * i), title=f"Talk {i}")

    with django_assert_num_queries(2):
        response = client.get(reverse("conferences:programme", args=[17]))

    assert sum(len(sessions) for _day, sessions in response.context["days"]) == count


@pytest.mark.parametrize("count", [1, 20])
def test_programme_ics_runs_a_fixed_number_of_queries(
    client, edition, count, django_assert_num_queries
):
    start = datetime.datetime(2030, 11, 25, 1, 0, tzinfo=UTC)
    for i in range(count):
        _session(edition, start + datetime.timedelta(hours=5 * i), title=f"Talk {i}")

    with django_assert_num_queries(2):
        response = client.get(reverse("conferences:programme_ics", args=[17]))

    assert len(icalendar.Calendar.from_ical(response.content).walk("VEVENT")) == count


def test_programme_ics_holds_every_session_in_utc(client, edition):
    keynote = _session(
        edition,
        datetime.datetime(2030, 11, 25, 23, 30, tzinfo=UTC),
        minutes=45,
        kind=Session.Kind.KEYNOTE,
        title="Keynote: Digital citizenship",
        room="Main hall",
        speakers="Ana Novak",
        description="Why it matters.",
    )
    visit = _session(
        edition,
        datetime.datetime(2030, 11, 26, 6, 30, tzinfo=UTC),
        kind=Session.Kind.SCHOOL_VISIT,
        title="School visits",
    )

    response = client.get(reverse("conferences:programme_ics", args=[17]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="classnet-conference-17-programme.ics"'
    )
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "17th ClassNet Conference, Bangkok 2030"
    events = calendar.walk("VEVENT")
    assert [str(e["UID"]) for e in events] == [
        f"session-{keynote.pk}@classnet",
        f"session-{visit.pk}@classnet",
    ]
    first = events[0]
    assert first.decoded("DTSTART") == datetime.datetime(2030, 11, 25, 23, 30, tzinfo=UTC)
    assert first.decoded("DTEND") == datetime.datetime(2030, 11, 26, 0, 15, tzinfo=UTC)
    assert b"DTSTART:20301125T233000Z" in response.content
    assert str(first["SUMMARY"]) == "Keynote: Digital citizenship"
    assert str(first["LOCATION"]) == (
        f"Main hall, Chulalongkorn University, Bangkok, {edition.country.name}"
    )
    assert str(first["DESCRIPTION"]) == "Ana Novak\n\nWhy it matters."
    assert str(events[1]["LOCATION"]) == (
        f"Chulalongkorn University, Bangkok, {edition.country.name}"
    )
    assert "DESCRIPTION" not in events[1]


def test_admin_edits_the_programme_in_host_time(client, edition):
    _session(edition, datetime.datetime(2030, 11, 25, 23, 30, tzinfo=UTC), title="Dawn")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get(reverse("admin:conferences_edition_change", args=[edition.pk]))

    content = response.content.decode()
    assert response.status_code == 200
    assert 'value="2030-11-26"' in content
    assert 'value="06:30:00"' in content
