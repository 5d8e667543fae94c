"""The waitlist (conferences/services/waitlist.py, selectors/waitlist.py): its order, offers of
freed places, and the teacher's answer; every refusal changes nothing but what it says (an
overdue offer is expired)."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from conferences import emails as conference_emails
from conferences.errors import ConferenceError
from conferences.models import Application, EditionCountryQuota, WaitlistOffer
from conferences.selectors.places import places_held
from conferences.selectors.waitlist import position_of, waitlist_standing
from conferences.services.applications import (
    application_approve,
    application_reject,
    application_withdraw,
)
from conferences.services.waitlist import (
    expire_overdue_offers,
    offer_accept,
    offer_decline,
    offer_free_places,
)
from core.audit.models import AuditEntry

from ...factories import CountryFactory, EditionFactory, SchoolFactory, TeacherProfileFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()


@pytest.fixture
def edition():
    """A coming edition (host: Thailand, Asia/Bangkok) with 2 places."""
    return EditionFactory(
        number=17,
        city="Bangkok",
        country=CountryFactory(code="TH"),
        status="closed",
        capacity=2,
        offer_hours=72,
        starts_on=(NOW + datetime.timedelta(days=60)).date(),
        ends_on=(NOW + datetime.timedelta(days=64)).date(),
    )


@pytest.fixture
def sent(monkeypatch):
    """(kind, address) of each conference e-mail asked for, in order (sent for real too)."""
    calls = []
    original = conference_emails.send_application_email

    def spy(kind, application, *, extra=None):
        calls.append((kind, application.teacher.user.email))
        original(kind, application, extra=extra)

    for module in ("conferences.services.applications", "conferences.services.waitlist"):
        monkeypatch.setattr(f"{module}.send_application_email", spy)
    return calls


def applicant(edition, status="submitted", *, minutes_ago=0, country=None):
    school = SchoolFactory(country=country) if country else SchoolFactory()
    profile = TeacherProfileFactory(school=school)
    waitlisted_at = (
        NOW - datetime.timedelta(minutes=minutes_ago) if status == "waitlisted" else None
    )
    return Application.objects.create(
        edition=edition,
        teacher=profile,
        school=profile.school,
        motivation="Hello",
        status=status,
        waitlisted_at=waitlisted_at,
    )


def offer_for(application, *, hours_left=72, status="open"):
    return WaitlistOffer.objects.create(
        application=application,
        token=f"token-{application.pk}",
        status=status,
        offered_at=NOW + datetime.timedelta(hours=hours_left - 72),
        expires_at=NOW + datetime.timedelta(hours=hours_left),
    )


def offers():
    return sorted(WaitlistOffer.objects.values_list("application", "status"))


def statuses(*applications):
    return [Application.objects.get(pk=a.pk).status for a in applications]


# --- order and position ----------------------------------------------------------------------


def test_position_follows_waitlisted_at_then_id(edition, django_assert_num_queries):
    latest = applicant(edition, "waitlisted", minutes_ago=5)  # the lowest id, the latest date
    first = applicant(edition, "waitlisted", minutes_ago=30)
    tied = applicant(edition, "waitlisted", minutes_ago=10)
    tied_later_id = applicant(edition, "waitlisted")
    Application.objects.filter(pk=tied_later_id.pk).update(waitlisted_at=tied.waitlisted_at)
    tied_later_id.refresh_from_db()
    other_edition = EditionFactory(number=18, starts_on=edition.starts_on, ends_on=edition.ends_on)
    applicant(other_edition, "waitlisted", minutes_ago=60)
    applicant(edition, "approved")

    with django_assert_num_queries(1):
        position = position_of(tied_later_id)

    assert [position_of(first), position_of(tied), position, position_of(latest)] == [1, 2, 3, 4]


def test_position_of_an_application_not_waitlisted_is_none(edition):
    applicant(edition, "waitlisted", minutes_ago=5)

    assert position_of(applicant(edition, "approved")) is None


def test_position_puts_a_waitlisted_row_without_date_last(edition):
    undated = applicant(edition, "waitlisted")
    Application.objects.filter(pk=undated.pk).update(waitlisted_at=None)
    undated.refresh_from_db()
    dated = applicant(edition, "waitlisted", minutes_ago=1)

    assert (position_of(dated), position_of(undated)) == (1, 2)


def test_waitlist_standing_gives_position_and_live_offer(edition):
    applicant(edition, "waitlisted", minutes_ago=30)
    mine = applicant(edition, "waitlisted", minutes_ago=10)
    offer = offer_for(mine)

    standing = waitlist_standing(application=mine)

    assert (standing.position, standing.offer, standing.lapsed) == (2, offer, False)


def test_waitlist_standing_of_an_overdue_offer_is_lapsed(edition):
    mine = applicant(edition, "waitlisted", minutes_ago=10)
    offer_for(mine, hours_left=-1)

    standing = waitlist_standing(application=mine)

    assert (standing.position, standing.offer, standing.lapsed) == (1, None, True)


def test_waitlist_standing_of_an_approved_application_is_none(edition):
    assert waitlist_standing(application=applicant(edition, "approved")) is None


# --- a place frees: one offer to the first eligible teacher ----------------------------------


def test_withdrawal_of_a_participant_offers_the_place_to_the_first_waitlisted(
    edition, sent, django_capture_on_commit_callbacks
):
    leaving = applicant(edition, "approved")
    applicant(edition, "approved")
    second = applicant(edition, "waitlisted", minutes_ago=10)
    first = applicant(edition, "waitlisted", minutes_ago=20)

    with django_capture_on_commit_callbacks(execute=True):
        application_withdraw(application=leaving, by=leaving.teacher.user)

    offer = WaitlistOffer.objects.get()
    assert (offer.application, offer.status) == (first, "open")
    assert offer.expires_at - offer.offered_at == datetime.timedelta(hours=72)
    assert len(offer.token) >= 40
    assert sent == [
        ("withdrawn", leaving.teacher.user.email),
        ("offer", first.teacher.user.email),
    ]
    offer_mail = mail.outbox[-1]
    assert offer_mail.to == [first.teacher.user.email]
    assert reverse("conferences:offer", args=[offer.token]) + "?answer=accept" in offer_mail.body
    assert statuses(first, second) == ["waitlisted", "waitlisted"]
    assert places_held(edition=edition) == 2  # the open offer holds the freed place
    assert AuditEntry.objects.filter(action="application.offered", target_id=first.pk).exists()


def test_rejection_of_a_participant_offers_the_place_on(
    edition, staff, sent, django_capture_on_commit_callbacks
):
    rejected = applicant(edition, "approved")
    applicant(edition, "approved")
    first = applicant(edition, "waitlisted", minutes_ago=20)
    applicant(edition, "waitlisted", minutes_ago=10)

    with django_capture_on_commit_callbacks(execute=True):
        application_reject(application=rejected, by=staff, reason="Not a teacher any more")

    assert offers() == [(first.pk, "open")]
    assert sent == [("rejected", rejected.teacher.user.email), ("offer", first.teacher.user.email)]
    assert [m.to for m in mail.outbox] == [
        [rejected.teacher.user.email],
        [first.teacher.user.email],
    ]


def test_no_free_place_no_offer(edition, sent):
    applicant(edition, "approved")
    applicant(edition, "approved")
    applicant(edition, "waitlisted", minutes_ago=5)

    assert offer_free_places(edition=edition) == []
    assert (offers(), sent) == ([], [])


def test_each_free_place_goes_to_the_next_teacher(edition, sent):
    first = applicant(edition, "waitlisted", minutes_ago=30)
    second = applicant(edition, "waitlisted", minutes_ago=20)
    applicant(edition, "waitlisted", minutes_ago=10)

    made = offer_free_places(edition=edition)

    assert [o.application for o in made] == [first, second]
    assert offers() == [(first.pk, "open"), (second.pk, "open")]
    assert offer_free_places(edition=edition) == []  # the offers hold both places


def test_a_country_at_its_quota_is_skipped(edition, sent):
    japan = CountryFactory(code="JP")
    EditionCountryQuota.objects.create(edition=edition, country=japan, max_teachers=1)
    applicant(edition, "approved", country=japan)
    from_japan = applicant(edition, "waitlisted", minutes_ago=30, country=japan)
    from_finland = applicant(
        edition, "waitlisted", minutes_ago=10, country=CountryFactory(code="FI")
    )

    made = offer_free_places(edition=edition)

    assert [o.application for o in made] == [from_finland]
    assert statuses(from_japan) == ["waitlisted"]
    assert sent == [("offer", from_finland.teacher.user.email)]


def test_a_quota_counts_offers_made_in_the_same_round(edition):
    edition.capacity = 3
    edition.save()
    japan = CountryFactory(code="JP")
    EditionCountryQuota.objects.create(edition=edition, country=japan, max_teachers=1)
    first = applicant(edition, "waitlisted", minutes_ago=30, country=japan)
    applicant(edition, "waitlisted", minutes_ago=20, country=japan)
    finland = applicant(edition, "waitlisted", minutes_ago=10, country=CountryFactory(code="FI"))

    made = offer_free_places(edition=edition)

    assert [o.application for o in made] == [first, finland]


def test_teachers_with_an_open_expired_or_declined_offer_are_skipped(edition):
    edition.capacity = 3
    edition.save()
    holding = applicant(edition, "waitlisted", minutes_ago=40)
    offer_for(holding)
    let_lapse = applicant(edition, "waitlisted", minutes_ago=30)
    offer_for(let_lapse, status="expired", hours_left=-1)
    # Declined once (that application withdrawn), then applied again and waitlisted.
    declined_before = applicant(edition, "withdrawn")
    offer_for(declined_before, status="declined")
    again = Application.objects.create(
        edition=edition,
        teacher=declined_before.teacher,
        school=declined_before.school,
        motivation="Again",
        status="waitlisted",
        waitlisted_at=NOW - datetime.timedelta(minutes=25),
    )
    eligible = applicant(edition, "waitlisted", minutes_ago=10)

    made = offer_free_places(edition=edition)

    assert [o.application for o in made] == [eligible]
    assert not again.offers.exists()


@pytest.mark.parametrize("status", ["draft", "held", "archived"])
def test_no_offer_for_an_edition_not_running(edition, status):
    edition.status = status
    edition.save()
    applicant(edition, "waitlisted", minutes_ago=10)

    assert offer_free_places(edition=edition) == []


def test_no_offer_once_the_edition_has_started(edition):
    edition.starts_on = timezone.now().astimezone(edition.zone).date()
    edition.save()
    applicant(edition, "waitlisted", minutes_ago=10)

    assert offer_free_places(edition=edition) == []
    assert offers() == []


# --- accept ----------------------------------------------------------------------------------


def test_offer_accept_approves_into_the_offered_place(
    edition, sent, django_capture_on_commit_callbacks
):
    applicant(edition, "approved")
    waiting = applicant(edition, "waitlisted", minutes_ago=10)
    offer = offer_for(waiting)
    teacher = waiting.teacher.user

    with django_capture_on_commit_callbacks(execute=True):
        offer_accept(token=offer.token, by=teacher)

    offer.refresh_from_db()
    waiting.refresh_from_db()
    assert (offer.status, offer.responded_at is not None) == ("accepted", True)
    assert (waiting.status, waiting.decided_by, waiting.decided_at) == (
        "approved",
        teacher,
        offer.responded_at,
    )
    assert places_held(edition=edition) == 2 == edition.capacity
    assert sent == [("approved", teacher.email)]
    assert [m.to for m in mail.outbox] == [[teacher.email]]
    assert list(AuditEntry.objects.filter(target_id=waiting.pk).values_list("actor", "action")) == [
        (teacher.pk, "application.approved")
    ]


def test_offer_accept_by_token_alone_records_no_decider(edition):
    waiting = applicant(edition, "waitlisted", minutes_ago=10)
    offer = offer_for(waiting)

    offer_accept(offer=offer)

    waiting.refresh_from_db()
    assert (waiting.status, waiting.decided_by) == ("approved", None)


def test_offer_accept_twice_is_refused_the_second_time(
    edition, sent, django_capture_on_commit_callbacks
):
    waiting = applicant(edition, "waitlisted", minutes_ago=10)
    offer = offer_for(waiting)
    offer_accept(token=offer.token)
    sent.clear()

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ConferenceError) as error,
    ):
        offer_accept(token=offer.token)

    assert str(error.value) == "This offer was already answered."
    assert (sent, mail.outbox) == ([], [])
    assert AuditEntry.objects.filter(action="application.approved").count() == 1


def test_offer_accept_past_its_deadline_is_refused_and_rolls_on(
    edition, sent, django_capture_on_commit_callbacks
):
    """The beat job has not run yet: the answer expires the offer, offers the place to the
    next teacher, and refuses with the deadline in the host's time zone."""
    applicant(edition, "approved")
    late = applicant(edition, "waitlisted", minutes_ago=30)
    offer = offer_for(late)
    WaitlistOffer.objects.filter(pk=offer.pk).update(
        offered_at=datetime.datetime(2026, 1, 1, 10, 0, tzinfo=datetime.UTC),
        expires_at=datetime.datetime(2026, 1, 4, 10, 0, tzinfo=datetime.UTC),
    )
    next_one = applicant(edition, "waitlisted", minutes_ago=10)

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ConferenceError) as error,
    ):
        offer_accept(token=offer.token, by=late.teacher.user)

    assert str(error.value) == (
        "This offer expired on 4 January 2026, 17:00 +07; "
        "the place went to the next teacher on the waitlist."
    )
    assert statuses(late, next_one) == ["waitlisted", "waitlisted"]
    assert offers() == [(late.pk, "expired"), (next_one.pk, "open")]
    assert sent == [("offer", next_one.teacher.user.email)]
    assert [m.to for m in mail.outbox] == [[next_one.teacher.user.email]]


def test_offer_accept_of_an_offer_already_expired_is_refused_changing_nothing(edition, sent):
    late = applicant(edition, "waitlisted", minutes_ago=30)
    offer = offer_for(late, status="expired", hours_left=-1)

    with pytest.raises(ConferenceError) as error:
        offer_accept(token=offer.token)

    assert str(error.value).startswith("This offer expired on ")
    assert (offers(), statuses(late), sent) == ([(late.pk, "expired")], ["waitlisted"], [])


def test_offer_accept_of_a_cancelled_offer_is_refused(edition):
    gone = applicant(edition, "withdrawn")
    offer = offer_for(gone, status="cancelled")

    with pytest.raises(ConferenceError) as error:
        offer_accept(token=offer.token)

    assert str(error.value) == (
        "This offer is no longer valid: your application is no longer on the waitlist."
    )
    assert statuses(gone) == ["withdrawn"]


def test_offer_accept_with_an_unknown_token_is_refused(edition):
    with pytest.raises(ConferenceError) as error:
        offer_accept(token="no-such-token")

    assert "not valid" in str(error.value)


def test_offer_accept_is_refused_when_staff_lowered_the_capacity(edition, sent):
    applicant(edition, "approved")
    waiting = applicant(edition, "waitlisted", minutes_ago=10)
    offer = offer_for(waiting)
    edition.capacity = 1
    edition.save()

    with pytest.raises(ConferenceError) as error:
        offer_accept(token=offer.token)

    assert str(error.value) == "No places left: the edition's 1 place is taken."
    assert (offers(), statuses(waiting), sent) == ([(waiting.pk, "open")], ["waitlisted"], [])


def test_staff_approving_a_teacher_with_an_open_offer_accepts_it(edition, staff):
    applicant(edition, "approved")
    waiting = applicant(edition, "waitlisted", minutes_ago=10)
    offer_for(waiting)

    application_approve(application=waiting, by=staff)

    assert (offers(), statuses(waiting)) == ([(waiting.pk, "accepted")], ["approved"])


def test_withdrawing_while_holding_an_offer_cancels_it_and_offers_the_place_on(edition, sent):
    applicant(edition, "approved")
    holding = applicant(edition, "waitlisted", minutes_ago=30)
    offer_for(holding)
    next_one = applicant(edition, "waitlisted", minutes_ago=10)

    application_withdraw(application=holding, by=holding.teacher.user)

    assert offers() == [(holding.pk, "cancelled"), (next_one.pk, "open")]
    assert sent == [
        ("withdrawn", holding.teacher.user.email),
        ("offer", next_one.teacher.user.email),
    ]


# --- decline ---------------------------------------------------------------------------------


def test_offer_decline_withdraws_and_rolls_to_the_next(
    edition, sent, django_capture_on_commit_callbacks
):
    applicant(edition, "approved")
    declining = applicant(edition, "waitlisted", minutes_ago=30)
    offer = offer_for(declining)
    next_one = applicant(edition, "waitlisted", minutes_ago=10)

    with django_capture_on_commit_callbacks(execute=True):
        offer_decline(token=offer.token, by=declining.teacher.user)

    assert statuses(declining, next_one) == ["withdrawn", "waitlisted"]
    assert offers() == [(declining.pk, "declined"), (next_one.pk, "open")]
    assert sent == [
        ("withdrawn", declining.teacher.user.email),
        ("offer", next_one.teacher.user.email),
    ]
    assert len(mail.outbox) == 2
    assert AuditEntry.objects.filter(
        action="application.offer_declined", target_id=declining.pk
    ).exists()


def test_offer_decline_of_an_answered_offer_is_refused(edition, sent):
    waiting = applicant(edition, "waitlisted", minutes_ago=10)
    offer = offer_for(waiting)
    offer_accept(token=offer.token)
    sent.clear()

    with pytest.raises(ConferenceError) as error:
        offer_decline(token=offer.token)

    assert str(error.value) == "This offer was already answered."
    assert (statuses(waiting), sent) == (["approved"], [])


# --- the beat job ----------------------------------------------------------------------------


def test_expire_overdue_offers_expires_and_rolls_on_once(edition, sent):
    applicant(edition, "approved")
    late = applicant(edition, "waitlisted", minutes_ago=30)
    offer_for(late, hours_left=-1)
    next_one = applicant(edition, "waitlisted", minutes_ago=10)
    other = EditionFactory(
        number=18, status="closed", starts_on=edition.starts_on, ends_on=edition.ends_on
    )
    on_time = applicant(other, "waitlisted", minutes_ago=5)
    offer_for(on_time, hours_left=5)

    assert expire_overdue_offers() == 1

    assert offers() == [(late.pk, "expired"), (next_one.pk, "open"), (on_time.pk, "open")]
    assert statuses(late) == ["waitlisted"]
    assert sent == [("offer", next_one.teacher.user.email)]
    assert AuditEntry.objects.filter(action="application.offer_expired").count() == 1

    assert expire_overdue_offers() == 0  # a second run changes nothing

    assert offers() == [(late.pk, "expired"), (next_one.pk, "open"), (on_time.pk, "open")]
    assert len(sent) == 1


def test_expire_overdue_offers_leaves_the_place_free_when_nobody_is_eligible(edition, sent):
    applicant(edition, "approved")
    late = applicant(edition, "waitlisted", minutes_ago=30)
    offer_for(late, hours_left=-1)

    assert expire_overdue_offers() == 1

    assert (offers(), sent) == ([(late.pk, "expired")], [])
    assert places_held(edition=edition) == 1


def test_expire_offers_task_runs_the_job(edition, celery_eager):
    from conferences.tasks import expire_offers

    late = applicant(edition, "waitlisted", minutes_ago=30)
    offer_for(late, hours_left=-1)

    assert expire_offers.apply().get() == 1  # run as the worker does
    assert offers() == [(late.pk, "expired")]
