"""Diary photos are children's photos: a photo whose post not everyone may see has no public
address. It is stored privately and only the permission-checked view serves it (core.files),
for the members and staff; making a post members-only closes its photos at once."""

import hashlib
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from collaborations.models import Collaboration, DiaryPhoto
from collaborations.selectors.personal_data import personal_data_of
from collaborations.services.collaborations import collaboration_set_status
from collaborations.services.diary import diary_post_create, diary_post_visibility_set
from core.files import is_private_name
from tests.factories import (
    CollaborationFactory,
    CountryFactory,
    MembershipFactory,
    TeacherProfileFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(private_media) -> tuple[Path, Path]:
    return private_media / "media", private_media / "private"


@pytest.fixture
def lead(db):
    return TeacherProfileFactory(user__full_name="Aino Lead")


@pytest.fixture
def collaboration(lead):
    return CollaborationFactory(lead=lead, title="Rivers of two continents")


@pytest.fixture
def member(collaboration):
    profile = TeacherProfileFactory(
        user__country=CountryFactory(code="JP"), user__full_name="Kenji Member"
    )
    MembershipFactory(collaboration=collaboration, teacher=profile)
    return profile.user


def _jpeg(name="river.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (80, 60), "teal").save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def _post(collaboration, member, visibility):
    post = diary_post_create(
        collaboration=collaboration,
        by=member,
        text="We measured the river.",
        visibility=visibility,
        photos=[_jpeg()],
        consent=True,
    )
    return post, post.photos.get()


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_members_only_photo_is_stored_privately_and_linked_to_the_view(
    client, collaboration, member, media
):
    public, private = media
    _, photo = _post(collaboration, member, "members")

    assert is_private_name(photo.image.name)
    assert is_private_name(photo.thumbnail.name)
    assert _files(public) == []  # nothing under MEDIA_ROOT: no /media/ address answers
    assert len(_files(private)) == 2
    assert photo.image_url == reverse("collaborations:diary_photo", args=[photo.pk])
    assert photo.thumbnail_url == reverse("collaborations:diary_thumbnail", args=[photo.pk])

    client.force_login(member)
    page = client.get(collaboration.get_absolute_url()).content.decode()
    assert photo.image_url in page
    assert photo.thumbnail_url in page
    assert "/media/" not in page.split('id="diary"')[1]


def test_a_public_photo_keeps_its_cacheable_public_file(client, collaboration, member, media):
    public, private = media
    _, photo = _post(collaboration, member, "public")

    assert not is_private_name(photo.image.name)
    assert photo.image_url == photo.image.url
    assert photo.image_url.startswith("/media/collaborations/diary/")
    assert len(_files(public)) == 2
    assert _files(private) == []
    assert photo.image_url in client.get(collaboration.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (None, 404),  # an image cannot sign in: a visitor gets nothing
        ("teacher", 404),
        ("unverified_teacher", 404),
        ("judge", 404),
        ("member", 200),
        ("lead", 200),
        ("staff", 200),
    ],
)
def test_who_gets_a_members_only_photo(client, request, collaboration, member, lead, role, status):
    _, photo = _post(collaboration, member, "members")
    users = {"member": member, "lead": lead.user}
    if role:
        client.force_login(users.get(role) or request.getfixturevalue(role))

    for url, field in ((photo.image_url, photo.image), (photo.thumbnail_url, photo.thumbnail)):
        response = client.get(url)
        assert response.status_code == status, (role, url)
        if status == 200:
            with field.open("rb") as stored:
                assert b"".join(response.streaming_content) == stored.read()
            assert response["Content-Type"] == "image/jpeg"
            assert "no-store" in response["Cache-Control"]


def test_a_public_photo_is_served_to_anyone_by_the_view_too(client, collaboration, member):
    _, photo = _post(collaboration, member, "public")
    assert client.get(reverse("collaborations:diary_photo", args=[photo.pk])).status_code == 200
    assert (
        client.get(reverse("collaborations:diary_photo", args=[photo.pk + 99])).status_code == 404
    )


def test_making_a_post_members_only_closes_its_photos_at_once(
    client, collaboration, member, media, django_capture_on_commit_callbacks
):
    public, private = media
    post, photo = _post(collaboration, member, "public")
    old = [public / photo.image.name, public / photo.thumbnail.name]
    digests = [_digest(path) for path in old]
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("collaborations:diary_visibility", args=[collaboration.pk, post.pk]),
            {"visibility": "members"},
        )

    assert response.status_code == 302
    photo.refresh_from_db()
    post.refresh_from_db()
    assert post.visibility == "members"
    assert not any(path.exists() for path in old)  # the public addresses stop answering
    assert _files(public) == []
    assert is_private_name(photo.image.name)
    assert sorted(_digest(p) for p in _files(private)) == sorted(digests)  # the same bytes
    client.logout()
    assert client.get(photo.image_url).status_code == 404


def test_making_it_public_again_gives_public_files_back(
    collaboration, member, media, django_capture_on_commit_callbacks
):
    public, private = media
    post, photo = _post(collaboration, member, "members")
    with django_capture_on_commit_callbacks(execute=True):
        diary_post_visibility_set(post=post, by=member, visibility="public")

    photo.refresh_from_db()
    assert not is_private_name(photo.image.name)
    assert _files(private) == []
    assert len(_files(public)) == 2


@pytest.mark.parametrize("role", ["teacher", "judge", "staff"])
def test_only_the_author_or_a_lead_changes_who_sees_a_post(
    client, request, collaboration, member, role
):
    post, _photo = _post(collaboration, member, "members")
    client.force_login(request.getfixturevalue(role))

    response = client.post(
        reverse("collaborations:diary_visibility", args=[collaboration.pk, post.pk]),
        {"visibility": "public"},
    )

    assert response.status_code == 404
    post.refresh_from_db()
    assert post.visibility == "members"


def test_the_lead_may_change_it_and_a_bad_choice_changes_nothing(
    client, collaboration, member, lead
):
    post, _photo = _post(collaboration, member, "members")
    client.force_login(lead.user)
    url = reverse("collaborations:diary_visibility", args=[collaboration.pk, post.pk])

    bad = client.post(url, {"visibility": "everyone"}, follow=True)
    post.refresh_from_db()
    assert post.visibility == "members"
    assert "Choose who can see the post." in bad.content.decode()

    assert client.post(url, {"visibility": "public"}).status_code == 302
    post.refresh_from_db()
    assert post.visibility == "public"


def test_a_collaboration_back_to_draft_closes_its_public_photos(
    collaboration, member, lead, media, django_capture_on_commit_callbacks
):
    public, _private = media
    _, photo = _post(collaboration, member, "public")
    assert collaboration.status == Collaboration.Status.OPEN

    with django_capture_on_commit_callbacks(execute=True):
        collaboration_set_status(
            collaboration=collaboration, by=lead.user, status=Collaboration.Status.DRAFT
        )
    photo.refresh_from_db()
    assert is_private_name(photo.image.name)
    assert _files(public) == []

    with django_capture_on_commit_callbacks(execute=True):
        collaboration_set_status(
            collaboration=collaboration, by=lead.user, status=Collaboration.Status.OPEN
        )
    photo.refresh_from_db()
    assert not is_private_name(photo.image.name)


def test_the_command_moves_old_public_files_of_members_only_posts_without_loss(
    collaboration, member, media, django_capture_on_commit_callbacks
):
    """Photos uploaded before private media: stored publicly whatever their post said."""
    public, private = media
    post, photo = _post(collaboration, member, "public")
    post.visibility = "members"  # as the rows were before: members-only, files public
    post.save(update_fields=["visibility"])
    before = sorted(_digest(p) for p in _files(public))
    out = io.StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("media_privatise", stdout=out)

    assert out.getvalue().strip() == "2 files moved."
    assert _files(public) == []
    assert sorted(_digest(p) for p in _files(private)) == before
    photo.refresh_from_db()
    assert is_private_name(photo.image.name)
    with photo.image.open("rb") as moved:
        assert hashlib.sha256(moved.read()).hexdigest() in before

    again = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("media_privatise", stdout=again)
    assert again.getvalue().strip() == "0 files moved."
    assert sorted(_digest(p) for p in _files(private)) == before


def test_the_personal_data_export_links_private_photos_to_the_view(collaboration, member):
    _, photo = _post(collaboration, member, "members")

    exported = personal_data_of(user=member)

    text = str(exported)
    assert reverse("collaborations:diary_photo", args=[photo.pk]) in text
    assert "/media/" not in text


def test_a_deleted_post_leaves_no_private_file(
    client, collaboration, member, media, django_capture_on_commit_callbacks
):
    _public, private = media
    post, _photo = _post(collaboration, member, "members")
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("collaborations:diary_delete", args=[collaboration.pk, post.pk]))
    assert not DiaryPhoto.objects.exists()
    assert _files(private) == []
