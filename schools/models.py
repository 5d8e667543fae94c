from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from . import asem


class Region(models.TextChoices):
    ASIA = asem.ASIA, _("Asia")
    EUROPE = asem.EUROPE, _("Europe")


class CountryQuerySet(models.QuerySet):
    def in_region(self, region: str) -> "CountryQuerySet":
        return self.filter(region=region)


class Country(models.Model):
    """An ASEM partner country. Every figure the portal reports breaks down by these rows."""

    code = CountryField(_("ISO code"), unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    region = models.CharField(_("region"), max_length=10, choices=Region.choices, db_index=True)

    objects = CountryQuerySet.as_manager()

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
