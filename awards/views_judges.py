"""Awards pages: judges and assignment (in progress)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404

from teachers.views_staff import staff_only


def judge_invitation(request, **kwargs):
    """Placeholder: built by the judges and assignment part."""
    raise Http404


@login_required
def judge_conflicts(request, **kwargs):
    """Placeholder: built by the judges and assignment part."""
    raise Http404


@staff_only
def staff_judges(request, **kwargs):
    """Placeholder: built by the judges and assignment part."""
    raise Http404


@staff_only
def staff_assignments(request, **kwargs):
    """Placeholder: built by the judges and assignment part."""
    raise Http404
