"""The teacher directory's filter form: the query string becomes a TeacherFilters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from schools.fields import RegionGroupedCountryField
from schools.filters import region_choices
from schools.selectors import languages_for_choice

from .models import MAX_STUDENT_AGE, MIN_STUDENT_AGE
from .selectors import TeacherFilters, subjects_for_choice


class TeacherFilterForm(forms.Form):
    """?q=&region=&country=&subject=&language=&age=. Invalid values are reported on the form
    and left out of the filters; the list still shows."""

    q = forms.CharField(
        label=_("Name or school"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("e.g. Tanaka")}),
    )
    region = forms.ChoiceField(label=_("Region"), required=False, choices=region_choices)
    country = RegionGroupedCountryField(
        label=_("Country"), required=False, empty_label=_("All countries")
    )
    subject = forms.ModelChoiceField(
        label=_("Subject"),
        required=False,
        queryset=subjects_for_choice(),
        empty_label=_("All subjects"),
        error_messages={"invalid_choice": _("That subject is not in our list.")},
    )
    language = forms.ModelChoiceField(
        label=_("Language spoken"),
        required=False,
        queryset=languages_for_choice(),
        empty_label=_("All languages"),
        error_messages={"invalid_choice": _("That language is not in our list.")},
    )
    age = forms.IntegerField(
        label=_("Students aged"),
        required=False,
        min_value=MIN_STUDENT_AGE,
        max_value=MAX_STUDENT_AGE,
        help_text=_("Teachers whose students include this age (10 to 21)."),
        error_messages={
            "invalid": _("Give an age from 10 to 21, in whole years."),
            "min_value": _("Give an age from 10 to 21, in whole years."),
            "max_value": _("Give an age from 10 to 21, in whole years."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "placeholder": _("e.g. 15")}),
    )

    def filters(self) -> TeacherFilters:
        """The valid part of the query string (call after is_valid())."""
        data = getattr(self, "cleaned_data", {})
        return TeacherFilters(
            query=data.get("q") or "",
            region=data.get("region") or "",
            country=data.get("country"),
            subject=data.get("subject"),
            language=data.get("language"),
            student_age=data.get("age"),
        )

    def active_count(self) -> int:
        """How many filters besides the search narrow the list."""
        filters = self.filters()
        values = (filters.region, filters.country, filters.subject, filters.language)
        return sum(1 for value in values if value) + (filters.student_age is not None)

    def narrows(self) -> bool:
        return bool(self.filters().query or self.active_count())


def teacher_filter_form(query_dict) -> TeacherFilterForm:
    """Bind the form to the query string and validate it, so that filters() is ready."""
    form = TeacherFilterForm(query_dict)
    form.is_valid()
    return form
