"""The edition report as PDF (fpdf2, DejaVu Sans embedded from conferences/fonts/).

Page 1 is what staff send on: title, the headline sentence, the key figures and a bar chart of
participants by country (top 15 and "Others", drawn with rectangles). The tables follow, their
header rows repeated on each new page; the notes define every figure; each page's footer numbers
it and says when it was generated.
"""

import logging
from pathlib import Path

from django.contrib.humanize.templatetags.humanize import ordinal
from django.utils import timezone
from fpdf import FPDF, FontFace
from fpdf.enums import XPos, YPos

from conferences.certificates import AMBER, FONT, FONTS, GREY, NAVY, TEAL

from .figures import NOTES, EditionFigures, number

logging.getLogger("fontTools.subset").setLevel(logging.WARNING)

TOP_COUNTRIES = 15
LIGHT = (232, 240, 244)


def chart_bars(rows: list[dict], top: int = TOP_COUNTRIES) -> list[tuple[str, int]]:
    """(country, teachers) for the `top` countries with most participants, then "Others"."""
    bars = [(row["country"], row["teachers"]) for row in rows[:top]]
    others = sum(row["teachers"] for row in rows[top:])
    if others:
        bars.append((f"Others ({len(rows) - top} countries)", others))
    return bars


class ReportPDF(FPDF):
    generated = ""

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(FONT, "", 8)
        self.set_text_color(*GREY)
        self.cell(0, 5, self.generated, align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="R")


def render_pdf(figures: EditionFigures, path: Path, *, compress: bool = True) -> None:
    """Write the report to `path`."""
    edition = figures.edition
    today = timezone.localdate()
    title = f"The {ordinal(edition.number)} ClassNet Conference: edition report"
    pdf = ReportPDF(orientation="portrait", unit="mm", format="A4")
    pdf.generated = f"Generated from the ClassNet portal on {today.day} {today:%B %Y}"
    pdf.set_compression(compress)
    pdf.set_title(title)
    pdf.set_author("Asia-Europe Foundation (ASEF) · ClassNet")
    pdf.set_creator("ClassNet")
    pdf.set_lang("en")
    pdf.add_font(FONT, "", FONTS / "DejaVuSans.ttf")
    pdf.add_font(FONT, "B", FONTS / "DejaVuSans-Bold.ttf")
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    full = pdf.w - 36

    def text(words: str, size: float, *, bold=False, colour=NAVY, gap: float = 0) -> None:
        pdf.set_font(FONT, "B" if bold else "", size)
        pdf.set_text_color(*colour)
        pdf.multi_cell(full, size * 0.5, words, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if gap:
            pdf.ln(gap)

    text("ClassNet · Asia-Europe Foundation", 9, colour=TEAL, gap=2)
    text(title, 18, bold=True, gap=1)
    text(f"“{edition.title}”", 11, colour=GREY, gap=4)
    pdf.set_fill_color(*AMBER)
    pdf.rect(pdf.l_margin, pdf.get_y(), 1.5, 26, style="F")
    pdf.set_x(pdf.l_margin + 4)
    pdf.set_font(FONT, "", 11)
    pdf.set_text_color(*NAVY)
    pdf.multi_cell(
        full - 4, 5.5, figures.sentence(), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    pdf.ln(5)

    # Key figures: two columns of label / value
    text("Key figures", 12, bold=True, gap=1)
    pdf.set_font(FONT, "", 9)
    for label, value in figures.key_figures():
        pdf.set_text_color(*GREY)
        pdf.cell(full * 0.55, 5, label)
        pdf.set_text_color(*NAVY)
        pdf.set_font(FONT, "B", 9)
        pdf.cell(full * 0.45, 5, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(FONT, "", 9)
    pdf.ln(5)

    # Horizontal bar chart of participants by country
    text("Participants by country", 12, bold=True, gap=1)
    bars = chart_bars(figures.by_country)
    if not bars:
        text("No participants recorded.", 9, colour=GREY)
    else:
        label_w, value_w = 55, 12
        bar_w = full - label_w - value_w
        # Scaled to the countries shown: the "Others" total is written, not drawn, so that
        # it does not flatten the bars of the countries it is compared with.
        highest = max((v for label, v in bars if not label.startswith("Others (")), default=1) or 1
        row_h = min(5.5, (pdf.h - 26 - pdf.get_y()) / len(bars))
        pdf.set_font(FONT, "", 8)
        for label, value in bars:
            y = pdf.get_y()
            pdf.set_text_color(*NAVY)
            pdf.cell(label_w, row_h, label[:40])
            if label.startswith("Others ("):
                pdf.set_text_color(*GREY)
                pdf.cell(
                    bar_w, row_h, f"{number(value)} in all", new_x=XPos.LMARGIN, new_y=YPos.NEXT
                )
                continue
            pdf.set_fill_color(*TEAL)
            pdf.rect(
                pdf.l_margin + label_w, y + row_h * 0.15, bar_w * value / highest, row_h * 0.7, "F"
            )
            pdf.set_x(pdf.l_margin + label_w + bar_w * value / highest + 1.5)
            pdf.cell(value_w, row_h, number(value), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    # The tables
    pdf.add_page()
    headings = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=NAVY)
    for table in figures.tables:
        if pdf.get_y() > pdf.h - 60:
            pdf.add_page()
        text(table.name, 12, bold=True, gap=1)
        if not table.rows:
            text(table.empty, 9, colour=GREY, gap=4)
            continue
        pdf.set_font(FONT, "", 8.5)
        pdf.set_text_color(*NAVY)
        pdf.set_draw_color(*GREY)
        pdf.set_line_width(0.1)
        pdf.set_fill_color(255, 255, 255)  # the table starts from the current colours
        with pdf.table(
            headings_style=headings,
            repeat_headings=1,
            line_height=5,
            text_align="LEFT",
            cell_fill_color=LIGHT,
            cell_fill_mode="ROWS",
            borders_layout="HORIZONTAL_LINES",
            width=full,
        ) as grid:
            grid.row([str(c) for c in table.columns])
            for row in table.rows:
                grid.row([number(v) if isinstance(v, int) else str(v) for v in row])
        pdf.ln(5)

    text("Notes", 12, bold=True, gap=1)
    for note in NOTES:
        text(f"• {note}", 8.5, colour=GREY, gap=1)
    pdf.output(str(path))
