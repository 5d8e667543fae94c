"""A person downloading their data (teachers/views/me.py: data_export)."""

import json

import pytest
from django.urls import reverse

from teachers.models import Subject
from teachers.services import teacher_data_export

from ....factories import TeacherProfileFactory
from ._helpers import login

pytestmark = pytest.mark.django_db


# --- data export ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["teacher", "unverified_teacher", "judge", "staff"])
def test_data_export_downloads_the_persons_data(client, request, role, other_teacher):
    person = login(client, request.getfixturevalue(role))

    response = client.get(reverse("teachers:data_export"))

    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="classnet-my-data.json"'
    assert "no-store" in response["Cache-Control"]
    person.refresh_from_db()
    assert json.loads(response.content) == teacher_data_export(user=person)
    assert other_teacher.email not in response.content.decode()


def test_data_export_content_for_a_teacher(client):
    profile = TeacherProfileFactory(
        user__email="aino@school.example",
        user__full_name="Aino Virtanen",
        subjects=[Subject.objects.get(name="Physics")],
    )
    login(client, profile.user)

    data = json.loads(client.get(reverse("teachers:data_export")).content)

    assert data["account"]["email"] == "aino@school.example"
    assert data["account"]["full_name"] == "Aino Virtanen"
    assert data["teacher_profile"]["school"] == str(profile.school)
    assert data["teacher_profile"]["subjects"] == ["Physics"]
    assert data["teacher_profile"]["verification"] == "verified"


def test_data_export_is_a_download_not_a_form(client, teacher):
    login(client, teacher)

    assert client.post(reverse("teachers:data_export")).status_code == 405
