"""Collaborations initiated at a ClassNet Conference edition."""

import pytest
from django.urls import reverse

from collaborations.selectors.collaborations import CollaborationFilters, collaborations_for_browse
from collaborations.services.collaborations import collaboration_propose, collaboration_update

from ..factories import CollaborationFactory, EditionFactory, LanguageFactory, SubjectFactory

pytestmark = pytest.mark.django_db


def plan(**overrides):
    import datetime

    data = {
        "title": "Sensors for clean air",
        "summary": "Classes build air sensors.",
        "description": "We build and compare.",
        "subjects": [SubjectFactory()],
        "languages": [LanguageFactory()],
        "student_age_min": 14,
        "student_age_max": 17,
        "starts_on": datetime.date(2027, 1, 10),
        "ends_on": datetime.date(2027, 6, 10),
        "partner_schools_wanted": 3,
        "wanted_region": "asia",
    }
    return data | overrides


def test_edition_reads_as_the_network_names_it():
    assert str(EditionFactory()) == "14th ClassNet Conference, Helsinki 2018"


def test_propose_and_edit_record_the_edition(teacher):
    helsinki = EditionFactory()
    tokyo = EditionFactory(number=15, city="Tokyo", theme="ESD and AI")

    collaboration = collaboration_propose(
        by=teacher, student_count=20, initiated_at=helsinki, **plan()
    )
    assert collaboration.initiated_at == helsinki

    collaboration_update(
        collaboration=collaboration,
        by=teacher,
        theme_names=[],
        kind="online",
        ict_tools="",
        initiated_at=tokyo,
        **plan(),
    )
    collaboration.refresh_from_db()
    assert collaboration.initiated_at == tokyo


def test_browse_filters_by_edition(client):
    helsinki = EditionFactory()
    initiated = CollaborationFactory(initiated_at=helsinki)
    CollaborationFactory()  # not initiated at a conference

    found = collaborations_for_browse(filters=CollaborationFilters(edition=helsinki))
    response = client.get(reverse("collaborations:index"), {"edition": helsinki.pk})

    assert list(found) == [initiated]
    assert list(response.context["page_obj"]) == [initiated]


def test_unknown_edition_in_the_query_string_is_a_field_error(client):
    response = client.get(reverse("collaborations:index"), {"edition": 9999})

    assert response.status_code == 200
    assert "That conference is not in our list." in response.content.decode()


def test_page_shows_the_edition_and_its_theme(client):
    collaboration = CollaborationFactory(initiated_at=EditionFactory())

    body = client.get(collaboration.get_absolute_url()).content.decode()

    assert "14th ClassNet Conference, Helsinki 2018" in body
    assert "Gender equality in STEM" in body
