from django.contrib.humanize.templatetags.humanize import ordinal
from django.db import models
from django.utils.translation import gettext_lazy as _

from schools.models import Country


class Edition(models.Model):
    """One yearly ClassNet Conference (e.g. the 14th, Helsinki, 27-30 Nov 2018).

    The start of the conferences app: collaborations record the edition they were initiated
    at. Programme, applications and places come with the conferences issue.
    """

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    theme = models.CharField(
        _("theme"), max_length=100, blank=True, help_text=_("A short tag, e.g. “ESD and AI”.")
    )
    city = models.CharField(_("host city"), max_length=100)
    country = models.ForeignKey(
        Country, verbose_name=_("host country"), on_delete=models.PROTECT, related_name="+"
    )
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))

    class Meta:
        ordering = ["-number"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="edition_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return _("%(nth)s ClassNet Conference, %(city)s %(year)s") % {
            "nth": ordinal(self.number),
            "city": self.city,
            "year": self.starts_on.year,
        }
