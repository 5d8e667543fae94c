import pytest

from tests.security.world import build_world


@pytest.fixture
def world(private_media):
    """Olga's objects and the people who try to reach them (world.py); uploads in tmp folders."""
    return build_world()
