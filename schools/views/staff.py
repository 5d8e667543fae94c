"""The staff area for schools (under /staff/schools/): the queue of proposed schools, and the
review of one school with its possible duplicates: verify it, or merge it into the one it
repeats. Staff only: visitors log in first, everyone else gets a 403."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from core.audit.selectors import audit_history
from core.permissions import permission_required

from ..errors import SchoolError
from ..forms import SchoolMergeForm, SchoolVerifyForm
from ..models import School
from ..selectors import (
    possible_duplicates,
    schools_awaiting_verification,
    schools_for_review,
    teachers_naming,
)
from ..services import school_merge, school_verify

PER_PAGE = 25
TEACHERS_SHOWN = 20

ACTION_LABELS = {
    "school.proposed": gettext_lazy("Proposed the school"),
    "school.edited": gettext_lazy("Edited the school"),
    "school.verified": gettext_lazy("Verified the school"),
    "school.merged": gettext_lazy("Merged a duplicate into this school"),
}


@permission_required("schools.verify_school")
def school_queue(request):
    """Proposed schools, oldest first, with who proposed them and how many teachers chose them."""
    page = Paginator(schools_awaiting_verification(), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "staff/school_queue.html", {"page": page})


@permission_required("schools.verify_school")
@require_GET
def school_review(request, pk: int):
    """One school in any state, beside the schools it may repeat: verify it, or merge it."""
    school = get_object_or_404(schools_for_review(), pk=pk)
    return _review_page(request, school)


@permission_required("schools.verify_school")
@require_POST
def school_verify_action(request, pk: int):
    """Verify the school: it is listed in the directory, and its proposer is told by e-mail."""
    school = get_object_or_404(schools_for_review(), pk=pk)
    form = SchoolVerifyForm(request.POST)
    if form.is_valid():
        try:
            school = school_verify(school=school, by=request.user)
        except SchoolError as error:
            form.add_error(None, str(error))
        else:
            text = _("%(school)s is verified and listed in the school directory.") % {
                "school": school
            }
            if school.proposed_by and school.proposed_by.is_active:
                text += " " + _("%(name)s, who proposed it, has been told by e-mail.") % {
                    "name": school.proposed_by
                }
            messages.success(request, text)
            return redirect("staff:school_queue")
    return _review_page(request, school, verify_form=form)


@permission_required("schools.verify_school")
@require_POST
def school_merge_action(request, pk: int):
    """Merge the school into the one it repeats: its teachers move over, and it is deleted."""
    school = get_object_or_404(schools_for_review(), pk=pk)
    candidates = list(possible_duplicates(school=school))
    form = SchoolMergeForm(request.POST, school=school, candidates=candidates)
    if form.is_valid():
        into = form.cleaned_data["target"]
        try:
            school_merge(duplicate=school, into=into, by=request.user)
        except SchoolError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(duplicate)s was merged into %(school)s; its teachers moved over.")
                % {"duplicate": school, "school": into},
            )
            # The job may go on there: the school may be proposed too, and the teachers
            # who moved over may wait for verification.
            url = reverse("staff:school_review", args=[into.pk])
            return redirect(f"{url}#main")
    return _review_page(request, school, candidates=candidates, merge_form=form)


def _review_page(
    request,
    school: School,
    *,
    candidates: list[School] | None = None,
    verify_form: SchoolVerifyForm | None = None,
    merge_form: SchoolMergeForm | None = None,
):
    """The review page, with the form an action bound (its errors shown) and the other empty."""
    if candidates is None:
        candidates = list(possible_duplicates(school=school))
    teachers = list(teachers_naming(school=school, limit=TEACHERS_SHOWN + 1))
    return render(
        request,
        "staff/school_review.html",
        {
            "school": school,
            "candidates": candidates,
            "verify_form": SchoolVerifyForm() if verify_form is None else verify_form,
            "merge_form": (
                SchoolMergeForm(school=school, candidates=candidates)
                if merge_form is None
                else merge_form
            ),
            "teachers": teachers[:TEACHERS_SHOWN],
            "teachers_more": len(teachers) > TEACHERS_SHOWN,
            "history": audit_history(target=school, labels=ACTION_LABELS),
        },
    )
