"""Calendar files: where an event takes place (room, venue, city, country)."""

import datetime

import icalendar
import pytest

from conferences.calendars import edition_location, sessions_calendar
from conferences.models import Session
from tests.factories import CountryFactory, EditionFactory

pytestmark = pytest.mark.django_db


def bangkok(venue="Chulalongkorn University"):
    return EditionFactory(
        number=17,
        city="Bangkok",
        country=CountryFactory(code="TH"),
        venue=venue,
        time_zone="Asia/Bangkok",
        starts_on=datetime.date(2030, 11, 25),
        ends_on=datetime.date(2030, 11, 29),
    )


@pytest.mark.parametrize(
    ("venue", "expected"),
    [
        ("Chulalongkorn University", "Chulalongkorn University, Bangkok, Thailand"),
        ("", "Bangkok, Thailand"),
        # the city is not said twice when the venue's address ends with it
        (
            "Chulalongkorn University, Phayathai Road, Bangkok",
            "Chulalongkorn University, Phayathai Road, Bangkok, Thailand",
        ),
    ],
)
def test_edition_location(venue, expected):
    assert edition_location(bangkok(venue)) == expected


@pytest.mark.parametrize(
    ("venue", "room", "expected"),
    [
        ("", "Hall 1", "Hall 1, Bangkok, Thailand"),
        (
            "Chulalongkorn University",
            "Hall 1",
            "Hall 1, Chulalongkorn University, Bangkok, Thailand",
        ),
        ("Chulalongkorn University", "", "Chulalongkorn University, Bangkok, Thailand"),
    ],
)
def test_a_session_is_located_in_its_room_venue_and_city(venue, room, expected):
    edition = bangkok(venue)
    start = datetime.datetime(2030, 11, 25, 2, 0, tzinfo=datetime.UTC)
    session = Session.objects.create(
        edition=edition,
        kind=Session.Kind.PLENARY,
        title="Opening",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
        room=room,
    )

    calendar = icalendar.Calendar.from_ical(
        sessions_calendar(edition=edition, sessions=[session]).to_ical()
    )

    assert [str(event["LOCATION"]) for event in calendar.walk("VEVENT")] == [expected]
