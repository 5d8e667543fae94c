"""Thumbnail sizes of gallery photos and their encoding: pure functions over pixels, no
database (gallery.services.photo_thumbnails_make stores what they make)."""

import io

from PIL import Image, ImageOps

SIZES = {"thumb_small": 320, "thumb_medium": 800, "thumb_large": 1600}


def encode(image: Image.Image, side: int) -> tuple[bytes, str]:
    """Re-encode at most `side` px on the longer side; nothing but pixels is written."""
    copy = image.copy()
    copy.thumbnail((side, side), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    if copy.mode in ("RGBA", "LA", "P"):
        copy.convert("RGBA").save(buffer, format="PNG", optimize=True)
        return buffer.getvalue(), "png"
    copy.convert("RGB").save(buffer, format="JPEG", quality=82, optimize=True)
    return buffer.getvalue(), "jpg"


def thumbnails_of(stored_file) -> dict[str, tuple[bytes, str]]:
    """Every size of an open image file, turned upright first. Raises PIL's errors for a file
    that is not an image, OSError when it cannot be read."""
    with Image.open(stored_file) as original:
        original.load()
        upright = ImageOps.exif_transpose(original)
        return {field: encode(upright, side) for field, side in SIZES.items()}
