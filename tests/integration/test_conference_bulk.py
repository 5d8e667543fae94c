"""Bulk decisions on PostgreSQL: two staff bulk-approving overlapping sets at the same moment
never take the edition past its capacity, and a bulk approval of 200 is one quick request.

Each thread has its own database connection and closes it at the end; a barrier releases
both together so that their decisions really overlap.
"""

import threading
import time

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from conferences.models import Application
from conferences.services.selection import BulkResult, applications_decide_bulk
from core.outbox.models import OutgoingEmail
from teachers.models import TeacherProfile, User

from ..factories import CountryFactory, EditionFactory, SchoolFactory, StaffFactory
from .support import wait_until

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

CAPACITY_MESSAGE = "No places left: the edition's 10 places are taken."


def applications(edition, count: int) -> list[Application]:
    school = SchoolFactory(country=CountryFactory(code="FI"))
    users = User.objects.bulk_create(
        User(email=f"t{n}@example.org", full_name=f"Teacher {n}") for n in range(count)
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


def test_two_overlapping_bulk_approvals_at_once_fill_exactly_the_capacity():
    edition = EditionFactory(number=17, status="applications_open", capacity=10)
    first_staff, second_staff = StaffFactory(), StaffFactory()
    rows = applications(edition, 24)
    # Overlapping sets: both tick the middle 8, each ticks 8 of its own.
    sets = [[a.pk for a in rows[:16]], [a.pk for a in rows[8:]]]
    barrier = threading.Barrier(2)
    results: list[BulkResult | BaseException] = [None, None]

    def run(index: int, by):
        try:
            barrier.wait(timeout=30)
            results[index] = applications_decide_bulk(
                edition=edition, application_ids=sets[index], action="approve", by=by
            )
        except BaseException as error:  # reported below, never lost in the thread
            results[index] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(0, first_staff)),
        threading.Thread(target=run, args=(1, second_staff)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not any(thread.is_alive() for thread in threads)
    assert all(isinstance(result, BulkResult) for result in results), results
    assert edition.applications.filter(status="approved").count() == 10
    assert edition.applications.filter(status="submitted").count() == 14
    done = [a.pk for result in results for a in result.done]
    assert len(done) == len(set(done)) == 10  # no application approved twice
    messages = {r.message for result in results for r in result.refused}
    assert messages <= {
        CAPACITY_MESSAGE,
        "Only a submitted, under-review or waitlisted application can be approved.",
    }
    assert CAPACITY_MESSAGE in messages
    assert OutgoingEmail.objects.count() == 10


def test_bulk_approve_of_200_is_one_request_and_a_real_worker_delivers_the_mails(
    worker, smtp_server
):
    edition = EditionFactory(number=17, status="applications_open", capacity=250)
    to_approve = applications(edition, 200)
    client = Client()
    client.force_login(StaffFactory())

    started = time.monotonic()
    response = client.post(
        reverse("conferences_staff:applications_bulk", args=[edition.number]),
        {"applications": [a.pk for a in to_approve], "action": "approve"},
    )
    elapsed = time.monotonic() - started

    assert response.status_code == 302
    assert edition.applications.filter(status="approved").count() == 200
    assert OutgoingEmail.objects.count() == 200
    assert elapsed < 30, elapsed
    # The request queued the mails; the worker delivers them after it returned.
    delivered = wait_until(
        lambda: OutgoingEmail.objects.filter(status=OutgoingEmail.Status.SENT).count() == 200,
        what="the 200 approval e-mails to be delivered",
        timeout=120,
    )
    delivered_after = time.monotonic() - started
    assert delivered
    print(
        f"\nbulk approve of 200 on PostgreSQL: request {elapsed:.2f}s, "
        f"all mails delivered by the worker after {delivered_after:.2f}s"
    )
