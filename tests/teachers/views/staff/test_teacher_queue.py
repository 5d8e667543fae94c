"""The teacher queue (teachers/views/staff.py: teacher_queue): who waits, filters, pages,
queries."""

import pytest
from django.urls import reverse

from ....factories import (
    CountryFactory,
    LanguageFactory,
    SchoolFactory,
    SubjectFactory,
    TeacherProfileFactory,
)

pytestmark = pytest.mark.django_db


# --- Teacher queue ------------------------------------------------------------------------------


def test_queue_lists_only_teachers_waiting_with_a_school(client, staff, waiting):
    TeacherProfileFactory(user__full_name="Already Verified")
    TeacherProfileFactory(rejected=True, user__full_name="Not Verified")
    TeacherProfileFactory(pending=True, school=None, user__full_name="No School Yet")
    TeacherProfileFactory(pending=True, user__full_name="Closed Account", user__is_active=False)
    client.force_login(staff)

    response = client.get(reverse("staff:teacher_queue"))

    assert list(response.context["page"].object_list) == [waiting]
    body = response.content.decode()
    assert "Maria Santos" in body
    assert "maria@school.example" in body  # staff see contact details
    assert "Espoo Upper Secondary" in body
    assert "Biology" in body
    assert reverse("staff:teacher_review", args=[waiting.pk]) in body
    for hidden in ("Already Verified", "Not Verified", "No School Yet", "Closed Account"):
        assert hidden not in body


def test_queue_flags_a_school_that_is_itself_proposed(client, staff):
    school = SchoolFactory(proposed=True, name="Hue Gifted High School")
    TeacherProfileFactory(pending=True, school=school)
    client.force_login(staff)

    body = client.get(reverse("staff:teacher_queue")).content.decode()

    assert "School still proposed" in body
    assert reverse("staff:school_review", args=[school.pk]) in body


@pytest.mark.parametrize("rows", [1, 20])
def test_queue_runs_the_same_queries_for_1_and_20_teachers(
    client, staff, rows, django_assert_num_queries
):
    for number in range(rows):
        TeacherProfileFactory(
            pending=True,
            subjects=[SubjectFactory(name="Biology")],
            languages=[LanguageFactory(code="fi")],
            user__country=CountryFactory(code="JP" if number % 2 else "FI"),
        )
    client.force_login(staff)

    # session, user, groups; count, page, subjects, languages; countries of the filter; the
    # menu's teacher profile and back-office permissions (user's, groups')
    with django_assert_num_queries(11):
        response = client.get(reverse("staff:teacher_queue"))

    assert len(response.context["page"].object_list) == rows


def test_queue_is_paginated_oldest_first(client, staff):
    profiles = [TeacherProfileFactory(pending=True) for _ in range(26)]
    client.force_login(staff)

    first = client.get(reverse("staff:teacher_queue"))
    second = client.get(reverse("staff:teacher_queue"), {"page": 2})

    assert list(first.context["page"].object_list) == profiles[:25]
    assert list(second.context["page"].object_list) == profiles[25:]
    assert "?page=2" in first.content.decode()


def test_queue_filters_by_region_and_country(client, staff):
    finnish = TeacherProfileFactory(pending=True, user__country=CountryFactory(code="FI"))
    japanese = TeacherProfileFactory(pending=True, user__country=CountryFactory(code="JP"))
    client.force_login(staff)
    url = reverse("staff:teacher_queue")

    asia = client.get(url, {"region": "asia"})
    finland = client.get(url, {"country": CountryFactory(code="FI").pk})
    everyone = client.get(url, {"region": "nowhere"})  # not a choice: the whole queue

    assert list(asia.context["page"].object_list) == [japanese]
    assert list(finland.context["page"].object_list) == [finnish]
    assert list(everyone.context["page"].object_list) == [finnish, japanese]


def test_queue_empty_states(client, staff):
    client.force_login(staff)

    empty = client.get(reverse("staff:teacher_queue")).content.decode()
    filtered = client.get(reverse("staff:teacher_queue"), {"region": "asia"}).content.decode()

    assert "Nobody is waiting for verification" in empty
    assert "No teacher of this region or country is waiting" in filtered
    assert "Show the whole queue" in filtered
