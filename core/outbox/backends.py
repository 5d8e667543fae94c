"""The e-mail backend behind MAILERS["default"]: it records messages instead of sending them.

Whatever sends mail in the portal (our services, allauth, Django's password reset) calls the
default mailer; this backend writes an OutgoingEmail row per message and asks Celery to
deliver it once the surrounding transaction commits.
"""

from django.core.mail.backends.base import BaseEmailBackend

from . import services


class OutboxEmailBackend(BaseEmailBackend):
    def __init__(self, *, deliver_using: str = "delivery", fail_silently: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.deliver_using = deliver_using
        self.fail_silently = fail_silently

    def send_messages(self, email_messages) -> int:
        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            services.email_enqueue(message=message, mailer=self.deliver_using)
            count += 1
        return count
