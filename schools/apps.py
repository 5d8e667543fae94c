from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.exports import register_exporter


class SchoolsConfig(AppConfig):
    name = "schools"
    verbose_name = _("Schools and countries")

    def ready(self) -> None:
        # Export of the staff's school queue (served by the reports app).
        from .exporters import SCHOOL_QUEUE  # noqa: PLC0415  (reads models: ready() only)

        register_exporter(SCHOOL_QUEUE)
