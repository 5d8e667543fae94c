"""The forms of people: the sign-up's extra fields, the profile, the school search and choice,
deleting an account; and the staff area's: the verification queue's filter, the verify and
reject actions, and staff's edit of any teacher profile. Forms validate; services write."""

from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from core.images import validate_image_upload
from schools.fields import RegionGroupedCountryField
from schools.forms import IMAGE_ACCEPT
from schools.models import Country, Region
from schools.selectors import languages_for_choice

from . import services
from .models import MAX_STUDENT_AGE, MIN_STUDENT_AGE, TeacherProfile, User
from .selectors import subjects_for_choice


class SignupForm(forms.Form):
    """Fields that allauth's sign-up form adds to e-mail and password."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name", "placeholder": _("Full name")}),
    )
    country = RegionGroupedCountryField(
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
            by=user,
        )


AGE_MESSAGES = {  # the range is MIN_STUDENT_AGE..MAX_STUDENT_AGE
    "min_value": _("Students' ages go from 10 to 21."),
    "max_value": _("Students' ages go from 10 to 21."),
    "invalid": _("Enter an age in years, e.g. 15."),
}


class ProfileForm(forms.Form):
    """What partners see of a teacher, as the teacher edits it. The school and the
    verification have their own pages."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("Your name as partners will see it, in the order you write it."),
    )
    name_latin = forms.CharField(
        label=_("Your name in Latin letters (optional)"),
        max_length=150,
        required=False,
        help_text=_(
            "If you write your name in another script, e.g. Kim Min-ji for 김민지: shown beside "
            "it on your certificate and your page, so that partners can read and find it."
        ),
    )
    subjects = forms.ModelMultipleChoiceField(
        label=_("Subjects you teach"),
        queryset=subjects_for_choice(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    languages = forms.ModelMultipleChoiceField(
        label=_("Languages you speak"),
        queryset=languages_for_choice(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Partners look for a language in common with their class."),
    )
    student_age_min = forms.IntegerField(
        label=_("Youngest students"),
        min_value=MIN_STUDENT_AGE,
        max_value=MAX_STUDENT_AGE,
        required=False,
        error_messages=AGE_MESSAGES,
    )
    student_age_max = forms.IntegerField(
        label=_("Oldest students"),
        min_value=MIN_STUDENT_AGE,
        max_value=MAX_STUDENT_AGE,
        required=False,
        error_messages=AGE_MESSAGES,
    )
    bio = forms.CharField(
        label=_("Short bio in English"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": 1000}),
        help_text=_(
            "Up to 1,000 characters that partners read: what you teach and what you would like "
            "to do with a class abroad."
        ),
    )
    photo = forms.FileField(
        label=_("New photo"),
        required=False,
        validators=[validate_image_upload],
        widget=forms.FileInput(attrs={"accept": IMAGE_ACCEPT}),
        help_text=_(
            "JPEG, PNG or WebP, up to 5 MB and 4000 pixels on each side. Location and camera "
            "data are removed."
        ),
    )
    remove_photo = forms.BooleanField(label=_("Remove my photo"), required=False)

    def __init__(self, *args, profile: TeacherProfile, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "full_name": profile.user.full_name,
                "name_latin": profile.user.name_latin,
                "subjects": [subject.pk for subject in profile.subjects.all()],
                "languages": [language.pk for language in profile.languages.all()],
                "student_age_min": profile.student_age_min,
                "student_age_max": profile.student_age_max,
                "bio": profile.bio,
            },
        )
        super().__init__(*args, **kwargs)
        self.profile = profile
        if not profile.photo:
            del self.fields["remove_photo"]

    def clean(self):
        cleaned = super().clean()
        youngest, oldest = cleaned.get("student_age_min"), cleaned.get("student_age_max")
        if youngest is not None and oldest is not None and youngest > oldest:
            self.add_error(
                "student_age_max",
                _("The oldest students cannot be younger than the youngest (%(age)s).")
                % {"age": youngest},
            )
        ages_valid = not (self.has_error("student_age_min") or self.has_error("student_age_max"))
        if ages_valid and (youngest is None) != (oldest is None):
            missing = "student_age_min" if youngest is None else "student_age_max"
            self.add_error(missing, _("Give both ages, or neither."))
        if cleaned.get("photo") and cleaned.get("remove_photo"):
            self.add_error("remove_photo", _("Either upload a new photo or remove it, not both."))
        cleaned.setdefault("remove_photo", False)
        return cleaned

    def profile_fields(self) -> dict:
        """The keyword arguments of teacher_profile_update (after is_valid())."""
        data = self.cleaned_data
        return {
            "full_name": data["full_name"],
            "name_latin": data["name_latin"],
            "subjects": list(data["subjects"]),
            "languages": list(data["languages"]),
            "student_age_min": data["student_age_min"],
            "student_age_max": data["student_age_max"],
            "bio": data["bio"],
            "photo": data["photo"],
            "remove_photo": data["remove_photo"],
        }


class SchoolSearchForm(forms.Form):
    """The search over the schools a teacher may choose (?q=). A teacher whose account has no
    country also picks the country to search in."""

    q = forms.CharField(
        label=_("School name or city"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("e.g. Espoo or Lyceum")}),
    )
    country = RegionGroupedCountryField(
        label=_("Country"),
        empty_label=_("Choose a country"),
        required=False,
        error_messages={"invalid_choice": _("That country is not one of the ASEM partners.")},
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user.country_id is not None:
            del self.fields["country"]

    def search(self) -> tuple[Country | None, str]:
        """The country to search in and the words typed (after is_valid())."""
        data = getattr(self, "cleaned_data", {})
        country = self.user.country if self.user.country_id else data.get("country")
        return country, data.get("q", "")


class SchoolChooseForm(forms.Form):
    """ "This is my school": one of the schools the teacher may choose."""

    school = forms.ModelChoiceField(
        queryset=None,  # the schools the teacher may choose, given by the view
        widget=forms.HiddenInput,
        error_messages={
            "invalid_choice": _("That school is not one you can choose. Search again."),
            "required": _("Choose a school from the list."),
        },
    )

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools


class AccountDeleteForm(forms.Form):
    """Deleting an account is confirmed with the password, so that a borrowed, signed-in
    browser cannot do it."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user: User, attempts_left: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.attempts_left = attempts_left

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.attempts_left:
            raise forms.ValidationError(
                _("Too many attempts. Wait a minute, then try again. Nothing was deleted."),
                code="rate_limited",
            )
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("That is not your password. Nothing was deleted."), code="wrong_password"
            )
        return password


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
