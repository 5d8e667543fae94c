"""Awards pages: entries (in progress)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404

from teachers.views_staff import staff_only


@login_required
def entry_create(request, **kwargs):
    """Placeholder: built by the entries part."""
    raise Http404


@login_required
def entry(request, **kwargs):
    """Placeholder: built by the entries part."""
    raise Http404


@login_required
def entry_edit(request, **kwargs):
    """Placeholder: built by the entries part."""
    raise Http404


@login_required
def entry_withdraw(request, **kwargs):
    """Placeholder: built by the entries part."""
    raise Http404


@staff_only
def staff_entries(request, **kwargs):
    """Placeholder: built by the entries part."""
    raise Http404
