"""What the teacher's journey shares with later browser tests: the reference data a flush
removed, a phone's photo, uploaded files served to the browser, and screenshots on request."""

import io
import mimetypes
import os
from pathlib import Path

from django.conf import settings
from django.utils.text import slugify
from PIL import ExifTags, Image
from playwright.sync_api import BrowserContext, Page, Route

from schools.languages import LANGUAGES
from schools.models import Language
from teachers.models import Subject
from teachers.subjects import SUBJECTS

from .support import field


def reference_data_sync() -> None:
    """Languages and subjects as the data migrations load them. A transactional test's flush
    empties every table, so a browser test after another one would find no boxes to tick."""
    for code, name in LANGUAGES:
        Language.objects.update_or_create(code=code, defaults={"name": name})
    for name in SUBJECTS:
        Subject.objects.update_or_create(slug=slugify(name), defaults={"name": name})


def phone_photo() -> bytes:
    """A small JPEG as a phone writes it: camera maker and a GPS position in its EXIF."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (16.0, 3.0, 51.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (108.0, 13.0, 15.0)
    gps[ExifTags.GPS.GPSMapDatum] = "WGS-84 GPS"  # as phones write it: bytes a test can find
    image = Image.new("RGB", (320, 240), (11, 79, 108))
    image.paste((240, 200, 120), (100, 60, 220, 180))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def serve_media(context: BrowserContext, base_url: str) -> None:
    """Answer the browser's requests for uploaded files from MEDIA_ROOT, as the proxy does in
    production: the live server serves static files only, so photos would show broken."""

    def fulfil(route: Route) -> None:
        relative = route.request.url.removeprefix(f"{base_url}/{settings.MEDIA_URL.strip('/')}/")
        root = Path(settings.MEDIA_ROOT).resolve()
        path = (root / relative.split("?")[0]).resolve()
        if not path.is_relative_to(root) or not path.is_file():
            route.fulfill(status=404)
            return
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        route.fulfill(status=200, body=path.read_bytes(), content_type=content_type)

    context.route(f"{base_url}/{settings.MEDIA_URL.strip('/')}/**", fulfil)


def sign_up(page: Page, *, full_name: str, email: str, country: str, password: str) -> None:
    """Fill the sign-up form for a teacher of `country`, and send it."""
    field(page, "Full name").fill(full_name)
    field(page, "Email").fill(email)
    field(page, "Country of your school").select_option(label=country)
    field(page, "Password").fill(password)
    field(page, "Password (again)").fill(password)
    page.get_by_role("button", name="Sign Up").click()


def tick(page: Page, group: str, *labels: str) -> None:
    """Tick boxes of the checkbox group of the form field named `group` (its name attribute):
    scoped, because a subject and a language may share a label (English)."""
    boxes = page.locator(f"#div_id_{group}")
    for label in labels:
        boxes.get_by_label(label, exact=True).check()


def shot(page: Page, name: str) -> None:
    """With SCREENSHOTS_DIR set, keep a full-page screenshot for a visual review."""
    if directory := os.environ.get("SCREENSHOTS_DIR"):
        Path(directory).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=Path(directory) / f"{name}.png", full_page=True)


def scrolls_sideways(page: Page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )
