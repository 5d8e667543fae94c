"""A development mailer: each e-mail as a readable text file in EMAIL_FILE_DIR (var/mail/).

Django's file backend writes the raw MIME message, whose quoted-printable body breaks long
links across lines; a newcomer opening var/mail/ should be able to click the link.
"""

from django.core.mail.backends.filebased import EmailBackend


class ReadableFileEmailBackend(EmailBackend):
    def write_message(self, message) -> None:
        headers = [
            f"Subject: {message.subject}",
            f"From: {message.from_email}",
            f"To: {', '.join(message.to)}",
        ]
        if message.cc:
            headers.append(f"Cc: {', '.join(message.cc)}")
        if message_id := message.extra_headers.get("Message-ID"):
            headers.append(f"Message-ID: {message_id}")
        html = [a for a in getattr(message, "alternatives", []) if a.mimetype == "text/html"]
        if html:
            headers.append("(An HTML version was sent too.)")
        if message.attachments:
            names = [getattr(a, "filename", None) or "attachment" for a in message.attachments]
            headers.append(f"Attached: {', '.join(names)}")
        text = "\n".join(headers) + "\n\n" + message.body + "\n" + "-" * 79 + "\n"
        self.stream.write(text.encode())
