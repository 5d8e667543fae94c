"""Writes for the gallery: albums, photos, video links, and staff's hiding of an item.

Photos are re-encoded at upload (core.images: EXIF and GPS are gone before anything is
stored); their thumbnails are made afterwards by the gallery.make_thumbnails task, which
calls photo_thumbnails_make.
"""

import logging
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from collaborations.models import Collaboration
from conferences.models import Edition
from core.audit.services import audit_record
from core.files import file_set_private
from core.images import process_image
from core.tasks import enqueue
from teachers.models import User

from .errors import GalleryError
from .models import FILE_FIELDS, Album, MediaItem
from .thumbnails import SIZES, thumbnails_of
from .video import parse_video_url

__all__ = [
    "album_create",
    "album_files_sync",
    "item_delete",
    "item_files_sync",
    "item_hide",
    "item_unhide",
    "photo_add",
    "photo_mark_failed",
    "photo_thumbnails_make",
    "video_add",
]

logger = logging.getLogger(__name__)

CONSENT_MISSING = (
    "Tick the box to confirm that the people shown, and for pupils their parents or "
    "guardians, have agreed to publication. Without it we cannot publish the item."
)


def _check_item_fields(
    *, album: Album, by: User, caption: str, credit: str, licence: str, consent: bool
) -> None:
    if not by.has_perm("gallery.add_to_album", album):
        raise GalleryError(_("Only staff and the collaboration's teachers can add to this album."))
    if not consent:
        raise GalleryError(_(CONSENT_MISSING))
    if not caption.strip() or not credit.strip():
        raise GalleryError(_("Give a caption and say who took the photo or made the video."))
    if licence not in MediaItem.Licence.values:
        raise GalleryError(_("Choose a licence from the list."))


@transaction.atomic
def album_create(
    *,
    by: User,
    title: str,
    description: str = "",
    edition: Edition | None = None,
    collaboration: Collaboration | None = None,
) -> Album:
    """Staff make albums for editions; a collaboration's members (or staff) for it."""
    if (edition is None) == (collaboration is None):
        raise GalleryError(_("Choose either an edition or a collaboration for the album."))
    if edition is not None and not by.has_perm("teachers.access_staff_area"):
        raise GalleryError(_("Only staff make albums for a conference edition."))
    if collaboration is not None and not by.has_perm(
        "gallery.create_collaboration_album", collaboration
    ):
        raise GalleryError(_("Only the collaboration's teachers and staff can make its albums."))
    if not title.strip():
        raise GalleryError(_("Give the album a title."))
    album = Album.objects.create(
        edition=edition,
        collaboration=collaboration,
        title=title.strip(),
        description=description.strip(),
        created_by=by,
    )
    audit_record(actor=by, action="gallery.album_created", target=album)
    return album


def _next_position(album: Album) -> int:
    last = album.items.order_by("-position").values_list("position", flat=True).first()
    return (last or 0) + 1


def photo_add(
    *,
    album: Album,
    by: User,
    upload,
    caption: str,
    credit: str,
    licence: str,
    consent: bool,
) -> MediaItem:
    """Validate and re-encode the photo now (nothing of its metadata is stored), then let the
    task make its thumbnails; until then only the uploader and staff see it."""
    _check_item_fields(
        album=album, by=by, caption=caption, credit=credit, licence=licence, consent=consent
    )
    try:
        processed = process_image(upload)
    except ValidationError as error:
        raise GalleryError(" ".join(error.messages)) from None
    with transaction.atomic():
        item = MediaItem(
            album=album,
            kind=MediaItem.Kind.PHOTO,
            caption=caption.strip(),
            credit=credit.strip(),
            licence=licence,
            consent_confirmed=True,
            uploaded_by=by,
            processing=MediaItem.Processing.PENDING,
            position=_next_position(album),
        )
        item.image.save(processed.image.name, processed.image, save=False)
        item.save()
        audit_record(actor=by, action="gallery.photo_added", target=item)
        enqueue("gallery.make_thumbnails", item_id=item.pk)  # sent once this commits
    return item


def video_add(
    *,
    album: Album,
    by: User,
    url: str,
    thumbnail=None,
    caption: str,
    credit: str,
    licence: str,
    consent: bool,
) -> MediaItem:
    """A link to the video's page; our own thumbnail (re-encoded) or a neutral tile."""
    _check_item_fields(
        album=album, by=by, caption=caption, credit=credit, licence=licence, consent=consent
    )
    url = url.strip()
    if not url.lower().startswith("https://") or not parse_video_url(url).host:
        raise GalleryError(_("Give the video's address starting with https://."))
    stored: ContentFile | None = None
    if thumbnail:
        try:
            stored = process_image(thumbnail, thumbnail_side=320).image
        except ValidationError as error:
            raise GalleryError(" ".join(error.messages)) from None
    with transaction.atomic():
        item = MediaItem(
            album=album,
            kind=MediaItem.Kind.VIDEO,
            caption=caption.strip(),
            credit=credit.strip(),
            licence=licence,
            consent_confirmed=True,
            uploaded_by=by,
            processing=MediaItem.Processing.READY,
            video_url=url,
            position=_next_position(album),
        )
        if stored is not None:
            item.video_thumbnail.save(stored.name, stored, save=False)
        item.save()
        audit_record(actor=by, action="gallery.video_added", target=item)
    return item


@transaction.atomic
def item_hide(*, item: MediaItem, by: User, reason: str) -> MediaItem:
    """Take an item off the public pages at once (e.g. on a parent's request)."""
    if not by.has_perm("gallery.moderate"):
        raise GalleryError(_("Only staff can hide items."))
    reason = reason.strip()
    if not reason:
        raise GalleryError(_("Say why the item is hidden (e.g. “a parent asked”)."))
    item = MediaItem.objects.select_for_update().get(pk=item.pk)
    item.hidden = True
    item.hidden_reason = reason[:300]
    item.hidden_at = timezone.now()
    item.save(update_fields=["hidden", "hidden_reason", "hidden_at"])
    item_files_sync(item)  # its public addresses stop answering at once
    audit_record(actor=by, action="gallery.item_hidden", target=item, note=item.hidden_reason)
    return item


@transaction.atomic
def item_unhide(*, item: MediaItem, by: User) -> MediaItem:
    if not by.has_perm("gallery.moderate"):
        raise GalleryError(_("Only staff can show hidden items again."))
    item = MediaItem.objects.select_for_update().get(pk=item.pk)
    item.hidden = False
    item.hidden_reason = ""
    item.hidden_at = None
    item.save(update_fields=["hidden", "hidden_reason", "hidden_at"])
    item_files_sync(item)
    audit_record(actor=by, action="gallery.item_unhidden", target=item)
    return item


def item_delete(*, item: MediaItem, by: User) -> None:
    """Delete the item and its files (after the transaction commits)."""
    if not by.has_perm("gallery.moderate"):
        raise GalleryError(_("Only staff can delete items."))
    files = [
        f
        for f in (
            item.image,
            item.thumb_small,
            item.thumb_medium,
            item.thumb_large,
            item.video_thumbnail,
        )
        if f
    ]
    names = [(f.storage, f.name) for f in files]
    with transaction.atomic():
        audit_record(actor=by, action="gallery.item_deleted", target=item, note=item.caption)
        item.delete()
        transaction.on_commit(lambda: [storage.delete(name) for storage, name in names])


def item_files_sync(item: MediaItem) -> int:
    """Put the item's files where its visibility says (core.files: public only while everyone
    may see it) in the caller's transaction; the old copies go once it commits. Returns how many
    files moved."""
    private = not item.files_are_public
    changed = [
        field for field in FILE_FIELDS if file_set_private(getattr(item, field), private=private)
    ]
    if changed:
        item.save(update_fields=changed)
    return len(changed)


def album_files_sync(*, album: Album) -> int:
    """After the album's edition or collaboration became a draft or stopped being one: move
    every item's files accordingly. Call in a transaction."""
    moved = 0
    for item in album.items.select_related("album__edition", "album__collaboration"):
        moved += item_files_sync(item)
    return moved


def photo_thumbnails_make(*, item_id: int, by: User | None = None) -> str:
    """Make the small, medium and large thumbnails of a photo and mark it ready: "ready",
    "missing" (the item is gone), or "failed" for an image that cannot be read. A storage
    error (OSError) is raised for the task to retry. `by` is None for the worker."""
    item = MediaItem.objects.filter(pk=item_id, kind=MediaItem.Kind.PHOTO).first()
    if item is None:
        return "missing"
    if item.processing == MediaItem.Processing.READY and all(
        getattr(item, field) for field in SIZES
    ):
        return "ready"
    try:
        with item.image.open("rb") as stored:
            made = thumbnails_of(stored)
    except (UnidentifiedImageError, SyntaxError, ValueError, Image.DecompressionBombError):
        logger.warning("gallery item %s: unreadable image", item_id)
        return photo_mark_failed(item_id=item_id, by=by)
    old = [getattr(item, field) for field in SIZES if getattr(item, field)]
    old_names = [(f.storage, f.name) for f in old]
    stem = uuid.uuid4().hex
    for field, (data, extension) in made.items():
        getattr(item, field).save(
            f"{stem}-{SIZES[field]}.{extension}", ContentFile(data), save=False
        )
    with transaction.atomic():
        item.processing = MediaItem.Processing.READY
        item.save(update_fields=[*SIZES, "processing"])
        item_files_sync(item)  # ready: public if its album is
        audit_record(actor=by, action="gallery.thumbnails_made", target=item)
    for storage, name in old_names:
        storage.delete(name)
    return "ready"


@transaction.atomic
def photo_mark_failed(*, item_id: int, by: User | None = None) -> str:
    """Mark a photo whose thumbnails cannot be made: staff see it on /gallery/staff/."""
    if MediaItem.objects.filter(pk=item_id).update(processing=MediaItem.Processing.FAILED):
        audit_record(actor=by, action="gallery.photo_failed", target=MediaItem(pk=item_id))
    return "failed"
