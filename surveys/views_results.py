"""Pages: results (in progress)."""

from django.http import Http404

from teachers.views_staff import staff_only


@staff_only
def results(request, **kwargs):
    """Placeholder: built by the results part."""
    raise Http404


@staff_only
def results_export(request, **kwargs):
    """Placeholder: built by the results part."""
    raise Http404
