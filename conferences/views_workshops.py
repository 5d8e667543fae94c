"""Conference pages: workshops (in progress)."""

from django.http import Http404


def workshops(request, **kwargs):
    """Placeholder: built by the workshops part."""
    raise Http404


def my_programme_ics(request, **kwargs):
    """Placeholder: built by the workshops part."""
    raise Http404
