from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from .statistics import connect_signals

        connect_signals()

        # The staff area's sections above teachers, with what waits in each (/staff/).
        from .staff_sections import register_sections

        register_sections()
