"""Editing a school: its verified teachers and staff. Anyone else gets a 404, as if the page
did not exist (a 403 would confirm the school and tell them who may edit it)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.roles import is_asef_staff

from .forms import SchoolForm
from .models import School
from .services import SchoolError, school_update


@require_http_methods(["GET", "POST"])
@login_required
def school_edit(request, pk: int):
    """Correct a school's details. Staff may also move it to another country."""
    school = get_object_or_404(
        School.objects.select_related("country").prefetch_related("languages"), pk=pk
    )
    if not request.user.has_perm("schools.edit_school", school):
        raise Http404
    with_country = is_asef_staff(request.user)
    form = SchoolForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        school=school,
        with_country=with_country,
    )
    if request.method == "POST" and form.is_valid():
        try:
            school = school_update(school=school, by=request.user, **form.school_fields())
        except SchoolError as error:
            school.refresh_from_db()  # the page shows the school as saved, not as typed
            form.add_service_error(error)
        else:
            messages.success(request, _("%(school)s is saved.") % {"school": school})
            if school.is_verified:
                return redirect(school)
            return redirect("teachers:dashboard")
    return render(request, "schools/edit.html", {"form": form, "school": school})
