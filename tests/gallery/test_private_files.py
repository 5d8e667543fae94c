"""Gallery files are children's photos: a file whose item not everyone may see (hidden, still
being prepared, in a draft's album) has no public address. It is stored privately and only
gallery:item_file serves it, after gallery.view_item; hiding, preparing and publishing move the
files at once; gallery_privatise moves the files of before."""

import hashlib
import io
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from collaborations.services.collaborations import collaboration_set_status
from conferences.services.editions import edition_set_status
from core.files import is_private_name, public_name
from gallery.models import FILE_FIELDS, MediaItem
from gallery.services import item_hide, item_unhide, photo_add, photo_thumbnails_make
from tests.factories import (
    CollaborationFactory,
    EditionFactory,
    JudgeFactory,
    MembershipFactory,
    StaffFactory,
    TeacherProfileFactory,
)

from . import collaboration_album, edition_album, jpeg_bytes, phone_upload, photo_item, video_item

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(private_media) -> tuple[Path, Path]:
    return private_media / "media", private_media / "private"


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def _digests(root: Path) -> set[str]:
    return {hashlib.sha256(p.read_bytes()).hexdigest() for p in _files(root)}


def _names(item: MediaItem) -> list[str]:
    return [getattr(item, field).name for field in FILE_FIELDS if getattr(item, field)]


def _as(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _status(user, item, field="thumb_medium") -> int:
    return _as(user).get(reverse("gallery:item_file", args=[item.pk, field])).status_code


def test_a_shown_photo_of_a_public_album_is_public_and_cacheable(media):
    item = photo_item(edition_album())

    assert _names(item)
    assert not any(is_private_name(name) for name in _names(item))
    assert item.urls["thumb_medium"].startswith("/media/gallery/")
    assert len(_files(media[0])) == 4
    assert _files(media[1]) == []


def test_hiding_closes_the_files_at_once_and_showing_again_opens_them(
    media, django_capture_on_commit_callbacks
):
    staff = StaffFactory()
    item = photo_item(edition_album())
    before = _digests(media[0])

    with django_capture_on_commit_callbacks(execute=True):
        item_hide(item=item, by=staff, reason="A parent asked")
    item.refresh_from_db()

    assert all(is_private_name(name) for name in _names(item))
    assert _files(media[0]) == []  # the public copies are gone (deleted on commit)
    assert _digests(media[1]) == before  # moved without loss
    assert item.urls["thumb_large"] == reverse("gallery:item_file", args=[item.pk, "thumb_large"])
    assert _status(None, item) == 404
    assert _status(TeacherProfileFactory().user, item) == 404
    response = _as(staff).get(item.urls["thumb_medium"])
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == item.thumb_medium.open("rb").read()

    with django_capture_on_commit_callbacks(execute=True):
        item_unhide(item=item, by=staff)
    item.refresh_from_db()
    assert not any(is_private_name(name) for name in _names(item))
    assert _digests(media[0]) == before
    assert _files(media[1]) == []


def test_a_photo_being_prepared_is_private_to_its_uploader_and_staff_until_ready(
    media, django_capture_on_commit_callbacks
):
    lead = TeacherProfileFactory()
    album = collaboration_album(CollaborationFactory(lead=lead))
    item = photo_add(
        album=album,
        by=lead.user,
        upload=phone_upload(),
        caption="Our class",
        credit="Ms Lead",
        licence=MediaItem.Licence.CC_BY,
        consent=True,
    )
    assert is_private_name(item.image.name)
    assert _files(media[0]) == []
    assert _status(lead.user, item, "image") == 200
    assert _status(StaffFactory(), item, "image") == 200
    assert _status(None, item, "image") == 404
    assert _status(TeacherProfileFactory().user, item, "image") == 404

    with django_capture_on_commit_callbacks(execute=True):
        assert photo_thumbnails_make(item_id=item.pk) == "ready"
    item.refresh_from_db()
    assert len(_names(item)) == 4
    assert not any(is_private_name(name) for name in _names(item))
    assert len(_files(media[0])) == 4
    assert _files(media[1]) == []
    assert _status(None, item, "thumb_small") == 200  # the view answers for public files too


def test_a_drafts_album_is_for_its_teachers_and_staff_and_publishing_opens_it(
    media, django_capture_on_commit_callbacks
):
    lead = TeacherProfileFactory()
    collaboration = CollaborationFactory(lead=lead, status="draft")
    member = TeacherProfileFactory()
    MembershipFactory(collaboration=collaboration, teacher=member)
    item = photo_item(collaboration_album(collaboration))

    assert all(is_private_name(name) for name in _names(item))
    for user, expected in (
        (None, 404),
        (TeacherProfileFactory().user, 404),
        (JudgeFactory(), 404),
        (member.user, 200),
        (lead.user, 200),
        (StaffFactory(), 200),
    ):
        assert _status(user, item) == expected, user

    with django_capture_on_commit_callbacks(execute=True):
        collaboration_set_status(collaboration=collaboration, by=lead.user, status="open")
    item.refresh_from_db()
    assert not any(is_private_name(name) for name in _names(item))
    assert _files(media[1]) == []
    assert _status(None, item) == 200


def test_an_edition_back_to_draft_closes_its_albums(media, django_capture_on_commit_callbacks):
    staff = StaffFactory()
    edition = EditionFactory(number=40, status="published")
    item = video_item(edition_album(edition=edition))
    item.video_thumbnail.save("cover.jpg", ContentFile(jpeg_bytes((32, 24))), save=True)
    assert not is_private_name(item.video_thumbnail.name)

    with django_capture_on_commit_callbacks(execute=True):
        edition_set_status(edition=edition, by=staff, to="draft")
    item.refresh_from_db()

    assert is_private_name(item.video_thumbnail.name)
    assert _files(media[0]) == []
    assert _status(None, item, "video_thumbnail") == 404
    assert _status(staff, item, "video_thumbnail") == 200


def test_the_album_page_links_a_hidden_or_pending_photo_only_to_the_view(media):
    StaffFactory()
    album = edition_album()
    shown = photo_item(album, caption="Shown")
    uploader = TeacherProfileFactory().user
    pending = photo_item(album, ready=False, caption="Pending", uploaded_by=uploader)

    html = _as(None).get(album.get_absolute_url()).content.decode()
    assert shown.thumb_medium.url in html
    assert "Pending" not in html

    html = _as(uploader).get(album.get_absolute_url()).content.decode()
    assert is_private_name(pending.image.name)
    assert public_name(pending.image.name) not in html


def test_a_name_that_is_not_a_file_field_is_a_404():
    item = photo_item(edition_album())
    assert _status(StaffFactory(), item, "caption") == 404
    assert _as(StaffFactory()).get(f"/gallery/items/{item.pk}/../").status_code == 404


def test_gallery_privatise_moves_the_files_of_before_without_loss(
    media, django_capture_on_commit_callbacks
):
    edition = EditionFactory(number=41, status="published")
    item = photo_item(edition_album(edition=edition))
    before = _digests(media[0])
    # as before private media: hidden, with its files still public
    MediaItem.objects.filter(pk=item.pk).update(hidden=True)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("gallery_privatise", stdout=io.StringIO())
    item.refresh_from_db()

    assert all(is_private_name(name) for name in _names(item))
    assert _files(media[0]) == []
    assert _digests(media[1]) == before
    out = io.StringIO()
    call_command("gallery_privatise", stdout=out)
    assert out.getvalue() == "0 files moved.\n"
    assert _digests(media[1]) == before  # again: nothing moves
