from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from .statistics import connect_signals  # noqa: PLC0415  (its models load after apps.py)

        connect_signals()

        # The staff area's sections above teachers, with what waits in each (/staff/).
        from .staff_sections import register_sections  # noqa: PLC0415  (models load after apps.py)

        register_sections()
