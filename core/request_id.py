"""A request id on every log line: taken from the proxy's X-Request-ID when it looks like one,
made up otherwise, sent back in the response's X-Request-ID, and carried into the Celery
tasks the request sends (a task sent by no request logs under its own task id).

RequestIdMiddleware goes first in MIDDLEWARE; RequestIdFilter sits on the log handlers (the
settings' LOGGING); classnet/celery.py connects the task signals below.
"""

import logging
import re
import uuid
from contextvars import ContextVar

from django.core.signals import request_finished
from django.dispatch import receiver

HEADER = "X-Request-ID"
TASK_HEADER = "classnet_request_id"
# What proxies send (nginx's $request_id is 32 hex digits, others send UUIDs): letters, digits,
# dots, dashes, underscores; anything else (spaces, control characters, a novel) is replaced.
WELL_FORMED = re.compile(r"[A-Za-z0-9._-]{8,128}")

_current: ContextVar[str | None] = ContextVar("request_id", default=None)


def current_request_id() -> str | None:
    return _current.get()


def new_request_id() -> str:
    return uuid.uuid4().hex


def accepted_request_id(value: str | None) -> str:
    """The proxy's id if it is well formed, else a new one."""
    if value and WELL_FORMED.fullmatch(value):
        return value
    return new_request_id()


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = accepted_request_id(request.headers.get(HEADER))
        request.request_id = request_id
        # Left set after the response: Django logs a 4xx/5xx response after the middleware has
        # returned; the id is cleared when the request finishes (request_finished below).
        _current.set(request_id)
        response = self.get_response(request)
        response[HEADER] = request_id
        return response


@receiver(request_finished, dispatch_uid="core.request_id.clear")
def clear_request_id(**_) -> None:
    _current.set(None)


class RequestIdFilter(logging.Filter):
    """Give every record a `request_id` (a dash outside a request or task)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            record.request_id = _current.get() or "-"
        return True


# --- Celery: the id travels in the task's headers --------------------------------------------

_task_tokens: dict[str, object] = {}


def add_to_task_headers(headers: dict | None = None, **_) -> None:
    """before_task_publish: send the current request's id along with the task."""
    request_id = _current.get()
    if headers is not None and request_id and TASK_HEADER not in headers:
        headers[TASK_HEADER] = request_id


def enter_task(task_id: str | None = None, task=None, **_) -> None:
    """task_prerun: log under the id of the request that sent the task, else the task id."""
    sent_with = getattr(getattr(task, "request", None), TASK_HEADER, None)
    request_id = sent_with or _current.get() or task_id or new_request_id()
    _task_tokens[task_id] = _current.set(request_id)


def leave_task(task_id: str | None = None, **_) -> None:
    """task_postrun: back to what was current before the task."""
    token = _task_tokens.pop(task_id, None)
    if token is not None:
        try:
            _current.reset(token)
        except ValueError:  # set in another context (a thread pool): nothing of ours to undo
            _current.set(None)
