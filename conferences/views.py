from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .calendars import calendar_response, sessions_calendar
from .forms import ApplicationForm
from .models import Application, Edition
from .places import places_left
from .selectors import (
    applicant_view,
    edition_for_page,
    editions_for_public,
    programme_by_day,
    sessions_for_calendar,
)
from .services import ConferenceError, application_submit, application_withdraw
from .waitlist import waitlist_standing


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
    calendar = sessions_calendar(edition=edition, sessions=sessions_for_calendar(edition=edition))
    return calendar_response(
        calendar, filename=f"classnet-conference-{edition.number}-programme.ics"
    )


@require_http_methods(["GET", "POST"])
@login_required
def apply(request, number: int):
    """A verified teacher applies to an edition taking applications; others learn who can."""
    edition = _edition_or_404(request, number)
    context = {"edition": edition}
    if not request.user.has_perm("teachers.act_as_teacher"):
        return render(request, "conferences/apply.html", {**context, "refused": True}, status=403)
    if not edition.accepts_applications:
        return render(request, "conferences/apply.html", {**context, "closed": True})
    context["places_left"] = places_left(edition=edition)
    form = ApplicationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
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


@require_http_methods(["GET", "POST"])
@login_required
def withdraw(request, number: int):
    """The applicant takes back their active application: GET asks them to confirm, saying
    what happens (a place held goes to the waitlist for good), and never withdraws; the POST of
    that page withdraws. Anyone else gets a 404."""
    application = get_object_or_404(
        Application.objects.exclude(status=Application.Status.WITHDRAWN).select_related(
            "edition__country"
        ),
        edition__number=number,
        teacher__user=request.user,
    )
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
                and edition.applications.filter(status=Application.Status.WAITLISTED).exists(),
            },
        )
    try:
        application_withdraw(application=application, by=request.user)
    except ConferenceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your application is withdrawn."))
    return redirect(edition)
