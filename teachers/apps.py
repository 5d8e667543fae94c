from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from core.exports import register_exporter
from core.roles import staff_permissions_sync


class TeachersConfig(AppConfig):
    name = "teachers"
    verbose_name = _("Teachers and accounts")

    def ready(self) -> None:
        # After migrate has created the permissions of every app (ours and later ones).
        post_migrate.connect(staff_permissions_sync, dispatch_uid="teachers.staff_permissions")
        # Staff, judges and superusers need a second factor (core/mfa.py).
        from core.mfa import connect_signals  # noqa: PLC0415  (imports allauth's models)

        connect_signals()

        # Export of the staff's teacher queue (served by the reports app).
        from .exporters import TEACHER_QUEUE  # noqa: PLC0415  (reads models: ready() only)

        register_exporter(TEACHER_QUEUE)
