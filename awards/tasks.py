"""Periodic Awards jobs (declared in CELERY_BEAT_SCHEDULE); safe to run twice."""

from core.tasks import task

from .services.scorecards import remind_judges_due


@task(name="awards.remind_judges")
def remind_judges() -> int:
    """Remind judges of their unfinished assignments before a stage's deadline."""
    return remind_judges_due(by=None)
