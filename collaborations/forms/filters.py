"""The browse page's filter form: the query string becomes a CollaborationFilters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from schools.fields import RegionGroupedCountryField
from schools.models import Region
from teachers.models import MAX_STUDENT_AGE, MIN_STUDENT_AGE

from ..models import Collaboration
from ..selectors.choices import edition_filter_choices, language_choices, subject_choices
from ..selectors.collaborations import CollaborationFilters

AGE_ERROR = _("Give an age from 10 to 21, in whole years.")


def _status_choices() -> list[tuple[str, str]]:
    listed = [(value, label) for value, label in Collaboration.Status.choices if value != "draft"]
    return [("", _("Any status")), *listed]


class CollaborationFilterForm(forms.Form):
    """?q=&subject=&region=&country=&age=&language=&status=&kind=&wanted=&sort=. Invalid values
    are reported on the form and left out of the filters; the list still shows."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("e.g. climate or poetry")}
        ),
    )
    wanted = forms.ChoiceField(
        label=_("Looking for partners from"),
        required=False,
        choices=[("", _("Anywhere")), *Region.choices],
        help_text=_("Open collaborations with room for a school from this region."),
    )
    subject = forms.ModelChoiceField(
        label=_("Subject"),
        required=False,
        queryset=subject_choices(),
        empty_label=_("All subjects"),
        error_messages={"invalid_choice": _("That subject is not in our list.")},
    )
    region = forms.ChoiceField(
        label=_("Region of member schools"),
        required=False,
        choices=[("", _("Asia or Europe")), *Region.choices],
    )
    country = RegionGroupedCountryField(
        label=_("Country of a member school"), required=False, empty_label=_("Any country")
    )
    age = forms.IntegerField(
        label=_("Students aged"),
        required=False,
        min_value=MIN_STUDENT_AGE,
        max_value=MAX_STUDENT_AGE,
        error_messages={"invalid": AGE_ERROR, "min_value": AGE_ERROR, "max_value": AGE_ERROR},
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "placeholder": _("e.g. 15")}),
    )
    language = forms.ModelChoiceField(
        label=_("Working language"),
        required=False,
        queryset=language_choices(),
        empty_label=_("All languages"),
        error_messages={"invalid_choice": _("That language is not in our list.")},
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=_status_choices)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("Online or exchange")), *Collaboration.Kind.choices],
    )
    edition = forms.ModelChoiceField(
        label=_("Initiated at"),
        required=False,
        queryset=edition_filter_choices(),
        empty_label=_("Any conference or none"),
        error_messages={"invalid_choice": _("That conference is not in our list.")},
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("newest", _("Newest first")), ("relevance", _("Best match to the search"))],
        help_text=_("Best match applies when you search."),
    )

    def filters(self) -> CollaborationFilters:
        """The valid part of the query string (call after is_valid())."""
        data = getattr(self, "cleaned_data", {})
        return CollaborationFilters(
            query=data.get("q") or "",
            subject=data.get("subject"),
            region=data.get("region") or "",
            country=data.get("country"),
            student_age=data.get("age"),
            language=data.get("language"),
            status=data.get("status") or "",
            kind=data.get("kind") or "",
            wanted_region=data.get("wanted") or "",
            edition=data.get("edition"),
            sort=data.get("sort") or "newest",
        )

    def active_count(self) -> int:
        """How many filters besides the search narrow the list (for the "Filters (2)" button)."""
        filters = self.filters()
        values = (
            filters.subject,
            filters.region,
            filters.country,
            filters.language,
            filters.status,
            filters.kind,
            filters.wanted_region,
            filters.edition,
        )
        return sum(1 for value in values if value) + (filters.student_age is not None)

    def narrows(self) -> bool:
        """Whether the search or any filter narrows the list (the empty state says so)."""
        return bool(self.filters().query or self.active_count())


def collaboration_filter_form(query_dict) -> CollaborationFilterForm:
    """Bind the form to the query string and validate it, so that filters() is ready."""
    form = CollaborationFilterForm(query_dict)
    form.is_valid()
    return form
