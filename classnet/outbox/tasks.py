from celery import shared_task

from . import services

MAX_RETRIES = 8


@shared_task(name="outbox.deliver_email", bind=True, max_retries=MAX_RETRIES, acks_late=True)
def deliver_email(self, *, email_id: int) -> bool:
    """Deliver one outgoing e-mail; retry a transient SMTP failure with exponential backoff."""
    try:
        return services.email_deliver(email_id=email_id)
    except services.PermanentDeliveryError:
        return False
    except services.TransientDeliveryError as error:
        if self.request.retries >= self.max_retries:
            services.email_mark_failed(email_id=email_id, reason=f"Gave up: {error}")
            return False
        raise self.retry(exc=error, countdown=min(2 ** (self.request.retries + 1), 600)) from error


@shared_task(name="outbox.requeue_stale")
def requeue_stale() -> int:
    return services.emails_requeue_stale()
