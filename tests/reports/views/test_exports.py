"""/staff/exports/<name>.<csv|xlsx>: who may export, exactly the rows the list's filters show
(every page), formulas neutralised, bad links answered clearly, large exports as report runs,
and a constant number of queries."""

import pytest
from django.urls import reverse

from reports.models import ReportRun

from ...factories import AwardCategoryFactory, CountryFactory, SchoolFactory
from .._exports import (
    FORMULA,
    application,
    as_exported,
    body,
    cycle14,
    edition17,
    entry,
    many_applications,
    parse,
    pending_teacher,
    proposed_school,
    scored,
    scoring_setup,
    string_cells,
)

pytestmark = pytest.mark.django_db

FORMATS = ["csv", "xlsx"]


def url(name, format="csv", **params):
    from django.utils.http import urlencode

    base = reverse("reports:export", args=[name, format])
    return f"{base}?{urlencode(params, doseq=True)}" if params else base


def export(client, name, format="csv", **params) -> list[list]:
    response = client.get(url(name, format, **params))
    assert response.status_code == 200, response.content[:500]
    return parse(body(response), format)


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


# --- Who may export -------------------------------------------------------------------------


def test_anonymous_is_sent_to_log_in(client):
    edition17()
    response = client.get(url("conferences.applications", edition=17))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ["teacher", "judge"])
@pytest.mark.parametrize("name", ["conferences.applications", "awards.scores", "teachers.queue"])
def test_teachers_and_judges_get_403(client, request, role, name):
    edition17()
    client.force_login(request.getfixturevalue(role))
    response = client.get(url(name, edition=17))
    assert response.status_code == 403


def test_unknown_exporter_or_format_is_404(staff_client):
    edition17()
    assert staff_client.get(url("conferences.nothing", edition=17)).status_code == 404
    assert staff_client.get(url("conferences.applications", "pdf", edition=17)).status_code == 404


def test_missing_edition_is_404(staff_client):
    assert staff_client.get(url("conferences.applications", edition=99)).status_code == 404


@pytest.mark.parametrize(
    ("name", "params", "says"),
    [
        ("conferences.applications", {"edition": 17, "status": "nonsense"}, "Status"),
        ("conferences.applications", {}, "Say which edition"),
        ("conferences.participants", {"edition": 17, "country": "XX"}, "Country"),
        ("teachers.queue", {"region": "mars"}, "Region"),
        ("awards.entries", {"cycle": "fourteen"}, "Say which Awards cycle"),
        ("awards.scores", {"cycle": 14, "stage": "semi"}, "Say which stage"),
    ],
)
def test_invalid_filters_are_400_with_a_message(staff_client, name, params, says):
    edition17()
    cycle14()
    response = staff_client.get(url(name, **params))
    assert response.status_code == 400
    text = response.content.decode()
    assert "This export cannot be made" in text
    assert says in text


# --- Conference applications ------------------------------------------------------------------


@pytest.mark.parametrize("format", FORMATS)
def test_applications_export_is_exactly_the_filtered_list(staff_client, format):
    edition = edition17()
    wanted = application(edition, name="Aino Virtanen", status="approved")
    application(edition, name="Bruno Rejected", status="rejected")
    application(edition, name="Chiyo Japan", country="JP", status="approved")
    rows = export(
        staff_client,
        "conferences.applications",
        format,
        edition=17,
        status="approved",
        region="europe",
        page="2",
    )
    assert rows[0][:3] == ["Applied on", "Name", "E-mail"]
    assert [row[1:3] for row in rows[1:]] == [["Aino Virtanen", wanted.teacher.user.email]]
    assert rows[1][-1] == "Approved"


def test_applications_export_has_every_page_not_only_the_first(staff_client):
    edition = edition17()
    many_applications(edition, 60)  # the page shows 50
    rows = export(staff_client, "conferences.applications", edition=17)
    assert len(rows) == 61


def test_applications_export_of_another_edition_leaves_this_one_out(staff_client):
    from ...factories import EditionFactory

    edition = edition17()
    application(edition, name="In Seventeen")
    application(EditionFactory(number=16, status="held"), name="In Sixteen")
    rows = export(staff_client, "conferences.applications", edition=17)
    assert [row[1] for row in rows[1:]] == ["In Seventeen"]


@pytest.mark.parametrize("format", FORMATS)
def test_formulas_are_neutralised(staff_client, format):
    edition = edition17()
    application(edition, name=FORMULA)
    content = body(staff_client.get(url("conferences.applications", format, edition=17)))
    assert parse(content, format)[1][1] == as_exported(FORMULA, format)
    if format == "xlsx":
        assert string_cells(content) == {"s"}


def test_file_name_says_what_it_is(staff_client):
    edition17()
    response = staff_client.get(url("conferences.applications", "xlsx", edition=17))
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="classnet-conference-17-applications-')
    assert disposition.endswith('.xlsx"')
    assert response["Cache-Control"] == "private, no-store"


def test_empty_list_exports_the_header_only(staff_client):
    edition17()
    rows = export(staff_client, "conferences.applications", "xlsx", edition=17)
    assert len(rows) == 1


@pytest.mark.parametrize("count", [1, 50])
@pytest.mark.parametrize("format", FORMATS)
def test_applications_export_query_count_is_constant(
    staff_client, django_assert_num_queries, count, format
):
    edition = edition17()
    many_applications(edition, count)
    # session, user, permissions, edition + count, edition + rows
    with django_assert_num_queries(7):
        response = staff_client.get(url("conferences.applications", format, edition=17))
        rows = parse(body(response), format)
    assert len(rows) == count + 1


# --- Conference participants ------------------------------------------------------------------


@pytest.mark.parametrize("format", FORMATS)
def test_participants_export_is_exactly_the_filtered_list(staff_client, format):
    edition = edition17()
    application(edition, name="Aino Virtanen", status="approved")
    application(edition, name="Eero Attended", status="attended")
    application(edition, name="Not Yet", status="submitted")
    application(edition, name="Chiyo Japan", country="JP", status="approved")
    rows = export(staff_client, "conferences.participants", format, edition=17, country="FI")
    assert rows[0][0] == "Name"
    assert [row[0] for row in rows[1:]] == ["Aino Virtanen", "Eero Attended"]
    assert rows[1][7] == "Vegetarian"


@pytest.mark.parametrize("count", [1, 50])
def test_participants_export_query_count_is_constant(
    staff_client, django_assert_num_queries, count
):
    edition = edition17()
    many_applications(edition, count, status="approved")
    # session, user, permissions; count: edition, countries; rows: edition, countries,
    # applications, their check-ins
    with django_assert_num_queries(10):
        response = staff_client.get(url("conferences.participants", edition=17))
        rows = parse(body(response), "csv")
    assert len(rows) == count + 1


# --- Teacher and school queues ----------------------------------------------------------------


@pytest.mark.parametrize("format", FORMATS)
def test_teacher_queue_export_is_exactly_the_filtered_queue(staff_client, format):
    waiting = pending_teacher(name="Aino Waiting")
    pending_teacher(name="Chiyo Japan", country="JP")
    from ...factories import TeacherProfileFactory

    TeacherProfileFactory()  # verified: not in the queue
    finland = CountryFactory(code="FI")
    rows = export(staff_client, "teachers.queue", format, country=finland.pk)
    assert [row[1:3] for row in rows[1:]] == [["Aino Waiting", waiting.user.email]]


@pytest.mark.parametrize("count", [1, 20])
def test_teacher_queue_export_query_count_is_constant(
    staff_client, django_assert_num_queries, count
):
    for n in range(count):
        pending_teacher(name=f"Teacher {n}")
    # session, user, permissions, count, rows + subjects + languages
    with django_assert_num_queries(7):
        rows = parse(body(staff_client.get(url("teachers.queue"))), "csv")
    assert len(rows) == count + 1


@pytest.mark.parametrize("format", FORMATS)
def test_school_queue_export_is_exactly_the_queue(staff_client, format):
    proposed = proposed_school(name="Proposed School")
    SchoolFactory(name="Verified School")
    rows = export(staff_client, "schools.queue", format)
    assert [row[1] for row in rows[1:]] == ["Proposed School"]
    assert rows[1][7] == proposed.proposed_by.email


@pytest.mark.parametrize("count", [1, 20])
def test_school_queue_export_query_count_is_constant(
    staff_client, django_assert_num_queries, count
):
    for n in range(count):
        proposed_school(name=f"School {n}")
    with django_assert_num_queries(5):
        rows = parse(body(staff_client.get(url("schools.queue"))), "csv")
    assert len(rows) == count + 1


# --- Awards entries and scores ----------------------------------------------------------------


@pytest.mark.parametrize("format", FORMATS)
def test_entries_export_is_exactly_the_filtered_list(staff_client, format):
    cycle = cycle14()
    science = AwardCategoryFactory(cycle=cycle, name="Science")
    wanted = entry(cycle, title="Weather stations", category=science)
    entry(cycle, title="A draft", status="draft", category=science)
    entry(cycle, title="Other category")
    rows = export(
        staff_client, "awards.entries", format, cycle=14, status="submitted", category=science.pk
    )
    assert rows[0][:3] == ["Entry", "Collaboration", "Category"]
    assert [row[:3] for row in rows[1:]] == [
        [wanted.pk if format == "xlsx" else str(wanted.pk), "Weather stations", "Science"]
    ]


@pytest.mark.parametrize("count", [1, 20])
def test_entries_export_query_count_is_constant(staff_client, django_assert_num_queries, count):
    cycle = cycle14()
    for n in range(count):
        entry(cycle, title=f"Entry {n}")
    # session, user, permissions; count: cycle, count; rows: cycle, entries, memberships
    with django_assert_num_queries(8):
        rows = parse(body(staff_client.get(url("awards.entries", cycle=14))), "csv")
    assert len(rows) == count + 1


@pytest.mark.parametrize("format", FORMATS)
def test_scores_export_has_one_row_per_scorecard_and_criterion(staff_client, format):
    cycle = cycle14()
    stage, criteria, judges = scoring_setup(cycle)
    scored_entry = entry(cycle, title="Scored")
    scored(stage, scored_entry, judges, criteria, value=4)
    scored(stage, entry(cycle, title="Draft card"), judges[:1], criteria, submit=False)
    withdrawn = entry(cycle, title="Withdrawn")
    scored(stage, withdrawn, judges[:1], criteria)
    withdrawn.status = "withdrawn"
    withdrawn.save()
    rows = export(staff_client, "awards.scores", format, cycle=14, stage="shortlist")
    assert len(rows) == 1 + len(judges) * len(criteria)
    assert {row[1] for row in rows[1:]} == {"Scored"}
    assert sorted(row[4] for row in rows[1:]) == ["Impact", "Impact", "Reach", "Reach"]
    assert {str(row[6]) for row in rows[1:]} == {"4"}


def test_scores_export_of_a_missing_stage_is_404(staff_client):
    cycle14()
    assert staff_client.get(url("awards.scores", cycle=14, stage="final")).status_code == 404


@pytest.mark.parametrize("count", [1, 10])
def test_scores_export_query_count_is_constant(staff_client, django_assert_num_queries, count):
    cycle = cycle14()
    stage, criteria, judges = scoring_setup(cycle)
    for n in range(count):
        scored(stage, entry(cycle, title=f"Entry {n}"), judges, criteria)
    # session, user, permissions; count: cycle, stage, count; rows: cycle, stage, scores
    with django_assert_num_queries(9):
        rows = parse(
            body(staff_client.get(url("awards.scores", cycle=14, stage="shortlist"))), "csv"
        )
    assert len(rows) == 1 + count * 4


# --- Large exports ----------------------------------------------------------------------------


def test_large_export_becomes_a_report_run(staff_client, staff, settings, celery_eager):
    settings.EXPORT_SYNC_MAX_ROWS = 1
    edition = edition17()
    application(edition, name="Aino Virtanen", status="approved")
    application(edition, name="Bruno Approved", status="approved")
    application(edition, name="Not Approved", status="rejected")
    response = staff_client.get(
        url("conferences.applications", "csv", edition=17, status="approved", page="3")
    )
    run = ReportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == run.get_absolute_url()
    assert run.kind == ReportRun.Kind.EXPORT
    assert run.requested_by == staff
    assert run.parameters == {
        "exporter": "conferences.applications",
        "format": "csv",
        "params": {"edition": ["17"], "status": ["approved"]},
    }
    page = staff_client.get(response["Location"])
    assert "A large export is being prepared" in page.content.decode()


# --- The lists link to their exports ----------------------------------------------------------


def test_list_pages_link_to_their_exports_with_the_filters(staff_client):
    edition = edition17()
    application(edition, name="Aino Virtanen", status="approved")
    pending_teacher(name="Aino Waiting")
    proposed_school(name="Proposed School")
    cycle = cycle14()
    entry(cycle, title="Weather stations")
    scoring_setup(cycle)
    pages = [
        (
            reverse("conferences_staff:applications", args=[17]) + "?status=approved",
            url("conferences.applications", "xlsx") + "?edition=17&amp;status=approved",
        ),
        (
            reverse("conferences_staff:participants", args=[17]) + "?region=europe",
            url("conferences.participants", "csv") + "?edition=17&amp;region=europe",
        ),
        (
            reverse("staff:teacher_queue") + "?region=europe",
            url("teachers.queue") + "?region=europe",
        ),
        (reverse("staff:school_queue"), url("schools.queue") + "?"),
        (
            reverse("awards_staff:entries", args=[14]) + "?status=submitted",
            url("awards.entries", "xlsx") + "?cycle=14&amp;status=submitted",
        ),
        (
            reverse("awards_staff:results", args=[14, "shortlist"]),
            url("awards.scores") + "?cycle=14&amp;stage=shortlist&amp;",
        ),
    ]
    for page, link in pages:
        response = staff_client.get(page)
        assert response.status_code == 200, page
        assert f'href="{link}' in response.content.decode(), (page, link)
