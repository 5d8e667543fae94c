"""Conference pages: participants (in progress)."""

from django.http import Http404

from teachers.views_staff import staff_only


@staff_only
def participants(request, **kwargs):
    """Placeholder: built by the participants part."""
    raise Http404


@staff_only
def participants_csv(request, **kwargs):
    """Placeholder: built by the participants part."""
    raise Http404


@staff_only
def participants_xlsx(request, **kwargs):
    """Placeholder: built by the participants part."""
    raise Http404


@staff_only
def checkin(request, **kwargs):
    """Placeholder: built by the participants part."""
    raise Http404


def certificate(request, **kwargs):
    """Placeholder: built by the participants part."""
    raise Http404
