from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GalleryConfig(AppConfig):
    name = "gallery"
    verbose_name = _("Media gallery")

    def ready(self) -> None:
        # Inline: ready() runs once the app registry is loaded; these modules import models.
        from collaborations.signals import collaboration_status_changed  # noqa: PLC0415  (apps loaded)
        from conferences.signals import edition_status_changed  # noqa: PLC0415  (apps loaded)

        from .receivers import (  # noqa: PLC0415  (apps loaded)
            on_collaboration_status_changed,
            on_edition_status_changed,
        )

        collaboration_status_changed.connect(
            on_collaboration_status_changed, dispatch_uid="gallery.collaboration_status"
        )
        edition_status_changed.connect(on_edition_status_changed, dispatch_uid="gallery.edition")
