import datetime

import pytest

from conferences.selectors.editions import EditionFigures, edition_for_page, editions_for_public
from tests.factories import (
    CollaborationFactory,
    CountryFactory,
    EditionFactory,
    MembershipFactory,
    SchoolFactory,
    TeacherProfileFactory,
)

pytestmark = pytest.mark.django_db


def _edition(number, year, **kwargs):
    return EditionFactory(
        number=number,
        starts_on=datetime.date(year, 11, 1),
        ends_on=datetime.date(year, 11, 5),
        **kwargs,
    )


def test_editions_for_public_leave_drafts_out_newest_first():
    held = _edition(14, 2018, status="held")
    coming = _edition(17, 2027, status="applications_open")
    _edition(18, 2028, status="draft")
    published = _edition(16, 2023, status="published")

    assert list(editions_for_public()) == [coming, published, held]


def test_editions_for_public_count_public_collaborations_initiated(django_assert_num_queries):
    edition = _edition(14, 2018)
    other = _edition(15, 2019)
    CollaborationFactory.create_batch(2, initiated_at=edition)
    CollaborationFactory(initiated_at=edition, status="draft")
    CollaborationFactory(initiated_at=None)

    with django_assert_num_queries(1):
        counts = {e.number: e.collaboration_count for e in editions_for_public()}

    assert counts == {edition.number: 2, other.number: 0}


def test_edition_for_page_figures_count_collaborations_schools_and_countries():
    edition = _edition(14, 2018)
    japan = CountryFactory(code="JP")
    finnish_lead = TeacherProfileFactory()
    japanese_school = SchoolFactory(country=japan)
    first = CollaborationFactory(initiated_at=edition, lead=finnish_lead)
    MembershipFactory(collaboration=first, teacher=TeacherProfileFactory(school=japanese_school))
    second = CollaborationFactory(initiated_at=edition, lead=finnish_lead)  # same lead school
    MembershipFactory(collaboration=second, teacher=TeacherProfileFactory(school=japanese_school))
    # Left out: a draft initiated there, and a collaboration from elsewhere.
    CollaborationFactory(initiated_at=edition, status="draft")
    CollaborationFactory(initiated_at=_edition(15, 2019))

    page = edition_for_page(number=14)

    assert page.figures == EditionFigures(collaborations=2, schools=2, countries=2, bi_regional=2)
    assert page.collaborations_shown == [second, first]
    assert page.collaborations_shown[0].member_countries == [finnish_lead.school.country, japan]


def test_edition_for_page_shows_at_most_twelve_collaborations():
    edition = _edition(14, 2018)
    CollaborationFactory.create_batch(13, initiated_at=edition, lead=TeacherProfileFactory())

    page = edition_for_page(number=14)

    assert len(page.collaborations_shown) == 12
    assert page.figures.collaborations == 13


def test_edition_for_page_hides_drafts_unless_asked():
    draft = _edition(18, 2028, status="draft")

    assert edition_for_page(number=18) is None
    assert edition_for_page(number=18, include_drafts=True) == draft
    assert edition_for_page(number=99, include_drafts=True) is None
