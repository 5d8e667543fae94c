"""The results page's filters: which responses count, by the respondent's region, country and
school kind (kept on each Response when it was submitted)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from schools.fields import RegionGroupedCountryField
from schools.models import Region, SchoolKind

from .results import Filters


class ResultsFilterForm(forms.Form):
    """Narrow the responses counted; an invalid choice is shown and ignored."""

    region = forms.ChoiceField(
        label=_("Region"), choices=[("", _("All regions")), *Region.choices], required=False
    )
    country = RegionGroupedCountryField(
        label=_("Country"), empty_label=_("All countries"), required=False
    )
    school_kind = forms.ChoiceField(
        label=_("School kind"),
        choices=[("", _("All kinds")), *SchoolKind.choices],
        required=False,
    )

    def filters(self) -> Filters:
        """The responses to count (all of them when the form is unbound or invalid)."""
        if not self.is_bound or not self.is_valid():
            return Filters()
        data = self.cleaned_data
        return Filters(
            region=data["region"], country=data["country"], school_kind=data["school_kind"]
        )

    @property
    def is_filtering(self) -> bool:
        return self.filters().active
