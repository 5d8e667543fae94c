"""Surveys, questions and responses built by hand for the results' tests (explicit values, so
that every expected number can be computed on paper)."""

from django.utils import timezone

from surveys.models import Answer, Choice, Invitation, Question, Response, Section, Survey
from tests.factories import CountryFactory


def make_survey(*, title: str = "Teaching with partners", **fields) -> Survey:
    survey = Survey.objects.create(title=title, status=Survey.Status.OPEN, **fields)
    Section.objects.create(survey=survey, title="About your classes", position=0)
    return survey


def add_question(survey: Survey, kind: str, text: str, choices=(), **fields) -> Question:
    section = survey.sections.first()
    position = section.questions.count()
    question = Question.objects.create(
        section=section, kind=kind, text=text, position=position, **fields
    )
    for index, label in enumerate(choices):
        Choice.objects.create(question=question, label=label, position=index)
    return question


def choice(question: Question, label: str) -> Choice:
    return question.choices.get(label=label)


def respond(
    survey: Survey,
    answers: dict,
    *,
    country: str = "FI",
    school_kind: str = "secondary",
    respondent=None,
    submitted_at=None,
) -> Response:
    """A response; answers maps a question to a choice label (single), a list of labels
    (multiple), a number (Likert, number) or a text."""
    country_row = CountryFactory(code=country)
    response = Response.objects.create(
        survey=survey,
        respondent=respondent,
        country=country_row,
        region=country_row.region,
        school_kind=school_kind,
        submitted_at=submitted_at or timezone.now(),
    )
    for question, value in answers.items():
        answer = Answer(response=response, question=question)
        if question.kind == Question.Kind.SINGLE:
            answer.choice = choice(question, value)
        elif question.kind in (Question.Kind.LIKERT, Question.Kind.NUMBER):
            answer.number = value
        elif question.kind != Question.Kind.MULTIPLE:
            answer.text = value
        answer.save()
        if question.kind == Question.Kind.MULTIPLE:
            answer.choices.set([choice(question, label) for label in value])
    return response


def invite(survey: Survey, user, *, answered: bool = False) -> Invitation:
    now = timezone.now()
    return Invitation.objects.create(
        survey=survey, user=user, invited_at=now, answered_at=now if answered else None
    )
