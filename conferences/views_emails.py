"""Conference pages: e-mail texts (in progress)."""

from django.http import Http404

from teachers.views_staff import staff_only


@staff_only
def emails(request, **kwargs):
    """Placeholder: built by the e-mail texts part."""
    raise Http404


@staff_only
def email_edit(request, **kwargs):
    """Placeholder: built by the e-mail texts part."""
    raise Http404
