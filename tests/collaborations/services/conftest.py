import pytest

from ...factories import CollaborationFactory, CountryFactory, TeacherProfileFactory


@pytest.fixture
def lead():
    return TeacherProfileFactory(user__email="lead@school.example")


@pytest.fixture
def collaboration(lead):
    return CollaborationFactory(lead=lead, created_by=lead.user, partner_schools_wanted=2)


@pytest.fixture
def asker():
    return TeacherProfileFactory(
        user__email="asker@school.example", user__country=CountryFactory(code="JP")
    )
