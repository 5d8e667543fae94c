"""The Conferences panel on My ClassNet: the teacher's applications and what to do next."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from conferences.models import Application, CheckIn, WaitlistOffer
from tests.factories import EditionFactory, TeacherProfileFactory

pytestmark = pytest.mark.django_db


def application_of(edition, user, status="submitted"):
    profile = user.teacher_profile
    return Application.objects.create(
        edition=edition, teacher=profile, school=profile.school, motivation="Hi", status=status
    )


def open_edition(number=17):
    now = timezone.now()
    return EditionFactory(
        number=number,
        city="Bangkok",
        starts_on=datetime.date(2030, 11, 10),
        ends_on=datetime.date(2030, 11, 14),
        status="applications_open",
        applications_open_at=now - datetime.timedelta(days=1),
        applications_close_at=now + datetime.timedelta(days=30),
    )


def panel(client, user) -> str:
    client.force_login(user)
    body = client.get(reverse("teachers:dashboard")).content.decode()
    start = body.find('data-testid="conferences-panel"')
    if start == -1:
        return ""
    return body[start : body.index("</section>", start)]


def test_no_panel_without_applications_or_open_editions(client, teacher):
    EditionFactory(number=14)  # held long ago

    assert panel(client, teacher) == ""


@pytest.mark.parametrize("role", ["staff", "judge"])
def test_no_panel_for_people_without_a_teacher_profile(client, request, role):
    open_edition()

    assert panel(client, request.getfixturevalue(role)) == ""


def test_call_to_apply_while_an_edition_is_open(client, teacher):
    edition = open_edition()

    html = panel(client, teacher)

    assert "Applications are open for the 17th ClassNet Conference, Bangkok 2030." in html
    assert reverse("conferences:apply", args=[edition.number]) in html


def test_no_call_to_apply_once_applied(client, teacher):
    edition = open_edition()
    application_of(edition, teacher)

    html = panel(client, teacher)

    assert "Applications are open" not in html
    assert "Submitted" in html
    assert "Staff will decide and e-mail you." in html


def test_no_call_to_apply_for_unverified_teachers(client, unverified_teacher):
    open_edition()

    assert panel(client, unverified_teacher) == ""


def test_no_call_to_apply_outside_the_window(client, teacher):
    edition = open_edition()
    edition.applications_close_at = timezone.now() - datetime.timedelta(minutes=1)
    edition.applications_open_at = timezone.now() - datetime.timedelta(days=2)
    edition.save()

    assert panel(client, teacher) == ""


def test_applications_newest_edition_first_with_next_steps(client, teacher):
    tokyo = EditionFactory(
        number=15,
        city="Tokyo",
        starts_on=datetime.date(2019, 11, 25),
        ends_on=datetime.date(2019, 11, 29),
    )
    ljubljana = EditionFactory(
        number=16,
        city="Ljubljana",
        starts_on=datetime.date(2023, 11, 12),
        ends_on=datetime.date(2023, 11, 16),
    )
    coming = open_edition()
    attended = application_of(tokyo, teacher, status="attended")
    CheckIn.objects.create(application=attended, day=datetime.date(2019, 11, 25))
    application_of(ljubljana, teacher, status="approved")
    application_of(coming, teacher, status="waitlisted")

    html = panel(client, teacher)

    assert html.index("17th") < html.index("16th") < html.index("15th")
    assert reverse("conferences:certificate", args=[15]) in html
    assert "Download certificate" in html
    assert reverse("conferences:workshops", args=[16]) in html
    assert reverse("conferences:my_programme_ics", args=[16]) in html
    assert reverse("conferences:certificate", args=[16]) not in html
    assert "We e-mail you as soon as a place frees up." in html
    assert html.count("Download certificate") == 1


def running_edition(number=18):
    """An edition that started yesterday and ends tomorrow in its host's time zone."""
    today = timezone.localtime(timezone.now(), zoneinfo.ZoneInfo("Asia/Bangkok")).date()
    return EditionFactory(
        number=number,
        city="Bangkok",
        time_zone="Asia/Bangkok",
        starts_on=today - datetime.timedelta(days=1),
        ends_on=today + datetime.timedelta(days=1),
        status="closed",
    )


def test_a_checked_in_participant_keeps_workshops_and_programme(client, teacher):
    edition = running_edition()
    application = application_of(edition, teacher, status="attended")
    CheckIn.objects.create(application=application, day=edition.starts_on)

    html = panel(client, teacher)

    assert reverse("conferences:workshops", args=[18]) in html
    assert reverse("conferences:my_programme_ics", args=[18]) in html
    assert reverse("conferences:certificate", args=[18]) in html


def test_no_certificate_offered_before_the_first_day_checked_in_begins(client, teacher):
    edition = running_edition()
    application = application_of(edition, teacher, status="attended")
    # recorded before check-in was limited to days that have begun
    CheckIn.objects.create(application=application, day=edition.ends_on)

    html = panel(client, teacher)

    assert reverse("conferences:workshops", args=[18]) in html
    assert "Download certificate" not in html
    assert reverse("conferences:certificate", args=[18]) not in html


def test_waitlist_position_shown_when_known(client, teacher):
    edition = open_edition()
    start = timezone.now()
    for n in range(2):  # two teachers were put on the list before this one
        Application.objects.filter(
            pk=application_of(edition, TeacherProfileFactory().user, "waitlisted").pk
        ).update(waitlisted_at=start + datetime.timedelta(minutes=n))
    mine = application_of(edition, teacher, status="waitlisted")
    Application.objects.filter(pk=mine.pk).update(
        waitlisted_at=start + datetime.timedelta(minutes=5)
    )

    assert "You are number 3 on the waitlist." in panel(client, teacher)


def test_open_offer_links_to_the_offer(client, teacher):
    application = application_of(open_edition(), teacher, status="waitlisted")
    offer = WaitlistOffer.objects.create(
        application=application,
        token="tok-123",
        expires_at=timezone.now() + datetime.timedelta(hours=72),
    )
    WaitlistOffer.objects.create(
        application=application,
        token="old-456",
        status="expired",
        offered_at=timezone.now() - datetime.timedelta(days=5),
        expires_at=timezone.now() - datetime.timedelta(days=2),
    )

    html = panel(client, teacher)

    assert "A place is offered to you." in html
    assert reverse("conferences:offer", args=[offer.token]) in html
    assert reverse("conferences:offer", args=["old-456"]) not in html


def test_withdrawn_only_when_there_is_nothing_else(client, teacher):
    old = EditionFactory(number=15, city="Tokyo")
    application_of(old, teacher, status="withdrawn")

    assert "Withdrawn" in panel(client, teacher)

    application_of(EditionFactory(number=16, city="Ljubljana"), teacher, status="approved")
    html = panel(client, teacher)

    assert "Withdrawn" not in html
    assert "16th" in html


def test_other_teachers_applications_do_not_show(client, teacher, other_teacher):
    application_of(EditionFactory(number=16, city="Ljubljana"), other_teacher, "approved")

    assert panel(client, teacher) == ""


@pytest.mark.parametrize("editions", [1, 6])
def test_panel_queries_do_not_grow(client, teacher, editions, django_assert_num_queries):
    from conferences.dashboard import conferences_panel

    for n in range(editions):
        edition = EditionFactory(number=20 + n, city=f"City {n}")  # held in 2018
        application_of(edition, teacher, status=("approved", "attended", "waitlisted")[n % 3])
    for n in range(editions):  # waitlisted at as many coming editions: positions in one query
        application_of(open_edition(number=40 + n), teacher, status="waitlisted")
    open_edition(number=60)
    request = type("Request", (), {"user": teacher})()
    teacher.teacher_profile  # noqa: B018 - loaded by the dashboard before the panels

    # applications with their editions, their open offers, the waitlist positions at the coming
    # editions (past editions' waitlists do not move), the editions open now
    with django_assert_num_queries(4):
        context = conferences_panel(request)

    assert len(context["applications"]) == 2 * editions
    coming = [a for a in context["applications"] if a.edition.number >= 40]
    assert [(a.edition.number, a.position) for a in coming] == [
        (40 + n, 1) for n in reversed(range(editions))
    ]
    assert [e.number for e in context["open_editions"]] == [60]


def test_waitlisted_at_a_past_edition_is_no_promise(client, teacher):
    application_of(EditionFactory(number=14), teacher, status="waitlisted")

    html = panel(client, teacher)

    assert "Waitlisted" in html
    assert "We e-mail you" not in html
