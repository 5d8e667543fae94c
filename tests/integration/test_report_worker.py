"""Report runs end to end: a staff request, a real Celery worker on Redis generating the real
edition report (reports.edition.generate_edition_report) into private storage, and the
requester e-mailed once through the outbox."""

import pytest
from django.db import transaction

from classnet.celery import app as celery_app
from core.outbox.models import OutgoingEmail
from reports.models import ReportFile, ReportRun
from reports.services import run_request_edition
from reports.tasks import generate

from ..factories import AwardCycleFactory, EditionFactory, StaffFactory
from .support import wait_until

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

TIMEOUT = 60.0


@pytest.fixture
def report_worker(worker):
    """The worker, also sent the reports' tasks (the shared fixture routes only the outbox's)."""
    previous = celery_app.conf.task_routes
    celery_app.conf.task_routes = {**previous, "reports.*": {"queue": worker.queue}}
    _forget_routes()
    yield worker
    celery_app.conf.task_routes = previous
    _forget_routes()


def _forget_routes():
    # Celery builds its router once, from task_routes as they were then: rebuild it.
    celery_app.amqp.flush_routes()
    celery_app.amqp.__dict__.pop("router", None)


@pytest.fixture
def cleanup_files():
    yield
    for report_file in ReportFile.objects.all():
        report_file.file.storage.delete(report_file.file.name)


def wait_for_run(run: ReportRun, *statuses: str) -> ReportRun:
    return wait_until(
        lambda: ReportRun.objects.filter(pk=run.pk, status__in=statuses).first(),
        what=f"report run {run.pk} to become {' or '.join(statuses)}",
        timeout=TIMEOUT,
    )


def test_edition_report_generated_by_the_worker_stored_and_notified_once(
    report_worker, smtp_server, cleanup_files
):
    edition = EditionFactory(number=14, status="held")
    AwardCycleFactory(edition=edition)
    staff = StaffFactory(email="reports-staff@classnet.example")

    with transaction.atomic():
        run = run_request_edition(edition=edition, by=staff)

    run = wait_for_run(run, ReportRun.Status.DONE, ReportRun.Status.FAILED)
    assert (run.status, run.error, run.progress) == ("done", "", 100)
    assert run.started_at <= run.finished_at
    files = {f.format: f for f in ReportFile.objects.filter(run=run)}
    assert sorted(files) == ["csv", "pdf", "xlsx"]
    for report_file in files.values():
        with report_file.file.open("rb") as handle:
            content = handle.read()
        assert len(content) == report_file.size > 0
    assert files["pdf"].filename == "classnet-edition-14-report.pdf"
    with files["pdf"].file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    [email] = OutgoingEmail.objects.filter(to=[staff.email])
    assert run.title in email.subject
    assert run.notified_at is not None

    # A second delivery of the same task finds the run done: nothing generated, no e-mail.
    again = generate.apply_async(kwargs={"run_id": run.pk})
    assert report_worker.wait_for_result(again.id) == "False"
    assert OutgoingEmail.objects.filter(to=[staff.email]).count() == 1
    assert ReportFile.objects.filter(run=run).count() == 3
