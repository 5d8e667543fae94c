"""Production settings: refuse to start without secrets, and pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "x" * 30 + "-production-secret-key-for-the-check-only-0123456789",
    "ALLOWED_HOSTS": "classnet.example.org",
    "DATABASE_URL": "postgres://classnet@db.internal:5432/classnet",
    "REDIS_URL": "redis://redis.internal:6379/0",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.org:587",
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    clean.pop("CELERY_TASK_ALWAYS_EAGER", None)
    clean.pop("DB_POOL", None)  # the test run's default (classnet/testing.py), not production's
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL", "EMAIL_URL", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}

    result = run_manage("check", env=env)

    assert result.returncode != 0
    assert f"{missing} is not set" in result.stderr
    assert "DEBUG" in result.stderr


def test_production_refuses_without_a_broker():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "REDIS_URL"}

    result = run_manage("check", env=env)

    assert result.returncode != 0
    assert "REDIS_URL is not set" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_delivers_mail_through_smtp_from_email_url():
    code = (
        "from django.conf import settings;"
        "d = settings.MAILERS['delivery'];"
        "print(d['BACKEND'], d['OPTIONS']['host'], d['OPTIONS']['port'],"
        " d['OPTIONS']['use_tls'], settings.MAILERS['default']['BACKEND'])"
    )

    result = run_manage("shell", "--no-imports", "-c", code, env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.org",
        "587",
        "True",
        "core.outbox.backends.OutboxEmailBackend",
    ]


def test_the_web_process_assumes_production_when_debug_is_unset():
    """manage.py defaults to local development; gunicorn's entry point never does."""
    clean = {k: v for k, v in os.environ.items() if k not in {*PRODUCTION_ENV, "DEBUG"}}

    result = subprocess.run(
        [sys.executable, "-c", "import classnet.wsgi"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
