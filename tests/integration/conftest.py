"""Fixtures for the integration tests: a real SMTP server and a real Celery worker on Redis.

The worker and the SMTP server start once per module; each test gets them reset. The worker
consumes a queue named for this run only, so nothing left in Redis by another run (or another
worker on the same Redis database) can reach it, and its messages reach nobody else.
"""

import os
import uuid
from urllib.parse import urlsplit

import pytest
from django.db import connection

from classnet.celery import app as celery_app

from .support import CeleryWorker, SmtpServer, worker_env


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """When a test fails, show what the worker logged during it."""
    report = yield
    worker = getattr(item, "funcargs", {}).get("worker")
    if report.failed and isinstance(worker, CeleryWorker):
        report.sections.append(("Celery worker log", worker.log(since_test_start=True)))
    return report


@pytest.fixture(scope="module")
def _smtp_server():
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def smtp_server(_smtp_server):
    """The local SMTP server the worker delivers to: what it received, and refusals to script."""
    _smtp_server.reset()
    return _smtp_server


def _test_database_url() -> str:
    # pytest-django has switched the connection to the test database: point the worker there,
    # keeping everything else (credentials, host, options) from DATABASE_URL.
    return (
        urlsplit(os.environ["DATABASE_URL"])
        ._replace(path=f"/{connection.settings_dict['NAME']}")
        .geturl()
    )


@pytest.fixture(scope="module")
def _worker_process(django_db_setup, _smtp_server, tmp_path_factory):
    worker = CeleryWorker(
        env=worker_env(
            database_url=_test_database_url(),
            email_url=f"smtp://127.0.0.1:{_smtp_server.port}",
        ),
        log_path=tmp_path_factory.mktemp("celery") / "worker.log",
        queue=f"itest-{uuid.uuid4().hex[:12]}",
    )
    try:
        worker.wait_ready()
    except BaseException:
        worker.stop()
        raise
    yield worker
    worker.stop()


@pytest.fixture
def worker(_worker_process):
    """The running worker; this process's Celery app sends it tasks for real (not eagerly)."""
    previous = {
        "task_always_eager": celery_app.conf.task_always_eager,
        "task_routes": celery_app.conf.task_routes,
    }
    celery_app.conf.update(
        task_always_eager=False,
        task_routes={"outbox.*": {"queue": _worker_process.queue}},
    )
    _worker_process.start_test()
    yield _worker_process
    celery_app.conf.update(previous)
