"""A teacher's conference data is in their export and goes with their erasure; counts stay."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conferences.models import Application, CheckIn
from teachers.services import teacher_data_export, teacher_erase

from ..factories import EditionFactory, TeacherProfileFactory

pytestmark = pytest.mark.django_db


def _application(edition, profile, **fields):
    return Application.objects.create(
        edition=edition,
        teacher=profile,
        school=profile.school,
        motivation="I teach robotics to girls in Espoo.",
        collaboration_plan="A robot exchange",
        needs_dietary="Coeliac",
        needs_access="Step-free access",
        consent_to_list=True,
        **fields,
    )


def test_the_export_lists_applications_with_needs_and_check_ins():
    profile = TeacherProfileFactory()
    edition = EditionFactory(number=14)
    application = _application(edition, profile, status="attended")
    CheckIn.objects.create(application=application, day=datetime.date(2018, 11, 27))

    data = teacher_data_export(user=profile.user)

    [exported] = data["conference_applications"]
    assert exported["status"] == "attended"
    assert exported["dietary_needs"] == "Coeliac"
    assert exported["access_needs"] == "Step-free access"
    assert exported["motivation"] == "I teach robotics to girls in Espoo."
    assert exported["days_checked_in"] == ["2018-11-27"]


def test_the_export_page_includes_the_applications(client):
    profile = TeacherProfileFactory()
    _application(EditionFactory(number=14), profile, status="attended")
    client.force_login(profile.user)

    response = client.get(reverse("teachers:data_export"))

    assert "Coeliac" in response.content.decode()


def test_erasure_blanks_personal_text_and_keeps_the_participation_for_counts():
    profile = TeacherProfileFactory()
    edition = EditionFactory(number=14)
    _application(edition, profile, status="attended")

    teacher_erase(user=profile.user)

    application = Application.objects.get(teacher=profile)
    assert application.status == "attended"
    assert application.school_id == profile.school_id
    assert (
        application.motivation,
        application.collaboration_plan,
        application.needs_dietary,
        application.needs_access,
        application.consent_to_list,
    ) == ("", "", "", "", False)


def test_erasure_withdraws_an_active_application_and_frees_the_place():
    profile = TeacherProfileFactory()
    now = timezone.now()
    edition = EditionFactory(
        number=30,
        status="applications_open",
        starts_on=(now + datetime.timedelta(days=100)).date(),
        ends_on=(now + datetime.timedelta(days=104)).date(),
        capacity=1,
    )
    _application(edition, profile, status="approved")
    waiting = TeacherProfileFactory()
    _application(edition, waiting, status="waitlisted", waitlisted_at=now)

    teacher_erase(user=profile.user)

    assert Application.objects.get(teacher=profile).status == "withdrawn"
    # The freed place is offered to the first teacher on the waitlist.
    waiting_application = Application.objects.get(teacher=waiting)
    assert waiting_application.status == "waitlisted"
    assert waiting_application.offers.get().status == "open"
