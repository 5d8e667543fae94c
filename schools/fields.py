"""Form fields shared by the apps' forms."""

from itertools import groupby
from operator import attrgetter

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Region
from .selectors import countries_for_choice


class RegionGroupedCountryIterator(forms.models.ModelChoiceIterator):
    """Countries as option groups under their region, in one query when rendered."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        regions = dict(Region.choices)
        for region, countries in groupby(self.queryset, key=attrgetter("region")):
            yield (regions[region], [self.choice(country) for country in countries])


class RegionGroupedCountryField(forms.ModelChoiceField):
    """A partner country, offered under Asia and Europe the way the network thinks of them."""

    iterator = RegionGroupedCountryIterator
    default_error_messages = {
        "invalid_choice": _("That country is not one of the ASEM partner countries."),
    }

    def __init__(self, **kwargs):
        super().__init__(queryset=countries_for_choice(), **kwargs)
