from django.core import mail
from django.core.mail import mailers


def test_readable_file_mailer_keeps_long_links_whole(settings, tmp_path):
    settings.MAILERS = {
        "files": {
            "BACKEND": "classnet.outbox.dev.ReadableFileEmailBackend",
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
