"""Photo albums and video links, per edition or per collaboration.

Photos are re-encoded without EXIF/GPS at upload (core.images); their thumbnails in
several sizes are made by a Celery task (status pending → ready). Videos are links to their
host with a thumbnail we store: no third-party request until the visitor clicks to load the
player. Staff can hide any item at once.

An item's files are public (cacheable, under MEDIA_URL) only while everyone may see it: shown
(not hidden, ready) in an album of a published edition or of a collaboration that is not a
draft. Otherwise they are private (core.files) and served by gallery:item_file after the
gallery.view_item rule; gallery.services moves them when that changes.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core.files import MediaStorage, is_private_name, private_name

# The stored files of an item: the photo and its thumbnails, or a video's thumbnail.
FILE_FIELDS = ("image", "thumb_small", "thumb_medium", "thumb_large", "video_thumbnail")


def media_path(instance, filename: str) -> str:
    name = f"gallery/{secrets.token_hex(16)}/{filename}"
    return name if instance.files_are_public else private_name(name)


class Album(models.Model):
    edition = models.ForeignKey(
        "conferences.Edition",
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="albums",
    )
    collaboration = models.ForeignKey(
        "collaborations.Collaboration",
        verbose_name=_("collaboration"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="albums",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=3000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("album")
        verbose_name_plural = _("albums")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(edition__isnull=False) & models.Q(collaboration__isnull=True))
                | (models.Q(edition__isnull=True) & models.Q(collaboration__isnull=False)),
                name="album_edition_xor_collaboration",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("gallery:album", args=[self.pk])

    @property
    def is_public(self) -> bool:
        """The album of a published edition, or of a collaboration that is not a draft."""
        if self.edition_id:
            return self.edition.status != "draft"
        return self.collaboration.status != "draft"


class MediaItem(models.Model):
    class Kind(models.TextChoices):
        PHOTO = "photo", _("Photo")
        VIDEO = "video", _("Video")

    class Licence(models.TextChoices):
        CC_BY = "cc-by", _("CC BY 4.0")
        CC_BY_SA = "cc-by-sa", _("CC BY-SA 4.0")
        CC_BY_NC = "cc-by-nc", _("CC BY-NC 4.0")
        ALL_RIGHTS = "all-rights", _("All rights reserved")

    class Processing(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    album = models.ForeignKey(
        Album, verbose_name=_("album"), on_delete=models.CASCADE, related_name="items"
    )
    kind = models.CharField(_("kind"), max_length=5, choices=Kind.choices)
    caption = models.CharField(_("caption"), max_length=300)
    credit = models.CharField(_("credit"), max_length=200)
    licence = models.CharField(_("licence"), max_length=12, choices=Licence.choices)
    consent_confirmed = models.BooleanField(
        _("the people shown have consented"),
        default=False,
        help_text=_("For pupils, their parents or guardians; required to publish."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    # Photos: the re-encoded image and its thumbnails (made by the task).
    image = models.ImageField(_("photo"), upload_to=media_path, storage=MediaStorage(), blank=True)
    thumb_small = models.ImageField(
        upload_to=media_path, storage=MediaStorage(), blank=True, editable=False
    )
    thumb_medium = models.ImageField(
        upload_to=media_path, storage=MediaStorage(), blank=True, editable=False
    )
    thumb_large = models.ImageField(
        upload_to=media_path, storage=MediaStorage(), blank=True, editable=False
    )
    processing = models.CharField(
        _("processing"), max_length=8, choices=Processing.choices, default=Processing.PENDING
    )
    # Videos: the link to the host and a thumbnail we store.
    video_url = models.URLField(_("video link"), max_length=500, blank=True)
    video_thumbnail = models.ImageField(upload_to=media_path, storage=MediaStorage(), blank=True)
    hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.CharField(_("why hidden"), max_length=300, blank=True)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("media item")
        verbose_name_plural = _("media items")
        indexes = [models.Index(fields=["album", "hidden", "position"], name="media_album_shown")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(consent_confirmed=True), name="media_consent_confirmed"
            ),
            models.CheckConstraint(
                condition=(models.Q(kind="photo") & ~models.Q(image=""))
                | (models.Q(kind="video") & ~models.Q(video_url="")),
                name="media_photo_has_image_video_has_link",
            ),
        ]

    def __str__(self) -> str:
        return self.caption

    @property
    def is_shown(self) -> bool:
        """Shown to everyone who may see its album: not hidden, and ready (videos always are)."""
        return not self.hidden and (
            self.kind == self.Kind.VIDEO or self.processing == self.Processing.READY
        )

    @property
    def files_are_public(self) -> bool:
        return self.is_shown and self.album.is_public

    def file_url(self, field: str) -> str:
        """The address of one of the item's files: its public URL, or the permission-checked
        view's when it is private."""
        fieldfile = getattr(self, field)
        if not fieldfile:
            return ""
        if is_private_name(fieldfile.name):
            return reverse("gallery:item_file", args=[self.pk, field])
        return fieldfile.url

    @cached_property
    def urls(self) -> dict[str, str]:
        """For the templates: {field: address} of every file of the item."""
        return {field: self.file_url(field) for field in FILE_FIELDS}
