"""Staff pages for editions: the list of editions (more come with each part of the issue)."""

from django.shortcuts import render

from teachers.views_staff import staff_only

from .models import Edition


@staff_only
def editions(request):
    """Every edition, newest first, with links to run it."""
    return render(
        request,
        "conferences/staff/editions.html",
        {"editions": Edition.objects.select_related("country").order_by("-number")},
    )
