"""Collaborations' background work (core/tasks.py convention): leaves that call one service."""

from core.tasks import task

from .services.join_requests import join_requests_remind_unanswered


@task(name="collaborations.remind_unanswered_requests")
def remind_unanswered_requests() -> int:
    """Daily sweep (Celery beat): remind leads once of requests unanswered for 7 days."""
    return join_requests_remind_unanswered(by=None)
