"""The staff area for people (under /staff/): its home, the queue of teachers awaiting
verification, the review of one teacher (verify or reject with a reason) and staff's edit of
any profile. Staff only: visitors log in first, everyone else gets a 403."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.audit.models import AuditEntry
from core.audit.selectors import audit_history
from core.permissions import permission_required
from schools.views.staff import ACTION_LABELS as SCHOOL_ACTION_LABELS

from ..errors import TeacherError
from ..forms import (
    StaffProfileForm,
    TeacherQueueFilterForm,
    TeacherRejectForm,
    TeacherVerifyForm,
)
from ..models import TeacherProfile
from ..selectors import recent_people_activity, teachers_awaiting_verification, teachers_for_review
from ..services import teacher_profile_update, teacher_reject, teacher_verify
from ..staff_sections import staff_sections

PER_PAGE = 25
RECENT_ACTIVITY = 10

ACTION_LABELS = {
    **SCHOOL_ACTION_LABELS,
    "teacher.verified": gettext_lazy("Verified the teacher"),
    "teacher.rejected": gettext_lazy("Did not verify the teacher"),
    "teacher.edited": gettext_lazy("Edited the profile"),
    "teacher.school_chosen": gettext_lazy("Named their school"),
    "teacher.erased": gettext_lazy("Account erased"),
}


def _recent_activity() -> list[dict]:
    """The newest actions on people and schools, by staff and by teachers, for the staff home:
    who, what, on which record (named, with a link to its review), and when."""
    return [_activity_item(entry) for entry in recent_people_activity(limit=RECENT_ACTIVITY)]


REVIEWS = {"teacherprofile": "staff:teacher_review", "school": "staff:school_review"}


def _activity_item(entry: AuditEntry) -> dict:
    """One line of the staff home's activity: who, what, on which record, and the note.

    A teacher acting on their own profile ("named their school") is both the actor and the
    record: the line names what they named (the note) instead of repeating their name."""
    target, note = entry.target, entry.note
    shown = target
    if (
        isinstance(target, TeacherProfile)
        and entry.actor_id is not None
        and entry.actor_id == target.user_id
        and note
    ):
        shown, note = note, ""
    return {
        "entry": entry,
        "label": ACTION_LABELS.get(entry.action, entry.action),
        "target": shown,
        "note": note,
        "url": (
            reverse(REVIEWS[entry.target_type.model], args=[entry.target_id])
            if target is not None and entry.target_type.model in REVIEWS
            else ""
        ),
    }


@permission_required("teachers.access_staff_area")
def index(request):
    """Staff home: the staff area's sections with what waits in each (one COUNT apiece), the
    back office for what has no page, and recent activity on people and schools."""
    sections = staff_sections()
    waiting = {w["key"]: w["count"] for s in sections for w in s["waiting"]}
    return render(
        request,
        "staff/index.html",
        {
            "sections": sections,
            "teachers_waiting": waiting["teachers"],
            "schools_waiting": waiting["schools"],
            "recent": _recent_activity(),
        },
    )


@permission_required("teachers.verify_teacher")
def teacher_queue(request):
    """Teachers who named a school and wait for staff, oldest first; narrowed by the region or
    country of their school."""
    filters = TeacherQueueFilterForm(request.GET or None)
    queue = filters.filter(teachers_awaiting_verification())
    page = Paginator(queue, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "staff/teacher_queue.html",
        {"page": page, "filters": filters, "queue_query": filters.querystring()},
    )


def _queue_query(request) -> str:
    """The queue's filters the review was opened with ("region=asia"), kept on its forms so that
    staff go back to the same filtered queue after a decision."""
    if not request.GET:
        return ""
    return TeacherQueueFilterForm(request.GET).querystring()


def _back_to_queue(query: str):
    url = reverse("staff:teacher_queue")
    return redirect(f"{url}?{query}" if query else url)


@permission_required("teachers.verify_teacher")
@require_GET
def teacher_review(request, pk: int):
    """One teacher in any state: verify them, or say why not (the teacher is told by e-mail)."""
    profile = get_object_or_404(teachers_for_review(), pk=pk)
    return _review_page(request, profile)


@permission_required("teachers.verify_teacher")
@require_POST
def teacher_verify_action(request, pk: int):
    """Verify that the teacher teaches at their (verified) school; they are told by e-mail."""
    profile = get_object_or_404(teachers_for_review(), pk=pk)
    form = TeacherVerifyForm(request.POST, profile=profile)
    if form.is_valid():
        try:
            teacher_verify(profile=profile, by=request.user)
        except TeacherError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(name)s is verified and has been told by e-mail.") % {"name": profile.user},
            )
            return _back_to_queue(_queue_query(request))
    return _review_page(request, profile, verify_form=form)


@permission_required("teachers.verify_teacher")
@require_POST
def teacher_reject_action(request, pk: int):
    """Do not verify the teacher (or withdraw their verification), saying why by e-mail."""
    profile = get_object_or_404(teachers_for_review(), pk=pk)
    form = TeacherRejectForm(request.POST)
    if form.is_valid():
        try:
            teacher_reject(profile=profile, by=request.user, reason=form.cleaned_data["reason"])
        except TeacherError as error:
            form.add_error("reason", str(error))
        else:
            messages.success(
                request,
                _("%(name)s is not verified; they have been told why by e-mail.")
                % {"name": profile.user},
            )
            return _back_to_queue(_queue_query(request))
    return _review_page(request, profile, reject_form=form)


def _review_page(
    request,
    profile: TeacherProfile,
    *,
    verify_form: TeacherVerifyForm | None = None,
    reject_form: TeacherRejectForm | None = None,
):
    """The review page, with the form an action bound (its errors shown) and the other empty."""
    return render(
        request,
        "staff/teacher_review.html",
        {
            "profile": profile,
            "verify_form": TeacherVerifyForm(profile=profile)
            if verify_form is None
            else verify_form,
            "reject_form": TeacherRejectForm() if reject_form is None else reject_form,
            "history": audit_history(target=profile, labels=ACTION_LABELS),
            "queue_query": _queue_query(request),
        },
    )


@permission_required("teachers.edit_any_profile")
@require_http_methods(["GET", "POST"])
def teacher_edit(request, pk: int):
    """Staff correct what partners see of a teacher; the change is recorded as theirs."""
    profile = get_object_or_404(teachers_for_review(), pk=pk)
    form = StaffProfileForm(request.POST or None, request.FILES or None, profile=profile)
    if request.method == "POST" and form.is_valid():
        try:
            teacher_profile_update(profile=profile, by=request.user, **form.profile_fields())
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request, _("The profile of %(name)s is saved.") % {"name": profile.user}
            )
            return redirect("staff:teacher_review", pk=profile.pk)
    return render(request, "staff/teacher_edit.html", {"profile": profile, "form": form})
