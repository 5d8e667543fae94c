import pytest
from django.apps import apps
from django.db import connection

from tests.security.world import build_world


def _distinct_ids() -> None:
    """Start every table's ids at a different ten thousand (PostgreSQL), so that a URL given the
    id of the wrong kind of object finds nothing instead of, by chance, an object with the same
    small id: a wrong mapping in world.kwargs then shows in the matrix."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for offset, model in enumerate(apps.get_models(), start=1):
            if model._meta.pk.get_internal_type() not in ("AutoField", "BigAutoField"):
                continue
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, %s), %s)",
                [model._meta.db_table, model._meta.pk.column, offset * 10_000],
            )


@pytest.fixture
def world(private_media):
    """Olga's objects and the people who try to reach them (world.py); uploads in tmp folders."""
    _distinct_ids()
    return build_world()
