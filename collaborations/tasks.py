from celery import shared_task

from . import services


@shared_task(name="collaborations.remind_unanswered_requests")
def remind_unanswered_requests() -> int:
    """Daily sweep (Celery beat): remind leads once of requests unanswered for 7 days."""
    return services.join_requests_remind_unanswered()
