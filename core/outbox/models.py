from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_ATTACHMENTS_BYTES = 1024 * 1024


class OutgoingEmail(models.Model):
    """One e-mail the portal sends: written before delivery, flipped to sent by the task.

    The status moves queued -> sending -> sent. A worker claims a row by moving it from queued
    to sending in one UPDATE; only the worker that wins the claim talks to the SMTP server, so a
    redelivered or retried task never sends the same e-mail twice.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    mailer = models.CharField(_("mailer"), max_length=50, default="delivery")
    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    from_email = models.CharField(_("from"), max_length=255)
    to = models.JSONField(_("to"), default=list)
    cc = models.JSONField(_("cc"), default=list, blank=True)
    bcc = models.JSONField(_("bcc"), default=list, blank=True)
    reply_to = models.JSONField(_("reply to"), default=list, blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    # Every recipient (to, cc, bcc), lower-cased, as ",a@x.org,b@y.org,": finds one person's
    # mail exactly on any database (for their data export and erasure).
    recipients = models.TextField(_("recipients"), default="", editable=False)
    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("text body"))
    html_body = models.TextField(_("HTML body"), blank=True)
    # Files sent with the message: [{"filename", "mimetype", "content" (base64)}], at most
    # MAX_ATTACHMENTS_BYTES in all (a calendar file, not a brochure).
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"], name="outbox_status_created")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["queued", "sending", "sent", "failed"]),
                name="outgoingemail_status_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False),
                name="outgoingemail_sent_has_sent_at",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {', '.join(self.to)}"

    @staticmethod
    def recipients_key(addresses) -> str:
        return "," + ",".join(address.strip().lower() for address in addresses) + ","
