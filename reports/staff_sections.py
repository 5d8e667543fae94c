"""The staff area's sections above teachers (conferences, awards, surveys, reports, gallery) and
the back office, with what waits in each, registered in ReportsConfig.ready().

They are composed here, at the top of the stack, like the network statistics: reports is the one
app that may read every other (DESIGN.md), and teachers lists them without importing any.
Each count is one COUNT query over an indexed status.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from awards.selectors.figures import scorecards_to_submit_count
from conferences.selectors.figures import applications_to_decide_count
from core.outbox.selectors import failed_email_count
from gallery.selectors import items_for_staff
from surveys.selectors.surveys import open_survey_count
from teachers.staff_sections import StaffSection, Waiting, register_section

from .selectors import failed_run_count


def _gallery_items_to_look_at() -> int:
    return items_for_staff().count()


def _failed_emails_url() -> str:
    return reverse("admin:outbox_outgoingemail_changelist") + "?status__exact=failed"


SECTIONS = [
    StaffSection(
        name="conferences",
        title=_("Conferences"),
        description=_(
            "Run each edition: details and programme, applications and the waitlist, "
            "participants, check-in and certificates, and the e-mails teachers receive."
        ),
        url=lambda: reverse("conferences_staff:editions"),
        link_label=_("Open the editions"),
        order=20,
        waiting=[
            Waiting(
                "applications",
                _("applications to decide"),
                applications_to_decide_count,
                lambda: reverse("conferences_staff:editions"),
            )
        ],
    ),
    StaffSection(
        name="awards",
        title=_("Awards"),
        description=_(
            "Set up each edition's award cycle: categories, levels and rubric, the call for "
            "entries, judges and their assignments, results and the winners."
        ),
        url=lambda: reverse("awards_staff:cycles"),
        link_label=_("Open the award cycles"),
        order=30,
        waiting=[
            Waiting(
                "scorecards",
                _("scorecards judges have still to submit"),
                scorecards_to_submit_count,
                lambda: reverse("awards_staff:cycles"),
            )
        ],
    ),
    StaffSection(
        name="surveys",
        title=_("Surveys"),
        description=_(
            "Build research surveys of the network, choose who is asked, e-mail the invitations "
            "and a reminder, then read the results."
        ),
        url=lambda: reverse("surveys_staff:surveys"),
        link_label=_("Open the surveys"),
        order=40,
        waiting=[
            Waiting(
                "surveys",
                _("surveys open"),
                open_survey_count,
                lambda: reverse("surveys_staff:surveys"),
            )
        ],
    ),
    StaffSection(
        name="reports",
        title=_("Reports"),
        description=_(
            "Generate an edition's report as PDF, XLSX and CSV, follow large exports, and "
            "download their files."
        ),
        url=lambda: reverse("reports:runs"),
        link_label=_("Open the reports"),
        order=50,
        waiting=[
            Waiting(
                "reports",
                _("reports that failed, to try again"),
                failed_run_count,
                lambda: reverse("reports:runs"),
            )
        ],
    ),
    StaffSection(
        name="gallery",
        title=_("Gallery"),
        description=_(
            "Look after the photo albums and videos of each edition and collaboration: hidden "
            "items and photos whose processing failed."
        ),
        url=lambda: reverse("gallery:staff_items"),
        link_label=_("Open the gallery's items"),
        order=60,
        waiting=[
            Waiting(
                "gallery",
                _("hidden or failed items"),
                _gallery_items_to_look_at,
                lambda: reverse("gallery:staff_items"),
            )
        ],
    ),
    StaffSection(
        name="back_office",
        title=_("Back office"),
        description=_(
            "For what has no page in the staff area: the outgoing e-mail, accounts and their "
            "roles, countries, languages and subjects, and the full activity record."
        ),
        url=lambda: reverse("admin:index"),
        link_label=_("Open the back office"),
        order=90,
        waiting=[
            Waiting("emails", _("e-mails that failed"), failed_email_count, _failed_emails_url)
        ],
        back_office=True,
    ),
]


def register_sections() -> None:
    for section in SECTIONS:
        register_section(section)
