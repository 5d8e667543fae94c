"""collaborations/services/join_requests.py: what each write does, what it refuses (changing
nothing), and that e-mails leave only after the transaction commits."""

import re

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from collaborations.errors import CollaborationError
from collaborations.models import Collaboration, JoinRequest
from collaborations.selectors.memberships import partner_count
from collaborations.services.join_requests import (
    join_request_accept,
    join_request_create,
    join_request_decline,
    join_request_withdraw,
)
from core.outbox.models import OutgoingEmail

from ...factories import (
    MembershipFactory,
    TeacherProfileFactory,
)
from . import ask

pytestmark = pytest.mark.django_db


def test_join_request_create_tells_the_leads_after_commit(
    collaboration, asker, django_capture_on_commit_callbacks
):
    co_lead = MembershipFactory(collaboration=collaboration, role="co_lead")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        join_request = join_request_create(
            collaboration=collaboration, by=asker.user, student_count=30, message=" We would! "
        )
        assert mail.outbox == []
    for callback in callbacks:
        callback()

    assert (join_request.status, join_request.message, join_request.school) == (
        "pending",
        "We would!",
        asker.school,
    )
    assert [sorted(m.to) for m in mail.outbox] == [
        sorted(["lead@school.example", co_lead.teacher.user.email])
    ]


def test_join_request_create_rolled_back_sends_nothing(
    collaboration, asker, django_capture_on_commit_callbacks
):
    def ask_then_fail():
        with transaction.atomic():
            join_request_create(
                collaboration=collaboration, by=asker.user, student_count=30, message="Hi"
            )
            raise RuntimeError

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        ask_then_fail()

    assert mail.outbox == []
    assert not JoinRequest.objects.exists()
    assert not OutgoingEmail.objects.exists()


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("closed", "This collaboration does not take new partners now."),
        ("draft", "This collaboration does not take new partners now."),
        ("member", "Your school is already a member of this collaboration."),
        ("pending", "A request for your school is already waiting"),
        ("full", "This collaboration is full: all its places are taken."),
        ("no message", "Write a few words to the leads about your class."),
        ("unverified", "Only teachers whose school staff have verified"),
    ],
)
def test_join_request_create_refused(
    collaboration, asker, setup, message, django_capture_on_commit_callbacks
):
    text = "Hello"
    by = asker.user
    if setup in {"closed", "draft"}:
        Collaboration.objects.filter(pk=collaboration.pk).update(
            status="completed" if setup == "closed" else "draft"
        )
    elif setup == "member":
        MembershipFactory(collaboration=collaboration, teacher=asker)
    elif setup == "pending":
        ask(collaboration, TeacherProfileFactory(school=asker.school))
    elif setup == "full":
        MembershipFactory(collaboration=collaboration)
        MembershipFactory(collaboration=collaboration)
    elif setup == "no message":
        text = "   "
    elif setup == "unverified":
        by = TeacherProfileFactory(pending=True).user
    requests_before = JoinRequest.objects.count()

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(CollaborationError, match=message),
    ):
        join_request_create(collaboration=collaboration, by=by, student_count=20, message=text)

    assert JoinRequest.objects.count() == requests_before
    assert mail.outbox == []


def test_join_request_accept_makes_a_member_and_tells_the_teacher(
    collaboration, asker, lead, django_capture_on_commit_callbacks
):
    join_request = ask(collaboration, asker, student_count=33)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        membership = join_request_accept(join_request=join_request, by=lead.user)
        assert mail.outbox == []
    for callback in callbacks:
        callback()

    join_request.refresh_from_db()
    assert (membership.school, membership.teacher, membership.role, membership.student_count) == (
        asker.school,
        asker,
        "member",
        33,
    )
    assert (join_request.status, join_request.decided_by) == ("accepted", lead.user)
    assert join_request.decided_at is not None
    assert [m.to for m in mail.outbox] == [["asker@school.example"]]
    assert partner_count(collaboration=collaboration) == 1


def test_join_request_accept_when_full_changes_nothing(
    collaboration, asker, lead, django_capture_on_commit_callbacks
):
    join_request = ask(collaboration, asker)
    MembershipFactory(collaboration=collaboration)
    MembershipFactory(collaboration=collaboration)

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(CollaborationError, match="All places are taken"),
    ):
        join_request_accept(join_request=join_request, by=lead.user)

    join_request.refresh_from_db()
    assert join_request.status == "pending"
    assert not collaboration.memberships.filter(school=asker.school).exists()
    assert mail.outbox == []


def test_join_request_accept_when_the_school_is_in_already(collaboration, asker, lead):
    join_request = ask(collaboration, asker)
    MembershipFactory(
        collaboration=collaboration, teacher=TeacherProfileFactory(school=asker.school)
    )

    with pytest.raises(CollaborationError, match=re.escape("This school is already a member.")):
        join_request_accept(join_request=join_request, by=lead.user)

    join_request.refresh_from_db()
    assert join_request.status == "pending"


@pytest.mark.parametrize("status", ["accepted", "declined", "withdrawn"])
def test_answered_requests_cannot_be_answered_again(collaboration, asker, lead, status):
    join_request = ask(collaboration, asker, status=status)

    for action in (
        lambda: join_request_accept(join_request=join_request, by=lead.user),
        lambda: join_request_decline(join_request=join_request, by=lead.user, reason="No"),
        lambda: join_request_withdraw(join_request=join_request, by=asker.user),
    ):
        with pytest.raises(
            CollaborationError, match=re.escape("This request has been answered already.")
        ):
            action()

    join_request.refresh_from_db()
    assert join_request.status == status
    assert not collaboration.memberships.filter(school=asker.school).exists()


def test_join_request_decline_tells_the_teacher_why(
    collaboration, asker, lead, django_capture_on_commit_callbacks
):
    join_request = ask(collaboration, asker)

    with django_capture_on_commit_callbacks(execute=True):
        join_request_decline(join_request=join_request, by=lead.user, reason=" Too old. ")

    join_request.refresh_from_db()
    assert (join_request.status, join_request.reason, join_request.decided_by) == (
        "declined",
        "Too old.",
        lead.user,
    )
    assert [m.to for m in mail.outbox] == [["asker@school.example"]]
    assert "Too old." in mail.outbox[0].body


def test_join_request_decline_without_a_reason_changes_nothing(
    collaboration, asker, lead, django_capture_on_commit_callbacks
):
    join_request = ask(collaboration, asker)

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(CollaborationError, match="Say why"),
    ):
        join_request_decline(join_request=join_request, by=lead.user, reason="  ")

    join_request.refresh_from_db()
    assert join_request.status == "pending"
    assert mail.outbox == []


def test_join_request_withdraw_by_the_teacher(collaboration, asker):
    join_request = ask(collaboration, asker)

    join_request_withdraw(join_request=join_request, by=asker.user)

    join_request.refresh_from_db()
    assert join_request.status == "withdrawn"
    assert join_request.decided_at <= timezone.now()


def test_join_request_withdraw_by_someone_else_changes_nothing(collaboration, asker, lead):
    join_request = ask(collaboration, asker)

    with pytest.raises(CollaborationError, match="Only the teacher who sent a request"):
        join_request_withdraw(join_request=join_request, by=lead.user)

    join_request.refresh_from_db()
    assert join_request.status == "pending"


def test_after_a_withdrawal_the_school_may_ask_again(collaboration, asker):
    first = ask(collaboration, asker)
    join_request_withdraw(join_request=first, by=asker.user)

    second = join_request_create(
        collaboration=collaboration, by=asker.user, student_count=10, message="Again"
    )

    assert list(collaboration.join_requests.filter(status="pending")) == [second]


# --- membership -----------------------------------------------------------------------------
