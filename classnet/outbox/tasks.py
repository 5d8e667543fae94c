"""The outbox's Celery tasks: deliver_email (defined beside the service it calls, in
delivery.py, since services.py sends it) and the beat sweep requeue_stale."""

from celery import shared_task

from . import services
from .delivery import MAX_RETRIES, deliver_email

__all__ = ["MAX_RETRIES", "deliver_email", "requeue_stale"]


@shared_task(name="outbox.requeue_stale")
def requeue_stale() -> int:
    return services.emails_requeue_stale()
