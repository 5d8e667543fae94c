"""The public collaboration the browse tests look at: led from Finland, a member in Japan."""

import pytest

from tests.factories import (
    CollaborationFactory,
    CountryFactory,
    MembershipFactory,
    TeacherProfileFactory,
)


@pytest.fixture
def lead(db):
    """A verified teacher in Finland who leads `collaboration`."""
    return TeacherProfileFactory(user__full_name="Aino Lead", user__email="aino@lead.example")


@pytest.fixture
def collaboration(lead):
    return CollaborationFactory(
        lead=lead,
        title="Rivers of two continents",
        summary="Classes measure their local river and compare.",
        description="First paragraph.\n\nSecond paragraph.",
        partner_schools_wanted=3,
    )


@pytest.fixture
def member(collaboration):
    """A teacher in Japan whose school takes part in `collaboration`."""
    profile = TeacherProfileFactory(
        user__country=CountryFactory(code="JP"),
        user__full_name="Kenji Member",
        user__email="kenji@member.example",
    )
    MembershipFactory(collaboration=collaboration, teacher=profile, student_count=12)
    return profile.user
