"""reports/services.py: requesting, generating (claimed once, with progress), notifying once,
failing with a readable reason, retrying and cleaning old files."""

import datetime

import pytest
from celery import Task
from celery.exceptions import Retry
from django.db import OperationalError
from django.utils import timezone

from core.audit.models import AuditEntry
from core.outbox.models import OutgoingEmail
from reports import selectors, services
from reports.errors import ReportRunError
from reports.models import ReportFile, ReportRun

from ...factories import EditionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return EditionFactory(number=14, status="held")


def request(edition, staff, django_capture_on_commit_callbacks, execute=False):
    with django_capture_on_commit_callbacks(execute=execute) as callbacks:
        run = services.run_request_edition(edition=edition, by=staff)
    return run, callbacks


def emails_to(user):
    return OutgoingEmail.objects.filter(to=[user.email])


def test_request_edition_creates_a_queued_run_and_enqueues_after_commit(
    edition, staff, django_capture_on_commit_callbacks, monkeypatch
):
    sent = []
    monkeypatch.setattr(
        Task, "apply_async", lambda self, args=None, kwargs=None, **options: sent.append(kwargs)
    )

    run, callbacks = request(edition, staff, django_capture_on_commit_callbacks)

    assert sent == []  # nothing sent before the commit
    assert len(callbacks) == 1
    callbacks[0]()
    assert sent == [{"run_id": run.pk}]
    run.refresh_from_db()
    assert (run.kind, run.status, run.edition, run.requested_by, run.attempts, run.progress) == (
        "edition",
        "queued",
        edition,
        staff,
        1,
        0,
    )
    assert run.title == "14th edition report: Gender Equality: Reprogramming STEM Education"
    assert list(AuditEntry.objects.values_list("action", flat=True)) == ["report.requested"]


def test_request_edition_for_a_draft_is_refused_and_creates_nothing(staff):
    draft = EditionFactory(number=20, status="draft")

    with pytest.raises(ReportRunError, match="draft"):
        services.run_request_edition(edition=draft, by=staff)

    assert ReportRun.objects.count() == 0


def test_request_edition_eagerly_generates_stores_files_and_emails(
    edition, staff, fake_report, celery_eager, django_capture_on_commit_callbacks
):
    run, _ = request(edition, staff, django_capture_on_commit_callbacks, execute=True)

    run.refresh_from_db()
    assert (run.status, run.progress, run.error) == ("done", 100, "")
    assert run.started_at <= run.finished_at
    assert fake_report.calls == [edition.pk]
    assert emails_to(staff).count() == 1


def test_run_generate_stores_the_files_in_private_storage(
    edition, staff, fake_report, private_storage, django_capture_on_commit_callbacks
):
    run, _ = request(edition, staff, django_capture_on_commit_callbacks)

    assert services.run_generate(run_id=run.pk) is True

    csv, pdf = ReportFile.objects.filter(run=run).order_by("format")
    assert (csv.format, csv.filename, csv.size) == ("csv", "classnet-edition-14-report.csv", 29)
    assert (pdf.format, pdf.filename) == ("pdf", "classnet-edition-14-report.pdf")
    assert (private_storage / pdf.file.name).read_bytes().startswith(b"%PDF-1.4 fake report")
    assert pdf.file.name.startswith("reports/")
    assert pdf.file.name.endswith("/report.pdf")
    assert pdf.size == (private_storage / pdf.file.name).stat().st_size


def test_run_generate_twice_generates_once_and_emails_once(
    edition, staff, fake_report, django_capture_on_commit_callbacks
):
    run, _ = request(edition, staff, django_capture_on_commit_callbacks)

    first = services.run_generate(run_id=run.pk)
    second = services.run_generate(run_id=run.pk)

    assert (first, second) == (True, False)
    assert fake_report.calls == [edition.pk]
    assert ReportFile.objects.filter(run=run).count() == 2
    [email] = emails_to(staff)
    assert run.title in email.subject
    assert f"/staff/reports/{run.pk}/" in email.body
    run.refresh_from_db()
    assert run.notified_at is not None


def test_run_generate_skips_a_run_already_running(edition, staff, fake_report):
    run = ReportRun.objects.create(
        kind="edition", edition=edition, title="Running", requested_by=staff, status="running"
    )

    assert services.run_generate(run_id=run.pk) is False

    assert fake_report.calls == []
    run.refresh_from_db()
    assert run.status == "running"


def test_run_generate_of_a_missing_run_does_nothing(fake_report):
    assert services.run_generate(run_id=987654) is False
    assert fake_report.calls == []


def test_run_notify_twice_sends_one_email(edition, staff):
    run = ReportRun.objects.create(
        kind="edition", edition=edition, title="Done", requested_by=staff, status="done"
    )

    assert (services.run_notify(run_id=run.pk), services.run_notify(run_id=run.pk)) == (True, False)

    assert emails_to(staff).count() == 1


def test_run_generate_records_progress_only_when_it_changes(
    edition, staff, fake_report, monkeypatch, django_capture_on_commit_callbacks
):
    run, _ = request(edition, staff, django_capture_on_commit_callbacks)
    seen = []
    original_callback = services._progress_callback

    def spying_callback(run_id):
        callback = original_callback(run_id)

        def progress(percent):
            callback(percent)
            seen.append(ReportRun.objects.get(pk=run_id).progress)

        return progress

    monkeypatch.setattr(services, "_progress_callback", spying_callback)

    services.run_generate(run_id=run.pk)

    assert seen == [0, 50, 50, 100]


def test_progress_callback_writes_only_changes_and_clamps(
    edition, staff, django_assert_num_queries
):
    run = ReportRun.objects.create(
        kind="edition", edition=edition, title="Running", requested_by=staff, status="running"
    )
    progress = services._progress_callback(run.pk)

    with django_assert_num_queries(3):
        for percent in (10, 10, 10, 40, 40, 250):
            progress(percent)

    run.refresh_from_db()
    assert run.progress == 100


def test_run_generate_failure_marks_failed_with_a_readable_reason(
    edition, staff, fake_report, caplog, django_capture_on_commit_callbacks
):
    run, _ = request(edition, staff, django_capture_on_commit_callbacks)
    fake_report.error = KeyError("secret internal detail")

    assert services.run_generate(run_id=run.pk) is False

    run.refresh_from_db()
    assert run.status == "failed"
    assert run.finished_at is not None
    assert "unexpected error (KeyError)" in run.error
    assert "secret internal detail" not in run.error
    assert "Traceback" not in run.error
    assert ReportFile.objects.count() == 0
    assert emails_to(staff).count() == 0
    assert "Report run" in caplog.text
    assert "secret internal detail" in caplog.text


def test_run_generate_not_implemented_generator_says_so(
    edition, staff, fake_report, django_capture_on_commit_callbacks
):
    run, _ = request(edition, staff, django_capture_on_commit_callbacks)
    fake_report.error = NotImplementedError()

    services.run_generate(run_id=run.pk)

    run.refresh_from_db()
    assert (run.status, run.error) == (
        "failed",
        "This report cannot be generated yet: its generator is not finished.",
    )


def test_run_generate_transient_error_requeues_the_run_and_raises(
    edition, staff, fake_report, django_capture_on_commit_callbacks
):
    run, _ = request(edition, staff, django_capture_on_commit_callbacks)
    fake_report.error = OperationalError("server closed the connection")

    with pytest.raises(OperationalError):
        services.run_generate(run_id=run.pk)

    run.refresh_from_db()
    assert (run.status, run.started_at, run.progress) == ("queued", None, 0)


def test_generate_task_retries_transient_errors_then_marks_failed(
    edition, staff, fake_report, celery_eager, django_capture_on_commit_callbacks, monkeypatch
):
    from reports import tasks

    run, _ = request(edition, staff, django_capture_on_commit_callbacks)
    fake_report.error = ConnectionError("redis away")

    with pytest.raises(Retry, match="Retry in 2s"):
        tasks.generate.apply(kwargs={"run_id": run.pk})  # eager: Retry raised, not re-run
    run.refresh_from_db()
    assert run.status == "queued"

    result = tasks.generate.apply(kwargs={"run_id": run.pk}, retries=3)  # the last retry

    assert result.get() is False
    assert len(fake_report.calls) == 2
    run.refresh_from_db()
    assert run.status == "failed"
    assert "unavailable" in run.error


def test_run_retry_queues_a_new_attempt_and_enqueues(
    edition, staff, fake_report, django_capture_on_commit_callbacks, monkeypatch
):
    run, _ = request(edition, staff, django_capture_on_commit_callbacks)
    fake_report.error = KeyError("x")
    services.run_generate(run_id=run.pk)
    sent = []
    monkeypatch.setattr(
        Task, "apply_async", lambda self, args=None, kwargs=None, **options: sent.append(kwargs)
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.run_retry(run=run, by=staff)

    run.refresh_from_db()
    assert (run.status, run.attempts, run.error, run.progress, run.finished_at) == (
        "queued",
        2,
        "",
        0,
        None,
    )
    assert sent == [{"run_id": run.pk}]
    fake_report.error = None
    assert services.run_generate(run_id=run.pk) is True
    run.refresh_from_db()
    assert run.status == "done"
    assert emails_to(staff).count() == 1


@pytest.mark.parametrize("status", ["queued", "running", "done"])
def test_run_retry_refuses_a_run_that_did_not_fail(edition, staff, status):
    run = ReportRun.objects.create(
        kind="edition", edition=edition, title="R", requested_by=staff, status=status
    )

    with pytest.raises(ReportRunError, match="Only a failed report"):
        services.run_retry(run=run, by=staff)

    run.refresh_from_db()
    assert (run.status, run.attempts) == (status, 0)


def test_request_export_validates_exporter_and_format(staff, monkeypatch):
    monkeypatch.setattr(services, "exporter", lambda name: object() if name == "known" else None)

    with pytest.raises(ReportRunError, match="no such export"):
        services.run_request_export(
            exporter_name="unknown", format="csv", params={}, title="T", by=staff
        )
    with pytest.raises(ReportRunError, match="CSV or XLSX"):
        services.run_request_export(
            exporter_name="known", format="pdf", params={}, title="T", by=staff
        )
    run = services.run_request_export(
        exporter_name="known", format="xlsx", params={"q": ["a"]}, title="Applications", by=staff
    )

    assert (run.kind, run.status, run.title, run.parameters) == (
        "export",
        "queued",
        "Applications",
        {"exporter": "known", "format": "xlsx", "params": {"q": ["a"]}},
    )


def test_run_generate_export_uses_generate_export(
    staff, monkeypatch, tmp_path, django_capture_on_commit_callbacks
):
    from reports import export_files
    from reports.edition import GeneratedFile

    monkeypatch.setattr(services, "exporter", lambda name: object())

    def fake_export(*, run, directory, progress):
        progress(100)
        path = directory / "out.csv"
        path.write_text("a,b\n1,2\n")
        return GeneratedFile("csv", "applications.csv", path)

    monkeypatch.setattr(export_files, "generate_export", fake_export)
    with django_capture_on_commit_callbacks():
        run = services.run_request_export(
            exporter_name="x", format="csv", params={}, title="Applications", by=staff
        )

    assert services.run_generate(run_id=run.pk) is True

    [stored] = ReportFile.objects.filter(run=run)
    assert (stored.filename, stored.size) == ("applications.csv", 8)


def test_clean_old_files_deletes_old_files_and_marks_runs_expired(
    edition, staff, fake_report, private_storage, django_capture_on_commit_callbacks, settings
):
    settings.REPORT_FILES_KEEP_DAYS = 30
    old, _ = request(edition, staff, django_capture_on_commit_callbacks)
    recent, _ = request(edition, staff, django_capture_on_commit_callbacks)
    services.run_generate(run_id=old.pk)
    services.run_generate(run_id=recent.pk)
    ReportRun.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=31)
    )
    old_paths = [private_storage / f.file.name for f in ReportFile.objects.filter(run=old)]
    assert all(path.exists() for path in old_paths)

    with django_capture_on_commit_callbacks(execute=True):
        deleted = services.clean_old_files()

    assert deleted == 2
    assert not any(path.exists() for path in old_paths)
    assert ReportFile.objects.filter(run=old).count() == 0
    assert ReportFile.objects.filter(run=recent).count() == 2
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (selectors.files_expired(old), selectors.files_expired(recent)) == (True, False)
    assert old.status == "done"
    with django_capture_on_commit_callbacks(execute=True):
        assert services.clean_old_files() == 0


def test_clean_old_files_task_calls_the_service(edition, staff, celery_eager):
    from reports.tasks import clean_old_files

    assert clean_old_files.apply().get() == 0


def test_a_run_left_running_by_a_dead_worker_is_marked_failed_and_can_be_retried(
    staff, celery_eager
):
    import datetime

    from django.utils import timezone

    from reports.models import ReportRun
    from reports.tasks import fail_stuck_runs

    now = timezone.now()
    stuck = ReportRun.objects.create(
        kind="edition",
        title="14th edition report",
        requested_by=staff,
        status="running",
        started_at=now - datetime.timedelta(minutes=30),
    )
    working = ReportRun.objects.create(
        kind="edition",
        title="15th edition report",
        requested_by=staff,
        status="running",
        started_at=now - datetime.timedelta(minutes=2),
    )

    assert fail_stuck_runs.apply().get() == 1
    assert fail_stuck_runs.apply().get() == 0

    stuck.refresh_from_db()
    working.refresh_from_db()
    assert (stuck.status, working.status) == ("failed", "running")
    assert "interrupted" in stuck.error
