"""Thumbnails of gallery photos, made after the upload (safe to run twice)."""

from core.tasks import task

from .services import photo_mark_failed, photo_thumbnails_make


@task(name="gallery.make_thumbnails", bind=True, max_retries=3, default_retry_delay=30)
def make_thumbnails(self, *, item_id: int) -> str:
    """Make the small, medium and large thumbnails of a photo and mark it ready.

    A missing or ready item is left alone; an unreadable image marks it failed (staff see it
    on /gallery/staff/); a storage error is retried, then marks it failed.
    """
    try:
        return photo_thumbnails_make(item_id=item_id, by=None)
    except OSError as error:
        if self.request.retries >= self.max_retries:
            return photo_mark_failed(item_id=item_id, by=None)
        raise self.retry(exc=error) from error
