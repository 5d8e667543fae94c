"""Forms of an edition's participants: the staff list's filter, and the check-in at the door
(the day and who to look for; one participant's toggle)."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from schools.models import Region

from ..models import Edition
from ..selectors.participants import edition_days


class ParticipantFilterForm(forms.Form):
    """Narrow the participant list to a region or a country (of those taking part)."""

    region = forms.ChoiceField(
        label=gettext_lazy("Region"),
        required=False,
        choices=[("", gettext_lazy("All regions")), *Region.choices],
    )
    country = forms.ChoiceField(label=gettext_lazy("Country"), required=False)

    def __init__(self, *args, countries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("All countries"))] + [
            (c.code, c.name) for c in sorted(countries, key=lambda c: c.name)
        ]

    def filters(self) -> dict:
        if not self.is_valid():
            return {"country": "", "region": ""}
        return {"country": self.cleaned_data["country"], "region": self.cleaned_data["region"]}

    @property
    def is_filtering(self) -> bool:
        return any(self.filters().values())


class CheckinDayForm(forms.Form):
    """Which day of the edition the door is checking in, and who to look for."""

    day = forms.TypedChoiceField(label=gettext_lazy("Day"), required=False)
    q = forms.CharField(
        label=gettext_lazy("Name, e-mail or school"), required=False, max_length=100
    )

    def __init__(self, *args, edition: Edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.days = edition_days(edition)
        self.fields["day"].choices = [(d.isoformat(), d) for d in self.days]
        self.fields["day"].coerce = lambda value: next(
            d for d in self.days if d.isoformat() == value
        )


class CheckinForm(forms.Form):
    """One participant's Checked in toggle on one day."""

    application = forms.IntegerField()
    day = forms.DateField()
    action = forms.ChoiceField(
        choices=[("mark", gettext_lazy("Check in")), ("undo", gettext_lazy("Undo"))]
    )
    q = forms.CharField(required=False, max_length=100)
