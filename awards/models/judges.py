"""A cycle's judges (invited with a token) and their conflicts of interest."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .cycles import AwardCycle
from .entries import Entry


def new_token() -> str:
    return secrets.token_urlsafe(32)


class CycleJudge(models.Model):
    """A person invited to judge a cycle; they accept from the e-mailed link."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACTIVE = "active", _("Judging")
        DECLINED = "declined", _("Declined")
        REMOVED = "removed", _("Removed")

    cycle = models.ForeignKey(
        AwardCycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="judges"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("judge"),
        on_delete=models.CASCADE,
        related_name="judging",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.INVITED
    )
    is_chair = models.BooleanField(_("chair"), default=False)
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    invited_at = models.DateTimeField(_("invited at"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["cycle", "user__full_name"]
        verbose_name = _("judge")
        verbose_name_plural = _("judges")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "user"], name="cyclejudge_once"),
            models.CheckConstraint(
                condition=models.Q(status__in=["invited", "active", "declined", "removed"]),
                name="cyclejudge_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.cycle}"


class Conflict(models.Model):
    """A judge must not score an entry: declared by the judge, or added by staff. Conflicts
    found from the data (the judge's school is a member; the same country when the cycle says
    so) are computed at assignment time and need no row."""

    class Source(models.TextChoices):
        DECLARED = "declared", _("Declared by the judge")
        STAFF = "staff", _("Added by staff")

    judge = models.ForeignKey(
        CycleJudge, verbose_name=_("judge"), on_delete=models.CASCADE, related_name="conflicts"
    )
    entry = models.ForeignKey(
        Entry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="conflicts"
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("declared at"), auto_now_add=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(fields=["judge", "entry"], name="conflict_once"),
        ]

    def __str__(self) -> str:
        return f"{self.judge} ✕ {self.entry}"
