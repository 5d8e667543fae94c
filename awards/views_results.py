"""Awards pages: results and publication (in progress)."""

from django.http import Http404

from teachers.views_staff import staff_only


@staff_only
def staff_results(request, **kwargs):
    """Placeholder: built by the results and publication part."""
    raise Http404


@staff_only
def staff_publish(request, **kwargs):
    """Placeholder: built by the results and publication part."""
    raise Http404
