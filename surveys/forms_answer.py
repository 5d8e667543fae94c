"""The answer form: one field per question of the survey, built from its structure.

Every field is optional here: the form only parses what was posted (so that a draft may be
partial); surveys.answering checks choices, ranges, lengths and required answers.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from .answering import LIKERT_VALUES, LONG_TEXT_MAX, SHORT_TEXT_MAX, SurveyStructure
from .models import Question

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
