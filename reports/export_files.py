"""Exports of staff lists: the CSV and XLSX writers shared by the streamed (small) and the
background (large) exports, and generate_export, which a report run calls.

Contract used by the report runs: generate_export(run=..., directory=..., progress=...) reads
run.parameters {"exporter": name, "format": "csv"|"xlsx", "params": {filter: [values]}} and
writes the file into `directory`, returning it as a GeneratedFile.

Rows are streamed from the exporter's iterator and every cell passes through safe_cell, so a
value typed as "=HYPERLINK(...)" is shown as text, never run as a formula.
"""

import csv
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from django.core.exceptions import ValidationError
from django.http import Http404, QueryDict
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from classnet.exports import exporter as find_exporter
from classnet.exports import safe_cell

from .edition import GeneratedFile

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
BOM = "\ufeff"  # so that Excel reads the accents right
COLUMN_WIDTH_MAX = 50


def _text(value) -> object:
    """A cell: None as empty, numbers as numbers, everything else as (neutralised) text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (int, float)):
        return value
    return safe_cell(str(value))


def export_filename(title: str, format: str) -> str:
    """What the file is, e.g. "classnet-conference-17-applications-2026-11-28.csv"."""
    return f"classnet-{slugify(title)}-{timezone.localdate().isoformat()}.{format}"


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(columns: Sequence[str], rows: Iterable[Sequence]) -> Iterator[str]:
    """The CSV, line by line, starting with the byte-order mark and the header."""
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow([_text(c) for c in columns])
    for row in rows:
        yield writer.writerow([_text(value) for value in row])


def write_csv(path, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as file:
        for line in csv_lines(columns, rows):
            file.write(line)


def write_xlsx(target, title: str, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    """One sheet (write-only, so memory stays flat): a bold, frozen header row, then the rows.
    target is a path or a binary file object."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=(slugify(title) or "export")[:31])
    for index, column in enumerate(columns, start=1):
        width = min(max(len(str(column)) + 4, 14), COLUMN_WIDTH_MAX)
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=_text(column))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([_text(value) for value in row])
    workbook.save(target)


def params_to_querydict(params: dict) -> QueryDict:
    """The filters saved on a run ({name: [values]} or {name: value}) as a request's GET."""
    query = QueryDict(mutable=True)
    for key, values in (params or {}).items():
        query.setlist(key, list(values) if isinstance(values, (list, tuple)) else [values])
    return query


def querydict_to_params(query: QueryDict) -> dict[str, list[str]]:
    return {key: query.getlist(key) for key in query}


def _with_progress(rows: Iterable[Sequence], total: int, progress: Callable[[int], None]):
    step = max(total // 20, 1)  # about every 5%
    for done, row in enumerate(rows, start=1):
        yield row
        if done % step == 0 and total:
            progress(min(99, done * 100 // total))


def generate_export(*, run, directory: Path, progress: Callable[[int], None]) -> GeneratedFile:
    """Write the export a run asks for, as its requester would see it now."""
    from .runs import ReportRunError as ExportError  # runs imports this module

    parameters = run.parameters or {}
    format = parameters.get("format")
    found = find_exporter(parameters.get("exporter", ""))
    if found is None or format not in FORMATS:
        raise ExportError(_("This export no longer exists."))
    user = run.requested_by
    if user is None or not user.is_active or not user.has_perm(found.permission):
        raise ExportError(_("The person who asked for this export may no longer see it."))
    params = params_to_querydict(parameters.get("params"))
    try:
        total = found.count(params, user)
        title, rows = found.rows(params, user)
    except Http404 as error:
        raise ExportError(_("What this export lists no longer exists.")) from error
    except ValidationError as error:
        raise ExportError(" ".join(error.messages)) from error
    filename = export_filename(title, format)
    path = Path(directory) / filename
    rows = _with_progress(rows, total, progress)
    if format == "csv":
        write_csv(path, found.columns, rows)
    else:
        write_xlsx(path, title, found.columns, rows)
    progress(100)
    return GeneratedFile(format=format, filename=filename, path=path)
