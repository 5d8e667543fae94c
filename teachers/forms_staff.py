"""Forms of the staff area for people: the verification queue's filter, the verify and reject
actions, and staff's edit of any teacher profile. Forms validate; services write."""

from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from schools.fields import RegionGroupedCountryField
from schools.models import Country, Region

from .forms import ProfileForm
from .models import TeacherProfile


class TeacherQueueFilterForm(forms.Form):
    """Narrow the verification queue to the region or country of the teachers' schools."""

    region = forms.ChoiceField(
        label=_("Region"), choices=[("", _("All regions")), *Region.choices], required=False
    )
    country = RegionGroupedCountryField(
        label=_("Country"), empty_label=_("All countries"), required=False
    )

    def filter(self, queue):
        """The queue narrowed by what was chosen (all of it when the choice is not valid)."""
        if not self.is_valid():
            return queue
        region: str = self.cleaned_data["region"]
        country: Country | None = self.cleaned_data["country"]
        if region:
            queue = queue.filter(school__country__region=region)
        if country:
            queue = queue.filter(school__country=country)
        return queue

    @property
    def is_filtering(self) -> bool:
        return self.is_bound and self.is_valid() and any(self.cleaned_data.values())

    def querystring(self) -> str:
        """The valid filters as a query string ("region=asia"), to come back to this queue."""
        if not self.is_filtering:
            return ""
        region, country = self.cleaned_data["region"], self.cleaned_data["country"]
        return urlencode(
            {
                key: value
                for key, value in (("region", region), ("country", country and country.pk))
                if value
            }
        )


class TeacherVerifyForm(forms.Form):
    """Confirm a teacher's school affiliation.

    A teacher of a school that is itself only proposed waits: staff first verify the school, or
    merge it into the listed school it repeats (teachers who cannot find their school often
    propose one that exists). Verifying both with one click would skip that comparison.
    """

    def __init__(self, *args, profile: TeacherProfile, **kwargs):
        super().__init__(*args, **kwargs)
        self.profile = profile

    def clean(self):
        school = self.profile.school
        if school is not None and not school.is_verified:
            raise forms.ValidationError(
                _(
                    "%(school)s is still a proposed school. Verify it, or merge it into the "
                    "school it repeats, before verifying its teachers."
                ),
                params={"school": school},
                code="school_not_verified",
            )
        return super().clean()


class TeacherRejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The teacher reads this in the e-mail: say what to change, e.g. “Choose the school "
            "where you teach now” or “Use your school e-mail address”."
        ),
        error_messages={"required": _("Say why, so that the teacher knows what to change.")},
    )


class StaffProfileForm(ProfileForm):
    """The teacher's own profile form, with its words addressed to staff. The school and the
    verification change through their own actions, not here."""

    def __init__(self, *args, profile: TeacherProfile, **kwargs):
        super().__init__(*args, profile=profile, **kwargs)
        self.fields["full_name"].help_text = ""
        self.fields["subjects"].label = _("Subjects taught")
        self.fields["languages"].label = _("Languages spoken")
        self.fields["languages"].help_text = ""
        self.fields["bio"].help_text = _("Up to 1,000 characters, in English.")
        if "remove_photo" in self.fields:
            self.fields["remove_photo"].label = _("Remove the current photo")
