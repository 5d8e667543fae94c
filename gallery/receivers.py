"""The gallery's part when a collaboration or an edition becomes a draft or stops being one:
the files of its albums go private or public in the same transaction (connected in
GalleryConfig.ready)."""

from collaborations.models import Collaboration
from conferences.models import Edition

from .models import Album
from .services import album_files_sync


def _sync(albums, previous: str, status: str) -> None:
    if "draft" in (previous, status):
        for album in albums.select_related("edition", "collaboration"):
            album_files_sync(album=album)


def on_collaboration_status_changed(
    sender, *, collaboration: Collaboration, previous, status, **kw
):
    _sync(Album.objects.filter(collaboration=collaboration), previous, status)


def on_edition_status_changed(sender, *, edition: Edition, previous, status, **kw):
    _sync(Album.objects.filter(edition=edition), previous, status)
