from itertools import groupby
from operator import attrgetter

from django import forms
from django.utils.translation import gettext_lazy as _

from schools.models import Region
from schools.selectors import countries_for_choice

from . import services


class RegionGroupedCountries(forms.models.ModelChoiceIterator):
    """Yield countries as option groups under their region, lazily (no query at import)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        regions = dict(Region.choices)
        for region, countries in groupby(self.queryset, key=attrgetter("region")):
            yield (regions[region], [self.choice(country) for country in countries])


class CountryChoiceField(forms.ModelChoiceField):
    """Countries grouped under their region, the way the network thinks of them."""

    iterator = RegionGroupedCountries

    def __init__(self, **kwargs):
        super().__init__(queryset=countries_for_choice(), **kwargs)


class SignupForm(forms.Form):
    """Fields that allauth's sign-up form adds to e-mail and password."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name", "placeholder": _("Full name")}),
    )
    country = CountryChoiceField(
        label=_("Country of your school"),
        empty_label=_("Choose a country"),
        help_text=_("One of the 51 ASEM partner countries."),
    )

    field_order = ["full_name", "email", "country", "password1", "password2"]

    def signup(self, request, user) -> None:
        services.teacher_register(
            user=user,
            full_name=self.cleaned_data["full_name"],
            country=self.cleaned_data["country"],
        )
