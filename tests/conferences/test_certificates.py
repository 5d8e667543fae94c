"""The certificate of participation as a PDF: its words, its fonts, its metadata."""

import datetime
import re

import pytest

from conferences.certificates import (
    certificate_filename,
    certificate_lines,
    certificate_number,
    certificate_pdf,
)
from conferences.models import Application, CheckIn
from conferences.selectors.participants import participants_of
from tests.factories import CountryFactory, EditionFactory, SchoolFactory, TeacherProfileFactory
from tests.pdf_text import pdf_text

pytestmark = pytest.mark.django_db

TITLE = "Education for Sustainable Development (ESD) and AI: The Role and Readiness of Teachers"


def info(pdf: bytes, key: str) -> str:
    """A document information entry (fpdf2 writes non-ASCII ones as UTF-16 hex)."""
    value = re.search(rb"/" + key.encode() + rb" <feff([0-9a-f]+)>", pdf).group(1)
    return bytes.fromhex(value.decode()).decode("utf-16-be")


def flat(text: str) -> str:
    """Lines joined: the certificate wraps long lines where it needs."""
    return " ".join(text.split())


@pytest.fixture
def attended():
    edition = EditionFactory(
        number=15,
        title=TITLE,
        city="Tokyo",
        country=CountryFactory(code="JP"),
        starts_on=datetime.date(2019, 11, 25),
        ends_on=datetime.date(2019, 11, 29),
    )
    vietnam = CountryFactory(code="VN")
    profile = TeacherProfileFactory(
        user__full_name="Nguyễn Thị Hằng",
        user__country=vietnam,
        school=SchoolFactory(name="Trường THPT Chu Văn An", city="Hà Nội", country=vietnam),
    )
    application = Application.objects.create(
        edition=edition, teacher=profile, school=profile.school, motivation="Hi", status="attended"
    )
    for day in (25, 26, 28):
        CheckIn.objects.create(application=application, day=datetime.date(2019, 11, day))
    return participants_of(edition=edition).get()


def test_certificate_lines(attended):
    lines = certificate_lines(attended)

    assert lines["heading"] == "Certificate of participation"
    assert lines["name"] == "Nguyễn Thị Hằng"
    assert lines["school"] == "Trường THPT Chu Văn An, Hà Nội, Viet Nam"
    assert lines["took_part"] == (
        "took part in the 15th ClassNet Conference, Tokyo, 25–29 November 2019,"
    )
    assert lines["title"] == f"“{TITLE}”"
    assert lines["days"] == "Days attended: 3 of 5 (25 November, 26 November, 28 November)"
    assert lines["signature"] == "Asia-Europe Foundation (ASEF)"
    assert lines["number"] == f"Certificate no. CN15-{attended.pk:06d}"


def test_certificate_number_pads_the_application():
    application = Application(pk=123, edition=EditionFactory.build(number=15))

    assert certificate_number(application) == "CN15-000123"


def test_the_pdf_shows_every_line_with_diacritics(attended):
    pdf = certificate_pdf(attended, compress=False)

    assert pdf.startswith(b"%PDF-")
    text = flat(pdf_text(pdf))
    for line in certificate_lines(attended).values():
        assert flat(line) in text
    assert "\ufffd" not in text


def test_polish_names_render(attended):
    user = attended.teacher.user
    user.full_name = "Łukasz Żółć"
    user.save()

    text = pdf_text(certificate_pdf(attended, compress=False))

    assert "Łukasz Żółć" in text


def test_the_text_reader_does_not_find_what_is_not_there(attended):
    text = pdf_text(certificate_pdf(attended, compress=False))

    assert "Certificate of participation" in text
    assert "Łukasz Żółć" not in text


def test_the_fonts_are_embedded_and_the_metadata_set(attended):
    pdf = certificate_pdf(attended, compress=False)

    # Noto Sans, regular and bold, subset to what is used; a Vietnamese name needs no fallback
    # font (core.pdf loads those only for the scripts the certificate prints)
    assert pdf.count(b"/FontFile2") == 2
    fonts = set(re.findall(rb"/BaseFont /[A-Z]{6}\+(\w+)", pdf))
    assert fonts == {b"NotoSans", b"NotoSansBold"}
    assert len(certificate_pdf(attended)) < 60_000
    assert b"/MediaBox [0 0 841.89 595.28]" in pdf  # A4 landscape
    assert info(pdf, "Title") == "Certificate of participation – Nguyễn Thị Hằng"
    assert info(pdf, "Author") == "Asia-Europe Foundation (ASEF) · ClassNet"


def test_the_compressed_pdf_is_what_is_served(attended):
    pdf = certificate_pdf(attended)

    assert pdf.startswith(b"%PDF-")
    assert b"/FlateDecode" in pdf
    assert b"%%EOF" in pdf[-10:]


def test_filename_slugifies_the_name(attended):
    assert certificate_filename(attended) == "classnet-certificate-15-nguyen-thi-hang.pdf"


def test_issued_in_the_hosts_date_never_before_the_first_day(attended, monkeypatch):
    from django.utils import timezone

    attended.edition.time_zone = "Asia/Tokyo"
    # 16:00 UTC on the 24th: 01:00 on the first day in Tokyo, still the 24th in UTC
    moment = datetime.datetime(2019, 11, 24, 16, 0, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)

    lines = certificate_lines(attended)

    assert lines["issued"] == "Issued 25 November 2019"
    assert lines["days"] == "Days attended: 1 of 5 (25 November)"


def test_days_still_to_come_are_not_said_attended(attended, monkeypatch):
    from django.utils import timezone

    attended.edition.time_zone = "Asia/Tokyo"
    moment = datetime.datetime(2019, 11, 26, 9, 0, tzinfo=datetime.UTC)  # 18:00 on the 26th
    monkeypatch.setattr(timezone, "now", lambda: moment)

    lines = certificate_lines(attended)

    assert lines["days"] == "Days attended: 2 of 5 (25 November, 26 November)"
    assert lines["issued"] == "Issued 26 November 2019"
