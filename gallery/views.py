"""Gallery pages: the public index and albums, adding albums and items, and staff's list of
hidden or failed items with hide, show again and delete."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from collaborations.models import Collaboration
from conferences.models import Edition
from teachers.views_staff import staff_only

from . import selectors, services
from .forms import AlbumForm, HideForm, ItemForm
from .models import Album, MediaItem
from .rules import is_collaboration_member
from .video import parse_video_url

ALBUMS_PER_PAGE = 12
ITEMS_PER_PAGE = 24
STAFF_PER_PAGE = 25


def _is_staff(user) -> bool:
    return user.has_perm("teachers.access_staff_area")


def _album_is_public(album: Album) -> bool:
    if album.edition_id:
        return album.edition.status != Edition.Status.DRAFT
    return album.collaboration.status != Collaboration.Status.DRAFT


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
        album.cover_url = default_storage.url(name) if name else ""
    return render(request, "gallery/index.html", {"page_obj": page})


def album(request, pk: int):
    album = selectors.album_for_page(pk)
    if album is None:
        raise Http404
    staff = _is_staff(request.user)
    if not _album_is_public(album) and not (
        staff or is_collaboration_member(request.user, album.collaboration)
    ):
        raise Http404
    items = selectors.album_items(album, user=request.user, staff=staff)
    page = Paginator(items, ITEMS_PER_PAGE).get_page(request.GET.get("page"))
    for item in page:
        item.video = parse_video_url(item.video_url) if item.kind == MediaItem.Kind.VIDEO else None
    can_add = request.user.is_authenticated and request.user.has_perm("gallery.add_to_album", album)
    return render(
        request,
        "gallery/album.html",
        {"album": album, "page_obj": page, "can_add": can_add, "is_staff": staff},
    )


@login_required
def album_create(request):
    user = request.user
    initial = {}
    if collaboration_id := request.GET.get("collaboration", ""):
        initial["collaboration"] = collaboration_id if collaboration_id.isdigit() else None
    if edition_id := request.GET.get("edition", ""):
        initial["edition"] = edition_id if edition_id.isdigit() else None
    form = AlbumForm(request.POST or None, user=user, initial=initial)
    if not _is_staff(user) and not form.fields["collaboration"].queryset.exists():
        messages.info(
            request, _("Albums are made by staff and by the teachers of a collaboration.")
        )
        return redirect("gallery:index")
    if request.method == "POST" and form.is_valid():
        try:
            album = services.album_create(
                by=user,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                edition=form.cleaned_data.get("edition"),
                collaboration=form.cleaned_data.get("collaboration"),
            )
        except services.GalleryError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Album created. Add photos and videos to it."))
            return redirect("gallery:item_add", pk=album.pk)
    return render(request, "gallery/album_create.html", {"form": form})


@login_required
def item_add(request, pk: int):
    album = get_object_or_404(Album.objects.select_related("edition", "collaboration"), pk=pk)
    if not request.user.has_perm("gallery.add_to_album", album):
        messages.error(
            request, _("Only staff and the collaboration's teachers can add to this album.")
        )
        return redirect(album) if _album_is_public(album) else redirect("gallery:index")
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
                    _("Photo added. Its thumbnails are being prepared; it appears in a moment."),
                )
            else:
                services.video_add(
                    url=data["video_url"], thumbnail=data.get("video_thumbnail"), **common
                )
                messages.success(request, _("Video link added."))
        except services.GalleryError as error:
            form.add_error(None, error.message)
        else:
            if "another" in request.POST:
                return redirect("gallery:item_add", pk=album.pk)
            return redirect(album)
    return render(request, "gallery/item_add.html", {"album": album, "form": form})


@staff_only
def staff_items(request):
    page = Paginator(selectors.items_for_staff(), STAFF_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "gallery/staff_items.html", {"page_obj": page})


def _back(request, item: MediaItem):
    target = request.POST.get("next", "")
    if target == "staff":
        return redirect("gallery:staff_items")
    return redirect(item.album)


@staff_only
@require_POST
def item_hide(request, pk: int):
    item = get_object_or_404(MediaItem.objects.select_related("album"), pk=pk)
    form = HideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the item is hidden (e.g. “a parent asked”)."))
        return _back(request, item)
    services.item_hide(item=item, by=request.user, reason=form.cleaned_data["reason"])
    messages.success(
        request, _("“%(caption)s” is hidden from public pages.") % {"caption": item.caption}
    )
    return _back(request, item)


@staff_only
@require_POST
def item_unhide(request, pk: int):
    item = get_object_or_404(MediaItem.objects.select_related("album"), pk=pk)
    services.item_unhide(item=item, by=request.user)
    messages.success(request, _("“%(caption)s” is shown again.") % {"caption": item.caption})
    return redirect("gallery:staff_items")


@staff_only
@require_POST
def item_delete(request, pk: int):
    item = get_object_or_404(MediaItem.objects.select_related("album"), pk=pk)
    caption = item.caption
    services.item_delete(item=item, by=request.user)
    messages.success(request, _("“%(caption)s” is deleted.") % {"caption": caption})
    return redirect("gallery:staff_items")
