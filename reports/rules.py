"""Who may do what with reports and exports, readable in one file.

Report runs and exports are for staff; an export also needs the permission its exporter names
(core.exports.Exporter.permission: staff's by default). The network statistics are public."""

import rules

from core.roles import is_asef_staff


@rules.predicate
def may_use_exporter(user, exporter) -> bool:
    """The exporter's own permission; no exporter (an unknown name: a 404 for staff) passes."""
    return exporter is None or user.has_perm(exporter.permission)


# The runs list, asking for an edition's report, one run (follow, retry) and its files.
rules.add_perm("reports.view_runs", is_asef_staff)
rules.add_perm("reports.request_report", is_asef_staff)
rules.add_perm("reports.view_run", is_asef_staff)
rules.add_perm("reports.download_file", is_asef_staff)
# A staff list as CSV or XLSX (on the exporter).
rules.add_perm("reports.export_list", is_asef_staff & may_use_exporter)
