"""An edition's programme: its sessions."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .editions import Edition


class Session(models.Model):
    """One slot of an edition's programme; times are aware datetimes, shown in the host's zone."""

    class Kind(models.TextChoices):
        PLENARY = "plenary", _("Plenary")
        KEYNOTE = "keynote", _("Keynote")
        CAPACITY_TRAINING = "capacity_training", _("Capacity training")
        WORKSHOP = "workshop", _("Workshop")
        SCHOOL_VISIT = "school_visit", _("School visit")
        COLLABORATION_FAIR = "collaboration_fair", _("Collaboration fair")
        SOCIAL = "social", _("Social")

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="sessions"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    room = models.CharField(_("room"), max_length=100, blank=True)
    speakers = models.CharField(
        _("speakers"), max_length=300, blank=True, help_text=_("Names, separated by commas.")
    )
    description = models.TextField(_("description"), max_length=5000, blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("For workshops: how many may sign up. Blank: no limit."),
    )

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [models.Index(fields=["edition", "starts_at"], name="session_edition_start")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__isnull=True) | models.Q(capacity__gte=1),
                name="session_capacity_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    kind__in=[
                        "plenary",
                        "keynote",
                        "capacity_training",
                        "workshop",
                        "school_visit",
                        "collaboration_fair",
                        "social",
                    ]
                ),
                name="session_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A session must end after it starts.")})
