from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationsConfig(AppConfig):
    name = "collaborations"
    verbose_name = _("School collaborations")

    def ready(self) -> None:
        # Inline: ready() runs once the app registry is loaded; these modules import models.
        from teachers.dashboard import DashboardPanel, register_panel  # noqa: PLC0415  (apps loaded)
        from teachers.privacy import PersonalDataSection, register_section  # noqa: PLC0415  (apps loaded)

        from .dashboard import my_collaborations_panel, suggestions_panel  # noqa: PLC0415  (apps loaded)
        from .privacy import erase_collaborations, export_collaborations  # noqa: PLC0415  (apps loaded)

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
