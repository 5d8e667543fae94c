"""The conference's public pages: the editions, one edition, its programme (and its calendar
file); applying to an edition and withdrawing one's application."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.permissions import permission_required, public
from core.ratelimit import limited

from ..calendars import calendar_response, sessions_calendar
from ..errors import ConferenceError
from ..forms.applications import ApplicationForm
from ..models import Application
from ..selectors.applications import active_application_of, applicant_view, waitlist_waiting
from ..selectors.editions import edition_for_page_of, editions_for_public
from ..selectors.places import places_left
from ..selectors.programme import programme_by_day, sessions_for_calendar
from ..selectors.waitlist import waitlist_standing
from ..services.applications import application_submit, application_withdraw
from ._access import edition_visible, explained_refusal, same_object


@public
def index(request):
    """Coming editions (soonest first), then past ones (newest first). Open to everyone."""
    today = timezone.localdate()
    editions = list(editions_for_public())
    coming = sorted((e for e in editions if e.ends_on >= today), key=lambda e: e.starts_on)
    past = [e for e in editions if e.ends_on < today]
    return render(request, "conferences/index.html", {"coming": coming, "past": past})


@public
def detail(request, number: int):
    """An edition's public page; drafts are 404 for everyone but staff."""
    edition = edition_for_page_of(number=number, user=request.user)
    if edition is None:
        raise Http404
    applicant = standing = None
    if request.user.is_authenticated:
        applicant = applicant_view(edition=edition, user=request.user)
        if applicant.application is not None:
            standing = waitlist_standing(application=applicant.application)
    return render(
        request,
        "conferences/detail.html",
        {"edition": edition, "applicant": applicant, "standing": standing},
    )


@public
def programme(request, number: int):
    """An edition's programme by day in the host's time zone. Open to everyone but drafts."""
    edition = edition_visible(request, number)
    days = programme_by_day(edition=edition)
    return render(request, "conferences/programme.html", {"edition": edition, "days": days})


@public
def programme_ics(request, number: int):
    """The whole programme as an iCalendar file (times in UTC). Same audience as the page."""
    edition = edition_visible(request, number)
    calendar = sessions_calendar(edition=edition, sessions=sessions_for_calendar(edition=edition))
    return calendar_response(
        calendar, filename=f"classnet-conference-{edition.number}-programme.ics"
    )


@require_http_methods(["GET", "POST"])
@permission_required("conferences.see_edition", obj=edition_visible, denied=404)
@explained_refusal("conferences/apply.html")
@permission_required("conferences.apply_to_edition", obj=same_object)
def apply(request, number: int):
    """A verified teacher applies to an edition taking applications; others learn who can."""
    edition = request.permission_object
    context = {"edition": edition}
    if not edition.accepts_applications:
        return render(request, "conferences/apply.html", {**context, "closed": True})
    context["places_left"] = places_left(edition=edition)
    form = ApplicationForm(request.POST if request.method == "POST" else None)
    if (
        request.method == "POST"
        and form.is_valid()
        and not limited(request, "conferences_application", form)
    ):
        try:
            application_submit(edition=edition, by=request.user, **form.cleaned_data)
        except ConferenceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _(
                    "Your application is sent. We e-mailed you a copy; "
                    "staff will write to you with their decision."
                ),
            )
            return redirect(edition)
    return render(request, "conferences/apply.html", {**context, "form": form})


WITHDRAWABLE = (
    Application.Status.SUBMITTED,
    Application.Status.UNDER_REVIEW,
    Application.Status.WAITLISTED,
    Application.Status.APPROVED,
)


def _own_active_application(request, number: int) -> Application:
    application = active_application_of(number=number, user=request.user)
    if application is None:
        raise Http404
    return application


@require_http_methods(["GET", "POST"])
@permission_required("conferences.withdraw_application", obj=_own_active_application, denied=404)
def withdraw(request, number: int):
    """The applicant takes back their active application: GET asks them to confirm, saying
    what happens (a place held goes to the waitlist for good), and never withdraws; the POST of
    that page withdraws. Anyone else gets a 404."""
    application = request.permission_object
    edition = application.edition
    if request.method == "GET":
        if application.status not in WITHDRAWABLE:
            messages.error(request, _("This application can no longer be withdrawn."))
            return redirect(edition)
        return render(
            request,
            "conferences/withdraw.html",
            {
                "edition": edition,
                "application": application,
                "standing": waitlist_standing(application=application),
                "waitlist_waiting": application.status == Application.Status.APPROVED
                and waitlist_waiting(edition=edition),
            },
        )
    try:
        application_withdraw(application=application, by=request.user)
    except ConferenceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your application is withdrawn."))
    return redirect(edition)
