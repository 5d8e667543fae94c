"""core's periodic task (the house convention, core/tasks.py): beat's heartbeat."""

from ..tasks import task
from .checks import record_heartbeat


@task(name="core.heartbeat", ignore_result=True)
def heartbeat() -> None:
    """Sent by beat every minute; /healthz?beat=1 fails once it is 3 minutes old."""
    record_heartbeat()
