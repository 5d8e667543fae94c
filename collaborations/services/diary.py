"""Writes for the collaboration diary: a member posts an update (text and photos), the author
or a lead deletes it. Photos are re-encoded (no EXIF, no GPS) before anything is saved; their
files go once the deletion commits. Students are minors: visibility and consent are checked
here, whatever page calls."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from core.audit.services import audit_record
from core.files import file_set_private
from core.images import process_image
from teachers.models import User

from ..errors import CollaborationError
from ..models import MAX_PHOTOS_PER_POST, Collaboration, DiaryPhoto, DiaryPost, Membership


@transaction.atomic
def diary_post_create(
    *,
    collaboration: Collaboration,
    by: User,
    text: str,
    visibility: str,
    photos: list[UploadedFile] = (),
    consent: bool = False,
) -> DiaryPost:
    """A member posts an update to the diary, for members only or for everyone. Photos are
    re-encoded (no EXIF, no GPS) before anything is saved: one bad photo saves nothing. The
    uploader confirms that every student in the photos has consent to appear."""
    membership = (
        Membership.objects.select_related("teacher", "school")
        .filter(collaboration=collaboration, teacher__user=by)
        .first()
    )
    if membership is None:
        raise CollaborationError(_("Only the member schools' teachers can post to the diary."))
    text = text.strip()
    if not text:
        raise CollaborationError(_("Write something about your update."))
    photos = list(photos)
    if len(photos) > MAX_PHOTOS_PER_POST:
        raise CollaborationError(
            _("A post has %(max)s photos at most.") % {"max": MAX_PHOTOS_PER_POST}
        )
    if photos and not consent:
        raise CollaborationError(
            _("Confirm that every student in the photos has consent to appear in them.")
        )
    try:
        processed = [process_image(photo) for photo in photos]
    except ValidationError as error:
        raise CollaborationError(" ".join(error.messages)) from None
    post = DiaryPost(
        collaboration=collaboration,
        author=membership.teacher,
        school=membership.school,
        text=text,
        visibility=visibility,
    )
    post.full_clean()
    post.save()
    for image in processed:
        DiaryPhoto.objects.create(post=post, image=image.image, thumbnail=image.thumbnail)
    audit_record(actor=by, action="collaborations.diary_post.created", target=post)
    return post


def _photos_sync(post: DiaryPost) -> int:
    """Move the post's photo files where its visibility says (public or private storage) in the
    caller's transaction; the old copies go once it commits. Returns how many files moved."""
    private = not post.files_are_public
    moved = 0
    for photo in post.photos.all():
        changed = [
            field
            for field in ("image", "thumbnail")
            if file_set_private(getattr(photo, field), private=private)
        ]
        if changed:
            photo.save(update_fields=changed)
            moved += len(changed)
    return moved


@transaction.atomic
def diary_post_visibility_set(*, post: DiaryPost, by: User, visibility: str) -> DiaryPost:
    """The author or a lead shows a post to everyone or to the members only. Its photos move
    with it in the same transaction: made members-only, their public addresses stop answering
    at once."""
    post = (
        DiaryPost.objects.select_for_update(of=("self",))
        .select_related("author", "collaboration")
        .get(pk=post.pk)
    )
    if not by.has_perm("collaborations.change_diary_post", post):
        raise CollaborationError(_("Only the post's author or a lead can change it."))
    if visibility not in DiaryPost.Visibility.values:
        raise CollaborationError(_("Choose who can see the post."))
    if post.visibility != visibility:
        post.visibility = visibility
        post.save(update_fields=["visibility"])
        _photos_sync(post)
        audit_record(actor=by, action=f"diary_post.{visibility}", target=post.collaboration)
    return post


def diary_files_sync(*, collaboration: Collaboration) -> int:
    """After a collaboration's status changed (a draft published, or back to draft): put every
    photo of its diary in the storage its post's visibility now says. Call in a transaction."""
    moved = 0
    for post in collaboration.posts.select_related("collaboration").prefetch_related("photos"):
        moved += _photos_sync(post)
    return moved


@transaction.atomic
def diary_post_delete(*, post: DiaryPost, by: User) -> None:
    """The author or a lead of the collaboration deletes a post; its files go after commit."""
    post = DiaryPost.objects.select_related("author", "collaboration").get(pk=post.pk)
    if not by.has_perm("collaborations.delete_diary_post", post):
        raise CollaborationError(_("Only the post's author or a lead can delete it."))
    files = [f for photo in post.photos.all() for f in (photo.image, photo.thumbnail)]
    audit_record(actor=by, action="diary_post.deleted", target=post.collaboration)
    post.delete()
    transaction.on_commit(lambda: [f.storage.delete(f.name) for f in files if f.name])
