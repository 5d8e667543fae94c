"""Periodic conference jobs (declared in CELERY_BEAT_SCHEDULE). Each takes ids or nothing and
is safe to run twice: the work is claimed row by row under the edition's lock."""

from celery import shared_task


@shared_task(name="conferences.expire_offers")
def expire_offers() -> int:
    """Expire overdue waitlist offers and offer their places to the next teachers."""
    from .waitlist import expire_overdue_offers

    return expire_overdue_offers()


@shared_task(name="conferences.send_reminders")
def send_reminders() -> int:
    """E-mail participants of editions starting soon their reminder, once each."""
    from .reminders import send_due_reminders

    return send_due_reminders()
