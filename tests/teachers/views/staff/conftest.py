"""The teacher waiting for staff that the staff area tests review."""

import pytest

from ....factories import (
    SubjectFactory,
    TeacherProfileFactory,
)


@pytest.fixture
def waiting(db):
    """A teacher of a verified school, waiting for staff."""
    return TeacherProfileFactory(
        pending=True,
        user__full_name="Maria Santos",
        user__email="maria@school.example",
        school__name="Espoo Upper Secondary",
        subjects=[SubjectFactory(name="Biology")],
    )
