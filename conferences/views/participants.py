"""Participants of an edition: the staff list with its CSV and XLSX export, the check-in at the
door (made for a phone), and the teacher's certificate of participation."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.permissions import permission_required

from ..certificates import certificate_filename, certificate_pdf
from ..errors import ConferenceError
from ..exporters import export_csv, export_xlsx
from ..forms.participants import CheckinDayForm, CheckinForm, ParticipantFilterForm
from ..models import Application
from ..selectors.applications import application_in_edition
from ..selectors.editions import edition_by_number
from ..selectors.participants import (
    attended_application,
    attended_application_by_pk,
    certificate_available,
    checkin_totals,
    day_has_started,
    default_checkin_day,
    edition_days,
    host_today,
    participant_counts,
    participants_of,
)
from ..services.participants import checkin_mark, checkin_undo
from ._access import edition_any


@require_GET
@permission_required("conferences.manage_participants", obj=edition_any)
def participants(request, number: int):
    """Who takes part (approved or attended), with their needs and days checked in."""
    edition = request.permission_object
    counts = participant_counts(edition=edition)
    form = ParticipantFilterForm(request.GET or None, countries=counts)
    if form.is_bound and not form.is_valid():
        messages.warning(request, _("That filter is not one of the choices; showing everyone."))
    rows = list(participants_of(edition=edition, **form.filters()))
    today = host_today(edition)
    for application in rows:
        application.has_certificate = certificate_available(application, today=today)
    return render(
        request,
        "conferences/staff/participants.html",
        {
            "edition": edition,
            "participants": rows,
            "counts": counts,
            "total": sum(c.participants for c in counts),
            "filters": form,
            "days": edition_days(edition),
        },
    )


def _download(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"  # personal data: no copies on the way
    return response


@require_GET
@permission_required("conferences.manage_participants", obj=edition_any)
def participants_csv(request, number: int):
    """Every participant as CSV (UTF-8 with BOM for Excel)."""
    edition = request.permission_object
    return _download(
        export_csv(participants_of(edition=edition)),
        content_type="text/csv; charset=utf-8",
        filename=f"classnet-conference-{edition.number}-participants.csv",
    )


@require_GET
@permission_required("conferences.manage_participants", obj=edition_any)
def participants_xlsx(request, number: int):
    """Every participant as an Excel workbook."""
    edition = request.permission_object
    return _download(
        export_xlsx(participants_of(edition=edition)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        filename=f"classnet-conference-{edition.number}-participants.xlsx",
    )


@require_http_methods(["GET", "POST"])
@permission_required("conferences.manage_participants", obj=edition_any)
def checkin(request, number: int):
    """The door: pick the day, find the person, press Check in (or Undo a mistake)."""
    edition = request.permission_object
    url = reverse("conferences_staff:checkin", args=[edition.number])
    if request.method == "POST":
        form = CheckinForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("That check-in could not be read; try again."))
            return redirect(url)
        data = form.cleaned_data
        query = {"q": data["q"]}
        if edition.starts_on <= data["day"] <= edition.ends_on:
            query = {"day": data["day"].isoformat(), **query}
        back = f"{url}?{urlencode(query)}"
        application = application_in_edition(edition=edition, pk=data["application"])
        if application is None:
            messages.error(request, _("That person is not a participant of this edition."))
            return redirect(back)
        name = application.teacher.user.full_name
        try:
            if data["action"] == "mark":
                checkin_mark(application=application, day=data["day"], by=request.user)
                messages.success(request, _("%(name)s is checked in.") % {"name": name})
            else:
                checkin_undo(application=application, day=data["day"], by=request.user)
                messages.info(request, _("Check-in of %(name)s undone.") % {"name": name})
        except ConferenceError as error:
            messages.error(request, str(error))
        return redirect(back + f"#p{application.pk}")

    form = CheckinDayForm(request.GET or None, edition=edition)
    day, search = default_checkin_day(edition), ""
    if form.is_bound:
        if form.is_valid():
            day = form.cleaned_data["day"] or day
            search = form.cleaned_data["q"].strip()
        else:
            messages.warning(request, _("Choose one of the conference's days."))
    rows = list(participants_of(edition=edition, search=search))
    for application in rows:
        application.is_in = any(checkin.day == day for checkin in application.days)
    checked_in, total = checkin_totals(edition=edition, day=day)
    return render(
        request,
        "conferences/staff/checkin.html",
        {
            "edition": edition,
            "day": day,
            "days": form.days,
            "search": search,
            "participants": rows,
            "checked_in": checked_in,
            "total": total,
            # Check-in is for days that have begun in the host's time zone.
            "day_started": day_has_started(edition, day),
            "host_now": timezone.localtime(timezone.now(), edition.zone),
        },
    )


def _certificate_application(request, number: int) -> Application:
    """The attended application whose certificate is asked for: ?application=<pk> (only staff
    may fetch another teacher's, by the rule), else the user's own; 404 when there is none."""
    edition = edition_by_number(number=number)
    if edition is None:
        raise Http404
    wanted = request.GET.get("application", "")
    if wanted:
        if not wanted.isdigit():
            raise Http404
        application = attended_application_by_pk(edition=edition, pk=int(wanted))
        if application is not None:
            application.chosen_by_pk = True  # choosing whose certificate is for staff only
    else:
        application = attended_application(edition=edition, user=request.user)
    if application is None:
        raise Http404
    return application


@require_GET
@permission_required("conferences.download_certificate", obj=_certificate_application, denied=404)
def certificate(request, number: int):
    """The teacher's certificate of participation, once the first day they were checked in has
    begun (host time). Staff may fetch any such teacher's with ?application=<pk>; everyone else
    gets a 404."""
    application = request.permission_object
    return _download(
        certificate_pdf(application),
        content_type="application/pdf",
        filename=certificate_filename(application),
    )
