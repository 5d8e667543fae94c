from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationsConfig(AppConfig):
    name = "collaborations"
    verbose_name = _("School collaborations")

    def ready(self) -> None:
        from teachers.dashboard import DashboardPanel, register_panel
        from teachers.privacy import PersonalDataSection, register_section

        from .dashboard import my_collaborations_panel, suggestions_panel
        from .privacy import erase_collaborations, export_collaborations

        register_section(
            PersonalDataSection(
                name="collaborations",
                export=export_collaborations,
                erase=erase_collaborations,
            )
        )

        register_panel(
            DashboardPanel(
                name="collaborations",
                template="collaborations/_dashboard_panel.html",
                context=my_collaborations_panel,
                order=10,
            )
        )
        register_panel(
            DashboardPanel(
                name="suggestions",
                template="collaborations/_suggestions_panel.html",
                context=suggestions_panel,
                order=20,
            )
        )
