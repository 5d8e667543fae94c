import pytest

from collaborations.selectors.collaborations import bi_regional, collaboration_for_page

from ..factories import (
    CollaborationFactory,
    CountryFactory,
    MembershipFactory,
    TeacherProfileFactory,
)

pytestmark = pytest.mark.django_db


def test_a_collaboration_led_from_europe_becomes_bi_regional_when_asia_joins():
    collaboration = CollaborationFactory()
    assert bi_regional(collaboration_for_page(pk=collaboration.pk)).ok is False

    MembershipFactory(
        collaboration=collaboration,
        teacher=TeacherProfileFactory(user__country=CountryFactory(code="JP")),
    )

    page = collaboration_for_page(pk=collaboration.pk)
    assert bi_regional(page).ok is True
    assert (page.partner_count, page.places_left) == (1, 2)
