"""Report jobs: generation (by run id; defined in runs.py, beside the requests that send it),
cleaning old files and failing stuck runs, and refreshing statistics (beat)."""

from celery import shared_task

from . import runs
from .runs import GENERATE_MAX_RETRIES, generate

__all__ = [
    "GENERATE_MAX_RETRIES",
    "clean_old_files",
    "fail_stuck_runs",
    "generate",
    "refresh_statistics",
]


@shared_task(name="reports.clean_old_files")
def clean_old_files() -> int:
    return runs.clean_old_files()


@shared_task(name="reports.fail_stuck_runs")
def fail_stuck_runs() -> int:
    return runs.fail_stuck_runs()


@shared_task(name="reports.refresh_statistics")
def refresh_statistics() -> None:
    from .statistics import refresh

    refresh()
