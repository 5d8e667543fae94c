"""Staff verify a teacher or say why not: the state, the record of who did it, and the e-mail,
which leaves only once the transaction commits."""

import pytest
from django.core import mail
from django.db import transaction

from core.audit.models import AuditEntry
from core.outbox.models import OutgoingEmail
from teachers.models import TeacherProfile
from teachers.services import TeacherError, teacher_reject, teacher_verify

from ...factories import SchoolFactory, StaffFactory, TeacherProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(db):
    return TeacherProfileFactory(
        pending=True,
        user__full_name="Maria Santos",
        user__email="maria@school.example",
        school__name="Espoo Upper Secondary",
    )


def actions(profile) -> list[tuple]:
    return [
        (entry.actor, entry.action, entry.note)
        for entry in AuditEntry.objects.filter(target_id=profile.pk, action__startswith="teacher.")
    ]


# --- teacher_verify -----------------------------------------------------------------------------


def test_verify_marks_the_teacher_verified_and_records_who(waiting):
    staff = StaffFactory()

    profile = teacher_verify(profile=waiting, by=staff)

    assert profile.verification == TeacherProfile.Verification.VERIFIED
    assert profile.verified_at is not None
    waiting.refresh_from_db()
    assert waiting.is_verified
    assert actions(waiting) == [(staff, "teacher.verified", "")]
    assert list(TeacherProfile.objects.verified()) == [waiting]


def test_verify_clears_an_earlier_rejection_reason(db):
    profile = TeacherProfileFactory(rejected=True)

    teacher_verify(profile=profile, by=StaffFactory())

    profile.refresh_from_db()
    assert (profile.verification, profile.verification_note) == ("verified", "")


def test_verify_tells_the_teacher_only_after_commit(waiting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        teacher_verify(profile=waiting, by=StaffFactory())

    assert mail.outbox == []
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.QUEUED
    for callback in callbacks:
        callback()
    [message] = mail.outbox
    assert message.to == ["maria@school.example"]
    assert message.subject == (
        "[ClassNet] You are verified at Espoo Upper Secondary: welcome to the ClassNet network"
    )
    assert "Dear Maria Santos" in message.body
    assert "Espoo Upper Secondary" in message.body


def test_verify_sends_nothing_when_the_transaction_rolls_back(
    waiting, django_capture_on_commit_callbacks
):
    class Abort(Exception):
        pass

    def verify_then_fail():
        with transaction.atomic():
            teacher_verify(profile=waiting, by=StaffFactory())
            raise Abort

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Abort):
        verify_then_fail()

    waiting.refresh_from_db()
    assert waiting.verification == TeacherProfile.Verification.PENDING
    assert actions(waiting) == []
    assert mail.outbox == []
    assert OutgoingEmail.objects.count() == 0


def test_verify_twice_is_refused_and_sends_nothing(teacher, django_capture_on_commit_callbacks):
    profile = teacher.teacher_profile
    verified_at = profile.verified_at

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(TeacherError, match="is already verified"),
    ):
        teacher_verify(profile=profile, by=StaffFactory())

    profile.refresh_from_db()
    assert profile.verified_at == verified_at
    assert actions(profile) == []
    assert mail.outbox == []


def test_verify_without_a_school_is_refused(db):
    profile = TeacherProfileFactory(pending=True, school=None)

    with pytest.raises(TeacherError, match="has not named a school yet"):
        teacher_verify(profile=profile, by=StaffFactory())

    profile.refresh_from_db()
    assert profile.verification == TeacherProfile.Verification.PENDING


def test_verify_reads_the_current_row_not_the_stale_object(waiting):
    """Two staff on the same teacher: the second sees the first one's decision."""
    stale = TeacherProfile.objects.get(pk=waiting.pk)
    teacher_verify(profile=waiting, by=StaffFactory())

    with pytest.raises(TeacherError, match="is already verified"):
        teacher_verify(profile=stale, by=StaffFactory())

    assert AuditEntry.objects.filter(action="teacher.verified").count() == 1


# --- teacher_reject -----------------------------------------------------------------------------


def test_reject_keeps_the_reason_and_records_who(waiting):
    staff = StaffFactory()

    profile = teacher_reject(profile=waiting, by=staff, reason="  Choose your current school. ")

    assert profile.verification == TeacherProfile.Verification.REJECTED
    waiting.refresh_from_db()
    assert (waiting.verification, waiting.verification_note) == (
        "rejected",
        "Choose your current school.",
    )
    assert actions(waiting) == [(staff, "teacher.rejected", "Choose your current school.")]


def test_reject_tells_the_teacher_why_only_after_commit(
    waiting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        teacher_reject(profile=waiting, by=StaffFactory(), reason="Use your school address.")

    assert mail.outbox == []
    for callback in callbacks:
        callback()
    [message] = mail.outbox
    assert message.to == ["maria@school.example"]
    assert message.subject == "[ClassNet] We could not verify your ClassNet account yet"
    assert "Use your school address." in message.body


@pytest.mark.parametrize("reason", ["", "   \n"])
def test_reject_without_a_reason_is_refused(waiting, reason, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(TeacherError, match="Say why"),
    ):
        teacher_reject(profile=waiting, by=StaffFactory(), reason=reason)

    waiting.refresh_from_db()
    assert waiting.verification == TeacherProfile.Verification.PENDING
    assert actions(waiting) == []
    assert mail.outbox == []


def test_reject_withdraws_a_verification(teacher):
    profile = teacher.teacher_profile

    teacher_reject(profile=profile, by=StaffFactory(), reason="Left the school in June")

    profile.refresh_from_db()
    assert (profile.verification, profile.verified_at) == ("rejected", None)
    assert list(TeacherProfile.objects.verified()) == []


def test_a_teacher_of_a_proposed_school_can_be_rejected(db):
    profile = TeacherProfileFactory(pending=True, school=SchoolFactory(proposed=True))

    teacher_reject(profile=profile, by=StaffFactory(), reason="The school does not exist")

    profile.refresh_from_db()
    assert profile.verification == TeacherProfile.Verification.REJECTED
