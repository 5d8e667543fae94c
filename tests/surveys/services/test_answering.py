"""Answering a survey: access, checks of every answer, drafts, submission and anonymity."""

import datetime
import threading
from types import SimpleNamespace

import pytest
from django.db import connection
from django.utils import timezone

from surveys.errors import AnsweringError
from surveys.models import Answer, Invitation, Response
from surveys.selectors import answering
from surveys.selectors.answering import survey_for_answering
from surveys.services.answering import draft_save, response_submit
from tests.factories import (
    SurveyChoiceFactory,
    SurveyFactory,
    SurveyInvitationFactory,
    SurveyQuestionFactory,
    SurveySectionFactory,
)

pytestmark = pytest.mark.django_db


def build_survey(**survey_fields) -> SimpleNamespace:
    """A survey of two sections and one question of every kind; `q` names them."""
    survey = SurveyFactory(**survey_fields)
    about = SurveySectionFactory(survey=survey, title="About your teaching")
    practice = SurveySectionFactory(survey=survey, title="Your practice")
    level = SurveyQuestionFactory(section=about, kind="single", text="Which level do you teach?")
    lower, upper = (
        SurveyChoiceFactory(question=level, label="Lower secondary"),
        SurveyChoiceFactory(question=level, label="Upper secondary"),
    )
    tools = SurveyQuestionFactory(
        section=about, kind="multiple", text="Which tools do you use?", required=False
    )
    video, chat, mail = (
        SurveyChoiceFactory(question=tools, label=label) for label in ("Video", "Chat", "Mail")
    )
    useful = SurveyQuestionFactory(
        section=practice,
        kind="likert",
        text="ClassNet helps my students",
        scale_low_label="Strongly disagree",
        scale_high_label="Strongly agree",
    )
    students = SurveyQuestionFactory(
        section=practice,
        kind="number",
        text="How many students took part?",
        number_min=0,
        number_max=500,
        required=False,
    )
    idea = SurveyQuestionFactory(
        section=practice, kind="short_text", text="One idea for us", required=False
    )
    story = SurveyQuestionFactory(
        section=practice, kind="long_text", text="Tell us a story", required=False
    )
    return SimpleNamespace(
        survey=survey,
        level=level,
        lower=lower,
        upper=upper,
        tools=tools,
        video=video,
        chat=chat,
        mail=mail,
        useful=useful,
        students=students,
        idea=idea,
        story=story,
    )


def full_answers(s: SimpleNamespace) -> dict:
    return {
        s.level.pk: s.upper.pk,
        s.tools.pk: [s.video.pk, s.mail.pk],
        s.useful.pk: 4,
        s.students.pk: 120,
        s.idea.pk: "More exchanges",
        s.story.pk: "Our students met online every week.",
    }


@pytest.fixture
def s():
    return build_survey()


@pytest.fixture
def invited(s, teacher):
    SurveyInvitationFactory(survey=s.survey, user=teacher)
    return teacher


# --- access --------------------------------------------------------------------------------


def test_access_for_an_invited_teacher_of_an_open_survey(s, invited):
    access = survey_for_answering(s.survey, invited)
    assert (access.refusal, access.answered, access.invitation.user) == (None, False, invited)


def test_access_refused_to_a_teacher_not_invited(s, invited, other_teacher):
    access = survey_for_answering(s.survey, other_teacher)
    assert (access.refusal, access.invitation) == (answering.NOT_INVITED, None)


def test_access_refused_when_not_open_yet(s, invited):
    s.survey.opens_at = timezone.now() + datetime.timedelta(days=2)
    s.survey.save()
    assert survey_for_answering(s.survey, invited).refusal == answering.NOT_OPEN_YET


@pytest.mark.parametrize(
    "change",
    [{"status": "closed"}, {"closes_at": timezone.now() - datetime.timedelta(minutes=1)}],
    ids=["closed", "past-closing-date"],
)
def test_access_refused_when_closed(s, invited, change):
    for name, value in change.items():
        setattr(s.survey, name, value)
    s.survey.save()
    assert survey_for_answering(s.survey, invited).refusal == answering.CLOSED


def test_answered_invitation_is_answered_not_refused(s, invited):
    response_submit(survey=s.survey, by=invited, answers=full_answers(s))
    access = survey_for_answering(s.survey, invited)
    assert (access.refusal, access.answered) == (None, True)


# --- refusals of bad answers ---------------------------------------------------------------


def refused(s, user, answers, *, service=response_submit) -> AnsweringError:
    with pytest.raises(AnsweringError) as caught:
        service(survey=s.survey, by=user, answers=answers)
    assert Response.objects.count() == 0
    return caught.value


def test_submit_refuses_a_choice_of_another_question(s, invited):
    other = SurveyChoiceFactory()
    error = refused(s, invited, {**full_answers(s), s.level.pk: other.pk})
    assert error.errors == {s.level.pk: "Choose one of the answers offered."}


def test_submit_refuses_a_multiple_choice_outside_its_choices(s, invited):
    error = refused(s, invited, {**full_answers(s), s.tools.pk: [s.video.pk, s.upper.pk]})
    assert error.errors == {s.tools.pk: "Choose among the answers offered."}


@pytest.mark.parametrize("value", [0, 6, "x", 2.5])
def test_submit_refuses_a_likert_value_outside_1_to_5(s, invited, value):
    error = refused(s, invited, {**full_answers(s), s.useful.pk: value})
    assert list(error.errors) == [s.useful.pk]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (-1, "Enter a number of at least 0."),
        (501, "Enter a number of at most 500."),
        (3.5, "Enter a whole number."),
        ("many", "Enter a whole number."),
    ],
)
def test_submit_refuses_a_number_outside_its_range_or_not_whole(s, invited, value, message):
    error = refused(s, invited, {**full_answers(s), s.students.pk: value})
    assert error.errors == {s.students.pk: message}


def test_submit_refuses_texts_too_long(s, invited):
    error = refused(s, invited, {**full_answers(s), s.idea.pk: "x" * 301, s.story.pk: "y" * 5001})
    assert set(error.errors) == {s.idea.pk, s.story.pk}


def test_submit_refuses_missing_required_answers(s, invited):
    answers = full_answers(s)
    del answers[s.level.pk]
    answers[s.useful.pk] = None
    error = refused(s, invited, answers)
    assert error.errors == {
        s.level.pk: "Answer this question before you submit.",
        s.useful.pk: "Answer this question before you submit.",
    }
    assert Invitation.objects.get().answered_at is None


def test_submit_refuses_an_answer_to_a_question_of_another_survey(s, invited):
    stranger = SurveyQuestionFactory()
    error = refused(s, invited, {**full_answers(s), stranger.pk: "hello"})
    assert str(error) == "Some answers are for questions that are not in this survey."


def test_second_submission_is_refused(s, invited):
    response_submit(survey=s.survey, by=invited, answers=full_answers(s))
    with pytest.raises(AnsweringError, match=r"You have already answered this survey\."):
        response_submit(survey=s.survey, by=invited, answers=full_answers(s))
    assert Response.objects.count() == 1


def test_submit_refused_on_a_closed_survey(s, invited):
    s.survey.closes_at = timezone.now() - datetime.timedelta(seconds=1)
    s.survey.save()
    error = refused(s, invited, full_answers(s))
    assert str(error) == "This survey is not open for answers."


def test_draft_refused_on_a_closed_survey(s, invited):
    s.survey.status = "closed"
    s.survey.save()
    refused(s, invited, {s.idea.pk: "late"}, service=draft_save)
    assert Invitation.objects.get().draft_answers == {}


def test_submit_refused_to_a_person_not_invited(s, invited, other_teacher):
    error = refused(s, other_teacher, full_answers(s))
    assert str(error) == "This survey is only for the people invited to it."


# --- drafts and submission -----------------------------------------------------------------


def test_draft_keeps_partial_answers_without_required_ones(s, invited):
    draft_save(survey=s.survey, by=invited, answers={s.useful.pk: 2, s.idea.pk: " Halfway "})
    invitation = Invitation.objects.get()
    assert invitation.draft_answers == {str(s.useful.pk): 2, str(s.idea.pk): "Halfway"}
    assert (invitation.answered_at, Response.objects.count()) == (None, 0)


def test_draft_still_refuses_a_value_outside_the_question(s, invited):
    error = refused(s, invited, {s.useful.pk: 9}, service=draft_save)
    assert list(error.errors) == [s.useful.pk]


def test_submit_records_every_answer(s, invited):
    response = response_submit(survey=s.survey, by=invited, answers=full_answers(s))
    school = invited.teacher_profile.school
    assert (response.country, response.region, response.school_kind) == (
        school.country,
        school.country.region,
        school.kind,
    )
    answers = {a.question_id: a for a in response.answers.all()}
    assert answers[s.level.pk].choice == s.upper
    assert set(answers[s.tools.pk].choices.all()) == {s.video, s.mail}
    assert (answers[s.useful.pk].number, answers[s.students.pk].number) == (4, 120)
    assert (answers[s.idea.pk].text, answers[s.story.pk].text) == (
        "More exchanges",
        "Our students met online every week.",
    )


def test_submit_skips_optional_questions_left_empty(s, invited):
    response = response_submit(
        survey=s.survey, by=invited, answers={s.level.pk: s.lower.pk, s.useful.pk: 1}
    )
    assert sorted(response.answers.values_list("question_id", flat=True)) == sorted(
        [s.level.pk, s.useful.pk]
    )


def test_anonymous_submission_leaves_no_link_to_the_person(s, invited):
    draft_save(survey=s.survey, by=invited, answers={s.idea.pk: "Draft idea"})
    response = response_submit(survey=s.survey, by=invited, answers=full_answers(s))
    response.refresh_from_db()
    invitation = Invitation.objects.get()
    assert response.respondent is None
    assert list(Response.objects.filter(respondent=invited)) == []
    assert invitation.draft_answers == {}
    assert invitation.answered_at is not None
    # No answer holds anything of the person: their id, e-mail or name.
    for answer in Answer.objects.filter(response=response):
        assert answer.text in ("", "More exchanges", "Our students met online every week.")
        assert invited.email not in answer.text
        assert invited.full_name not in answer.text
    fields = {f.name for f in Answer._meta.get_fields()}
    assert fields == {"id", "response", "question", "choice", "choices", "number", "text"}


def test_named_survey_records_the_respondent(invited):
    s = build_survey(anonymous=False)
    SurveyInvitationFactory(survey=s.survey, user=invited)
    response = response_submit(survey=s.survey, by=invited, answers=full_answers(s))
    assert response.respondent == invited


# --- selectors -----------------------------------------------------------------------------


def test_invitations_to_answer_only_open_and_unanswered(teacher):
    now = timezone.now()
    open_one = SurveyInvitationFactory(user=teacher)
    SurveyInvitationFactory(user=teacher, answered_at=now)
    SurveyInvitationFactory(user=teacher, survey=SurveyFactory(status="closed"))
    SurveyInvitationFactory(user=teacher, survey=SurveyFactory(status="draft"))
    SurveyInvitationFactory(
        user=teacher, survey=SurveyFactory(opens_at=now + datetime.timedelta(days=1))
    )
    SurveyInvitationFactory(
        user=teacher,
        survey=SurveyFactory(
            opens_at=now - datetime.timedelta(days=2), closes_at=now - datetime.timedelta(days=1)
        ),
    )
    SurveyInvitationFactory()  # someone else's
    assert list(answering.invitations_to_answer(teacher)) == [open_one]


def test_invitations_for_lists_those_to_answer_first_and_hides_drafts_and_others(teacher):
    to_answer = SurveyInvitationFactory(user=teacher)
    answered = SurveyInvitationFactory(user=teacher, answered_at=timezone.now())
    closed = SurveyInvitationFactory(user=teacher, survey=SurveyFactory(status="closed"))
    SurveyInvitationFactory(user=teacher, survey=SurveyFactory(status="draft"))
    SurveyInvitationFactory()
    assert list(answering.invitations_for(teacher)) == [to_answer, closed, answered]


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_simultaneous_submissions_of_one_anonymous_invitation_record_one_response():
    """Two tabs submitting at the same moment (PostgreSQL): the invitation's row lock lets one
    through and refuses the other, although anonymous responses have no unique respondent."""
    s = build_survey()
    user = SurveyInvitationFactory(survey=s.survey).user
    barrier = threading.Barrier(4)
    outcomes: list[object] = []

    def run():
        try:
            barrier.wait(timeout=30)
            try:
                outcomes.append(response_submit(survey=s.survey, by=user, answers=full_answers(s)))
            except AnsweringError as error:
                outcomes.append(str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(map(str, outcomes)).count("You have already answered this survey.") == 3
    assert Response.objects.count() == 1
