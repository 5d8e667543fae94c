"""Attachments travel through the outbox: stored with the row, re-attached on delivery."""

import base64
from email.mime.text import MIMEText

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives, mailers
from django.urls import reverse

from core.outbox import services
from core.outbox.models import MAX_ATTACHMENTS_BYTES, OutgoingEmail

pytestmark = pytest.mark.django_db

ICS = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nSUMMARY:Caf\xc3\xa9\r\nEND:VCALENDAR\r\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))


def message_with(*attachments):
    message = EmailMultiAlternatives("Files", "See attached.", "f@classnet.local", ["t@x.example"])
    message.attach_alternative("<p>See attached.</p>", "text/html")
    for attachment in attachments:
        message.attach(*attachment)
    return message


def test_attachments_survive_the_round_trip(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message_with(
            ("conference.ics", ICS, "text/calendar"), ("photo.png", PNG, "image/png")
        ).send()

    email = OutgoingEmail.objects.get()
    assert email.status == OutgoingEmail.Status.SENT
    assert email.attachments == [
        {
            "filename": "conference.ics",
            "mimetype": "text/calendar",
            "content": base64.b64encode(ICS).decode(),
        },
        {
            "filename": "photo.png",
            "mimetype": "image/png",
            "content": base64.b64encode(PNG).decode(),
        },
    ]
    [delivered] = mail.outbox
    # Django decodes text attachments to str; binary ones stay bytes.
    assert [tuple(a) for a in delivered.attachments] == [
        ("conference.ics", ICS.decode(), "text/calendar"),
        ("photo.png", PNG, "image/png"),
    ]
    assert delivered.alternatives[0].content == "<p>See attached.</p>"
    raw = delivered.message()
    parts = {part.get_filename(): part for part in raw.iter_attachments()}
    assert parts["conference.ics"].get_content_type() == "text/calendar"
    # Line endings of a text part are the MIME serialiser's business; the lines are ours.
    assert parts["conference.ics"].get_payload(decode=True).splitlines() == ICS.splitlines()
    assert parts["photo.png"].get_payload(decode=True) == PNG


def test_a_mime_part_attachment_is_stored_by_its_filename(django_capture_on_commit_callbacks):
    part = MIMEText("a,b\n1,2\n", "csv")
    part.add_header("Content-Disposition", "attachment", filename="figures.csv")
    message = message_with()
    message.attachments.append(part)

    with django_capture_on_commit_callbacks(execute=True):
        message.send()

    [delivered] = mail.outbox
    assert [tuple(a) for a in delivered.attachments] == [("figures.csv", "a,b\n1,2\n", "text/csv")]


def test_a_message_without_attachments_stores_none(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message_with().send()

    assert OutgoingEmail.objects.get().attachments == []
    assert mail.outbox[0].attachments == []


def test_attachments_over_one_megabyte_in_all_are_refused():
    half = b"x" * (MAX_ATTACHMENTS_BYTES // 2)
    message = message_with(
        ("a.bin", half, "application/octet-stream"), ("b.bin", half + b"x", "application/pdf")
    )

    with pytest.raises(ValueError, match="at most 1 MB"):
        services.email_enqueue(message=message)
    assert OutgoingEmail.objects.count() == 0


def test_attachments_of_exactly_one_megabyte_pass():
    message = message_with(("a.bin", b"x" * MAX_ATTACHMENTS_BYTES, "application/octet-stream"))

    email = services.email_enqueue(message=message)

    assert len(base64.b64decode(email.attachments[0]["content"])) == MAX_ATTACHMENTS_BYTES


def test_oversize_through_the_default_mailer_fails_the_send_and_records_nothing():
    message = message_with(("big.pdf", b"x" * (MAX_ATTACHMENTS_BYTES + 1), "application/pdf"))

    with pytest.raises(ValueError, match="attachments"):
        mailers["default"].send_messages([message])
    assert OutgoingEmail.objects.count() == 0
    assert mail.outbox == []


def test_readable_file_mailer_names_the_attachments(settings, tmp_path):
    settings.MAILERS = {
        "files": {
            "BACKEND": "core.outbox.dev.ReadableFileEmailBackend",
            "OPTIONS": {"file_path": str(tmp_path)},
        }
    }

    mailers["files"].send_messages([message_with(("conference.ics", ICS, "text/calendar"))])

    [written] = tmp_path.iterdir()
    assert "Attached: conference.ics" in written.read_text()


def test_back_office_shows_attachment_names_not_their_content(client):
    from tests.factories import UserFactory

    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    email = services.email_enqueue(message=message_with(("conference.ics", ICS, "text/calendar")))

    response = client.get(reverse("admin:outbox_outgoingemail_change", args=[email.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "conference.ics (text/calendar)" in page
    assert base64.b64encode(ICS).decode() not in page
