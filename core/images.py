"""Uploaded images (school logos, teacher photos): validate, re-encode, strip metadata.

Students are minors and photos travel: nothing of an upload survives but its pixels. Every
image is opened with Pillow, checked, turned upright by its EXIF orientation, and written anew
(no EXIF, no GPS, no ICC or XMP, no trailing bytes) as JPEG or PNG, with a thumbnail.
"""

import io
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_PIXELS_PER_SIDE = 4000
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
STORED_MAX_SIDE = 1200


@dataclass(frozen=True)
class ProcessedImage:
    image: ContentFile
    thumbnail: ContentFile


def validate_image_upload(upload) -> None:
    """Raise a ValidationError a form can show when the upload is not an acceptable image."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The image is %(size)s MB; the limit is 5 MB."),
            params={"size": f"{upload.size / 1024 / 1024:.1f}"},
            code="too_large",
        )
    not_an_image = ValidationError(
        _("This file is not an image we can read. Upload a JPEG, PNG or WebP picture."),
        code="not_an_image",
    )
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            image_format = probe.format
            width, height = probe.size
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise not_an_image from None
    finally:
        upload.seek(0)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(
            _("Upload a JPEG, PNG or WebP picture (this one is %(format)s)."),
            params={"format": image_format},
            code="format",
        )
    if max(width, height) > MAX_PIXELS_PER_SIDE:
        raise ValidationError(
            _("The image is %(width)s × %(height)s pixels; the limit is 4000 on each side."),
            params={"width": width, "height": height},
            code="too_many_pixels",
        )
    # verify() reads no JPEG or WebP pixels: decode them all (the size is bounded above), so a
    # cut or corrupt file is refused here, on the form, not later in process_image as a 500.
    try:
        with Image.open(upload) as image:
            image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise not_an_image from None
    finally:
        upload.seek(0)


def _encode(image: Image.Image, *, max_side: int, square: bool = False) -> tuple[bytes, str]:
    image = image.copy()
    if square:
        image = ImageOps.fit(image, (max_side, max_side), Image.Resampling.LANCZOS)
    else:
        image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        image.save(buffer, format="PNG", optimize=True)
        return buffer.getvalue(), "png"
    image.convert("RGB").save(buffer, format="JPEG", quality=85, optimize=True)
    return buffer.getvalue(), "jpg"


def process_image(upload, *, thumbnail_side: int = 256) -> ProcessedImage:
    """Re-encode a validated upload; file names are random and reveal nothing."""
    validate_image_upload(upload)
    with Image.open(upload) as original:
        original.load()
        upright = ImageOps.exif_transpose(original)
    name = uuid.uuid4().hex
    data, extension = _encode(upright, max_side=STORED_MAX_SIDE)
    thumb, thumb_extension = _encode(upright, max_side=thumbnail_side, square=True)
    return ProcessedImage(
        image=ContentFile(data, name=f"{name}.{extension}"),
        thumbnail=ContentFile(thumb, name=f"{name}-thumb.{thumb_extension}"),
    )
