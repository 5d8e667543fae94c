"""Staff pages for an edition's programme (conferences/views/staff.py: programme, session_create,
session_edit, session_delete)."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from conferences.models import Session, WorkshopSignup

from .._helpers import _participant
from ._helpers import UTC

pytestmark = pytest.mark.django_db


# --- programme ----------------------------------------------------------------------------


def test_programme_lists_sessions_by_local_day_with_signups(client, staff, tokyo, session):
    WorkshopSignup.objects.create(session=session, application=_participant(tokyo))
    client.force_login(staff)

    page = client.get(reverse("conferences_staff:programme", args=[15])).content.decode()

    assert "Tuesday 26 November" in page
    assert "10:00–12:00" in page
    assert "1 of 12 signed up" in page
    assert reverse("conferences_staff:session_edit", args=[15, session.pk]) in page


def test_programme_without_sessions_guides_to_the_first(client, staff, tokyo):
    client.force_login(staff)

    page = client.get(reverse("conferences_staff:programme", args=[15])).content.decode()

    assert "No session yet" in page
    assert reverse("conferences_staff:session_create", args=[15]) in page


@pytest.mark.parametrize("count", [1, 20])
def test_programme_runs_a_fixed_number_of_queries(
    client, staff, tokyo, count, django_assert_num_queries
):
    start = datetime.datetime(2030, 11, 25, 0, 0, tzinfo=UTC)
    for i in range(count):
        Session.objects.create(
            edition=tokyo,
            kind="workshop",
            title=f"Workshop {i}",
            starts_at=start + datetime.timedelta(hours=4 * i),
            ends_at=start + datetime.timedelta(hours=4 * i + 1),
            capacity=10,
        )
    client.force_login(staff)

    # session, user, groups, the navbar's profile, permissions (2), the edition, the sessions
    # with their sign-ups counted
    with django_assert_num_queries(8):
        response = client.get(reverse("conferences_staff:programme", args=[15]))

    assert sum(len(sessions) for _day, sessions in response.context["days"]) == count


def _session_post(**overrides):
    return {
        "kind": "keynote",
        "title": "Keynote: AI in class",
        "starts_at": "2030-11-25T09:00",
        "ends_at": "2030-11-25T10:00",
        "room": "Main hall",
        "speakers": "A. Sato",
        "description": "",
        "capacity": "",
    } | overrides


def test_session_create_stores_times_typed_in_the_hosts_zone(client, staff, tokyo):
    client.force_login(staff)

    response = client.post(reverse("conferences_staff:session_create", args=[15]), _session_post())

    assert response.status_code == 302
    session = Session.objects.get()
    assert session.starts_at == datetime.datetime(2030, 11, 25, 0, 0, tzinfo=UTC)
    assert session.ends_at == datetime.datetime(2030, 11, 25, 1, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"starts_at": "2030-11-24T09:00", "ends_at": "2030-11-24T10:00"},
            "starts_at",
            "the session must lie within those days",
        ),
        ({"ends_at": "2030-11-25T08:00"}, "ends_at", "A session must end after it starts."),
        ({"capacity": "20"}, "capacity", "Only workshops take sign-ups"),
        ({"starts_at": "yesterday"}, "starts_at", "Enter a valid date/time."),
    ],
)
def test_session_create_with_bad_input_shows_errors_and_saves_nothing(
    client, staff, tokyo, overrides, field, message
):
    client.force_login(staff)

    response = client.post(
        reverse("conferences_staff:session_create", args=[15]), _session_post(**overrides)
    )

    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert not Session.objects.exists()


def test_session_edit_shows_and_saves_host_times(client, staff, tokyo, session):
    client.force_login(staff)
    url = reverse("conferences_staff:session_edit", args=[15, session.pk])

    assert 'value="2030-11-26T10:00"' in client.get(url).content.decode()
    response = client.post(
        url,
        _session_post(
            kind="workshop",
            title="Robots, again",
            starts_at="2030-11-27T14:00",
            ends_at="2030-11-27T16:00",
            capacity="15",
        ),
    )

    assert response.status_code == 302
    session.refresh_from_db()
    assert session.title == "Robots, again"
    assert session.starts_at == datetime.datetime(2030, 11, 27, 5, 0, tzinfo=UTC)


def test_session_edit_refuses_a_capacity_below_the_signups(client, staff, tokyo, session):
    for _ in range(2):
        WorkshopSignup.objects.create(session=session, application=_participant(tokyo))
    client.force_login(staff)

    response = client.post(
        reverse("conferences_staff:session_edit", args=[15, session.pk]),
        _session_post(kind="workshop", capacity="1"),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["capacity"] == [
        "2 participants have signed up: the capacity cannot be below 2."
    ]
    session.refresh_from_db()
    assert session.capacity == 12


def test_session_delete_asks_then_deletes(client, staff, tokyo, session):
    client.force_login(staff)
    url = reverse("conferences_staff:session_delete", args=[15, session.pk])

    page = client.get(url).content.decode()
    assert "Delete the session" in page
    assert "Tuesday 26 November, 10:00" in page
    assert Session.objects.exists()

    response = client.post(url)

    assert response["Location"] == reverse("conferences_staff:programme", args=[15])
    assert not Session.objects.exists()


def test_session_delete_with_signups_is_refused(client, staff, tokyo, session):
    WorkshopSignup.objects.create(session=session, application=_participant(tokyo))
    client.force_login(staff)
    url = reverse("conferences_staff:session_delete", args=[15, session.pk])

    assert "cannot be deleted" in client.get(url).content.decode()
    response = client.post(url)

    assert Session.objects.filter(pk=session.pk).exists()
    assert "cannot be deleted" in str(next(iter(get_messages(response.wsgi_request))))


def test_staff_programme_names_the_zone_of_its_times(client, staff, tokyo, session):
    client.force_login(staff)

    page = client.get(reverse("conferences_staff:programme", args=[15])).content.decode()

    assert "times in Asia/Tokyo" in " ".join(page.split())
