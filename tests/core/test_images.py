"""Uploaded images: what is refused, and that nothing but the pixels survives re-encoding.
Every image is made here with Pillow, never downloaded."""

import io
import os

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from core.images import MAX_UPLOAD_BYTES, process_image, validate_image_upload

RED, BLUE = (220, 20, 20), (20, 20, 220)


def encode(image: Image.Image, image_format: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def upload(data: bytes, name: str = "photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def camera_exif(*, orientation: int = 1) -> Image.Exif:
    """EXIF as a phone writes it: maker, orientation and a GPS position."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (60.0, 10.0, 12.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (24.0, 56.0, 1.0)
    gps[ExifTags.GPS.GPSMapDatum] = "WGS-84 GPS"
    return exif


def halves(size=(300, 100)) -> Image.Image:
    """Left half red, right half blue: shows which way an image was turned."""
    image = Image.new("RGB", size, BLUE)
    image.paste(RED, (0, 0, size[0] // 2, size[1]))
    return image


def error_code(data: bytes, name: str = "photo.jpg") -> str:
    with pytest.raises(ValidationError) as caught:
        validate_image_upload(upload(data, name))
    return caught.value.code


def test_jpeg_from_a_phone_loses_exif_and_gps():
    original = encode(halves(), "JPEG", exif=camera_exif())
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert b"Exif" in original
    assert b"GPS" in original

    processed = process_image(upload(original))

    for stored in (processed.image.read(), processed.thumbnail.read()):
        assert b"Exif" not in stored
        assert b"GPS" not in stored
        assert b"PhoneMaker" not in stored
        with Image.open(io.BytesIO(stored)) as image:
            assert image.format == "JPEG"
            assert dict(image.getexif()) == {}
            assert image.getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}
            assert "exif" not in image.info


def test_orientation_is_applied_before_the_exif_goes():
    # Orientation 6: the camera was turned; viewers rotate the picture 90° clockwise.
    original = encode(halves((300, 100)), "JPEG", exif=camera_exif(orientation=6))

    processed = process_image(upload(original))

    with Image.open(processed.image) as image:
        assert image.size == (100, 300)
        top, bottom = image.getpixel((50, 20)), image.getpixel((50, 280))
    assert (top[0] > 180, top[2] < 60) == (True, True)  # red on top: the left half went up
    assert (bottom[0] < 60, bottom[2] > 180) == (True, True)


def test_png_with_transparency_stays_png_with_its_alpha():
    image = Image.new("RGBA", (80, 60), (0, 128, 0, 0))
    image.paste((0, 128, 0, 255), (0, 0, 40, 60))

    processed = process_image(upload(encode(image, "PNG"), "logo.png"))

    assert processed.image.name.endswith(".png")
    assert processed.thumbnail.name.endswith("-thumb.png")
    with Image.open(processed.image) as stored:
        assert (stored.format, stored.mode, stored.size) == ("PNG", "RGBA", (80, 60))
        assert stored.getpixel((10, 30))[3] == 255
        assert stored.getpixel((70, 30))[3] == 0


def test_large_pictures_are_scaled_down_and_get_a_square_thumbnail():
    processed = process_image(upload(encode(halves((2400, 1200)), "JPEG")))

    with Image.open(processed.image) as image:
        assert image.size == (1200, 600)
    with Image.open(processed.thumbnail) as thumbnail:
        assert thumbnail.size == (256, 256)


def test_stored_names_are_random_and_reveal_nothing_of_the_upload():
    data = encode(halves(), "JPEG")

    first = process_image(upload(data, "Aino Virtanen passport.jpg"))
    second = process_image(upload(data, "Aino Virtanen passport.jpg"))

    assert "Aino" not in first.image.name
    assert first.image.name != second.image.name
    assert first.thumbnail.name == first.image.name.replace(".jpg", "-thumb.jpg")


def test_webp_is_accepted_and_stored_as_jpeg():
    processed = process_image(upload(encode(halves(), "WEBP"), "photo.webp"))

    assert processed.image.name.endswith(".jpg")
    with Image.open(processed.image) as image:
        assert image.format == "JPEG"


def test_more_than_5_mb_is_refused_with_the_size():
    # Noise does not compress: a 1400 x 1400 PNG of it weighs about 5.9 MB.
    noise = Image.frombytes("RGB", (1400, 1400), os.urandom(1400 * 1400 * 3))
    data = encode(noise, "PNG")
    assert len(data) > MAX_UPLOAD_BYTES

    with pytest.raises(ValidationError) as caught:
        validate_image_upload(upload(data, "big.png"))

    assert caught.value.code == "too_large"
    assert "the limit is 5 MB" in caught.value.messages[0]


def test_exactly_5_mb_is_not_refused_for_its_size():
    data = encode(halves(), "PNG")
    padded = data + b"\0" * (MAX_UPLOAD_BYTES - len(data))  # PNG readers ignore what follows

    validate_image_upload(upload(padded, "padded.png"))


@pytest.mark.parametrize("size", [(4001, 10), (10, 4001)])
def test_more_than_4000_pixels_on_a_side_is_refused(size):
    data = encode(Image.new("RGB", size), "PNG")

    with pytest.raises(ValidationError) as caught:
        validate_image_upload(upload(data, "wide.png"))

    assert caught.value.code == "too_many_pixels"
    assert "the limit is 4000 on each side" in caught.value.messages[0]


def test_4000_pixels_on_a_side_is_accepted():
    validate_image_upload(upload(encode(Image.new("L", (4000, 8)), "PNG"), "strip.png"))


def test_a_text_file_named_jpg_is_refused():
    assert error_code(b"Dear colleagues,\nthis is not a photo.\n" * 20) == "not_an_image"


def test_an_empty_file_is_refused():
    assert error_code(b"") == "not_an_image"


def test_a_truncated_png_is_refused():
    data = encode(halves(), "PNG")

    assert error_code(data[: len(data) // 2], "cut.png") == "not_an_image"


def test_a_truncated_jpeg_is_refused():
    data = encode(halves(), "JPEG")

    assert error_code(data[: len(data) // 2]) == "not_an_image"


def test_a_format_we_do_not_take_is_refused_by_name():
    assert error_code(encode(halves(), "BMP"), "photo.bmp") == "format"


def test_process_image_refuses_what_validation_refuses():
    with pytest.raises(ValidationError):
        process_image(upload(b"not an image"))
