"""Awards pages: results and publication (in progress)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render


def index(request, **kwargs):
    """Placeholder (the empty Awards page): built by the results and publication part."""
    return render(request, "awards/index.html")


def cycle(request, **kwargs):
    """Placeholder: built by the results and publication part."""
    raise Http404


@login_required
def entry_feedback(request, **kwargs):
    """Placeholder: built by the results and publication part."""
    raise Http404
