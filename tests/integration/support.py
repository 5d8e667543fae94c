"""Real services for the integration tests: a local SMTP server and a Celery worker process.

Nothing here connects anywhere on import: the servers start only when a fixture asks for them,
so the integration tests are collected (and skipped) on a machine without PostgreSQL or Redis.
"""

import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from aiosmtpd.controller import Controller

PROJECT_DIR = Path(__file__).resolve().parents[2]
WAIT_SECONDS = 20.0
ACCEPTED = "250 OK"


def wait_until[T](condition: Callable[[], T], *, what: str, timeout: float = WAIT_SECONDS) -> T:
    """Poll `condition` until it returns something truthy and return that; fail after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.05)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- SMTP -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SmtpAttempt:
    """One DATA command the server answered: the envelope, the parsed message, our reply."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    message: EmailMessage
    reply: str
    at: float  # time.monotonic() when the server answered

    @property
    def accepted(self) -> bool:
        return self.reply == ACCEPTED


class RecordingHandler:
    """An aiosmtpd handler that records every message and refuses some, as a test tells it.

    aiosmtpd calls handle_DATA from its own thread: everything shared sits behind a lock.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._attempts: list[SmtpAttempt] = []
        self._refusals: dict[str, list[str]] = {}
        self._refuse_always: dict[str, str] = {}

    def reset(self) -> None:
        with self._lock:
            self._attempts.clear()
            self._refusals.clear()
            self._refuse_always.clear()

    def refuse(self, recipient: str, reply: str, *, times: int | None = 1) -> None:
        """Answer DATA for `recipient` with `reply` the next `times` times (None: every time)."""
        with self._lock:
            if times is None:
                self._refuse_always[recipient] = reply
            else:
                self._refusals[recipient] = [reply] * times

    def attempts(self, message_id: str) -> list[SmtpAttempt]:
        """Every DATA the server answered for this Message-ID, accepted or refused, in order."""
        with self._lock:
            return [a for a in self._attempts if a.message["Message-ID"] == message_id]

    def delivered(self, message_id: str) -> list[SmtpAttempt]:
        return [attempt for attempt in self.attempts(message_id) if attempt.accepted]

    def _reply_for(self, recipients: list[str]) -> str:
        for recipient in recipients:
            if recipient in self._refuse_always:
                return self._refuse_always[recipient]
            if self._refusals.get(recipient):
                return self._refusals[recipient].pop(0)
        return ACCEPTED

    async def handle_DATA(self, server, session, envelope) -> str:
        message = BytesParser(policy=policy.default).parsebytes(envelope.original_content)
        with self._lock:
            reply = self._reply_for(envelope.rcpt_tos)
            self._attempts.append(
                SmtpAttempt(
                    mail_from=envelope.mail_from,
                    rcpt_tos=tuple(envelope.rcpt_tos),
                    message=message,
                    reply=reply,
                    at=time.monotonic(),
                )
            )
        return reply


class SmtpServer(RecordingHandler):
    """aiosmtpd listening on 127.0.0.1, in a thread of this process, recording what it gets."""

    def __init__(self) -> None:
        super().__init__()
        self.port = free_port()
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)

    def start(self) -> None:
        self._controller.start()

    def stop(self) -> None:
        self._controller.stop()


# --- Celery ---------------------------------------------------------------------------------

TASK_LINE = re.compile(r"Task (?P<name>[\w.]+)\[(?P<id>[\w-]+)\] (?P<event>.*)")


@dataclass(frozen=True)
class TaskEvent:
    """One line the worker logged about a task: received, retry: ..., succeeded in ...: value."""

    name: str
    task_id: str
    event: str


class CeleryWorker:
    """A `celery -A classnet worker` process consuming one queue of its own, logging to a file."""

    def __init__(self, *, env: dict[str, str], log_path: Path, queue: str) -> None:
        self.queue = queue
        self.log_path = log_path
        self._log_offset = 0
        self._log_file = log_path.open("wb")
        self.process = subprocess.Popen(  # noqa: S603 (our own interpreter, fixed arguments)
            [
                sys.executable,
                "-m",
                "celery",
                "--app=classnet",
                "worker",
                "--pool=solo",
                "--concurrency=1",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                f"--hostname={queue}@%h",
                f"--queues={queue}",
            ],
            cwd=PROJECT_DIR,
            env={**env, "PYTHONUNBUFFERED": "1"},
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self, timeout: float = WAIT_SECONDS) -> None:
        def ready() -> bool:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"The Celery worker exited with {self.process.returncode}:\n{self.log()}"
                )
            return " ready." in self.log()

        try:
            wait_until(ready, what="the Celery worker to be ready", timeout=timeout)
        except AssertionError as error:
            raise AssertionError(f"{error}; its log:\n{self.log()}") from None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # warm shutdown: finish the task at hand, then exit
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._log_file.close()

    def log(self, *, since_test_start: bool = False) -> str:
        text = self.log_path.read_bytes().decode("utf-8", errors="replace")
        return text[self._log_offset :] if since_test_start else text

    def start_test(self) -> None:
        """Let task_events() see only what the worker logs from now on."""
        self._log_offset = len(self.log())

    def task_events(self, task_id: str | None = None) -> list[TaskEvent]:
        """The task lines the worker logged since the current test started, in order."""
        events = [
            TaskEvent(name=match["name"], task_id=match["id"], event=match["event"].strip())
            for match in TASK_LINE.finditer(self.log(since_test_start=True))
        ]
        return [e for e in events if task_id is None or e.task_id == task_id]

    def wait_for_result(self, task_id: str) -> str:
        """Wait for the worker to finish the task; return the repr of what it returned."""

        def result() -> str | None:
            for event in self.task_events(task_id):
                if event.event.startswith("succeeded in "):
                    return event.event.split(": ", 1)[1]
            return None

        return wait_until(result, what=f"task {task_id} to finish in the worker")


def worker_env(*, database_url: str, email_url: str) -> dict[str, str]:
    """The worker's environment: not a test run, so its settings are what production reads."""
    return {
        **os.environ,
        "DEBUG": "true",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "DATABASE_URL": database_url,
        "EMAIL_URL": email_url,
    }
