"""Request ids: taken from the proxy when well formed, made up otherwise, on every log record
of the request (Django's own response log too) and carried into the tasks it sends."""

import logging
import re
from types import SimpleNamespace

import pytest

from core import request_id
from core.request_id import RequestIdFilter, current_request_id

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.core.urls_logging")]


class FakeTask:
    """What the prerun signal hands over: a task whose request holds the message's headers."""

    def __init__(self, **headers):
        self.request = SimpleNamespace(**headers)


@pytest.fixture
def records(caplog):
    caplog.set_level(logging.INFO)
    caplog.handler.addFilter(RequestIdFilter())
    return caplog


def test_without_a_header_a_new_id_is_made_and_sent_back(client):
    first = client.get("/logs/")["X-Request-ID"]
    second = client.get("/logs/")["X-Request-ID"]

    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert first != second


@pytest.mark.parametrize("given", ["0123456789abcdef0123456789abcdef", "req-2026.12_04-abc"])
def test_a_well_formed_id_from_the_proxy_is_kept(client, given):
    response = client.get("/logs/", headers={"X-Request-ID": given})

    assert response["X-Request-ID"] == given


@pytest.mark.parametrize("given", ["short", "has spaces in it", "x" * 129, "abc<script>def", ""])
def test_a_malformed_id_is_replaced(client, given):
    response = client.get("/logs/", headers={"X-Request-ID": given})

    assert response["X-Request-ID"] != given
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_every_record_of_the_request_carries_its_id(client, caplog):
    response = client.get("/logs/", headers={"X-Request-ID": "proxy-id-0001"})

    mine = [r for r in caplog.records if r.name == "tests.request_id"]
    assert response.status_code == 200
    assert [(r.getMessage(), r.request_id) for r in mine] == [("inside the view", "proxy-id-0001")]


def test_djangos_log_of_a_404_carries_the_id_too(client, caplog):
    client.get("/no-such-page/", headers={"X-Request-ID": "proxy-id-0404"})

    logged = [r for r in caplog.records if r.name == "django.request"]
    assert logged
    assert {r.request_id for r in logged} == {"proxy-id-0404"}


def test_the_id_is_gone_once_the_request_finished(client, caplog):
    client.get("/logs/", headers={"X-Request-ID": "proxy-id-0002"})

    assert current_request_id() is None
    logging.getLogger("tests.request_id").info("after")
    assert caplog.records[-1].request_id == "-"


def test_a_task_sent_during_a_request_takes_its_id_in_the_headers():
    headers = {}
    request_id._current.set("proxy-id-0003")
    try:
        request_id.add_to_task_headers(headers=headers)
    finally:
        request_id._current.set(None)

    assert headers == {request_id.TASK_HEADER: "proxy-id-0003"}


def test_a_task_sent_by_no_request_gets_no_header():
    headers = {}

    request_id.add_to_task_headers(headers=headers)

    assert headers == {}


def test_a_worker_logs_a_task_under_the_senders_id_else_the_task_id(caplog):
    log = logging.getLogger("tests.request_id")
    sent = SimpleNamespace(request=SimpleNamespace(**{request_id.TASK_HEADER: "proxy-id-0004"}))
    unsent = SimpleNamespace(request=SimpleNamespace())

    request_id.enter_task(task_id="task-1", task=sent)
    log.info("one")
    request_id.leave_task(task_id="task-1")
    request_id.enter_task(task_id="task-2", task=unsent)
    log.info("two")
    request_id.leave_task(task_id="task-2")
    log.info("three")

    assert [(r.getMessage(), r.request_id) for r in caplog.records[-3:]] == [
        ("one", "proxy-id-0004"),
        ("two", "task-2"),
        ("three", "-"),
    ]


def test_celerys_signals_carry_the_id_from_the_sender_to_the_worker(caplog):
    from celery import signals

    import classnet.celery  # noqa: F401 (connects the receivers)

    headers = {}
    request_id._current.set("proxy-id-0005")
    try:
        signals.before_task_publish.send(sender="tests.record", headers=headers)
    finally:
        request_id._current.set(None)
    task = FakeTask(**headers)
    signals.task_prerun.send(sender=task, task_id="task-3", task=task)
    logging.getLogger("tests.request_id").info("in the worker")
    signals.task_postrun.send(sender=task, task_id="task-3", task=task)

    assert caplog.records[-1].request_id == "proxy-id-0005"
    assert current_request_id() is None
