"""The reports' e-mail (a report is ready), registered with core/emails: staff edit its
wording under /staff/emails/."""

from collections.abc import Mapping

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from core.emails.registry import Email, register
from teachers.models import User

from .models import ReportFile, ReportRun


def _values(context: Mapping) -> dict[str, str]:
    user = context["user"]
    return {
        "name": getattr(user, "first_name", "") or str(user),
        "title": context["run"].title,
        "files": "\n".join(
            f"- {file.filename} ({file.get_format_display()}, {filesizeformat(file.size)})"
            for file in context.get("files", ())
        ),
        "url": context.get("url", ""),
        "keep_days": str(context.get("keep_days", "")),
    }


def _sample(options: Mapping[str, str]) -> dict:
    run = ReportRun(title="Edition report: 15th ClassNet Conference, Tokyo 2019")
    return {
        "run": run,
        "user": User(full_name="Mira Staff", email="mira@asef.example"),
        "files": [
            ReportFile(run=run, format="pdf", filename="edition-15.pdf", size=812_000),
            ReportFile(run=run, format="xlsx", filename="edition-15.xlsx", size=96_000),
        ],
        "url": "https://classnet.example/staff/reports/12/",
        "keep_days": 30,
    }


register(
    Email(
        key="reports.ready",
        template="reports_ready",
        label=_("Report ready"),
        when=_("When a report a staff member asked for has been generated."),
        placeholders={
            "name": _("the staff member's name"),
            "title": _("the report's title"),
            "files": _("the files, one a line, with their format and size"),
            "url": _("link to the report's page"),
            "keep_days": _("how many days the files are kept"),
        },
        subject=_("Your report is ready: {title}"),
        body=_(
            "Hello {name},\n\n"
            "The report you requested is ready: {title}\n\n"
            "{files}\n\n"
            "Download the files from its page (staff sign-in needed):\n\n"
            "{url}\n\n"
            "The files are kept {keep_days} days.\n\n"
            "The ClassNet team"
        ),
        values=_values,
        sample=_sample,
        group_label=_("Reports"),
        order=500,
    ),
)
