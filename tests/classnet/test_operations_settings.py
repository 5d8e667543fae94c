"""Operations settings read from the environment: JSON logs, psycopg 3 with a pool."""

import json
import os

import pytest

from .test_settings import run_manage

LOG_A_LINE = "import logging; logging.getLogger('classnet.check').warning('hello %s', 'json')"


def test_log_format_json_writes_one_json_object_per_record_with_a_request_id():
    result = run_manage("shell", "-c", LOG_A_LINE, env={"DEBUG": "true", "LOG_FORMAT": "json"})

    assert result.returncode == 0, result.stderr
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert line["message"] == "hello json"
    assert line["level"] == "WARNING"
    assert line["logger"] == "classnet.check"
    assert line["request_id"] == "-"
    assert "time" in line


def test_plain_logs_by_default_carry_the_request_id_too():
    result = run_manage("shell", "-c", LOG_A_LINE, env={"DEBUG": "true"})

    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1].endswith("WARNING classnet.check [-] hello json")


def test_an_unknown_log_format_stops_with_a_message():
    result = run_manage("check", env={"DEBUG": "true", "LOG_FORMAT": "xml"})

    assert result.returncode != 0
    assert "LOG_FORMAT must be plain or json" in result.stderr


POOL_PROBE = (
    "from django.db import connection; connection.ensure_connection(); "
    "c = connection.cursor(); c.execute('SELECT 1'); "
    "print(connection.Database.__name__, connection.Database.__version__.split('.')[0], "
    "type(connection.pool).__name__, connection.pool.min_size, connection.pool.max_size, "
    "connection.settings_dict['CONN_MAX_AGE'], c.fetchone()[0])"
)


@pytest.fixture
def postgres_url():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip("needs DATABASE_URL pointing at PostgreSQL, as in CI")
    return url


def test_with_db_pool_connections_come_from_psycopg3s_pool(postgres_url):
    env = {"DEBUG": "true", "DATABASE_URL": postgres_url, "DB_POOL": "true"}
    env |= {"DB_POOL_MIN": "1", "DB_POOL_MAX": "3"}

    result = run_manage("shell", "-c", POOL_PROBE, env=env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "psycopg 3 ConnectionPool 1 3 0 1"


def test_without_db_pool_django_keeps_persistent_connections(postgres_url):
    probe = (
        "from django.db import connection; "
        "print(connection.Database.__name__, connection.pool, "
        "connection.settings_dict['CONN_MAX_AGE'])"
    )
    env = {"DEBUG": "true", "DATABASE_URL": postgres_url, "DB_POOL": "false"}

    result = run_manage("shell", "-c", probe, env=env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "psycopg None 60"


def test_production_pools_by_default():
    from .test_settings import PRODUCTION_ENV

    probe = (
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['ENGINE'], d['OPTIONS']['pool'], d['CONN_MAX_AGE'])"
    )
    result = run_manage("shell", "-c", probe, env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == (
        "django.db.backends.postgresql {'min_size': 2, 'max_size': 10, 'timeout': 10.0} 0"
    )
