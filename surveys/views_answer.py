"""Pages: answering (in progress)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404


@login_required
def my_surveys(request, **kwargs):
    """Placeholder: built by the answering part."""
    raise Http404


@login_required
def answer(request, **kwargs):
    """Placeholder: built by the answering part."""
    raise Http404
