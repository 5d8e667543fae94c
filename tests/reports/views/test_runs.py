"""reports/views/runs.py: the runs list, a run's page (refreshing, JSON, retry), downloads and
the edition report page, for every role."""

import pytest
from celery import Task
from django.conf import settings
from django.urls import reverse

from conferences.models import Edition
from reports import services
from reports.models import ReportFile, ReportRun

from ...factories import EditionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return EditionFactory(number=14, status="held")


def make_run(edition, staff, status="done", **fields):
    return ReportRun.objects.create(
        kind="edition",
        edition=edition,
        title=f"Report on edition {edition.number}",
        requested_by=staff,
        status=status,
        **fields,
    )


@pytest.fixture
def done_run(edition, staff, fake_report, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        run = services.run_request_edition(edition=edition, by=staff)
    services.run_generate(run_id=run.pk)
    run.refresh_from_db()
    return run


def urls_for(run, edition):
    return [
        reverse("reports:runs"),
        reverse("reports:run", args=[run.pk]),
        reverse("reports:download", args=[run.pk, "pdf"]),
        reverse("reports:edition_report", args=[edition.number]),
    ]


def test_pages_send_anonymous_visitors_to_log_in(client, done_run, edition):
    for url in urls_for(done_run, edition):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ["teacher", "judge"])
def test_pages_refuse_teachers_and_judges(client, done_run, edition, role, request):
    client.force_login(request.getfixturevalue(role))

    for url in urls_for(done_run, edition):
        assert client.get(url).status_code == 403
    response = client.post(reverse("reports:edition_report", args=[edition.number]))
    assert response.status_code == 403
    assert ReportRun.objects.count() == 1


# --- The list ---------------------------------------------------------------------------------


def test_runs_lists_newest_first_with_status_and_downloads(client, staff, done_run, edition):
    failed = make_run(edition, staff, status="failed", error="Boom")
    running = make_run(edition, staff, status="running", progress=40)
    client.force_login(staff)

    response = client.get(reverse("reports:runs"))

    assert response.status_code == 200
    assert [run.pk for run in response.context["rows"]] == [running.pk, failed.pk, done_run.pk]
    html = response.content.decode()
    assert "Running · 40%" in html
    assert reverse("reports:download", args=[done_run.pk, "pdf"]) in html
    assert reverse("reports:download", args=[done_run.pk, "csv"]) in html
    assert reverse("reports:download", args=[failed.pk, "pdf"]) not in html


def test_runs_empty_state(client, staff):
    client.force_login(staff)

    response = client.get(reverse("reports:runs"))

    assert "No report requested yet" in response.content.decode()


@pytest.mark.parametrize("count", [1, 30])
def test_runs_queries_do_not_grow_with_rows(
    client, staff, edition, count, django_assert_num_queries
):
    for _ in range(count):
        run = make_run(edition, staff)
        ReportFile.objects.create(run=run, format="pdf", filename="r.pdf", file="x/r.pdf", size=3)
    client.force_login(staff)

    with django_assert_num_queries(10):
        response = client.get(reverse("reports:runs"))

    assert len(response.context["rows"]) == min(count, 25)


def test_runs_edition_choices_exclude_drafts_and_put_held_first(client, staff, edition):
    EditionFactory(number=20, status="draft", title="Draft one")
    EditionFactory(number=21, status="published", title="Published one")
    client.force_login(staff)

    response = client.get(reverse("reports:runs"))

    assert [e.number for e in response.context["editions"]] == [14, 21]
    assert "Draft one" not in response.content.decode()


def test_runs_post_requests_the_edition_report(
    client, staff, edition, django_capture_on_commit_callbacks, monkeypatch
):
    sent = []
    monkeypatch.setattr(
        Task, "apply_async", lambda self, args=None, kwargs=None, **options: sent.append(kwargs)
    )
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:runs"), {"edition": edition.pk})

    [run] = ReportRun.objects.all()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:run", args=[run.pk])
    assert (run.edition, run.status, run.requested_by) == (edition, "queued", staff)
    assert sent == [{"run_id": run.pk}]


@pytest.mark.parametrize("value", ["", "999999", "abc"])
def test_runs_post_bad_edition_shows_a_message_and_creates_nothing(client, staff, value):
    draft = EditionFactory(number=20, status="draft")
    client.force_login(staff)

    for posted in (value, str(draft.pk)):
        response = client.post(reverse("reports:runs"), {"edition": posted})
        assert response.status_code == 400
        assert response.context["form"].errors["edition"]
    assert ReportRun.objects.count() == 0


# --- The edition report page ------------------------------------------------------------------


def test_edition_report_lists_its_runs_only(client, staff, edition):
    mine = make_run(edition, staff)
    other = make_run(EditionFactory(number=15, status="held"), staff)
    client.force_login(staff)

    response = client.get(reverse("reports:edition_report", args=[edition.number]))

    assert response.status_code == 200
    assert [run.pk for run in response.context["rows"]] == [mine.pk]
    assert other.get_absolute_url() not in response.content.decode()
    assert "Generate the report" in response.content.decode()


def test_edition_report_post_requests_and_redirects_to_the_run(
    client, staff, edition, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(Task, "apply_async", lambda self, args=None, kwargs=None, **options: None)
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:edition_report", args=[edition.number]))

    [run] = ReportRun.objects.all()
    assert response["Location"] == run.get_absolute_url()


@pytest.mark.parametrize("method", ["get", "post"])
def test_edition_report_draft_or_unknown_is_404_and_creates_nothing(client, staff, method):
    EditionFactory(number=20, status=Edition.Status.DRAFT)
    client.force_login(staff)

    for number in (20, 99):
        url = reverse("reports:edition_report", args=[number])
        assert getattr(client, method)(url).status_code == 404
    assert ReportRun.objects.count() == 0


# --- One run ----------------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["queued", "running"])
def test_run_page_refreshes_itself_while_working(client, staff, edition, status):
    run = make_run(edition, staff, status=status, progress=30)
    client.force_login(staff)

    html = client.get(run.get_absolute_url()).content.decode()

    assert '<meta http-equiv="refresh" content="2">' in html
    assert 'aria-valuenow="30"' in html


def test_run_page_done_shows_files_without_refresh(client, staff, done_run):
    client.force_login(staff)

    html = client.get(done_run.get_absolute_url()).content.decode()

    assert 'http-equiv="refresh"' not in html
    assert "classnet-edition-14-report.pdf" in html
    assert reverse("reports:download", args=[done_run.pk, "csv"]) in html
    assert "Try again" not in html


def test_run_page_json_variant(client, staff, edition):
    run = make_run(edition, staff, status="running", progress=55)
    client.force_login(staff)

    response = client.get(run.get_absolute_url(), {"format": "json"})

    assert response.json() == {
        "status": "running",
        "status_label": "Running",
        "progress": 55,
        "working": True,
    }


def test_run_page_failed_shows_reason_and_retry(client, staff, edition):
    run = make_run(edition, staff, status="failed", error="The data was unavailable.")
    client.force_login(staff)

    html = client.get(run.get_absolute_url()).content.decode()

    assert "The data was unavailable." in html
    assert "Try again" in html


def test_run_page_retry_queues_a_new_attempt(
    client, staff, edition, django_capture_on_commit_callbacks, monkeypatch
):
    sent = []
    monkeypatch.setattr(
        Task, "apply_async", lambda self, args=None, kwargs=None, **options: sent.append(kwargs)
    )
    run = make_run(edition, staff, status="failed", error="Boom", attempts=1)
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(run.get_absolute_url())

    assert response["Location"] == run.get_absolute_url()
    run.refresh_from_db()
    assert (run.status, run.attempts, run.error) == ("queued", 2, "")
    assert sent == [{"run_id": run.pk}]


def test_run_page_retry_of_a_done_run_says_why(client, staff, done_run):
    client.force_login(staff)

    response = client.post(done_run.get_absolute_url(), follow=True)

    assert "Only a failed report can be tried again." in response.content.decode()
    done_run.refresh_from_db()
    assert (done_run.status, done_run.attempts) == ("done", 1)


def test_run_page_unknown_is_404(client, staff):
    client.force_login(staff)

    assert client.get(reverse("reports:run", args=[424242])).status_code == 404


# --- Downloads --------------------------------------------------------------------------------


def test_download_streams_the_file_as_an_attachment(client, staff, done_run):
    client.force_login(staff)

    response = client.get(reverse("reports:download", args=[done_run.pk, "pdf"]))

    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="classnet-edition-14-report.pdf"'
    )
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.4 fake report")
    response = client.get(reverse("reports:download", args=[done_run.pk, "csv"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert b"".join(response.streaming_content) == b"figure,value\nparticipants,42\n"


@pytest.mark.parametrize("format", ["xlsx", "exe", "PDF"])
def test_download_unknown_format_or_missing_file_is_404(client, staff, done_run, format):
    client.force_login(staff)

    assert client.get(reverse("reports:download", args=[done_run.pk, format])).status_code == 404


def test_download_of_another_run_or_a_deleted_file_is_404(client, staff, done_run, edition):
    other = make_run(edition, staff)
    client.force_login(staff)
    assert client.get(reverse("reports:download", args=[other.pk, "pdf"])).status_code == 404

    stored = done_run.files.get(format="pdf")
    stored.file.storage.delete(stored.file.name)

    assert client.get(reverse("reports:download", args=[done_run.pk, "pdf"])).status_code == 404


def test_stored_path_is_not_served_by_url(client, staff, done_run):
    client.force_login(staff)
    stored = done_run.files.get(format="pdf")

    for prefix in (settings.MEDIA_URL, "/private/", "/var/private/"):
        assert client.get(f"{prefix.rstrip('/')}/{stored.file.name}").status_code == 404
