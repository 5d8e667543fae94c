"""Staff forms for building a survey: its set-up and audience, a section, a question. Forms
validate what was typed; surveys.building writes (and has the last word)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conferences.models import Edition
from core.forms import LocalDateTimeField, add_domain_error, aware_in
from schools.models import Country, Region, SchoolKind

from .models import Question, Section, Survey

add_service_error = add_domain_error  # the name surveys' views use


class SurveyForm(forms.ModelForm):
    """Title, introduction, anonymity, dates (in the site's time zone) and the audience."""

    opens_at = LocalDateTimeField(
        label=_("Opens"), required=False, help_text=_("Blank: when you open the survey.")
    )
    closes_at = LocalDateTimeField(
        label=_("Closes"), required=False, help_text=_("Needed before the survey can open.")
    )
    audience_countries = forms.ModelMultipleChoiceField(
        label=_("Countries"),
        queryset=Country.objects.order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Teachers whose school is in one of these countries."),
    )
    audience_regions = forms.MultipleChoiceField(
        label=_("Regions"),
        choices=Region.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    audience_school_kinds = forms.MultipleChoiceField(
        label=_("School kinds"),
        choices=SchoolKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    audience_edition = forms.ModelChoiceField(
        label=_("Edition"),
        queryset=Edition.objects.order_by("-number"),
        required=False,
        empty_label=_("Choose an edition"),
        help_text=_("Its approved and attending participants."),
    )

    class Meta:
        model = Survey
        fields = ["title", "introduction", "anonymous", "opens_at", "closes_at", "audience"]
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 4}),
            "audience": forms.RadioSelect,
        }
        help_texts = {"introduction": _("Shown above the questions and in the invitation.")}

    def __init__(self, *args, frozen: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.frozen = frozen
        if self.instance.pk:
            self.initial.setdefault("audience_regions", self.instance.audience_regions)
            self.initial.setdefault("audience_school_kinds", self.instance.audience_school_kinds)
        if frozen:
            for name in (
                "anonymous",
                "opens_at",
                "audience",
                "audience_countries",
                "audience_regions",
                "audience_school_kinds",
                "audience_edition",
            ):
                self.fields[name].disabled = True

    def clean(self):
        data = super().clean()
        zone = timezone.get_current_timezone()
        for name in ("opens_at", "closes_at"):
            data[name] = aware_in(data.get(name), zone)
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The survey must close after it opens."))
        Audience = Survey.Audience
        needed = {
            Audience.COUNTRIES: ("audience_countries", _("Choose at least one country.")),
            Audience.REGIONS: ("audience_regions", _("Choose at least one region.")),
            Audience.SCHOOL_KINDS: ("audience_school_kinds", _("Choose at least one kind.")),
            Audience.EDITION: ("audience_edition", _("Choose the edition.")),
        }
        if not self.frozen and data.get("audience") in needed:
            name, message = needed[data["audience"]]
            if not data.get(name):
                self.add_error(name, message)
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "introduction": data.get("introduction", ""),
            "anonymous": data.get("anonymous", True),
            "opens_at": data.get("opens_at"),
            "closes_at": data.get("closes_at"),
            "audience": data["audience"],
            "countries": list(data.get("audience_countries") or []),
            "regions": data.get("audience_regions") or [],
            "school_kinds": data.get("audience_school_kinds") or [],
            "edition": data.get("audience_edition"),
        }


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class QuestionForm(forms.ModelForm):
    choices_text = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For single and multiple choice: one choice a line, at least two."),
    )

    class Meta:
        model = Question
        fields = [
            "kind",
            "text",
            "help_text",
            "required",
            "scale_low_label",
            "scale_high_label",
            "number_min",
            "number_max",
        ]
        help_texts = {
            "scale_low_label": _("Likert only, e.g. “Strongly disagree”."),
            "scale_high_label": _("Likert only, e.g. “Strongly agree”."),
            "number_min": _("Number only; blank for no limit."),
            "number_max": _("Number only; blank for no limit."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "choices_text" not in self.initial:
            self.initial["choices_text"] = "\n".join(c.label for c in self.instance.choices.all())

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        lines = [line.strip() for line in data.get("choices_text", "").splitlines()]
        data["choices"] = [line for line in lines if line]
        if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE) and len(data["choices"]) < 2:
            self.add_error("choices_text", _("Write at least two choices, one a line."))
        low, high = data.get("number_min"), data.get("number_max")
        if kind == Question.Kind.NUMBER and low is not None and high is not None and high < low:
            self.add_error("number_max", _("The highest number must not be below the lowest."))
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "text": data["text"],
            "help_text": data.get("help_text", ""),
            "required": data.get("required", False),
            "choices": data["choices"],
            "scale_low_label": data.get("scale_low_label", ""),
            "scale_high_label": data.get("scale_high_label", ""),
            "number_min": data.get("number_min"),
            "number_max": data.get("number_max"),
        }
