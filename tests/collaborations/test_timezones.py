"""Local times and shared school hours of member schools: exact windows on fixed dates."""

import re
from datetime import UTC, date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from collaborations.timezones import (
    busiest_window,
    next_weekday,
    school_day,
    time_zone_plan,
    utc_offset_label,
)
from schools.models import Country, School
from tests.factories import (
    CollaborationFactory,
    CountryFactory,
    MembershipFactory,
    TeacherProfileFactory,
)

HELSINKI = ZoneInfo("Europe/Helsinki")
TOKYO = ZoneInfo("Asia/Tokyo")
LISBON = ZoneInfo("Europe/Lisbon")
AUCKLAND = ZoneInfo("Pacific/Auckland")
SYDNEY = ZoneInfo("Australia/Sydney")
KOLKATA = ZoneInfo("Asia/Kolkata")

WINTER_MONDAY = date(2026, 1, 12)
SUMMER_MONDAY = date(2026, 7, 13)


def utc(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def hours(window) -> list[tuple[str, str, str, bool]]:
    """Each zone's local window as (zone, start, end, in class)."""
    return [
        (local.label, f"{local.start:%H:%M}", f"{local.end:%H:%M}", local.in_class)
        for local in window.local
    ]


def membership(pk: int, code: str, timezone: str = "", name: str = "") -> SimpleNamespace:
    school = School(
        pk=pk, name=name or f"School {pk}", country=Country(code=code), timezone=timezone
    )
    return SimpleNamespace(school_id=pk, school=school)


# --- Days and labels ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 1, 12), date(2026, 1, 13)),  # Monday -> Tuesday
        (date(2026, 1, 16), date(2026, 1, 19)),  # Friday -> Monday
        (date(2026, 1, 17), date(2026, 1, 19)),  # Saturday -> Monday
        (date(2026, 1, 18), date(2026, 1, 19)),  # Sunday -> Monday
    ],
)
def test_next_weekday_skips_the_weekend(today, expected):
    assert next_weekday(today) == expected


def test_school_day_is_eight_to_four_local_in_utc_with_summer_time():
    assert school_day(HELSINKI, WINTER_MONDAY) == (utc(WINTER_MONDAY, 6), utc(WINTER_MONDAY, 14))
    assert school_day(HELSINKI, SUMMER_MONDAY) == (utc(SUMMER_MONDAY, 5), utc(SUMMER_MONDAY, 13))
    assert school_day(TOKYO, WINTER_MONDAY) == (utc(date(2026, 1, 11), 23), utc(WINTER_MONDAY, 7))


@pytest.mark.parametrize(
    ("zone", "day", "expected"),
    [
        (HELSINKI, WINTER_MONDAY, "UTC+2"),
        (HELSINKI, SUMMER_MONDAY, "UTC+3"),
        (KOLKATA, WINTER_MONDAY, "UTC+5:30"),
        (LISBON, WINTER_MONDAY, "UTC+0"),
        (AUCKLAND, WINTER_MONDAY, "UTC+13"),
    ],
)
def test_utc_offset_label_follows_the_zone_on_that_day(zone, day, expected):
    assert utc_offset_label(utc(day, 12).astimezone(zone)) == expected


# --- Overlaps ----------------------------------------------------------------------------------


def test_helsinki_and_tokyo_in_winter_share_one_hour():
    window = busiest_window([HELSINKI, TOKYO], WINTER_MONDAY)

    assert (window.start, window.end) == (utc(WINTER_MONDAY, 6), utc(WINTER_MONDAY, 7))
    assert window.everyone
    assert hours(window) == [
        ("Helsinki", "08:00", "09:00", True),
        ("Tokyo", "15:00", "16:00", True),
    ]


def test_helsinki_and_tokyo_in_summer_share_two_hours():
    window = busiest_window([HELSINKI, TOKYO], SUMMER_MONDAY)

    assert (window.start, window.end) == (utc(SUMMER_MONDAY, 5), utc(SUMMER_MONDAY, 7))
    assert hours(window) == [
        ("Helsinki", "08:00", "10:00", True),
        ("Tokyo", "14:00", "16:00", True),
    ]


def test_sydney_and_tokyo_change_when_sydney_leaves_summer_time():
    before = busiest_window([SYDNEY, TOKYO], date(2026, 3, 30))  # Sydney UTC+11
    after = busiest_window([SYDNEY, TOKYO], date(2026, 4, 6))  # Sydney UTC+10 since 5 April

    assert hours(before) == [("Sydney", "10:00", "16:00", True), ("Tokyo", "08:00", "14:00", True)]
    assert hours(after) == [("Sydney", "09:00", "16:00", True), ("Tokyo", "08:00", "15:00", True)]


def test_half_hour_offsets_give_half_hour_windows():
    window = busiest_window([HELSINKI, KOLKATA], WINTER_MONDAY)

    assert (window.start, window.end) == (utc(WINTER_MONDAY, 6), utc(WINTER_MONDAY, 10, 30))
    assert hours(window) == [
        ("Helsinki", "08:00", "12:30", True),
        ("Kolkata", "11:30", "16:00", True),
    ]


def test_lisbon_and_auckland_never_overlap():
    assert busiest_window([LISBON, AUCKLAND], WINTER_MONDAY) is None
    assert busiest_window([LISBON, AUCKLAND], SUMMER_MONDAY) is None


def test_without_a_common_hour_the_window_when_most_schools_are_in_class_is_given():
    window = busiest_window([LISBON, HELSINKI, TOKYO], WINTER_MONDAY)

    assert (window.start, window.end) == (utc(WINTER_MONDAY, 8), utc(WINTER_MONDAY, 14))
    assert (window.in_class, window.schools, window.everyone) == (2, 3, False)
    assert hours(window) == [
        ("Lisbon", "08:00", "14:00", True),
        ("Helsinki", "10:00", "16:00", True),
        ("Tokyo", "17:00", "23:00", False),
    ]


def test_schools_in_one_zone_count_each_and_show_the_zone_once():
    window = busiest_window([HELSINKI, HELSINKI, TOKYO], WINTER_MONDAY)

    assert (window.in_class, window.schools) == (3, 3)
    assert hours(window) == [
        ("Helsinki", "08:00", "09:00", True),
        ("Tokyo", "15:00", "16:00", True),
    ]


# --- The plan for a collaboration's page -------------------------------------------------------


def test_plan_is_none_for_a_single_school():
    assert time_zone_plan([membership(1, "FI")], now=utc(WINTER_MONDAY, 12)) is None


def test_plan_gives_local_times_now_and_the_overlap_of_the_next_weekday():
    friday_noon = utc(date(2026, 1, 9), 12)

    plan = time_zone_plan(
        [membership(1, "FI", name="Kallio"), membership(2, "JP", name="Kyoto")], now=friday_noon
    )

    assert plan.day == WINTER_MONDAY
    assert [
        (c.school.name, c.label, f"{c.now:%a %H:%M}", c.offset, f"{c.day_start:%H:%M}")
        for c in plan.clocks
    ] == [
        ("Kallio", "Helsinki", "Fri 14:00", "UTC+2", "08:00"),
        ("Kyoto", "Tokyo", "Fri 21:00", "UTC+9", "08:00"),
    ]
    assert (plan.overlap.start, plan.overlap.end) == (utc(WINTER_MONDAY, 6), utc(WINTER_MONDAY, 7))
    assert plan.best is None
    assert not plan.single_zone


def test_plan_without_overlap_has_no_window_for_two_schools():
    plan = time_zone_plan([membership(1, "PT"), membership(2, "NZ")], now=utc(WINTER_MONDAY, 12))

    assert (plan.overlap, plan.best) == (None, None)


def test_plan_without_overlap_for_all_gives_the_best_partial_window():
    plan = time_zone_plan(
        [membership(1, "PT"), membership(2, "FI"), membership(3, "JP")], now=utc(WINTER_MONDAY, 12)
    )

    assert plan.overlap is None
    assert (plan.best.start, plan.best.end, plan.best.in_class) == (
        utc(date(2026, 1, 13), 8),
        utc(date(2026, 1, 13), 14),
        2,
    )


def test_plan_uses_the_school_zone_before_the_country_default():
    plan = time_zone_plan(
        [membership(1, "RU", timezone="Asia/Vladivostok"), membership(2, "JP")],
        now=utc(WINTER_MONDAY, 12),
    )

    assert [clock.label for clock in plan.clocks] == ["Vladivostok", "Tokyo"]
    # Vladivostok is UTC+10, an hour ahead of Tokyo: 09:00-16:00 there = 08:00-15:00 Tokyo
    assert hours(plan.overlap) == [
        ("Vladivostok", "09:00", "16:00", True),
        ("Tokyo", "08:00", "15:00", True),
    ]


# --- On the collaboration's page ---------------------------------------------------------------


def _text(response) -> str:
    """The page's text without tags, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", "", response.content.decode()).split())


def _frozen_now(monkeypatch, moment: datetime) -> None:
    monkeypatch.setattr("collaborations.timezones.timezone.now", lambda: moment)


@pytest.mark.django_db
def test_detail_shows_local_times_and_the_best_time_for_a_live_lesson(client, monkeypatch):
    lead = TeacherProfileFactory(user__country=CountryFactory(code="FI"), school__name="Kallio")
    collaboration = CollaborationFactory(lead=lead, title="Rivers")
    MembershipFactory(
        collaboration=collaboration,
        teacher=TeacherProfileFactory(
            user__country=CountryFactory(code="JP"), school__name="Kyoto High"
        ),
    )
    _frozen_now(monkeypatch, utc(date(2026, 1, 9), 12))  # a Friday: the plan is for Monday

    response = client.get(collaboration.get_absolute_url())

    html = _text(response)
    assert (
        "Best time for a live lesson: 06:00–07:00 UTC = 08:00–09:00 Helsinki, 15:00–16:00 Tokyo"
    ) in html
    assert "on Monday 12 January, the next weekday" in html
    assert "Now Fri 14:00 in Helsinki (UTC+2)" in html
    assert "Now Fri 21:00 in Tokyo (UTC+9)" in html
    assert "No school hours in common" not in html


@pytest.mark.django_db
def test_detail_says_when_school_days_never_meet(client, monkeypatch):
    lead = TeacherProfileFactory(user__country=CountryFactory(code="PT"), school__city="Lisbon")
    collaboration = CollaborationFactory(lead=lead)
    MembershipFactory(
        collaboration=collaboration,
        teacher=TeacherProfileFactory(user__country=CountryFactory(code="NZ")),
    )
    _frozen_now(monkeypatch, utc(date(2026, 1, 9), 12))

    html = _text(client.get(collaboration.get_absolute_url()))

    assert "No school hours in common" in html
    assert "Their 08:00–16:00 school days never meet" in html
    assert "Best time for a live lesson" not in html


@pytest.mark.django_db
def test_detail_hides_time_zones_for_a_single_school(client):
    collaboration = CollaborationFactory(
        lead=TeacherProfileFactory(user__country=CountryFactory(code="FI"))
    )

    response = client.get(collaboration.get_absolute_url())

    assert response.context["time_zones"] is None
    assert "Time zones and live lessons" not in response.content.decode()
