from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.exports import register_exporter
from teachers.dashboard import DashboardPanel, register_panel


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Network surveys")

    def ready(self) -> None:
        # The export of a survey's anonymised responses (served by the reports app).
        from .exporters import RESPONSES  # noqa: PLC0415  (its models load after apps.py)

        register_exporter(RESPONSES)

        # Answering: the "Surveys for you" panel on My ClassNet.
        from .dashboard import surveys_panel  # noqa: PLC0415  (its models load after apps.py)

        register_panel(
            DashboardPanel(
                name="surveys_to_answer",
                template="surveys/_dashboard_panel.html",
                context=surveys_panel,
                order=25,
            )
        )
