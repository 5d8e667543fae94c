from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConferencesConfig(AppConfig):
    name = "conferences"
    verbose_name = _("Conferences")

    def ready(self) -> None:
        from teachers.dashboard import DashboardPanel, register_panel
        from teachers.privacy import PersonalDataSection, register_section

        from .dashboard import conferences_panel
        from .privacy import erase_applications, export_applications

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
        from core.exports import register_exporter

        from .exporters import APPLICATIONS, PARTICIPANTS

        register_exporter(APPLICATIONS)
        register_exporter(PARTICIPANTS)
