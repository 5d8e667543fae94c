"""The collaboration diary: who may post and delete, what visitors see, photos stripped."""

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from collaborations.errors import CollaborationError
from collaborations.models import DiaryPhoto, DiaryPost
from collaborations.services.diary import diary_post_create
from tests.factories import (
    CollaborationFactory,
    CountryFactory,
    MembershipFactory,
    TeacherProfileFactory,
)

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


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


@pytest.fixture
def other_member(collaboration):
    profile = TeacherProfileFactory(user__full_name="Other Member")
    MembershipFactory(collaboration=collaboration, teacher=profile)
    return profile.user


def _jpeg_with_gps(name: str = "river.jpg") -> SimpleUploadedFile:
    image = Image.new("RGB", (80, 60), "teal")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[GPS_IFD] = {1: "N", 2: (60.0, 10.0, 5.0), 3: "E", 4: (24.0, 56.0, 0.0)}
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    data = buffer.getvalue()
    with Image.open(io.BytesIO(data)) as check:  # the test photo does carry GPS
        assert check.getexif().get_ifd(GPS_IFD)
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def _post_url(collaboration) -> str:
    return reverse("collaborations:diary_post", kwargs={"pk": collaboration.pk})


def _delete_url(post) -> str:
    return reverse(
        "collaborations:diary_delete", kwargs={"pk": post.collaboration_id, "post_pk": post.pk}
    )


def _make_post(collaboration, user, *, text="Hello", visibility="public") -> DiaryPost:
    membership = collaboration.memberships.select_related("teacher", "school").get(
        teacher__user=user
    )
    return DiaryPost.objects.create(
        collaboration=collaboration,
        author=membership.teacher,
        school=membership.school,
        text=text,
        visibility=visibility,
    )


@pytest.mark.parametrize("visibility", ["public", "members"])
def test_member_posts_text_to_the_diary(client, collaboration, member, visibility):
    client.force_login(member)

    response = client.post(
        _post_url(collaboration), {"text": "We measured the river.", "visibility": visibility}
    )

    assert response.status_code == 302
    assert response["Location"] == f"{collaboration.get_absolute_url()}#diary"
    post = DiaryPost.objects.get()
    assert (post.text, post.visibility, post.author.user, post.photos.count()) == (
        "We measured the river.",
        visibility,
        member,
        0,
    )
    assert post.school == member.teacher_profile.school


def test_visitor_sees_public_posts_only_and_members_see_all(client, collaboration, member):
    _make_post(collaboration, member, text="Public news", visibility="public")
    _make_post(collaboration, member, text="Members-only plan", visibility="members")

    public_page = client.get(collaboration.get_absolute_url()).content.decode()
    client.force_login(member)
    member_page = client.get(collaboration.get_absolute_url()).content.decode()

    assert "Public news" in public_page
    assert "Members-only plan" not in public_page
    assert 'data-testid="diary-form"' not in public_page
    assert "Public news" in member_page
    assert "Members-only plan" in member_page
    assert 'data-testid="diary-form"' in member_page
    assert 'enctype="multipart/form-data"' in member_page
    assert 'type="file" name="photos"' in member_page
    assert "multiple" in member_page.split('name="photos"')[1].split(">")[0]


@pytest.mark.parametrize(
    ("role", "sees_members_only"),
    [("teacher", False), ("judge", False), ("unverified_teacher", False), ("staff", True)],
)
def test_non_members_see_public_posts_and_staff_all(
    client, request, collaboration, member, role, sees_members_only
):
    _make_post(collaboration, member, text="Public news", visibility="public")
    _make_post(collaboration, member, text="Members-only plan", visibility="members")
    client.force_login(request.getfixturevalue(role))

    page = client.get(collaboration.get_absolute_url()).content.decode()

    assert "Public news" in page
    assert ("Members-only plan" in page) is sees_members_only
    assert 'data-testid="diary-form"' not in page


def test_diary_is_paginated_ten_newest_first(client, collaboration, member):
    for n in range(12):
        _make_post(collaboration, member, text=f"Update {n}")

    first = client.get(collaboration.get_absolute_url())
    second = client.get(f"{collaboration.get_absolute_url()}?page=2")

    assert [p.text for p in first.context["diary_page"]] == [
        f"Update {n}" for n in range(11, 1, -1)
    ]
    assert [p.text for p in second.context["diary_page"]] == ["Update 1", "Update 0"]


@pytest.mark.parametrize("role", ["teacher", "unverified_teacher", "staff", "judge"])
def test_non_member_cannot_post(client, request, collaboration, role):
    client.force_login(request.getfixturevalue(role))

    response = client.post(_post_url(collaboration), {"text": "Hi", "visibility": "public"})

    assert response.status_code == 404
    assert not DiaryPost.objects.exists()


def test_anonymous_cannot_post(client, collaboration):
    url = _post_url(collaboration)

    response = client.post(url, {"text": "Hi", "visibility": "public"})

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url}"
    assert not DiaryPost.objects.exists()


def test_posting_needs_post(client, collaboration, member):
    client.force_login(member)

    assert client.get(_post_url(collaboration)).status_code == 405


def test_photos_without_consent_are_a_form_error_and_nothing_is_saved(
    client, collaboration, member, tmp_path
):
    client.force_login(member)

    response = client.post(
        _post_url(collaboration),
        {"text": "Look", "visibility": "public", "photos": [_jpeg_with_gps()]},
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["consent"]
    assert "has consent to appear" in response.content.decode()
    assert not DiaryPost.objects.exists()
    assert not DiaryPhoto.objects.exists()
    assert not list(tmp_path.rglob("*.jpg"))


def test_a_bad_image_is_a_form_error_and_nothing_is_saved(client, collaboration, member, tmp_path):
    client.force_login(member)
    not_an_image = SimpleUploadedFile("notes.jpg", b"not a picture", content_type="image/jpeg")

    response = client.post(
        _post_url(collaboration),
        {
            "text": "Look",
            "visibility": "public",
            "consent": "on",
            "photos": [_jpeg_with_gps(), not_an_image],
        },
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["photos"]
    assert "not an image we can read" in response.content.decode()
    assert not DiaryPost.objects.exists()
    assert not list(tmp_path.rglob("*.jpg"))


def test_more_than_six_photos_is_a_form_error(client, collaboration, member):
    client.force_login(member)

    response = client.post(
        _post_url(collaboration),
        {
            "text": "Look",
            "visibility": "public",
            "consent": "on",
            "photos": [_jpeg_with_gps(f"{n}.jpg") for n in range(7)],
        },
    )

    assert list(response.context["form"].errors) == ["photos"]
    assert not DiaryPost.objects.exists()


def test_stored_photos_have_no_exif_or_gps_and_a_thumbnail(client, collaboration, member):
    client.force_login(member)

    response = client.post(
        _post_url(collaboration),
        {
            "text": "Our river",
            "visibility": "public",
            "consent": "on",
            "photos": [_jpeg_with_gps(), _jpeg_with_gps("second.jpg")],
        },
    )

    assert response.status_code == 302
    photos = list(DiaryPost.objects.get().photos.all())
    assert len(photos) == 2
    for photo in photos:
        assert "river" not in photo.image.name  # random names
        for stored in (photo.image, photo.thumbnail):
            with stored.open("rb") as handle:
                data = handle.read()
            assert b"Exif" not in data
            assert b"PhoneMaker" not in data
            with Image.open(io.BytesIO(data)) as image:
                assert not image.getexif()
                assert not image.getexif().get_ifd(GPS_IFD)
    page = client.get(collaboration.get_absolute_url()).content.decode()
    assert photos[0].thumbnail.url in page
    assert f'href="{photos[0].image.url}"' in page


@pytest.mark.parametrize("who", ["author", "lead"])
def test_post_is_deleted_by_its_author_or_a_lead(client, collaboration, member, lead, who):
    post = _make_post(collaboration, member)
    client.force_login(member if who == "author" else lead.user)

    response = client.post(_delete_url(post))

    assert response.status_code == 302
    assert not DiaryPost.objects.exists()


def test_deleting_a_post_removes_its_files(
    client, collaboration, member, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(member)
    with_photo = {"text": "x", "visibility": "public", "consent": "on"}
    client.post(_post_url(collaboration), {**with_photo, "photos": [_jpeg_with_gps()]})
    post = DiaryPost.objects.get()
    assert len(list(tmp_path.rglob("*.jpg"))) == 2

    with django_capture_on_commit_callbacks(execute=True):
        client.post(_delete_url(post))

    assert not DiaryPost.objects.exists()
    assert not list(tmp_path.rglob("*.jpg"))


@pytest.mark.parametrize("role", ["other_member", "teacher", "staff", "judge"])
def test_post_is_not_deleted_by_anyone_else(client, request, collaboration, member, role):
    post = _make_post(collaboration, member)
    client.force_login(request.getfixturevalue(role))

    response = client.post(_delete_url(post))

    assert response.status_code == 404
    assert DiaryPost.objects.filter(pk=post.pk).exists()


def test_lead_sees_a_delete_button_on_every_post_and_a_member_on_their_own(
    client, collaboration, member, other_member, lead
):
    _make_post(collaboration, member, text="Mine")
    _make_post(collaboration, other_member, text="Theirs")

    client.force_login(member)
    as_member = client.get(collaboration.get_absolute_url()).content.decode()
    client.force_login(lead.user)
    as_lead = client.get(collaboration.get_absolute_url()).content.decode()

    mine, theirs = DiaryPost.objects.get(text="Mine"), DiaryPost.objects.get(text="Theirs")
    assert _delete_url(mine) in as_member
    assert _delete_url(theirs) not in as_member
    assert _delete_url(mine) in as_lead
    assert _delete_url(theirs) in as_lead


def test_service_refuses_a_non_member(collaboration, teacher):
    with pytest.raises(CollaborationError, match="Only the member schools"):
        diary_post_create(collaboration=collaboration, by=teacher, text="Hi", visibility="public")

    assert not DiaryPost.objects.exists()


def test_service_saves_nothing_when_one_photo_is_bad(collaboration, member, tmp_path):
    bad = SimpleUploadedFile("bad.jpg", b"\xff\xd8 not really", content_type="image/jpeg")

    with pytest.raises(CollaborationError, match="not an image"):
        diary_post_create(
            collaboration=collaboration,
            by=member,
            text="Hi",
            visibility="public",
            photos=[_jpeg_with_gps(), bad],
            consent=True,
        )

    assert not DiaryPost.objects.exists()
    assert not list(tmp_path.rglob("*.jpg"))


def test_service_needs_consent_for_photos(collaboration, member):
    with pytest.raises(CollaborationError, match="consent"):
        diary_post_create(
            collaboration=collaboration,
            by=member,
            text="Hi",
            visibility="public",
            photos=[_jpeg_with_gps()],
            consent=False,
        )

    assert not DiaryPost.objects.exists()


@pytest.mark.parametrize(
    ("role", "may_post"),
    [
        ("anonymous", False),
        ("unverified_teacher", False),
        ("teacher", False),
        ("member", True),
        ("lead", True),
        ("staff", False),
        ("judge", False),
    ],
)
def test_post_diary_permission_is_for_members(request, collaboration, member, role, may_post):
    if role == "anonymous":
        user = AnonymousUser()
    elif role == "lead":
        user = request.getfixturevalue("lead").user
    else:
        user = request.getfixturevalue(role)

    assert user.has_perm("collaborations.post_diary", collaboration) is may_post
