"""Report runs for staff: the list, one run (polled while it works), its downloads, and the
edition report's request page."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from conferences.selectors.figures import edition_for_report, editions_for_reports
from core.permissions import permission_required

from ..errors import ReportRunError
from ..forms import EditionReportForm
from ..models import ReportFile, ReportRun
from ..selectors import files_expired, keep_days, report_file, run_for_staff, runs_for_staff
from ..services import CONTENT_TYPES, run_request_edition
from ..services import run_retry as retry_run

PER_PAGE = 25
STATUS_BADGES = {
    ReportRun.Status.QUEUED: "text-bg-secondary",
    ReportRun.Status.RUNNING: "text-bg-info",
    ReportRun.Status.DONE: "text-bg-success",
    ReportRun.Status.FAILED: "text-bg-danger",
}
WORKING = (ReportRun.Status.QUEUED, ReportRun.Status.RUNNING)


def _duration(run: ReportRun) -> str:
    if not (run.started_at and run.finished_at):
        return ""
    seconds = max(0, round((run.finished_at - run.started_at).total_seconds()))
    if seconds < 1:
        return _("under 1 s")
    if seconds < 60:
        return _("%(s)d s") % {"s": seconds}
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return _("%(m)d min %(s)d s") % {"m": minutes, "s": seconds}
    hours, minutes = divmod(minutes, 60)
    return _("%(h)d h %(m)d min") % {"h": hours, "m": minutes}


def _decorate(run: ReportRun) -> ReportRun:
    run.badge = STATUS_BADGES.get(run.status, "text-bg-secondary")
    run.duration = _duration(run)
    run.working = run.status in WORKING
    run.expired = files_expired(run)
    return run


# What the permission is about. None when it is not there: staff then get a 404, others a 403
# as for every staff page (the check comes first).


def _edition(request, number: int, **kwargs):
    return edition_for_report(number=number)


def _run(request, pk: int, **kwargs):
    return run_for_staff(pk=pk)


def _found(request):
    if request.permission_object is None:
        raise Http404
    return request.permission_object


@permission_required("reports.view_runs")
@require_http_methods(["GET", "POST"])
def runs(request):
    form = EditionReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            run = run_request_edition(edition=form.cleaned_data["edition"], by=request.user)
        except ReportRunError as error:
            form.add_error("edition", str(error))
        else:
            messages.success(request, _("The report is queued: this page follows its progress."))
            return redirect(run)
    page = Paginator(runs_for_staff(), PER_PAGE).get_page(request.GET.get("page"))
    rows = [_decorate(run) for run in page.object_list]
    return render(
        request,
        "reports/runs.html",
        {
            "page": page,
            "rows": rows,
            "form": form,
            # Listed from one query (the form's own choices would count, then iterate).
            "editions": list(editions_for_reports()),
            "keep_days": keep_days(),
        },
        status=400 if form.errors else 200,
    )


@permission_required("reports.request_report", obj=_edition)
@require_http_methods(["GET", "POST"])
def edition_report(request, number: int):
    edition = _found(request)
    if request.method == "POST":
        try:
            run = run_request_edition(edition=edition, by=request.user)
        except ReportRunError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The report is queued: this page follows its progress."))
            return redirect(run)
    rows = [_decorate(run) for run in runs_for_staff().filter(edition=edition)]
    return render(
        request,
        "reports/edition_report.html",
        {"edition": edition, "rows": rows, "keep_days": keep_days()},
    )


@permission_required("reports.view_run", obj=_run)
@require_http_methods(["GET", "POST"])
def run(request, pk: int):
    report = _found(request)
    if request.method == "POST":
        try:
            report = retry_run(run=report, by=request.user)
        except ReportRunError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The report is queued again."))
        return redirect(report)
    _decorate(report)
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "status": report.status,
                "status_label": report.get_status_display(),
                "progress": report.progress,
                "working": report.working,
            }
        )
    return render(request, "reports/run.html", {"run": report, "keep_days": keep_days()})


@permission_required("reports.download_file")
@require_http_methods(["GET", "HEAD"])
def run_download(request, pk: int, format: str):
    if format not in ReportFile.Format.values:
        raise Http404
    found = report_file(run_id=pk, format=format)
    if found is None:
        raise Http404
    try:
        handle = found.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=found.filename,
        content_type=CONTENT_TYPES[format],
    )
