"""Pages: survey building (in progress)."""

from django.http import Http404

from teachers.views_staff import staff_only


@staff_only
def surveys(request, **kwargs):
    """Placeholder: built by the survey building part."""
    raise Http404


@staff_only
def survey_create(request, **kwargs):
    """Placeholder: built by the survey building part."""
    raise Http404


@staff_only
def survey(request, **kwargs):
    """Placeholder: built by the survey building part."""
    raise Http404


@staff_only
def survey_edit(request, **kwargs):
    """Placeholder: built by the survey building part."""
    raise Http404
