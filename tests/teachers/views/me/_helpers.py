"""Helpers of the tests of a person's own pages under /me/ (teachers/views/me.py)."""

import io

from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

OWN_PAGES = [
    "teachers:dashboard",
    "teachers:profile_edit",
    "teachers:school_choose",
    "teachers:school_propose",
    "teachers:data_export",
    "teachers:account_delete",
]
TEACHER_ONLY_PAGES = ["teachers:profile_edit", "teachers:school_choose", "teachers:school_propose"]


def image_upload(name="me.jpg", size=(120, 90), image_format="JPEG") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (40, 120, 200)).save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def text(response) -> str:
    return response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')


def login(client, user):
    client.force_login(user)
    return user
