"""Reviewing a teacher (teachers/views/staff.py: teacher_review): what staff see, verifying and
rejecting, the e-mails the teacher receives and the record of who did what."""

import pytest
from django.core import mail
from django.urls import reverse

from schools.models import School
from teachers.models import TeacherProfile

from ....factories import (
    CountryFactory,
    SchoolFactory,
    TeacherProfileFactory,
)
from ._helpers import entries_for, messages_of

pytestmark = pytest.mark.django_db


# --- Review: see -------------------------------------------------------------------------------


def test_review_shows_the_teacher_their_school_and_history(client, staff, waiting):
    from teachers.services import teacher_reject

    teacher_reject(profile=waiting, by=staff, reason="Use your school address")
    client.force_login(staff)

    response = client.get(reverse("staff:teacher_review", args=[waiting.pk]))

    body = response.content.decode()
    assert "Maria Santos" in body
    assert "maria@school.example" in body
    assert "Espoo Upper Secondary" in body
    assert "Biology" in body
    assert "Did not verify the teacher" in body
    assert "Use your school address" in body
    assert staff.full_name in body
    assert reverse("staff:teacher_edit", args=[waiting.pk]) in body


def test_review_of_a_teacher_of_a_proposed_school_sends_staff_to_the_school_first(client, staff):
    school = SchoolFactory(proposed=True, name="Hue Gifted High School")
    profile = TeacherProfileFactory(pending=True, school=school)
    client.force_login(staff)

    body = client.get(reverse("staff:teacher_review", args=[profile.pk])).content.decode()

    assert "is still a proposed school" in body
    assert reverse("staff:school_review", args=[school.pk]) in body
    assert reverse("staff:teacher_verify", args=[profile.pk]) not in body


# --- Review: verify ----------------------------------------------------------------------------


def test_verify_journey(client, staff, waiting, django_capture_on_commit_callbacks):
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("staff:teacher_verify", args=[waiting.pk]))

    assert response.status_code == 302
    assert response.url == reverse("staff:teacher_queue")
    assert messages_of(response) == ["Maria Santos is verified and has been told by e-mail."]
    waiting.refresh_from_db()
    assert waiting.verification == TeacherProfile.Verification.VERIFIED
    assert waiting.verified_at is not None
    assert entries_for(waiting) == [(staff, "teacher.verified", "")]
    [message] = mail.outbox
    assert message.to == ["maria@school.example"]
    assert message.subject == (
        "[ClassNet] You are verified at Espoo Upper Secondary: welcome to the ClassNet network"
    )
    assert "Espoo Upper Secondary" in message.body
    assert list(client.get(reverse("staff:teacher_queue")).context["page"].object_list) == []


@pytest.mark.parametrize("action", ["verify", "reject"])
def test_deciding_from_a_filtered_queue_goes_back_to_the_same_filtered_queue(client, staff, action):
    japan = CountryFactory(code="JP")
    japanese = TeacherProfileFactory(pending=True, user__country=japan)
    client.force_login(staff)
    queue = reverse("staff:teacher_queue")
    review = reverse("staff:teacher_review", args=[japanese.pk])
    decide = reverse(f"staff:teacher_{action}", args=[japanese.pk])

    listed = client.get(queue, {"region": "asia", "country": japan.pk}).content.decode()
    query = f"region=asia&amp;country={japan.pk}"
    opened = client.get(f"{review}?region=asia&country={japan.pk}").content.decode()
    decided = client.post(f"{decide}?region=asia&country={japan.pk}", {"reason": "Not yet"})

    assert f'href="{review}?{query}"' in listed
    assert f'action="{decide}?{query}#decision"' in opened
    assert decided.url == f"{queue}?region=asia&country={japan.pk}"


def test_deciding_with_an_unknown_filter_goes_back_to_the_whole_queue(client, staff, waiting):
    client.force_login(staff)
    verify = reverse("staff:teacher_verify", args=[waiting.pk])

    decided = client.post(f"{verify}?region=nowhere&next=//evil.example")

    assert decided.url == reverse("staff:teacher_queue")


def test_verifying_twice_says_so_and_changes_nothing(
    client, staff, teacher, django_capture_on_commit_callbacks
):
    profile = teacher.teacher_profile
    verified_at = profile.verified_at
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("staff:teacher_verify", args=[profile.pk]))

    assert response.status_code == 200
    assert f"{teacher.full_name} is already verified." in response.content.decode()
    profile.refresh_from_db()
    assert profile.verified_at == verified_at
    assert entries_for(profile) == []
    assert mail.outbox == []


def test_verifying_a_teacher_of_a_proposed_school_is_refused(
    client, staff, django_capture_on_commit_callbacks
):
    school = SchoolFactory(proposed=True, name="Hue Gifted High School")
    profile = TeacherProfileFactory(pending=True, school=school)
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("staff:teacher_verify", args=[profile.pk]))

    assert response.status_code == 200
    assert (
        "Hue Gifted High School, Helsinki is still a proposed school. Verify it, or merge it"
        in response.content.decode()
    )
    profile.refresh_from_db()
    school.refresh_from_db()
    assert profile.verification == TeacherProfile.Verification.PENDING
    assert school.status == School.Status.PROPOSED
    assert mail.outbox == []


def test_verifying_a_teacher_without_a_school_says_so(client, staff):
    profile = TeacherProfileFactory(pending=True, school=None)
    client.force_login(staff)

    response = client.post(reverse("staff:teacher_verify", args=[profile.pk]))

    assert response.status_code == 200
    assert "This teacher has not named a school yet." in response.content.decode()
    profile.refresh_from_db()
    assert profile.verification == TeacherProfile.Verification.PENDING


def test_a_rejected_teacher_can_be_verified_after_all(client, staff):
    profile = TeacherProfileFactory(rejected=True)
    client.force_login(staff)

    response = client.post(reverse("staff:teacher_verify", args=[profile.pk]))

    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.verification, profile.verification_note) == ("verified", "")


def test_the_review_page_takes_no_post(client, staff, waiting):
    client.force_login(staff)

    response = client.post(reverse("staff:teacher_review", args=[waiting.pk]), {"action": "x"})

    assert response.status_code == 405


# --- Review: reject ----------------------------------------------------------------------------


def test_reject_journey(client, staff, waiting, django_capture_on_commit_callbacks):
    client.force_login(staff)
    reason = "Choose the school where you teach now."

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("staff:teacher_reject", args=[waiting.pk]),
            {"reason": f"  {reason} "},
        )

    assert response.status_code == 302
    assert response.url == reverse("staff:teacher_queue")
    assert messages_of(response) == [
        "Maria Santos is not verified; they have been told why by e-mail."
    ]
    waiting.refresh_from_db()
    assert (waiting.verification, waiting.verification_note) == ("rejected", reason)
    assert entries_for(waiting) == [(staff, "teacher.rejected", reason)]
    [message] = mail.outbox
    assert message.to == ["maria@school.example"]
    assert message.subject == "[ClassNet] We could not verify your ClassNet account yet"
    assert reason in message.body


@pytest.mark.parametrize("reason", ["", "   "])
def test_rejecting_without_a_reason_asks_for_one(
    client, staff, waiting, reason, django_capture_on_commit_callbacks
):
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("staff:teacher_reject", args=[waiting.pk]),
            {"reason": reason},
        )

    assert response.status_code == 200
    assert "Say why, so that the teacher knows what to change." in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.verification == TeacherProfile.Verification.PENDING
    assert entries_for(waiting) == []
    assert mail.outbox == []


def test_staff_can_withdraw_a_verification_with_a_reason(client, staff, teacher):
    profile = teacher.teacher_profile
    client.force_login(staff)

    page = client.get(reverse("staff:teacher_review", args=[profile.pk])).content.decode()
    response = client.post(
        reverse("staff:teacher_reject", args=[profile.pk]),
        {"reason": "Left the school in June"},
    )

    assert "Withdraw the verification" in page
    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.verification, profile.verified_at) == ("rejected", None)
