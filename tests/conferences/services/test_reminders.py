"""The reminder before the conference: who is due (host's date), the calendar attached, and
that running twice (or the beat task) sends each reminder once."""

import datetime
import zoneinfo

import icalendar
import pytest
from django.core import mail
from django.utils import timezone

from conferences.calendars import reminder_calendar
from conferences.models import Application, Session, WorkshopSignup
from conferences.selectors.reminders import editions_due
from conferences.services import reminders
from conferences.services.reminders import send_due_reminders
from conferences.tasks import send_reminders
from core.emails.models import EmailTemplate
from core.outbox.models import OutgoingEmail

from ...factories import CountryFactory, EditionFactory, TeacherProfileFactory, UserFactory

pytestmark = pytest.mark.django_db

TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")
# 10:00 in Tokyo on 18 November 2030 (01:00 UTC): one week before a 25 November start.
NOW = datetime.datetime(2030, 11, 18, 10, 0, tzinfo=TOKYO)


@pytest.fixture
def edition():
    return EditionFactory(
        number=21,
        title="Teachers and AI",
        city="Tokyo",
        country=CountryFactory(code="JP"),
        venue="United Nations University",
        time_zone="Asia/Tokyo",
        starts_on=datetime.date(2030, 11, 25),
        ends_on=datetime.date(2030, 11, 29),
        status="closed",
        reminder_days=7,
    )


def participant(edition, *, status="approved", name="Aiko Tanaka"):
    profile = TeacherProfileFactory(user=UserFactory(full_name=name))
    return Application.objects.create(
        edition=edition, teacher=profile, school=profile.school, motivation="Hi", status=status
    )


def session(edition, title, day, hour, *, capacity=None, kind="plenary"):
    start = datetime.datetime(2030, 11, day, hour, 0, tzinfo=TOKYO)
    return Session.objects.create(
        edition=edition,
        kind=kind,
        title=title,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
        room="Hall A",
        capacity=capacity,
    )


def run(django_capture_on_commit_callbacks, now=NOW):
    with django_capture_on_commit_callbacks(execute=True):
        return send_due_reminders(now=now)


def events_of(message) -> list[icalendar.Event]:
    [(filename, content, mimetype)] = message.attachments
    assert (filename, mimetype) == ("classnet-conference-21.ics", "text/calendar")
    return list(icalendar.Calendar.from_ical(content).walk("VEVENT"))


# --- who is due --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "due"),
    [
        (NOW, True),  # 7 days before, host's date
        (datetime.datetime(2030, 11, 18, 0, 30, tzinfo=TOKYO), True),  # still 17 Nov in UTC
        (datetime.datetime(2030, 11, 17, 23, 59, tzinfo=TOKYO), False),  # 8 days before
        (datetime.datetime(2030, 11, 24, 23, 0, tzinfo=TOKYO), True),  # the day before
        (datetime.datetime(2030, 11, 25, 0, 5, tzinfo=TOKYO), False),  # started (host's date)
    ],
)
def test_editions_due_counts_days_on_the_hosts_calendar(edition, now, due):
    assert editions_due(now=now) == ([edition] if due else [])


@pytest.mark.parametrize("status", ["draft", "held", "archived"])
def test_editions_not_running_get_no_reminder(edition, status):
    edition.status = status
    edition.save()

    assert editions_due(now=NOW) == []


@pytest.mark.parametrize("status", ["published", "applications_open", "closed"])
def test_editions_running_get_their_reminder(edition, status):
    edition.status = status
    edition.save()

    assert editions_due(now=NOW) == [edition]


def test_reminder_days_of_the_edition_decide(edition):
    edition.reminder_days = 3
    edition.save()

    assert editions_due(now=NOW) == []
    assert editions_due(now=NOW + datetime.timedelta(days=4)) == [edition]


# --- sending -----------------------------------------------------------------------------------


def test_only_approved_participants_get_it_once(edition, django_capture_on_commit_callbacks):
    approved = participant(edition)
    for status in ("submitted", "waitlisted", "rejected", "withdrawn", "attended"):
        participant(edition, status=status, name=f"Not {status}")
    elsewhere = participant(EditionFactory(number=22, status="closed"))  # starts in 2018

    assert run(django_capture_on_commit_callbacks) == 1
    assert run(django_capture_on_commit_callbacks) == 0

    [message] = mail.outbox
    assert message.to == [approved.teacher.user.email]
    assert message.subject == "[ClassNet] See you soon at the 21st ClassNet Conference, Tokyo 2030"
    assert (
        "The 21st ClassNet Conference, Tokyo 2030 is almost here: 25–29 November 2030 at "
        "United Nations University, Tokyo, Japan."
    ) in message.body
    assert "The programme: http://127.0.0.1:8000/conferences/21/programme/" in message.body
    assert OutgoingEmail.objects.count() == 1
    approved.refresh_from_db()
    elsewhere.refresh_from_db()
    assert approved.reminder_sent_at is not None
    assert elsewhere.reminder_sent_at is None
    assert (
        list(Application.objects.exclude(pk=approved.pk).values_list("reminder_sent_at", flat=True))
        == [None] * 6
    )


def test_a_participant_already_reminded_is_skipped(edition, django_capture_on_commit_callbacks):
    reminded = participant(edition, name="Already")
    Application.objects.filter(pk=reminded.pk).update(reminder_sent_at=timezone.now())
    fresh = participant(edition, name="Fresh")

    assert run(django_capture_on_commit_callbacks) == 1

    assert [message.to for message in mail.outbox] == [[fresh.teacher.user.email]]


def test_a_claim_lost_to_another_run_sends_nothing(
    edition, django_capture_on_commit_callbacks, monkeypatch
):
    application = participant(edition)
    claim = reminders._claim

    def claimed_elsewhere_first(app):
        Application.objects.filter(pk=app.pk).update(reminder_sent_at=timezone.now())
        return claim(app)

    monkeypatch.setattr(reminders, "_claim", claimed_elsewhere_first)

    assert run(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []
    application.refresh_from_db()
    assert application.reminder_sent_at is not None


def test_a_failed_send_releases_the_claim(edition, monkeypatch):
    application = participant(edition)

    def broken(*args, **kwargs):
        raise RuntimeError("mail down")

    monkeypatch.setattr(reminders, "send_application_email", broken)

    with pytest.raises(RuntimeError):
        send_due_reminders(now=NOW)

    application.refresh_from_db()
    assert application.reminder_sent_at is None  # the next run tries again


def test_staffs_reminder_text_is_used(edition, django_capture_on_commit_callbacks):
    participant(edition)
    EmailTemplate.objects.create(
        key="conferences.reminder", subject="Pack for {venue}", body="Hi {name}, {dates}"
    )

    run(django_capture_on_commit_callbacks)

    [message] = mail.outbox
    assert message.subject == "[ClassNet] Pack for United Nations University, Tokyo, Japan"
    assert message.body == "Hi Aiko Tanaka, 25–29 November 2030"
    assert len(message.attachments) == 1


# --- the calendar ------------------------------------------------------------------------------


def test_calendar_has_the_edition_and_the_participants_sessions(
    edition, django_capture_on_commit_callbacks
):
    application = participant(edition)
    other = participant(edition, name="Other")
    opening = session(edition, "Opening plenary", 25, 9)
    chosen = session(edition, "Robotics workshop", 26, 14, capacity=20, kind="workshop")
    not_chosen = session(edition, "Drama workshop", 26, 14, capacity=20, kind="workshop")
    WorkshopSignup.objects.create(session=chosen, application=application)
    WorkshopSignup.objects.create(session=not_chosen, application=other)

    run(django_capture_on_commit_callbacks)

    mine = next(m for m in mail.outbox if m.to == [application.teacher.user.email])
    theirs = next(m for m in mail.outbox if m.to == [other.teacher.user.email])
    whole, *sessions = events_of(mine)
    assert str(whole["summary"]) == "21st ClassNet Conference, Tokyo 2030"
    assert whole.decoded("dtstart") == datetime.date(2030, 11, 25)
    assert whole.decoded("dtend") == datetime.date(2030, 11, 30)  # all day, end exclusive
    assert str(whole["location"]) == "United Nations University, Tokyo, Japan"
    assert str(whole["url"]) == "http://127.0.0.1:8000/conferences/21/"
    assert [(str(e["uid"]), str(e["summary"])) for e in sessions] == [
        (f"session-{opening.pk}@classnet", "Opening plenary"),
        (f"session-{chosen.pk}@classnet", "Robotics workshop"),
    ]
    assert str(sessions[0]["location"]) == "Hall A, United Nations University, Tokyo, Japan"
    assert sessions[0].decoded("dtstart") == datetime.datetime(
        2030, 11, 25, 0, 0, tzinfo=datetime.UTC
    )
    assert [str(e["summary"]) for e in events_of(theirs)[1:]] == [
        "Opening plenary",
        "Drama workshop",
    ]


def test_calendar_without_sessions_has_the_edition_only(edition):
    content = reminder_calendar(edition=edition, sessions=[], now=NOW)

    calendar = icalendar.Calendar.from_ical(content)
    assert [str(e["uid"]) for e in calendar.walk("VEVENT")] == ["edition-21@classnet"]
    assert str(calendar["x-wr-timezone"]) == "Asia/Tokyo"


@pytest.mark.parametrize("count", [1, 5])
def test_the_reminder_runs_a_fixed_number_of_queries_per_participant(
    edition, count, django_capture_on_commit_callbacks, django_assert_num_queries
):
    session(edition, "Opening plenary", 25, 9)
    for n in range(count):
        application = participant(edition, name=f"Teacher {n}")
        WorkshopSignup.objects.create(
            session=session(edition, f"Workshop {n}", 26, 9 + n, capacity=5, kind="workshop"),
            application=application,
        )

    # editions, sessions for everyone, participants, their sign-ups with sessions; then per
    # participant: savepoint, claim, the staff text, the outbox row, release (delivery runs
    # after commit, outside this count)
    with (
        django_capture_on_commit_callbacks(execute=False),
        django_assert_num_queries(4 + 5 * count),
    ):
        assert send_due_reminders(now=NOW) == count


# --- the beat task -----------------------------------------------------------------------------


def test_the_beat_task_sends_once_eagerly(
    edition, celery_eager, django_capture_on_commit_callbacks, monkeypatch
):
    application = participant(edition)
    monkeypatch.setattr(timezone, "now", lambda: NOW)

    with django_capture_on_commit_callbacks(execute=True):
        first = send_reminders.apply().get()  # run as the worker does (delay sends on commit)
    with django_capture_on_commit_callbacks(execute=True):
        second = send_reminders.apply().get()

    assert (first, second) == (1, 0)
    assert [message.to for message in mail.outbox] == [[application.teacher.user.email]]
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.SENT
