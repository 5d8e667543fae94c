"""Helpers shared by the entries' test modules (services, selectors, views, the dashboard
panel): an open cycle, a collaboration led by a teacher, a draft entry, closing the cycle."""

import datetime
import io
import itertools

from django.utils import timezone
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from awards.selectors.entries import check_eligibility, led_collaborations
from awards.services.entries import entry_save
from tests.factories import (
    AwardCategoryFactory,
    AwardCycleFactory,
    CollaborationFactory,
    CountryFactory,
    EditionFactory,
    MembershipFactory,
    TeacherProfileFactory,
)

_numbers = itertools.count(40)


def make_pdf(*, metadata: dict | None = None, xmp: bytes = b"", javascript: str = "") -> bytes:
    """A one-page PDF, with document information, XMP metadata or a script if asked."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if metadata:
        writer.add_metadata(metadata)
    if xmp:
        writer.xmp_metadata = xmp
    if javascript:  # run when the file opens, and as a document-level script
        script = DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject(javascript),
            }
        )
        writer.root_object[NameObject("/OpenAction")] = script
        writer.root_object[NameObject("/Names")] = DictionaryObject(
            {
                NameObject("/JavaScript"): DictionaryObject(
                    {NameObject("/Names"): ArrayObject([TextStringObject("hello"), script])}
                )
            }
        )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


PDF = make_pdf()


# --- helpers shared by the entries' test modules ----------------------------------------------


def open_cycle(**kwargs):
    """A cycle accepting entries now, with one category."""
    now = timezone.now()
    defaults = {
        "edition": EditionFactory(number=next(_numbers)),
        "status": "open",
        "entries_open_at": now - datetime.timedelta(days=1),
        "entries_close_at": now + datetime.timedelta(days=30),
    }
    cycle = AwardCycleFactory(**{**defaults, **kwargs})
    AwardCategoryFactory(cycle=cycle, name="Best collaboration")
    return cycle


def asian_teacher():
    return TeacherProfileFactory(user__country=CountryFactory(code="JP"))


def collaboration_led_by(user, *, status="running", with_asia=True):
    """Led by `user` (a school in Finland); with a member school in Japan unless not."""
    collaboration = CollaborationFactory(lead=user.teacher_profile, status=status)
    if with_asia:
        MembershipFactory(collaboration=collaboration, teacher=asian_teacher(), student_count=30)
    return collaboration


def with_memberships(collaboration):
    return (
        led_collaborations(None)
        .model.objects.prefetch_related("memberships__school__country")
        .get(pk=collaboration.pk)
    )


def eligibility(cycle, collaboration, user):
    return check_eligibility(
        cycle=cycle,
        collaboration=with_memberships(collaboration),
        profile=getattr(user, "teacher_profile", None),
    )


def draft_of(cycle, user, collaboration=None, **kwargs):
    collaboration = collaboration or collaboration_led_by(user)
    return entry_save(
        by=user,
        cycle=cycle,
        collaboration=collaboration,
        category=cycle.categories.get(),
        statement=kwargs.pop("statement", "We built weather stations together."),
        student_count=kwargs.pop("student_count", 50),
        **kwargs,
    )


def close(cycle):
    cycle.entries_open_at = timezone.now() - datetime.timedelta(days=40)
    cycle.entries_close_at = timezone.now() - datetime.timedelta(minutes=1)
    cycle.save()


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 10, 10)).save(buffer, format="PNG")
    return buffer.getvalue()
