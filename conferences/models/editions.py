"""An edition of the conference, its country quotas and its region targets."""

import zoneinfo

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
