"""The workshops page (choose, cancel, who may) and the participant's own calendar file."""

import datetime

import icalendar
import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from conferences.models import Session, WorkshopSignup
from tests.conferences.services.test_workshops import TUESDAY_2PM, fill, participant, workshop
from tests.factories import EditionFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
URL = reverse("conferences:workshops", args=[17])
ICS_URL = reverse("conferences:my_programme_ics", args=[17])
NOT_PARTICIPANTS = ["other_teacher", "unverified_teacher", "judge", "staff"]


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


@pytest.fixture
def application(edition, teacher):
    return participant(edition, teacher)


@pytest.fixture
def as_participant(client, teacher, application):
    client.force_login(teacher)
    return client


def flash(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- the page --------------------------------------------------------------------------------


def test_workshops_page_shows_workshops_by_day_in_host_time(as_participant, edition, application):
    chosen = workshop(
        edition,
        TUESDAY_2PM,
        title="Assessment across languages",
        room="Room C",
        speakers="Ana Novak, Kenji Sato",
        description="Bring a laptop.",
    )
    WorkshopSignup.objects.create(session=chosen, application=application)
    clashing = workshop(edition, TUESDAY_2PM, title="Project-based learning", capacity=25)
    full = workshop(edition, TUESDAY_2PM + datetime.timedelta(days=1), title="Planning", capacity=3)
    fill(full, 3)
    open_one = workshop(edition, TUESDAY_2PM + datetime.timedelta(days=2), title="Robots")
    fill(open_one, 17)
    workshop(edition, TUESDAY_2PM, capacity=None, kind="plenary", title="Plenary for everyone")

    response = as_participant.get(URL)

    content = response.content.decode()
    assert response.status_code == 200
    assert "Times in Asia/Bangkok" in content
    assert "You chose 1 workshop." in content
    assert "Tuesday 26 November 2030" in content
    assert "Wednesday 27 November 2030" in content
    assert "14:00" in content
    assert "15:30" in content
    assert "Room C" in content
    assert "Ana Novak, Kenji Sato" in content
    assert "Bring a laptop." in content
    assert "Plenary for everyone" not in content
    assert "Your choice" in content
    assert "19 of 20 places left" in content
    assert "25 of 25 places left" in content
    assert "3 of 20 places left" in content
    assert "Full" in content
    assert "Clashes with your choice “Assessment across languages”" in content
    assert f'name="session" value="{chosen.pk}"' in content
    assert f'name="session" value="{open_one.pk}"' in content
    # The clashing and the full workshop offer no form, only a disabled button.
    assert f'name="session" value="{clashing.pk}"' not in content
    assert f'name="session" value="{full.pk}"' not in content
    assert content.count("disabled") == 2
    assert ICS_URL in content


def test_workshops_page_started_workshops_are_closed(as_participant, edition, application):
    started = workshop(edition, timezone.now() - datetime.timedelta(minutes=5), title="Begun")
    chosen_started = workshop(edition, timezone.now() - datetime.timedelta(days=2))
    WorkshopSignup.objects.create(session=chosen_started, application=application)

    content = as_participant.get(URL).content.decode()

    assert "Sign-up closed" in content
    assert "Started" in content
    assert f'value="{started.pk}"' not in content
    assert f'value="{chosen_started.pk}"' not in content


def test_workshops_page_without_workshops_says_so(as_participant, edition):
    workshop(edition, capacity=None, kind="plenary")

    content = as_participant.get(URL).content.decode()

    assert "has no workshops to sign up for yet" in content
    assert reverse("conferences:programme", args=[17]) in content


def test_workshops_page_asks_anonymous_visitors_to_log_in(client, edition):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={URL}"


@pytest.mark.parametrize("role", NOT_PARTICIPANTS)
def test_workshops_page_explains_who_can_sign_up(client, request, edition, role):
    workshop(edition, title="Secret choices")
    client.force_login(request.getfixturevalue(role))

    response = client.get(URL)

    content = response.content.decode()
    assert response.status_code == 403
    assert "Who can choose workshops" in content
    assert "Secret choices" not in content


@pytest.mark.parametrize("status", ["submitted", "waitlisted", "rejected", "withdrawn"])
def test_workshops_page_is_refused_to_applicants_without_a_place(client, teacher, edition, status):
    participant(edition, teacher, status=status)
    client.force_login(teacher)

    assert client.get(URL).status_code == 403


@pytest.mark.parametrize("url", [URL, ICS_URL])
def test_workshops_pages_of_a_draft_or_unknown_edition_are_404(client, staff, teacher, url):
    draft = EditionFactory(number=17, status="draft")
    participant(draft, teacher)
    for user in (teacher, staff):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.get(url.replace("17", "99")).status_code == 404


@pytest.mark.parametrize("count", [1, 20])
def test_workshops_page_runs_a_fixed_number_of_queries(
    as_participant, edition, application, count, django_assert_num_queries
):
    for i in range(count):
        session = workshop(edition, TUESDAY_2PM + datetime.timedelta(hours=3 * i))
        fill(session, 2)
        if i % 2 == 0:
            WorkshopSignup.objects.create(session=session, application=application)

    # Session, user, edition, application, workshops; the layout's profile and permissions.
    with django_assert_num_queries(9):
        response = as_participant.get(URL)

    assert sum(len(day.workshops) for day in response.context["days"]) == count
    assert len(response.context["chosen"]) == (count + 1) // 2


# --- signing up and cancelling ------------------------------------------------------------------


def test_sign_up_takes_the_place_and_says_so(as_participant, edition, application):
    session = workshop(edition, title="Robots")

    response = as_participant.post(URL, {"session": session.pk, "action": "signup"})

    assert response.status_code == 302
    assert response["Location"] == f"{URL}#session-{session.pk}"
    assert flash(response) == ["You are signed up for “Robots”."]
    assert [s.application for s in session.signups.all()] == [application]


def test_sign_up_refused_shows_the_reason_and_changes_nothing(as_participant, edition):
    session = workshop(edition, capacity=2)
    fill(session, 2)

    response = as_participant.post(URL, {"session": session.pk, "action": "signup"}, follow=True)

    assert "This workshop is full (2 places)." in response.content.decode()
    assert session.signups.count() == 2


def test_cancel_frees_the_place_and_says_so(as_participant, edition, application):
    session = workshop(edition, title="Robots")
    WorkshopSignup.objects.create(session=session, application=application)

    response = as_participant.post(URL, {"session": session.pk, "action": "cancel"})

    assert flash(response) == ["You are no longer signed up for “Robots”; your place is free."]
    assert session.signups.count() == 0


@pytest.mark.parametrize(
    "data",
    [
        {"session": "", "action": "signup"},
        {"session": "not-a-number", "action": "signup"},
        {"session": 999999, "action": "signup"},
        {"action": "signup"},
        {"session": "SESSION", "action": "delete-everything"},
        {"session": "OTHER_EDITION", "action": "signup"},
    ],
)
def test_sign_up_with_bad_input_changes_nothing(as_participant, edition, data):
    session = workshop(edition)
    other = workshop(EditionFactory(number=16), TUESDAY_2PM)
    data = {**data}
    data["session"] = {"SESSION": session.pk, "OTHER_EDITION": other.pk}.get(
        data.get("session"), data.get("session", "")
    )

    response = as_participant.post(URL, data)

    assert response.status_code == 302
    assert flash(response) == ["Choose a workshop from the list."]
    assert WorkshopSignup.objects.count() == 0


@pytest.mark.parametrize("role", NOT_PARTICIPANTS)
def test_sign_up_by_a_non_participant_is_refused(client, request, edition, role):
    session = workshop(edition)
    client.force_login(request.getfixturevalue(role))

    response = client.post(URL, {"session": session.pk, "action": "signup"})

    assert response.status_code == 403
    assert WorkshopSignup.objects.count() == 0


def test_cancel_by_another_teacher_leaves_the_place(client, other_teacher, edition, application):
    participant(edition, other_teacher)
    session = workshop(edition)
    WorkshopSignup.objects.create(session=session, application=application)
    client.force_login(other_teacher)

    response = client.post(URL, {"session": session.pk, "action": "cancel"})

    assert flash(response) == ["You are not signed up for this workshop."]
    assert [s.application for s in session.signups.all()] == [application]


def test_sign_up_anonymous_is_sent_to_log_in(client, edition):
    session = workshop(edition)

    response = client.post(URL, {"session": session.pk, "action": "signup"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert WorkshopSignup.objects.count() == 0


# --- my programme (.ics) ---------------------------------------------------------------------


def test_my_programme_ics_holds_everyones_sessions_and_my_workshops(
    as_participant, edition, application
):
    opening = workshop(
        edition,
        datetime.datetime(2030, 11, 25, 2, 0, tzinfo=UTC),
        minutes=60,
        capacity=None,
        kind=Session.Kind.PLENARY,
        title="Opening plenary",
        room="Main hall",
    )
    chosen = workshop(
        edition, TUESDAY_2PM, title="Assessment across languages", speakers="Ana Novak"
    )
    WorkshopSignup.objects.create(session=chosen, application=application)
    not_chosen = workshop(edition, TUESDAY_2PM, title="Project-based learning")
    fill(not_chosen, 3)
    workshop(EditionFactory(number=16), TUESDAY_2PM, capacity=None, kind="plenary")

    response = as_participant.get(ICS_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="classnet-conference-17-my-programme.ics"'
    )
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == ("17th ClassNet Conference, Bangkok 2030: my programme")
    assert str(calendar["X-WR-TIMEZONE"]) == "Asia/Bangkok"
    events = calendar.walk("VEVENT")
    assert [str(e["UID"]) for e in events] == [
        f"session-{opening.pk}@classnet",
        f"session-{chosen.pk}@classnet",
    ]
    assert str(events[0]["LOCATION"]) == (
        f"Main hall, Chulalongkorn University, Bangkok, {edition.country.name}"
    )
    workshop_event = events[1]
    assert str(workshop_event["SUMMARY"]) == "Assessment across languages"
    assert workshop_event.decoded("DTSTART") == TUESDAY_2PM
    assert workshop_event.decoded("DTEND") == TUESDAY_2PM + datetime.timedelta(minutes=90)
    assert b"DTSTART:20301126T070000Z" in response.content
    assert str(workshop_event["LOCATION"]) == (
        f"Chulalongkorn University, Bangkok, {edition.country.name}"
    )
    assert str(workshop_event["DESCRIPTION"]).startswith("Ana Novak")


def test_my_programme_ics_asks_anonymous_visitors_to_log_in(client, edition):
    response = client.get(ICS_URL)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={ICS_URL}"


@pytest.mark.parametrize("role", NOT_PARTICIPANTS)
def test_my_programme_ics_is_404_for_non_participants(client, request, edition, role):
    workshop(edition, capacity=None, kind="plenary")
    client.force_login(request.getfixturevalue(role))

    assert client.get(ICS_URL).status_code == 404


def test_my_programme_ics_is_404_for_a_waitlisted_teacher(client, teacher, edition):
    participant(edition, teacher, status="waitlisted")
    client.force_login(teacher)

    assert client.get(ICS_URL).status_code == 404


@pytest.mark.parametrize("count", [1, 20])
def test_my_programme_ics_runs_a_fixed_number_of_queries(
    as_participant, edition, application, count, django_assert_num_queries
):
    for i in range(count):
        start = TUESDAY_2PM + datetime.timedelta(hours=3 * i)
        workshop(edition, start, capacity=None, kind="plenary")
        chosen = workshop(edition, start + datetime.timedelta(hours=1))
        WorkshopSignup.objects.create(session=chosen, application=application)

    # Session, user, their groups (core/mfa.py: do their roles need a second factor?), edition,
    # application, sessions.
    with django_assert_num_queries(6):
        response = as_participant.get(ICS_URL)

    assert len(icalendar.Calendar.from_ical(response.content).walk("VEVENT")) == 2 * count


def test_workshops_page_a_full_workshop_i_chose_keeps_my_place(
    as_participant, edition, application
):
    chosen = workshop(edition, capacity=2)
    WorkshopSignup.objects.create(session=chosen, application=application)
    fill(chosen, 1)

    content = as_participant.get(URL).content.decode()

    assert "Full: your place is kept" in content
    assert 'value="cancel"' in content
    assert "disabled" not in content
