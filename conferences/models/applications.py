"""A teacher's application for a place, and the waitlist offers made to it."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .editions import Edition


class Application(models.Model):
    """A teacher asks for a place at an edition; staff approve, waitlist or reject."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        UNDER_REVIEW = "under_review", _("Under review")
        APPROVED = "approved", _("Approved")
        WAITLISTED = "waitlisted", _("Waitlisted")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        ATTENDED = "attended", _("Attended")

    # The statuses that hold one of the edition's places.
    HOLDS_PLACE = (Status.APPROVED, Status.ATTENDED)

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="applications"
    )
    teacher = models.ForeignKey(
        "teachers.TeacherProfile",
        verbose_name=_("teacher"),
        on_delete=models.CASCADE,
        related_name="conference_applications",
    )
    school = models.ForeignKey(
        "schools.School",
        verbose_name=_("school"),
        on_delete=models.PROTECT,
        related_name="conference_applications",
        help_text=_("The teacher's school when they applied."),
    )
    motivation = models.TextField(_("motivation"), max_length=5000)
    collaboration_plan = models.TextField(
        _("collaboration you lead or plan"), max_length=5000, blank=True
    )
    needs_dietary = models.TextField(_("dietary needs"), max_length=1000, blank=True)
    needs_access = models.TextField(_("access needs"), max_length=1000, blank=True)
    consent_to_list = models.BooleanField(_("appear in the participant list"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    reason = models.TextField(_("reason"), max_length=2000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    # The waitlist's order: first put on the list, first offered a place that frees up.
    waitlisted_at = models.DateTimeField(_("waitlisted at"), null=True, blank=True)
    # Set (once, by a conditional UPDATE) when the reminder before the conference is queued.
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        indexes = [
            models.Index(fields=["edition", "status"], name="application_edition_status"),
            models.Index(
                fields=["edition", "waitlisted_at", "id"],
                condition=models.Q(status="waitlisted"),
                name="application_waitlist_order",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "teacher"],
                condition=~models.Q(status="withdrawn"),
                name="application_one_active_per_teacher",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    status__in=[
                        "submitted",
                        "under_review",
                        "approved",
                        "waitlisted",
                        "rejected",
                        "withdrawn",
                        "attended",
                    ]
                ),
                name="application_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.teacher} → {self.edition}"


class WaitlistOffer(models.Model):
    """A place that freed up, offered to a waitlisted teacher until expires_at.

    An open offer holds the place: it counts as taken until it is accepted (the application is
    approved), declined (withdrawn) or expires (the next teacher is offered it). The token is the
    teacher's one-click link; it is long, random and used for nothing else.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired")
        CANCELLED = "cancelled", _("Cancelled")

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="offers",
    )
    token = models.CharField(_("token"), max_length=64, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    offered_at = models.DateTimeField(_("offered at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["-offered_at", "-pk"]
        verbose_name = _("waitlist offer")
        verbose_name_plural = _("waitlist offers")
        indexes = [
            models.Index(
                fields=["expires_at"],
                condition=models.Q(status="open"),
                name="offer_open_expiry",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=models.Q(status="open"),
                name="offer_one_open_per_application",
            ),
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("offered_at")),
                name="offer_expires_after_offered",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    status__in=["open", "accepted", "declined", "expired", "cancelled"]
                ),
                name="offer_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} ({self.get_status_display()})"

    @property
    def is_live(self) -> bool:
        """Open and not past its deadline (the beat job may not have expired it yet)."""
        return self.status == self.Status.OPEN and timezone.now() < self.expires_at
