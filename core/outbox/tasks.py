"""The outbox's Celery tasks (the house convention, core/tasks.py): deliver_email, sent by
services.email_enqueue after commit, and the beat sweep requeue_stale."""

from ..tasks import task
from . import services
from .delivery import (
    MAX_RETRIES,
    PermanentDeliveryError,
    TransientDeliveryError,
    email_deliver,
    email_mark_failed,
)


@task(name="outbox.requeue_stale")
def requeue_stale() -> int:
    return services.emails_requeue_stale()


@task(name="outbox.deliver_email", bind=True, max_retries=MAX_RETRIES, acks_late=True)
def deliver_email(self, *, email_id: int) -> bool:
    """Deliver one outgoing e-mail; retry a transient SMTP failure with exponential backoff."""
    try:
        return email_deliver(email_id=email_id)
    except PermanentDeliveryError:
        return False
    except TransientDeliveryError as error:
        if self.request.retries >= self.max_retries:
            email_mark_failed(email_id=email_id, reason=f"Gave up: {error}")
            return False
        raise self.retry(exc=error, countdown=min(2 ** (self.request.retries + 1), 600)) from error
