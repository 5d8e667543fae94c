import hashlib

import pytest
from django.core.files.base import ContentFile
from django.db import transaction

from core.files import MediaStorage, file_set_private, private_file_response

pytestmark = pytest.mark.django_db


class _Field:
    """A stand-in for a FieldFile: a name on a storage."""

    def __init__(self, storage, name):
        self.storage, self.name = storage, name

    def open(self, mode="rb"):
        return self.storage.open(self.name, mode)


@pytest.fixture
def media(private_media):
    return private_media


def test_a_file_moves_to_private_and_back_without_loss(media, django_capture_on_commit_callbacks):
    storage = MediaStorage()
    data = b"\x89PNG fake pixels"
    name = storage.save("collaborations/diary/a.png", ContentFile(data))
    field = _Field(storage, name)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        assert file_set_private(field, private=True)
    assert field.name == "private/collaborations/diary/a.png"
    assert not (media / "media" / name).exists()
    assert (media / "private" / "media" / name).exists()
    with storage.open(field.name) as handle:
        assert hashlib.sha256(handle.read()).digest() == hashlib.sha256(data).digest()
    with pytest.raises(ValueError, match="private"):
        storage.url(field.name)
    assert not file_set_private(field, private=True)  # idempotent
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        assert file_set_private(field, private=False)
    assert field.name == name
    assert (media / "media" / name).read_bytes() == data


def test_private_response_streams_with_private_headers(media, settings):
    settings.PRIVATE_MEDIA_ACCEL_PREFIX = ""
    storage = MediaStorage()
    field = _Field(storage, storage.save("private/awards/evidence/e.pdf", ContentFile(b"%PDF-1")))
    response = private_file_response(field)
    assert b"".join(response.streaming_content) == b"%PDF-1"
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment")
    settings.PRIVATE_MEDIA_ACCEL_PREFIX = "/_private/"
    response = private_file_response(field)
    assert response["X-Accel-Redirect"] == "/_private/media/awards/evidence/e.pdf"
