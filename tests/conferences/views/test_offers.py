"""The waitlist offer page (/conferences/offers/<token>/) and the offer on the edition page.

The token in the e-mail's link is the credential: anyone holding it may see and answer the
offer; a GET never changes anything (mail scanners fetch links)."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conferences.models import Application, WaitlistOffer
from core.audit.models import AuditEntry

from ...factories import CountryFactory, EditionFactory, TeacherProfileFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "teacher", "other_teacher", "judge", "staff"]
DEADLINE = datetime.datetime(2099, 3, 4, 11, 0, tzinfo=datetime.UTC)  # 18:00 in Bangkok
DEADLINE_SHOWN = "Wednesday 4 March 2099, 18:00 +07"


@pytest.fixture
def as_role(client, request):
    def log_in(role):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return log_in


@pytest.fixture
def edition():
    today = timezone.localdate()
    return EditionFactory(
        number=17,
        title="Digital Citizenship",
        city="Bangkok",
        venue="Chulalongkorn University",
        country=CountryFactory(code="TH"),
        status="closed",
        capacity=2,
        starts_on=today + datetime.timedelta(days=60),
        ends_on=today + datetime.timedelta(days=64),
    )


def application_of(edition, profile, status="waitlisted", minutes_ago=10):
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


@pytest.fixture
def waiting(edition, teacher):
    """`teacher`'s waitlisted application; one other teacher is a participant."""
    application_of(edition, TeacherProfileFactory(), status="approved")
    return application_of(edition, teacher.teacher_profile)


def make_offer(application, *, status="open", expires_at=DEADLINE):
    return WaitlistOffer.objects.create(
        application=application,
        token=f"a-long-random-token-{application.pk}",
        status=status,
        offered_at=expires_at - datetime.timedelta(hours=72),
        expires_at=expires_at,
    )


@pytest.fixture
def offer(waiting):
    return make_offer(waiting)


def url(offer, answer=""):
    return reverse("conferences:offer", args=[offer.token]) + (
        f"?answer={answer}" if answer else ""
    )


def state(offer):
    offer.refresh_from_db()
    offer.application.refresh_from_db()
    return offer.status, offer.application.status


# --- GET: shows, never changes ---------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_offer_page_shows_the_offer_to_whoever_holds_the_link(as_role, role, offer, teacher):
    response = as_role(role).get(url(offer))

    content = response.content.decode()
    assert response.status_code == 200
    assert "A place is yours if you want it" in content
    assert "Digital Citizenship" in content
    assert "Chulalongkorn University" in content
    assert f"Answer by\n            <strong>{DEADLINE_SHOWN}</strong>" in content
    assert "Host time (Asia/Bangkok)" in content
    assert 'name="action" value="accept"' in content
    assert 'name="action" value="decline"' in content
    assert "csrfmiddlewaretoken" in content
    warned = f"This offer is for <strong>{teacher.full_name}</strong>" in content
    assert warned is (role not in ("anonymous", "teacher"))
    assert state(offer) == ("open", "waitlisted")


@pytest.mark.parametrize("answer", ["accept", "decline"])
def test_offer_link_highlights_the_answer_and_changes_nothing(client, offer, answer):
    response = client.get(url(offer, answer))

    content = response.content.decode()
    accept_button = content.split('value="accept"')[1].split(">")[0]
    decline_button = content.split('value="decline"')[1].split(">")[0]
    assert ("autofocus" in accept_button, "autofocus" in decline_button) == (
        answer == "accept",
        answer == "decline",
    )
    assert state(offer) == ("open", "waitlisted")
    assert mail.outbox == []
    assert not AuditEntry.objects.exists()


def test_offer_link_with_another_answer_highlights_nothing(client, offer):
    content = client.get(url(offer, "<script>")).content.decode()

    assert "autofocus" not in content
    assert "&lt;script&gt;" not in content


def test_offer_page_of_an_unknown_token_is_404(client, offer):
    missing = reverse("conferences:offer", args=["not-a-token"])

    assert client.get(missing).status_code == 404
    assert client.post(missing, {"action": "accept"}).status_code == 404
    assert state(offer) == ("open", "waitlisted")


def test_offer_page_refuses_other_methods(client, offer):
    assert client.put(url(offer)).status_code == 405
    assert state(offer) == ("open", "waitlisted")


def test_offer_page_runs_one_query_for_a_visitor(client, offer, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get(url(offer))

    assert response.context["offer"] == offer


def test_offer_page_of_an_expired_offer_shows_no_buttons(client, waiting):
    offer = make_offer(waiting, status="expired", expires_at=DEADLINE.replace(year=2025))

    content = client.get(url(offer, "accept")).content.decode()

    assert "This offer has expired" in content
    assert "The deadline was 4 March 2025, 18:00 +07 (host time)" in content
    assert 'value="accept"' not in content


def test_offer_page_of_an_open_offer_past_its_deadline_shows_it_expired(client, waiting):
    offer = make_offer(waiting, expires_at=timezone.now() - datetime.timedelta(minutes=1))

    content = client.get(url(offer)).content.decode()

    assert "This offer has expired" in content
    assert 'value="accept"' not in content
    assert state(offer) == ("open", "waitlisted")  # the GET expired nothing


def test_offer_page_of_a_cancelled_offer_says_it_is_no_longer_valid(client, edition, teacher):
    withdrawn = application_of(edition, teacher.teacher_profile, status="withdrawn")
    offer = make_offer(withdrawn, status="cancelled")

    content = client.get(url(offer)).content.decode()

    assert "This offer is no longer valid" in content
    assert 'value="accept"' not in content


# --- POST: the answer ------------------------------------------------------------------------


def test_accept_by_link_without_signing_in(
    client, offer, teacher, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(offer), {"action": "accept"})

    assert response.status_code == 302
    assert response.url == url(offer)
    assert state(offer) == ("accepted", "approved")
    assert offer.application.decided_by is None
    assert [m.to for m in mail.outbox] == [[teacher.email]]
    page = client.get(response.url).content.decode()
    assert "Your place is confirmed" in page
    assert "Welcome to the conference!" in page
    assert reverse("conferences:workshops", args=[17]) in page
    assert 'value="accept"' not in page


def test_accept_signed_in_records_the_teacher_as_decider(client, offer, teacher):
    client.force_login(teacher)

    client.post(url(offer), {"action": "accept"})

    assert state(offer) == ("accepted", "approved")
    assert offer.application.decided_by == teacher


def test_accept_signed_in_as_someone_else_works_by_the_token(client, offer, other_teacher):
    client.force_login(other_teacher)

    client.post(url(offer), {"action": "accept"})

    assert state(offer) == ("accepted", "approved")
    assert offer.application.decided_by is None


def test_accept_twice_refuses_the_second(client, offer, django_capture_on_commit_callbacks):
    client.post(url(offer), {"action": "accept"})

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(offer), {"action": "accept"})

    content = response.content.decode()
    assert response.status_code == 409
    assert "This offer was already answered." in content
    assert "Your place is confirmed" in content
    assert state(offer) == ("accepted", "approved")
    assert mail.outbox == []
    assert AuditEntry.objects.filter(action="application.approved").count() == 1


def test_decline_withdraws_and_says_so(client, offer, edition):
    next_one = application_of(edition, TeacherProfileFactory(), minutes_ago=5)

    response = client.post(url(offer), {"action": "decline"}, follow=True)

    content = response.content.decode()
    assert "You declined this place" in content
    assert "your application is withdrawn" in content
    assert state(offer) == ("declined", "withdrawn")
    assert list(next_one.offers.values_list("status", flat=True)) == ["open"]


def test_accept_after_the_deadline_is_refused_with_the_reason(client, waiting, edition):
    offer = make_offer(waiting, expires_at=DEADLINE.replace(year=2025))
    next_one = application_of(edition, TeacherProfileFactory(), minutes_ago=5)

    response = client.post(url(offer), {"action": "accept"})

    content = response.content.decode()
    assert response.status_code == 409
    assert (
        "This offer expired on 4 March 2025, 18:00 +07; the place went to the next teacher "
        "on the waitlist." in content
    )
    assert "This offer has expired" in content
    assert state(offer) == ("expired", "waitlisted")
    assert list(next_one.offers.values_list("status", flat=True)) == ["open"]


@pytest.mark.parametrize("data", [{}, {"action": "approve"}, {"action": ""}])
def test_a_post_without_a_valid_answer_changes_nothing(client, offer, data):
    response = client.post(url(offer), data)

    assert response.status_code == 400
    assert "Choose Accept my place or Decline." in response.content.decode()
    assert state(offer) == ("open", "waitlisted")


def test_a_post_without_csrf_token_is_refused(offer):
    client = Client(enforce_csrf_checks=True)

    response = client.post(url(offer), {"action": "accept"})

    assert response.status_code == 403
    assert state(offer) == ("open", "waitlisted")


# --- the edition page: position and offer ----------------------------------------------------


def test_edition_page_shows_the_waitlisted_teacher_their_position(client, edition, teacher):
    application_of(edition, TeacherProfileFactory(), minutes_ago=60)
    application_of(edition, teacher.teacher_profile, minutes_ago=30)
    client.force_login(teacher)

    content = client.get(edition.get_absolute_url()).content.decode()

    assert "You are number 2 on the waitlist." in content
    assert "the first teacher on the waitlist is offered it by e-mail" in content
    assert "A place has freed up for you" not in content
    assert "Withdraw" in content


def test_edition_page_shows_an_open_offer_with_its_deadline_and_buttons(client, offer, teacher):
    client.force_login(teacher)

    content = client.get(offer.application.edition.get_absolute_url()).content.decode()

    assert "A place has freed up for you" in content
    assert f"It is held for you until <strong>{DEADLINE_SHOWN}</strong> (host time)" in content
    assert f'action="{url(offer)}"' in content
    assert 'name="action" value="accept"' in content
    assert "You are number 1 on the waitlist." in content


def test_edition_page_after_a_lapsed_offer_says_staff_may_still_give_a_place(
    client, waiting, teacher
):
    make_offer(waiting, status="expired", expires_at=DEADLINE.replace(year=2025))
    client.force_login(teacher)

    content = client.get(waiting.edition.get_absolute_url()).content.decode()

    assert "A place offered to you was not taken up in time" in content
    assert "A place has freed up for you" not in content


def test_edition_page_of_a_participant_shows_no_position(client, edition, teacher):
    application_of(edition, teacher.teacher_profile, status="approved")
    client.force_login(teacher)

    response = client.get(edition.get_absolute_url())

    assert response.context["standing"] is None
    assert "on the waitlist" not in response.content.decode()


def test_edition_page_of_a_waitlisted_teacher_runs_a_fixed_number_of_queries(
    client, offer, teacher, django_assert_num_queries
):
    client.force_login(teacher)

    with django_assert_num_queries(12):
        response = client.get(offer.application.edition.get_absolute_url())

    assert response.context["standing"].position == 1
