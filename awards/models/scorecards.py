"""Scorecards: a judge's assignment to an entry in a stage, the e-mail notice of it, and
its scores.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .cycles import Criterion, Stage
from .entries import Entry
from .judges import CycleJudge


class Assignment(models.Model):
    """A judge scores an entry in a stage; the scorecard is this row plus its scores."""

    class Status(models.TextChoices):
        ASSIGNED = "assigned", _("Not started")
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    stage = models.ForeignKey(
        Stage, verbose_name=_("stage"), on_delete=models.CASCADE, related_name="assignments"
    )
    entry = models.ForeignKey(
        Entry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="assignments"
    )
    judge = models.ForeignKey(
        CycleJudge, verbose_name=_("judge"), on_delete=models.CASCADE, related_name="assignments"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ASSIGNED
    )
    by_hand = models.BooleanField(_("assigned by hand"), default=False)
    comment_to_staff = models.TextField(_("comment to staff"), max_length=5000, blank=True)
    comment_to_entrant = models.TextField(_("comment to the entrant"), max_length=5000, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    created_at = models.DateTimeField(_("assigned at"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        indexes = [models.Index(fields=["judge", "stage"], name="assignment_judge_stage")]
        constraints = [
            models.UniqueConstraint(
                fields=["stage", "entry", "judge"], name="assignment_once_per_stage"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["assigned", "draft", "submitted"]),
                name="assignment_status_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="submitted") | models.Q(submitted_at__isnull=False),
                name="assignment_submitted_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.judge.user} → {self.entry} ({self.stage.get_kind_display()})"


class AssignmentNotice(models.Model):
    """A judge was e-mailed that entries are assigned to them in a stage: once per judge and
    stage, whatever runs of the automatic assignment or assignments by hand follow. The row is
    the claim (its unique constraint): two writes at once send one e-mail."""

    stage = models.ForeignKey(
        Stage, verbose_name=_("stage"), on_delete=models.CASCADE, related_name="notices"
    )
    judge = models.ForeignKey(
        CycleJudge, verbose_name=_("judge"), on_delete=models.CASCADE, related_name="notices"
    )
    notified_at = models.DateTimeField(_("notified at"), default=timezone.now)

    class Meta:
        verbose_name = _("assignment notice")
        verbose_name_plural = _("assignment notices")
        constraints = [
            models.UniqueConstraint(fields=["stage", "judge"], name="assignmentnotice_once"),
        ]

    def __str__(self) -> str:
        return f"{self.judge} · {self.stage}"


class Score(models.Model):
    """One criterion's score on one scorecard (an integer within the criterion's scale,
    checked by the service, which knows the scale)."""

    assignment = models.ForeignKey(
        Assignment, verbose_name=_("assignment"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="scores"
    )
    value = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "criterion"], name="score_once"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"
