"""The school forms: a teacher proposes the school they cannot find, and a verified teacher of
the school (or staff) edits it; staff verify a proposed school or merge a duplicate into the
school it repeats. Forms validate; services write (and decide what may be merged)."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from core.images import validate_image_upload

from .fields import RegionGroupedCountryField
from .models import School, SchoolKind, StudentCountBand
from .selectors import country_codes_and_names, languages_for_choice, school_by_number
from .services import validate_http_url
from .timezones import (
    country_timezone,
    country_zone_choices,
    country_zone_options,
    timezone_choices,
    zone_refusal,
)

IMAGE_ACCEPT = "image/jpeg,image/png,image/webp"

NOT_A_WEBSITE = _("Enter the school's web address, like https://www.school.example")
_valid_url = URLValidator(schemes=["http", "https"], message=NOT_A_WEBSITE)


def validate_website(value: str) -> None:
    """One message per problem: the scheme first (ftp://, javascript:), then the address."""
    validate_http_url(value)
    _valid_url(value)


class WebsiteField(forms.URLField):
    """A school's site: http or https only. Typed without a scheme, https:// is assumed."""

    default_validators = [validate_website]
    default_error_messages = {"invalid": NOT_A_WEBSITE}

    def __init__(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


class SchoolForm(forms.Form):
    """A school's details. The country comes from the teacher's account; the field appears
    only where it may be chosen (a teacher without a country, or staff editing)."""

    name = forms.CharField(
        label=_("Name of the school"),
        max_length=200,
        help_text=_("As the school writes it, in Latin letters, e.g. Lycée Victor Hugo."),
    )
    country = RegionGroupedCountryField(
        label=_("Country"),
        empty_label=_("Choose a country"),
        help_text=_("One of the 51 ASEM partner countries."),
    )
    city = forms.CharField(label=_("City or town"), max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind of school"), choices=[("", _("Choose one")), *SchoolKind.choices]
    )
    website = WebsiteField(
        label=_("Website"),
        required=False,
        max_length=200,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
        help_text=_("The school's own site, starting with https:// or http://"),
    )
    student_count = forms.ChoiceField(
        label=_("Number of students"),
        choices=[("", _("Not sure")), *StudentCountBand.choices],
        required=False,
    )
    languages = forms.ModelMultipleChoiceField(
        label=_("Languages of instruction"),
        queryset=languages_for_choice(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    description = forms.CharField(
        label=_("Short description"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few lines in English: the students, the programmes, what makes it special."),
    )
    logo = forms.FileField(
        label=_("Logo image"),
        required=False,
        validators=[validate_image_upload],
        widget=forms.FileInput(attrs={"accept": IMAGE_ACCEPT}),
        help_text=_("JPEG, PNG or WebP, up to 5 MB and 4000 pixels on each side."),
    )
    remove_logo = forms.BooleanField(label=_("Remove the current logo"), required=False)
    timezone = forms.ChoiceField(
        label=_("Time zone"),
        required=False,
        help_text=_("Where the school is, for the times of live lessons and sessions."),
    )

    def __init__(
        self,
        *args,
        school: School | None = None,
        with_country: bool = False,
        user=None,
        **kwargs,
    ):
        """with_country: offer the country field. Given the user editing a school, the field
        is there when they may move it to another country (schools.move_school)."""
        if user is not None:
            with_country = user.has_perm("schools.move_school", school)
        if school is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": school.name,
                    "country": school.country_id,
                    "city": school.city,
                    "kind": school.kind,
                    "website": school.website,
                    "student_count": school.student_count,
                    "languages": list(school.languages.all()),
                    "description": school.description,
                    "timezone": school.timezone,
                },
            )
        super().__init__(*args, **kwargs)
        self.school = school
        if not with_country:
            del self.fields["country"]
        one_zone = school is not None and len(country_zone_choices(school.country.code)) == 1
        if school is None or (one_zone and not with_country and not school.timezone):
            # a proposed school, or one in a country of one zone: nothing to choose
            del self.fields["timezone"]
        else:
            usual = country_timezone(school.country.code)
            blank = ("", _("Usual: %(zone)s") % {"zone": usual.replace("_", " ")})
            if with_country:  # the country may change here too: every country's zones
                zones = timezone_choices(country_codes_and_names())
            else:
                zones = country_zone_options(school.country.code)
            self.fields["timezone"].choices = [blank, *zones]
        if school is None or not school.logo:
            del self.fields["remove_logo"]

    def clean(self):
        cleaned = super().clean()
        country = cleaned.get("country") or getattr(self.school, "country", None)
        if country is not None and (refusal := zone_refusal(cleaned.get("timezone"), country)):
            self.add_error("timezone", refusal)
        if cleaned.get("logo") and cleaned.get("remove_logo"):
            self.add_error("remove_logo", _("Either upload a new logo or remove it, not both."))
        return cleaned

    @property
    def has_field_errors(self) -> bool:
        """Whether some field is marked (not only an error about the whole school)."""
        return any(name != NON_FIELD_ERRORS for name in self.errors)

    def school_fields(self) -> dict:
        """The keyword arguments of school_propose / school_update (after is_valid())."""
        data = self.cleaned_data
        fields = {
            "name": data["name"],
            "city": data["city"],
            "kind": data["kind"],
            "website": data["website"],
            "student_count": data["student_count"],
            "languages": list(data["languages"]),
            "description": data["description"],
            "logo": data["logo"],
        }
        if "country" in self.fields:
            fields["country"] = data["country"]
        if "remove_logo" in self.fields:
            fields["remove_logo"] = data["remove_logo"]
        if "timezone" in self.fields:
            fields["timezone"] = data["timezone"]
        return fields

    def add_service_error(self, error: Exception) -> None:
        """Show a SchoolError (already listed, ...) at the top of the form."""
        self.add_error(None, ValidationError(str(error), code="service"))


class SchoolVerifyForm(forms.Form):
    """Confirm that a proposed school exists (no fields: the button is the decision)."""


class SchoolMergeForm(forms.Form):
    """Choose the school this one repeats: one of its possible duplicates, or any school by its
    number. Whether the two may be merged (same country, not itself) is the service's call."""

    into = forms.TypedChoiceField(
        label=_("The school it repeats"),
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    into_number = forms.IntegerField(
        label=_("Or the school's number"),
        min_value=1,
        required=False,
        help_text=_("The number after #, shown on every school's review page."),
    )
    confirm = forms.BooleanField(
        label=_("I understand that this school will be deleted and its teachers moved over."),
        error_messages={"required": _("Tick the box to confirm the merge.")},
    )

    def __init__(self, *args, school: School, candidates: list[School], **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school
        self.candidates = candidates
        self.fields["into"].choices = [(candidate.pk, str(candidate)) for candidate in candidates]
        if not candidates:
            self.fields["into_number"].label = _("The school's number")

    def clean(self):
        cleaned = super().clean()
        chosen, number = cleaned.get("into"), cleaned.get("into_number")
        if self.errors:
            return cleaned
        if chosen and number and chosen != number:
            raise forms.ValidationError(
                _("Choose one school from the list or type a number, not both."), code="both"
            )
        pk = chosen or number
        if pk is None:
            raise forms.ValidationError(
                _("Choose the school it repeats, or type that school's number."), code="missing"
            )
        target = school_by_number(pk=pk)
        if target is None:
            self.add_error(
                "into_number",
                forms.ValidationError(
                    _("No school has the number %(number)s."),
                    params={"number": pk},
                    code="not_found",
                ),
            )
            return cleaned
        cleaned["target"] = target
        return cleaned
