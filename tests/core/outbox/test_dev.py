from django.core import mail
from django.core.mail import mailers


def test_readable_file_mailer_keeps_long_links_whole(settings, tmp_path):
    settings.MAILERS = {
        "files": {
            "BACKEND": "core.outbox.dev.ReadableFileEmailBackend",
            "OPTIONS": {"file_path": str(tmp_path)},
        }
    }
    link = "http://127.0.0.1:8000/accounts/confirm-email/" + "A" * 90 + "/"
    message = mail.EmailMessage(
        "Confirm", f"Go to {link}", "f@classnet.local", ["t@school.example"]
    )

    mailers["files"].send_messages([message])

    [written] = tmp_path.iterdir()
    text = written.read_text()
    assert "Subject: Confirm\nFrom: f@classnet.local\nTo: t@school.example" in text
    assert link in text


def test_each_delivered_email_is_its_own_eml_file_the_newest_last(db, settings, tmp_path):
    """Through the outbox's delivery path, in one second: Django's file backend named its file
    after the second and the mailer's id(), which Python reuses, so e-mails shared a file."""
    from core.outbox.services import email_deliver, email_enqueue

    settings.MAILERS = settings.MAILERS | {
        "delivery": {
            "BACKEND": "core.outbox.dev.ReadableFileEmailBackend",
            "OPTIONS": {"file_path": str(tmp_path)},
        }
    }
    subjects = [f"Message {n}" for n in range(5)]
    for subject in subjects:
        message = mail.EmailMessage(subject, f"Body of {subject}.", "f@classnet.local", ["a@x.org"])
        assert email_deliver(email_id=email_enqueue(message=message).pk)

    written = sorted(tmp_path.iterdir())
    assert [path.suffix for path in written] == [".eml"] * 5
    texts = [path.read_text() for path in written]
    assert [text.splitlines()[0] for text in texts] == [f"Subject: {s}" for s in subjects]
    assert [text.count("Subject: ") for text in texts] == [1] * 5
    assert texts[0].endswith("\n\nBody of Message 0.\n")


def test_a_written_email_file_parses_as_an_email(settings, tmp_path):
    import email
    from email import policy

    settings.MAILERS = {
        "files": {
            "BACKEND": "core.outbox.dev.ReadableFileEmailBackend",
            "OPTIONS": {"file_path": str(tmp_path)},
        }
    }
    message = mail.EmailMultiAlternatives(
        "Ihre Bestätigung", "Grüße", "f@classnet.local", ["t@school.example"]
    )
    message.attach_alternative("<p>Grüße</p>", "text/html")

    mailers["files"].send_messages([message])

    [written] = tmp_path.iterdir()
    parsed = email.message_from_bytes(written.read_bytes(), policy=policy.default)
    assert (parsed["Subject"], parsed["To"]) == ("Ihre Bestätigung", "t@school.example")
    assert parsed.get_content().strip() == "Grüße"
