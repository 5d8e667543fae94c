"""Filter forms of the school directory: every query-string input passes through a Form and
comes out as a SchoolFilters for the selector."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .fields import RegionGroupedCountryField
from .models import Region, SchoolKind
from .selectors import SchoolFilters, languages_for_choice


def region_choices() -> list[tuple[str, str]]:
    return [("", _("All regions")), *Region.choices]


class SchoolFilterForm(forms.Form):
    """The directory's query string: ?q=&region=&country=&kind=&language=. Invalid values
    are reported on the form and left out of the filters; the list still shows."""

    q = forms.CharField(
        label=_("Name or city"),
        required=False,
        max_length=100,
        strip=True,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("e.g. Helsinki or Lycée")}
        ),
    )
    region = forms.ChoiceField(label=_("Region"), required=False, choices=region_choices)
    country = RegionGroupedCountryField(
        label=_("Country"), required=False, empty_label=_("All countries")
    )
    kind = forms.ChoiceField(
        label=_("Kind of school"),
        required=False,
        choices=[("", _("All kinds")), *SchoolKind.choices],
    )
    language = forms.ModelChoiceField(
        label=_("Language of instruction"),
        required=False,
        queryset=languages_for_choice(),
        empty_label=_("All languages"),
        error_messages={"invalid_choice": _("That language is not in our list.")},
    )

    def filters(self) -> SchoolFilters:
        """The valid part of the query string (call after is_valid())."""
        data = getattr(self, "cleaned_data", {})
        return SchoolFilters(
            query=data.get("q") or "",
            region=data.get("region") or "",
            country=data.get("country"),
            kind=data.get("kind") or "",
            language=data.get("language"),
        )

    def narrows(self) -> bool:
        """Whether the search or any filter narrows the list (the empty state says so)."""
        return bool(self.filters().query or self.active_count())

    def active_count(self) -> int:
        """How many filters besides the search narrow the list (for the "Filters (2)" button)."""
        filters = self.filters()
        values = (filters.region, filters.country, filters.kind, filters.language)
        return sum(1 for value in values if value)


def school_filter_form(query_dict) -> SchoolFilterForm:
    """Bind the form to the query string and validate it, so that filters() is ready."""
    form = SchoolFilterForm(query_dict)
    form.is_valid()
    return form
