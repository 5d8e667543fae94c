"""Every write of collaborations/services.py: what it does, what it refuses (changing nothing),
and that e-mails leave only after the transaction commits."""

import datetime
import re

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from collaborations.errors import CollaborationError
from collaborations.models import Collaboration, JoinRequest, Membership, Theme
from collaborations.selectors.memberships import partner_count
from collaborations.services.collaborations import (
    ALLOWED_TRANSITIONS,
    collaboration_propose,
    collaboration_set_status,
    collaboration_update,
    themes_from_names,
)
from collaborations.services.join_requests import (
    join_request_accept,
    join_request_create,
    join_request_decline,
    join_request_withdraw,
)
from collaborations.services.memberships import co_lead_set, membership_leave, membership_remove
from core.audit.models import AuditEntry
from core.outbox.models import OutgoingEmail

from ..factories import (
    CollaborationFactory,
    CountryFactory,
    LanguageFactory,
    MembershipFactory,
    StaffFactory,
    SubjectFactory,
    TeacherProfileFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2030, 3, 1)


def plan(**changes) -> dict:
    data = {
        "title": "  Bees and cities ",
        "summary": "Classes count pollinators.",
        "description": "Every month both classes count bees.",
        "subjects": [SubjectFactory(name="Biology")],
        "languages": [LanguageFactory(code="en")],
        "theme_names": ["Climate", "urban nature"],
        "kind": "online",
        "student_age_min": 12,
        "student_age_max": 15,
        "ict_tools": "Padlet",
        "starts_on": TODAY,
        "ends_on": TODAY + datetime.timedelta(days=180),
        "partner_schools_wanted": 3,
        "wanted_region": "asia",
    }
    return data | changes


@pytest.fixture
def lead():
    return TeacherProfileFactory(user__email="lead@school.example")


@pytest.fixture
def collaboration(lead):
    return CollaborationFactory(lead=lead, created_by=lead.user, partner_schools_wanted=2)


@pytest.fixture
def asker():
    return TeacherProfileFactory(
        user__email="asker@school.example", user__country=CountryFactory(code="JP")
    )


def ask(collaboration, teacher, **kwargs) -> JoinRequest:
    return JoinRequest.objects.create(
        collaboration=collaboration,
        teacher=teacher,
        school=teacher.school,
        student_count=kwargs.pop("student_count", 20),
        message="Hello",
        **kwargs,
    )


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


def test_membership_leave_by_its_teacher(collaboration):
    membership = MembershipFactory(collaboration=collaboration)

    membership_leave(membership=membership, by=membership.teacher.user)

    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEntry.objects.filter(action="membership.left").count() == 1


def test_membership_leave_by_someone_else_changes_nothing(collaboration, lead):
    membership = MembershipFactory(collaboration=collaboration)

    with pytest.raises(CollaborationError, match="Only the member's teacher"):
        membership_leave(membership=membership, by=lead.user)

    assert Membership.objects.filter(pk=membership.pk).exists()


def test_membership_leave_the_lead_cannot(collaboration, lead):
    own = collaboration.memberships.get(role="lead")

    with pytest.raises(CollaborationError, match="The lead cannot leave"):
        membership_leave(membership=own, by=lead.user)

    assert Membership.objects.filter(pk=own.pk).exists()


def test_membership_remove_records_who_and_why(collaboration, lead):
    membership = MembershipFactory(collaboration=collaboration)

    membership_remove(membership=membership, by=lead.user, reason="Silent for months.")

    assert not Membership.objects.filter(pk=membership.pk).exists()
    entry = AuditEntry.objects.get(action="membership.removed")
    assert (entry.actor, entry.note) == (lead.user, "Silent for months.")


def test_membership_remove_the_lead_cannot_be_removed(collaboration, lead):
    own = collaboration.memberships.get(role="lead")

    with pytest.raises(CollaborationError, match=re.escape("The lead's school cannot be removed.")):
        membership_remove(membership=own, by=StaffFactory())

    assert Membership.objects.filter(pk=own.pk).exists()


def test_co_lead_set_and_unset(collaboration, lead):
    membership = MembershipFactory(collaboration=collaboration)

    co_lead_set(membership=membership, by=lead.user, co_lead=True)
    membership.refresh_from_db()
    named = membership.role
    co_lead_set(membership=membership, by=lead.user, co_lead=False)
    membership.refresh_from_db()

    assert (named, membership.role) == ("co_lead", "member")
    assert list(
        AuditEntry.objects.order_by("pk")
        .values_list("action", flat=True)
        .filter(action__startswith="membership.")
    ) == ["membership.co_lead", "membership.member"]


def test_co_lead_set_on_the_lead_changes_nothing(collaboration, lead):
    own = collaboration.memberships.get(role="lead")

    with pytest.raises(CollaborationError, match=re.escape("The lead already leads.")):
        co_lead_set(membership=own, by=lead.user, co_lead=False)

    own.refresh_from_db()
    assert own.role == "lead"


def test_partner_count_leaves_the_lead_out(collaboration):
    MembershipFactory(collaboration=collaboration, role="co_lead")
    MembershipFactory(collaboration=collaboration)

    assert partner_count(collaboration=collaboration) == 2
