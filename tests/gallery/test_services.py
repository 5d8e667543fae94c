import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.audit.models import AuditEntry
from gallery.errors import GalleryError
from gallery.models import Album, MediaItem
from gallery.services import album_create, item_delete, item_hide, item_unhide, photo_add, video_add
from tests.factories import CollaborationFactory, EditionFactory, MembershipFactory

from . import collaboration_album, edition_album, has_metadata, phone_upload, photo_item


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _fields(**overrides):
    return {
        "caption": "Pupils sampling the river",
        "credit": "Ms Nguyen",
        "licence": MediaItem.Licence.CC_BY,
        "consent": True,
        **overrides,
    }


@pytest.mark.django_db
def test_upload_strips_gps_and_thumbnails_have_no_metadata(
    staff, celery_eager, django_capture_on_commit_callbacks
):
    album = edition_album()
    with django_capture_on_commit_callbacks(execute=True):
        item = photo_add(album=album, by=staff, upload=phone_upload(), **_fields())

    item.refresh_from_db()
    assert item.processing == MediaItem.Processing.READY
    for field in (item.image, item.thumb_small, item.thumb_medium, item.thumb_large):
        with field.open("rb") as stored:
            data = stored.read()
        assert data, field.name
        assert not has_metadata(data), field.name
    assert "IMG_0001" not in item.image.name


@pytest.mark.django_db
def test_upload_is_pending_until_the_task_runs(staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        item = photo_add(album=edition_album(), by=staff, upload=phone_upload(), **_fields())
    assert item.processing == MediaItem.Processing.PENDING
    assert len(callbacks) == 1


@pytest.mark.django_db
def test_consent_is_required(staff):
    with pytest.raises(GalleryError, match="agreed to publication"):
        photo_add(album=edition_album(), by=staff, upload=phone_upload(), **_fields(consent=False))
    assert not MediaItem.objects.exists()


@pytest.mark.django_db
def test_a_file_that_is_not_an_image_is_refused_with_a_message(staff):
    upload = SimpleUploadedFile("notes.jpg", b"%PDF-1.4 not a picture", "image/jpeg")
    with pytest.raises(GalleryError, match="not an image we can read"):
        photo_add(album=edition_album(), by=staff, upload=upload, **_fields())
    assert not MediaItem.objects.exists()


@pytest.mark.django_db
def test_collaboration_members_add_to_its_albums_others_do_not(
    teacher, other_teacher, judge, staff
):
    collaboration = CollaborationFactory(lead=teacher.teacher_profile)
    album = collaboration_album(collaboration)
    assert photo_add(album=album, by=teacher, upload=phone_upload(), **_fields())
    assert photo_add(album=album, by=staff, upload=phone_upload(), **_fields())
    for outsider in (other_teacher, judge):
        with pytest.raises(GalleryError, match="Only staff and the collaboration"):
            photo_add(album=album, by=outsider, upload=phone_upload(), **_fields())
    with pytest.raises(GalleryError):
        photo_add(album=edition_album(), by=teacher, upload=phone_upload(), **_fields())
    assert album.items.count() == 2


@pytest.mark.django_db
def test_album_create_by_role(teacher, other_teacher, staff):
    collaboration = CollaborationFactory()
    MembershipFactory(collaboration=collaboration, teacher=teacher.teacher_profile)
    edition = EditionFactory()

    assert album_create(by=teacher, title="Our exchange", collaboration=collaboration)
    assert album_create(by=staff, title="Helsinki 2018", edition=edition)
    with pytest.raises(GalleryError, match="Only the collaboration"):
        album_create(by=other_teacher, title="Not mine", collaboration=collaboration)
    with pytest.raises(GalleryError, match="Only staff"):
        album_create(by=teacher, title="Conference", edition=edition)
    with pytest.raises(GalleryError, match="either an edition or a collaboration"):
        album_create(by=staff, title="Both", edition=edition, collaboration=collaboration)
    assert Album.objects.count() == 2


@pytest.mark.django_db
def test_video_needs_https_and_its_thumbnail_is_reencoded(staff):
    album = edition_album()
    with pytest.raises(GalleryError, match="https://"):
        video_add(album=album, by=staff, url="http://example.org/film", **_fields())

    item = video_add(
        album=album,
        by=staff,
        url="https://vimeo.com/76979871",
        thumbnail=phone_upload(),
        **_fields(),
    )

    with item.video_thumbnail.open("rb") as stored:
        assert not has_metadata(stored.read())
    assert item.processing == MediaItem.Processing.READY


@pytest.mark.django_db
def test_hide_and_unhide_are_audited_and_staff_only(staff, teacher):
    item = photo_item(edition_album())
    with pytest.raises(GalleryError):
        item_hide(item=item, by=teacher, reason="I do not like it")
    with pytest.raises(GalleryError, match="Say why"):
        item_hide(item=item, by=staff, reason="  ")

    item_hide(item=item, by=staff, reason="A parent asked")
    item.refresh_from_db()
    assert item.hidden
    assert item.hidden_reason == "A parent asked"
    assert item.hidden_at

    item_unhide(item=item, by=staff)
    item.refresh_from_db()
    assert not item.hidden
    assert item.hidden_at is None
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", "note"))
    assert actions == [("gallery.item_hidden", "A parent asked"), ("gallery.item_unhidden", "")]


@pytest.mark.django_db
def test_delete_removes_the_item_and_its_files(staff, teacher, django_capture_on_commit_callbacks):
    item = photo_item(edition_album())
    storage, name = item.image.storage, item.image.name
    with pytest.raises(GalleryError):
        item_delete(item=item, by=teacher)
    with django_capture_on_commit_callbacks(execute=True):
        item_delete(item=item, by=staff)
    assert not MediaItem.objects.exists()
    assert not storage.exists(name)
