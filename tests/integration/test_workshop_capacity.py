"""Workshop places are never oversold on PostgreSQL, and a teacher never holds two clashing
workshops, however many sign-ups run at the same moment.

Each thread has its own database connection (Django opens one per thread) and closes it at the
end. A barrier releases them together before each sign-up, so that their transactions really
overlap.
"""

import datetime
import threading

import pytest
from django.db import connection

from conferences.models import Application, Session, WorkshopSignup
from conferences.services.workshops import signup_create

from ..factories import CountryFactory, EditionFactory, SchoolFactory
from .test_conference_capacity import applications

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

STARTS_AT = datetime.datetime(2030, 11, 26, 7, 0, tzinfo=datetime.UTC)


def workshop(edition, *, title: str, capacity: int, minutes: int = 90, offset: int = 0):
    starts_at = STARTS_AT + datetime.timedelta(minutes=offset)
    return Session.objects.create(
        edition=edition,
        kind=Session.Kind.WORKSHOP,
        title=title,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(minutes=minutes),
        capacity=capacity,
    )


def sign_up_in_threads(attempts: list[tuple[Session, object]], *, threads: int) -> list[object]:
    """Run signup_create for every (session, user) from `threads` threads released together in
    rounds; return what each gave: the sign-up or the error."""
    barrier = threading.Barrier(threads)
    results: list[object] = []
    lock = threading.Lock()
    rounds = -(-len(attempts) // threads)

    def run(share):
        try:
            for round_ in range(rounds):
                barrier.wait(timeout=30)
                if round_ >= len(share):
                    continue
                session, user = share[round_]
                try:
                    outcome = signup_create(session=session, by=user)
                except Exception as error:
                    outcome = error
                with lock:
                    results.append(outcome)
        finally:
            connection.close()

    workers = [
        threading.Thread(target=run, args=(attempts[index::threads],)) for index in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert not any(worker.is_alive() for worker in workers)
    assert len(results) == len(attempts)
    return results


@pytest.fixture
def edition():
    return EditionFactory(
        number=17,
        time_zone="Asia/Bangkok",
        starts_on=datetime.date(2030, 11, 25),
        ends_on=datetime.date(2030, 11, 29),
        status="closed",
    )


def participants(edition, count: int) -> list[Application]:
    school = SchoolFactory(country=CountryFactory(code="FI"))
    made = applications(edition, school, count, "w")
    Application.objects.filter(pk__in=[a.pk for a in made]).update(status="approved")
    return list(
        Application.objects.filter(pk__in=[a.pk for a in made]).select_related("teacher__user")
    )


def test_forty_participants_signing_up_at_once_fill_exactly_twenty_places(edition):
    session = workshop(edition, title="Robots in class", capacity=20)
    teachers = [a.teacher.user for a in participants(edition, 40)]

    results = sign_up_in_threads([(session, user) for user in teachers], threads=8)

    signed_up = [r for r in results if isinstance(r, WorkshopSignup)]
    refusals = [r for r in results if not isinstance(r, WorkshopSignup)]
    assert (len(signed_up), len(refusals)) == (20, 20)
    assert {f"{type(r).__name__}: {r}" for r in refusals} == {
        "ConferenceError: This workshop is full (20 places)."
    }
    assert session.signups.count() == 20


def test_one_teacher_choosing_two_clashing_workshops_at_once_gets_one(edition):
    first = workshop(edition, title="Assessment across languages", capacity=20)
    second = workshop(edition, title="Project-based learning", capacity=20, offset=30)
    user = participants(edition, 1)[0].teacher.user

    for _ in range(5):  # a few times, so that both orders of arrival are tried
        WorkshopSignup.objects.all().delete()

        results = sign_up_in_threads([(first, user), (second, user)], threads=2)

        signed_up = [r for r in results if isinstance(r, WorkshopSignup)]
        refusals = [r for r in results if not isinstance(r, WorkshopSignup)]
        assert len(signed_up) == 1
        assert len(refusals) == 1
        assert str(refusals[0]).startswith("It clashes with “")
        assert type(refusals[0]).__name__ == "ConferenceError"
        assert WorkshopSignup.objects.count() == 1
