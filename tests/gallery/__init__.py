"""Helpers for the gallery tests: images, albums and items."""

import io

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from gallery.models import Album, MediaItem
from tests.factories import CollaborationFactory, EditionFactory


def jpeg_bytes(size=(640, 480), colour=(11, 79, 108)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="JPEG")
    return buffer.getvalue()


def phone_upload() -> SimpleUploadedFile:
    from tests.browser.support_journey import phone_photo

    return SimpleUploadedFile("IMG_0001.jpg", phone_photo(), content_type="image/jpeg")


def has_metadata(data: bytes) -> bool:
    with Image.open(io.BytesIO(data)) as image:
        return bool(image.getexif()) or b"WGS-84" in data or b"PhoneMaker" in data


def edition_album(**kwargs) -> Album:
    edition = kwargs.pop("edition", None) or EditionFactory()
    return Album.objects.create(edition=edition, title=kwargs.pop("title", "Helsinki"), **kwargs)


def collaboration_album(collaboration=None, **kwargs) -> Album:
    collaboration = collaboration or CollaborationFactory()
    return Album.objects.create(
        collaboration=collaboration, title=kwargs.pop("title", "River samples"), **kwargs
    )


def photo_item(album: Album, *, ready=True, size=(640, 480), **kwargs) -> MediaItem:
    item = MediaItem(
        album=album,
        kind=MediaItem.Kind.PHOTO,
        caption=kwargs.pop("caption", "Pupils at the river"),
        credit="A. Teacher",
        licence=MediaItem.Licence.CC_BY,
        consent_confirmed=True,
        processing=MediaItem.Processing.READY if ready else MediaItem.Processing.PENDING,
        **kwargs,
    )
    item.image.save("photo.jpg", ContentFile(jpeg_bytes(size)), save=False)
    if ready:
        for field in ("thumb_small", "thumb_medium", "thumb_large"):
            getattr(item, field).save(f"{field}.jpg", ContentFile(jpeg_bytes((32, 24))), save=False)
    item.save()
    return item


def video_item(album: Album, url="https://www.youtube.com/watch?v=dQw4w9WgXcQ", **kwargs):
    return MediaItem.objects.create(
        album=album,
        kind=MediaItem.Kind.VIDEO,
        caption=kwargs.pop("caption", "Our river film"),
        credit="Class 8B",
        licence=MediaItem.Licence.CC_BY,
        consent_confirmed=True,
        processing=MediaItem.Processing.READY,
        video_url=url,
        **kwargs,
    )
