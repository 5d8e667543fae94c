"""Places are never oversold on PostgreSQL: leads accepting different requests at the same
moment, and teachers of one school asking to join at the same moment.

Each thread has its own database connection (Django opens one per thread) and closes it at the
end. A barrier releases them together, so that their transactions really overlap.
"""

import threading

import pytest
from django.db import connection

from collaborations.errors import CollaborationError
from collaborations.models import JoinRequest, Membership
from collaborations.services.join_requests import join_request_accept, join_request_create

from ..factories import CollaborationFactory, CountryFactory, SchoolFactory, TeacherProfileFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

THREADS = 6


def race(actions) -> list[object]:
    """Run the callables in threads released together; return each one's result or error."""
    barrier = threading.Barrier(len(actions))
    results: list[object] = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait(timeout=10)
            results[index] = action()
        except Exception as error:
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads)
    return results


def test_leads_accepting_at_once_never_exceed_the_places():
    lead = TeacherProfileFactory()
    collaboration = CollaborationFactory(lead=lead, partner_schools_wanted=2)
    japan = CountryFactory(code="JP")
    requests = []
    for _n in range(THREADS):
        teacher = TeacherProfileFactory(user__country=japan)
        requests.append(
            JoinRequest.objects.create(
                collaboration=collaboration,
                teacher=teacher,
                school=teacher.school,
                student_count=20,
                message="Hello",
            )
        )

    results = race(
        [
            lambda join_request=join_request: join_request_accept(
                join_request=join_request, by=lead.user
            )
            for join_request in requests
        ]
    )

    memberships = [r for r in results if isinstance(r, Membership)]
    refusals = [r for r in results if isinstance(r, CollaborationError)]
    assert (len(memberships), len(refusals)) == (2, THREADS - 2)
    assert {str(error) for error in refusals} == {
        "All places are taken. Raise the number of partner schools to accept more."
    }
    assert collaboration.memberships.exclude(role="lead").count() == 2
    assert JoinRequest.objects.filter(status="accepted").count() == 2
    assert JoinRequest.objects.filter(status="pending").count() == THREADS - 2


def test_teachers_of_one_school_asking_at_once_leave_one_pending_request():
    collaboration = CollaborationFactory(partner_schools_wanted=2)
    school = SchoolFactory(country=CountryFactory(code="JP"))
    colleagues = [
        TeacherProfileFactory(school=school, user__country=school.country) for _n in range(THREADS)
    ]

    results = race(
        [
            lambda user=profile.user: join_request_create(
                collaboration=collaboration, by=user, student_count=20, message="Hello"
            )
            for profile in colleagues
        ]
    )

    created = [r for r in results if isinstance(r, JoinRequest)]
    refusals = [r for r in results if isinstance(r, CollaborationError)]
    assert (len(created), len(refusals)) == (1, THREADS - 1)
    assert {str(error) for error in refusals} == {
        "A request for your school is already waiting for the leads' answer."
    }
    assert list(JoinRequest.objects.filter(status="pending")) == created


def test_invitations_accepted_at_once_never_exceed_the_places():
    from collaborations.models import Invitation
    from collaborations.services.invitations import invitation_accept

    lead = TeacherProfileFactory()
    collaboration = CollaborationFactory(lead=lead, partner_schools_wanted=2)
    japan = CountryFactory(code="JP")
    invitations = []
    for _n in range(THREADS):
        teacher = TeacherProfileFactory(user__country=japan)
        invitations.append(
            Invitation.objects.create(
                collaboration=collaboration,
                invitee=teacher,
                school=teacher.school,
                invited_by=lead.user,
                message="Join us",
            )
        )

    results = race(
        [
            lambda invitation=invitation: invitation_accept(
                invitation=invitation, by=invitation.invitee.user, student_count=20
            )
            for invitation in invitations
        ]
    )

    memberships = [r for r in results if isinstance(r, Membership)]
    refusals = [r for r in results if isinstance(r, CollaborationError)]
    assert (len(memberships), len(refusals)) == (2, THREADS - 2)
    assert {str(error) for error in refusals} == {
        "All places are taken meanwhile: the invitation can no longer be accepted."
    }
    assert collaboration.memberships.exclude(role="lead").count() == 2
    assert Invitation.objects.filter(status="accepted").count() == 2
    assert Invitation.objects.filter(status="pending").count() == THREADS - 2


def test_an_invitation_and_a_join_request_accepted_at_once_never_exceed_the_places():
    from collaborations.models import Invitation
    from collaborations.services.invitations import invitation_accept

    lead = TeacherProfileFactory()
    collaboration = CollaborationFactory(lead=lead, partner_schools_wanted=1)
    japan = CountryFactory(code="JP")
    invited, asker = TeacherProfileFactory(user__country=japan), TeacherProfileFactory()
    invitation = Invitation.objects.create(
        collaboration=collaboration,
        invitee=invited,
        school=invited.school,
        invited_by=lead.user,
        message="Join us",
    )
    join_request = JoinRequest.objects.create(
        collaboration=collaboration,
        teacher=asker,
        school=asker.school,
        student_count=20,
        message="Hello",
    )

    results = race(
        [
            lambda: invitation_accept(invitation=invitation, by=invited.user, student_count=20),
            lambda: join_request_accept(join_request=join_request, by=lead.user),
        ]
    )

    assert sorted(type(r).__name__ for r in results) == ["CollaborationError", "Membership"]
    assert collaboration.memberships.exclude(role="lead").count() == 1
