import pytest
from django.core.files.base import ContentFile
from PIL import Image

from gallery.models import MediaItem
from gallery.tasks import make_thumbnails

from . import edition_album, has_metadata, photo_item


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _side(field) -> tuple[int, int]:
    with field.open("rb") as stored, Image.open(stored) as image:
        return image.size


@pytest.mark.django_db
def test_thumbnails_in_three_sizes_without_metadata_then_ready():
    item = photo_item(edition_album(), ready=False, size=(2000, 1500))

    assert make_thumbnails.apply(kwargs={"item_id": item.pk}).get() == "ready"

    item.refresh_from_db()
    assert item.processing == MediaItem.Processing.READY
    assert _side(item.thumb_small) == (320, 240)
    assert _side(item.thumb_medium) == (800, 600)
    assert _side(item.thumb_large) == (1600, 1200)
    for field in (item.thumb_small, item.thumb_medium, item.thumb_large):
        with field.open("rb") as stored:
            assert not has_metadata(stored.read())


@pytest.mark.django_db
def test_running_twice_changes_nothing():
    item = photo_item(edition_album(), ready=False)
    make_thumbnails.apply(kwargs={"item_id": item.pk})
    item.refresh_from_db()
    names = (item.thumb_small.name, item.thumb_medium.name, item.thumb_large.name)

    assert make_thumbnails.apply(kwargs={"item_id": item.pk}).get() == "ready"

    item.refresh_from_db()
    assert (item.thumb_small.name, item.thumb_medium.name, item.thumb_large.name) == names


@pytest.mark.django_db
def test_an_unreadable_image_marks_the_item_failed():
    item = photo_item(edition_album(), ready=False)
    item.image.save("broken.jpg", ContentFile(b"not an image at all"), save=True)

    assert make_thumbnails.apply(kwargs={"item_id": item.pk}).get() == "failed"

    item.refresh_from_db()
    assert item.processing == MediaItem.Processing.FAILED
    assert not item.thumb_small


@pytest.mark.django_db
def test_a_deleted_item_is_left_alone():
    assert make_thumbnails.apply(kwargs={"item_id": 987654}).get() == "missing"


@pytest.mark.django_db
def test_a_missing_file_is_retried_then_failed(monkeypatch):
    item = photo_item(edition_album(), ready=False)
    item.image.storage.delete(item.image.name)

    result = make_thumbnails.apply(kwargs={"item_id": item.pk}, retries=make_thumbnails.max_retries)

    assert result.get() == "failed"
    item.refresh_from_db()
    assert item.processing == MediaItem.Processing.FAILED
