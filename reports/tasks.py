"""Report jobs: generation (by run id), cleaning old files and refreshing statistics (beat)."""

from celery import shared_task


@shared_task(name="reports.clean_old_files")
def clean_old_files() -> int:
    from .runs import clean_old_files as clean

    return clean()


@shared_task(name="reports.refresh_statistics")
def refresh_statistics() -> None:
    from .statistics import refresh

    refresh()
