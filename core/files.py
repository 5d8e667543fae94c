"""Uploaded files whose page may be private: one storage that keeps each file public or private.

A file lives in the public storage (STORAGES["default"], under MEDIA_ROOT / MEDIA_URL, cacheable)
only while its page is public. Otherwise its name starts with "private/" and it lives in
STORAGES["private"] under "media/" (never under MEDIA_ROOT, no URL of its own): only a view that
checks the page's permission serves it, through `private_file_response`.

`MediaStorage` is the storage of such fields: it routes each name to the storage it belongs to,
so a FieldFile works the same either way. `file_set_private` moves a file between the two (copy,
switch the field's name, delete the old file once the transaction commits); the apps' services
that change a page's visibility call it in the same transaction.
"""

import mimetypes
import posixpath
from urllib.parse import quote

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.deconstruct import deconstructible

PRIVATE_PREFIX = "private/"
PRIVATE_LOCATION = "media/"  # inside STORAGES["private"], beside the reports' files


def is_private_name(name: str) -> bool:
    return bool(name) and name.startswith(PRIVATE_PREFIX)


def private_name(name: str) -> str:
    return name if is_private_name(name) else PRIVATE_PREFIX + name


def public_name(name: str) -> str:
    return name[len(PRIVATE_PREFIX) :] if is_private_name(name) else name


@deconstructible(path="core.files.MediaStorage")
class MediaStorage(Storage):
    """Names under "private/" go to the private storage, every other name to the public one."""

    def route(self, name: str) -> tuple[Storage, str]:
        if is_private_name(name):
            return storages["private"], PRIVATE_LOCATION + public_name(name)
        return storages["default"], name

    def _outer(self, name: str, inner: str) -> str:
        if is_private_name(name):
            return PRIVATE_PREFIX + inner.removeprefix(PRIVATE_LOCATION)
        return inner

    def get_available_name(self, name, max_length=None):
        storage, inner = self.route(name)
        length = None if max_length is None else max_length - (len(name) - len(inner))
        return self._outer(name, storage.get_available_name(inner, max_length=length))

    def _save(self, name, content):
        storage, inner = self.route(name)
        return self._outer(name, storage.save(inner, content))

    def _open(self, name, mode="rb"):
        storage, inner = self.route(name)
        return storage.open(inner, mode)

    def delete(self, name):
        storage, inner = self.route(name)
        storage.delete(inner)

    def exists(self, name):
        storage, inner = self.route(name)
        return storage.exists(inner)

    def size(self, name):
        storage, inner = self.route(name)
        return storage.size(inner)

    def path(self, name):
        storage, inner = self.route(name)
        return storage.path(inner)

    def url(self, name):
        if is_private_name(name):
            # a private file has no URL of its own: its model gives the permission-checked view's
            raise ValueError(f"{name} is private: link to the view that serves it.")
        return storages["default"].url(name)


def file_set_private(fieldfile, *, private: bool) -> bool:
    """Move one stored file to the private or the public storage, without loss: copy it, switch
    the field to the new name (the caller saves the row), and delete the old file once the
    transaction commits (on a rollback the row keeps the old name and the old file). Returns
    whether it moved."""
    name = fieldfile.name
    if not name or is_private_name(name) == private:
        return False
    storage = fieldfile.storage
    target = private_name(name) if private else public_name(name)
    with storage.open(name, "rb") as source:
        new_name = storage.save(target, File(source, name=posixpath.basename(target)))
    fieldfile.name = new_name
    transaction.on_commit(lambda: storage.delete(name))
    return True


def private_file_response(fieldfile, *, download_name: str = "") -> HttpResponse:
    """Answer a permission-checked request for a stored file: a redirect to a short-lived signed
    URL on S3; with PRIVATE_MEDIA_ACCEL_PREFIX set, an X-Accel-Redirect that nginx serves from
    its internal location; otherwise Django streams it. Never cached on the way; images open
    in the page, everything else (PDFs) is downloaded."""
    name = fieldfile.name
    if not name:
        raise Http404
    storage, inner = fieldfile.storage.route(name)
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    disposition = "inline" if content_type.startswith("image/") else "attachment"
    filename = download_name or posixpath.basename(name)
    disposition = f"{disposition}; filename*=UTF-8''{quote(filename)}"
    if getattr(storage, "querystring_auth", False):  # S3: the bucket serves, for a minute
        response = HttpResponseRedirect(
            storage.url(
                inner,
                expire=settings.PRIVATE_MEDIA_URL_EXPIRY,
                parameters={
                    "ResponseContentDisposition": disposition,
                    "ResponseContentType": content_type,
                    "ResponseCacheControl": "private, no-store",
                },
            )
        )
    elif settings.PRIVATE_MEDIA_ACCEL_PREFIX:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = (
            settings.PRIVATE_MEDIA_ACCEL_PREFIX.rstrip("/") + "/" + (quote(inner))
        )
    else:
        try:
            handle = storage.open(inner, "rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = disposition
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
