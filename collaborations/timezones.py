"""When member schools can meet live: each school's local time, and the hours their school days
(08:00-16:00 local) have in common on the next weekday.

Pure functions over schools already in memory (the collaboration page's prefetched memberships
with school__country): no queries. zoneinfo gives each zone's offset on the day asked about, so
summer time is right. Every ASEM zone lies between UTC+0 and UTC+14, less than a school day and
a half apart, so the school days of one calendar date are the only ones that can meet.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from django.utils import timezone

SCHOOL_DAY_START = time(8)
SCHOOL_DAY_END = time(16)


def zone_label(zone: ZoneInfo) -> str:
    """Europe/Helsinki -> Helsinki, Asia/Ho_Chi_Minh -> Ho Chi Minh."""
    return zone.key.rsplit("/", 1)[-1].replace("_", " ")


def utc_offset_label(moment: datetime) -> str:
    """UTC+2, UTC+5:30, UTC+0 for an aware datetime."""
    minutes = int(moment.utcoffset().total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def next_weekday(today: date) -> date:
    """The first Monday-to-Friday after `today`."""
    day = today + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def school_day(zone: ZoneInfo, day: date) -> tuple[datetime, datetime]:
    """The school day 08:00-16:00 of `day` in `zone`, in UTC."""
    start = datetime.combine(day, SCHOOL_DAY_START, tzinfo=zone)
    end = datetime.combine(day, SCHOOL_DAY_END, tzinfo=zone)
    return start.astimezone(UTC), end.astimezone(UTC)


@dataclass(frozen=True)
class LocalWindow:
    """A UTC window seen from one zone."""

    zone: ZoneInfo
    start: datetime
    end: datetime
    in_class: bool

    @property
    def label(self) -> str:
        return zone_label(self.zone)


@dataclass(frozen=True)
class Window:
    """Hours (UTC) when `in_class` of the `schools` are in their school day."""

    start: datetime
    end: datetime
    in_class: int
    schools: int
    local: tuple[LocalWindow, ...]  # one per zone, in the order the schools came

    @property
    def duration(self) -> timedelta:
        return self.end - self.start

    @property
    def hours(self) -> float:
        return self.duration.total_seconds() / 3600

    @property
    def everyone(self) -> bool:
        return self.in_class == self.schools


def busiest_window(zones: Sequence[ZoneInfo], day: date) -> Window | None:
    """The longest stretch of `day` when the most schools (one zone per school) are in class,
    the earliest if two are as long. None when no two schools are ever in class together."""
    days = [school_day(zone, day) for zone in zones]
    edges = sorted({moment for interval in days for moment in interval})
    best_count, stretches = 0, []  # stretches: [start, end] with best_count in class
    for start, end in pairwise(edges):
        count = sum(1 for begins, ends in days if begins <= start and end <= ends)
        if count > best_count:
            best_count, stretches = count, [[start, end]]
        elif count == best_count and stretches and stretches[-1][1] == start:
            stretches[-1][1] = end
        elif count == best_count:
            stretches.append([start, end])
    if best_count < 2:
        return None
    start, end = max(stretches, key=lambda stretch: stretch[1] - stretch[0])  # first longest
    local, seen = [], set()
    for zone, (begins, ends) in zip(zones, days, strict=True):
        if zone.key in seen:
            continue
        seen.add(zone.key)
        local.append(
            LocalWindow(
                zone=zone,
                start=start.astimezone(zone),
                end=end.astimezone(zone),
                in_class=begins <= start and end <= ends,
            )
        )
    return Window(start=start, end=end, in_class=best_count, schools=len(zones), local=tuple(local))


@dataclass(frozen=True)
class SchoolClock:
    school: object  # schools.models.School
    zone: ZoneInfo
    now: datetime  # local
    day_start: datetime  # the school day asked about, local
    day_end: datetime

    @property
    def offset(self) -> str:
        return utc_offset_label(self.now)

    @property
    def label(self) -> str:
        return zone_label(self.zone)


@dataclass(frozen=True)
class TimeZonePlan:
    day: date
    clocks: tuple[SchoolClock, ...]
    overlap: Window | None  # every school in class
    best: Window | None  # no overlap: when most schools (at least two) are in class

    @property
    def single_zone(self) -> bool:
        return len({clock.zone.key for clock in self.clocks}) == 1


def time_zone_plan(memberships: Iterable, *, now: datetime | None = None) -> TimeZonePlan | None:
    """Local times and shared school hours of the member schools (memberships with
    school__country loaded). None with fewer than two schools."""
    schools = list({m.school_id: m.school for m in memberships}.values())
    if len(schools) < 2:
        return None
    now = now or timezone.now()
    day = next_weekday(now.astimezone(UTC).date())
    zones = [school.zone for school in schools]
    clocks = []
    for school, zone in zip(schools, zones, strict=True):
        starts, ends = school_day(zone, day)
        clocks.append(
            SchoolClock(
                school=school,
                zone=zone,
                now=now.astimezone(zone),
                day_start=starts.astimezone(zone),
                day_end=ends.astimezone(zone),
            )
        )
    window = busiest_window(zones, day)
    everyone = window is not None and window.everyone
    return TimeZonePlan(
        day=day,
        clocks=tuple(clocks),
        overlap=window if everyone else None,
        best=None if everyone else window,
    )
