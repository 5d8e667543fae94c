from decimal import Decimal

import pytest

from schools.models import Region
from surveys.models import Question
from surveys.selectors import results
from surveys.selectors.results import Bar, Filters, percent, question_results, response_rates
from tests.factories import CountryFactory, StaffFactory, TeacherProfileFactory
from tests.surveys.results_data import add_question, invite, make_survey, respond

pytestmark = pytest.mark.django_db

K = Question.Kind


def _result(found, question):
    return next(result for result in found.questions if result.question == question)


def test_percent_rounds_half_up_and_is_zero_of_nobody():
    assert percent(2, 3) == Decimal("66.7")
    assert percent(1, 8) == Decimal("12.5")
    assert percent(0, 0) == Decimal("0.0")


def test_single_choice_counts_and_percentages():
    survey = make_survey()
    question = add_question(survey, K.SINGLE, "Your main subject?", choices=["Maths", "Art", "PE"])
    for label in ["Maths", "Maths", "Art", "Maths", "Art"]:
        respond(survey, {question: label})

    found = question_results(survey=survey)

    assert found.respondents == 5
    result = _result(found, question)
    assert result.answered == 5
    assert result.bars == [
        Bar("Maths", 3, Decimal("60.0")),
        Bar("Art", 2, Decimal("40.0")),
        Bar("PE", 0, Decimal("0.0")),
    ]


def test_multiple_choice_shares_are_of_the_respondents_to_the_question():
    survey = make_survey()
    question = add_question(survey, K.MULTIPLE, "Tools you use?", choices=["Mail", "Video", "Wiki"])
    other = add_question(survey, K.SHORT_TEXT, "Anything else?", required=False)
    for labels in [["Mail", "Video"], ["Mail"], ["Video", "Wiki"], ["Mail"]]:
        respond(survey, {question: labels})
    respond(survey, {other: "Skipped the tools"})  # did not answer the multiple choice

    result = _result(question_results(survey=survey), question)

    assert result.answered == 4
    assert result.bars == [
        Bar("Mail", 3, Decimal("75.0")),
        Bar("Video", 2, Decimal("50.0")),
        Bar("Wiki", 1, Decimal("25.0")),
    ]


def test_likert_mean_levels_and_distribution():
    survey = make_survey()
    question = add_question(
        survey,
        K.LIKERT,
        "Partnerships help my students.",
        scale_low_label="Strongly disagree",
        scale_high_label="Strongly agree",
    )
    for level in [5, 4, 3, 2, 3]:
        respond(survey, {question: level})

    result = _result(question_results(survey=survey), question)

    assert result.mean == Decimal("3.40")
    assert result.bars == [
        Bar("1 · Strongly disagree", 0, Decimal("0.0")),
        Bar("2", 1, Decimal("20.0")),
        Bar("3", 2, Decimal("40.0")),
        Bar("4", 1, Decimal("20.0")),
        Bar("5 · Strongly agree", 1, Decimal("20.0")),
    ]


def test_number_summary():
    survey = make_survey()
    question = add_question(survey, K.NUMBER, "Students in your class?")
    for number in [30, 10, 40, 20, 20]:
        respond(survey, {question: number})

    result = _result(question_results(survey=survey), question)

    assert (result.answered, result.mean, result.median) == (5, Decimal("24.00"), Decimal("20.00"))
    assert (result.minimum, result.maximum) == (10, 40)
    assert result.bars == []


def test_number_median_of_an_even_count_is_the_middle_pair_mean():
    survey = make_survey()
    question = add_question(survey, K.NUMBER, "Years of teaching?")
    for number in [1, 2, 4, 9]:
        respond(survey, {question: number})

    result = _result(question_results(survey=survey), question)

    assert (result.mean, result.median) == (Decimal("4.00"), Decimal("3.00"))


def test_text_answers_listed_without_empty_ones_and_capped(monkeypatch):
    monkeypatch.setattr(results, "TEXT_CAP", 2)
    survey = make_survey()
    question = add_question(survey, K.LONG_TEXT, "What would you change?", required=False)
    for text in ["More time", "", "Shorter calls", "Nothing"]:
        respond(survey, {question: text})

    result = _result(question_results(survey=survey), question)

    assert result.answered == 3
    assert result.texts == ["More time", "Nothing"]  # alphabetical, never in order given
    assert result.texts_capped is True


def test_a_question_nobody_answered_has_zeroes():
    survey = make_survey()
    question = add_question(survey, K.LIKERT, "Calm?")

    result = _result(question_results(survey=survey), question)

    assert (result.answered, result.mean) == (0, None)
    assert [bar.count for bar in result.bars] == [0, 0, 0, 0, 0]


def test_filters_by_region_country_and_school_kind():
    survey = make_survey()
    question = add_question(survey, K.SINGLE, "Online?", choices=["Yes", "No"])
    respond(survey, {question: "Yes"}, country="FI", school_kind="secondary")
    respond(survey, {question: "No"}, country="FI", school_kind="vocational")
    respond(survey, {question: "No"}, country="JP", school_kind="secondary")
    respond(survey, {question: "Yes"}, country="DE", school_kind="high")

    def counts(filters):
        found = question_results(survey=survey, filters=filters)
        return found.respondents, [bar.count for bar in _result(found, question).bars]

    assert counts(Filters()) == (4, [2, 2])
    assert counts(Filters(region=Region.EUROPE)) == (3, [2, 1])
    assert counts(Filters(region=Region.ASIA)) == (1, [0, 1])
    assert counts(Filters(country=CountryFactory(code="FI"))) == (2, [1, 1])
    assert counts(Filters(school_kind="secondary")) == (2, [1, 1])
    assert counts(Filters(region=Region.EUROPE, school_kind="high")) == (1, [1, 0])


def test_results_of_one_survey_ignore_another():
    survey, other = make_survey(), make_survey(title="Other")
    question = add_question(survey, K.LIKERT, "Calm?")
    other_question = add_question(other, K.LIKERT, "Calm?")
    respond(survey, {question: 2})
    respond(other, {other_question: 5})

    found = question_results(survey=survey)

    assert found.respondents == 1
    assert _result(found, question).mean == Decimal("2.00")


def _survey_of(questions: int, responses: int):
    survey = make_survey()
    kinds = [K.SINGLE, K.MULTIPLE, K.LIKERT, K.NUMBER, K.SHORT_TEXT]
    made = [
        add_question(survey, kinds[i % 5], f"Question {i}", choices=["A", "B"])
        for i in range(questions)
    ]
    values = {K.SINGLE: "A", K.MULTIPLE: ["A", "B"], K.LIKERT: 4, K.NUMBER: 7, K.SHORT_TEXT: "x"}
    for _ in range(responses):
        respond(survey, {question: values[question.kind] for question in made})
    return survey


@pytest.mark.parametrize(("questions", "responses"), [(1, 1), (10, 50)])
def test_question_results_query_count_is_fixed(django_assert_num_queries, questions, responses):
    survey = _survey_of(questions, responses)

    with django_assert_num_queries(7):
        found = question_results(survey=survey, filters=Filters(region=Region.EUROPE))

    assert found.respondents == responses


def test_response_rates_by_region_and_country():
    survey = make_survey()
    japan = CountryFactory(code="JP")
    for answered in (True, True, False):
        invite(survey, TeacherProfileFactory().user, answered=answered)  # Finland
    invite(survey, TeacherProfileFactory(user__country=japan).user)
    invite(survey, StaffFactory())  # no school: counted under Unknown

    rates = response_rates(survey=survey)

    assert (rates.overall.invited, rates.overall.answered, rates.overall.rate) == (
        5,
        2,
        Decimal("40.0"),
    )
    assert [(r.label, r.invited, r.answered, r.rate) for r in rates.regions] == [
        ("Asia", 1, 0, Decimal("0.0")),
        ("Europe", 3, 2, Decimal("66.7")),
        ("Unknown", 1, 0, Decimal("0.0")),
    ]
    assert [(r.label, r.invited, r.answered) for r in rates.countries] == [
        ("Finland", 3, 2),
        ("Japan", 1, 0),
        ("Unknown", 1, 0),
    ]


@pytest.mark.parametrize("people", [1, 12])
def test_response_rates_in_one_query(django_assert_num_queries, people):
    survey = make_survey()
    for index in range(people):
        invite(survey, TeacherProfileFactory().user, answered=index % 2 == 0)

    with django_assert_num_queries(1):
        rates = response_rates(survey=survey)

    assert rates.overall.invited == people
