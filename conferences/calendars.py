"""iCalendar files of an edition's sessions: the whole programme, or a participant's own.

One event per session, times in UTC, the same UID for a session in every file
(session-<pk>@classnet), so a calendar app that imports both updates rather than duplicates.
"""

import datetime
from collections.abc import Iterable

import icalendar
from django.http import HttpResponse
from django.utils import timezone

from core.mail import absolute_url

from .models import Edition, Session


def edition_location(edition: Edition) -> str:
    """Where the edition is, for a calendar: venue, city and country ("Chulalongkorn
    University, Bangkok, Thailand"); the city is not repeated when the venue's address ends
    with it."""
    venue = edition.venue.strip()
    parts = [venue] if venue else []
    venue_parts = [part.strip().casefold() for part in venue.split(",")]
    if edition.city and edition.city.strip().casefold() not in venue_parts:
        parts.append(edition.city)
    parts.append(edition.country.name)
    return ", ".join(part for part in parts if part)


def session_location(session: Session, edition: Edition) -> str:
    """A session's room, then where the edition is: "Hall 1, Chulalongkorn University,
    Bangkok, Thailand"."""
    return ", ".join(part for part in (session.room, edition_location(edition)) if part)


def sessions_calendar(
    *,
    edition: Edition,
    sessions: Iterable[Session],
    name: str = "",
    now: datetime.datetime | None = None,
    prodid: str = "-//ClassNet//Conference programme//EN",
) -> icalendar.Calendar:
    """A calendar with one event per session; `name` is the calendar's title (the edition's
    own name when blank). Location: the session's room, then the edition's venue, city and
    country (session_location)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name or str(edition))
    calendar.add("x-wr-timezone", edition.zone.key)
    stamp = (now or timezone.now()).astimezone(datetime.UTC)
    for session in sessions:
        event = icalendar.Event()
        event.add("uid", f"session-{session.pk}@classnet")
        event.add("dtstamp", stamp)
        event.add("dtstart", session.starts_at.astimezone(datetime.UTC))
        event.add("dtend", session.ends_at.astimezone(datetime.UTC))
        event.add("summary", session.title)
        event.add("location", session_location(session, edition))
        description = "\n\n".join(part for part in (session.speakers, session.description) if part)
        if description:
            event.add("description", description)
        event.add("categories", [session.get_kind_display()])
        calendar.add_component(event)
    return calendar


def calendar_response(calendar: icalendar.Calendar, *, filename: str) -> HttpResponse:
    """The calendar as a download named `filename`."""
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def reminder_calendar(
    *, edition: Edition, sessions: list[Session], now: datetime.datetime | None = None
) -> bytes:
    """An iCalendar file: the edition as one all-day event over its days, then the sessions
    (times in UTC, the same UIDs as the public programme's file)."""
    stamp = (now or timezone.now()).astimezone(datetime.UTC)
    calendar = sessions_calendar(
        edition=edition,
        sessions=sessions,
        now=stamp,
        prodid="-//ClassNet//Conference reminder//EN",
    )
    url = absolute_url(edition.get_absolute_url())
    event = icalendar.Event()
    event.add("uid", f"edition-{edition.number}@classnet")
    event.add("dtstamp", stamp)
    event.add("dtstart", edition.starts_on)  # a date: an all-day event
    event.add("dtend", edition.ends_on + datetime.timedelta(days=1))  # exclusive end
    event.add("summary", str(edition))
    event.add("location", edition_location(edition))
    event.add("url", url)
    event.add("description", f"{edition.title}\n\n{url}")
    event.add("transp", "TRANSPARENT")
    # The whole edition first, then its sessions.
    calendar.subcomponents.insert(0, event)
    return calendar.to_ical()
