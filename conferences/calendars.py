"""iCalendar files of an edition's sessions: the whole programme, or a participant's own.

One event per session, times in UTC, the same UID for a session in every file
(session-<pk>@classnet), so a calendar app that imports both updates rather than duplicates.
"""

import datetime
from collections.abc import Iterable

import icalendar
from django.http import HttpResponse
from django.utils import timezone

from .models import Edition, Session


def sessions_calendar(
    *,
    edition: Edition,
    sessions: Iterable[Session],
    name: str = "",
    now: datetime.datetime | None = None,
    prodid: str = "-//ClassNet//Conference programme//EN",
) -> icalendar.Calendar:
    """A calendar with one event per session; `name` is the calendar's title (the edition's
    own name when blank). Location: the session's room, then the edition's venue."""
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
        location = ", ".join(part for part in (session.room, edition.venue) if part)
        if location:
            event.add("location", location)
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
