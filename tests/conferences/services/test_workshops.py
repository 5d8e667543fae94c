"""Workshop sign-up: the services (places, clashes, who may) and the reads behind the pages."""

import datetime
from unittest import mock

import pytest
from django.db import IntegrityError
from django.utils import timezone

from conferences.errors import ConferenceError
from conferences.models import Application, Session, WorkshopSignup
from conferences.selectors.workshops import (
    participant_application,
    sessions_for_participant,
    workshops_by_day,
)
from conferences.services.workshops import signup_cancel, signup_create
from core.audit.models import AuditEntry
from tests.factories import EditionFactory, TeacherProfileFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
# Tuesday 26 November 2030, 14:00 in Bangkok (UTC+7).
TUESDAY_2PM = datetime.datetime(2030, 11, 26, 7, 0, tzinfo=UTC)


@pytest.fixture
def edition():
    return EditionFactory(
        number=17,
        title="Digital Citizenship",
        city="Bangkok",
        venue="Chulalongkorn University",
        time_zone="Asia/Bangkok",
        starts_on=datetime.date(2030, 11, 25),
        ends_on=datetime.date(2030, 11, 29),
        status="closed",
    )


def participant(edition, user=None, status="approved") -> Application:
    profile = user.teacher_profile if user is not None else TeacherProfileFactory()
    return Application.objects.create(
        edition=edition, teacher=profile, school=profile.school, motivation="Hi", status=status
    )


def workshop(edition, starts_at=TUESDAY_2PM, minutes=90, capacity=20, **kwargs) -> Session:
    kwargs.setdefault("kind", Session.Kind.WORKSHOP)
    kwargs.setdefault("title", f"Workshop at {starts_at:%d %H:%M}")
    return Session.objects.create(
        edition=edition,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(minutes=minutes),
        capacity=capacity,
        **kwargs,
    )


def fill(session, count, status="approved"):
    for _ in range(count):
        WorkshopSignup.objects.create(
            session=session, application=participant(session.edition, status=status)
        )


def signups(session) -> list[Application]:
    return [s.application for s in session.signups.order_by("pk")]


# --- signup_create ---------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["approved", "attended"])
def test_signup_create_takes_a_place_and_is_audited(edition, teacher, status):
    application = participant(edition, teacher, status=status)
    session = workshop(edition, title="Mekong rivers")

    signup = signup_create(session=session, by=teacher)

    assert (signup.session, signup.application) == (session, application)
    assert signups(session) == [application]
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.target_id) == (teacher, "workshop.signup", session.pk)


def test_signup_create_refused_when_the_workshop_is_full(edition, teacher):
    application = participant(edition, teacher)
    session = workshop(edition, capacity=20)
    fill(session, 20)

    with pytest.raises(ConferenceError) as error:
        signup_create(session=session, by=teacher)

    assert str(error.value) == "This workshop is full (20 places)."
    assert application not in signups(session)
    assert session.signups.count() == 20


def test_signup_create_full_with_one_place_says_place(edition, teacher):
    participant(edition, teacher)
    session = workshop(edition, capacity=1)
    fill(session, 1)

    with pytest.raises(ConferenceError, match=r"^This workshop is full \(1 place\)\.$"):
        signup_create(session=session, by=teacher)


@pytest.mark.parametrize("status", ["withdrawn", "rejected"])
def test_signup_create_places_of_former_participants_are_free(edition, teacher, status):
    application = participant(edition, teacher)
    session = workshop(edition, capacity=2)
    fill(session, 1)
    fill(session, 1, status=status)

    signup_create(session=session, by=teacher)

    assert application in signups(session)


def test_signup_create_refused_when_it_clashes_with_a_choice(edition, teacher):
    application = participant(edition, teacher)
    chosen = workshop(edition, TUESDAY_2PM, minutes=90, title="Assessment across languages")
    WorkshopSignup.objects.create(session=chosen, application=application)
    overlapping = workshop(edition, TUESDAY_2PM + datetime.timedelta(minutes=60))

    with pytest.raises(ConferenceError) as error:
        signup_create(session=overlapping, by=teacher)

    assert str(error.value) == (
        "It clashes with “Assessment across languages” (Tue 26 Nov, 14:00–15:30), "
        "which you chose. Cancel that one first."
    )
    assert signups(overlapping) == []


@pytest.mark.parametrize(
    ("offset", "minutes"),
    [(-30, 60), (30, 30), (-60, 240), (0, 90)],
    ids=["overlaps-start", "inside", "around", "same-time"],
)
def test_signup_create_refuses_every_overlap(edition, teacher, offset, minutes):
    application = participant(edition, teacher)
    WorkshopSignup.objects.create(session=workshop(edition, minutes=90), application=application)
    other = workshop(edition, TUESDAY_2PM + datetime.timedelta(minutes=offset), minutes=minutes)

    with pytest.raises(ConferenceError, match=r"^It clashes with"):
        signup_create(session=other, by=teacher)

    assert signups(other) == []


@pytest.mark.parametrize("offset", [-60, 90], ids=["ends-as-it-starts", "starts-as-it-ends"])
def test_signup_create_touching_workshops_do_not_clash(edition, teacher, offset):
    application = participant(edition, teacher)
    WorkshopSignup.objects.create(session=workshop(edition, minutes=90), application=application)
    touching = workshop(edition, TUESDAY_2PM + datetime.timedelta(minutes=offset), minutes=60)

    signup_create(session=touching, by=teacher)

    assert signups(touching) == [application]


def test_signup_create_another_participants_choice_is_no_clash(edition, teacher):
    application = participant(edition, teacher)
    WorkshopSignup.objects.create(session=workshop(edition), application=participant(edition))
    same_time = workshop(edition)

    signup_create(session=same_time, by=teacher)

    assert signups(same_time) == [application]


@pytest.mark.parametrize("status", [None, "submitted", "under_review", "waitlisted", "withdrawn"])
def test_signup_create_refused_for_who_is_not_a_participant(edition, teacher, status):
    if status is not None:
        participant(edition, teacher, status=status)
    session = workshop(edition)

    with pytest.raises(ConferenceError) as error:
        signup_create(session=session, by=teacher)

    assert str(error.value) == "Only participants of the edition can sign up for workshops."
    assert signups(session) == []


def test_signup_create_refused_for_a_participant_of_another_edition(edition, teacher):
    participant(EditionFactory(number=16), teacher)
    session = workshop(edition)

    with pytest.raises(ConferenceError, match=r"^Only participants of the edition"):
        signup_create(session=session, by=teacher)

    assert signups(session) == []


def test_signup_create_refused_for_a_session_without_capacity(edition, teacher):
    participant(edition, teacher)
    plenary = workshop(edition, capacity=None, kind=Session.Kind.PLENARY, title="Opening")

    with pytest.raises(ConferenceError) as error:
        signup_create(session=plenary, by=teacher)

    assert str(error.value) == (
        "“Opening” is not a workshop: everyone can attend it without signing up."
    )
    assert signups(plenary) == []


def test_signup_create_refused_once_the_workshop_has_started(edition, teacher):
    participant(edition, teacher)
    started = workshop(edition, timezone.now() - datetime.timedelta(minutes=5))

    with pytest.raises(ConferenceError) as error:
        signup_create(session=started, by=teacher)

    assert str(error.value) == "This workshop has already started: sign-up is closed."
    assert signups(started) == []


def test_signup_create_twice_is_refused(edition, teacher):
    application = participant(edition, teacher)
    session = workshop(edition)
    signup_create(session=session, by=teacher)

    with pytest.raises(ConferenceError, match=r"^You are already signed up\.$"):
        signup_create(session=session, by=teacher)

    assert signups(session) == [application]
    assert AuditEntry.objects.count() == 1


def test_signup_create_the_database_refuses_a_double_click(edition, teacher):
    # Two clicks that both passed the checks: the unique constraint stops the second.
    application = participant(edition, teacher)
    session = workshop(edition)
    WorkshopSignup.objects.create(session=session, application=application)
    no_rows = WorkshopSignup.objects.none()

    with (
        mock.patch.object(WorkshopSignup.objects, "filter", return_value=no_rows),
        pytest.raises(ConferenceError, match=r"^You are already signed up\.$"),
    ):
        signup_create(session=session, by=teacher)

    assert signups(session) == [application]


def test_signup_once_per_session_in_the_database(edition, teacher):
    application = participant(edition, teacher)
    session = workshop(edition)
    WorkshopSignup.objects.create(session=session, application=application)

    with pytest.raises(IntegrityError):
        WorkshopSignup.objects.create(session=session, application=application)


# --- signup_cancel ---------------------------------------------------------------------------


def test_signup_cancel_frees_the_place_and_is_audited(edition, teacher):
    application = participant(edition, teacher)
    session = workshop(edition, capacity=1)
    WorkshopSignup.objects.create(session=session, application=application)

    signup_cancel(session=session, by=teacher)

    assert signups(session) == []
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.target_id) == (teacher, "workshop.cancel", session.pk)


def test_signup_cancel_leaves_other_participants_alone(edition, teacher):
    participant(edition, teacher)
    session = workshop(edition)
    fill(session, 2)
    others = signups(session)

    with pytest.raises(ConferenceError, match=r"^You are not signed up for this workshop\.$"):
        signup_cancel(session=session, by=teacher)

    assert signups(session) == others


def test_signup_cancel_by_a_non_participant_is_refused(edition, other_teacher):
    session = workshop(edition)
    fill(session, 1)

    with pytest.raises(ConferenceError, match=r"^You are not signed up for this workshop\.$"):
        signup_cancel(session=session, by=other_teacher)

    assert session.signups.count() == 1


def test_signup_cancel_refused_once_the_workshop_has_started(edition, teacher):
    application = participant(edition, teacher)
    started = workshop(edition, timezone.now() - datetime.timedelta(minutes=5))
    WorkshopSignup.objects.create(session=started, application=application)

    with pytest.raises(ConferenceError) as error:
        signup_cancel(session=started, by=teacher)

    assert str(error.value) == "This workshop has already started: you can no longer cancel."
    assert signups(started) == [application]


# --- reads ---------------------------------------------------------------------------------


def test_participant_application_is_the_place_holding_one(edition, teacher, other_teacher):
    mine = participant(edition, teacher)
    participant(edition, other_teacher, status="waitlisted")

    assert participant_application(edition=edition, user=teacher) == mine
    assert participant_application(edition=edition, user=other_teacher) is None


def test_workshops_by_day_counts_places_marks_choices_and_clashes(
    edition, teacher, django_assert_num_queries
):
    application = participant(edition, teacher)
    chosen = workshop(edition, TUESDAY_2PM, capacity=3, title="Chosen")
    clashing = workshop(edition, TUESDAY_2PM + datetime.timedelta(minutes=30), capacity=2)
    after = workshop(edition, TUESDAY_2PM + datetime.timedelta(minutes=90), capacity=5)
    next_day = workshop(edition, TUESDAY_2PM + datetime.timedelta(days=1), capacity=4)
    workshop(edition, TUESDAY_2PM, capacity=None, kind="plenary")  # not a workshop
    workshop(EditionFactory(number=16), TUESDAY_2PM)  # another edition's
    WorkshopSignup.objects.create(session=chosen, application=application)
    fill(clashing, 2)
    fill(after, 1)
    fill(after, 1, status="withdrawn")

    with django_assert_num_queries(1):
        days = workshops_by_day(edition=edition, application=application)

    assert [(d.day, d.workshops) for d in days] == [
        (datetime.date(2030, 11, 26), [chosen, clashing, after]),
        (datetime.date(2030, 11, 27), [next_day]),
    ]
    rows = [
        (w.taken, w.places_left, w.is_full, w.is_chosen, w.clashes_with, w.has_started)
        for d in days
        for w in d.workshops
    ]
    assert rows == [
        (1, 2, False, True, None, False),
        (2, 0, True, False, chosen, False),
        (1, 4, False, False, None, False),
        (0, 4, False, False, None, False),
    ]
    assert days[0].workshops[0].local_starts_at.strftime("%H:%M") == "14:00"


def test_sessions_for_participant_are_everyones_sessions_and_own_workshops(
    edition, teacher, django_assert_num_queries
):
    application = participant(edition, teacher)
    opening = workshop(edition, TUESDAY_2PM, capacity=None, kind="plenary")
    chosen = workshop(edition, TUESDAY_2PM + datetime.timedelta(hours=2))
    not_chosen = workshop(edition, TUESDAY_2PM + datetime.timedelta(hours=2))
    WorkshopSignup.objects.create(session=chosen, application=application)
    fill(chosen, 2)
    fill(not_chosen, 2)
    workshop(EditionFactory(number=16), TUESDAY_2PM, capacity=None, kind="plenary")

    with django_assert_num_queries(1):
        sessions = list(sessions_for_participant(application=application))

    assert sessions == [opening, chosen]
