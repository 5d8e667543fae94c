"""The school form: a teacher proposes the school they cannot find, and a verified teacher of
the school (or staff) edits it. Forms validate; services write."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from core.images import validate_image_upload

from .fields import RegionGroupedCountryField
from .models import Language, School, SchoolKind, StudentCountBand
from .services import validate_http_url

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
        queryset=Language.objects.order_by("name"),
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

    def __init__(self, *args, school: School | None = None, with_country: bool = False, **kwargs):
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
                },
            )
        super().__init__(*args, **kwargs)
        self.school = school
        if not with_country:
            del self.fields["country"]
        if school is None or not school.logo:
            del self.fields["remove_logo"]

    def clean(self):
        cleaned = super().clean()
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
        return fields

    def add_service_error(self, error: Exception) -> None:
        """Show a SchoolError (already listed, ...) at the top of the form."""
        self.add_error(None, ValidationError(str(error), code="service"))
