"""The staff home (teachers/views/staff.py: index): both queues and the recent activity."""

import pytest
from django.urls import reverse

from ....factories import (
    SchoolFactory,
    TeacherProfileFactory,
)

pytestmark = pytest.mark.django_db


# --- Staff home ---------------------------------------------------------------------------------


def test_index_counts_both_queues_and_links_the_back_office(client, staff, waiting):
    TeacherProfileFactory()  # verified: not waiting
    SchoolFactory(proposed=True)
    SchoolFactory(proposed=True)
    client.force_login(staff)

    response = client.get(reverse("staff:index"))

    assert (response.context["teachers_waiting"], response.context["schools_waiting"]) == (1, 2)
    body = response.content.decode()
    assert f'href="{reverse("admin:index")}"' in body
    assert f'href="{reverse("staff:teacher_queue")}"' in body
    assert f'href="{reverse("staff:school_queue")}"' in body
    assert "Nothing has happened yet" in body


def test_index_lists_recent_activity_with_links_to_the_records(
    client, staff, waiting, django_assert_num_queries
):
    from teachers.services import teacher_reject

    school = SchoolFactory(proposed=True, name="Liceo Galilei", proposed_by=waiting.user)
    from core.audit.services import audit_record

    audit_record(actor=waiting.user, action="school.proposed", target=school)
    teacher_reject(profile=waiting, by=staff, reason="Choose your current school")
    client.force_login(staff)

    # session, user, groups; two queue counts; the other sections' counts (applications,
    # scorecards, surveys, reports, gallery items, failed e-mails); activity, its teachers, its
    # schools; the menu's teacher profile and the back-office permissions (user's, groups')
    with django_assert_num_queries(17):
        response = client.get(reverse("staff:index"))

    body = response.content.decode()
    assert [item["entry"].action for item in response.context["recent"]] == [
        "teacher.rejected",
        "school.proposed",
    ]
    assert (
        f'<a href="{reverse("staff:teacher_review", args=[waiting.pk])}">Maria Santos</a>' in body
    )
    assert f'href="{reverse("staff:school_review", args=[school.pk])}"' in body
    assert "Choose your current school" in body


def test_index_activity_names_the_school_a_teacher_named_not_the_teacher_twice(client, staff):
    from teachers.services import teacher_school_choose

    profile = TeacherProfileFactory(
        pending=True, school=None, user__full_name="Mei Lin", user__email="mei@school.example"
    )
    school = SchoolFactory(name="Kyoto Seika High School")
    teacher_school_choose(profile=profile, school=school, by=profile.user)
    client.force_login(staff)

    response = client.get(reverse("staff:index"))

    body = " ".join(response.content.decode().split())
    review = reverse("staff:teacher_review", args=[profile.pk])
    assert (
        f'<strong>Mei Lin</strong> · named their school: <a href="{review}">{school}</a>'
    ) in body
    assert f'<a href="{review}">Mei Lin</a>' not in body
    assert f'<div class="small text-secondary mt-1">{school}</div>' not in body


def test_index_activity_leaves_out_other_apps_records(client, staff, waiting):
    """Conference and Awards actions have their own history pages; the staff home lists the
    actions on people and schools only."""
    from core.audit.services import audit_record
    from tests.factories import EditionFactory

    audit_record(actor=staff, action="edition.published", target=EditionFactory())
    audit_record(actor=staff, action="teacher.edited", target=waiting)
    client.force_login(staff)

    response = client.get(reverse("staff:index"))

    assert [item["entry"].action for item in response.context["recent"]] == ["teacher.edited"]
