"""Periodic conference jobs (declared in CELERY_BEAT_SCHEDULE). Each takes ids or nothing and
is safe to run twice: the work is claimed row by row under the edition's lock. The work itself
is in the services; nothing imports this module (the Celery app finds it)."""

from core.tasks import task

from .services.reminders import send_due_reminders
from .services.waitlist import expire_overdue_offers


@task(name="conferences.expire_offers")
def expire_offers() -> int:
    """Expire overdue waitlist offers and offer their places to the next teachers."""
    return expire_overdue_offers()


@task(name="conferences.send_reminders")
def send_reminders() -> int:
    """E-mail participants of editions starting soon their reminder, once each."""
    return send_due_reminders()
