"""Conference pages: waitlist (in progress)."""

from django.http import Http404


def offer(request, **kwargs):
    """Placeholder: built by the waitlist part."""
    raise Http404
