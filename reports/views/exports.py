"""Exports of staff lists: /staff/exports/<name>.<csv|xlsx>?<the list's filters>.

Small exports are streamed at once; large ones become a report run made in the background,
whose page the staff member is sent to (they get an e-mail when it is ready)."""

import tempfile

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.exports import exporter as find_exporter
from core.permissions import permission_required

from ..errors import ReportRunError
from ..export_files import (
    FORMATS,
    csv_lines,
    export_filename,
    querydict_to_params,
    write_xlsx,
)
from ..services import run_request_export


def _attachment(response, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"  # personal data: no copies on the way
    return response


def _invalid(request, reasons: list[str]):
    """400: what is wrong with the link, and the way back to the list."""
    back = request.META.get("HTTP_REFERER", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = ""
    return render(
        request, "reports/export_invalid.html", {"reasons": reasons, "back": back}, status=400
    )


def _exporter(request, name: str, format: str):
    """The exporter named, or None when there is none in that format (staff get a 404)."""
    found = find_exporter(name)
    return found if found is not None and format in FORMATS else None


@require_GET
@permission_required("reports.export_list", obj=_exporter)
def export(request, name: str, format: str):
    """The list's rows as the filters show them (every page), as CSV or XLSX."""
    found = request.permission_object
    if found is None:
        raise Http404
    params = request.GET.copy()
    params.pop("page", None)
    try:
        count = found.count(params, request.user)
        title, rows = found.rows(params, request.user)
        columns = found.columns_of(params, request.user)
    except ValidationError as error:
        return _invalid(request, error.messages)
    if count > settings.EXPORT_SYNC_MAX_ROWS:
        try:
            run = run_request_export(
                exporter_name=found.name,
                format=format,
                params=querydict_to_params(params),
                title=title,
                by=request.user,
            )
        except ReportRunError as error:
            return _invalid(request, [str(error)])
        messages.info(
            request, _("A large export is being prepared; you will get an e-mail when it is ready.")
        )
        return redirect(run.get_absolute_url())
    filename = export_filename(title, format)
    if format == "csv":
        response = StreamingHttpResponse(csv_lines(columns, rows), content_type=FORMATS["csv"])
        return _attachment(response, filename)
    file = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes (deletes) it once sent
    write_xlsx(file, title, columns, rows)
    file.seek(0)
    response = FileResponse(file, content_type=FORMATS["xlsx"])
    return _attachment(response, filename)
