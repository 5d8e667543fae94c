"""The probes behind /healthz. Each returns "ok" (or "embedded" for the development broker)
and raises on failure; `run_checks` turns a failure into "error" and logs the reason, which
never reaches the response."""

import logging
import time
import uuid

from celery import current_app
from django.conf import settings
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection

logger = logging.getLogger(__name__)

HEARTBEAT_KEY = "health:beat-heartbeat"
HEARTBEAT_MAX_AGE = 3 * 60  # seconds; beat sends core.heartbeat every minute
BROKER_TIMEOUT = 2  # seconds
STORAGES_CHECKED = ("default", "private")


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def check_cache() -> str:
    cache = caches["default"]
    key, token = f"health:probe:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, token, timeout=10)
    found = cache.get(key)
    cache.delete(key)
    if found != token:
        raise RuntimeError("the cache did not return what was stored")
    return "ok"


def check_broker() -> str:
    url = settings.CELERY_BROKER_URL
    if settings.CELERY_TASK_ALWAYS_EAGER or url.startswith("filesystem:"):
        return "embedded"
    with current_app.connection_for_write(url=url, connect_timeout=BROKER_TIMEOUT) as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, timeout=BROKER_TIMEOUT)
    return "ok"


def check_storage() -> str:
    for alias in STORAGES_CHECKED:
        storage = storages[alias]
        name = storage.save(f"healthz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
        storage.delete(name)
    return "ok"


def record_heartbeat() -> None:
    caches["default"].set(HEARTBEAT_KEY, time.time(), timeout=24 * 60 * 60)


def check_beat() -> str:
    beat = caches["default"].get(HEARTBEAT_KEY)
    if beat is None or time.time() - beat > HEARTBEAT_MAX_AGE:
        raise RuntimeError("no heartbeat from beat in the last 3 minutes")
    return "ok"


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "broker": check_broker,
    "storage": check_storage,
}


def run_checks(*, beat: bool = False) -> dict[str, str]:
    """{name: "ok" | "embedded" | "error"} for every check (and beat's heartbeat if asked)."""
    checks = {**CHECKS, "beat": check_beat} if beat else CHECKS
    results = {}
    for name, check in checks.items():
        try:
            results[name] = check()
        except Exception:
            logger.warning("Health check %s failed", name, exc_info=True)
            results[name] = "error"
    return results
