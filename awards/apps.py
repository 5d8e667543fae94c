from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("ClassNet Awards")

    def ready(self) -> None:
        # Scoring: the judge's panel on My ClassNet.
        from teachers.dashboard import DashboardPanel, register_panel  # noqa: PLC0415  (registered once the app registry is ready)

        from .dashboard_judges import judging_panel  # noqa: PLC0415  (it reads models: after the registry)

        register_panel(
            DashboardPanel(
                name="awards_judging",
                template="awards/_judge_panel.html",
                context=judging_panel,
                order=15,
            )
        )

        # Entries: the lead teacher's "ClassNet Awards" panel on My ClassNet.
        from .dashboard import awards_panel  # noqa: PLC0415  (it reads models: after the registry)

        register_panel(
            DashboardPanel(
                name="awards_entries",
                template="awards/_dashboard_panel.html",
                context=awards_panel,
                order=35,
            )
        )

        # Exports of the staff's entries and scores (served by the reports app).
        from core.exports import register_exporter  # noqa: PLC0415  (registered once the app registry is ready)

        from .exporters import ENTRIES, SCORES  # noqa: PLC0415  (it reads models: after the registry)

        register_exporter(ENTRIES)
        register_exporter(SCORES)
