import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gallery.models import Album, MediaItem
from tests.factories import CollaborationFactory, EditionFactory

from . import collaboration_album, edition_album, phone_upload, photo_item, video_item


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def members_album(teacher):
    """An album of a collaboration the `teacher` fixture leads."""
    return collaboration_album(CollaborationFactory(lead=teacher.teacher_profile))


def _login(client, user):
    if user is not None:
        client.force_login(user)
    return client


def _post_item(client, album, **overrides):
    data = {
        "kind": "photo",
        "image": phone_upload(),
        "caption": "Pupils at the river",
        "credit": "Ms Nguyen",
        "licence": "cc-by",
        "consent": "on",
        **overrides,
    }
    data = {key: value for key, value in data.items() if value is not None}
    return client.post(reverse("gallery:item_add", args=[album.pk]), data)


# --- Public pages --------------------------------------------------------------------------


@pytest.mark.django_db
def test_index_lists_public_albums_editions_first(client):
    older = edition_album(edition=EditionFactory(number=14), title="Helsinki")
    newer = edition_album(edition=EditionFactory(number=15), title="Bucharest")
    collab = collaboration_album(title="River samples")
    photo_item(newer)
    edition_album(edition=EditionFactory(number=16, status="draft"), title="Secret draft")
    collaboration_album(CollaborationFactory(status="draft"), title="Draft collab")

    response = client.get(reverse("gallery:index"))

    assert response.status_code == 200
    assert [a.pk for a in response.context["page_obj"]] == [newer.pk, older.pk, collab.pk]
    html = response.content.decode()
    assert "Secret draft" not in html
    assert "Draft collab" not in html
    assert "1 item" in html


def _many_albums(count):
    edition = EditionFactory()
    for n in range(count):
        album = edition_album(edition=edition, title=f"Album {n}")
        photo_item(album)
        video_item(album)


@pytest.mark.django_db
@pytest.mark.parametrize("albums", [1, 15])
def test_index_queries_are_fixed(client, django_assert_num_queries, albums):
    _many_albums(albums)
    with django_assert_num_queries(2):
        assert client.get(reverse("gallery:index")).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("items", [1, 30])
def test_album_queries_are_fixed(client, django_assert_num_queries, items):
    album = edition_album()
    for n in range(items):
        photo_item(album, caption=f"Photo {n}")
        video_item(album, caption=f"Video {n}")
    with django_assert_num_queries(3):
        response = client.get(album.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["page_obj"]) == min(24, items * 2)


@pytest.mark.django_db
def test_album_shows_thumbnails_with_srcset_caption_credit_licence(client):
    album = edition_album()
    photo_item(album, caption="Opening ceremony")
    html = client.get(album.get_absolute_url()).content.decode()
    assert "Opening ceremony" in html
    assert "A. Teacher" in html
    assert "CC BY 4.0" in html
    assert re.search(r'srcset="[^"]+ 320w, [^"]+ 800w, [^"]+ 1600w"', html)


@pytest.mark.django_db
def test_video_makes_no_third_party_request_on_page_load(client):
    album = edition_album()
    video_item(album, url="https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    video_item(album, url="https://vimeo.com/76979871", caption="Vimeo film")
    video_item(album, url="https://media.example.org/film.mp4", caption="Own host")

    html = client.get(album.get_absolute_url()).content.decode()

    assert "<iframe" not in html.lower()
    assert "youtube-nocookie" not in html
    assert "player.vimeo.com" not in html
    external = re.findall(r'(?:src|srcset|href)="(https?://[^"]+)"', html)
    assert sorted(external) == sorted(
        [
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://vimeo.com/76979871",
            "https://media.example.org/film.mp4",
        ]
    )
    assert "Play video (loads www.youtube.com)" in html
    assert "Play video (loads vimeo.com)" in html
    assert 'data-video-id="dQw4w9WgXcQ"' in html
    assert "gallery-video.js" in html


@pytest.mark.django_db
def test_hidden_items_vanish_and_pending_ones_show_only_to_uploader_and_staff(
    client, teacher, other_teacher, staff, members_album
):
    photo_item(members_album, caption="Shown photo")
    photo_item(members_album, caption="Hidden photo", hidden=True, hidden_reason="asked")
    photo_item(members_album, caption="Fresh upload", ready=False, uploaded_by=teacher)

    anonymous = client.get(members_album.get_absolute_url()).content.decode()
    assert "Shown photo" in anonymous
    assert "Hidden photo" not in anonymous
    assert "Fresh upload" not in anonymous

    for user, sees_pending in ((other_teacher, False), (teacher, True), (staff, True)):
        html = _login(client, user).get(members_album.get_absolute_url()).content.decode()
        assert ("Fresh upload" in html) is sees_pending
        assert ("Being prepared" in html) is sees_pending
        assert "Hidden photo" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 404), ("teacher", 200), ("other_teacher", 404), ("judge", 404), ("staff", 200)],
)
def test_albums_of_draft_collaborations_are_404_for_the_public(client, request, role, status):
    teacher = request.getfixturevalue("teacher")
    album = collaboration_album(CollaborationFactory(status="draft", lead=teacher.teacher_profile))
    user = None if role == "anonymous" else request.getfixturevalue(role)
    assert _login(client, user).get(album.get_absolute_url()).status_code == status


@pytest.mark.django_db
def test_albums_of_draft_editions_are_404(client, other_teacher):
    album = edition_album(edition=EditionFactory(number=20, status="draft"))
    assert client.get(album.get_absolute_url()).status_code == 404
    assert _login(client, other_teacher).get(album.get_absolute_url()).status_code == 404
    assert client.get(reverse("gallery:album", args=[99999])).status_code == 404


# --- Adding --------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "allowed"),
    [("teacher", True), ("other_teacher", False), ("judge", False), ("staff", True)],
)
def test_item_add_by_role(client, request, members_album, role, allowed):
    client.force_login(request.getfixturevalue(role))
    url = reverse("gallery:item_add", args=[members_album.pk])
    response = client.get(url)
    assert response.status_code == (200 if allowed else 302)
    response = _post_item(client, members_album)
    assert response.status_code == 302
    assert members_album.items.exists() is allowed
    if not allowed:
        messages = [str(m) for m in response.wsgi_request._messages]
        assert any("Only staff and the collaboration" in m for m in messages)


@pytest.mark.django_db
def test_item_add_asks_anonymous_visitors_to_log_in(client, members_album):
    response = client.get(reverse("gallery:item_add", args=[members_album.pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


@pytest.mark.django_db
def test_upload_without_consent_is_refused_with_a_clear_message(client, teacher, members_album):
    client.force_login(teacher)
    response = _post_item(client, members_album, consent=None)
    assert response.status_code == 200
    assert "have agreed to publication. Without it we cannot publish" in response.content.decode()
    assert not MediaItem.objects.exists()


@pytest.mark.django_db
def test_a_bad_file_is_refused_with_a_message(client, teacher, members_album):
    client.force_login(teacher)
    upload = SimpleUploadedFile("holiday.jpg", b"GIF89a but broken", "image/jpeg")
    response = _post_item(client, members_album, image=upload)
    assert response.status_code == 200
    assert "Upload a valid image" in response.content.decode()
    assert not MediaItem.objects.exists()


@pytest.mark.django_db
def test_uploaded_photo_is_pending_then_ready(
    client, teacher, members_album, celery_eager, django_capture_on_commit_callbacks
):
    client.force_login(teacher)
    with django_capture_on_commit_callbacks(execute=False):
        response = _post_item(client, members_album)
    assert response.status_code == 302
    item = MediaItem.objects.get()
    assert item.processing == "pending"
    assert item.uploaded_by == teacher
    with django_capture_on_commit_callbacks(execute=True):
        _post_item(client, members_album, caption="Second")
    assert MediaItem.objects.get(caption="Second").processing == "ready"


@pytest.mark.django_db
def test_video_link_added_by_a_member(client, teacher, members_album):
    client.force_login(teacher)
    response = _post_item(
        client,
        members_album,
        kind="video",
        image=None,
        video_url="http://www.youtube.com/watch?v=dQw4w9WgXcQ",
    )
    assert response.status_code == 200
    assert "starting with https://" in response.content.decode()
    _post_item(
        client,
        members_album,
        kind="video",
        image=None,
        video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    )
    item = MediaItem.objects.get()
    assert item.kind == "video"
    assert not item.video_thumbnail


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "can_create"),
    [("teacher", True), ("other_teacher", False), ("judge", False), ("staff", True)],
)
def test_album_create_for_a_collaboration_by_role(client, request, members_album, role, can_create):
    client.force_login(request.getfixturevalue(role))
    collaboration = members_album.collaboration
    response = client.post(
        reverse("gallery:album_create"),
        {"title": "Second exchange", "collaboration": collaboration.pk},
    )
    assert response.status_code == 302
    assert Album.objects.filter(title="Second exchange").exists() is can_create


@pytest.mark.django_db
def test_staff_create_an_edition_album_teachers_cannot(client, staff, teacher, members_album):
    edition = EditionFactory()
    client.force_login(teacher)
    response = client.post(reverse("gallery:album_create"), {"title": "X", "edition": edition.pk})
    assert response.status_code == 200  # the edition is not a field for teachers
    assert not Album.objects.filter(edition=edition).exists()
    client.force_login(staff)
    response = client.post(reverse("gallery:album_create"), {"title": "Y", "edition": edition.pk})
    album = Album.objects.get(edition=edition)
    assert response.url == reverse("gallery:item_add", args=[album.pk])


@pytest.mark.django_db
def test_album_create_asks_anonymous_visitors_to_log_in(client):
    response = client.get(reverse("gallery:album_create"))
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


# --- Staff ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("teacher", 403), ("judge", 403), ("staff", 200)],
)
def test_staff_items_page_by_role(client, request, role, status):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    assert _login(client, user).get(reverse("gallery:staff_items")).status_code == status


@pytest.mark.django_db
def test_staff_hide_an_item_at_once_and_show_it_again(client, staff, teacher):
    album = edition_album()
    item = photo_item(album, caption="Class photo")
    client.force_login(teacher)
    assert (
        client.post(reverse("gallery:item_hide", args=[item.pk]), {"reason": "x"}).status_code
        == 403
    )

    client.force_login(staff)
    response = client.post(
        reverse("gallery:item_hide", args=[item.pk]), {"reason": "A parent asked"}
    )
    assert response.status_code == 302
    client.logout()
    assert "Class photo" not in client.get(album.get_absolute_url()).content.decode()

    client.force_login(staff)
    staff_page = client.get(reverse("gallery:staff_items")).content.decode()
    assert "Class photo" in staff_page
    assert "A parent asked" in staff_page
    client.post(reverse("gallery:item_unhide", args=[item.pk]))
    client.logout()
    assert "Class photo" in client.get(album.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_hide_without_a_reason_is_refused(client, staff):
    item = photo_item(edition_album())
    client.force_login(staff)
    response = client.post(
        reverse("gallery:item_hide", args=[item.pk]), {"reason": ""}, follow=True
    )
    assert "Say why the item is hidden" in response.content.decode()
    item.refresh_from_db()
    assert not item.hidden


@pytest.mark.django_db
def test_staff_see_failed_items_and_delete_them(client, staff):
    item = photo_item(edition_album(), ready=False, caption="Broken upload")
    MediaItem.objects.filter(pk=item.pk).update(processing="failed")
    client.force_login(staff)
    assert "Processing failed" in client.get(reverse("gallery:staff_items")).content.decode()
    client.post(reverse("gallery:item_delete", args=[item.pk]))
    assert not MediaItem.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("hidden", [1, 30])
def test_staff_items_queries_are_fixed(client, staff, django_assert_num_queries, hidden):
    album = edition_album()
    for n in range(hidden):
        photo_item(album, caption=f"Hidden {n}", hidden=True, hidden_reason="asked")
    client.force_login(staff)
    with django_assert_num_queries(8):
        assert client.get(reverse("gallery:staff_items")).status_code == 200


@pytest.mark.django_db
def test_index_narrows_to_one_edition_or_collaboration(client):
    fourteenth = edition_album(edition=EditionFactory(number=14), title="Helsinki")
    edition_album(edition=EditionFactory(number=15), title="Bucharest")
    collab = collaboration_album(title="River samples")
    url = reverse("gallery:index")

    assert list(client.get(url, {"edition": 14}).context["page_obj"]) == [fourteenth]
    by_collab = client.get(url, {"collaboration": collab.collaboration_id})
    assert list(by_collab.context["page_obj"]) == [collab]
    assert len(client.get(url, {"edition": "x"}).context["page_obj"]) == 3


@pytest.mark.django_db
def test_pages_link_to_the_gallery(client):
    edition = EditionFactory(number=14)
    collaboration = CollaborationFactory()
    html = client.get(edition.get_absolute_url()).content.decode()
    assert f"/gallery/?edition={edition.number}" in html
    html = client.get(collaboration.get_absolute_url()).content.decode()
    assert f"/gallery/?collaboration={collaboration.pk}" in html
