"""Conference pages for participants: choosing workshops, and their own calendar."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.permissions import permission_required

from ..calendars import calendar_response, sessions_calendar
from ..errors import ConferenceError
from ..forms.workshops import WorkshopChoiceForm
from ..models import Edition
from ..selectors.workshops import (
    edition_for_participant,
    sessions_for_participant,
    workshops_by_day,
)
from ..services.workshops import signup_cancel, signup_create
from ._access import explained_refusal, same_object


def _edition_for_participant(request, number: int, **kwargs) -> Edition:
    """The edition (not a draft: nobody takes part in one yet), with the user's application
    holding a place there (`participant_application`, None when they hold none)."""
    edition = edition_for_participant(number=number, user=request.user)
    if edition is None:
        raise Http404
    return edition


@require_http_methods(["GET", "POST"])
@permission_required("conferences.see_edition", obj=_edition_for_participant, denied=404)
@explained_refusal("conferences/workshops.html")
@permission_required("conferences.choose_workshops", obj=same_object)
def workshops(request, number: int):
    """The edition's workshops for its participants to choose; others learn who can."""
    edition = request.permission_object
    application = edition.participant_application
    if request.method == "POST":
        form = WorkshopChoiceForm(request.POST, edition=edition)
        url = reverse("conferences:workshops", args=[edition.number])
        if not form.is_valid():
            messages.error(request, _("Choose a workshop from the list."))
            return redirect(url)
        session = form.cleaned_data["session"]
        try:
            if form.cleaned_data["action"] == "signup":
                signup_create(session=session, by=request.user)
                done = _("You are signed up for “%(title)s”.")
            else:
                signup_cancel(session=session, by=request.user)
                done = _("You are no longer signed up for “%(title)s”; your place is free.")
        except ConferenceError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, done % {"title": session.title})
        return redirect(f"{url}#session-{session.pk}")
    days = workshops_by_day(edition=edition, application=application)
    return render(
        request,
        "conferences/workshops.html",
        {
            "edition": edition,
            "days": days,
            "chosen": [w for day in days for w in day.workshops if w.is_chosen],
        },
    )


@require_GET
@permission_required("conferences.view_own_programme", obj=_edition_for_participant, denied=404)
def my_programme_ics(request, number: int):
    """The participant's own sessions as an iCalendar file: everything everyone attends plus
    the workshops they chose. 404 for anyone who is not a participant."""
    edition = request.permission_object
    application = edition.participant_application
    calendar = sessions_calendar(
        edition=edition,
        sessions=sessions_for_participant(application=application),
        name=_("%(edition)s: my programme") % {"edition": edition},
    )
    return calendar_response(
        calendar, filename=f"classnet-conference-{edition.number}-my-programme.ics"
    )
