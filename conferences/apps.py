from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _

from core.exports import register_exporter
from core.pdf import check_pdf_fonts
from teachers.dashboard import DashboardPanel, register_panel
from teachers.privacy import PersonalDataSection, register_section


class ConferencesConfig(AppConfig):
    name = "conferences"
    verbose_name = _("Conferences")

    def ready(self) -> None:
        # These import the app's models, which load only once the registry is ready.
        from .dashboard import conferences_panel  # noqa: PLC0415  (models not loaded before ready)
        from .exporters import APPLICATIONS, PARTICIPANTS  # noqa: PLC0415  (models not loaded)
        from .privacy import erase_applications, export_applications  # noqa: PLC0415  (models)

        register_section(
            PersonalDataSection(
                name="conference_applications",
                export=export_applications,
                erase=erase_applications,
            )
        )
        register_panel(
            DashboardPanel(
                name="conferences",
                template="conferences/_dashboard_panel.html",
                context=conferences_panel,
                order=30,
            )
        )

        # Exports of the staff's lists (served by the reports app).
        register_exporter(APPLICATIONS)
        register_exporter(PARTICIPANTS)
        # Certificates (and the reports' PDFs) need the Noto fonts.
        checks.register(check_pdf_fonts)
