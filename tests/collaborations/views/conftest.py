"""The collaboration the manage, join-request, member and panel tests run on: open, led from
Finland, with a member school from Japan, and a teacher's request to join it. Modules that need
another shape (browse/, diary, invitations) define their own `lead` and `collaboration`."""

import pytest

from collaborations.models import JoinRequest

from ...factories import (
    CollaborationFactory,
    CountryFactory,
    MembershipFactory,
    TeacherProfileFactory,
)


@pytest.fixture
def lead():
    return TeacherProfileFactory(user__email="lead@school.example", user__full_name="Liisa Lead")


@pytest.fixture
def collaboration(lead):
    """Open, led from Finland, with a member school from Japan; 3 places, 1 taken."""
    collaboration = CollaborationFactory(
        lead=lead, title="Rivers of two continents", created_by=lead.user
    )
    MembershipFactory(
        collaboration=collaboration,
        teacher=TeacherProfileFactory(
            user__email="member@school.example",
            user__full_name="Mika Member",
            user__country=CountryFactory(code="JP"),
        ),
    )
    return collaboration


@pytest.fixture
def join_request(collaboration):
    teacher = TeacherProfileFactory(
        user__email="asker@school.example", user__country=CountryFactory(code="JP")
    )
    return JoinRequest.objects.create(
        collaboration=collaboration,
        teacher=teacher,
        school=teacher.school,
        student_count=22,
        message="We would love to join.",
    )
