"""Reports pages: report runs (in progress)."""

from django.http import Http404

from teachers.views_staff import staff_only


@staff_only
def runs(request, **kwargs):
    """Placeholder: built by the report runs part."""
    raise Http404


@staff_only
def run(request, **kwargs):
    """Placeholder: built by the report runs part."""
    raise Http404


@staff_only
def run_download(request, **kwargs):
    """Placeholder: built by the report runs part."""
    raise Http404


@staff_only
def edition_report(request, **kwargs):
    """Placeholder: built by the report runs part."""
    raise Http404
