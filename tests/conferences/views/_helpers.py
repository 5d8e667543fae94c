"""Helpers of the conference view tests: a participant of an edition, a cover picture."""

import io

from PIL import Image

from conferences.models import Application
from tests.factories import CountryFactory, TeacherProfileFactory


def _participant(edition, status="approved", country_code="FI"):
    profile = TeacherProfileFactory(school__country=CountryFactory(code=country_code))
    return Application.objects.create(
        edition=edition, teacher=profile, school=profile.school, motivation="Hi", status=status
    )


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 320), (200, 60, 60)).save(buffer, format="PNG")
    return buffer.getvalue()
