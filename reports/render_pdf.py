"""The edition report as PDF (fpdf2 with the Noto fonts of core.pdf: names in every script).

Page 1 is what staff send on: title, the headline sentence, the key figures and bar charts of
participants by region, then by country only where countries differ (country_chart), drawn
with rectangles. The tables follow, their
header rows repeated on each new page; the notes define every figure; each page's footer numbers
it and says when it was generated.
"""

from dataclasses import dataclass
from pathlib import Path

from django.contrib.humanize.templatetags.humanize import ordinal
from django.utils import timezone
from fpdf import FontFace
from fpdf.enums import XPos, YPos

from conferences.certificates import AMBER, GREY, NAVY, TEAL
from core.pdf import FONT, ClassNetPDF
from schools.models import Region

from .figures import NOTES, EditionFigures, number

TOP_COUNTRIES = 15
NAMED_IN_GROUP = 8  # a group of countries with the same count is named up to this size
LIGHT = (232, 240, 244)


def _teachers(n: int) -> str:
    return f"{number(n)} teacher" if n == 1 else f"{number(n)} teachers"


@dataclass(frozen=True)
class ChartRow:
    label: str  # "Finland", or "6 countries" for countries with the same count
    teachers: int  # teachers per country: the bar's length
    value: str  # "12", or "3 teachers each"
    names: str = ""  # the countries of a group, when there are few


@dataclass(frozen=True)
class CountryChart:
    """What the chart says: a bar per region, then the countries by how many teachers each
    sent (see country_chart), and a line for what is not drawn."""

    regions: list[tuple[str, int]]  # ("Asia (21 countries)", teachers), most first
    countries: list[ChartRow]
    rest: str  # "2 teachers from each of 46 countries", "Others (5 countries): …", or ""


def country_chart(rows: list[dict], top: int = TOP_COUNTRIES) -> CountryChart:
    """rows: [{country, region, teachers}], most first. Identical bars say nothing, so the
    countries that sent the same number of teachers share one bar ("6 countries", "3 teachers each",
    named when they are few); a country alone with its count gets its own bar. When every
    country sent the same number, one line says so ("2 teachers from each of 46 countries").
    At most `top` bars; the rest are "Others (N countries): M teachers in all"."""
    names = dict(Region.choices)
    regions: dict[str, list[int]] = {}
    for row in rows:
        regions.setdefault(row.get("region") or "", []).append(row["teachers"])
    region_bars = sorted(
        (
            (f"{names.get(region, region) or 'No region'} ({_countries(len(counts))})", sum(counts))
            for region, counts in regions.items()
        ),
        key=lambda bar: -bar[1],
    )
    groups: dict[int, list[str]] = {}
    for row in sorted(rows, key=lambda row: -row["teachers"]):
        groups.setdefault(row["teachers"], []).append(row["country"])
    if len(groups) == 1 and len(rows) > 1:
        [(teachers, countries)] = groups.items()
        return CountryChart(
            region_bars, [], f"{_teachers(teachers)} from each of {_countries(len(countries))}"
        )
    bars = []
    for teachers, countries in list(groups.items())[:top]:
        if len(countries) == 1:
            bars.append(ChartRow(countries[0], teachers, number(teachers)))
        else:
            named = ", ".join(countries) if len(countries) <= NAMED_IN_GROUP else ""
            bars.append(
                ChartRow(_countries(len(countries)), teachers, f"{_teachers(teachers)} each", named)
            )
    left = [(t, c) for t, countries in list(groups.items())[top:] for c in countries]
    rest = (
        f"Others ({_countries(len(left))}): {_teachers(sum(t for t, _c in left))} in all"
        if left
        else ""
    )
    return CountryChart(region_bars, bars, rest)


def _countries(n: int) -> str:
    return f"{number(n)} country" if n == 1 else f"{number(n)} countries"


class ReportPDF(ClassNetPDF):
    generated = ""

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(FONT, "", 8)
        self.set_text_color(*GREY)
        self.cell(0, 5, self.generated, align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="R")


def _texts(figures: EditionFigures):
    """What the report prints that people wrote (names, titles), for ClassNetPDF to load the
    fonts their scripts need."""
    edition = figures.edition
    yield from (edition.title, edition.theme, edition.city, str(edition.country or ""))
    yield from (str(row["country"]) for row in figures.by_country)
    for table in figures.tables:
        yield from (str(cell) for row in table.rows for cell in row)


def render_pdf(figures: EditionFigures, path: Path, *, compress: bool = True) -> None:
    """Write the report to `path`."""
    edition = figures.edition
    today = timezone.localdate()
    title = f"The {ordinal(edition.number)} ClassNet Conference: edition report"
    pdf = ReportPDF(orientation="portrait", unit="mm", format="A4", texts=_texts(figures))
    pdf.generated = f"Generated from the ClassNet portal on {today.day} {today:%B %Y}"
    pdf.set_compression(compress)
    pdf.set_title(title)
    pdf.set_author("Asia-Europe Foundation (ASEF) · ClassNet")
    pdf.set_creator("ClassNet")
    pdf.set_lang("en")
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
    top = pdf.get_y()
    pdf.set_x(pdf.l_margin + 4)
    pdf.set_font(FONT, "", 11)
    pdf.set_text_color(*NAVY)
    pdf.multi_cell(
        full - 4, 5.5, figures.sentence(), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    # The amber rule as tall as the sentence, however many lines it takes
    pdf.set_fill_color(*AMBER)
    pdf.rect(pdf.l_margin, top, 1.5, pdf.get_y() - top, style="F")
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

    # Horizontal bar charts: participants by region, then countries by how many they sent
    text("Participants by region and country", 12, bold=True, gap=1)
    chart = country_chart(figures.by_country)
    if not chart.regions:
        text("No participants recorded.", 9, colour=GREY)
    else:
        label_w, value_w = 55, 24
        bar_w = full - label_w - value_w
        lines = (
            len(chart.regions)
            + sum(2 if row.names else 1 for row in chart.countries)
            + (1 if chart.countries else 0)
            + (1 if chart.rest else 0)
        )
        row_h = min(5.5, (pdf.h - 26 - pdf.get_y()) / lines)

        def bar(label: str, length: float, value: str, colour) -> None:
            y = pdf.get_y()
            pdf.set_font(FONT, "", 8)
            pdf.set_text_color(*NAVY)
            pdf.cell(label_w, row_h, label[:40])
            pdf.set_fill_color(*colour)
            pdf.rect(pdf.l_margin + label_w, y + row_h * 0.15, length, row_h * 0.7, "F")
            pdf.set_x(pdf.l_margin + label_w + length + 1.5)
            pdf.cell(value_w, row_h, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

        # Each chart scaled to its own largest bar, so that the regions' totals do not
        # flatten the countries' bars.
        highest = max(teachers for _label, teachers in chart.regions) or 1
        for label, teachers in chart.regions:
            bar(label, bar_w * teachers / highest, number(teachers), NAVY)
        if chart.countries:
            pdf.ln(row_h * 0.5)
            highest = max(row.teachers for row in chart.countries) or 1
            for row in chart.countries:
                bar(row.label, bar_w * row.teachers / highest, row.value, TEAL)
                if row.names:
                    pdf.set_x(pdf.l_margin + label_w)
                    pdf.set_font(FONT, "", 7)
                    pdf.set_text_color(*GREY)
                    pdf.cell(
                        bar_w + value_w, row_h, row.names[:140], new_x=XPos.LMARGIN, new_y=YPos.NEXT
                    )
        if chart.rest:
            pdf.set_font(FONT, "", 8)
            pdf.set_text_color(*GREY)
            pdf.cell(full, row_h, chart.rest, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

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
