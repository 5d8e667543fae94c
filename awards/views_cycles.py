"""Awards pages: cycle set-up (in progress)."""

from django.http import Http404

from teachers.views_staff import staff_only


@staff_only
def cycles(request, **kwargs):
    """Placeholder: built by the cycle set-up part."""
    raise Http404


@staff_only
def cycle_create(request, **kwargs):
    """Placeholder: built by the cycle set-up part."""
    raise Http404


@staff_only
def cycle_hub(request, **kwargs):
    """Placeholder: built by the cycle set-up part."""
    raise Http404


@staff_only
def cycle_edit(request, **kwargs):
    """Placeholder: built by the cycle set-up part."""
    raise Http404
