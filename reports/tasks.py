"""Report jobs: generating a run (sent by reports.services with enqueue), and the beat's
cleaning of old files, failing stuck runs and refreshing the network statistics."""

from core.tasks import task

from . import services
from .services import TRANSIENT_ERRORS, run_generate, run_mark_failed
from .statistics import refresh

GENERATE_MAX_RETRIES = 3


# A report may take longer than the default limits (60 s soft, 90 s hard).
@task(
    name="reports.generate",
    bind=True,
    max_retries=GENERATE_MAX_RETRIES,
    acks_late=True,
    soft_time_limit=600,
    time_limit=660,
)
def generate(self, *, run_id: int) -> bool:
    """Generate one report run; retry when the database or a network service was away."""
    try:
        return run_generate(run_id=run_id)
    except TRANSIENT_ERRORS as error:
        if self.request.retries >= self.max_retries:
            run_mark_failed(
                run_id=run_id,
                reason="The report could not be generated: the database or a service it "
                "needs was unavailable. Try again later.",
            )
            return False
        raise self.retry(exc=error, countdown=min(2 ** (self.request.retries + 1), 60)) from error


@task(name="reports.clean_old_files")
def clean_old_files() -> int:
    return services.clean_old_files()


@task(name="reports.fail_stuck_runs")
def fail_stuck_runs() -> int:
    return services.fail_stuck_runs()


@task(name="reports.refresh_statistics")
def refresh_statistics() -> None:
    refresh()
