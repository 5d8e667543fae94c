"""Participants of an edition: the staff list with its CSV and XLSX export, the check-in at the
door (made for a phone), and the teacher's certificate of participation."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from schools.models import Region
from teachers.views_staff import staff_only

from .certificates import certificate_filename, certificate_pdf
from .errors import ConferenceError
from .models import Application, Edition
from .participants import (
    attended_application,
    attended_application_by_pk,
    certificate_available,
    checkin_mark,
    checkin_totals,
    checkin_undo,
    day_has_started,
    default_checkin_day,
    edition_days,
    export_csv,
    export_xlsx,
    host_today,
    participant_counts,
    participants_of,
)


def _edition_or_404(number: int) -> Edition:
    return get_object_or_404(Edition.objects.select_related("country"), number=number)


class ParticipantFilterForm(forms.Form):
    """Narrow the participant list to a region or a country (of those taking part)."""

    region = forms.ChoiceField(
        label=gettext_lazy("Region"),
        required=False,
        choices=[("", gettext_lazy("All regions")), *Region.choices],
    )
    country = forms.ChoiceField(label=gettext_lazy("Country"), required=False)

    def __init__(self, *args, countries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("All countries"))] + [
            (c.code, c.name) for c in sorted(countries, key=lambda c: c.name)
        ]

    def filters(self) -> dict:
        if not self.is_valid():
            return {"country": "", "region": ""}
        return {"country": self.cleaned_data["country"], "region": self.cleaned_data["region"]}

    @property
    def is_filtering(self) -> bool:
        return any(self.filters().values())


@require_GET
@staff_only
def participants(request, number: int):
    """Who takes part (approved or attended), with their needs and days checked in."""
    edition = _edition_or_404(number)
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
@staff_only
def participants_csv(request, number: int):
    """Every participant as CSV (UTF-8 with BOM for Excel)."""
    edition = _edition_or_404(number)
    return _download(
        export_csv(participants_of(edition=edition)),
        content_type="text/csv; charset=utf-8",
        filename=f"classnet-conference-{edition.number}-participants.csv",
    )


@require_GET
@staff_only
def participants_xlsx(request, number: int):
    """Every participant as an Excel workbook."""
    edition = _edition_or_404(number)
    return _download(
        export_xlsx(participants_of(edition=edition)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        filename=f"classnet-conference-{edition.number}-participants.xlsx",
    )


class CheckinDayForm(forms.Form):
    """Which day of the edition the door is checking in, and who to look for."""

    day = forms.TypedChoiceField(label=gettext_lazy("Day"), required=False)
    q = forms.CharField(
        label=gettext_lazy("Name, e-mail or school"), required=False, max_length=100
    )

    def __init__(self, *args, edition: Edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.days = edition_days(edition)
        self.fields["day"].choices = [(d.isoformat(), d) for d in self.days]
        self.fields["day"].coerce = lambda value: next(
            d for d in self.days if d.isoformat() == value
        )


class CheckinForm(forms.Form):
    """One participant's Checked in toggle on one day."""

    application = forms.IntegerField()
    day = forms.DateField()
    action = forms.ChoiceField(
        choices=[("mark", gettext_lazy("Check in")), ("undo", gettext_lazy("Undo"))]
    )
    q = forms.CharField(required=False, max_length=100)


@require_http_methods(["GET", "POST"])
@staff_only
def checkin(request, number: int):
    """The door: pick the day, find the person, press Check in (or Undo a mistake)."""
    edition = _edition_or_404(number)
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
        application = (
            Application.objects.select_related("teacher__user")
            .filter(edition=edition, pk=data["application"])
            .first()
        )
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


@require_GET
@login_required
def certificate(request, number: int):
    """The teacher's certificate of participation, once the first day they were checked in has
    begun (host time). Staff may fetch any such teacher's with ?application=<pk>; everyone else
    gets a 404."""
    edition = _edition_or_404(number)
    application = None
    wanted = request.GET.get("application", "")
    if wanted and request.user.has_perm("teachers.access_staff_area"):
        if not wanted.isdigit():
            raise Http404
        application = attended_application_by_pk(edition=edition, pk=int(wanted))
    elif not wanted:
        application = attended_application(edition=edition, user=request.user)
    if application is None:
        raise Http404
    return _download(
        certificate_pdf(application),
        content_type="application/pdf",
        filename=certificate_filename(application),
    )
