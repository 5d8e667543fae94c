"""My ClassNet, the dashboard (teachers/views/me.py: dashboard), for every role."""

import pytest
from django.urls import reverse

from schools.models import Language
from teachers.models import Subject, TeacherProfile

from ....factories import (
    SchoolFactory,
    TeacherProfileFactory,
)
from ._helpers import login, text

pytestmark = pytest.mark.django_db


# --- dashboard --------------------------------------------------------------------------------


def test_dashboard_of_a_verified_teacher(client, teacher):
    login(client, teacher)
    school = teacher.teacher_profile.school

    body = text(client.get(reverse("teachers:dashboard")))

    assert "Verified" in body
    assert f"ClassNet staff have verified that you teach at {school.name}." in body
    assert f'href="{school.get_absolute_url()}"' in body
    assert f'href="{reverse("schools:edit", args=[school.pk])}"' in body
    assert f'href="{reverse("teachers:directory")}"' in body
    assert "My collaborations" in body  # the collaborations app's panel
    assert "You are not in a collaboration yet" in body
    assert "not yet join" not in body


def test_dashboard_of_a_teacher_without_a_school_says_choose_it(client):
    profile = TeacherProfileFactory(pending=True, school=None)
    login(client, profile.user)

    body = text(client.get(reverse("teachers:dashboard")))

    assert "Awaiting verification" in body
    assert "Next step: choose your school." in body
    assert "not yet join, propose or apply" in body
    assert f'href="{reverse("teachers:school_choose")}"' in body
    assert "You have not named your school yet." in body


def test_dashboard_of_a_waiting_teacher_says_staff_will_verify(client, unverified_teacher):
    login(client, unverified_teacher)
    school = unverified_teacher.teacher_profile.school

    body = text(client.get(reverse("teachers:dashboard")))

    assert f"ClassNet staff will verify that you teach at {school.name}." in body
    assert "not yet join, propose or apply" in body
    # Not verified yet: the school is theirs, but not theirs to edit.
    assert reverse("schools:edit", args=[school.pk]) not in body


def test_dashboard_of_a_teacher_of_a_proposed_school(client):
    school = SchoolFactory(proposed=True, name="Espoo Lyceum")
    profile = TeacherProfileFactory(pending=True, school=school, user__country=school.country)
    login(client, profile.user)

    body = text(client.get(reverse("teachers:dashboard")))

    assert "will check the school you proposed, Espoo Lyceum, and that you teach there" in body
    assert "Proposed: ClassNet staff have not verified this school yet." in body
    assert school.get_absolute_url() not in body  # no public page yet


def test_dashboard_of_a_rejected_teacher_gives_the_reason_and_what_to_do(client):
    profile = TeacherProfileFactory(
        rejected=True, verification_note="Use the e-mail address of your school."
    )
    login(client, profile.user)

    body = text(client.get(reverse("teachers:dashboard")))

    assert "Not verified" in body
    assert "Use the e-mail address of your school." in body
    assert "What to do:</strong>" in body
    assert "change what the reason asks for." in body
    assert f'href="{reverse("teachers:profile_edit")}"' in body


def test_dashboard_lists_what_the_profile_misses_as_links(client):
    profile = TeacherProfileFactory(
        student_age_min=None,
        student_age_max=None,
        subjects=[Subject.objects.get(name="Physics")],
    )
    login(client, profile.user)

    response = client.get(reverse("teachers:dashboard"))

    assert response.context["completeness"].percent == 33
    edit = reverse("teachers:profile_edit")
    body = text(response)
    assert 'aria-valuenow="33"' in body
    for label in ["The languages you speak", "Your students' ages", "A short bio", "A photo"]:
        assert f'<a href="{edit}">{label}</a>' in body
    assert "The subjects you teach" not in body
    assert "Your school</a>" not in body


def test_dashboard_of_a_complete_profile(client):
    profile = TeacherProfileFactory(
        subjects=[Subject.objects.get(name="Physics")],
        languages=[Language.objects.get(code="en")],
        photo="teachers/photos/me.jpg",
    )
    TeacherProfile.objects.filter(pk=profile.pk).update(bio="Robots.")
    login(client, profile.user)

    body = text(client.get(reverse("teachers:dashboard")))

    assert 'aria-valuenow="100"' in body
    assert "Your profile is complete." in body
    assert "Still to add" not in body


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        ("staff", ["Staff area", "Delete my account"], ["Your teacher account"]),
        ("judge", ["Judging", "Download my data"], ["Your teacher account", "Your school"]),
    ],
)
def test_dashboard_of_staff_and_judges_has_no_teacher_sections(
    client, request, role, shown, hidden
):
    login(client, request.getfixturevalue(role))

    body = text(client.get(reverse("teachers:dashboard")))

    for words in shown:
        assert words in body
    for words in hidden:
        assert words not in body


@pytest.mark.parametrize("collaborations", [1, 8])
def test_dashboard_queries(client, teacher, django_assert_num_queries, collaborations):
    from ....factories import CollaborationFactory, InvitationFactory

    for _ in range(collaborations):
        CollaborationFactory(lead=teacher.teacher_profile)
        InvitationFactory(invitee=teacher.teacher_profile)
    login(client, teacher)

    # session, user, profile with school and country, has subjects?, has languages?, the
    # user's country, groups and two of permissions (the menu's and the cards' perms); the
    # collaborations panel: its collaborations, their members, the teacher's requests and the
    # invitations waiting for them; the suggestions panel: the collaborations suggested;
    # the conferences panel: the teacher's applications, the editions open for applications;
    # the Awards judging panel: the user's active judgings; the Awards entries panel: the
    # teacher's entries, the cycles open for entries; the surveys panel: open invitations
    with django_assert_num_queries(20):
        response = client.get(reverse("teachers:dashboard"))

    assert response.status_code == 200
    assert response.content.decode().count("Your class would fit") == 0
    assert len(response.context["panels"][0]["context"]["invitations"]) == min(collaborations, 5)
    assert response.content.decode().count('class="badge text-bg-secondary">Lead') == min(
        collaborations, 5
    )
