"""What the diary's browser tests share: a visitor's browser, a post to the diary as a member
writes it, and the check that a stored photo keeps no trace of where it was taken."""

import io

from PIL import ExifTags, Image
from playwright.sync_api import Browser, Locator, Page

from collaborations.models import DiaryPhoto

from .support import field
from .support_journey import serve_media

CONSENT = "Every student who can be recognised in these photos has consent to appear in them."
PUBLIC = "Public: everyone who visits this collaboration"
PHONE = {"width": 390, "height": 844}
ACTION_TIMEOUT_MS = 10_000


def open_visitor(browser: Browser, request, base_url: str) -> Page:
    """A new browser context, not signed in, on a phone; uploaded files are served to it."""
    context = browser.new_context(base_url=base_url, viewport=PHONE, locale="en-GB")
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    serve_media(context, base_url)
    request.addfinalizer(context.close)
    return context.new_page()


def post_to_diary(page: Page, *, text: str, photo_name: str, photo: bytes) -> None:
    """Fill the diary form of the collaboration's page with one photo, for everyone, and send."""
    form = page.get_by_test_id("diary-form")
    field(page, "Your update").fill(text)
    field(page, "Photos").set_input_files(
        {"name": photo_name, "mimeType": "image/jpeg", "buffer": photo}
    )
    form.get_by_label(CONSENT).check()
    form.get_by_label(PUBLIC).check()
    form.get_by_role("button", name="Post to the diary").click()


def loaded_width(image: Locator) -> int:
    """The natural width of an <img> once the browser has loaded it (0 when it failed): scrolled
    into view first, since a lazy image below the fold is not fetched."""
    image.scroll_into_view_if_needed()
    return image.evaluate(
        """image => image.complete ? image.naturalWidth : new Promise(resolve => {
            image.addEventListener("load", () => resolve(image.naturalWidth), {once: true});
            image.addEventListener("error", () => resolve(0), {once: true});
        })"""
    )


def assert_stored_without_location(photo: DiaryPhoto) -> None:
    """The stored photo and its thumbnail: re-encoded, no EXIF at all, no GPS, no camera."""
    for stored in (photo.image, photo.thumbnail):
        with stored.open("rb") as file:
            data = file.read()
        assert b"GPS" not in data, stored.name
        assert b"PhoneMaker" not in data, stored.name
        with Image.open(io.BytesIO(data)) as image:
            assert dict(image.getexif()) == {}, stored.name
            assert image.getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}, stored.name
