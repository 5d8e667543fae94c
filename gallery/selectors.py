"""Reads for the gallery pages: a fixed number of queries however many albums or items."""

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery

from collaborations.models import Collaboration
from conferences.models import Edition
from core.roles import is_asef_staff

from .models import Album, MediaItem

SHOWN = Q(hidden=False) & (Q(kind=MediaItem.Kind.VIDEO) | Q(processing=MediaItem.Processing.READY))


def public_albums() -> QuerySet[Album]:
    """Albums of published editions (newest edition first), then those of collaborations
    that are not drafts (newest first); with the count of items shown and a cover."""
    cover = MediaItem.objects.filter(SHOWN, album=OuterRef("pk"))
    photo_cover = cover.filter(kind=MediaItem.Kind.PHOTO).order_by("position", "pk")
    video_cover = cover.filter(kind=MediaItem.Kind.VIDEO).exclude(video_thumbnail="")
    return (
        Album.objects.filter(
            Q(edition__isnull=False) & ~Q(edition__status=Edition.Status.DRAFT)
            | Q(collaboration__isnull=False) & ~Q(collaboration__status=Collaboration.Status.DRAFT)
        )
        .select_related("edition", "collaboration")
        .annotate(
            shown_count=Count(
                "items",
                filter=Q(items__hidden=False)
                & (
                    Q(items__kind=MediaItem.Kind.VIDEO)
                    | Q(items__processing=MediaItem.Processing.READY)
                ),
            ),
            cover_photo=Subquery(photo_cover.values("thumb_medium")[:1]),
            cover_video=Subquery(
                video_cover.order_by("position", "pk").values("video_thumbnail")[:1]
            ),
        )
        .order_by(F("edition__number").desc(nulls_last=True), "-created_at", "-pk")
    )


def album_for_page(pk: int) -> Album | None:
    return Album.objects.select_related("edition", "collaboration").filter(pk=pk).first()


def album_with_owner(pk: int) -> Album:
    """One album with its edition or collaboration. Raises Album.DoesNotExist."""
    return Album.objects.select_related("edition", "collaboration").get(pk=pk)


def item_with_album(pk: int) -> MediaItem:
    """One item with its album and the album's edition or collaboration (its files' view;
    staff's hide, show again, delete). Raises MediaItem.DoesNotExist."""
    return MediaItem.objects.select_related("album__edition", "album__collaboration").get(pk=pk)


def album_edition_choices(*, user) -> QuerySet[Edition] | None:
    """The editions a person may make an album for: every edition for staff, newest first;
    None for everyone else (the form leaves the field out)."""
    if not is_asef_staff(user):
        return None
    return Edition.objects.order_by("-number")


def album_collaboration_choices(*, user) -> QuerySet[Collaboration]:
    """The collaborations a person may make an album for: any for staff, else their own."""
    if is_asef_staff(user):
        return Collaboration.objects.order_by("title")
    return Collaboration.objects.filter(memberships__teacher__user=user).order_by("title")


def album_items(album: Album, *, user, staff: bool) -> QuerySet[MediaItem]:
    """What a visitor sees of an album: items shown to all; pending or failed photos to
    their uploader; staff also see failed and pending ones (hidden ones are on the staff
    page)."""
    visible = SHOWN
    if staff:
        visible = Q(hidden=False)
    elif user.is_authenticated:
        visible = SHOWN | (Q(hidden=False) & Q(uploaded_by=user))
    return album.items.filter(visible).order_by("position", "pk")


def items_for_staff() -> QuerySet[MediaItem]:
    """Hidden items and photos whose processing failed, newest first."""
    return (
        MediaItem.objects.filter(Q(hidden=True) | Q(processing=MediaItem.Processing.FAILED))
        .select_related("album", "uploaded_by")
        .order_by("-hidden_at", "-created_at", "-pk")
    )


def albums_with_files():
    """Albums with at least one stored file, with their edition or collaboration (the
    gallery_privatise command)."""
    stored = Q(items__image__gt="") | Q(items__video_thumbnail__gt="")
    return (
        Album.objects.filter(stored)
        .distinct()
        .select_related("edition", "collaboration")
        .order_by("pk")
        .iterator(chunk_size=200)
    )
