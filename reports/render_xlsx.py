"""The edition report as XLSX: a "Summary" sheet (the headline sentence, the key figures and the
notes), then one sheet per table with bold headers and set column widths. openpyxl in write-only
mode, so rows stream to the file; text is stored as string cells, never formulas (xlsx_cell)."""

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from core.exports import xlsx_cell, xlsx_row

from .figures import NOTES, EditionFigures

BOLD = Font(bold=True)


def _header(sheet, names) -> list:
    return xlsx_row(sheet, (str(name) for name in names), font=BOLD)


def _widths(sheet, widths) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def sheet_title(name: str) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\."""
    return "".join(c for c in name if c not in "[]:*?/\\")[:31]


def render_xlsx(figures: EditionFigures, path: Path) -> None:
    book = Workbook(write_only=True)
    summary = book.create_sheet("Summary")
    _widths(summary, [45, 100])
    summary.append(_header(summary, ["ClassNet edition report", figures.edition.title]))
    sentence = xlsx_cell(
        summary, figures.sentence(), alignment=Alignment(wrap_text=True, vertical="top")
    )
    summary.append([xlsx_cell(summary, "Headline"), sentence])
    summary.append([])
    summary.append(_header(summary, ["Figure", "Value"]))
    for label, value in figures.key_figures():
        summary.append(xlsx_row(summary, [label, value]))
    summary.append([])
    summary.append(_header(summary, ["Notes"]))
    for note in NOTES:
        summary.append(xlsx_row(summary, [note]))

    for table in figures.tables:
        sheet = book.create_sheet(sheet_title(table.name))
        widths = [
            min(60, max(12, len(str(c)) + 2, *(len(str(r[i])) + 2 for r in table.rows)))
            for i, c in enumerate(table.columns)
        ]
        _widths(sheet, widths)
        sheet.freeze_panes = "A2"
        sheet.append(_header(sheet, table.columns))
        for row in table.rows:
            sheet.append(xlsx_row(sheet, row))
        if not table.rows:
            sheet.append(xlsx_row(sheet, [table.empty]))
    book.save(path)
