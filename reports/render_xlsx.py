"""The edition report as XLSX: a "Summary" sheet (the headline sentence, the key figures and the
notes), then one sheet per table with bold headers and set column widths. openpyxl in write-only
mode, so rows stream to the file; text cells go through safe_cell (no formula injection)."""

from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from classnet.exports import safe_cell

from .figures import NOTES, EditionFigures

BOLD = Font(bold=True)


def _header(sheet, names) -> list:
    cells = []
    for name in names:
        cell = WriteOnlyCell(sheet, value=safe_cell(str(name)))
        cell.font = BOLD
        cells.append(cell)
    return cells


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
    sentence = WriteOnlyCell(summary, value=safe_cell(figures.sentence()))
    sentence.alignment = Alignment(wrap_text=True, vertical="top")
    summary.append(["Headline", sentence])
    summary.append([])
    summary.append(_header(summary, ["Figure", "Value"]))
    for label, value in figures.key_figures():
        summary.append([safe_cell(label), safe_cell(value)])
    summary.append([])
    summary.append(_header(summary, ["Notes"]))
    for note in NOTES:
        summary.append([safe_cell(note)])

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
            sheet.append([safe_cell(v) for v in row])
        if not table.rows:
            sheet.append([safe_cell(table.empty)])
    book.save(path)
