"""The certificate of participation: one A4 landscape page, made with fpdf2.

The Noto fonts are embedded (core.pdf) so that every name renders in its own script: Latin with
its diacritics, Cyrillic, Greek, Chinese, Japanese, Korean, Thai, Khmer, Lao, Myanmar, Devanagari
and Bengali, shaped. The certificate is in English, the network's
working language; its number (CN<edition>-<application>) lets anyone ask ASEF to confirm it.
"""

import datetime

from django.contrib.humanize.templatetags.humanize import ordinal
from django.utils.text import slugify
from fpdf.enums import XPos, YPos

from core.pdf import FONT, ClassNetPDF

from .models import Application
from .selectors.participants import days_attended, edition_days, host_today


def certificate_number(application: Application) -> str:
    """The number printed on the certificate, for verification: CN<edition>-<application>."""
    return f"CN{application.edition.number}-{application.pk:06d}"


def date_range(start: datetime.date, end: datetime.date) -> str:
    """'25-29 November 2019', '30 November - 2 December 2019', '30 December 2019 - 2 January
    2020', with an en dash (English: the certificate is in English)."""
    if start == end:
        return f"{start.day} {start:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B} – {end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y} – {end.day} {end:%B %Y}"


# ClassNet's colours (static/css: --cn-teal-dark, --cn-teal, --cn-amber)
NAVY = (8, 58, 80)
TEAL = (11, 79, 108)
AMBER = (255, 200, 87)
GREY = (90, 98, 110)


# Letters that Unicode does not decompose into a Latin base letter and a mark, so slugify
# would drop them ("Łukasz Żółć" -> "ukasz-zoc").
LATIN = str.maketrans(
    {
        "Ł": "L",
        "ł": "l",
        "Đ": "D",
        "đ": "d",
        "Ø": "O",
        "ø": "o",
        "ß": "ss",
        "Æ": "AE",
        "æ": "ae",
        "Œ": "OE",
        "œ": "oe",
        "Þ": "Th",
        "þ": "th",
        "İ": "I",
        "ı": "i",
    }
)


def certificate_filename(application: Application) -> str:
    name = slugify(application.teacher.user.full_name.translate(LATIN)) or "participant"
    return f"classnet-certificate-{application.edition.number}-{name}.pdf"


def certificate_lines(application: Application) -> dict[str, str]:
    """The certificate's words, apart from the layout (tests read them too)."""
    edition = application.edition
    teacher = application.teacher.user
    school = application.school
    attended = days_attended(application)
    total = len(edition_days(edition))
    # The host's date: never before the first day attended (the certificate exists from then).
    issued = max([host_today(edition), *attended[:1]])
    return {
        "heading": "Certificate of participation",
        "intro": "This is to certify that",
        "name": teacher.display_name or teacher.email,
        "school": f"{school.name}, {school.city}, {school.country.name}",
        "took_part": (
            f"took part in the {ordinal(edition.number)} ClassNet Conference, "
            f"{edition.city}, {date_range(edition.starts_on, edition.ends_on)},"
        ),
        "title": f"“{edition.title}”",
        "days": (
            f"Days attended: {len(attended)} of {total}"
            + (f" ({', '.join(f'{d.day} {d:%B}' for d in attended)})" if attended else "")
        ),
        "signature": "Asia-Europe Foundation (ASEF)",
        "number": f"Certificate no. {certificate_number(application)}",
        "issued": f"Issued {issued.day} {issued:%B %Y}",
    }


def certificate_pdf(application: Application, *, compress: bool = True) -> bytes:
    """The certificate as PDF bytes (compress=False keeps the streams readable in tests)."""
    lines = certificate_lines(application)
    pdf = ClassNetPDF(orientation="landscape", unit="mm", format="A4", texts=lines.values())
    pdf.set_compression(compress)
    pdf.set_title(f"{lines['heading']} – {lines['name']}")
    pdf.set_author("Asia-Europe Foundation (ASEF) · ClassNet")
    pdf.set_subject(lines["took_part"].rstrip(","))
    pdf.set_creator("ClassNet")
    pdf.set_lang("en")
    pdf.set_auto_page_break(False)
    pdf.set_margins(25, 20, 25)
    pdf.add_page()

    width, height = pdf.w, pdf.h
    # A double frame in the network's colours
    pdf.set_draw_color(*NAVY)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, width - 20, height - 20)
    pdf.set_draw_color(*AMBER)
    pdf.set_line_width(0.8)
    pdf.rect(14, 14, width - 28, height - 28)

    full = width - 50

    def line(text: str, size: float, *, bold: bool = False, colour=NAVY, gap: float = 0) -> None:
        pdf.set_font(FONT, "B" if bold else "", size)
        pdf.set_text_color(*colour)
        pdf.multi_cell(full, size * 0.5, text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if gap:
            pdf.ln(gap)

    pdf.set_y(28)
    line("ClassNet · Asia-Europe Foundation", 11, colour=TEAL, gap=8)
    line(lines["heading"], 30, bold=True, gap=10)
    line(lines["intro"], 13, colour=GREY, gap=4)
    line(lines["name"], 26, bold=True, gap=3)
    line(lines["school"], 13, colour=GREY, gap=8)
    line(lines["took_part"], 14)
    line(lines["title"], 14, bold=True, gap=6)
    line(lines["days"], 12, colour=GREY)

    # Signature and number at the foot of the page
    foot = height - 45
    pdf.set_draw_color(*NAVY)
    pdf.set_line_width(0.3)
    pdf.line(width / 2 - 45, foot, width / 2 + 45, foot)
    pdf.set_xy(25, foot + 2)
    line(lines["signature"], 11, bold=True)
    line(lines["issued"], 9, colour=GREY)
    pdf.set_xy(25, height - 24)
    line(lines["number"], 9, colour=GREY)
    return bytes(pdf.output())
