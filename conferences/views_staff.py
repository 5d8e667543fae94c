"""Staff pages for editions: the list of editions (more come with each part of the issue)."""

from django.http import Http404
from django.shortcuts import render

from teachers.views_staff import staff_only

from .models import Edition


@staff_only
def editions(request):
    """Every edition, newest first, with links to run it."""
    return render(
        request,
        "conferences/staff/editions.html",
        {"editions": Edition.objects.select_related("country").order_by("-number")},
    )


@staff_only
def edition_create(request, **kwargs):
    """Placeholder: built by the editions and programme part."""
    raise Http404


@staff_only
def edition(request, **kwargs):
    """Placeholder: built by the editions and programme part."""
    raise Http404


@staff_only
def edition_edit(request, **kwargs):
    """Placeholder: built by the editions and programme part."""
    raise Http404


@staff_only
def programme(request, **kwargs):
    """Placeholder: built by the editions and programme part."""
    raise Http404


@staff_only
def session_create(request, **kwargs):
    """Placeholder: built by the editions and programme part."""
    raise Http404


@staff_only
def session_edit(request, **kwargs):
    """Placeholder: built by the editions and programme part."""
    raise Http404


@staff_only
def session_delete(request, **kwargs):
    """Placeholder: built by the editions and programme part."""
    raise Http404
