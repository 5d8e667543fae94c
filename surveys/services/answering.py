"""Answering a survey: the draft a teacher keeps, and the final submission.

Only invited people answer, once, while the survey is open. Answers are checked here (the
form only parses what was posted): a choice must belong to its question, a Likert value is
1 to 5, a number is an integer within the question's range, texts keep to their length, and
a submission holds every required answer. Anonymous surveys store no link from the person to
their answers: the Response has no respondent and the draft on the Invitation is wiped. For
the same reason answering writes no activity record: it would say who answered when.
"""

from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from teachers.models import User

from ..errors import AnsweringError
from ..models import Answer, Invitation, Question, Response, Survey
from ..selectors.answering import respondent_profile, survey_structure

SHORT_TEXT_MAX = 300
LONG_TEXT_MAX = 5000
LIKERT_VALUES = (1, 2, 3, 4, 5)


# --- validation ----------------------------------------------------------------------------


def _clean_value(question: Question, value: Any) -> Any:
    """The value as stored, or raise ValueError with the reason. None/empty means no answer."""
    if value in (None, "", []):
        return None
    kind = question.kind
    if kind == Question.Kind.SINGLE:
        ids = {c.pk for c in question.choices.all()}
        try:
            choice = int(value)
        except (TypeError, ValueError):
            raise ValueError(_("Choose one of the answers offered.")) from None
        if choice not in ids:
            raise ValueError(_("Choose one of the answers offered."))
        return choice
    if kind == Question.Kind.MULTIPLE:
        ids = {c.pk for c in question.choices.all()}
        if not isinstance(value, list | tuple):
            value = [value]
        try:
            chosen = sorted({int(v) for v in value})
        except (TypeError, ValueError):
            raise ValueError(_("Choose among the answers offered.")) from None
        if not set(chosen) <= ids:
            raise ValueError(_("Choose among the answers offered."))
        return chosen or None
    if kind in (Question.Kind.LIKERT, Question.Kind.NUMBER):
        if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
            raise ValueError(_("Enter a whole number."))
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise ValueError(_("Enter a whole number.")) from None
        if kind == Question.Kind.LIKERT:
            if number not in LIKERT_VALUES:
                raise ValueError(_("Choose a value from 1 to 5."))
            return number
        low, high = question.number_min, question.number_max
        if low is not None and number < low:
            raise ValueError(_("Enter a number of at least %(min)s.") % {"min": low})
        if high is not None and number > high:
            raise ValueError(_("Enter a number of at most %(max)s.") % {"max": high})
        return number
    text = str(value).strip()
    limit = SHORT_TEXT_MAX if kind == Question.Kind.SHORT_TEXT else LONG_TEXT_MAX
    if len(text) > limit:
        raise ValueError(
            _("Keep this answer to %(limit)s characters (it has %(length)s).")
            % {"limit": limit, "length": len(text)}
        )
    return text or None


def clean_answers(questions: list[Question], answers: dict, *, complete: bool) -> dict[int, Any]:
    """Answers by question id, checked; with `complete`, required ones must be there.
    Raises AnsweringError naming each question at fault. Unknown question ids are refused."""
    by_id = {q.pk: q for q in questions}
    answers = {int(k): v for k, v in answers.items()}
    errors: dict[int, str] = {}
    missing = False
    unknown = set(answers) - set(by_id)
    if unknown:
        raise AnsweringError(_("Some answers are for questions that are not in this survey."))
    cleaned: dict[int, Any] = {}
    for question in questions:
        try:
            value = _clean_value(question, answers.get(question.pk))
        except ValueError as error:
            errors[question.pk] = str(error)
            continue
        if value is None:
            if complete and question.required:
                errors[question.pk] = _("Answer this question before you submit.")
                missing = True
            continue
        cleaned[question.pk] = value
    if errors:
        if missing:
            message = _("Nothing was submitted: please answer the questions marked below.")
        else:
            message = _("Nothing was saved: please correct the answers marked below.")
        raise AnsweringError(message, errors)
    return cleaned


# --- services ------------------------------------------------------------------------------


def _invitation_locked(*, survey: Survey, user: User) -> Invitation:
    invitation = Invitation.objects.select_for_update().filter(survey=survey, user=user).first()
    if invitation is None:
        raise AnsweringError(_("This survey is only for the people invited to it."))
    if invitation.answered_at:
        raise AnsweringError(_("You have already answered this survey."))
    survey = Survey.objects.get(pk=survey.pk)
    if not survey.accepts_answers:
        raise AnsweringError(_("This survey is not open for answers."))
    return invitation


@transaction.atomic
def draft_save(*, survey: Survey, by: User, answers: dict) -> Invitation:
    """Keep the answers given so far on the person's invitation, to come back to later."""
    cleaned = clean_answers(survey_structure(survey).questions, answers, complete=False)
    invitation = _invitation_locked(survey=survey, user=by)
    invitation.draft_answers = {str(pk): value for pk, value in cleaned.items()}
    invitation.save(update_fields=["draft_answers"])
    return invitation


@transaction.atomic
def response_submit(*, survey: Survey, by: User, answers: dict) -> Response:
    """Record the person's final answers, once. Anonymous surveys keep no link to them."""
    questions = survey_structure(survey).questions
    cleaned = clean_answers(questions, answers, complete=True)
    invitation = _invitation_locked(survey=survey, user=by)
    profile = respondent_profile(user=by)
    country = profile.school.country if profile else by.country
    response = Response.objects.create(
        survey=survey,
        respondent=None if survey.anonymous else by,
        country=country,
        region=country.region if country else "",
        school_kind=profile.school.kind if profile else "",
    )
    by_id = {q.pk: q for q in questions}
    rows, multiples = [], []
    for pk, value in cleaned.items():
        kind = by_id[pk].kind
        answer = Answer(response=response, question_id=pk)
        if kind == Question.Kind.SINGLE:
            answer.choice_id = value
        elif kind == Question.Kind.MULTIPLE:
            multiples.append((answer, value))
        elif kind in (Question.Kind.LIKERT, Question.Kind.NUMBER):
            answer.number = value
        else:
            answer.text = value
        rows.append(answer)
    Answer.objects.bulk_create(rows)
    through = Answer.choices.through
    through.objects.bulk_create(
        [through(answer_id=a.pk, choice_id=c) for a, ids in multiples for c in ids]
    )
    invitation.answered_at = timezone.now()
    invitation.draft_answers = {}
    invitation.save(update_fields=["answered_at", "draft_answers"])
    return response


def drafts_clear(*, survey_ids=None) -> int:
    """Forget the unsubmitted drafts of closed surveys (given, or every survey past its
    closing time): they can no longer be submitted, and a draft links a person to answers.
    System work (the daily task, closing a survey): no acting user."""
    invitations = Invitation.objects.exclude(draft_answers={})
    if survey_ids is not None:
        invitations = invitations.filter(survey_id__in=survey_ids)
    else:
        invitations = invitations.filter(
            Q(survey__status=Survey.Status.CLOSED) | Q(survey__closes_at__lte=timezone.now())
        )
    return invitations.update(draft_answers={})
