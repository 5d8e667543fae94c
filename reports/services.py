"""Report runs: request, generate with progress, notify, retry, clean up.

A request writes the ReportRun row first (status queued) and sends the `reports.generate` task
by name (core.tasks.enqueue), only once the transaction commits. The task (tasks.py) calls
run_generate(run_id=...), which claims the run with one conditional UPDATE (queued ->
running): a second delivery of the same task finds it running or done and does nothing. The
requester is e-mailed once, guarded by another conditional UPDATE on notified_at. Requests and
retries are staff's (by=, audited); generating, notifying and cleaning are system work.
"""

import logging
import tempfile
from datetime import timedelta
from pathlib import Path

from celery.exceptions import SoftTimeLimitExceeded
from django.contrib.humanize.templatetags.humanize import ordinal
from django.core.files import File
from django.db import OperationalError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from conferences.models import Edition
from core.audit.services import audit_record
from core.exports import exporter
from core.mail import absolute_url, send_templated_email
from core.tasks import enqueue

from . import edition as edition_report
from . import export_files
from .errors import ReportRunError
from .models import ReportFile, ReportRun
from .selectors import EXPIRED_KEY, keep_days

logger = logging.getLogger(__name__)

# Errors worth another go: the database or a network service was briefly away.
TRANSIENT_ERRORS = (OperationalError, ConnectionError)
EXPORT_FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def _enqueue(run: ReportRun) -> None:
    enqueue("reports.generate", run_id=run.pk)


# --- Requests ---------------------------------------------------------------------------------


@transaction.atomic
def run_request_edition(*, edition: Edition, by) -> ReportRun:
    if edition.status == Edition.Status.DRAFT:
        raise ReportRunError(_("A draft edition has no report: publish it first."))
    run = ReportRun(
        kind=ReportRun.Kind.EDITION,
        edition=edition,
        title=_("%(nth)s edition report: %(title)s")
        % {"nth": ordinal(edition.number), "title": edition.title},
        requested_by=by,
        attempts=1,
    )
    run.title = run.title[:200]
    run.full_clean()
    run.save()
    audit_record(actor=by, action="report.requested", target=run)
    _enqueue(run)
    return run


@transaction.atomic
def run_request_export(
    *, exporter_name: str, format: str, params: dict, title: str, by
) -> ReportRun:
    if exporter(exporter_name) is None:
        raise ReportRunError(_("There is no such export."))
    if format not in EXPORT_FORMATS:
        raise ReportRunError(_("Exports are made as CSV or XLSX."))
    run = ReportRun(
        kind=ReportRun.Kind.EXPORT,
        parameters={"exporter": exporter_name, "format": format, "params": dict(params)},
        title=(title or exporter_name)[:200],
        requested_by=by,
        attempts=1,
    )
    run.full_clean()
    run.save()
    audit_record(actor=by, action="report.requested", target=run)
    _enqueue(run)
    return run


@transaction.atomic
def run_retry(*, run: ReportRun, by) -> ReportRun:
    """Queue a failed run again, as a new attempt of the same row."""
    updated = ReportRun.objects.filter(pk=run.pk, status=ReportRun.Status.FAILED).update(
        status=ReportRun.Status.QUEUED,
        attempts=F("attempts") + 1,
        progress=0,
        error="",
        started_at=None,
        finished_at=None,
        notified_at=None,
    )
    if not updated:
        raise ReportRunError(_("Only a failed report can be tried again."))
    _delete_files(ReportFile.objects.filter(run_id=run.pk))
    run.refresh_from_db()
    audit_record(actor=by, action="report.retried", target=run)
    _enqueue(run)
    return run


# --- Generation -------------------------------------------------------------------------------


def _claim(run_id: int) -> bool:
    return bool(
        ReportRun.objects.filter(pk=run_id, status=ReportRun.Status.QUEUED).update(
            status=ReportRun.Status.RUNNING,
            started_at=timezone.now(),
            finished_at=None,
            progress=0,
            error="",
        )
    )


def _progress_callback(run_id: int):
    last = {"percent": None}

    def progress(percent) -> None:
        percent = max(0, min(100, int(percent)))
        if percent == last["percent"]:
            return
        last["percent"] = percent
        ReportRun.objects.filter(pk=run_id, status=ReportRun.Status.RUNNING).update(
            progress=percent
        )

    return progress


def _generate_files(run: ReportRun, directory: Path, progress) -> list:
    if run.kind == ReportRun.Kind.EDITION:
        return list(
            edition_report.generate_edition_report(
                edition=run.edition, directory=directory, progress=progress
            )
        )
    return [export_files.generate_export(run=run, directory=directory, progress=progress)]


@transaction.atomic
def _store_files(run: ReportRun, generated: list) -> None:
    _delete_files(ReportFile.objects.filter(run=run))
    for item in generated:
        path = Path(item.path)
        report_file = ReportFile(run=run, format=item.format, filename=item.filename[:200])
        with path.open("rb") as handle:  # the storage copies it in chunks
            report_file.file.save(path.name, File(handle), save=False)
        report_file.size = path.stat().st_size
        report_file.save()


def _failure_reason(error: Exception) -> str:
    if isinstance(error, ReportRunError):
        return str(error)
    if isinstance(error, SoftTimeLimitExceeded):
        return _("The report took too long to generate and was stopped. Try again later.")
    if isinstance(error, NotImplementedError):
        return _("This report cannot be generated yet: its generator is not finished.")
    return _(
        "The report could not be generated because of an unexpected error (%(kind)s). "
        "Try again; if it fails again, tell the developers: the details are in the logs."
    ) % {"kind": type(error).__name__}


def run_mark_failed(*, run_id: int, reason: str) -> bool:
    return bool(
        ReportRun.objects.filter(
            pk=run_id, status__in=[ReportRun.Status.QUEUED, ReportRun.Status.RUNNING]
        ).update(status=ReportRun.Status.FAILED, error=reason, finished_at=timezone.now())
    )


def run_generate(*, run_id: int) -> bool:
    """Generate the run's files; False when there was nothing to do (gone, claimed, done).

    A transient error (database or network away) puts the run back in the queue and is raised
    again, for the task to retry; any other error marks the run failed with a readable reason.
    """
    if not _claim(run_id):
        return False
    run = ReportRun.objects.select_related("edition", "requested_by").get(pk=run_id)
    try:
        with tempfile.TemporaryDirectory(prefix="classnet-report-") as directory:
            generated = _generate_files(run, Path(directory), _progress_callback(run_id))
            _store_files(run, generated)
    except TRANSIENT_ERRORS:
        logger.warning("Report run %s: transient error, to be retried", run_id, exc_info=True)
        try:
            ReportRun.objects.filter(pk=run_id, status=ReportRun.Status.RUNNING).update(
                status=ReportRun.Status.QUEUED, started_at=None, progress=0
            )
        except TRANSIENT_ERRORS:
            logger.exception("Report run %s: could not put it back in the queue", run_id)
        raise
    except Exception as error:
        logger.exception("Report run %s failed", run_id)
        run_mark_failed(run_id=run_id, reason=_failure_reason(error))
        return False
    with transaction.atomic():  # done and the e-mail recorded together
        ReportRun.objects.filter(pk=run_id, status=ReportRun.Status.RUNNING).update(
            status=ReportRun.Status.DONE, progress=100, finished_at=timezone.now()
        )
        run_notify(run_id=run_id)
    return True


@transaction.atomic
def run_notify(*, run_id: int) -> bool:
    """E-mail the requester that the run's files are ready: once, whoever calls it again."""
    now = timezone.now()
    claimed = ReportRun.objects.filter(
        pk=run_id, status=ReportRun.Status.DONE, notified_at__isnull=True
    ).update(notified_at=now)
    if not claimed:
        return False
    run = ReportRun.objects.select_related("requested_by").get(pk=run_id)
    user = run.requested_by
    if user is None or not user.email:
        return False
    files = list(run.files.all())
    send_templated_email(
        template="reports_ready",
        to=[user.email],
        context={
            "run": run,
            "user": user,
            "files": files,
            "url": absolute_url(run.get_absolute_url()),
            "keep_days": keep_days(),
        },
    )
    return True


# --- Cleaning ---------------------------------------------------------------------------------


def _delete_files(files) -> int:
    """Delete the rows now and their stored files once the transaction commits."""
    count = 0
    for report_file in files:
        name, storage = report_file.file.name, report_file.file.storage
        report_file.delete()
        if name:
            transaction.on_commit(lambda name=name, storage=storage: storage.delete(name))
        count += 1
    return count


def clean_old_files() -> int:
    """Delete the files of runs older than REPORT_FILES_KEEP_DAYS; return how many went."""
    cutoff = timezone.now() - timedelta(days=keep_days())
    today = timezone.localdate().isoformat()
    count = 0
    run_ids = list(
        ReportRun.objects.filter(created_at__lt=cutoff, files__isnull=False)
        .values_list("pk", flat=True)
        .distinct()
    )
    for run_id in run_ids:
        with transaction.atomic():
            run = ReportRun.objects.select_for_update().get(pk=run_id)
            count += _delete_files(ReportFile.objects.filter(run=run))
            run.parameters = {**run.parameters, EXPIRED_KEY: today}
            run.save(update_fields=["parameters"])
    return count


# Longer than the generate task's hard time limit (660 s): a run still "running" after this
# lost its worker (killed, or the database was gone when it tried to record the failure).
STUCK_AFTER = timedelta(minutes=20)


def fail_stuck_runs() -> int:
    """Mark runs left "running" past STUCK_AFTER as failed, with a reason staff can act on
    ("Try again"); returns how many. Safe to run twice."""
    return ReportRun.objects.filter(
        status=ReportRun.Status.RUNNING, started_at__lt=timezone.now() - STUCK_AFTER
    ).update(
        status=ReportRun.Status.FAILED,
        error=_("The report was interrupted before it finished. Try again."),
        finished_at=timezone.now(),
    )
