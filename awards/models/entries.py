"""Entries and the evidence that shows their work."""

import secrets

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.files import MediaStorage, private_name

from .cycles import AwardCategory, AwardCycle


class Entry(models.Model):
    """A collaboration entered by its lead teacher."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        DISQUALIFIED = "disqualified", _("Disqualified")

    cycle = models.ForeignKey(
        AwardCycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="entries"
    )
    collaboration = models.ForeignKey(
        "collaborations.Collaboration",
        verbose_name=_("collaboration"),
        on_delete=models.PROTECT,
        related_name="award_entries",
    )
    category = models.ForeignKey(
        AwardCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="entries"
    )
    submitted_by = models.ForeignKey(
        "teachers.TeacherProfile",
        verbose_name=_("entered by"),
        on_delete=models.PROTECT,
        related_name="award_entries",
    )
    statement = models.TextField(_("statement"), max_length=8000)
    student_count = models.PositiveIntegerField(
        _("students engaged"), help_text=_("How many students took part, in all schools.")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("award entry")
        verbose_name_plural = _("award entries")
        indexes = [models.Index(fields=["cycle", "status"], name="entry_cycle_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "collaboration"],
                condition=~models.Q(status="withdrawn"),
                name="entry_one_active_per_collaboration",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "submitted", "withdrawn", "disqualified"]),
                name="entry_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(student_count__lte=100000), name="entry_student_count_sane"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.collaboration} ({self.cycle})"

    @property
    def blind_label(self) -> str:
        """What judges call the entry in blind judging: never its title, which finds the
        collaboration's public page and its schools."""
        return _("Entry %(n)s") % {"n": self.pk}


def evidence_path(instance, filename: str) -> str:
    # Evidence is never public (it shows students' work and names): the private storage, served
    # only by awards:evidence_file to those who may see the entry or judge it.
    return private_name(f"awards/evidence/{secrets.token_hex(16)}/{filename}")


class Evidence(models.Model):
    """A link or a file that shows the work (a video, a report, the students' site)."""

    entry = models.ForeignKey(
        Entry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="evidence"
    )
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to=evidence_path, storage=MediaStorage(), blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(
                condition=(~models.Q(url="") & models.Q(file=""))
                | (models.Q(url="") & ~models.Q(file="")),
                name="evidence_link_or_file",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def file_url(self) -> str:
        """The permission-checked address of the file ("" for a link)."""
        return reverse("awards:evidence_file", args=[self.pk]) if self.file else ""
