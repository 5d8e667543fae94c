"""collaborations/services/collaborations.py: propose, edit, status; what each refuses changing
nothing."""

import datetime
import re

import pytest

from collaborations.errors import CollaborationError
from collaborations.models import Collaboration, Membership, Theme
from collaborations.services.collaborations import (
    ALLOWED_TRANSITIONS,
    collaboration_propose,
    collaboration_set_status,
    collaboration_update,
    themes_from_names,
)
from core.audit.models import AuditEntry

from ...factories import (
    MembershipFactory,
    StaffFactory,
    TeacherProfileFactory,
)
from . import TODAY, plan

pytestmark = pytest.mark.django_db


# --- propose / update / status --------------------------------------------------------------


def test_collaboration_propose_makes_the_teacher_lead(lead):
    collaboration = collaboration_propose(by=lead.user, student_count=25, publish=True, **plan())

    assert (collaboration.title, collaboration.status, collaboration.created_by) == (
        "Bees and cities",
        "open",
        lead.user,
    )
    assert [
        (m.school, m.teacher, m.role, m.student_count) for m in collaboration.memberships.all()
    ] == [(lead.school, lead, "lead", 25)]
    assert sorted(t.name for t in collaboration.themes.all()) == ["Climate", "urban nature"]
    assert AuditEntry.objects.filter(action="collaboration.proposed").count() == 1


def test_collaboration_propose_as_a_draft(lead):
    collaboration = collaboration_propose(by=lead.user, student_count=25, **plan())

    assert collaboration.status == "draft"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ends_on": TODAY}, "The end must come after the start."),
        (
            {"ends_on": TODAY + datetime.timedelta(days=800)},
            r"A collaboration runs for 24 months at most \(3 to 12 is typical\).",
        ),
        ({"student_age_min": 16, "student_age_max": 12}, "Students' ages go from 10 to 21"),
        ({"student_age_min": 9}, "Students' ages go from 10 to 21"),
        ({"partner_schools_wanted": 0}, "Ask for 1 to 20 partner schools."),
        ({"partner_schools_wanted": 21}, "Ask for 1 to 20 partner schools."),
    ],
)
def test_collaboration_propose_bad_plan_changes_nothing(lead, changes, message):
    with pytest.raises(CollaborationError, match=message):
        collaboration_propose(by=lead.user, student_count=25, **plan(**changes))

    assert not Collaboration.objects.exists()
    assert not Membership.objects.exists()


@pytest.mark.parametrize("who", ["unverified", "rejected", "staff"])
def test_collaboration_propose_by_a_non_verified_teacher_is_refused(who):
    user = {
        "unverified": lambda: TeacherProfileFactory(pending=True).user,
        "staff": StaffFactory,
        "rejected": lambda: TeacherProfileFactory(rejected=True).user,
    }[who]()

    with pytest.raises(CollaborationError, match="Only teachers whose school staff have verified"):
        collaboration_propose(by=user, student_count=25, **plan())

    assert not Collaboration.objects.exists()


def test_themes_from_names_matches_existing_themes_case_insensitively():
    existing = Theme.objects.create(name="Climate", slug="climate")

    themes = themes_from_names(["climate", " CLIMATE ", "", "Robotics"])

    assert {t.name for t in themes} == {"Climate", "Robotics"}
    assert existing in themes
    assert Theme.objects.count() == 2


def test_collaboration_update_changes_the_plan(collaboration, lead):
    collaboration_update(
        collaboration=collaboration, by=lead.user, **plan(partner_schools_wanted=5)
    )

    collaboration.refresh_from_db()
    assert (
        collaboration.title,
        collaboration.partner_schools_wanted,
        collaboration.wanted_region,
    ) == (
        "Bees and cities",
        5,
        "asia",
    )
    assert AuditEntry.objects.filter(action="collaboration.edited").count() == 1


def test_collaboration_update_cannot_go_below_the_partners_in(collaboration, lead):
    MembershipFactory(collaboration=collaboration)
    MembershipFactory(collaboration=collaboration)

    with pytest.raises(CollaborationError, match="2 partner schools are already in"):
        collaboration_update(
            collaboration=collaboration, by=lead.user, **plan(partner_schools_wanted=1)
        )

    collaboration.refresh_from_db()
    assert (collaboration.title, collaboration.partner_schools_wanted) != ("Bees and cities", 1)
    assert collaboration.partner_schools_wanted == 2


def test_collaboration_update_bad_dates_change_nothing(collaboration, lead):
    before = collaboration.title

    with pytest.raises(CollaborationError, match=re.escape("The end must come after the start.")):
        collaboration_update(
            collaboration=collaboration, by=lead.user, **plan(ends_on=TODAY - datetime.timedelta(1))
        )

    collaboration.refresh_from_db()
    assert collaboration.title == before


@pytest.mark.parametrize(
    ("current", "new"),
    [(current, new) for current, allowed in ALLOWED_TRANSITIONS.items() for new in allowed],
)
def test_collaboration_set_status_allowed(collaboration, lead, current, new):
    Collaboration.objects.filter(pk=collaboration.pk).update(status=current)

    collaboration_set_status(collaboration=collaboration, by=lead.user, status=new)

    collaboration.refresh_from_db()
    assert collaboration.status == new
    assert AuditEntry.objects.filter(action=f"collaboration.{new}").count() == 1


@pytest.mark.parametrize(
    ("current", "new"),
    [
        (current, new)
        for current in Collaboration.Status
        for new in Collaboration.Status
        if new not in ALLOWED_TRANSITIONS[current]
    ],
)
def test_collaboration_set_status_refused(collaboration, lead, current, new):
    Collaboration.objects.filter(pk=collaboration.pk).update(status=current)

    with pytest.raises(CollaborationError, match="cannot become"):
        collaboration_set_status(collaboration=collaboration, by=lead.user, status=new)

    collaboration.refresh_from_db()
    assert collaboration.status == current


# --- join requests --------------------------------------------------------------------------
