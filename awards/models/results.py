"""Results: the chair's decisions on ties, and the awards given."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .cycles import AwardCycle, AwardLevel, Stage
from .entries import Entry


class ChairDecision(models.Model):
    """The chair's order for entries still tied after the cycle's other tie-breaks."""

    stage = models.ForeignKey(
        Stage, verbose_name=_("stage"), on_delete=models.CASCADE, related_name="chair_decisions"
    )
    entry = models.ForeignKey(
        Entry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="chair_decisions"
    )
    order = models.PositiveSmallIntegerField(
        _("order among the tied"), help_text=_("1 goes first.")
    )
    reason = models.TextField(_("reason"), max_length=2000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        verbose_name = _("chair decision")
        verbose_name_plural = _("chair decisions")
        constraints = [
            models.UniqueConstraint(fields=["stage", "entry"], name="chairdecision_once"),
        ]

    def __str__(self) -> str:
        return f"{self.entry}: {self.order}"


class Award(models.Model):
    """A winner: an entry given a level in its category. Frozen once the cycle is published;
    a change after publication needs a reason and is recorded (audit)."""

    cycle = models.ForeignKey(
        AwardCycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="awards"
    )
    entry = models.OneToOneField(
        Entry, verbose_name=_("entry"), on_delete=models.PROTECT, related_name="award"
    )
    level = models.ForeignKey(
        AwardLevel, verbose_name=_("level"), on_delete=models.PROTECT, related_name="awards"
    )
    citation = models.TextField(_("citation"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("awarded at"), auto_now_add=True)

    class Meta:
        ordering = ["level__rank", "pk"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")

    def __str__(self) -> str:
        return f"{self.level}: {self.entry}"
