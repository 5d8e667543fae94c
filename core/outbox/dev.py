"""A development mailer: each e-mail as its own readable .eml file in EMAIL_FILE_DIR (var/mail/).

Django's file backend writes the raw MIME message, whose quoted-printable body breaks long
links across lines; a newcomer opening var/mail/ should be able to click the link. It also
appends every message of a connection to one file named after the second and the mailer's
id(), which Python reuses, so e-mails sent in the same second could land in one file. Here each
message gets a new file, named by the time it was written to the microsecond (UTC), then its
subject: `ls var/mail/` lists the newest last.
"""

import datetime
import itertools
from pathlib import Path

from django.core.mail.backends.filebased import EmailBackend
from django.utils.text import slugify

SUBJECT_IN_NAME = 40


class ReadableFileEmailBackend(EmailBackend):
    def send_messages(self, email_messages) -> int:
        written = 0
        with self._lock:
            for message in email_messages or []:
                try:
                    with self._new_file(message) as file:
                        file.write(self.readable(message))
                except Exception:
                    if not self.fail_silently:
                        raise
                else:
                    written += 1
        return written

    def _new_file(self, message):
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S-%f")
        subject = slugify(message.subject)[:SUBJECT_IN_NAME] or "email"
        for attempt in itertools.count(1):
            suffix = "" if attempt == 1 else f"-{attempt}"
            try:
                # "x": never append to (or overwrite) another e-mail's file.
                return (Path(self.file_path) / f"{stamp}-{subject}{suffix}.eml").open("xb")
            except FileExistsError:
                continue

    @staticmethod
    def readable(message) -> bytes:
        """The e-mail as a plain-text .eml: headers, a blank line and the text body unencoded
        (UTF-8, long lines kept whole); what was not written out is named in X- headers."""
        headers = [
            f"Subject: {message.subject}",
            f"From: {message.from_email}",
            f"To: {', '.join(message.to)}",
        ]
        if message.cc:
            headers.append(f"Cc: {', '.join(message.cc)}")
        if message.reply_to:
            headers.append(f"Reply-To: {', '.join(message.reply_to)}")
        if message_id := message.extra_headers.get("Message-ID"):
            headers.append(f"Message-ID: {message_id}")
        headers += [
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
        ]
        html = [a for a in getattr(message, "alternatives", []) if a.mimetype == "text/html"]
        if html:
            headers.append("X-Not-Shown: an HTML version was sent too")
        if message.attachments:
            names = [getattr(a, "filename", None) or "attachment" for a in message.attachments]
            headers.append(f"X-Attached: {', '.join(names)}")
        body = message.body if message.body.endswith("\n") else message.body + "\n"
        return ("\n".join(headers) + "\n\n" + body).encode()
