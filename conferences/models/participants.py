"""What an approved participant does: workshop sign-ups and daily check-ins."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .applications import Application
from .programme import Session


class WorkshopSignup(models.Model):
    """An approved participant's place in a session with a capacity (a workshop)."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="signups"
    )
    application = models.ForeignKey(
        Application,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="workshop_signups",
    )
    created_at = models.DateTimeField(_("signed up at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("workshop sign-up")
        verbose_name_plural = _("workshop sign-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "application"], name="signup_once_per_session"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application.teacher} → {self.session}"


class CheckIn(models.Model):
    """A participant was there on one day of the edition (in the host's time zone)."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="checkins",
    )
    day = models.DateField(_("day"))
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    checked_in_at = models.DateTimeField(_("checked in at"), auto_now_add=True)

    class Meta:
        ordering = ["day", "pk"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [
            models.UniqueConstraint(fields=["application", "day"], name="checkin_once_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.application.teacher} · {self.day:%Y-%m-%d}"
