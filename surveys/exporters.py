"""The export of a survey's responses (registered in SurveysConfig.ready(); served by the
reports app at /staff/exports/surveys.responses.<csv|xlsx>?survey=<pk>&<the results' filters>).

Always anonymised, named surveys too: the issue asks for "an export of anonymised
responses", and a spreadsheet travels further than the staff area. A row is a response: a
running number (never the database id, which would follow the order of submission across
surveys), the day it was submitted (for anonymous surveys only the month, and the rows in a
fixed shuffled order, so that neither points back at an invitation answered that day), the
respondent's country, region and school kind, then one column per question. Never a name, an
e-mail, a school or a time of day.

The question columns depend on the survey: the exporter gives them through columns_for.
"""

from django.core.exceptions import ValidationError
from django.db.models import CharField, Value
from django.db.models.functions import MD5, Cast, Concat
from django.http import Http404, QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exports import Exporter

from .forms import ResultsFilterForm
from .models import Answer, Question, Survey
from .selectors.results import questions_in_order, responses_kept, survey_to_export, with_answers

CHUNK = 500
BASE_COLUMNS = ("Response", "Submitted on", "Country", "Region", "School kind")
MULTIPLE_SEPARATOR = "; "


def _survey(params: QueryDict) -> Survey:
    """The survey named by survey=<pk>: 400 when missing or not a number, 404 when none."""
    pk = params.get("survey", "")
    if not pk.isdigit():
        raise ValidationError(_("Say which survey to export (survey=<number>)."))
    survey = survey_to_export(pk=int(pk))
    if survey is None:
        raise Http404
    return survey


def _responses(params: QueryDict):
    survey = _survey(params)
    form = ResultsFilterForm(params)
    if form.is_bound and not form.is_valid():
        raise ValidationError(
            [
                f"{form.fields[name].label}: {' '.join(errors)}"
                for name, errors in form.errors.items()
            ]
        )
    return survey, responses_kept(survey=survey, filters=form.filters())


def responses_count(params: QueryDict, user) -> int:
    return _responses(params)[1].count()


def _value(question: Question, answer: Answer | None):
    if answer is None:
        return ""
    if question.kind == Question.Kind.SINGLE:
        return answer.choice.label if answer.choice else ""
    if question.kind == Question.Kind.MULTIPLE:
        # Prefetched in the choices' own order (position, pk).
        return MULTIPLE_SEPARATOR.join(choice.label for choice in answer.choices.all())
    if question.kind in (Question.Kind.LIKERT, Question.Kind.NUMBER):
        return answer.number if answer.number is not None else ""
    return answer.text


def responses_rows(params: QueryDict, user):
    survey, responses = _responses(params)
    questions = questions_in_order(survey=survey)
    responses = with_answers(responses)
    if survey.anonymous:
        # Neither the order nor the day may point back at an invitation answered that day: the
        # rows come in a fixed shuffled order, dated by month.
        responses = responses.order_by(MD5(Concat(Value(f"{survey.pk}-"), Cast("pk", CharField()))))
    else:
        responses = responses.order_by("submitted_at", "pk")

    def rows():
        for number, response in enumerate(responses.iterator(chunk_size=CHUNK), start=1):
            answers = {answer.question_id: answer for answer in response.answers.all()}
            yield (
                number,
                _when(response, anonymous=survey.anonymous),
                response.country.name if response.country else "",
                response.get_region_display(),
                response.get_school_kind_display(),
                *(_value(question, answers.get(question.pk)) for question in questions),
            )

    return f"Survey {survey.pk} responses", rows()


def _when(response, *, anonymous: bool) -> str:
    day = timezone.localdate(response.submitted_at)
    return f"{day:%Y-%m}" if anonymous else day.isoformat()


def responses_columns(params: QueryDict, user) -> tuple[str, ...]:
    """The base columns, then one per question of the survey exported."""
    return BASE_COLUMNS + tuple(
        question.text for question in questions_in_order(survey=_survey(params))
    )


RESPONSES = Exporter(
    name="surveys.responses",
    title="Responses to a survey (anonymised)",
    columns=BASE_COLUMNS,
    columns_for=responses_columns,
    rows=responses_rows,
    count=responses_count,
)
