"""Periodic Awards jobs (declared in CELERY_BEAT_SCHEDULE); safe to run twice."""

from celery import shared_task


@shared_task(name="awards.remind_judges")
def remind_judges() -> int:
    """Remind judges of their unfinished assignments before a stage's deadline."""
    from .services.scorecards import remind_judges_due

    return remind_judges_due()
