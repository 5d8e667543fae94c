import pytest
from django.urls import reverse

from surveys.models import Question
from tests.factories import TeacherProfileFactory
from tests.surveys.results_data import add_question, invite, make_survey, respond

pytestmark = pytest.mark.django_db

K = Question.Kind


def _url(survey) -> str:
    return reverse("surveys_staff:results", args=[survey.pk])


@pytest.fixture
def survey():
    survey = make_survey(title="Partnerships 2026")
    single = add_question(survey, K.SINGLE, "Do you teach online?", choices=["Yes", "No"])
    likert = add_question(survey, K.LIKERT, "Partners help.", scale_low_label="Not at all")
    text = add_question(survey, K.LONG_TEXT, "What would you change?", required=False)
    respond(survey, {single: "Yes", likert: 4, text: "More <b>time</b>"}, country="FI")
    respond(survey, {single: "No", likert: 3, text: "Fewer forms"}, country="JP")
    invite(survey, TeacherProfileFactory().user, answered=True)
    invite(survey, TeacherProfileFactory().user)
    return survey


def test_results_anonymous_visitor_is_sent_to_log_in(client, survey):
    response = client.get(_url(survey))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ["teacher", "other_teacher", "judge"])
def test_results_forbidden_to_non_staff(client, survey, role, request):
    client.force_login(request.getfixturevalue(role))

    response = client.get(_url(survey))

    assert response.status_code == 403
    assert b"Fewer forms" not in response.content


def test_results_page_for_staff(client, staff, survey):
    client.force_login(staff)

    response = client.get(_url(survey))

    html = response.content.decode()
    assert response.status_code == 200
    assert "50.0%" in html  # 1 of 2 invited answered
    assert "Response rate by region" in html
    assert "Response rate by country" in html
    assert 'id="chart-q' in html  # a chart per choice question
    assert "Mean <strong>3.50</strong>" in html
    assert "More &lt;b&gt;time&lt;/b&gt;" in html
    assert "Fewer forms" in html
    assert reverse("surveys_staff:results_export", args=[survey.pk, "csv"]) in html


def test_results_filters_narrow_the_answers(client, staff, survey):
    client.force_login(staff)

    response = client.get(_url(survey), {"region": "asia"})

    html = response.content.decode()
    assert response.context["found"].respondents == 1
    assert "Fewer forms" in html
    assert "More &lt;b&gt;time" not in html
    assert 'results.csv?region=asia"' in html


def test_results_bad_filter_is_ignored_with_a_message(client, staff, survey):
    client.force_login(staff)

    response = client.get(_url(survey), {"region": "mars", "country": "abc"})

    assert response.status_code == 200
    assert response.context["found"].respondents == 2
    assert "A filter was not valid and is ignored" in response.content.decode()


def test_results_of_a_missing_survey_is_404(client, staff):
    client.force_login(staff)

    assert client.get(reverse("surveys_staff:results", args=[999999])).status_code == 404


def _survey_of(questions: int, responses: int):
    survey = make_survey()
    kinds = [K.SINGLE, K.MULTIPLE, K.LIKERT, K.NUMBER, K.SHORT_TEXT]
    made = [
        add_question(survey, kinds[i % 5], f"Question {i}", choices=["A", "B"])
        for i in range(questions)
    ]
    values = {K.SINGLE: "A", K.MULTIPLE: ["B"], K.LIKERT: 2, K.NUMBER: 7, K.SHORT_TEXT: "x"}
    for index in range(responses):
        respond(
            survey,
            {question: values[question.kind] for question in made},
            country="JP" if index % 3 else "FI",
        )
        invite(survey, TeacherProfileFactory().user, answered=True)
    return survey


@pytest.mark.parametrize(("questions", "responses"), [(1, 1), (10, 50)])
def test_results_page_query_count_is_fixed(
    client, staff, django_assert_num_queries, questions, responses
):
    survey = _survey_of(questions, responses)
    client.force_login(staff)

    with django_assert_num_queries(16):
        response = client.get(_url(survey), {"school_kind": "secondary"})

    assert response.context["found"].respondents == responses


def test_results_export_redirects_to_the_reports_export_with_the_filters(client, staff, survey):
    client.force_login(staff)

    response = client.get(
        reverse("surveys_staff:results_export", args=[survey.pk, "xlsx"]),
        {"region": "europe", "school_kind": "high", "page": "3"},
    )

    assert response.status_code == 302
    assert response.url == (
        reverse("reports:export", args=["surveys.responses", "xlsx"])
        + f"?survey={survey.pk}&region=europe&school_kind=high"
    )


def test_results_export_of_an_unknown_format_is_404(client, staff, survey):
    client.force_login(staff)

    response = client.get(reverse("surveys_staff:results_export", args=[survey.pk, "pdf"]))

    assert response.status_code == 404


@pytest.mark.parametrize("role", ["teacher", "judge"])
def test_results_export_forbidden_to_non_staff(client, survey, role, request):
    client.force_login(request.getfixturevalue(role))

    response = client.get(reverse("surveys_staff:results_export", args=[survey.pk, "csv"]))

    assert response.status_code == 403


def test_results_export_anonymous_visitor_is_sent_to_log_in(client, survey):
    response = client.get(reverse("surveys_staff:results_export", args=[survey.pk, "csv"]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_results_export_of_a_missing_survey_is_404(client, staff):
    client.force_login(staff)

    response = client.get(reverse("surveys_staff:results_export", args=[999999, "csv"]))

    assert response.status_code == 404
