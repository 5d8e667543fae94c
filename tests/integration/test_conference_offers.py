"""Waitlist offers under concurrency, on PostgreSQL: one offer is answered once, and the place an
open offer holds is never given to anyone else.

Each thread has its own database connection (Django opens one per thread) and closes it at the
end; a barrier releases the threads together so that their transactions really overlap.
"""

import datetime
import threading
from collections.abc import Callable

import pytest
from django.db import connection
from django.utils import timezone

from conferences.errors import ConferenceError
from conferences.models import Application, WaitlistOffer
from conferences.services.applications import application_approve
from conferences.services.waitlist import expire_overdue_offers, offer_accept
from core.audit.models import AuditEntry
from core.outbox.models import OutgoingEmail

from ..factories import EditionFactory, StaffFactory, TeacherProfileFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def at_once(*calls: Callable[[], object]) -> list[object]:
    """Run the calls in parallel threads released together; what each returned or raised."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(index: int, call: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=30)
            try:
                results[index] = call()
            except Exception as error:
                results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return results


def coming_edition(capacity: int):
    today = timezone.localdate()
    return EditionFactory(
        number=17,
        status="closed",
        capacity=capacity,
        starts_on=today + datetime.timedelta(days=60),
        ends_on=today + datetime.timedelta(days=64),
    )


def application(edition, status: str, minutes_ago: int = 0) -> Application:
    profile = TeacherProfileFactory()
    return Application.objects.create(
        edition=edition,
        teacher=profile,
        school=profile.school,
        motivation="Hello",
        status=status,
        waitlisted_at=timezone.now() - datetime.timedelta(minutes=minutes_ago)
        if status == "waitlisted"
        else None,
    )


def open_offer(application: Application, *, hours_left: float = 72) -> WaitlistOffer:
    expires_at = timezone.now() + datetime.timedelta(hours=hours_left)
    return WaitlistOffer.objects.create(
        application=application,
        token=f"token-{application.pk}",
        offered_at=expires_at - datetime.timedelta(hours=72),
        expires_at=expires_at,
    )


def test_two_accepts_of_one_offer_at_once_approve_once():
    edition = coming_edition(capacity=2)
    application(edition, "approved")
    waiting = application(edition, "waitlisted", minutes_ago=10)
    offer = open_offer(waiting)
    teacher = waiting.teacher.user

    results = at_once(
        lambda: offer_accept(token=offer.token, by=teacher),
        lambda: offer_accept(token=offer.token, by=teacher),
    )

    accepted = [r for r in results if isinstance(r, WaitlistOffer)]
    refusals = [r for r in results if isinstance(r, ConferenceError)]
    assert (len(accepted), [str(r) for r in refusals]) == (1, ["This offer was already answered."])
    waiting.refresh_from_db()
    offer.refresh_from_db()
    assert (waiting.status, offer.status) == ("approved", "accepted")
    assert edition.applications.filter(status="approved").count() == 2
    assert AuditEntry.objects.filter(action="application.approved").count() == 1
    assert OutgoingEmail.objects.filter(to=[teacher.email]).count() == 1


def test_staff_cannot_approve_into_the_place_an_open_offer_holds():
    edition = coming_edition(capacity=2)
    application(edition, "approved")
    waiting = application(edition, "waitlisted", minutes_ago=10)
    offer = open_offer(waiting)
    other = application(edition, "submitted")
    staff = StaffFactory()

    accept_result, approve_result = at_once(
        lambda: offer_accept(token=offer.token),
        lambda: application_approve(application=other, by=staff),
    )

    assert isinstance(accept_result, WaitlistOffer)
    assert isinstance(approve_result, ConferenceError)
    assert str(approve_result) == "No places left: the edition's 2 places are taken."
    waiting.refresh_from_db()
    other.refresh_from_db()
    assert (waiting.status, other.status) == ("approved", "submitted")
    assert edition.applications.filter(status="approved").count() == 2


def test_two_expiry_runs_at_once_expire_once_and_offer_the_place_once():
    edition = coming_edition(capacity=2)
    application(edition, "approved")
    late = application(edition, "waitlisted", minutes_ago=30)
    open_offer(late, hours_left=-1)
    next_one = application(edition, "waitlisted", minutes_ago=10)

    results = at_once(expire_overdue_offers, expire_overdue_offers)

    assert sorted(results) == [0, 1]
    assert sorted(WaitlistOffer.objects.values_list("application", "status")) == [
        (late.pk, "expired"),
        (next_one.pk, "open"),
    ]
    assert OutgoingEmail.objects.filter(to=[next_one.teacher.user.email]).count() == 1
