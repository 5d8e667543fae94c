"""Reports pages: exports (in progress)."""

from django.http import Http404

from teachers.views_staff import staff_only


@staff_only
def export(request, **kwargs):
    """Placeholder: built by the exports part."""
    raise Http404
