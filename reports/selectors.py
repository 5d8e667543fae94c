"""Reads of the reports app: report runs for the staff pages (with their requester, edition
and files), a run's file to download, and what the runs' pages say about kept files."""

from django.conf import settings
from django.db.models import QuerySet

from .models import ReportFile, ReportRun

# Set on a run's parameters when its files were cleaned away (the day, ISO).
EXPIRED_KEY = "files_expired_on"


def keep_days() -> int:
    """How many days a run's files are kept (REPORT_FILES_KEEP_DAYS, 30 by default)."""
    return getattr(settings, "REPORT_FILES_KEEP_DAYS", 30)


def files_expired(run: ReportRun) -> bool:
    return bool(run.parameters.get(EXPIRED_KEY))


def runs_for_staff() -> QuerySet[ReportRun]:
    """Every run, newest first (the model's order), with its requester, edition and files."""
    return ReportRun.objects.select_related("requested_by", "edition").prefetch_related("files")


def run_for_staff(*, pk: int) -> ReportRun | None:
    return runs_for_staff().filter(pk=pk).first()


def report_file(*, run_id: int, format: str) -> ReportFile | None:
    """The run's file in `format`, or None."""
    return ReportFile.objects.filter(run_id=run_id, format=format).first()


def failed_run_count() -> int:
    """Runs that failed, to try again (the staff area's "waiting" count)."""
    return ReportRun.objects.filter(status=ReportRun.Status.FAILED).count()
