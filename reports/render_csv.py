"""The edition report as ONE CSV file holding every table, as sections.

Chosen over "the main table only" so that the CSV says everything the PDF and XLSX say and
opens in any spreadsheet or script: the first column is always the section ("Summary",
"Participants by country", …); each section starts with a header row (the section's name, then
its column names) and ends with a blank line. Cells go through safe_cell (no formula injection).
"""

import csv
from pathlib import Path

from core.exports import safe_cell

from .figures import EditionFigures


def render_csv(figures: EditionFigures, path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Summary", "Figure", "Value"])
        writer.writerow(["Summary", "Edition", safe_cell(figures.edition.title)])
        writer.writerow(["Summary", "Headline", safe_cell(figures.sentence())])
        for label, value in figures.key_figures():
            writer.writerow(["Summary", safe_cell(label), safe_cell(value)])
        writer.writerow([])
        for table in figures.tables:
            writer.writerow([table.name, *(safe_cell(c) for c in table.columns)])
            for row in table.rows:
                writer.writerow([table.name, *(safe_cell(v) for v in row)])
            if not table.rows:
                writer.writerow([table.name, safe_cell(table.empty)])
            writer.writerow([])
