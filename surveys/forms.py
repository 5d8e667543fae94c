"""The surveys' forms: a survey's set-up and audience, a section, a question (staff); the
answer form built from a survey's structure (teachers); the results page's filters. Forms
validate what was typed; the services write (and have the last word)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import LocalDateTimeField, add_domain_error, aware_in
from schools.fields import RegionGroupedCountryField
from schools.models import Region, SchoolKind

from .models import Question, Section, Survey
from .selectors.answering import SurveyStructure
from .selectors.results import Filters
from .selectors.surveys import country_choices, edition_choices
from .services.answering import LIKERT_VALUES, LONG_TEXT_MAX, SHORT_TEXT_MAX

add_service_error = add_domain_error  # the name surveys' views use


# Staff: building a survey ------------------------------------------------------------------------


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
        queryset=country_choices(),
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
        queryset=edition_choices(),
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


# Teachers: the answer form -----------------------------------------------------------------------
#
# One field per question of the survey, built from its structure. Every field is optional
# here: the form only parses what was posted (so that a draft may be partial);
# surveys.services.answering checks choices, ranges, lengths and required answers.

SAVE, SUBMIT = "save", "submit"


def field_name(question_id: int) -> str:
    return f"q_{question_id}"


def _field_for(question: Question) -> forms.Field:
    common = {"label": question.text, "help_text": question.help_text, "required": False}
    kind = question.kind
    if kind == Question.Kind.SINGLE:
        return forms.TypedChoiceField(
            choices=[(str(c.pk), c.label) for c in question.choices.all()],
            coerce=int,
            empty_value=None,
            widget=forms.RadioSelect,
            error_messages={"invalid_choice": _("Choose one of the answers offered.")},
            **common,
        )
    if kind == Question.Kind.MULTIPLE:
        return forms.TypedMultipleChoiceField(
            choices=[(str(c.pk), c.label) for c in question.choices.all()],
            coerce=int,
            widget=forms.CheckboxSelectMultiple,
            error_messages={"invalid_choice": _("Choose among the answers offered.")},
            **common,
        )
    if kind == Question.Kind.LIKERT:
        return forms.TypedChoiceField(
            choices=[(str(v), str(v)) for v in LIKERT_VALUES],
            coerce=int,
            empty_value=None,
            widget=forms.RadioSelect,
            error_messages={"invalid_choice": _("Choose a value from 1 to 5.")},
            **common,
        )
    if kind == Question.Kind.NUMBER:
        return forms.IntegerField(
            min_value=question.number_min,
            max_value=question.number_max,
            error_messages={"invalid": _("Enter a whole number.")},
            **common,
        )
    limit = SHORT_TEXT_MAX if kind == Question.Kind.SHORT_TEXT else LONG_TEXT_MAX
    return forms.CharField(max_length=limit, **common)


class AnswerForm(forms.Form):
    action = forms.ChoiceField(
        choices=[(SAVE, _("Save and come back")), (SUBMIT, _("Submit my answers"))],
        required=False,
    )

    def __init__(self, *args, structure: SurveyStructure, draft: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.structure = structure
        for question in structure.questions:
            name = field_name(question.pk)
            self.fields[name] = _field_for(question)
            if draft and str(question.pk) in draft:
                self.initial[name] = draft[str(question.pk)]

    @property
    def is_submit(self) -> bool:
        return self.data.get("action") == SUBMIT

    def answers(self) -> dict[int, object]:
        return {q.pk: self.cleaned_data.get(field_name(q.pk)) for q in self.structure.questions}

    def add_answer_errors(self, errors: dict[int, str]) -> None:
        for question_id, message in errors.items():
            name = field_name(question_id)
            if name in self.fields and not self.has_error(name):
                self.add_error(name, message)

    def sections(self) -> list[dict]:
        """For the template: each section with its questions, their bound fields and, for the
        radio and check boxes, which options are chosen (posted or saved)."""
        result = []
        for section in self.structure.sections:
            rows = []
            for question in section.questions.all():
                bound = self[field_name(question.pk)]
                value = bound.value()
                chosen = (
                    {str(v) for v in value}
                    if isinstance(value, list | tuple)
                    else {str(value) if value not in (None, "") else ""}
                )
                rows.append(
                    {
                        "question": question,
                        "field": bound,
                        "name": bound.html_name,
                        "value": "" if value is None else value,
                        "options": [
                            {"value": v, "label": label, "checked": str(v) in chosen}
                            for v, label in getattr(bound.field, "choices", [])
                        ],
                    }
                )
            result.append({"section": section, "rows": rows})
        return result


# Staff: the results' filters ---------------------------------------------------------------------


class ResultsFilterForm(forms.Form):
    """Narrow the responses counted; an invalid choice is shown and ignored."""

    region = forms.ChoiceField(
        label=_("Region"), choices=[("", _("All regions")), *Region.choices], required=False
    )
    country = RegionGroupedCountryField(
        label=_("Country"), empty_label=_("All countries"), required=False
    )
    school_kind = forms.ChoiceField(
        label=_("School kind"),
        choices=[("", _("All kinds")), *SchoolKind.choices],
        required=False,
    )

    def filters(self) -> Filters:
        """The responses to count (all of them when the form is unbound or invalid)."""
        if not self.is_bound or not self.is_valid():
            return Filters()
        data = self.cleaned_data
        return Filters(
            region=data["region"], country=data["country"], school_kind=data["school_kind"]
        )

    @property
    def is_filtering(self) -> bool:
        return self.filters().active
