"""Conference pages for participants: choosing workshops, and their own calendar."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from .calendars import calendar_response, sessions_calendar
from .errors import ConferenceError
from .models import Edition, Session
from .workshops import (
    participant_application,
    sessions_for_participant,
    signup_cancel,
    signup_create,
    workshops_by_day,
)


class WorkshopChoiceForm(forms.Form):
    """A Sign up or Cancel button: which session, and which of the two."""

    session = forms.ModelChoiceField(queryset=Session.objects.none())
    action = forms.ChoiceField(
        choices=[("signup", gettext_lazy("Sign up")), ("cancel", gettext_lazy("Cancel"))]
    )

    def __init__(self, *args, edition: Edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = Session.objects.filter(edition=edition)


def _edition_or_404(number: int) -> Edition:
    """The edition (not a draft: nobody takes part in one yet) with its host country."""
    return get_object_or_404(
        Edition.objects.select_related("country").exclude(status=Edition.Status.DRAFT),
        number=number,
    )


@require_http_methods(["GET", "POST"])
@login_required
def workshops(request, number: int):
    """The edition's workshops for its participants to choose; others learn who can."""
    edition = _edition_or_404(number)
    application = participant_application(edition=edition, user=request.user)
    if application is None:
        return render(
            request, "conferences/workshops.html", {"edition": edition, "refused": True}, status=403
        )
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
@login_required
def my_programme_ics(request, number: int):
    """The participant's own sessions as an iCalendar file: everything everyone attends plus
    the workshops they chose. 404 for anyone who is not a participant."""
    edition = _edition_or_404(number)
    application = participant_application(edition=edition, user=request.user)
    if application is None:
        raise Http404
    calendar = sessions_calendar(
        edition=edition,
        sessions=sessions_for_participant(application=application),
        name=_("%(edition)s: my programme") % {"edition": edition},
    )
    return calendar_response(
        calendar, filename=f"classnet-conference-{edition.number}-my-programme.ics"
    )
