"""Reads of the outbox for pages and other apps: a person's mail, the e-mails that failed."""

from .models import OutgoingEmail


def emails_to(*, address: str):
    """Every e-mail the portal sent, or will send, to one address."""
    return OutgoingEmail.objects.filter(recipients__contains=f",{address.strip().lower()},")


def failed_email_count() -> int:
    """E-mails whose delivery failed and wait for staff to requeue them."""
    return OutgoingEmail.objects.filter(status=OutgoingEmail.Status.FAILED).count()
