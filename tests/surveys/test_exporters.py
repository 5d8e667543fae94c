import csv
import io
from datetime import UTC, datetime

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core.exports import exporter
from surveys.models import Question
from tests.factories import TeacherProfileFactory
from tests.surveys.results_data import add_question, make_survey, respond

pytestmark = pytest.mark.django_db

K = Question.Kind
HEADER = ["Response", "Submitted on", "Country", "Region", "School kind"]


def _export(client, survey, format="csv", **filters):
    return client.get(
        reverse("reports:export", args=["surveys.responses", format]),
        {"survey": survey.pk, **filters},
    )


def _csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


@pytest.fixture
def named_survey():
    """A named survey: its responses know their respondent, who must still not be exported."""
    survey = make_survey(title="Named one", anonymous=False)
    single = add_question(survey, K.SINGLE, "Online?", choices=["Yes", "No"])
    multiple = add_question(survey, K.MULTIPLE, "Tools?", choices=["Mail", "Video", "Wiki"])
    likert = add_question(survey, K.LIKERT, "Helpful?")
    number = add_question(survey, K.NUMBER, "Students?")
    text = add_question(survey, K.SHORT_TEXT, "Comment?", required=False)
    ada = TeacherProfileFactory(
        user__full_name="Ada Lovelace", user__email="ada@lovelace.example"
    ).user
    respond(
        survey,
        {single: "Yes", multiple: ["Wiki", "Mail"], likert: 4, number: 27, text: "=1+1 fine"},
        respondent=ada,
        submitted_at=datetime(2026, 3, 4, 9, 30, tzinfo=UTC),
    )
    respond(
        survey,
        {single: "No", likert: 2},
        country="JP",
        school_kind="vocational",
        submitted_at=datetime(2026, 3, 5, 15, 0, tzinfo=UTC),
    )
    return survey


def test_exporter_is_registered():
    assert exporter("surveys.responses").title == "Responses to a survey (anonymised)"


def test_export_csv_one_row_per_response_without_names(client, staff, named_survey):
    client.force_login(staff)

    response = _export(client, named_survey)

    rows = _csv(response)
    assert response.status_code == 200
    assert rows == [
        [*HEADER, "Online?", "Tools?", "Helpful?", "Students?", "Comment?"],
        ["1", "2026-03-04", "Finland", "Europe", "Secondary school", "Yes", "Mail; Wiki", "4",
         "27", "'=1+1 fine"],
        ["2", "2026-03-05", "Japan", "Asia", "Vocational school", "No", "", "2", "", ""],
    ]  # fmt: skip
    content = "\n".join(",".join(row) for row in rows)
    assert "Ada" not in content
    assert "lovelace" not in content.lower()


def test_export_xlsx_has_the_same_rows(client, staff, named_survey):
    client.force_login(staff)

    response = _export(client, named_survey, "xlsx")

    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = [list(row) for row in workbook.active.iter_rows(values_only=True)]
    assert rows[0] == [*HEADER, "Online?", "Tools?", "Helpful?", "Students?", "Comment?"]
    assert rows[2][:6] == [2, "2026-03-05", "Japan", "Asia", "Vocational school", "No"]
    assert not any("Ada" in str(cell) for row in rows for cell in row)


def test_export_follows_the_filters(client, staff, named_survey):
    client.force_login(staff)

    rows = _csv(_export(client, named_survey, region="asia"))

    assert [row[:3] for row in rows[1:]] == [["1", "2026-03-05", "Japan"]]


def test_export_without_a_survey_says_so(client, staff):
    client.force_login(staff)

    response = client.get(reverse("reports:export", args=["surveys.responses", "csv"]))

    assert response.status_code == 400
    assert "Say which survey to export" in response.content.decode()


def test_export_with_a_bad_filter_says_so(client, staff, named_survey):
    client.force_login(staff)

    response = _export(client, named_survey, region="mars")

    assert response.status_code == 400
    assert "Region:" in response.content.decode()


def test_export_of_a_missing_survey_is_404(client, staff):
    client.force_login(staff)

    response = client.get(
        reverse("reports:export", args=["surveys.responses", "csv"]), {"survey": "999999"}
    )

    assert response.status_code == 404


@pytest.mark.parametrize("role", ["teacher", "judge"])
def test_export_forbidden_to_non_staff(client, named_survey, role, request):
    client.force_login(request.getfixturevalue(role))

    response = _export(client, named_survey)

    assert response.status_code == 403


def test_export_header_follows_each_survey_exported(client, staff, named_survey):
    other = make_survey(title="Other")
    add_question(other, K.NUMBER, "Years of teaching?")
    client.force_login(staff)

    first = _csv(_export(client, named_survey))[0]
    second = _csv(_export(client, other))[0]

    assert first[5:] == ["Online?", "Tools?", "Helpful?", "Students?", "Comment?"]
    assert second == [*HEADER, "Years of teaching?"]


def test_anonymous_exports_are_dated_by_month_only():
    import datetime
    from types import SimpleNamespace

    from surveys.exporters import _when

    response = SimpleNamespace(submitted_at=datetime.datetime(2026, 6, 15, 9, tzinfo=datetime.UTC))

    assert _when(response, anonymous=True) == "2026-06"
    assert _when(response, anonymous=False) == "2026-06-15"
