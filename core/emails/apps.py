from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class EmailsConfig(AppConfig):
    name = "core.emails"
    label = "emails"
    verbose_name = _("E-mail texts")

    def ready(self) -> None:
        # Each app's `emails.py` registers its e-mails (as django.contrib.admin finds admin.py).
        autodiscover_modules("emails")
