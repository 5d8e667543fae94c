"""Pages: gallery (in progress)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404

from teachers.views_staff import staff_only


def index(request, **kwargs):
    """Placeholder: built by the gallery part."""
    raise Http404


def album(request, **kwargs):
    """Placeholder: built by the gallery part."""
    raise Http404


@login_required
def album_create(request, **kwargs):
    """Placeholder: built by the gallery part."""
    raise Http404


@login_required
def item_add(request, **kwargs):
    """Placeholder: built by the gallery part."""
    raise Http404


@staff_only
def staff_items(request, **kwargs):
    """Placeholder: built by the gallery part."""
    raise Http404
