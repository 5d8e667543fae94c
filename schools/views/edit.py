"""Editing a school: its verified teachers and staff. Anyone else gets a 404, as if the page
did not exist (a 403 would confirm the school and tell them who may edit it)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.permissions import permission_required

from ..errors import SchoolError
from ..forms import SchoolForm
from ..models import School
from ..selectors import school_for_edit
from ..services import school_update


def school_to_edit(request, pk: int) -> School:
    """The school of the address, in any state (a 404 when there is none)."""
    try:
        return school_for_edit(pk=pk)
    except School.DoesNotExist:
        raise Http404 from None


@require_http_methods(["GET", "POST"])
@permission_required("schools.edit_school", obj=school_to_edit, denied=404)
def school_edit(request, pk: int):
    """Correct a school's details. Staff may also move it to another country."""
    school = request.permission_object
    form = SchoolForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        school=school,
        user=request.user,
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
