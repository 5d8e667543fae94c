"""The edition report: headline figures and tables, as PDF, XLSX and CSV.

Contract used by the report runs: generate_edition_report(edition=..., directory=...,
progress=...) writes its files into `directory` and returns them; `progress(percent)` is called
as it goes (figures 20, tables 50, PDF 70, XLSX 90, CSV 100).

The headline sentence (reports.figures.HEADLINE, word for word):

    "{editions_held} editions organised; the {nth} ClassNet Conference, {dates}, {city}: about
    {participants_rounded} teachers from {participant_countries} ASEM partner countries;
    {entries} school collaborations organised by {entry_schools} schools from {entry_countries}
    countries contested for the ClassNet Awards, engaging {entry_teachers} teachers and
    {entry_students} students; {initiated} collaborations initiated for {next_year}."

Definitions: editions held = editions with status held or archived whose number is at most this
one's (organised up to and including it); participants = applications attended (approved +
attended when nobody was checked in), "about" = rounded to the nearest 10 when 50 or more, their
countries = those of their schools; entries = SUBMITTED entries of the edition's award cycle
(drafts, withdrawn, disqualified left out), their distinct member schools, those schools'
countries, distinct member teachers (Membership.teacher), students = the sum of the entries'
student counts (with no entries the award clause says "no school collaborations contested for
the ClassNet Awards"); initiated = public collaborations initiated at this edition; next year =
the edition's year + 1. Dates: "27-30 November 2018", "30 November - 2 December 2018". Numbers
with thousands separators ("1,110").

Every figure is a database aggregate (GROUP BY) from the apps' selectors: no list of teachers or
collaborations is loaded, so time and memory stay flat as the network grows (README, "Report
generation at scale").
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .figures import add_tables, edition_figures
from .render_csv import render_csv
from .render_pdf import render_pdf
from .render_xlsx import render_xlsx


@dataclass(frozen=True)
class GeneratedFile:
    format: str  # "pdf", "xlsx" or "csv"
    filename: str  # offered to the browser, e.g. "classnet-edition-14-report.pdf"
    path: Path


def generate_edition_report(
    *, edition, directory: Path, progress: Callable[[int], None]
) -> list[GeneratedFile]:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    figures = edition_figures(edition, tables=False)
    progress(20)
    add_tables(figures)
    progress(50)
    stem = f"classnet-edition-{edition.number}-report"
    files = []
    for fmt, render, percent in (
        ("pdf", lambda p: render_pdf(figures, p), 70),
        ("xlsx", lambda p: render_xlsx(figures, p), 90),
        ("csv", lambda p: render_csv(figures, p), 100),
    ):
        path = directory / f"{stem}.{fmt}"
        render(path)
        files.append(GeneratedFile(format=fmt, filename=path.name, path=path))
        progress(percent)
    return files
