import pytest
from django.core import mail

from awards.errors import AwardsError
from awards.models import Assignment, Conflict, CycleJudge
from awards.services.judges import (
    conflict_add,
    invitation_accept,
    invitation_decline,
    judge_make_chair,
    judge_reinvite,
    judge_remove,
    judges_invite,
)
from core.roles import JUDGES_GROUP
from teachers.models import User
from tests.factories import (
    AssignmentFactory,
    AwardCycleFactory,
    CycleJudgeFactory,
    EntryFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_invite_creates_an_invitation_and_emails_the_link(
    staff, django_capture_on_commit_callbacks
):
    cycle = AwardCycleFactory()
    person = UserFactory(email="expert@uni.example")

    with django_capture_on_commit_callbacks(execute=True):
        result = judges_invite(cycle=cycle, emails=["Expert@Uni.example"], by=staff)

    judge = CycleJudge.objects.get()
    assert result.invited == [judge]
    assert (judge.user, judge.status, judge.invited_by) == (person, "invited", staff)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["expert@uni.example"]
    assert f"/awards/judging/invitations/{judge.token}/" in mail.outbox[0].body


def test_invite_reports_unknown_addresses_and_creates_no_account(staff):
    cycle = AwardCycleFactory()
    users = User.objects.count()

    result = judges_invite(cycle=cycle, emails=["nobody@nowhere.example"], by=staff)

    assert result.unknown == ["nobody@nowhere.example"]
    assert User.objects.count() == users
    assert not CycleJudge.objects.exists()


def test_invite_again_leaves_an_active_judge_and_reopens_a_declined_one(staff):
    active = CycleJudgeFactory(status="active")
    declined = CycleJudgeFactory(cycle=active.cycle, status="declined")

    result = judges_invite(
        cycle=active.cycle, emails=[active.user.email, declined.user.email], by=staff
    )

    assert result.already == [active]
    assert [j.pk for j in result.invited] == [declined.pk]
    declined.refresh_from_db()
    active.refresh_from_db()
    assert (active.status, declined.status) == ("active", "invited")


def test_reinvite_resends_the_same_link(staff, django_capture_on_commit_callbacks):
    judge = CycleJudgeFactory(status="invited")

    with django_capture_on_commit_callbacks(execute=True):
        judge_reinvite(judge=judge, by=staff)

    assert judge.token in mail.outbox[0].body


def test_accept_makes_the_judge_active_and_opens_the_judges_area():
    judge = CycleJudgeFactory(status="invited", user=UserFactory())

    invitation_accept(judge=judge, by=judge.user)

    judge.refresh_from_db()
    assert judge.status == "active"
    assert judge.answered_at
    assert judge.user.groups.filter(name=JUDGES_GROUP).exists()


def test_accept_or_decline_by_someone_else_is_refused(other_teacher):
    judge = CycleJudgeFactory(status="invited")

    with pytest.raises(AwardsError, match="someone else"):
        invitation_accept(judge=judge, by=other_teacher)
    with pytest.raises(AwardsError, match="someone else"):
        invitation_decline(judge=judge, by=other_teacher)

    judge.refresh_from_db()
    assert judge.status == "invited"


def test_decline_then_a_removed_judge_cannot_accept():
    judge = CycleJudgeFactory(status="invited")

    invitation_decline(judge=judge, by=judge.user)
    judge.refresh_from_db()
    assert judge.status == "declined"
    CycleJudge.objects.filter(pk=judge.pk).update(status="removed")
    with pytest.raises(AwardsError, match="no longer valid"):
        invitation_accept(judge=judge, by=judge.user)


def test_remove_deletes_unsubmitted_assignments_keeps_scores_and_the_group(staff):
    judge = CycleJudgeFactory()
    open_one = AssignmentFactory(judge=judge, stage__cycle=judge.cycle)
    done = AssignmentFactory(
        judge=judge, stage=open_one.stage, status="submitted", submitted_at="2026-01-01T00:00Z"
    )

    deleted = judge_remove(judge=judge, by=staff)

    judge.refresh_from_db()
    assert deleted == 1
    assert judge.status == "removed"
    assert list(Assignment.objects.filter(judge=judge)) == [done]
    assert not judge.user.groups.filter(name=JUDGES_GROUP).exists()


def test_one_chair_per_cycle(staff):
    first = CycleJudgeFactory(is_chair=True)
    second = CycleJudgeFactory(cycle=first.cycle)

    judge_make_chair(judge=second, by=staff)

    assert list(CycleJudge.objects.filter(is_chair=True)) == [second]


def test_staff_conflict_removes_the_assignment_and_refuses_a_duplicate(staff):
    assignment = AssignmentFactory()

    dropped = conflict_add(
        judge=assignment.judge, entry=assignment.entry, reason="Former colleague", by=staff
    )

    assert [a.pk for a in dropped] == [assignment.pk]
    assert Conflict.objects.get().source == "staff"
    with pytest.raises(AwardsError, match="already"):
        conflict_add(judge=assignment.judge, entry=assignment.entry, reason="", by=staff)


def test_staff_conflict_with_an_entry_of_another_cycle_is_refused(staff):
    judge = CycleJudgeFactory()
    elsewhere = EntryFactory(cycle=AwardCycleFactory(edition__number=15))

    with pytest.raises(AwardsError, match="not in this judge's cycle"):
        conflict_add(judge=judge, entry=elsewhere, reason="", by=staff)

    assert not Conflict.objects.exists()
