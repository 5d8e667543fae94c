"""conferences/emails.py: the conference's kinds and their placeholders, their values (dates,
deadlines, venue), sending through the outbox with staff's wording or the default, and the
preview's sample. The text language itself and staff's save and reset are core's
(tests/core/emails/)."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from conferences.emails import (
    EMAIL_KINDS,
    KINDS,
    PLACEHOLDERS,
    format_dates,
    format_deadline,
    send_application_email,
)
from conferences.models import Application, WaitlistOffer
from core.emails.models import EmailTemplate
from core.emails.registry import email
from core.emails.sending import preview_email
from core.emails.text import placeholder_problems
from core.outbox.models import OutgoingEmail

from ..factories import CountryFactory, EditionFactory, TeacherProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return EditionFactory(
        number=15,
        title="ESD and AI: The Role and Readiness of Teachers",
        city="Tokyo",
        country=CountryFactory(code="JP"),
        venue="United Nations University",
        time_zone="Asia/Tokyo",
        starts_on=datetime.date(2019, 11, 25),
        ends_on=datetime.date(2019, 11, 29),
        status="applications_open",
    )


def application_for(edition, *, name="Aiko Tanaka", status="submitted", reason=""):
    profile = TeacherProfileFactory(user=UserFactory(full_name=name))
    return Application.objects.create(
        edition=edition,
        teacher=profile,
        school=profile.school,
        motivation="Hello",
        status=status,
        reason=reason,
    )


def send(kind, application, django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        send_application_email(kind, application, **kwargs)
    [message] = mail.outbox
    return message


def html_of(message) -> str:
    [alternative] = message.alternatives
    assert alternative.mimetype == "text/html"
    return alternative.content


# --- the kinds ---------------------------------------------------------------------------------


def test_every_kind_has_a_label_a_description_and_a_default_that_passes_its_own_check():
    assert tuple(EMAIL_KINDS) == KINDS
    for kind, spec in EMAIL_KINDS.items():
        assert (spec.kind, bool(spec.label), bool(spec.when)) == (kind, True, True)
        assert set(spec.placeholders) <= set(PLACEHOLDERS)
        registered = email(f"conferences.{kind}")
        assert (registered.subject, registered.body) == (spec.subject, spec.body)
        assert list(registered.placeholders) == list(spec.placeholders)
        assert placeholder_problems(str(spec.subject), registered) == []
        assert placeholder_problems(str(spec.body), registered) == []
        assert "{name}" in str(spec.body)


@pytest.mark.parametrize(
    ("kind", "own"),
    [
        ("received", set()),
        ("approved", {"programme_url"}),
        ("waitlisted", {"position"}),
        ("offer", {"deadline", "accept_url", "decline_url"}),
        ("rejected", {"reason"}),
        ("withdrawn", set()),
        ("reminder", {"programme_url"}),
    ],
)
def test_placeholders_of_each_kind(kind, own):
    assert (
        set(EMAIL_KINDS[kind].placeholders)
        == {
            "name",
            "edition",
            "title",
            "dates",
            "venue",
            "url",
        }
        | own
    )


def test_an_unknown_kind_is_refused(edition):
    with pytest.raises(ValueError, match="unknown conference e-mail 'party'"):
        send_application_email("party", application_for(edition))
    assert OutgoingEmail.objects.count() == 0


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        ((2019, 11, 25), (2019, 11, 29), "25–29 November 2019"),
        ((2019, 11, 28), (2019, 12, 2), "28 November – 2 December 2019"),
        ((2019, 12, 30), (2020, 1, 2), "30 December 2019 – 2 January 2020"),
        ((2019, 11, 25), (2019, 11, 25), "25 November 2019"),
    ],
)
def test_format_dates(start, end, text):
    assert format_dates(datetime.date(*start), datetime.date(*end)) == text


def test_format_deadline_is_in_the_host_zone_with_its_name():
    moment = datetime.datetime(2019, 10, 28, 3, 0, tzinfo=datetime.UTC)

    assert format_deadline(moment, zoneinfo.ZoneInfo("Asia/Tokyo")) == (
        "Monday 28 October 2019, 12:00 (Asia/Tokyo time)"
    )


# --- sending -----------------------------------------------------------------------------------


def test_received_with_the_default_text(edition, django_capture_on_commit_callbacks):
    application = application_for(edition)

    message = send("received", application, django_capture_on_commit_callbacks)

    assert message.to == [application.teacher.user.email]
    assert message.subject == (
        "[ClassNet] We received your application to the 15th ClassNet Conference, Tokyo 2019"
    )
    assert message.body.startswith(
        "Dear Aiko Tanaka,\n\nThank you for applying to the 15th ClassNet Conference, Tokyo "
        "2019, 25–29 November 2019 at United Nations University, Tokyo, Japan."
    )
    assert "the edition's page: http://127.0.0.1:8000/conferences/15/\n" in message.body
    html = html_of(message)
    assert "<p>Dear Aiko Tanaka,</p>" in html
    assert "Asia-Europe Classroom Network" in html  # the e-mails' look
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.SENT


def test_sending_uses_staff_text_and_falls_back_to_the_default(
    edition, staff, django_capture_on_commit_callbacks
):
    application = application_for(edition)
    EmailTemplate.objects.create(
        key="conferences.received",
        subject="Thanks, {name}!",
        body="Hello {name}, see {url}",
        updated_by=staff,
    )

    with django_capture_on_commit_callbacks(execute=True):
        send_application_email("received", application)
        send_application_email("withdrawn", application)

    custom, default = mail.outbox
    assert custom.subject == "[ClassNet] Thanks, Aiko Tanaka!"
    assert custom.body == "Hello Aiko Tanaka, see http://127.0.0.1:8000/conferences/15/"
    assert default.subject == (
        "[ClassNet] Your application to the 15th ClassNet Conference, Tokyo 2019 is withdrawn"
    )


def test_teacher_values_are_escaped_in_html_and_kept_in_text(
    edition, django_capture_on_commit_callbacks
):
    application = application_for(edition, name="<script>alert(1)</script> {reason}")

    message = send("received", application, django_capture_on_commit_callbacks)

    assert message.body.startswith("Dear <script>alert(1)</script> {reason},")
    html = html_of(message)
    assert "<script>" not in html
    assert "Dear &lt;script&gt;alert(1)&lt;/script&gt; {reason}," in html


def test_rejected_carries_the_reason(edition, django_capture_on_commit_callbacks):
    application = application_for(edition, status="rejected", reason="Too <many> from one school.")

    message = send("rejected", application, django_capture_on_commit_callbacks)

    assert "Staff's reason: Too <many> from one school." in message.body
    assert "Staff&#x27;s reason: Too &lt;many&gt; from one school." in html_of(message)


def test_waitlisted_says_the_position(edition, django_capture_on_commit_callbacks, monkeypatch):
    application = application_for(edition, status="waitlisted")
    monkeypatch.setattr("conferences.emails.position_of", lambda app: 4)

    message = send("waitlisted", application, django_capture_on_commit_callbacks)

    assert "You are number 4 on it." in message.body


def test_offer_has_the_deadline_in_the_host_zone_and_one_click_links(
    edition, django_capture_on_commit_callbacks
):
    application = application_for(edition, status="waitlisted")
    offer = WaitlistOffer.objects.create(
        application=application,
        token="tok-123",
        expires_at=datetime.datetime(2030, 10, 28, 3, 0, tzinfo=datetime.UTC),
    )

    message = send("offer", application, django_capture_on_commit_callbacks, extra={"offer": offer})

    assert message.subject == (
        "[ClassNet] A place at the 15th ClassNet Conference, Tokyo 2019 is yours if you want it"
    )
    assert "We keep it for you until Monday 28 October 2030, 12:00 (Asia/Tokyo time)." in (
        message.body
    )
    assert "Accept the place: http://127.0.0.1:8000/conferences/offers/tok-123/?answer=accept" in (
        message.body
    )
    assert "Decline it: http://127.0.0.1:8000/conferences/offers/tok-123/?answer=decline" in (
        message.body
    )
    assert 'href="http://127.0.0.1:8000/conferences/offers/tok-123/?answer=accept"' in html_of(
        message
    )


def test_offer_without_extra_uses_the_open_offer(edition, django_capture_on_commit_callbacks):
    application = application_for(edition, status="waitlisted")
    WaitlistOffer.objects.create(
        application=application,
        token="open-one",
        expires_at=timezone.now() + datetime.timedelta(hours=72),
    )

    message = send("offer", application, django_capture_on_commit_callbacks)

    assert "/conferences/offers/open-one/?answer=accept" in message.body


def test_attachments_are_sent_with_the_mail(edition, django_capture_on_commit_callbacks):
    application = application_for(edition, status="approved")

    message = send(
        "reminder",
        application,
        django_capture_on_commit_callbacks,
        attachments=[("c.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")],
    )

    assert [tuple(a) for a in message.attachments] == [
        ("c.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    ]


def test_nothing_is_sent_when_the_transaction_rolls_back(
    edition, django_capture_on_commit_callbacks
):
    application = application_for(edition)

    def send_then_fail():
        with transaction.atomic():
            send_application_email("received", application)
            raise RuntimeError

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        send_then_fail()

    assert mail.outbox == []
    assert OutgoingEmail.objects.count() == 0


# --- the preview -------------------------------------------------------------------------------


def test_preview_fills_the_sample_and_writes_nothing():
    preview = preview_email(
        item=email("conferences.offer"),
        subject="Until {deadline}",
        body="Dear {name}, {dates} at {venue}: {accept_url} <b>",
    )

    assert preview.subject == "Until Monday 28 October 2019, 12:00 (Asia/Tokyo time)"
    assert preview.text == (
        "Dear Aiko Tanaka, 25–29 November 2019 at United Nations University, 5-53-70 Jingumae, "
        "Shibuya, Tokyo, Japan: "
        "http://127.0.0.1:8000/conferences/offers/sample-offer-link/?answer=accept <b>"
    )
    assert "&lt;b&gt;" in preview.html
    assert OutgoingEmail.objects.count() == 0
    assert Application.objects.count() == 0


@pytest.mark.parametrize("kind", KINDS)
def test_preview_of_every_default_fills_every_placeholder(kind):
    spec = EMAIL_KINDS[kind]

    preview = preview_email(
        item=email(f"conferences.{kind}"), subject=str(spec.subject), body=str(spec.body)
    )

    assert "{" not in preview.subject + preview.text
    assert "Aiko Tanaka" in preview.text


def test_waitlisted_positions_come_from_the_waitlist(
    edition, staff, django_capture_on_commit_callbacks
):
    from conferences.services.applications import application_waitlist

    first, second = application_for(edition, name="First"), application_for(edition, name="Second")

    with django_capture_on_commit_callbacks(execute=True):
        application_waitlist(application=first, by=staff)
        application_waitlist(application=second, by=staff)

    assert [(m.to, "You are number 1 on it." in m.body) for m in mail.outbox] == [
        ([first.teacher.user.email], True),
        ([second.teacher.user.email], False),
    ]
    assert "You are number 2 on it." in mail.outbox[1].body


def test_the_venue_does_not_repeat_the_city_its_address_names():
    from conferences.emails import placeholder_values
    from conferences.models import Application, Edition
    from schools.models import Country
    from teachers.models import TeacherProfile, User

    edition = Edition(
        number=17,
        city="Bangkok",
        country=Country(code="TH", name="Thailand"),
        venue="Chulalongkorn University, Phayathai Road, Pathum Wan, Bangkok",
        starts_on=datetime.date(2030, 11, 25),
        ends_on=datetime.date(2030, 11, 29),
    )
    application = Application(
        edition=edition, teacher=TeacherProfile(user=User(full_name="A", email="a@x.example"))
    )

    values = placeholder_values("approved", application)

    assert values["venue"] == (
        "Chulalongkorn University, Phayathai Road, Pathum Wan, Bangkok, Thailand"
    )
