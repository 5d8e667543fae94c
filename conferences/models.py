import zoneinfo

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import ordinal
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schools.models import Country, Region
from schools.timezones import country_timezone, validate_timezone


def edition_cover_path(instance, filename: str) -> str:
    return f"editions/covers/{filename}"


class Edition(models.Model):
    """One yearly ClassNet Conference (e.g. the 14th, Helsinki, 27-30 Nov 2018).

    Collaborations record the edition they were initiated at. Programme, applications and
    places come with the later parts of the conferences issue.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        APPLICATIONS_OPEN = "applications_open", _("Applications open")
        CLOSED = "closed", _("Applications closed")
        HELD = "held", _("Held")
        ARCHIVED = "archived", _("Archived")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    theme = models.CharField(
        _("theme"), max_length=100, blank=True, help_text=_("A short tag, e.g. “ESD and AI”.")
    )
    city = models.CharField(_("host city"), max_length=100)
    country = models.ForeignKey(
        Country, verbose_name=_("host country"), on_delete=models.PROTECT, related_name="+"
    )
    venue = models.CharField(
        _("venue"), max_length=200, blank=True, help_text=_("Building and address.")
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_timezone],
        help_text=_("The host's IANA zone, e.g. Asia/Bangkok. Blank: the host country's zone."),
    )
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    format = models.CharField(
        _("format"), max_length=10, choices=Format.choices, default=Format.IN_PERSON
    )
    capacity = models.PositiveSmallIntegerField(
        _("capacity"), default=100, help_text=_("How many teachers may take part.")
    )
    applications_open_at = models.DateTimeField(_("applications open"), null=True, blank=True)
    applications_close_at = models.DateTimeField(_("applications close"), null=True, blank=True)
    description = models.TextField(_("description"), max_length=10000, blank=True)
    cover = models.ImageField(
        _("cover image"),
        upload_to=edition_cover_path,
        blank=True,
        help_text=_("A wide photo of the host city or venue; metadata (GPS) is removed."),
    )
    cover_thumbnail = models.ImageField(upload_to=edition_cover_path, blank=True, editable=False)
    offer_hours = models.PositiveSmallIntegerField(
        _("offer valid for (hours)"),
        default=72,
        help_text=_("How long a teacher on the waitlist has to accept a place that freed up."),
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("reminder (days before)"),
        default=7,
        help_text=_(
            "Participants are e-mailed a reminder with a calendar file this many days "
            "before the start."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )

    class Meta:
        ordering = ["-number"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="edition_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1), name="edition_capacity_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(offer_hours__gte=1), name="edition_offer_hours_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(applications_open_at__isnull=True)
                | models.Q(applications_close_at__isnull=True)
                | models.Q(applications_close_at__gt=models.F("applications_open_at")),
                name="edition_applications_close_after_open",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    status__in=[
                        "draft",
                        "published",
                        "applications_open",
                        "closed",
                        "held",
                        "archived",
                    ]
                ),
                name="edition_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(format__in=["in_person", "online", "hybrid"]),
                name="edition_format_valid",
            ),
        ]

    def __str__(self) -> str:
        return _("%(nth)s ClassNet Conference, %(city)s %(year)s") % {
            "nth": ordinal(self.number),
            "city": self.city,
            "year": self.starts_on.year,
        }

    def get_absolute_url(self) -> str:
        return reverse("conferences:detail", args=[self.number])

    def clean(self) -> None:
        super().clean()
        if not self.time_zone and self.country_id:
            self.time_zone = country_timezone(self.country.code)
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end cannot be before the start.")})
        if (
            self.applications_open_at
            and self.applications_close_at
            and self.applications_close_at <= self.applications_open_at
        ):
            raise ValidationError(
                {"applications_close_at": _("Applications must close after they open.")}
            )

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The host's time zone (the country's main zone where none was set)."""
        return zoneinfo.ZoneInfo(self.time_zone or country_timezone(self.country.code))

    @property
    def accepts_applications(self) -> bool:
        """Open for applications, and now is inside the window (a blank end is no limit)."""
        if self.status != self.Status.APPLICATIONS_OPEN:
            return False
        now = timezone.now()
        if self.applications_open_at and now < self.applications_open_at:
            return False
        return not (self.applications_close_at and now >= self.applications_close_at)


class EditionCountryQuota(models.Model):
    """At most max_teachers participants from one country at one edition."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="country_quotas"
    )
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )
    max_teachers = models.PositiveSmallIntegerField(_("at most (teachers)"))

    class Meta:
        ordering = ["country__name"]
        verbose_name = _("country quota")
        verbose_name_plural = _("country quotas")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "country"], name="edition_quota_one_per_country"
            ),
            models.CheckConstraint(
                condition=models.Q(max_teachers__gte=1), name="edition_quota_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country}: {self.max_teachers}"


class EditionRegionTarget(models.Model):
    """How many participants staff aim for from a region (a target, not a limit)."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="region_targets"
    )
    region = models.CharField(_("region"), max_length=10, choices=Region.choices)
    target = models.PositiveSmallIntegerField(_("target (teachers)"))

    class Meta:
        ordering = ["region"]
        verbose_name = _("region target")
        verbose_name_plural = _("region targets")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "region"], name="edition_target_one_per_region"
            ),
            models.CheckConstraint(
                condition=models.Q(target__gte=1), name="edition_target_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(region__in=Region.values), name="edition_target_region_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_region_display()}: {self.target}"


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
