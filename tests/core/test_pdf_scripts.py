"""Every name in its own script, in every PDF (issue 15): a certificate and an edition report
for people, schools and sessions named in Latin with diacritics, Cyrillic, Greek, Chinese,
Japanese, Korean, Thai, Khmer, Lao, Myanmar, Devanagari and Bengali. The text is read back as a
reader does (poppler's pdftotext: exact lines), and the page is drawn to check that glyphs are
there (fpdf2 found no glyph missing, and ink where the name is)."""

import datetime

import pytest

from conferences.certificates import certificate_pdf
from conferences.models import Application, CheckIn, Session, WorkshopSignup
from conferences.selectors.participants import participants_of
from core.pdf import FONT, ClassNetPDF, check_pdf_fonts
from reports.figures import edition_figures
from reports.render_pdf import render_pdf
from tests.factories import CountryFactory, EditionFactory, SchoolFactory, TeacherProfileFactory
from tests.pdf_text import pdf_page_image, pdf_text

# A person and a school of each script, as people and schools of the network write them.
NAMES = {
    "latin": ("Nguyễn Thị Hương", "Liceum Ogólnokształcące w Łodzi", "VN"),
    "cyrillic": ("Анна Иванова", "Средно училище „Христо Ботев“", "BG"),
    "greek": ("Ελένη Παπαδοπούλου", "Γυμνάσιο Αθηνών", "GR"),
    "chinese": ("王小明", "北京市第四中学", "CN"),
    "japanese": ("田中さくら", "東京都立国際高等学校", "JP"),
    "korean": ("김민지", "서울국제고등학교", "KR"),
    "thai": ("สมศรี ใจดี", "โรงเรียนสาธิตจุฬาลงกรณ์มหาวิทยาลัย", "TH"),
    "khmer": ("សុខ ចាន់ធី", "វិទ្យាល័យព្រះស៊ីសុវត្ថិ", "KH"),
    "lao": ("ສົມສັກ ພົມມະວົງ", "ໂຮງຮຽນມັດທະຍົມ ວຽງຈັນ", "LA"),
    "myanmar": ("အောင်ဆန်း စုကြည်", "အထက (၁) ဒဂုံ", "MM"),
    "devanagari": ("प्रिया शर्मा", "केन्द्रीय विद्यालय दिल्ली", "IN"),
    "bengali": ("রবীন্দ্রনাথ ঠাকুর", "ঢাকা রেসিডেনসিয়াল মডেল কলেজ", "BD"),
}

pytestmark = pytest.mark.django_db


def _lines(pdf: bytes) -> set[str]:
    return {line.strip() for line in pdf_text(pdf).splitlines()}


@pytest.fixture
def edition():
    return EditionFactory(
        number=15,
        title="ESD and AI: The Role and Readiness of Teachers",
        city="Tokyo",
        starts_on=datetime.date(2019, 11, 25),
        ends_on=datetime.date(2019, 11, 29),
    )


@pytest.mark.parametrize("script", NAMES)
def test_a_certificate_prints_the_name_and_school_in_their_script(edition, script):
    name, school_name, code = NAMES[script]
    country = CountryFactory(code=code)
    profile = TeacherProfileFactory(
        user__full_name=name,
        user__country=country,
        school=SchoolFactory(name=school_name, country=country),
    )
    application = Application.objects.create(
        edition=edition, teacher=profile, school=profile.school, motivation="-", status="attended"
    )
    CheckIn.objects.create(application=application, day=datetime.date(2019, 11, 25))

    pdf = certificate_pdf(participants_of(edition=edition).get())

    lines = _lines(pdf)
    assert name in lines  # the name, exactly, on a line of its own
    assert any(line.startswith(school_name) for line in lines), sorted(lines)


def test_the_edition_report_prints_titles_in_every_script(edition, tmp_path):
    """The workshops' titles (here the schools' names) in the report's sign-ups table."""
    participant = TeacherProfileFactory()
    application = Application.objects.create(
        edition=edition,
        teacher=participant,
        school=participant.school,
        motivation="-",
        status="approved",
    )
    starts = datetime.datetime(2019, 11, 26, 1, tzinfo=datetime.UTC)
    for index, (name, school_name, _code) in enumerate(NAMES.values()):
        session = Session.objects.create(
            edition=edition,
            kind="workshop",
            title=f"{school_name}",
            speakers=name,
            starts_at=starts + datetime.timedelta(hours=index),
            ends_at=starts + datetime.timedelta(hours=index, minutes=50),
            capacity=20,
        )
        WorkshopSignup.objects.create(session=session, application=application)
    path = tmp_path / "report.pdf"

    render_pdf(edition_figures(edition), path)

    # a table cell wraps a long title, and Thai wraps anywhere (it has no spaces): compare the
    # letters, without where the lines broke
    text = "".join(pdf_text(path.read_bytes()).split())
    for _name, school_name, _code in NAMES.values():
        assert "".join(school_name.split()) + "Workshop" in text, school_name


@pytest.mark.parametrize("script", NAMES)
def test_the_glyphs_are_drawn(script):
    name, _school, _code = NAMES[script]
    pdf = ClassNetPDF(unit="pt", format=(600, 100))
    pdf.set_auto_page_break(False)
    pdf.set_margins(10, 10)
    pdf.add_page()
    pdf.set_font(FONT, "B", 28)
    pdf.cell(text=name)

    drawn = bytes(pdf.output())

    assert all(font.missing_glyphs == [] for font in pdf.fonts.values()), script
    page = pdf_page_image(drawn, dpi=72)
    ink = sum(page.histogram()[:128])  # dark pixels
    assert ink > 40 * len(name.replace(" ", "")), (script, ink)  # strokes, not a blank line


def test_the_system_check_finds_the_fonts_and_says_what_is_missing(settings, tmp_path):
    assert check_pdf_fonts() == []

    settings.PDF_FONT_DIRS = [str(tmp_path)]
    (error,) = check_pdf_fonts()

    assert error.id == "classnet.E001"
    assert "NotoSansThai-Regular.ttf" in error.msg
    assert "fonts-noto-core" in error.hint


def test_only_the_fallback_fonts_a_document_needs_are_loaded():
    def families(texts):
        return {key.rstrip("B") for key in ClassNetPDF(texts=texts).fonts}

    assert families(["Nguyễn Thị Hương", "Анна", "Ελένη"]) == {"noto"}
    assert families(["김민지", "प्रिया"]) == {"noto", "notocjk", "notodevanagari"}
    assert len(ClassNetPDF().fonts) == 2 * 8  # texts unknown: every font, regular and bold


def test_a_latin_transliteration_is_printed_beside_the_name(edition):
    korea = CountryFactory(code="KR")
    profile = TeacherProfileFactory(
        user__full_name="김민지",
        user__name_latin="Kim Min-ji",
        user__country=korea,
        school=SchoolFactory(name="서울국제고등학교", country=korea),
    )
    application = Application.objects.create(
        edition=edition, teacher=profile, school=profile.school, motivation="-", status="attended"
    )
    CheckIn.objects.create(application=application, day=datetime.date(2019, 11, 25))

    lines = _lines(certificate_pdf(participants_of(edition=edition).get()))

    assert "김민지 (Kim Min-ji)" in lines
