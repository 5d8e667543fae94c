"""Defaults for a test run, loaded by pytest as a plugin (`-p classnet.testing` in pyproject)
before pytest-django reads the settings: local development mode and eager Celery for unit
tests. Anything set in the environment (CI's DATABASE_URL, REDIS_URL) still wins."""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")
# Tests open and close connections as they go: no pool (production turns it on).
os.environ.setdefault("DB_POOL", "false")
