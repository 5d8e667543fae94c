"""Conference pages: selection (in progress)."""

from django.http import Http404

from teachers.views_staff import staff_only


@staff_only
def applications(request, **kwargs):
    """Placeholder: built by the selection part."""
    raise Http404


@staff_only
def application(request, **kwargs):
    """Placeholder: built by the selection part."""
    raise Http404


@staff_only
def applications_bulk(request, **kwargs):
    """Placeholder: built by the selection part."""
    raise Http404
