from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from . import asem
from .timezones import country_timezone, validate_timezone


class Region(models.TextChoices):
    ASIA = asem.ASIA, _("Asia")
    EUROPE = asem.EUROPE, _("Europe")


class Country(models.Model):
    """An ASEM partner country. Every figure the portal reports breaks down by these rows."""

    code = CountryField(_("ISO code"), unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    region = models.CharField(_("region"), max_length=10, choices=Region.choices, db_index=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(region__in=Region.values), name="country_region_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def flag_url(self) -> str:
        """The flag image shipped by django-countries, served from our own static files."""
        return self.code.flag


class Language(models.Model):
    """A language of instruction or of a person: reference data, loaded by a migration."""

    code = models.CharField(_("ISO 639 code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=50, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self) -> str:
        return self.name


class SchoolKind(models.TextChoices):
    SECONDARY = "secondary", _("Secondary school")
    HIGH = "high", _("High school")
    VOCATIONAL = "vocational", _("Vocational school")


class StudentCountBand(models.TextChoices):
    UNDER_250 = "lt250", _("Fewer than 250 students")
    FROM_250 = "250-499", _("250–499 students")
    FROM_500 = "500-999", _("500–999 students")
    FROM_1000 = "1000-1999", _("1,000–1,999 students")
    FROM_2000 = "2000+", _("2,000 students or more")


class SchoolQuerySet(models.QuerySet):
    def verified(self) -> "SchoolQuerySet":
        return self.filter(status=School.Status.VERIFIED)


def school_logo_path(instance, filename: str) -> str:
    return f"schools/logos/{filename}"


class School(models.Model):
    """A secondary, high or vocational school in a partner country.

    Teachers propose schools they cannot find; staff verify them, or merge a duplicate into
    the school it repeats. Two schools of one name in one city of one country cannot exist.
    """

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        VERIFIED = "verified", _("Verified")

    name = models.CharField(_("name"), max_length=200)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="schools"
    )
    city = models.CharField(_("city"), max_length=100)
    kind = models.CharField(_("kind"), max_length=12, choices=SchoolKind.choices)
    website = models.URLField(
        _("website"),
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("The school's own site, starting with https:// or http://"),
    )
    student_count = models.CharField(
        _("number of students"), max_length=10, choices=StudentCountBand.choices, blank=True
    )
    languages = models.ManyToManyField(
        Language, verbose_name=_("languages of instruction"), related_name="schools", blank=True
    )
    description = models.TextField(_("short description"), max_length=2000, blank=True)
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_timezone],
        help_text=_("An IANA name like Asia/Jakarta. Leave empty for the country's usual zone."),
    )
    logo = models.ImageField(_("logo"), upload_to=school_logo_path, blank=True)
    logo_thumbnail = models.ImageField(upload_to=school_logo_path, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SchoolQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        constraints = [
            models.UniqueConstraint(
                Lower("name"), Lower("city"), "country", name="school_unique_name_city_country"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["proposed", "verified"]), name="school_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=SchoolKind.values), name="school_kind_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="verified") | models.Q(verified_at__isnull=False),
                name="school_verified_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "country", "name"], name="school_status_country_name"),
            # The directory's first pages: verified schools by name, read in index order.
            models.Index(fields=["status", "name", "id"], name="school_status_name"),
            models.Index(fields=["status", "kind"], name="school_status_kind"),
            models.Index(Lower("name"), name="school_lower_name"),
            models.Index(Lower("city"), name="school_lower_city"),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.city}"

    def get_absolute_url(self) -> str:
        return reverse("schools:detail", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def slug(self) -> str:
        slug = slugify(self.name)[:60] or "school"
        return f"{slug}-school" if slug == "edit" else slug  # /schools/<pk>/edit/ is taken

    @property
    def timezone_name(self) -> str:
        """The school's own time zone, or its country's main one (reads the country row)."""
        return self.timezone or country_timezone(self.country.code)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone_name)

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED
