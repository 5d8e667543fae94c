"""awards/rules.py: every permission for every role (visitor, teacher, other teacher, judge,
staff), as a table of expected answers.

The teacher entered the entry and leads its collaboration; the other teacher is a partner of
it (a member, not its lead); the judge judges the entry (an active judge of the cycle)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from collaborations.models import Membership
from tests.factories import (
    AssignmentFactory,
    AwardCycleFactory,
    CycleJudgeFactory,
    EntryFactory,
    MembershipFactory,
)

ROLES = ["visitor", "teacher", "other_teacher", "judge", "staff"]


@pytest.fixture
def world(teacher, other_teacher, judge, staff):
    entry = EntryFactory(submitted_by=teacher.teacher_profile)
    MembershipFactory(collaboration=entry.collaboration, teacher=other_teacher.teacher_profile)
    judgeship = CycleJudgeFactory(cycle=entry.cycle, user=judge)
    assignment = AssignmentFactory(entry=entry, stage__cycle=entry.cycle, judge=judgeship)
    entry.cycle.status = "open"
    entry.cycle.save(update_fields=["status"])
    return {
        "users": {
            "visitor": AnonymousUser(),
            "teacher": teacher,
            "other_teacher": other_teacher,
            "judge": judge,
            "staff": staff,
        },
        "entry": entry,
        "assignment": assignment,
        "judgeship": assignment.judge,
        "draft": AwardCycleFactory(status="draft", edition__number=15),
    }


def answers(world, perm, obj) -> dict[str, bool]:
    return {role: world["users"][role].has_perm(perm, obj) for role in ROLES}


def row(*expected: bool) -> dict[str, bool]:
    return dict(zip(ROLES, expected, strict=True))


@pytest.mark.parametrize(
    ("perm", "expected"),
    [
        ("awards.manage_cycles", row(False, False, False, False, True)),
        ("awards.view_judging", row(False, True, True, True, True)),
        ("awards.enter", row(False, True, True, False, False)),
    ],
)
def test_permissions_on_no_object(world, perm, expected):
    assert answers(world, perm, None) == expected


@pytest.mark.parametrize(
    ("perm", "target", "expected"),
    [
        ("awards.view_cycle", "cycle", row(True, True, True, True, True)),
        ("awards.view_cycle", "draft", row(False, False, False, False, True)),
        ("awards.view_entry", "entry", row(False, True, False, False, True)),
        ("awards.change_entry", "entry", row(False, True, False, False, False)),
        ("awards.view_feedback", "entry", row(False, False, False, False, False)),
        ("awards.score_assignment", "assignment", row(False, False, False, True, False)),
        ("awards.declare_conflicts", "judgeship", row(False, False, False, True, False)),
        ("awards.answer_invitation", "judgeship", row(False, False, False, True, False)),
    ],
)
def test_permissions_on_an_object(world, perm, target, expected):
    obj = world["entry"].cycle if target == "cycle" else world[target]

    assert answers(world, perm, obj) == expected


def test_feedback_after_publication_is_for_the_entrant_and_staff(world):
    entry = world["entry"]
    entry.cycle.status = "published"
    entry.cycle.save(update_fields=["status"])

    assert answers(world, "awards.view_feedback", entry) == row(False, True, False, False, True)


def test_once_entries_close_nobody_changes_an_entry(world):
    entry = world["entry"]
    entry.cycle.status = "judging"
    entry.cycle.save(update_fields=["status"])

    assert answers(world, "awards.change_entry", entry) == row(False, False, False, False, False)


def test_a_new_lead_sees_and_changes_the_entry_the_old_one_only_sees(world):
    entry, teacher, other = (
        world["entry"],
        world["users"]["teacher"],
        world["users"]["other_teacher"],
    )
    entry.collaboration.memberships.filter(teacher__user=teacher).update(
        role=Membership.Role.MEMBER
    )
    entry.collaboration.memberships.filter(teacher__user=other).update(role=Membership.Role.LEAD)

    assert answers(world, "awards.view_entry", entry) == row(False, True, True, False, True)
    assert answers(world, "awards.change_entry", entry) == row(False, False, True, False, False)


def test_a_removed_judge_no_longer_scores_nor_declares(world):
    judgeship = world["judgeship"]
    judgeship.status = "removed"
    judgeship.save(update_fields=["status"])
    world["assignment"].judge = judgeship

    assert answers(world, "awards.score_assignment", world["assignment"])["judge"] is False
    assert answers(world, "awards.declare_conflicts", judgeship)["judge"] is False
