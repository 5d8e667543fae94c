"""Reports pages: network statistics (in progress)."""

from django.http import Http404


def statistics(request, **kwargs):
    """Placeholder: built by the network statistics part."""
    raise Http404
