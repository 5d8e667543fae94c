"""Thumbnails of gallery photos, made after the upload (safe to run twice)."""

import io
import logging
import uuid

from celery import shared_task
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

logger = logging.getLogger(__name__)

SIZES = {"thumb_small": 320, "thumb_medium": 800, "thumb_large": 1600}


def _encode(image: Image.Image, side: int) -> tuple[bytes, str]:
    """Re-encode at most `side` px on the longer side; nothing but pixels is written."""
    copy = image.copy()
    copy.thumbnail((side, side), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    if copy.mode in ("RGBA", "LA", "P"):
        copy.convert("RGBA").save(buffer, format="PNG", optimize=True)
        return buffer.getvalue(), "png"
    copy.convert("RGB").save(buffer, format="JPEG", quality=82, optimize=True)
    return buffer.getvalue(), "jpg"


@shared_task(bind=True, name="gallery.make_thumbnails", max_retries=3, default_retry_delay=30)
def make_thumbnails(self, item_id: int) -> str:
    """Make the small, medium and large thumbnails of a photo and mark it ready.

    A missing or ready item is left alone; an unreadable image marks it failed (staff see it
    on /gallery/staff/); a storage error is retried, then marks it failed.
    """
    from .models import MediaItem

    item = MediaItem.objects.filter(pk=item_id, kind=MediaItem.Kind.PHOTO).first()
    if item is None:
        return "missing"
    if item.processing == MediaItem.Processing.READY and all(
        getattr(item, field) for field in SIZES
    ):
        return "ready"
    try:
        with item.image.open("rb") as stored, Image.open(stored) as original:
            original.load()
            upright = ImageOps.exif_transpose(original)
            made = {field: _encode(upright, side) for field, side in SIZES.items()}
    except (UnidentifiedImageError, SyntaxError, ValueError, Image.DecompressionBombError):
        logger.warning("gallery item %s: unreadable image", item_id)
        MediaItem.objects.filter(pk=item_id).update(processing=MediaItem.Processing.FAILED)
        return "failed"
    except OSError as error:
        if self.request.retries >= self.max_retries:
            MediaItem.objects.filter(pk=item_id).update(processing=MediaItem.Processing.FAILED)
            return "failed"
        raise self.retry(exc=error) from error
    old = [getattr(item, field) for field in SIZES if getattr(item, field)]
    old_names = [(f.storage, f.name) for f in old]
    stem = uuid.uuid4().hex
    for field, (data, extension) in made.items():
        getattr(item, field).save(
            f"{stem}-{SIZES[field]}.{extension}", ContentFile(data), save=False
        )
    item.processing = MediaItem.Processing.READY
    item.save(update_fields=[*SIZES, "processing"])
    for storage, name in old_names:
        storage.delete(name)
    return "ready"
