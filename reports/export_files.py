"""Exports of staff lists: the CSV and XLSX writers shared by the streamed (small) and the
background (large) exports, and generate_export, which a report run calls.

Contract used by the report runs: generate_export(run=..., directory=..., progress=...) reads
run.parameters {"exporter": name, "format": "csv"|"xlsx", "params": {filter: [values]}} and
writes the file into `directory`, returning it as a GeneratedFile.

Rows are streamed from the exporter's iterator and every cell passes through safe_cell, so a
value typed as "=HYPERLINK(...)" is shown as text, never run as a formula.
"""

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from django.core.exceptions import ValidationError
from django.http import Http404, QueryDict
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.exports import csv_lines, write_csv, write_xlsx  # noqa: F401 - the writers
from core.exports import exporter as find_exporter

from .edition import GeneratedFile
from .errors import ReportRunError as ExportError

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def export_filename(title: str, format: str) -> str:
    """What the file is, e.g. "classnet-conference-17-applications-2026-11-28.csv"."""
    return f"classnet-{slugify(title)}-{timezone.localdate().isoformat()}.{format}"


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
    parameters = run.parameters or {}
    format = parameters.get("format")
    found = find_exporter(parameters.get("exporter", ""))
    if found is None or format not in FORMATS:
        raise ExportError(_("This export no longer exists."))
    user = run.requested_by
    # The permission its page asked (reports/rules.py), asked again: staff may have lost it since.
    if user is None or not user.is_active or not user.has_perm("reports.export_list", found):
        raise ExportError(_("The person who asked for this export may no longer see it."))
    params = params_to_querydict(parameters.get("params"))
    try:
        total = found.count(params, user)
        title, rows = found.rows(params, user)
        columns = found.columns_of(params, user)
    except Http404 as error:
        raise ExportError(_("What this export lists no longer exists.")) from error
    except ValidationError as error:
        raise ExportError(" ".join(error.messages)) from error
    filename = export_filename(title, format)
    path = Path(directory) / filename
    rows = _with_progress(rows, total, progress)
    if format == "csv":
        write_csv(path, columns, rows)
    else:
        write_xlsx(path, title, columns, rows)
    progress(100)
    return GeneratedFile(format=format, filename=filename, path=path)
