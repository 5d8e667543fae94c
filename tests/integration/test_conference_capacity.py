"""Conference places are never oversold on PostgreSQL: staff approving applications from many
threads at the same moment never take an edition past its capacity or a country past its quota.

Each thread has its own database connection (Django opens one per thread) and closes it at the
end. A barrier releases them together before each approval, so that their transactions
really overlap.
"""

import threading

import pytest
from django.db import connection

from conferences.errors import ConferenceError
from conferences.models import Application, EditionCountryQuota
from conferences.services.applications import application_approve
from teachers.models import TeacherProfile, User

from ..factories import CountryFactory, EditionFactory, SchoolFactory, StaffFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

CAPACITY_MESSAGE = "No places left: the edition's 100 places are taken."


def applications(edition, school, count: int, prefix: str) -> list[Application]:
    """`count` verified teachers of `school` with a submitted application each, in bulk."""
    users = User.objects.bulk_create(
        User(email=f"{prefix}{n}@example.org", full_name=f"Teacher {prefix}{n}")
        for n in range(count)
    )
    profiles = TeacherProfile.objects.bulk_create(
        TeacherProfile(
            user=user,
            school=school,
            verification=TeacherProfile.Verification.VERIFIED,
            student_age_min=14,
            student_age_max=18,
        )
        for user in users
    )
    return Application.objects.bulk_create(
        Application(edition=edition, teacher=profile, school=school, motivation="Hello")
        for profile in profiles
    )


def approve_in_threads(to_approve: list[Application], *, threads: int, by) -> list[object]:
    """Approve every application through the service, from `threads` threads released together;
    return what each approval gave: the application or the error."""
    barrier = threading.Barrier(threads)
    results: dict[int, object] = {}
    lock = threading.Lock()
    rounds = -(-len(to_approve) // threads)

    def run(share: list[Application]):
        try:
            for round_ in range(rounds):
                # In lockstep: every round's approvals start together and overlap.
                barrier.wait(timeout=30)
                if round_ >= len(share):
                    continue
                application = share[round_]
                try:
                    outcome = application_approve(application=application, by=by)
                except Exception as error:
                    outcome = error
                with lock:
                    results[application.pk] = outcome
        finally:
            connection.close()

    workers = [
        threading.Thread(target=run, args=(to_approve[index::threads],)) for index in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert not any(worker.is_alive() for worker in workers)
    assert len(results) == len(to_approve)
    return list(results.values())


def test_approving_150_applications_at_once_fills_exactly_100_places():
    edition = EditionFactory(number=17, status="applications_open", capacity=100)
    school = SchoolFactory(country=CountryFactory(code="FI"))
    staff = StaffFactory()
    to_approve = applications(edition, school, 150, "t")

    results = approve_in_threads(to_approve, threads=8, by=staff)

    approved = [r for r in results if isinstance(r, Application)]
    refusals = [r for r in results if isinstance(r, ConferenceError)]
    assert (len(approved), len(refusals)) == (100, 50)
    assert {str(error) for error in refusals} == {CAPACITY_MESSAGE}
    assert edition.applications.filter(status="approved").count() == 100
    assert edition.applications.filter(status="submitted").count() == 50


def test_approving_at_once_never_takes_a_country_past_its_quota():
    edition = EditionFactory(number=17, status="applications_open", capacity=100)
    japan = CountryFactory(code="JP")
    EditionCountryQuota.objects.create(edition=edition, country=japan, max_teachers=5)
    staff = StaffFactory()
    from_japan = applications(edition, SchoolFactory(country=japan), 10, "jp")
    from_finland = applications(edition, SchoolFactory(country=CountryFactory(code="FI")), 5, "fi")

    results = approve_in_threads(from_japan + from_finland, threads=4, by=staff)

    approved = [r for r in results if isinstance(r, Application)]
    refusals = [r for r in results if isinstance(r, ConferenceError)]
    assert (len(approved), len(refusals)) == (10, 5)
    assert {str(error) for error in refusals} == {
        "No places left for teachers from Japan: its quota of 5 places is taken."
    }
    approved_rows = edition.applications.filter(status="approved")
    assert approved_rows.filter(school__country=japan).count() == 5
    assert approved_rows.exclude(school__country=japan).count() == 5
