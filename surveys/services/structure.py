"""A draft survey's structure (staff): its sections, their questions and the questions'
choices, added, edited, moved and deleted. Keyword-only, atomic, audited, taking the acting
staff member `by=`; SurveyError once the survey is open (the structure is frozen)."""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from core.audit.services import audit_record

from ..errors import SurveyError
from ..models import Choice, Question, Section, Survey
from ..selectors.surveys import CHOICE_KINDS
from .surveys import survey_editable


def _next_position(queryset) -> int:
    top = queryset.aggregate(top=Max("position"))["top"]
    return 0 if top is None else top + 1


def _swap(items: list, item, direction: int) -> None:
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index + direction
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
    for position, other in enumerate(items):
        if other.position != position:
            other.position = position
            other.save(update_fields=["position"])


# Sections ------------------------------------------------------------------------------------


@transaction.atomic
def section_save(
    *, survey: Survey, section: Section | None = None, title: str, description: str = "", by
) -> Section:
    survey_editable(survey)
    if not title.strip():
        raise SurveyError(_("Give the section a title."))
    if section is None:
        section = Section(survey=survey, position=_next_position(survey.sections.all()))
    section.title, section.description = title.strip(), description
    section.save()
    audit_record(actor=by, action="surveys.section.saved", target=section)
    return section


@transaction.atomic
def section_delete(*, section: Section, by) -> None:
    survey = survey_editable(section.survey)
    audit_record(
        actor=by, action="surveys.section.deleted", target=survey, note=section.title[:200]
    )
    section.delete()


@transaction.atomic
def section_move(*, section: Section, direction: int, by) -> None:
    survey_editable(section.survey)
    _swap(list(section.survey.sections.all()), section, direction)
    audit_record(actor=by, action="surveys.section.moved", target=section)


# Questions -----------------------------------------------------------------------------------


def _clean_choices(kind: str, choices) -> list[str]:
    labels = [label.strip() for label in choices if label and label.strip()]
    if kind in CHOICE_KINDS:
        if len(labels) < 2:
            raise SurveyError(_("A choice question needs at least two choices, one a line."))
        if len({label.lower() for label in labels}) != len(labels):
            raise SurveyError(_("Two choices have the same wording."))
    return labels if kind in CHOICE_KINDS else []


@transaction.atomic
def question_save(
    *,
    section: Section,
    question: Question | None = None,
    kind: str,
    text: str,
    help_text: str = "",
    required: bool = True,
    choices=(),
    scale_low_label: str = "",
    scale_high_label: str = "",
    number_min: int | None = None,
    number_max: int | None = None,
    by,
) -> Question:
    survey_editable(section.survey)
    if kind not in Question.Kind.values:
        raise SurveyError(_("Choose the kind of question."))
    if not text.strip():
        raise SurveyError(_("Write the question."))
    has_range = number_min is not None and number_max is not None
    if kind == Question.Kind.NUMBER and has_range and number_max < number_min:
        raise SurveyError(_("The highest number must not be below the lowest."))
    labels = _clean_choices(kind, choices)
    if question is None:
        question = Question(section=section, position=_next_position(section.questions.all()))
    question.kind, question.text, question.help_text = kind, text.strip(), help_text
    question.required = required
    is_likert, is_number = kind == Question.Kind.LIKERT, kind == Question.Kind.NUMBER
    question.scale_low_label = scale_low_label if is_likert else ""
    question.scale_high_label = scale_high_label if is_likert else ""
    question.number_min = number_min if is_number else None
    question.number_max = number_max if is_number else None
    question.save()
    question.choices.all().delete()
    Choice.objects.bulk_create(
        Choice(question=question, label=label, position=i) for i, label in enumerate(labels)
    )
    audit_record(actor=by, action="surveys.question.saved", target=question)
    return question


@transaction.atomic
def question_delete(*, question: Question, by) -> None:
    survey = survey_editable(question.section.survey)
    audit_record(
        actor=by, action="surveys.question.deleted", target=survey, note=question.text[:200]
    )
    question.delete()


@transaction.atomic
def question_move(*, question: Question, direction: int, by) -> None:
    survey_editable(question.section.survey)
    _swap(list(question.section.questions.all()), question, direction)
    audit_record(actor=by, action="surveys.question.moved", target=question)
