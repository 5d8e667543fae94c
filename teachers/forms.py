from django import forms
from django.utils.translation import gettext_lazy as _

from core.images import validate_image_upload
from schools.fields import RegionGroupedCountryField
from schools.forms import IMAGE_ACCEPT
from schools.models import Country, Language, School

from . import services
from .models import MAX_STUDENT_AGE, MIN_STUDENT_AGE, Subject, TeacherProfile, User


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
    subjects = forms.ModelMultipleChoiceField(
        label=_("Subjects you teach"),
        queryset=Subject.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    languages = forms.ModelMultipleChoiceField(
        label=_("Languages you speak"),
        queryset=Language.objects.order_by("name"),
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
        queryset=School.objects.none(),
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
