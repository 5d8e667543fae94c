import datetime

import icalendar
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from .models import Edition
from .selectors import (
    edition_for_page,
    editions_for_public,
    programme_by_day,
    sessions_for_calendar,
)


def index(request):
    """Coming editions (soonest first), then past ones (newest first). Open to everyone."""
    today = timezone.localdate()
    editions = list(editions_for_public())
    coming = sorted((e for e in editions if e.ends_on >= today), key=lambda e: e.starts_on)
    past = [e for e in editions if e.ends_on < today]
    return render(request, "conferences/index.html", {"coming": coming, "past": past})


def detail(request, number: int):
    """An edition's public page; drafts are 404 for everyone but staff."""
    edition = edition_for_page(
        number=number, include_drafts=request.user.has_perm("teachers.access_staff_area")
    )
    if edition is None:
        raise Http404
    return render(request, "conferences/detail.html", {"edition": edition})


def _edition_or_404(request, number: int) -> Edition:
    """The edition with its host country; drafts are 404 for everyone but staff."""
    editions = Edition.objects.select_related("country")
    if not request.user.has_perm("teachers.access_staff_area"):
        editions = editions.exclude(status=Edition.Status.DRAFT)
    edition = editions.filter(number=number).first()
    if edition is None:
        raise Http404
    return edition


def programme(request, number: int):
    """An edition's programme by day in the host's time zone. Open to everyone but drafts."""
    edition = _edition_or_404(request, number)
    days = programme_by_day(edition=edition)
    return render(request, "conferences/programme.html", {"edition": edition, "days": days})


def programme_ics(request, number: int):
    """The whole programme as an iCalendar file (times in UTC). Same audience as the page."""
    edition = _edition_or_404(request, number)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//ClassNet//Conference programme//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", str(edition))
    calendar.add("x-wr-timezone", edition.zone.key)
    stamp = timezone.now().astimezone(datetime.UTC)
    for session in sessions_for_calendar(edition=edition):
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
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="classnet-conference-{edition.number}-programme.ics"'
    )
    return response
