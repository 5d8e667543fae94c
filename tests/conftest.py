import os

import pytest
from django.core.cache import cache

from classnet.celery import app as celery_app
from core.ratelimit import limited

from .factories import JudgeFactory, StaffFactory, TeacherProfileFactory, UserFactory

OUTBOX_MAILERS = {
    "default": {
        "BACKEND": "core.outbox.backends.OutboxEmailBackend",
        "OPTIONS": {"deliver_using": "delivery"},
    },
    "delivery": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
}


def pytest_collection_modifyitems(config, items):
    """Integration tests need real PostgreSQL and Redis: skip them, saying why, without."""
    missing = [name for name in ("DATABASE_URL", "REDIS_URL") if not os.environ.get(name)]
    if os.environ.get("DATABASE_URL", "").startswith("sqlite"):
        missing.append("DATABASE_URL pointing at PostgreSQL")
    if not missing:
        return
    skip = pytest.mark.skip(
        reason=f"integration test: set {' and '.join(missing)} (as .ci/run does) to run it"
    )
    for item in items:
        if "integration" in item.keywords:
            item.add_marker(skip)


REQUIRED_IN_CI = ("integration", "browser")
_skipped_in_ci: list[str] = []


def pytest_runtest_logreport(report):
    if report.skipped and any(marker in report.keywords for marker in REQUIRED_IN_CI):
        _skipped_in_ci.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    """In CI the integration and browser tests must run: a skip there is a failure."""
    if os.environ.get("CI") == "true" and _skipped_in_ci:
        print(f"\nCI: {len(_skipped_in_ci)} integration/browser tests were skipped, not run:")
        for nodeid in _skipped_in_ci:
            print(f"  {nodeid}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(autouse=True)
def _test_settings(settings):
    # Django's test runner swaps every mailer for locmem; put the outbox back in front so that
    # tests see mail travel the way it does in production (outbox -> Celery -> delivery).
    settings.MAILERS = OUTBOX_MAILERS
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_configure(config):
    from django.conf import settings

    location = settings.CACHES["default"].get("LOCATION")
    if location and location == settings.CELERY_BROKER_URL:
        raise pytest.UsageError(
            "The cache and Celery's broker share one Redis database, and tests clear the cache "
            "(FLUSHDB). Give the cache its own database, e.g. CACHE_URL=redis://127.0.0.1:6379/14"
        )


@pytest.fixture(autouse=True)
def _clear_cache():
    # allauth's rate limits count in the cache: start every test from zero.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def private_media(settings, tmp_path):
    """Public and private uploads in folders of the test's own (tmp_path/media, /private)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }
    return tmp_path


@pytest.fixture
def celery_eager():
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield celery_app
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def teacher(db):
    return TeacherProfileFactory().user


@pytest.fixture
def other_teacher(db):
    return TeacherProfileFactory().user


@pytest.fixture
def unverified_teacher(db):
    return TeacherProfileFactory(pending=True).user


@pytest.fixture
def staff(db):
    return StaffFactory()


@pytest.fixture
def judge(db):
    return JudgeFactory()


@pytest.fixture
def use_up_rate_limit(rf):
    """use_up_rate_limit(action, user): count uses of a core/ratelimit.py action by the user up
    to its limit, as if they had just done it that often; their next one is refused."""

    def use_up(action: str, user) -> None:
        request = rf.post("/")
        request.user = user
        for _ in range(1000):
            if limited(request, action):
                return
        raise AssertionError(f"{action} has no limit")

    return use_up
