from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchoolsConfig(AppConfig):
    name = "schools"
    verbose_name = _("Schools and countries")

    def ready(self) -> None:
        # Export of the staff's school queue (served by the reports app).
        from core.exports import register_exporter

        from .exporters import SCHOOL_QUEUE

        register_exporter(SCHOOL_QUEUE)
