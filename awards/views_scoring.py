"""Awards pages: scoring (in progress)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404


@login_required
def judge_dashboard(request, **kwargs):
    """Placeholder: built by the scoring part."""
    raise Http404


@login_required
def scorecard(request, **kwargs):
    """Placeholder: built by the scoring part."""
    raise Http404
