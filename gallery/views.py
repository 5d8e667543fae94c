"""Gallery pages: the public index and albums, adding albums and items, and staff's list of
hidden or failed items with hide, show again and delete."""

from django.contrib import messages
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST

from core.files import is_private_name, private_file_response
from core.permissions import PermissionRequiredMixin, permission_required, public

from . import selectors, services
from .errors import GalleryError
from .forms import AlbumForm, HideForm, ItemForm
from .models import FILE_FIELDS, Album, MediaItem
from .rules import album_page_permissions, is_public_album
from .video import parse_video_url

ALBUMS_PER_PAGE = 12
ITEMS_PER_PAGE = 24
STAFF_PER_PAGE = 25


def _album_for_page(request, pk: int) -> Album:
    album = selectors.album_for_page(pk)
    if album is None:
        raise Http404
    return album


@public
def index(request):
    """All public albums; ?edition=<number> or ?collaboration=<pk> narrows to one's albums."""
    albums = selectors.public_albums()
    edition = request.GET.get("edition", "")
    collaboration = request.GET.get("collaboration", "")
    if edition.isdigit():
        albums = albums.filter(edition__number=int(edition))
    elif collaboration.isdigit():
        albums = albums.filter(collaboration_id=int(collaboration))
    page = Paginator(albums, ALBUMS_PER_PAGE).get_page(request.GET.get("page"))
    for album in page:
        name = album.cover_photo or album.cover_video
        # a cover comes from an item shown in a public album: public, unless not moved yet
        album.cover_url = default_storage.url(name) if name and not is_private_name(name) else ""
    return render(request, "gallery/index.html", {"page_obj": page})


@permission_required("gallery.view_album", obj=_album_for_page, denied=404, visitors_log_in=False)
def album(request, pk: int):
    """Anyone sees a public album, visitors included; a draft's album is a 404 for whoever
    gallery.view_album refuses."""
    album = request.permission_object
    may = album_page_permissions(request.user, album)
    staff = may["moderate"]
    items = selectors.album_items(album, user=request.user, staff=staff)
    page = Paginator(items, ITEMS_PER_PAGE).get_page(request.GET.get("page"))
    for item in page:
        item.video = parse_video_url(item.video_url) if item.kind == MediaItem.Kind.VIDEO else None
    can_add = may["add"]
    return render(
        request,
        "gallery/album.html",
        {"album": album, "page_obj": page, "can_add": can_add, "is_staff": staff},
    )


class AlbumCreateView(PermissionRequiredMixin, View):
    """Staff make albums for editions and collaborations, a collaboration's teachers for it.
    Anyone else signed in is sent back to the gallery with a word; visitors log in."""

    permission_required = "gallery.create_album"

    def handle_no_permission(self):
        if not self.request.user.is_authenticated:
            return super().handle_no_permission()
        messages.info(
            self.request, _("Albums are made by staff and by the teachers of a collaboration.")
        )
        return redirect("gallery:index")

    def get(self, request):
        return self.page(request)

    def post(self, request):
        return self.page(request)

    def page(self, request):
        user = request.user
        initial = {}
        if collaboration_id := request.GET.get("collaboration", ""):
            initial["collaboration"] = collaboration_id if collaboration_id.isdigit() else None
        if edition_id := request.GET.get("edition", ""):
            initial["edition"] = edition_id if edition_id.isdigit() else None
        form = AlbumForm(request.POST or None, user=user, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                album = services.album_create(
                    by=user,
                    title=form.cleaned_data["title"],
                    description=form.cleaned_data["description"],
                    edition=form.cleaned_data.get("edition"),
                    collaboration=form.cleaned_data.get("collaboration"),
                )
            except GalleryError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Album created. Add photos and videos to it."))
                return redirect("gallery:item_add", pk=album.pk)
        return render(request, "gallery/album_create.html", {"form": form})


album_create = AlbumCreateView.as_view()


class ItemAddView(PermissionRequiredMixin, View):
    """Staff and the collaboration's teachers add a photo or a video link to an album. Anyone
    else signed in is sent back with a word (to the album if it is public); visitors log in."""

    permission_required = "gallery.add_to_album"

    def get_permission_object(self):
        try:
            return selectors.album_with_owner(self.kwargs["pk"])
        except Album.DoesNotExist:
            raise Http404 from None

    def handle_no_permission(self):
        if not self.request.user.is_authenticated:
            return super().handle_no_permission()
        album = self.permission_object
        messages.error(
            self.request, _("Only staff and the collaboration's teachers can add to this album.")
        )
        return (
            redirect(album)
            if is_public_album(self.request.user, album)
            else redirect("gallery:index")
        )

    def get(self, request, pk: int):
        return self.page(request)

    def post(self, request, pk: int):
        return self.page(request)

    def page(self, request):
        album = self.permission_object
        form = ItemForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            common = {
                "album": album,
                "by": request.user,
                "caption": data["caption"],
                "credit": data["credit"],
                "licence": data["licence"],
                "consent": data["consent"],
            }
            try:
                if data["kind"] == MediaItem.Kind.PHOTO:
                    services.photo_add(upload=data["image"], **common)
                    messages.success(
                        request,
                        _(
                            "Photo added. Its thumbnails are being prepared; it appears in a "
                            "moment."
                        ),
                    )
                else:
                    services.video_add(
                        url=data["video_url"], thumbnail=data.get("video_thumbnail"), **common
                    )
                    messages.success(request, _("Video link added."))
            except GalleryError as error:
                form.add_error(None, error.message)
            else:
                if "another" in request.POST:
                    return redirect("gallery:item_add", pk=album.pk)
                return redirect(album)
        return render(request, "gallery/item_add.html", {"album": album, "form": form})


item_add = ItemAddView.as_view()


@permission_required("gallery.moderate")
def staff_items(request):
    page = Paginator(selectors.items_for_staff(), STAFF_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "gallery/staff_items.html", {"page_obj": page})


def _item(pk: int) -> MediaItem:
    try:
        return selectors.item_with_album(pk)
    except MediaItem.DoesNotExist:
        raise Http404 from None


def _back(request, item: MediaItem):
    target = request.POST.get("next", "")
    if target == "staff":
        return redirect("gallery:staff_items")
    return redirect(item.album)


@permission_required("gallery.moderate")
@require_POST
def item_hide(request, pk: int):
    item = _item(pk)
    form = HideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the item is hidden (e.g. “a parent asked”)."))
        return _back(request, item)
    services.item_hide(item=item, by=request.user, reason=form.cleaned_data["reason"])
    messages.success(
        request, _("“%(caption)s” is hidden from public pages.") % {"caption": item.caption}
    )
    return _back(request, item)


@permission_required("gallery.moderate")
@require_POST
def item_unhide(request, pk: int):
    item = _item(pk)
    services.item_unhide(item=item, by=request.user)
    messages.success(request, _("“%(caption)s” is shown again.") % {"caption": item.caption})
    return redirect("gallery:staff_items")


@permission_required("gallery.moderate")
@require_POST
def item_delete(request, pk: int):
    item = _item(pk)
    caption = item.caption
    services.item_delete(item=item, by=request.user)
    messages.success(request, _("“%(caption)s” is deleted.") % {"caption": caption})
    return redirect("gallery:staff_items")


def _item_of_file(request, pk: int, field: str) -> MediaItem:
    if field not in FILE_FIELDS:
        raise Http404
    return _item(pk)


@permission_required(
    "gallery.view_item",
    obj=_item_of_file,
    denied=404,
    visitors_log_in=False,  # an image cannot sign in: a visitor gets a 404 like anyone
)
def item_file(request, pk: int, field: str):
    """One of an item's files (the photo, a thumbnail, a video's thumbnail) for whoever may see
    the item: everyone in a public album; the album's teachers in a draft's; the uploader while
    it is being prepared; staff always. Never cached on the way."""
    return private_file_response(getattr(request.permission_object, field))
