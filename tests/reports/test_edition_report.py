"""The edition report's files: the PDF (sentence on page 1, chart, tables, footer), the XLSX
(Summary and one sheet per table) and the CSV (every table as a section), with progress."""

import csv

import pytest
from openpyxl import load_workbook

from reports.edition import generate_edition_report
from reports.figures import Table, about, edition_figures
from reports.render_pdf import ChartRow, country_chart, render_pdf
from tests.factories import (
    CountryFactory,
    EditionFactory,
    SchoolFactory,
    TeacherProfileFactory,
)
from tests.pdf_text import pdf_text
from tests.reports.test_figures import REFERENCE, _apply, seed_fourteenth

pytestmark = pytest.mark.django_db


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def report(tmp_path):
    seeded = seed_fourteenth()
    steps = []
    files = generate_edition_report(
        edition=seeded["edition"], directory=tmp_path, progress=steps.append
    )
    return {"files": {f.format: f for f in files}, "steps": steps, **seeded}


def test_pdf_xlsx_and_csv_say_the_same_figures(report):
    files = report["files"]
    assert report["steps"] == [20, 50, 70, 90, 100]
    assert {name: f.filename for name, f in files.items()} == {
        "pdf": "classnet-edition-14-report.pdf",
        "xlsx": "classnet-edition-14-report.xlsx",
        "csv": "classnet-edition-14-report.csv",
    }

    # PDF: the sentence on page 1 (before its footer), the chart's top 15 and "Others"
    pdf = files["pdf"].path.read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert pdf.count(b"/Type /Page\n") >= 2
    text = flat(pdf_text(pdf))
    first_page, rest = text.split("Page 1 of", 1)
    assert REFERENCE in first_page
    assert "Key figures" in first_page
    assert "Returning participants 10 (10%)" in first_page
    # 46 countries: a bar per region, then one bar for the 6 with 3 teachers, one for the 40
    # with 2 (no 46 identical bars)
    assert "Participants by region and country" in first_page
    assert "6 countries 3 teachers each" in first_page
    assert "40 countries 2 teachers each" in first_page
    assert "Generated from the ClassNet portal on" in first_page
    assert "Participants by school kind" in rest
    assert "Secondary school" in rest
    assert "Award results" in rest
    assert "Best collaboration" in rest
    assert "rounds to the nearest 10 from 50 upwards" in rest  # the notes define the figures

    # XLSX: a Summary and one sheet per table, bold headers
    book = load_workbook(files["xlsx"].path)
    assert book.sheetnames == [
        "Summary",
        "Participants by country",
        "Participants by region",
        "Participants by school kind",
        "Returning participants",
        "Workshop sign-ups",
        "Check-ins per day",
        "Award results",
    ]
    summary = list(book["Summary"].iter_rows(values_only=True))
    assert summary[1] == ("Headline", REFERENCE)
    assert ("Participants (teachers)", "98") in summary
    countries = book["Participants by country"]
    assert [c.value for c in countries[1]] == ["Country", "Region", "Teachers"]
    assert countries["A1"].font.bold
    assert sum(row[2] for row in countries.iter_rows(min_row=2, values_only=True)) == 98
    assert list(book["Check-ins per day"].iter_rows(values_only=True)) == [
        ("Day", "Check-ins"),
        ("27 November 2018", 5),
        ("28 November 2018", 2),
    ]

    # CSV: every table as a section, its name first
    with files["csv"].path.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["Summary", "Figure", "Value"]
    assert rows[2] == ["Summary", "Headline", REFERENCE]
    assert ["Participants by region", "Region", "Countries", "Teachers"] in rows
    assert ["Returning participants", "98", "10", "10%"] in rows
    assert (
        sum(int(r[3]) for r in rows if r[:1] == ["Participants by country"] and r[3].isdigit())
        == 98
    )


def test_formulas_in_names_are_neutralised(tmp_path):
    edition = EditionFactory(number=5)
    school = SchoolFactory(name='=HYPERLINK("http://evil")')
    _apply(edition, TeacherProfileFactory(school=school), "attended")
    edition.title = "@SUM(A1)"
    files = {
        f.format: f
        for f in generate_edition_report(
            edition=edition, directory=tmp_path, progress=lambda p: None
        )
    }
    book = load_workbook(files["xlsx"].path)
    # XLSX: the text exactly as typed, in a string cell (never a formula, no apostrophe shown)
    assert (book["Summary"]["B1"].value, book["Summary"]["B1"].data_type) == ("@SUM(A1)", "s")
    with files["csv"].path.open(encoding="utf-8-sig") as handle:
        assert ["Summary", "Edition", "'@SUM(A1)"] in list(csv.reader(handle))
    assert all(cell.data_type != "f" for ws in book.worksheets for row in ws for cell in row)


def test_xlsx_stores_text_that_looks_like_a_formula_as_a_string(tmp_path):
    edition = EditionFactory(number=5)
    edition.title = "+66 2 123 4567"
    school = SchoolFactory(name='=HYPERLINK("http://evil")')
    _apply(edition, TeacherProfileFactory(school=school), "attended")
    files = {
        f.format: f
        for f in generate_edition_report(
            edition=edition, directory=tmp_path, progress=lambda p: None
        )
    }

    cell = load_workbook(files["xlsx"].path)["Summary"]["B1"]

    assert (cell.value, cell.data_type) == ("+66 2 123 4567", "s")


def test_an_empty_edition_still_makes_a_report(tmp_path):
    edition = EditionFactory(number=7, status="published")
    files = generate_edition_report(edition=edition, directory=tmp_path, progress=lambda p: None)

    text = flat(pdf_text(files[0].path.read_bytes()))
    assert "No participants recorded." in text
    assert "There was no ClassNet Awards cycle at this edition." in text
    assert "no school collaborations contested for the ClassNet Awards" in text
    book = load_workbook(files[1].path)
    assert list(book["Award results"].iter_rows(values_only=True))[1][0] == (
        "There was no ClassNet Awards cycle at this edition."
    )


def _rows(counts: list[int]) -> list[dict]:
    regions = ["asia", "europe"]
    return [
        {"country": f"Country {i}", "region": regions[i % 2], "teachers": n}
        for i, n in enumerate(counts)
    ]


def test_the_chart_shows_the_top_fifteen_then_others_when_every_country_differs():
    rows = _rows([40 - i for i in range(20)])

    chart = country_chart(rows)

    assert chart.regions == [
        ("Asia (10 countries)", sum(40 - i for i in range(0, 20, 2))),
        ("Europe (10 countries)", sum(40 - i for i in range(1, 20, 2))),
    ]
    assert len(chart.countries) == 15
    assert chart.countries[0] == ChartRow("Country 0", 40, "40")
    assert (
        chart.rest == f"Others (5 countries): {sum(40 - i for i in range(15, 20))} teachers in all"
    )
    short = country_chart(rows[:3])
    assert [(row.label, row.teachers) for row in short.countries] == [
        ("Country 0", 40),
        ("Country 1", 39),
        ("Country 2", 38),
    ]
    assert short.rest == ""
    assert (country_chart([]).regions, country_chart([]).countries) == ([], [])
    assert about(98) == 100
    assert edition_figures


def test_the_chart_says_in_one_line_what_identical_bars_would():
    chart = country_chart(_rows([2] * 46))

    assert chart.regions == [("Asia (23 countries)", 46), ("Europe (23 countries)", 46)]
    assert chart.countries == []
    assert chart.rest == "2 teachers from each of 46 countries"


def test_the_chart_draws_one_bar_per_count_naming_small_groups():
    chart = country_chart(_rows([5, 3, 3, *[2] * 40, 1]))

    assert chart.countries == [
        ChartRow("Country 0", 5, "5"),
        ChartRow("2 countries", 3, "3 teachers each", "Country 1, Country 2"),
        ChartRow("40 countries", 2, "2 teachers each"),
        ChartRow("Country 43", 1, "1"),
    ]
    assert chart.rest == ""


def test_the_pdf_chart_of_identical_countries_is_one_line(tmp_path):
    edition = EditionFactory(number=8)
    for code in ("FI", "JP", "DE"):
        for _ in range(2):
            country = CountryFactory(code=code)
            _apply(
                edition, TeacherProfileFactory(school=SchoolFactory(country=country)), "attended"
            )
    path = tmp_path / "alike.pdf"

    render_pdf(edition_figures(edition), path)

    first_page = flat(pdf_text(path.read_bytes())).split("Page 1 of", 1)[0]
    assert "Europe (2 countries) 4" in first_page
    assert "Asia (1 country) 2" in first_page
    assert "2 teachers from each of 3 countries" in first_page
    assert "Finland" not in first_page


def test_long_tables_repeat_their_header_row_on_each_page(tmp_path):
    figures = edition_figures(EditionFactory(number=9), tables=False)
    figures.tables = [
        Table(
            "Workshop sign-ups",
            ["Session", "Kind", "Starts", "Sign-ups"],
            rows=[[f"Workshop {n}", "Workshop", "28 Nov 2018 09:00", n] for n in range(150)],
        )
    ]
    path = tmp_path / "long.pdf"
    render_pdf(figures, path)

    text = pdf_text(path.read_bytes())
    pages = text.count("Page ")
    assert pages >= 4
    assert flat(text).count("Session Kind Starts Sign-ups") == pages - 1  # every table page
    assert "Workshop 149" in text
