"""Report jobs: generation (by run id), cleaning old files and refreshing statistics (beat)."""

from celery import shared_task


@shared_task(name="reports.clean_old_files")
def clean_old_files() -> int:
    from .runs import clean_old_files as clean

    return clean()


@shared_task(name="reports.fail_stuck_runs")
def fail_stuck_runs() -> int:
    from .runs import fail_stuck_runs as fail

    return fail()


@shared_task(name="reports.refresh_statistics")
def refresh_statistics() -> None:
    from .statistics import refresh

    refresh()


GENERATE_MAX_RETRIES = 3


# A report may take longer than the default limits (60 s soft, 90 s hard).
@shared_task(
    name="reports.generate",
    bind=True,
    max_retries=GENERATE_MAX_RETRIES,
    acks_late=True,
    soft_time_limit=600,
    time_limit=660,
)
def generate(self, run_id: int) -> bool:
    """Generate one report run; retry when the database or a network service was away."""
    from django.db import OperationalError

    from .runs import run_generate, run_mark_failed

    try:
        return run_generate(run_id)
    except (OperationalError, ConnectionError) as error:
        if self.request.retries >= self.max_retries:
            run_mark_failed(
                run_id=run_id,
                reason="The report could not be generated: the database or a service it "
                "needs was unavailable. Try again later.",
            )
            return False
        raise self.retry(exc=error, countdown=min(2 ** (self.request.retries + 1), 60)) from error
